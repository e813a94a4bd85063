import { z } from 'zod';
import { issueText } from './validation.ts';

/**
 * Free text as people write it. Line breaks and tabs are fine; other control
 * characters and markup ("<b>", "</p>", "<!--") are refused, since nothing a
 * unit writes in a report or a directive needs them and the pages that show it
 * should never meet them. A lone "<" as in "tỷ lệ < 5%" is text.
 */
const controlChars = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const markup = /<[A-Za-z!/?]/;

export function text(opts: { min?: number; max: number }) {
  return z
    .string()
    .trim()
    .min(opts.min ?? 0)
    .max(opts.max)
    .refine((s) => !controlChars.test(s), issueText('validation.controlChars'))
    .refine((s) => !markup.test(s), issueText('validation.markup'));
}

/** A stable lowercase code for units and groups: `so-tttt`, `ubnd-cap-huyen`. */
export const code = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, issueText('validation.code'));

export const localDate = z.iso.date();
