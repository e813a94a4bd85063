import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { history, listAssignments } from '@dondoc/db';
import { OutboxRelay } from '@dondoc/worker';
import { createTestContext, type TestContext } from './support/context.ts';
import { directiveState, drive } from './support/commands.ts';

/**
 * The seeded Chỉ thị 25/CT-UBND driven through the engine from issued to reviewed
 * for every assignment, with a return for rework and a granted extension.
 */
describe('a seeded directive from issued to reviewed', () => {
  let t: TestContext;
  let directiveId: string;
  let ids: string[];
  let reworked: string;
  let extended: string;

  beforeAll(async () => {
    t = await createTestContext();
    ({ directiveId } = await t.seed());
    ids = (await listAssignments(t.db, { directiveId })).map((a) => a.id);
    [reworked, extended] = [ids[0]!, ids[1]!];
  });
  afterAll(() => t?.close());

  it('starts issued, with one assignment per unit each section names', async () => {
    const rows = await listAssignments(t.db, { directiveId });
    expect(await directiveState(t.db, directiveId)).toBe('issued');
    expect(rows.every((a) => a.state === 'issued' && a.version === 1)).toBe(true);
    const byTask = (n: number) =>
      rows
        .filter((a) => a.taskOrdinal === n)
        .map((a) => `${a.unitCode}:${a.role}`)
        .sort();
    // Section 1 fans out to the provincial departments and sectors and the district committees.
    expect(byTask(1)).toEqual(
      ['cuc-hai-quan', 'cuc-qltt', 'h-son-lam', 'so-cong-thuong', 'so-gtvt', 'so-ldtbxh', 'so-noi-vu', 'so-tttt', 'so-tu-phap', 'tp-hoa-an', 'tx-ben-may'].map(
        (c) => `${c}:lead`,
      ),
    );
    expect(byTask(6)).toEqual(['ban-tuyen-giao-tu:coordinate', 'so-tttt:lead']);
    // Section 9 addresses the district and commune committees.
    expect(byTask(9)).toHaveLength(3 + 5);
    // "Đề nghị" sections are requests.
    expect(rows.filter((a) => a.taskOrdinal === 7 || a.taskOrdinal === 8).every((a) => a.requested)).toBe(true);
    expect(rows.filter((a) => a.taskOrdinal === 2).every((a) => !a.requested)).toBe(true);
  });

  it('rolls the directive up as the units work, back on rework, and to reviewed at the end', async () => {
    for (const id of ids.slice(0, -1)) await drive(t.db, id, 'ACKNOWLEDGE');
    expect(await directiveState(t.db, directiveId)).toBe('issued'); // one unit has not acknowledged
    await drive(t.db, ids.at(-1)!, 'ACKNOWLEDGE');
    expect(await directiveState(t.db, directiveId)).toBe('assigned');

    await drive(t.db, reworked, 'START');
    expect(await directiveState(t.db, directiveId)).toBe('in_progress');

    // An extension: requested, granted, the deadline moves.
    const newDue = '2024-02-23T10:00:00.000Z';
    await drive(t.db, extended, 'START', { type: 'REQUEST_EXTENSION', dueAt: newDue, reason: 'Chờ số liệu của cấp xã' }, { type: 'GRANT_EXTENSION' });
    const [ext] = await listAssignments(t.db, { directiveId }).then((r) => r.filter((a) => a.id === extended));
    expect(ext!.dueAt?.toISOString()).toBe(newDue);
    const timers = await t.db.selectFrom('timers').selectAll().where('subject_id', '=', extended).orderBy('generation').execute();
    expect(timers.map((x) => [x.generation, x.status, x.fire_at.toISOString()])).toEqual([
      [1, 'cancelled', '2024-02-02T10:00:00.000Z'],
      [2, 'pending', newDue],
    ]);

    for (const id of ids) if (id !== reworked && id !== extended) await drive(t.db, id, 'START');
    for (const id of ids.slice(0, -1)) await drive(t.db, id, 'SUBMIT_REPORT');
    expect(await directiveState(t.db, directiveId)).toBe('in_progress');
    await drive(t.db, ids.at(-1)!, 'SUBMIT_REPORT');
    expect(await directiveState(t.db, directiveId)).toBe('reported');

    await drive(t.db, reworked, 'RETURN');
    expect(await directiveState(t.db, directiveId)).toBe('in_progress');
    await drive(t.db, reworked, 'SUBMIT_REPORT');
    expect(await directiveState(t.db, directiveId)).toBe('reported');

    for (const id of ids.slice(0, -1)) await drive(t.db, id, 'APPROVE');
    expect(await directiveState(t.db, directiveId)).toBe('reported');
    await drive(t.db, ids.at(-1)!, 'APPROVE');
    expect(await directiveState(t.db, directiveId)).toBe('reviewed');

    const rows = await listAssignments(t.db, { directiveId });
    expect(rows.every((a) => a.state === 'reviewed')).toBe(true);
    const pending = await t.db.selectFrom('timers').select('id').where('status', '=', 'pending').execute();
    expect(pending).toEqual([]); // finished work leaves no timer standing
  });

  it('keeps the whole story in the audit trail', async () => {
    const trail = (await history(t.db, { type: 'assignment', id: reworked })).map((e) => [e.seq, e.type, e.from_state, e.to_state]);
    expect(trail).toEqual([
      [1, 'ISSUE', null, 'issued'],
      [2, 'ACKNOWLEDGE', 'issued', 'assigned'],
      [3, 'START', 'assigned', 'in_progress'],
      [4, 'SUBMIT_REPORT', 'in_progress', 'reported'],
      [5, 'RETURN', 'reported', 'returned'],
      [6, 'SUBMIT_REPORT', 'returned', 'reported'],
      [7, 'APPROVE', 'reported', 'reviewed'],
    ]);
    const returned = (await history(t.db, { type: 'assignment', id: reworked }))[4]!;
    expect(returned.payload).toEqual({ reason: 'Báo cáo thiếu số liệu cụ thể.' });
    expect(returned.actor).toBe('system:test-office');

    const ext = (await history(t.db, { type: 'assignment', id: extended })).map((e) => e.type);
    expect(ext).toEqual(['ISSUE', 'ACKNOWLEDGE', 'START', 'REQUEST_EXTENSION', 'GRANT_EXTENSION', 'SUBMIT_REPORT', 'APPROVE']);

    const directive = (await history(t.db, { type: 'directive', id: directiveId })).map((e) => [e.type, e.to_state]);
    expect(directive).toEqual([
      ['ISSUE', 'issued'],
      ['ROLLUP', 'assigned'],
      ['ROLLUP', 'in_progress'],
      ['ROLLUP', 'reported'],
      ['ROLLUP', 'in_progress'],
      ['ROLLUP', 'reported'],
      ['ROLLUP', 'reviewed'],
    ]);
  });

  it('turns every outbox row into exactly one BullMQ job', async () => {
    const relay = new OutboxRelay(t.db, t.queues, { batchSize: 50, pollMs: 1000, logger: t.logger });
    while ((await relay.runOnce()).published > 0);
    const rows = await t.db.selectFrom('outbox').select(['id', 'job_id', 'queue', 'published_at']).execute();
    // Every outbox row is a mail job for a notification to send now, or the delayed job of a timer.
    const mails = await t.db.selectFrom('notifications').select('id').where('status', '=', 'pending').execute();
    const timers = await t.db.selectFrom('timers').select('id').execute();
    expect(rows.length).toBe(mails.length + timers.length);
    expect(rows.filter((r) => r.queue === 'mail')).toHaveLength(mails.length);
    expect(rows.filter((r) => r.published_at === null)).toEqual([]);
    const expected = rows.map((r) => r.job_id ?? `outbox-${r.id}`).sort();
    expect((await t.allJobIds()).sort()).toEqual(expected);
    // The returned report was written up for the unit's focal officer, with the reason, and its mail job waits in Redis.
    const returned = await t.db.selectFrom('notifications').selectAll().where('template', '=', 'report_returned').where('subject_id', '=', reworked).execute();
    const unit = await t.db
      .selectFrom('assignments as a')
      .innerJoin('units as u', 'u.id', 'a.unit_id')
      .select('u.code')
      .where('a.id', '=', reworked)
      .executeTakeFirstOrThrow();
    expect(returned.map((n) => n.to_address)).toEqual([`${unit.code}.daumoi@hoa-an.example`]);
    expect(returned[0]!.params).toMatchObject({ event: { reason: 'Báo cáo thiếu số liệu cụ thể.' }, path: `/assignments/${reworked}` });
    expect(await t.queues.mail.getJob(`mail-${returned[0]!.id}`)).toBeTruthy();
  });
});
