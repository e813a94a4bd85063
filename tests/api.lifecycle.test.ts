import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chiThiTetGiapThin2024 } from '@dondoc/db';
import { createTestContext, type TestContext } from './support/context.ts';
import { startApi, users, type TestApi } from './support/api.ts';

/**
 * The seeded Chỉ thị over HTTP, as the people who would do it: the Office
 * issues it, each unit's focal officer acknowledges, works and reports, and
 * Công an tỉnh (the monitoring unit) returns one report, grants an extension
 * and approves the rest.
 */
describe('a directive over HTTP, from issue to reviewed', () => {
  let t: TestContext;
  let api: TestApi;
  let directiveId: string;
  let assignments: { id: string; unit: { code: string }; version: number }[];

  beforeAll(async () => {
    t = await createTestContext();
    await t.seedUnits();
    api = await startApi(t);
  });
  afterAll(async () => {
    await api?.close();
    await t?.close();
  });

  const as = async (email: string) => api.token(email);
  const state = async () => (await api.call('GET', `/api/v1/directives/${directiveId}`, { token: await as(users.office) })).body.state;
  const command = async (email: string, id: string, path: string, json?: unknown) => {
    const r = await api.call('POST', `/api/v1/assignments/${id}/${path}`, { token: await as(email), json });
    expect(r.status, `${path} by ${email}: ${r.text}`).toBe(200);
    return r.body;
  };

  it('the Office issues the directive', async () => {
    const r = await api.call('POST', '/api/v1/directives', {
      token: await as(users.office),
      json: chiThiTetGiapThin2024,
      headers: { 'idempotency-key': 'issue-25-ct-ubnd' },
    });
    expect(r.status, r.text).toBe(201);
    expect(r.body).toMatchObject({ numberSymbol: '25/CT-UBND', state: 'issued', monitoringUnit: { code: 'cong-an-tinh' }, redacted: false });
    expect(r.body.tasks).toHaveLength(9);
    directiveId = r.body.id;
    assignments = r.body.tasks.flatMap((task: { assignments: typeof assignments }) => task.assignments);
    expect(assignments).toHaveLength(35);
  });

  it('the units acknowledge and start; the directive rolls up', async () => {
    for (const a of assignments) await command(users.officer(a.unit.code), a.id, 'acknowledge');
    expect(await state()).toBe('assigned');
    for (const a of assignments) await command(users.officer(a.unit.code), a.id, 'start');
    expect(await state()).toBe('in_progress');
  });

  it('a unit asks for more time and the monitoring unit grants it', async () => {
    const a = assignments.find((x) => x.unit.code === 'tp-hoa-an')!;
    const asked = await command(users.officer('tp-hoa-an'), a.id, 'request-extension', {
      dueDate: '2024-02-23',
      reason: 'Chờ tổng hợp số liệu của các phường, xã',
    });
    expect(asked.extensionRequest).toEqual({ dueAt: '2024-02-23T10:00:00.000Z', reason: 'Chờ tổng hợp số liệu của các phường, xã' });
    const granted = await command(users.monitor, a.id, 'grant-extension', { comment: 'Đồng ý' });
    expect(granted).toMatchObject({ dueAt: '2024-02-23T10:00:00.000Z', extensionRequest: null, overdue: false });
  });

  it('every unit reports; one report is returned for rework and sent again', async () => {
    for (const a of assignments) await command(users.officer(a.unit.code), a.id, 'submit-report', { text: `Báo cáo kết quả của ${a.unit.code}.` });
    expect(await state()).toBe('reported');

    const reworked = assignments.find((x) => x.unit.code === 'so-tttt')!;
    const returned = await command(users.monitor, reworked.id, 'return', { reason: 'Bổ sung số tài khoản, trang mạng đã gỡ bỏ.' });
    expect(returned).toMatchObject({ state: 'returned', returns: 1, lastReturnReason: 'Bổ sung số tài khoản, trang mạng đã gỡ bỏ.' });
    expect(await state()).toBe('in_progress');

    // The focal officer sees what was returned and why, then reports again.
    const seen = await api.call('GET', `/api/v1/assignments/${reworked.id}`, { token: await as(users.officer('so-tttt')) });
    expect(seen.body).toMatchObject({
      state: 'returned',
      lastReturnReason: 'Bổ sung số tài khoản, trang mạng đã gỡ bỏ.',
      lastReport: { text: 'Báo cáo kết quả của so-tttt.' },
    });
    await command(users.officer('so-tttt'), reworked.id, 'submit-report', { text: 'Đã gỡ bỏ 14 tài khoản, 3 trang mạng.' });
    expect(await state()).toBe('reported');
  });

  it('the monitoring unit approves every report and the directive is reviewed', async () => {
    for (const a of assignments) await command(users.monitor, a.id, 'approve');
    expect(await state()).toBe('reviewed');

    const trail = await api.call('GET', `/api/v1/assignments/${assignments.find((x) => x.unit.code === 'so-tttt')!.id}/history`, {
      token: await as(users.officer('so-tttt')),
    });
    expect(trail.body.map((e: { type: string }) => e.type)).toEqual(['ISSUE', 'ACKNOWLEDGE', 'START', 'SUBMIT_REPORT', 'RETURN', 'SUBMIT_REPORT', 'APPROVE']);
    const monitorUser = await t.db.selectFrom('users').select('id').where('email', '=', users.monitor).executeTakeFirstOrThrow();
    expect(trail.body.at(-1).actor).toBe(`user:${monitorUser.id}`);

    const directiveTrail = await api.call('GET', `/api/v1/directives/${directiveId}/history`, { token: await as(users.office) });
    expect(directiveTrail.body.map((e: { to: string }) => e.to)).toEqual([
      'issued',
      'assigned',
      'in_progress',
      'reported',
      'in_progress',
      'reported',
      'reviewed',
    ]);
  });
});
