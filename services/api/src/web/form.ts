import { formatNumber, parseNumber, say } from '@dondoc/domain';
import { html, type Lang, type Raw } from './html.ts';

/**
 * Form posts as the API's schemas expect them. A form field arrives as a
 * string, or an array when it was sent twice; an array is passed on as it is,
 * so the schema refuses it ("expected string") rather than one copy winning.
 * Numbers are read as the page's language writes them (`1.250` is 1250 on a
 * Vietnamese page); anything else typed in a number field stays a string, for
 * the schema to refuse.
 */
export type FormBody = Record<string, string | string[] | undefined>;

/**
 * A report form's value field per target: its label (unit of measure, the
 * target set, grouped as the page's language writes numbers), its message,
 * the input. The input takes what `numberField` reads (`1.250` on a
 * Vietnamese page), so it is a text field with a decimal keypad, not a
 * number input (which would refuse the grouping dot).
 */
export function valueInputs(
  targets: { code: string; name: string | null; unitOfMeasure: string; targetValue: number }[],
  targetWord: string,
  err: (field: string) => Raw | '',
  form: FormBody,
  lang: Lang,
): Raw[] {
  return targets.map((g) => {
    const set = formatNumber(g.targetValue, lang);
    const label = html`<label for="value-${g.code}">${g.name ?? g.code} (${g.unitOfMeasure}; ${targetWord} ${set})</label>`;
    const input = html`<input id="value-${g.code}" name="value:${g.code}" inputmode="decimal" value="${shown(form, `value:${g.code}`)}">`;
    return html`${label}${err(`values.${g.code}`)}${input}`;
  });
}

/** The form's fields without the CSRF token (checked before the handler runs). */
export function formFields(body: unknown): FormBody {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return {};
  const { _csrf: _, ...rest } = body as Record<string, string | string[]>;
  return rest;
}

/** A number field: a number when it reads as one in the page's language, undefined when empty, else what was typed. */
export function numberField(v: string | string[] | undefined, lang: Lang): number | string | string[] | undefined {
  if (typeof v !== 'string') return v;
  const t = v.trim();
  if (t === '') return undefined;
  return parseNumber(t, lang) ?? t;
}

/** The `value:<code>` fields of a report form, as the schema's `values` record. */
export function valuesFields(form: FormBody, lang: Lang): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(form)) {
    if (!k.startsWith('value:')) continue;
    const n = numberField(v, lang);
    if (n !== undefined) values[k.slice('value:'.length)] = n;
  }
  return values;
}

/** The first value of a field for showing it back in the form. */
export const shown = (form: FormBody, name: string): string => [form[name] ?? ''].flat()[0] ?? '';

/**
 * A refusal the form has no field for (a tampered form, a target the task
 * lacks), as one line a person can read: the field named in words where it
 * can be ("Chỉ tiêu x: …"), never as its path.
 */
export function unplacedLine(field: string, message: string, lang: Lang): Raw {
  const target = /^values\.(.+)$/.exec(field)?.[1];
  return target ? html`<p>${say(lang)('common.target')} “${target}”: ${message}</p>` : html`<p>${message}</p>`;
}
