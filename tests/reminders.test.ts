import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apply, history, loadCalendar, writeChairmanDigest } from '@dondoc/db';
import { formatInstant } from '@dondoc/domain';
import { createTestContext, type TestContext } from './support/context.ts';
import { alwaysWorking, seconds, startFollowUp, type FollowUp } from './support/follow-up.ts';
import { issueWithDeadline } from './support/directives.ts';
import { officeActor } from './support/commands.ts';
import { startApi, users } from './support/api.ts';

/**
 * Reminders and the escalation ladder end to end: engine, timers in
 * PostgreSQL, BullMQ delayed jobs in Redis, the mail worker and a real SMTP
 * server, with every moment counted as working time and policies in seconds.
 */
describe('reminders and the ladder, delivered by mail', () => {
  let t: TestContext;
  let f: FollowUp;

  beforeAll(async () => {
    t = await createTestContext();
    await t.seedUnits();
    await alwaysWorking(t);
    // One recipient reads English.
    await t.db.updateTable('users').set({ locale: 'en' }).where('email', '=', users.officer('ban-tuyen-giao-tu')).execute();
    f = await startFollowUp(t);
  });
  afterAll(async () => {
    await f?.stop();
    await t?.close();
  });

  const subjects = (to: string) => f.mails(to).map((m) => m.parsed.subject);
  const waitFor = async (check: () => boolean, timeout = 15_000) => expect.poll(check, { timeout, interval: 50 }).toBe(true);

  it('reminds each unit’s focal officer in order, on time, in their language, with the deadline attached', async () => {
    const dueAt = new Date(Date.now() + 9000);
    const d = await issueWithDeadline(t, {
      units: ['so-tttt', 'ban-tuyen-giao-tu'],
      dueAt,
      reminderPolicy: { reminders: [{ hoursBefore: seconds(3) }, { hoursBefore: seconds(6) }] },
    });
    const vi = users.officer('so-tttt');
    const en = users.officer('ban-tuyen-giao-tu');
    const reminders = (to: string) => f.mails(to).filter((m) => /Nhắc hạn|Reminder/.test(m.parsed.subject ?? ''));
    await waitFor(() => reminders(vi).length === 2 && reminders(en).length === 2);

    const [first, second] = reminders(vi);
    expect(first!.at.getTime()).toBeGreaterThanOrEqual(dueAt.getTime() - 6000);
    expect(first!.at.getTime()).toBeLessThan(dueAt.getTime() - 6000 + 1500);
    expect(second!.at.getTime()).toBeGreaterThanOrEqual(dueAt.getTime() - 3000);
    expect(second!.at.getTime()).toBeLessThan(dueAt.getTime() - 3000 + 1500);

    const m = first!.parsed;
    expect(m.subject).toBe(`[dondoc] Nhắc hạn – ${d.numberSymbol} – Nhiệm vụ 1: ${d.title}`);
    expect(m.from?.value[0]).toMatchObject({ name: 'dondoc', address: 'dondoc@hoa-an.example' });
    expect(m.text).toContain(`đến hạn lúc ${formatInstant(dueAt)}`);
    expect(m.text).toContain(`https://dondoc.hoa-an.example/assignments/${d.assignmentIds[0]}`);
    expect(m.html).toContain(`href="https://dondoc.hoa-an.example/assignments/${d.assignmentIds[0]}"`);
    expect(m.messageId).toMatch(/^<[0-9a-f]{32}@dondoc>$/);
    expect(m.attachments).toHaveLength(1);
    const ics = m.attachments[0]!;
    expect(ics.contentType).toBe('text/calendar');
    const body = ics.content.toString('utf8');
    expect(body).toContain('BEGIN:VEVENT');
    expect(body).toContain('BEGIN:VALARM');
    expect(body).toContain(`SUMMARY:${d.numberSymbol} – Nhiệm vụ 1`); // the subject less "[dondoc] Nhắc hạn – "
    expect(body).toContain(
      `DTEND:${dueAt
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d{3}/, '')}`,
    );

    expect(reminders(en)[0]!.parsed.subject).toBe(`[dondoc] Reminder – ${d.numberSymbol} – Task 1: ${d.title}`);
    // Reminders are for the focal officers, not the heads.
    expect(f.mails(users.head('so-tttt')).filter((x) => /Nhắc hạn/.test(x.parsed.subject ?? ''))).toEqual([]);
  });

  it('replaces the reminders when an extension is granted, and stops everything once the report is approved', async () => {
    const start = Date.now();
    const d = await issueWithDeadline(t, {
      units: ['so-gtvt'],
      dueAt: new Date(start + 6000),
      reminderPolicy: { reminders: [{ hoursBefore: seconds(2) }, { hoursBefore: seconds(4) }] },
      escalationPolicy: { steps: [{ hoursAfter: seconds(1) }, { hoursAfter: seconds(2) }, { hoursAfter: seconds(3) }] },
    });
    const id = d.assignmentIds[0]!;
    const newDue = new Date(start + 12_000);
    await apply(t.db, {
      subject: { type: 'assignment', id },
      event: { type: 'REQUEST_EXTENSION', dueAt: newDue.toISOString(), reason: 'Chờ số liệu' },
      actor: officeActor,
    });
    await apply(t.db, { subject: { type: 'assignment', id }, event: { type: 'GRANT_EXTENSION' }, actor: officeActor });

    const officer = users.officer('so-gtvt');
    const reminders = () => f.mails(officer).filter((m) => /Nhắc hạn/.test(m.parsed.subject ?? ''));
    await waitFor(() => reminders().length === 2);
    // The old ones (at +2 s and +4 s) never came; the new ones did, at +8 s and +10 s.
    for (const [m, at] of reminders().map((m, i) => [m, [8000, 10_000][i]!] as const)) {
      expect(m.at.getTime() - start).toBeGreaterThanOrEqual(at);
      expect(m.at.getTime() - start).toBeLessThan(at + 1500);
    }
    const stale = await t.db.selectFrom('timers').select(['kind', 'status']).where('subject_id', '=', id).where('generation', '=', 2).execute();
    expect(stale.every((x) => x.status === 'cancelled')).toBe(true);

    for (const type of ['ACKNOWLEDGE', 'START'] as const) await apply(t.db, { subject: { type: 'assignment', id }, event: { type }, actor: officeActor });
    await apply(t.db, { subject: { type: 'assignment', id }, event: { type: 'SUBMIT_REPORT', text: 'Đã xong' }, actor: officeActor });
    await apply(t.db, { subject: { type: 'assignment', id }, event: { type: 'APPROVE' }, actor: officeActor });
    const pending = await t.db.selectFrom('timers').select('id').where('subject_id', '=', id).where('status', '=', 'pending').execute();
    expect(pending).toEqual([]);
    await new Promise((r) => setTimeout(r, Math.max(0, start + 15_500 - Date.now())));
    // Past the new deadline and the ladder: no overdue notice, no escalation.
    expect(subjects(officer).filter((s) => /Quá hạn/.test(s ?? ''))).toEqual([]);
    expect(f.mails(users.head('so-gtvt')).filter((m) => /Thủ trưởng/.test(m.parsed.subject ?? ''))).toEqual([]);
    expect((await history(t.db, { type: 'assignment', id })).map((e) => e.type)).not.toContain('DEADLINE_PASSED');
  });

  it('climbs the ladder rung by rung into the Chairman’s digest; a requested body gets a courtesy notice instead', async () => {
    const dueAt = new Date(Date.now() + 3000);
    const d = await issueWithDeadline(t, {
      units: ['so-tu-phap', 'vks-tinh'],
      dueAt,
      escalationPolicy: { steps: [{ hoursAfter: seconds(1) }, { hoursAfter: seconds(2) }, { hoursAfter: seconds(3) }] },
    });
    const [commanded, requested] = d.assignmentIds as [string, string];
    const api = await startApi(t);
    try {
      const before = await api.call('GET', `/api/v1/assignments/${commanded}`, { token: await api.token(users.office) });
      expect(before.body.ladder).toEqual({ level: 0, next: { step: 'deadline', at: dueAt.toISOString() } });

      await waitFor(() => f.mails(users.head('so-tu-phap')).some((m) => /danh sách báo cáo Chủ tịch/.test(m.parsed.subject ?? '')));
      await waitFor(() => f.mails(users.head('vks-tinh')).some((m) => /Đề nghị thông tin kết quả phối hợp/.test(m.parsed.subject ?? '')));

      const seen = (to: string) =>
        f
          .mails(to)
          .filter((m) => m.parsed.text?.includes(d.numberSymbol) || m.parsed.subject?.includes(d.numberSymbol))
          .map((m) => [m.parsed.subject!.split(' – ')[0], m.at.getTime() - dueAt.getTime()] as const);
      const officer = seen(users.officer('so-tu-phap'));
      expect(officer.map(([s]) => s)).toEqual(['[dondoc] Giao nhiệm vụ', '[dondoc] Điều chỉnh hạn', '[dondoc] Quá hạn']);
      const head = seen(users.head('so-tu-phap'));
      expect(head.map(([s]) => s)).toEqual(['[dondoc] Báo cáo Thủ trưởng về nhiệm vụ quá hạn', '[dondoc] Đưa vào danh sách báo cáo Chủ tịch UBND tỉnh']);
      const monitor = seen(users.monitor);
      expect(monitor.map(([s]) => s)).toEqual(['[dondoc] Đơn vị chậm thực hiện', '[dondoc] Đơn vị chậm thực hiện']); // one per unit
      // Each rung at its time: the deadline, then one, two and three seconds after it.
      expect(officer.at(-1)![1]).toBeGreaterThanOrEqual(0);
      expect(head[0]![1]).toBeGreaterThanOrEqual(1000);
      expect(monitor[0]![1]).toBeGreaterThanOrEqual(2000);
      expect(head[1]![1]).toBeGreaterThanOrEqual(3000);
      expect(head[1]![1]).toBeLessThan(3000 + 2000);
      expect(seen(users.head('vks-tinh')).map(([s]) => s)).toEqual([
        '[dondoc] Báo cáo Thủ trưởng về nhiệm vụ quá hạn',
        '[dondoc] Đề nghị thông tin kết quả phối hợp',
      ]);

      const trail = (await history(t.db, { type: 'assignment', id: commanded })).filter((e) => e.actor === 'system:timer').map((e) => [e.type, e.payload]);
      expect(trail).toEqual([
        ['DEADLINE_PASSED', { generation: 2 }],
        ['ESCALATE', { generation: 2, level: 1 }],
        ['ESCALATE', { generation: 2, level: 2 }],
        ['ESCALATE', { generation: 2, level: 3 }],
      ]);
      const after = await api.call('GET', `/api/v1/assignments/${commanded}`, { token: await api.token(users.office) });
      expect(after.body.ladder).toEqual({ level: 3, next: null });
      expect(after.body.escalationLevel).toBe(3);

      // The Chairman's morning list names the commanded unit and not the requested one.
      expect(await writeChairmanDigest(t.db, await loadCalendar(t.db), new Date())).toBe(1);
      await waitFor(() => f.mails(users.chairman).length === 1);
      const digest = f.mails(users.chairman)[0]!.parsed;
      expect(digest.subject).toMatch(/^\[dondoc\] Danh sách đơn vị chậm thực hiện ngày \d{2}\/\d{2}\/\d{4}: 1 đơn vị$/);
      expect(digest.text).toContain('Sở Tư pháp (chậm 1 lần trong năm)');
      expect(digest.text).toContain(`${d.numberSymbol}, nhiệm vụ 1`);
      expect(digest.text).not.toContain('Viện Kiểm sát');
      expect(digest.html).toContain('Sở Tư pháp');
      void requested;
    } finally {
      await api.close();
    }
  });

  it('keeps a classified directive’s subject and task out of its mail', async () => {
    const d = await issueWithDeadline(t, {
      units: ['so-noi-vu'],
      dueAt: new Date(Date.now() + 2000),
      classified: true,
      reminderPolicy: { reminders: [{ hoursBefore: seconds(1) }] },
    });
    const officer = users.officer('so-noi-vu');
    await waitFor(() => f.mails(officer).some((m) => /Nhắc hạn/.test(m.parsed.subject ?? '')));
    for (const m of f.mails(officer)) {
      expect(m.parsed.subject).toContain(`${d.numberSymbol} – Nhiệm vụ số 1`);
      expect(m.raw).not.toContain(d.title);
      expect(m.parsed.text).not.toContain('Tuyên truyền');
      expect(m.parsed.text).not.toContain('Thực hiện đợt cao điểm');
    }
  });

  it('gives a recipient on the digest one morning mail instead of each reminder', async () => {
    await t.db.updateTable('users').set({ mail_digest: true }).where('email', '=', users.officer('so-ldtbxh')).execute();
    const d = await issueWithDeadline(t, {
      units: ['so-ldtbxh'],
      dueAt: new Date(Date.now() + 2500),
      reminderPolicy: { reminders: [{ hoursBefore: seconds(1) }] },
    });
    const rows = async () =>
      t.db
        .selectFrom('notifications')
        .select(['template', 'status'])
        .where('subject_id', '=', d.assignmentIds[0]!)
        .where('template', 'in', ['reminder', 'overdue'])
        .execute();
    await expect.poll(async () => (await rows()).length, { timeout: 10_000 }).toBe(2);
    expect((await rows()).every((r) => r.status === 'held')).toBe(true);
    const { writeUnitDigests } = await import('@dondoc/db');
    const cal = await loadCalendar(t.db);
    expect(await writeUnitDigests(t.db, cal, new Date(), new Date(Date.now() + 86_400_000))).toBe(1);
    await waitFor(() => f.mails(users.officer('so-ldtbxh')).some((m) => /Tổng hợp ngày/.test(m.parsed.subject ?? '')));
    const digest = f.mails(users.officer('so-ldtbxh')).find((m) => /Tổng hợp ngày/.test(m.parsed.subject ?? ''))!.parsed;
    expect(digest.subject).toContain('Sở Lao động - Thương binh và Xã hội — 1 nhiệm vụ cần xử lý, 1 quá hạn');
    expect(f.mails(users.officer('so-ldtbxh')).filter((m) => /Nhắc hạn|Quá hạn/.test(m.parsed.subject ?? ''))).toEqual([]);
    // Once a day: a second run writes nothing.
    expect(await writeUnitDigests(t.db, cal, new Date(), new Date(Date.now() + 86_400_000))).toBe(0);
  });
});

