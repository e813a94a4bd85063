import { describe, expect, it } from 'vitest';
import {
  describeIssue,
  directiveInputSchema,
  escalationPolicySchema,
  issueMessage,
  messages,
  regimeInputSchema,
  reminderPolicySchema,
  reportInputSchema,
} from '@dondoc/domain';
import { chiThiTetGiapThin2024 } from '@dondoc/db';
import { directiveListQuery, idParams, signInBody, unitReportSubmitBody } from '../services/api/src/http/schemas.ts';

/**
 * Every message a refused value can get reads as a clerk would write it: in
 * Vietnamese with no English, no zod type names, no ">=", no ISO date format;
 * and the English half is English. Each zod issue code our schemas produce is
 * produced here through the real schemas.
 */
const leaksInVi = [
  />=|<=|\binstanceof\b/,
  /\b(array|string|number|boolean|object|undefined|null|NaN|record|int|enum)\b/i,
  /yyyy|mm-dd|hh:mm/i,
  /\b(the|must|should|expected|invalid|required|input|received|too|value|field|not|must)\b/i,
  /\b(Quá nhỏ|Quá lớn|mong đợi|nhận được|Đầu vào)\b/,
];
const vietnameseLetters = /[ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ]/i;

function checkWording(vi: string, en: string, where: string): void {
  for (const leak of leaksInVi) expect(vi, `${where}: ${vi}`).not.toMatch(leak);
  expect(vi, where).toMatch(/^\p{Lu}/u);
  expect(vi, where).toMatch(/[.)]$/);
  expect(en, where).not.toMatch(vietnameseLetters);
  expect(en, where).not.toMatch(/>=|<=|yyyy|\b(array|string|undefined)\b/);
  expect(en, where).toMatch(/^\p{Lu}/u);
}

const fresh = { ...chiThiTetGiapThin2024, numberSymbol: '40/CT-UBND' };
const task = fresh.tasks[1]!;
const withTask = (patch: object) => ({ ...fresh, tasks: [{ ...task, ...patch }] });

