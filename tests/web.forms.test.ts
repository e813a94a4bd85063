import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '@dondoc/db';
import { createTestContext, type TestContext } from './support/context.ts';
import { databaseFingerprint, startApi, users, type TestApi } from './support/api.ts';
import { signIn, type WebClient } from './support/web.ts';

/**
 * The unit officer's forms go through the API's schemas: what the API refuses,
 * a form refuses too, with a message on the page, and stores nothing.
 */
describe('web forms share the API’s validation', () => {
  let t: TestContext;
  let api: TestApi;
  let officer: WebClient;
  let assignmentId: string;
  beforeAll(async () => {
    t = await createTestContext();
    await seedDemo(t.db, { plan: false });
    api = await startApi(t);
    officer = await signIn(api, users.officer('so-tttt'));
    const a = await t.db
      .selectFrom('assignments as a')
      .innerJoin('units as u', 'u.id', 'a.unit_id')
      .select('a.id')
      .where('u.code', '=', 'so-tttt')
      .orderBy('a.id')
      .executeTakeFirstOrThrow();
    assignmentId = a.id;
    // Acknowledge and start from the page, so the report form is there.
    expect((await officer.post(`/assignments/${assignmentId}/acknowledge`, {})).status).toBe(302);
    expect((await officer.post(`/assignments/${assignmentId}/start`, {})).status).toBe(302);
  });
  afterAll(async () => {
    await api?.close();
    await t?.close();
  });

  const bad: [string, string, Record<string, string | string[]>, number, RegExp][] = [
    ['a non-UUID id', '/assignments/not-a-uuid/submit-report', { text: 'Đã làm.' }, 404, /Không có trang này/],
    ['an unknown action', `/assignments/{id}/sign`, {}, 404, /Không có trang này/],
    ['a repeated field', `/assignments/{id}/submit-report`, { text: ['Báo cáo A', 'Báo cáo B'] }, 400, /Chỉ nhập một giá trị cho mục này/],
    ['an empty report', `/assignments/{id}/submit-report`, { text: '   ' }, 400, /Chưa nhập\./],
    ['markup', `/assignments/{id}/submit-report`, { text: '<script>alert(1)</script>' }, 400, /Không được chứa mã HTML/],
    ['a control character', `/assignments/{id}/submit-report`, { text: 'Báo cáo\u0007' }, 400, /ký tự điều khiển/],
    ['a NUL byte', `/assignments/{id}/submit-report`, { text: 'Báo cáo\u0000đã gửi' }, 400, /ký tự điều khiển/],
    ['a report over 20,000 characters', `/assignments/{id}/submit-report`, { text: 'a'.repeat(400_000) }, 400, /dài quá 20\.000 ký tự/],
    [
      'a word in a number field',
      `/assignments/{id}/submit-report`,
      { text: 'Đã làm.', 'value:x': 'mười' },
      400,
      /Chỉ tiêu “x”: Hãy nhập một số \(ví dụ 1\.250 hoặc 12,5\)/,
    ],
    ['an impossible date', `/assignments/{id}/request-extension`, { dueDate: '2027-02-30', reason: 'Chờ số liệu' }, 400, /Hãy chọn một ngày có thật/],
    ['a missing date', `/assignments/{id}/request-extension`, { reason: 'Chờ số liệu' }, 400, /Chưa chọn ngày\./],
    [
      'a repeated date',
      `/assignments/{id}/request-extension`,
      { dueDate: ['2027-03-01', '2027-03-02'], reason: 'Chờ' },
      400,
      /Chỉ nhập một giá trị cho mục này/,
    ],
    ['a NUL byte in the reason', `/assignments/{id}/request-extension`, { dueDate: '2027-03-01', reason: 'Chờ\u0000' }, 400, /ký tự điều khiển/],
  ];
  for (const [name, path, fields, status, message] of bad) {
    it(`refuses ${name} with a message and stores nothing`, async () => {
      const before = await databaseFingerprint(t);
      const r = await officer.post(path.replace('{id}', assignmentId), fields);
      expect(r.status, r.text.slice(0, 400)).toBe(status);
      expect(r.headers.get('content-type')).toContain('text/html');
      expect(r.text).toMatch(message);
      expect(await databaseFingerprint(t)).toEqual(before);
    });
  }

  it('takes a good report and shows it', async () => {
    const r = await officer.post(`/assignments/${assignmentId}/submit-report`, { text: 'Đã mở chuyên mục tuyên truyền trên Cổng thông tin điện tử tỉnh.' });
    expect(r.status, r.text.slice(0, 300)).toBe(302);
    const page = await officer.get(`/assignments/${assignmentId}`);
    expect(page.text).toContain('Đã mở chuyên mục tuyên truyền');
    const row = await t.db.selectFrom('assignments').select('state').where('id', '=', assignmentId).executeTakeFirstOrThrow();
    expect(row.state).toBe('reported');
  });

  it('answers a page with a bad id or unit code 404, never 500', async () => {
    for (const path of [
      '/assignments/zzz',
      '/directives/%00',
      '/units/%00/scorecard',
      '/reports/1',
      '/periods/x',
      '/mail/abc',
      '/units/a%00b/scorecard',
      '/directives?state=nope',
      '/directives?q=%00',
    ]) {
      const r = await officer.get(path);
      expect([400, 403, 404], `${path}: ${r.status}`).toContain(r.status);
    }
  });
});