describe('reminders on the real calendar', () => {
  let t: TestContext;
  afterEach(async () => t?.close());

  it('moves a reminder that would fall on a holiday to the next working morning', async () => {
    t = await createTestContext();
    await t.seedUnits();
    // Due Monday 4 January 2027 at 17:00. 72 hours before is Friday 1 January, Tết Dương lịch;
    // 06:00 on the day is before office hours. Both land on Monday at 07:30: one reminder.
    const d = await issueWithDeadline(t, {
      units: ['so-tttt'],
      dueAt: new Date('2027-01-04T10:00:00Z'),
      reminderPolicy: { reminders: [{ hoursBefore: 72 }, { workingDaysBefore: 0, at: '06:00' }, { workingDaysBefore: 2, at: '07:30' }] },
    });
    const timers = await t.db
      .selectFrom('timers')
      .select(['kind', 'step', 'fire_at'])
      .where('subject_id', '=', d.assignmentIds[0]!)
      .where('status', '=', 'pending')
      .orderBy('fire_at')
      .execute();
    expect(timers.map((x) => [x.kind, x.fire_at.toISOString()])).toEqual([
      ['reminder', '2026-12-30T00:30:00.000Z'], // two working days before: Wednesday 30 December, 07:30
      ['reminder', '2027-01-04T00:30:00.000Z'], // Monday 4 January, 07:30, not the holiday
      ['deadline', '2027-01-04T10:00:00.000Z'],
    ]);
  });
});
