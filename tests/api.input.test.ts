import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chiThiTetGiapThin2024 } from '@dondoc/db';
import { createTestContext, type TestContext } from './support/context.ts';
import { databaseFingerprint, startApi, users, type TestApi } from './support/api.ts';

/**
 * Malformed requests get a 4xx naming the problem, and the database is the same
 * afterwards (checked by fingerprinting every table a request could write).
 */
describe('bad input', () => {
  let t: TestContext;
  let api: TestApi;
  let office: string;
  let officer: string;
  let admin: string;
  let assignmentId: string;

  beforeAll(async () => {
    t = await createTestContext();
    await t.seed(); // the demo directive exists: its number is taken
    api = await startApi(t);
    office = await api.token(users.office);
    officer = await api.token(users.officer('so-tttt'));
    admin = await api.token(users.admin);
    const a = await t.db
      .selectFrom('assignments as a')
      .innerJoin('units as u', 'u.id', 'a.unit_id')
      .select('a.id')
      .where('u.code', '=', 'so-tttt')
      .executeTakeFirstOrThrow();
    assignmentId = a.id;
  });
  afterAll(async () => {
    await api?.close();
    await t?.close();
  });

  const fresh = { ...chiThiTetGiapThin2024, numberSymbol: '40/CT-UBND' };
  const withTask = (patch: object) => ({ ...fresh, tasks: [{ ...fresh.tasks[1]!, ...patch }] });

  type Case = [
    name: string,
    request: {
      path?: string;
      method?: string;
      json?: unknown;
      raw?: string | Uint8Array;
      headers?: Record<string, string>;
      token?: 'office' | 'officer' | 'admin';
    },
    status: number,
    code: string,
    field: string | null,
  ];
  const cases: Case[] = [
    ['a missing field', { json: (({ numberSymbol: _, ...rest }) => rest)(fresh) }, 400, 'VALIDATION', 'numberSymbol'],
    ['an extra field', { json: { ...fresh, priority: 'cao' } }, 400, 'VALIDATION', 'priority'],
    ['an extra field in a task', { json: withTask({ owner: 'x' }) }, 400, 'VALIDATION', 'tasks.0.owner'],
    ['a wrong type', { json: { ...fresh, tasks: 'nhiều' } }, 400, 'VALIDATION', 'tasks'],
    ['a number for a string', { json: { ...fresh, subject: 42 } }, 400, 'VALIDATION', 'subject'],
    ['a deadline before the issue date', { json: withTask({ deadline: { kind: 'date', date: '2023-12-01' } }) }, 400, 'VALIDATION', 'tasks.0.deadline.date'],
    ['an impossible date', { json: { ...fresh, issuedOn: '2023-02-30' } }, 400, 'VALIDATION', 'issuedOn'],
    ['an unknown unit', { json: withTask({ addressees: [{ unit: 'so-khong-co', role: 'lead' }] }) }, 400, 'VALIDATION', 'tasks.0.addressees.0.unit'],
    ['an unknown unit group', { json: withTask({ addressees: [{ group: 'cac-bo', role: 'lead' }] }) }, 400, 'VALIDATION', 'tasks.0.addressees.0.group'],
    ['a duplicate number and symbol', { json: chiThiTetGiapThin2024 }, 409, 'DUPLICATE', 'numberSymbol'],
    [
      'a 10 MB body',
      { raw: JSON.stringify({ ...fresh, body: 'x'.repeat(10 * 1024 * 1024) }), headers: { 'content-type': 'application/json' } },
      413,
      'BODY_TOO_LARGE',
      null,
    ],
    [
      'invalid UTF-8',
      { raw: Buffer.concat([Buffer.from('{"subject":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]), headers: { 'content-type': 'application/json' } },
      400,
      'INVALID_ENCODING',
      null,
    ],
    ['broken JSON', { raw: '{"subject": "Chỉ thị",', headers: { 'content-type': 'application/json' } }, 400, 'INVALID_JSON', null],
    ['a prototype-poisoning key', { raw: '{"__proto__": {"admin": true}}', headers: { 'content-type': 'application/json' } }, 400, 'INVALID_JSON', null],
    ['a body that is not JSON', { raw: 'subject=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 415, 'UNSUPPORTED_MEDIA_TYPE', null],
    ['a control character', { json: { ...fresh, subject: 'Chỉ thị\u0000 về Tết' } }, 400, 'VALIDATION', 'subject'],
    ['an escape sequence', { json: { ...fresh, signer: 'Trần\u001b[31m Minh Quang' } }, 400, 'VALIDATION', 'signer'],
    ['HTML in free text', { json: { ...fresh, subject: '<script>alert("xss")</script>' } }, 400, 'VALIDATION', 'subject'],
    ['HTML in a task title', { json: withTask({ title: '<img src=x onerror=alert(1)>' }) }, 400, 'VALIDATION', 'tasks.0.title'],
    ['SQL in a unit code', { json: { ...fresh, issuerUnit: "ubnd-tinh'; DROP TABLE units; --" } }, 400, 'VALIDATION', 'issuerUnit'],
    ['SQL in the number', { json: { ...fresh, numberSymbol: "40/CT' OR '1'='1" } }, 400, 'VALIDATION', 'numberSymbol'],
    ['SQL in a path id', { method: 'GET', path: "/api/v1/assignments/1'%20OR%201=1--" }, 400, 'VALIDATION', 'params.id'],
    ['SQL in a query filter', { method: 'GET', path: "/api/v1/directives?state=issued'%20OR%20'1'='1" }, 400, 'VALIDATION', 'querystring.state'],
    ['an unknown query parameter', { method: 'GET', path: '/api/v1/directives?sort=subject' }, 400, 'VALIDATION', 'querystring.sort'],
    ['a page size over the limit', { method: 'GET', path: '/api/v1/directives?pageSize=5000' }, 400, 'VALIDATION', 'querystring.pageSize'],
    [
      'a negative target value',
      { json: withTask({ targets: [{ code: 'so-vu', name: 'Số vụ', unitOfMeasure: 'vụ', targetValue: -3 }] }) },
      400,
      'VALIDATION',
      'tasks.0.targets.0.targetValue',
    ],
    ['a report without text', { path: 'ASSIGNMENT/submit-report', json: { values: {} }, token: 'officer' }, 400, 'VALIDATION', 'text'],
    [
      'a report value for a target the task lacks',
      { path: 'ASSIGNMENT/submit-report', json: { text: 'Đã làm', values: { 'so-vu': 3 } }, token: 'officer' },
      400,
      'VALIDATION',
      'values.so-vu',
    ],
    ['an extension without a reason', { path: 'ASSIGNMENT/request-extension', json: { dueDate: '2024-03-01' }, token: 'officer' }, 400, 'VALIDATION', 'reason'],
    [
      'an extension to an earlier date',
      { path: 'ASSIGNMENT/request-extension', json: { dueDate: '2024-01-15', reason: 'x' }, token: 'officer' },
      400,
      'VALIDATION',
      'dueDate',
    ],
    ['a command the state does not allow', { path: 'ASSIGNMENT/submit-report', json: { text: 'Đã làm' }, token: 'officer' }, 409, 'ILLEGAL_TRANSITION', null],
    ['a stale version', { path: 'ASSIGNMENT/acknowledge', json: { expectedVersion: 7 }, token: 'officer' }, 409, 'CONFLICT', null],
    ['a malformed idempotency key', { json: fresh, headers: { 'idempotency-key': 'two words' } }, 400, 'VALIDATION', 'Idempotency-Key'],
    ['a text/plain body', { raw: 'a directive', headers: { 'content-type': 'text/plain' } }, 415, 'UNSUPPORTED_MEDIA_TYPE', null],
    ['a bad %-encoding in the path', { method: 'GET', path: '/api/v1/directives/%E0%A4%A' }, 400, 'INVALID_ENCODING', null],
    ['a path segment over the limit', { method: 'GET', path: `/api/v1/directives/${'a'.repeat(3000)}` }, 414, 'URI_TOO_LONG', null],
    ['a NUL byte in a path id', { method: 'GET', path: '/api/v1/assignments/abc%00def' }, 400, 'VALIDATION', 'params.id'],
    [
      'a NUL byte in a unit code',
      { method: 'PATCH', path: '/api/v1/units/so-tt%00tt', json: { name: 'Sở' }, token: 'admin' },
      400,
      'VALIDATION',
      'params.code',
    ],
    ['an empty change to a unit', { method: 'PATCH', path: '/api/v1/units/so-tttt', json: {}, token: 'admin' }, 400, 'VALIDATION', null],
    [
      'an empty change to a user',
      { method: 'PATCH', path: '/api/v1/users/6f1c1e42-5d9a-4c1b-9a57-0b6a1d7e2c11', json: {}, token: 'admin' },
      400,
      'VALIDATION',
      null,
    ],
    [
      'a NUL byte in an email',
      { path: '/api/v1/users', json: { email: 'a\u0000b@hoa-an.example', name: 'A', role: 'unit_officer', unit: 'so-tttt' }, token: 'admin' },
      400,
      'VALIDATION',
      'email',
    ],
    [
      'a yearly holiday on 30 February',
      {
        method: 'PATCH',
        path: '/api/v1/calendar/settings',
        json: { extraHolidays: [{ monthDay: '02-30', nameVi: 'Ngày không có', nameEn: 'No such day' }] },
        token: 'admin',
      },
      400,
      'VALIDATION',
      'extraHolidays.0.monthDay',
    ],
    [
      'a yearly holiday on 29 February',
      {
        method: 'PATCH',
        path: '/api/v1/calendar/settings',
        json: { extraHolidays: [{ monthDay: '02-29', nameVi: 'Ngày nhuận', nameEn: 'Leap day' }] },
        token: 'admin',
      },
      400,
      'VALIDATION',
      'extraHolidays.0.monthDay',
    ],
    [
      'a yearly holiday on 31 April',
      {
        method: 'PATCH',
        path: '/api/v1/calendar/settings',
        json: { extraHolidays: [{ monthDay: '04-31', nameVi: 'Ngày không có', nameEn: 'No such day' }] },
        token: 'admin',
      },
      400,
      'VALIDATION',
      'extraHolidays.0.monthDay',
    ],
    ['an empty calendar change', { method: 'PATCH', path: '/api/v1/calendar/settings', json: {}, token: 'admin' }, 400, 'VALIDATION', null],
  ];

  it.each(cases)('refuses %s', async (_name, req, status, code, field) => {
    const before = await databaseFingerprint(t);
    const path = req.path?.startsWith('ASSIGNMENT')
      ? req.path.replace('ASSIGNMENT', `/api/v1/assignments/${assignmentId}`)
      : (req.path ?? '/api/v1/directives');
    const r = await api.call(req.method ?? 'POST', path, {
      token: req.token === 'officer' ? officer : req.token === 'admin' ? admin : office,
      json: req.json,
      raw: req.raw,
      headers: req.headers,
    });
    expect(r.status, r.text.slice(0, 500)).toBe(status);
    expect(r.body).toMatchObject({ code, field });
    expect(r.body.message.vi).toMatch(/\S/);
    expect(r.body.message.en).toMatch(/\S/);
    expect(r.text, 'the answer does not quote the request back').not.toContain('a'.repeat(200));
    expect(await databaseFingerprint(t)).toEqual(before);
  });

  it('answers over-large headers 431 in the same shape', async () => {
    const r = await api.call('GET', '/api/v1/directives', { token: office, headers: { 'x-padding': 'x'.repeat(20_000) } });
    expect(r.status).toBe(431);
    expect(r.body).toMatchObject({ code: 'HEADERS_TOO_LARGE', field: null, message: { vi: expect.any(String), en: expect.any(String) } });
  });

  it('explains itself in Vietnamese first', async () => {
    const r = await api.call('POST', '/api/v1/directives', { token: office, json: withTask({ deadline: { kind: 'date', date: '2023-12-01' } }) });
    expect(r.body.message).toEqual({
      vi: 'Dữ liệu không hợp lệ ở "tasks.0.deadline.date": Hạn trước ngày ban hành văn bản.',
      en: 'Invalid input at "tasks.0.deadline.date": The deadline is before the issue date.',
    });
    const wrongType = await api.call('POST', '/api/v1/directives', { token: office, json: { ...fresh, subject: 42 } });
    expect(wrongType.body.message.vi).toBe('Dữ liệu không hợp lệ ở "subject": Hãy nhập nội dung bằng chữ.');
    const noTask = await api.call('POST', '/api/v1/directives', { token: office, json: withTask({ addressees: [] }) });
    expect(noTask.body.message).toEqual({
      vi: 'Dữ liệu không hợp lệ ở "tasks.0.addressees": Hãy chọn ít nhất một đơn vị.',
      en: 'Invalid input at "tasks.0.addressees": Choose at least one unit.',
    });
  });

  it('stores text that merely looks like SQL as text', async () => {
    const subject = "Robert'); DROP TABLE directives; -- và các biện pháp khác";
    const r = await api.call('POST', '/api/v1/directives', { token: office, json: { ...fresh, numberSymbol: '41/CT-UBND', subject } });
    expect(r.status, r.text).toBe(201);
    expect(r.body.subject).toBe(subject);
    const count = await t.db
      .selectFrom('directives')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(2);
  });
});

describe('rate limiting', () => {
  let t: TestContext;
  let api: TestApi;
  beforeAll(async () => {
    t = await createTestContext();
    await t.seedUnits();
    api = await startApi(t, { rateLimit: { max: 5, windowMs: 60_000 } });
  });
  afterAll(async () => {
    await api?.close();
    await t?.close();
  });

  it('answers 429 past the limit, per caller', async () => {
    const office = await api.token(users.office);
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await api.call('GET', '/api/v1/directives', { token: office })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const limited = await api.call('GET', '/api/v1/directives', { token: office });
    expect(limited.body).toMatchObject({ code: 'RATE_LIMITED', field: null });
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    // Another caller has their own allowance.
    expect((await api.call('GET', '/api/v1/directives', { token: await api.token(users.chairman) })).status).toBe(200);
  });
});
