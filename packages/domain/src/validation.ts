import { z } from 'zod';
import type { Message } from './messages/define.ts';
import { validationMessages, type ListNoun } from './messages/validation.ts';
import { ValidationError } from './errors.ts';

/**
 * Every zod message comes out as "Vietnamese / English", from the catalog's
 * `validation.` messages (never zod's own locales, which speak of "array" and
 * ">=1"): schema-level messages are written with `issueText`, and the
 * configuration below words every other issue by its code, its type and the
 * field it is about. `describeIssue` splits them again.
 */

type Key = keyof typeof validationMessages;
type ParamsOf<K extends Key> = (typeof validationMessages)[K] extends Message<infer P, string> ? P : never;
// biome-ignore lint/suspicious/noConfusingVoidType: a message without parameters is declared with void.
type ArgsOf<K extends Key> = [ParamsOf<K>] extends [void] ? [] : [params: ParamsOf<K>];

/** A validation message in both languages, "vi / en", as a zod message (`.min(1, issueText('validation.password'))`). */
export function issueText<K extends Key>(key: K, ...args: ArgsOf<K>): string {
  const m = validationMessages[key] as Message<unknown, string>;
  return `${m.vi(args[0])} / ${m.en(args[0])}`;
}

/** What the lists of our schemas hold, by their field's name; any other list holds "mục". */
const listNouns: Record<string, ListNoun> = {
  addressees: { vi: 'đơn vị', en: 'unit', chosen: true },
  units: { vi: 'đơn vị', en: 'unit', chosen: true },
  tasks: { vi: 'nhiệm vụ', en: 'task' },
  targets: { vi: 'chỉ tiêu', en: 'target' },
  attachments: { vi: 'tệp đính kèm', en: 'attachment' },
  steps: { vi: 'bậc', en: 'step' },
  reminders: { vi: 'lần nhắc', en: 'reminder' },
};
const item: ListNoun = { vi: 'mục', en: 'item' };

type RawIssue = z.core.$ZodRawIssue;
const fieldOf = (issue: RawIssue): string | undefined => issue.path?.filter((p): p is string => typeof p === 'string').at(-1);
const nounOf = (issue: RawIssue): ListNoun => listNouns[fieldOf(issue) ?? ''] ?? item;
/** The string format of the schema that raised the issue (`date` for z.iso.date()), from zod's definition. */
const formatOf = (issue: RawIssue): string | undefined =>
  (issue.inst as { _zod?: { def?: { format?: unknown } } } | undefined)?._zod?.def?.format as string | undefined;
const dateFormats = new Set(['date']);
const timeFormats = new Set(['time', 'datetime', 'duration']);
const idFormats = new Set(['uuid', 'uuidv4', 'uuidv6', 'uuidv7', 'guid', 'cuid', 'cuid2', 'ulid', 'nanoid', 'xid', 'ksuid']);

function missing(issue: RawIssue & { expected?: string }): string {
  const noun = nounOf(issue);
  if (issue.expected === 'array' && noun.chosen) return issueText('validation.chooseAtLeast', { n: 1, noun });
  if (dateFormats.has(formatOf(issue) ?? '')) return issueText('validation.noDate');
  return issueText('validation.required');
}

function wrongType(issue: Extract<RawIssue, { code: 'invalid_type' }>): string {
  if (issue.input === undefined || issue.input === null) return missing(issue);
  switch (issue.expected) {
    case 'number':
    case 'bigint':
    case 'nan':
      return issueText('validation.number');
    case 'int':
      return typeof issue.input === 'number' ? issueText('validation.wholeNumber') : issueText('validation.number');
    case 'string':
      if (Array.isArray(issue.input)) return issueText('validation.oneValue');
      return dateFormats.has(formatOf(issue) ?? '') ? issueText('validation.date') : issueText('validation.text');
    case 'boolean':
      return issueText('validation.yesNo');
    case 'array':
    case 'tuple':
    case 'set':
      return issueText('validation.list');
    case 'object':
    case 'record':
    case 'map':
      return issueText('validation.details');
    case 'date':
      return issueText('validation.date');
    default:
      return issueText('validation.wrongKind');
  }
}

const isList = (origin: string): boolean => origin === 'array' || origin === 'set' || origin === 'map';
const isNumber = (origin: string): boolean => origin === 'number' || origin === 'bigint' || origin === 'int';

function tooSmall(issue: Extract<RawIssue, { code: 'too_small' }>): string {
  const n = Number(issue.minimum);
  if (isList(issue.origin)) {
    const noun = nounOf(issue);
    if (issue.exact) return issueText('validation.exactly', { n, noun });
    return noun.chosen ? issueText('validation.chooseAtLeast', { n, noun }) : issueText('validation.atLeast', { n, noun });
  }
  if (issue.origin === 'string') {
    if (issue.exact) return issueText('validation.exactChars', { n });
    return n <= 1 ? issueText('validation.required') : issueText('validation.minChars', { n });
  }
  if (isNumber(issue.origin)) {
    if (!issue.inclusive) return issueText('validation.aboveNumber', { n });
    return n === 0 ? issueText('validation.notNegative') : issueText('validation.minNumber', { n });
  }
  return issueText('validation.invalid');
}

function tooBig(issue: Extract<RawIssue, { code: 'too_big' }>): string {
  const n = Number(issue.maximum);
  if (isList(issue.origin)) {
    const noun = nounOf(issue);
    return issue.exact ? issueText('validation.exactly', { n, noun }) : issueText('validation.atMost', { n, noun });
  }
  if (issue.origin === 'string') return issue.exact ? issueText('validation.exactChars', { n }) : issueText('validation.maxChars', { n });
  if (isNumber(issue.origin)) return issue.inclusive ? issueText('validation.maxNumber', { n }) : issueText('validation.belowNumber', { n });
  return issueText('validation.invalid');
}

function badFormat(format: string): string {
  if (dateFormats.has(format)) return issueText('validation.date');
  if (timeFormats.has(format)) return issueText('validation.time');
  if (idFormats.has(format)) return issueText('validation.id');
  if (format === 'email') return issueText('validation.email');
  if (format === 'base64' || format === 'base64url') return issueText('validation.file');
  return issueText('validation.format');
}

/** The message of an issue its schema did not word itself. */
export function issueMessage(issue: RawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return wrongType(issue);
    case 'invalid_value':
      return issue.input === undefined ? issueText('validation.notChosen') : issueText('validation.choose');
    case 'too_small':
      return tooSmall(issue);
    case 'too_big':
      return tooBig(issue);
    case 'invalid_format':
      return badFormat(issue.format);
    case 'not_multiple_of':
      return issueText('validation.multipleOf', { n: Number(issue.divisor) });
    case 'unrecognized_keys':
      return issueText('validation.unknownField');
    case 'invalid_key':
      return issue.path?.includes('values') ? issueText('validation.targetCode') : issueText('validation.badName');
    case 'invalid_union':
      if (issue.input === undefined) return issueText('validation.required');
      return (issue as { note?: string }).note === 'No matching discriminator' ? issueText('validation.choose') : issueText('validation.invalid');
    default:
      return issueText('validation.invalid');
  }
}

z.config({ customError: issueMessage });

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