/** A zod schema, as far as this test uses one. */
type Schema = { safeParse(input: unknown): { success: boolean; error?: { issues: { code: string; path: PropertyKey[]; message: string }[] } } };
type Case = [name: string, schema: Schema, input: unknown, code: string, field: string, vi: string, en: string];
const cases: Case[] = [
  ['a missing field', directiveInputSchema, { ...fresh, subject: undefined }, 'invalid_type', 'subject', 'Chưa nhập.', 'Required.'],
  ['a missing date', directiveInputSchema, { ...fresh, issuedOn: undefined }, 'invalid_type', 'issuedOn', 'Chưa chọn ngày.', 'No date chosen.'],
  [
    'no addressee',
    directiveInputSchema,
    withTask({ addressees: [] }),
    'too_small',
    'tasks.0.addressees',
    'Hãy chọn ít nhất một đơn vị.',
    'Choose at least one unit.',
  ],
  [
    'addressees left out',
    directiveInputSchema,
    withTask({ addressees: undefined }),
    'invalid_type',
    'tasks.0.addressees',
    'Hãy chọn ít nhất một đơn vị.',
    'Choose at least one unit.',
  ],
  ['no task', directiveInputSchema, { ...fresh, tasks: [] }, 'too_small', 'tasks', 'Cần ít nhất một nhiệm vụ.', 'At least one task needed.'],
  [
    '201 tasks',
    directiveInputSchema,
    { ...fresh, tasks: Array.from({ length: 201 }, (_, i) => ({ ...task, ordinal: i + 1 })) },
    'too_big',
    'tasks',
    'Nhiều nhất 200 nhiệm vụ.',
    'At most 200 tasks.',
  ],
  ['a list as text', directiveInputSchema, { ...fresh, tasks: 'nhiều' }, 'invalid_type', 'tasks', 'Cần một danh sách các mục.', 'A list of items is expected.'],
  ['an empty title', directiveInputSchema, withTask({ title: '   ' }), 'too_small', 'tasks.0.title', 'Chưa nhập.', 'Required.'],
  [
    'a long subject',
    directiveInputSchema,
    { ...fresh, subject: 'a'.repeat(1001) },
    'too_big',
    'subject',
    'Không được dài quá 1.000 ký tự.',
    'At most 1,000 characters.',
  ],
  ['a number for text', directiveInputSchema, { ...fresh, subject: 42 }, 'invalid_type', 'subject', 'Hãy nhập nội dung bằng chữ.', 'Enter text.'],
  ['two values for one', reportInputSchema, { text: ['a', 'b'] }, 'invalid_type', 'text', 'Chỉ nhập một giá trị cho mục này.', 'Enter one value only.'],
  [
    'text for a number',
    reportInputSchema,
    { text: 'Đã làm.', values: { x: 'mười' } },
    'invalid_type',
    'values.x',
    'Hãy nhập một số (ví dụ 1.250 hoặc 12,5).',
    'Enter a number (for example 1,250 or 12.5).',
  ],
  [
    'a fraction of a day',
    directiveInputSchema,
    withTask({ deadline: { kind: 'working_days', days: 1.5 } }),
    'invalid_type',
    'tasks.0.deadline.days',
    'Hãy nhập một số nguyên (ví dụ 5).',
    'Enter a whole number (for example 5).',
  ],
  [
    'a negative target',
    directiveInputSchema,
    withTask({ targets: [{ code: 'x', name: 'X', unitOfMeasure: 'hồ sơ', targetValue: -1 }] }),
    'too_small',
    'tasks.0.targets.0.targetValue',
    'Không được là số âm.',
    'Cannot be negative.',
  ],
  [
    'zero working days',
    directiveInputSchema,
    withTask({ deadline: { kind: 'working_days', days: 0 } }),
    'too_small',
    'tasks.0.deadline.days',
    'Không được nhỏ hơn 1.',
    'Must be at least 1.',
  ],
  [
    'too many working days',
    directiveInputSchema,
    withTask({ deadline: { kind: 'working_days', days: 1000 } }),
    'too_big',
    'tasks.0.deadline.days',
    'Không được lớn hơn 365.',
    'Must be at most 365.',
  ],
  ['no hours', reminderPolicySchema, { reminders: [{ hoursBefore: 0 }] }, 'too_small', 'reminders.0.hoursBefore', 'Phải lớn hơn 0.', 'Must be more than 0.'],
  [
    'a reminder of neither kind',
    reminderPolicySchema,
    { reminders: [7] },
    'invalid_union',
    'reminders.0',
    'Giá trị này không dùng được.',
    'This value cannot be used.',
  ],
  [
    'an impossible date',
    directiveInputSchema,
    { ...fresh, issuedOn: '2023-02-30' },
    'invalid_format',
    'issuedOn',
    'Hãy chọn một ngày có thật (ngày/tháng/năm, ví dụ 05/02/2026).',
    'Choose a real date (day/month/year, for example 05/02/2026).',
  ],
  [
    'an unknown type',
    directiveInputSchema,
    { ...fresh, type: 'sac_lenh' },
    'invalid_value',
    'type',
    'Hãy chọn một trong các mục có sẵn.',
    'Choose one of the options offered.',
  ],
  ['no type', directiveInputSchema, { ...fresh, type: undefined }, 'invalid_value', 'type', 'Chưa chọn.', 'Not chosen.'],
  [
    'an unknown deadline kind',
    directiveInputSchema,
    withTask({ deadline: { kind: 'soon' } }),
    'invalid_union',
    'tasks.0.deadline.kind',
    'Hãy chọn một trong các mục có sẵn.',
    'Choose one of the options offered.',
  ],
  [
    'an extra field',
    directiveInputSchema,
    { ...fresh, priority: 'cao' },
    'unrecognized_keys',
    'priority',
    'Trường này không có trong biểu mẫu.',
    'This field is not part of the form.',
  ],
  [
    'a bad target code',
    unitReportSubmitBody,
    { text: 'Đã làm.', values: { 'Số Hồ Sơ': 1 } },
    'invalid_key',
    'values.Số Hồ Sơ',
    'Mã chỉ tiêu không đúng.',
    'Not a valid target code.',
  ],
  ['a bad id', idParams, { id: 'abc' }, 'invalid_format', 'id', 'Mã không đúng.', 'Not a valid identifier.'],
  [
    'a broken attachment',
    unitReportSubmitBody,
    { text: 'Đã làm.', attachments: [{ filename: 'a.pdf', contentType: 'application/pdf', dataBase64: '%%%' }] },
    'invalid_format',
    'attachments.0.dataBase64',
    'Tệp đính kèm bị hỏng (không đọc được).',
    'The attached file is damaged (it cannot be read).',
  ],
  [
    'four attachments',
    unitReportSubmitBody,
    { text: 'Đã làm.', attachments: Array(4).fill({ filename: 'a.pdf', contentType: 'application/pdf', dataBase64: 'AA==' }) },
    'too_big',
    'attachments',
    'Nhiều nhất 3 tệp đính kèm.',
    'At most 3 attachments.',
  ],
  [
    'a bad file name',
    unitReportSubmitBody,
    { text: 'Đã làm.', attachments: [{ filename: 'a/b.pdf', contentType: 'application/pdf', dataBase64: 'AA==' }] },
    'invalid_format',
    'attachments.0.filename',
    'Tên tệp chỉ gồm chữ, chữ số, dấu cách và các dấu . _ ( ) -, dài tối đa 120 ký tự.',
    'A file name has letters, digits, spaces and . _ ( ) -, at most 120 characters.',
  ],
  [
    'a bad unit code',
    directiveListQuery,
    { unit: 'Sở TTTT' },
    'invalid_format',
    'unit',
    'Mã chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang (ví dụ so-tttt).',
    'A code has lowercase letters without accents, digits and dashes (for example so-tttt).',
  ],
  ['a page past the end', directiveListQuery, { page: '0' }, 'too_small', 'page', 'Không được nhỏ hơn 1.', 'Must be at least 1.'],
  [
    'a bad number and symbol',
    directiveInputSchema,
    { ...fresh, numberSymbol: 'CT-UBND' },
    'invalid_format',
    'numberSymbol',
    'Số, ký hiệu văn bản chưa đúng dạng; hãy ghi như 146/KH-UBND.',
    'Not a document number and symbol; write it as 146/KH-UBND.',
  ],
  [
    'a unit and a group',
    directiveInputSchema,
    withTask({ addressees: [{ unit: 'so-tttt', group: 'cac-so' }] }),
    'custom',
    'tasks.0.addressees.0',
    'Hãy chọn một đơn vị hoặc một nhóm đơn vị, không chọn cả hai.',
    'Choose a unit or a group of units, not both.',
  ],
  [
    'a deadline before the issue date',
    directiveInputSchema,
    withTask({ deadline: { kind: 'date', date: '2023-12-01' } }),
    'custom',
    'tasks.0.deadline.date',
    'Hạn trước ngày ban hành văn bản.',
    'The deadline is before the issue date.',
  ],
  [
    'markup',
    reportInputSchema,
    { text: '<b>Đã làm</b>' },
    'custom',
    'text',
    'Không được chứa mã HTML (như <b>).',
    'Must not contain HTML markup (such as <b>).',
  ],
  [
    'a control character',
    reportInputSchema,
    { text: 'Đã làm\u0007' },
    'custom',
    'text',
    'Có ký tự điều khiển không in ra được; hãy gõ lại đoạn này.',
    'Contains control characters; type this text again.',
  ],
  [
    'a time of 25:00',
    regimeInputSchema,
    { kind: 'monthly', dueRule: { kind: 'day_of_last_month', day: 5, at: '25:00' } },
    'invalid_format',
    'dueRule.at',
    'Hãy nhập giờ dạng giờ:phút, ví dụ 08:00.',
    'Enter a time as hours:minutes, for example 08:00.',
  ],
  [
    'two rungs',
    escalationPolicySchema,
    { steps: [{ workingDaysAfter: 1 }, { workingDaysAfter: 2 }] },
    'too_small',
    'steps',
    'Thang đôn đốc phải có đúng 3 bậc.',
    'The escalation ladder has exactly 3 steps.',
  ],
  ['no password', signInBody, { email: 'a@b.c', password: '' }, 'too_small', 'password', 'Chưa nhập mật khẩu.', 'Enter the password.'],
];

