import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPeriod, seedDemo } from '@dondoc/db';
import { createTestContext, type TestContext } from './support/context.ts';
import { databaseFingerprint, startApi, users, type TestApi } from './support/api.ts';
import { officeActor } from './support/commands.ts';
import { signIn, type WebClient } from './support/web.ts';

/**
 * The report form's uploads (multipart) are held to the API's rules: its
 * schema (at most three files, file names it accepts) and its 2 MB size
 * check, the session's CSRF token, and no 5xx for a body that is not
 * multipart at all; a refused post stores nothing.
 */
describe('files uploaded from the web report form', () => {
  let t: TestContext;
  let api: TestApi;
  let officer: WebClient;
  let reportId: string;
  let csrf: string;

  beforeAll(async () => {
    t = await createTestContext();
    await seedDemo(t.db);
    const regime = await t.db
      .selectFrom('reporting_regimes as g')
      .innerJoin('directives as d', 'd.id', 'g.directive_id')
      .select('g.id')
      .where('d.number_symbol', '=', '146/KH-UBND')
      .executeTakeFirstOrThrow();
    const { periodId } = await openPeriod(
      t.db,
      {
        regimeId: regime.id,
        key: '2026-11',
        startsOn: '2026-11-01',
        endsOn: '2026-11-30',
        dueAt: new Date(Date.now() + 86_400_000),
        closesAt: new Date(Date.now() + 2 * 86_400_000),
      },
      officeActor,
    );
    reportId = (
      await t.db
        .selectFrom('unit_reports as r')
        .innerJoin('units as u', 'u.id', 'r.unit_id')
        .select('r.id')
        .where('r.period_id', '=', periodId)
        .where('u.code', '=', 'so-ldtbxh')
        .executeTakeFirstOrThrow()
    ).id;
    api = await startApi(t);
    officer = await signIn(api, users.officer('so-ldtbxh'));
    csrf = (await officer.get(`/reports/${reportId}`)).csrf!;
  });
  afterAll(async () => {
    await api?.close();
    await t?.close();
  });

  const file = (name: string, size: number, type = 'application/pdf') => new File([Buffer.alloc(size, 7)], name, { type });
  async function post(fields: [string, string | File][], opts: { csrf?: boolean } = {}) {
    const form = new FormData();
    if (opts.csrf !== false) form.append('_csrf', csrf);
    for (const [k, v] of fields) form.append(k, v);
    const res = await fetch(`${api.url}/reports/${reportId}/submit`, { method: 'POST', body: form, headers: { cookie: officer.cookie }, redirect: 'manual' });
    return { status: res.status, text: await res.text() };
  }

  it.each([
    // The API's texts, as the page escapes them.
    ['a file over 2 MB', [file('lon.pdf', 2 * 1024 * 1024 + 1)], 400, 'Tệp &quot;lon.pdf&quot; rỗng hoặc lớn hơn 2 MB.'],
    ['an empty file', [file('rong.pdf', 0)], 400, 'Tệp &quot;rong.pdf&quot; rỗng hoặc lớn hơn 2 MB.'],
    ['four files', [1, 2, 3, 4].map((i) => file(`tep-${i}.pdf`, 10)), 400, 'Nhiều nhất 3 tệp đính kèm.'],
    ['a file name the API refuses', [file('a/b<c>.pdf', 10)], 400, 'Tên tệp chỉ gồm chữ, chữ số, dấu cách'],
  ] as const)('refuses %s with a message and stores nothing', async (_what, files, status, message) => {
    const before = await databaseFingerprint(t);
    const r = await post([['text', 'Báo cáo tháng 11'], ...files.map((f) => ['attachments', f] as [string, File])]);
    expect(r.status).toBe(status);
    expect(r.text).toContain(message);
    expect(await databaseFingerprint(t)).toEqual(before);
  });

  it('refuses a multipart post without the session’s CSRF token', async () => {
    const before = await databaseFingerprint(t);
    const r = await post([['text', 'Báo cáo tháng 11']], { csrf: false });
    expect(r.status).toBe(403);
    expect(await databaseFingerprint(t)).toEqual(before);
  });

  it('answers a body that is not multipart, sent as multipart, without a 5xx', async () => {
    const before = await databaseFingerprint(t);
    for (const body of ['text=x', '--x\r\nContent-Disposition: form-data; name="text"\r\n\r\nunfinished', '']) {
      const res = await fetch(`${api.url}/reports/${reportId}/submit`, {
        method: 'POST',
        body,
        headers: { cookie: officer.cookie, 'content-type': 'multipart/form-data; boundary=x' },
        redirect: 'manual',
      });
      expect(res.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(res.status, JSON.stringify(body)).toBeLessThan(500);
    }
    expect(await databaseFingerprint(t)).toEqual(before);
  });

  it('stores three files within the limit with the report', async () => {
    const r = await post([
      ['text', 'Báo cáo tháng 11'],
      ['value:cai-nghien', '1.250'],
      ['attachments', file('bien-ban.pdf', 2 * 1024 * 1024)],
      ['attachments', file('so-lieu.csv', 30, 'text/csv')],
      ['attachments', file('anh.png', 100, 'image/png')],
    ]);
    expect(r.status).toBe(302);
    const stored = await t.db.selectFrom('unit_reports').select(['state', 'values']).where('id', '=', reportId).executeTakeFirstOrThrow();
    expect(stored).toEqual({ state: 'submitted', values: { 'cai-nghien': 1250 } });
    const files = await t.db.selectFrom('report_attachments').select(['filename', 'size']).where('unit_report_id', '=', reportId).orderBy('filename').execute();
    expect(files).toEqual([
      { filename: 'anh.png', size: 100 },
      { filename: 'bien-ban.pdf', size: 2 * 1024 * 1024 },
      { filename: 'so-lieu.csv', size: 30 },
    ]);
  });
});
