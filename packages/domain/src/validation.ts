import { z } from 'zod';
import { ValidationError } from './errors.ts';

/**
 * Every zod message comes out as "Vietnamese / English": schema-level messages
 * are written that way, and this makes zod's own messages follow suit using its
 * Vietnamese and English locales. `describeIssue` splits them again.
 */
const vi = z.locales.vi().localeError;
const en = z.locales.en().localeError;
const render = (fn: typeof vi, issue: Parameters<typeof vi>[0]) => {
  const r = fn(issue);
  return typeof r === 'string' ? r : (r?.message ?? '');
};
z.config({ customError: (issue) => `${render(vi, issue)} / ${render(en, issue)}` });

export interface IssueLike {
  path: readonly PropertyKey[];
  message: string;
  code?: string;
  keys?: readonly string[];
}

/** The field an issue is about (an unknown key names itself) and its message in both languages. */
export function describeIssue(issue: IssueLike): { field: string; vi: string; en: string } {
  const path = issue.code === 'unrecognized_keys' && issue.keys?.length ? [...issue.path, issue.keys[0]!] : issue.path;
  const field = path.map(String).join('.');
  const cut = issue.message.indexOf(' / ');
  const [viMsg, enMsg] = cut < 0 ? [issue.message, issue.message] : [issue.message.slice(0, cut), issue.message.slice(cut + 3)];
  return { field, vi: viMsg, en: enMsg };
}

export function toValidationError(issue: IssueLike, prefix = ''): ValidationError {
  const d = describeIssue(issue);
  const field = [prefix, d.field].filter(Boolean).join('.');
  return new ValidationError(`Dữ liệu không hợp lệ ở "${field}": ${d.vi}`, `Invalid input at "${field}": ${d.en}`, field || undefined);
}