describe('validation messages', () => {
  for (const [name, schema, input, code, field, vi, en] of cases) {
    it(`words ${name} (${code}) for a clerk, in both languages`, () => {
      const r = schema.safeParse(input);
      expect(r.success).toBe(false);
      const issue = r.error!.issues.find((i) => i.code === code);
      expect(issue, JSON.stringify(r.error!.issues)).toBeDefined();
      const d = describeIssue(issue!);
      expect(d).toEqual({ field, vi, en });
      checkWording(d.vi, d.en, name);
    });
  }

  it('covers every issue code zod can raise', () => {
    const codes = new Set(cases.map((c) => c[3]));
    const zodCodes = ['invalid_type', 'too_big', 'too_small', 'invalid_format', 'invalid_union', 'invalid_key', 'invalid_value', 'unrecognized_keys', 'custom'];
    for (const c of zodCodes) expect(codes, c).toContain(c);
    // The codes no schema of ours raises still get a sentence, never zod's own.
    for (const issue of [
      { code: 'not_multiple_of', divisor: 5, input: 3 },
      { code: 'invalid_element', origin: 'map', issues: [], input: new Map() },
      { code: 'too_small', origin: 'date', minimum: 0, inclusive: true, input: new Date() },
      { code: 'invalid_format', format: 'email', input: 'x' },
      { code: 'invalid_format', format: 'jwt', input: 'x' },
      { code: 'invalid_type', expected: 'boolean', input: 'có' },
      { code: 'invalid_type', expected: 'object', input: 'x' },
      { code: 'invalid_type', expected: 'date', input: 'x' },
      { code: 'invalid_type', expected: 'symbol', input: 'x' },
      { code: 'too_big', origin: 'string', maximum: 3, exact: true, inclusive: true, input: 'abcd' },
      { code: 'too_big', origin: 'number', maximum: 5, inclusive: false, input: 6 },
      { code: 'too_small', origin: 'number', minimum: 0, inclusive: false, input: 0 },
      { code: 'too_small', origin: 'string', minimum: 5, inclusive: true, input: 'ab' },
    ] as unknown as Parameters<typeof issueMessage>[0][]) {
      const d = describeIssue({ path: [], message: issueMessage(issue) });
      checkWording(d.vi, d.en, JSON.stringify(issue));
    }
  });

  it('keeps every validation message of the catalog free of internals, with sample parameters', () => {
    const sample = { n: 2, noun: { vi: 'mục', en: 'item' }, code: 'ho-so', ordinal: 3 };
    const keys = Object.keys(messages).filter((k) => k.startsWith('validation.'));
    expect(keys.length).toBeGreaterThan(40);
    for (const key of keys) {
      const m = messages[key as keyof typeof messages] as { vi: (p: unknown) => string; en: (p: unknown) => string };
      checkWording(m.vi(sample), m.en(sample), key);
    }
  });
});
