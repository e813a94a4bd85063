import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followUpRows, lastReminder, remindUnitNow, seedDemo } from '@dondoc/db';
import { followUpFigures, followUpStanding, localDateOf, type DigestItem, type OfficeReminderParams } from '@dondoc/domain';
import { renderOfficeReminder } from '@dondoc/mail';
import { drive } from './support/commands.ts';
import { createTestContext, type TestContext } from './support/context.ts';

/**
 * The follow-up figures' rows from the database: an extension's original deadline (the task's),
 * the submission of the approved report as the time it was done, returns counted; and
 * "Nhắc ngay": notification rows and mail jobs for the unit's officers, a second reminder
 * within the interval refused with nothing written.
 */
describe('follow-up figures from the database, and reminding a unit now', () => {
  let t: TestContext;
  const ids: Record<string, string> = {};

  async function assignmentOf(numberSymbol: string, unit: string) {
    return t.db
      .selectFrom('assignments as a')
      .innerJoin('directives as d', 'd.id', 'a.directive_id')
      .innerJoin('units as u', 'u.id', 'a.unit_id')
      .innerJoin('tasks as k', 'k.id', 'a.task_id')
      .select(['a.id', 'a.unit_id', 'k.due_at as task_due_at'])
      .where('d.number_symbol', '=', numberSymbol)
      .where('u.code', '=', unit)
      .orderBy('k.ordinal')
      .executeTakeFirstOrThrow();
  }

  beforeAll(async () => {
    t = await createTestContext();
    await seedDemo(t.db);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('counts work finished by an extended deadline as on time after extension, judged by the approved report’s submission', async () => {
    // The Chỉ thị's deadline (2024) is long past: extended to 2030, reported, returned, reported again, approved.
    const a = await assignmentOf('25/CT-UBND', 'so-gtvt');
    ids.extended = a.id;
    await drive(t.db, a.id, 'ACKNOWLEDGE', 'START', { type: 'REQUEST_EXTENSION', dueAt: '2030-03-01T10:00:00.000Z', reason: 'Chờ số liệu' });
    await drive(t.db, a.id, 'GRANT_EXTENSION', 'SUBMIT_REPORT', 'RETURN', 'SUBMIT_REPORT');
    const before = new Date();
    await drive(t.db, a.id, 'APPROVE');
    const lastSubmit = await t.db
      .selectFrom('events')
      .select('created_at')
      .where('subject_id', '=', a.id)
      .where('type', '=', 'SUBMIT_REPORT')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();

    const row = (await followUpRows(t.db, { unitId: a.unit_id })).find((r) => r.id === a.id)!;
    expect(row.state).toBe('reviewed');
    expect(row.original_due_at).toEqual(a.task_due_at);
    expect(row.due_at).toEqual(new Date('2030-03-01T10:00:00.000Z'));
    expect(row.done_at).toEqual(lastSubmit.created_at);
    expect(row.done_at!.getTime()).toBeLessThanOrEqual(before.getTime());
    expect(row.returns).toBe(1);
    expect(
      followUpStanding({ state: row.state, dueAt: row.due_at, originalDueAt: row.original_due_at, overdue: row.overdue, doneAt: row.done_at }, new Date()),
    ).toEqual({
      standing: 'done_on_time',
      afterExtension: true,
    });
  });

  it('leaves cancelled work and withdrawn directives out of the figures', async () => {
    const cancelled = await assignmentOf('146/KH-UBND', 'tx-ben-may');
    await drive(t.db, cancelled.id, 'CANCEL');
    const rows = await followUpRows(t.db);
    expect(rows.some((r) => r.id === cancelled.id)).toBe(true);
    const figures = followUpFigures(
      rows.map((r) => ({ state: r.state, dueAt: r.due_at, originalDueAt: r.original_due_at, overdue: r.overdue, doneAt: r.done_at })),
      new Date(),
    );
    expect(figures.total).toBe(rows.filter((r) => r.state !== 'cancelled').length);
    expect(figures.doneOnTimeAfterExtension).toBe(1);
  });

  it('reminds a unit now through notification rows and the outbox, and refuses a second reminder within the interval', async () => {
    const unit = await t.db.selectFrom('units').select('id').where('code', '=', 'so-ldtbxh').executeTakeFirstOrThrow();
    const officers = await t.db.selectFrom('users').select('id').where('unit_id', '=', unit.id).where('role', '=', 'unit_officer').execute();
    expect(officers.length).toBeGreaterThan(0);
    const now = new Date();
    const overdue = await assignmentOf('25/CT-UBND', 'so-ldtbxh');
    const item: DigestItem = {
      assignmentId: overdue.id,
      numberSymbol: '25/CT-UBND',
      taskOrdinal: 1,
      taskTitle: 'Lãnh đạo, phối hợp với Công an thực hiện đợt cao điểm',
      unitName: 'Sở Lao động - Thương binh và Xã hội',
      dueAt: overdue.task_due_at!.toISOString(),
      state: 'issued',
      overdue: true,
      workingDaysLate: 708,
      escalationLevel: 0,
    };
    const req = {
      unitId: unit.id,
      items: [item],
      sentBy: { userId: officers[0]!.id, name: 'Lê Thu Hà' },
      now,
      date: localDateOf(now),
      minIntervalMs: 3_600_000,
    };
    expect(await remindUnitNow(t.db, req)).toEqual({ sent: officers.length });
    const rows = await t.db.selectFrom('notifications').select(['id', 'user_id', 'status']).where('dedupe_key', 'like', `remind-now:${unit.id}:%`).execute();
    expect(rows.map((r) => r.user_id).sort()).toEqual(officers.map((o) => o.id).sort());
    expect(rows.every((r) => r.status === 'pending')).toBe(true);
    // The mail the worker will send: the Office's own, urging the unit, with the overdue item in it and who sent it.
    const stored = await t.db.selectFrom('notifications').select(['template', 'params']).where('id', '=', rows[0]!.id).executeTakeFirstOrThrow();
    expect(stored.template).toBe('office_reminder');
    const params = stored.params as unknown as OfficeReminderParams;
    expect(params.remindedBy).toEqual(req.sentBy);
    const mail = renderOfficeReminder(params, 'vi', 'http://127.0.0.1:3000');
    expect(mail.subject).toBe('[dondoc] Văn phòng UBND tỉnh đôn đốc – 1 nhiệm vụ quá hạn');
    expect(mail.text.split('\n').slice(0, 2)).toEqual([
      'Kính gửi Sở Lao động - Thương binh và Xã hội:',
      'Văn phòng UBND tỉnh đề nghị đơn vị khẩn trương hoàn thành các nhiệm vụ đã quá hạn sau đây:',
    ]);
    expect(mail.text).toContain('25/CT-UBND, nhiệm vụ 1: Lãnh đạo, phối hợp với Công an thực hiện đợt cao điểm');
    expect(mail.text).toContain('quá hạn 708 ngày làm việc');
    expect(mail.text).toContain('Người gửi: Lê Thu Hà, Văn phòng UBND tỉnh.');
    expect(mail.text).toContain('http://127.0.0.1:3000/inbox');
    const jobs = await t.db.selectFrom('outbox').select('job_id').where('queue', '=', 'mail').execute();
    for (const r of rows) expect(jobs.map((j) => j.job_id)).toContain(`mail-${r.id}`);
    expect(await lastReminder(t.db, unit.id)).toEqual(now);

    // Fifty-nine minutes later: refused until the hour is up, and nothing written.
    const later = new Date(now.getTime() + 59 * 60_000);
    expect(await remindUnitNow(t.db, { ...req, now: later })).toEqual({ refusedUntil: new Date(now.getTime() + 3_600_000) });
    expect((await t.db.selectFrom('notifications').select('id').where('dedupe_key', 'like', `remind-now:${unit.id}:%`).execute()).length).toBe(rows.length);
    // After the hour, a reminder goes again.
    expect(await remindUnitNow(t.db, { ...req, now: new Date(now.getTime() + 61 * 60_000) })).toEqual({ sent: officers.length });
  });
});
