import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apply, chiThiTetGiapThin2024, history, issueDirective, loadCalendar } from '@dondoc/db';
import { addWorkingDays, endOfWorkingDay, localDateOf, nextWorkingDay, type DirectiveInput } from '@dondoc/domain';
import { createTestContext, type TestContext } from './support/context.ts';
import { startApi, users, type TestApi } from './support/api.ts';
import { officeActor } from './support/commands.ts';

describe('the working calendar over the API, and deadlines that follow it', () => {
  let t: TestContext;
  let api: TestApi;
  let admin: string;

  beforeAll(async () => {
    t = await createTestContext();
    await t.seed();
    api = await startApi(t);
    admin = await api.token(users.admin);
  });
  afterAll(async () => {
    await api?.close();
    await t?.close();
  });

  it('shows anyone the holidays and decisions of a year', async () => {
    const r = await api.call('GET', '/api/v1/calendar/2026', { token: await api.token(users.officer('so-tttt')) });
    expect(r.status, r.text).toBe(200);
    expect(r.body).toMatchObject({ year: 2026, tetNguyenDan: '2026-02-17', gioToHungVuong: '2026-04-26', weekend: [0, 6], workingDays: 250 });
    expect(r.body.days.find((d: { date: string }) => d.date === '2026-04-27')).toEqual({
      date: '2026-04-27',
      working: false,
      kind: 'compensatory',
      reason: { vi: 'Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch)', en: "In lieu of Hung Kings' Commemoration" },
    });
    expect((await api.call('GET', '/api/v1/calendar/2101', { token: admin })).body).toMatchObject({ code: 'VALIDATION', field: 'params.year' });
  });

  it('lets only the admin record a decision', async () => {
    for (const email of [users.office, users.chairman, users.officer('so-tttt')]) {
      const r = await api.call('POST', '/api/v1/calendar/overrides', {
        token: await api.token(email),
        json: { date: '2030-01-02', kind: 'day_off', reason: 'x' },
      });
      expect(r.status, email).toBe(403);
    }
    const bad = await api.call('POST', '/api/v1/calendar/overrides', { token: admin, json: { date: '2030-02-30', kind: 'day_off', reason: 'x' } });
    expect(bad.body).toMatchObject({ code: 'VALIDATION', field: 'date' });
  });

  it('lets the admin change the weekend, the hours and the extra holidays', async () => {
    const forbidden = await api.call('PATCH', '/api/v1/calendar/settings', { token: await api.token(users.office), json: { weekend: [0] } });
    expect(forbidden.status).toBe(403);
    const overlap = await api.call('PATCH', '/api/v1/calendar/settings', {
      token: admin,
      json: {
        workingHours: [
          ['07:30', '12:00'],
          ['11:00', '17:00'],
        ],
      },
    });
    expect(overlap.body).toMatchObject({ code: 'VALIDATION', field: 'workingHours' });
    const r = await api.call('PATCH', '/api/v1/calendar/settings', {
      token: admin,
      json: { extraHolidays: [{ monthDay: '11-24', nameVi: 'Ngày Văn hóa Việt Nam', nameEn: 'Vietnam Culture Day' }] },
    });
    expect(r.status, r.text).toBe(200);
    expect(r.body.settings).toMatchObject({ weekend: [0, 6], extraHolidays: [{ monthDay: '11-24' }] });
    const y2027 = await api.call('GET', '/api/v1/calendar/2027', { token: admin });
    expect(y2027.body.days.find((d: { date: string }) => d.date === '2027-11-24')).toMatchObject({
      working: false,
      kind: 'holiday',
      reason: { vi: 'Ngày Văn hóa Việt Nam' },
    });
    await api.call('PATCH', '/api/v1/calendar/settings', { token: admin, json: { extraHolidays: [] } });
  });

  it('moves the deadlines given in working days that have not passed when a day off is added, and back when it is removed', async () => {
    const today = localDateOf(new Date());
    const input: DirectiveInput = {
      ...chiThiTetGiapThin2024,
      numberSymbol: '77/CT-UBND',
      issuedOn: today,
      campaign: undefined,
      tasks: [{ ...chiThiTetGiapThin2024.tasks[4]!, ordinal: 1, deadline: { kind: 'working_days', days: 5 } }], // Sở Công Thương, Cục QLTT
    };
    const issued = await issueDirective(t.db, input, officeActor);
    const [kept, extended] = issued.assignmentIds as [string, string];
    const cal = await loadCalendar(t.db);
    const due = endOfWorkingDay(cal, addWorkingDays(cal, today, 5));
    const far = endOfWorkingDay(cal, addWorkingDays(cal, today, 40)).toISOString();
    await apply(t.db, { subject: { type: 'assignment', id: extended }, event: { type: 'REQUEST_EXTENSION', dueAt: far, reason: 'x' }, actor: officeActor });
    await apply(t.db, { subject: { type: 'assignment', id: extended }, event: { type: 'GRANT_EXTENSION' }, actor: officeActor });

    // A storm closes offices on the third working day after issue.
    const closed = addWorkingDays(cal, today, 3);
    const r = await api.call('POST', '/api/v1/calendar/overrides', {
      token: admin,
      json: { date: closed, kind: 'day_off', reason: 'Nghỉ phòng, tránh bão số 3 (Công điện của Chủ tịch UBND tỉnh)' },
    });
    expect(r.status, r.text).toBe(200);
    const moved = endOfWorkingDay(cal, nextWorkingDay(cal, addWorkingDays(cal, today, 5)));
    expect(r.body.moved).toEqual([{ assignmentId: kept, from: due.toISOString(), to: moved.toISOString() }]);

    const row = (id: string) => t.db.selectFrom('assignments').select(['due_at', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
    expect((await row(kept)).due_at).toEqual(moved);
    expect((await row(extended)).due_at?.toISOString()).toBe(far); // its own deadline stands
    const task = await t.db.selectFrom('tasks').select('due_at').where('id', '=', issued.taskIds[0]!).executeTakeFirstOrThrow();
    expect(task.due_at).toEqual(moved);

    const last = (await history(t.db, { type: 'assignment', id: kept })).at(-1)!;
    expect([last.type, last.payload]).toEqual(['RESCHEDULE', { dueAt: moved.toISOString(), previousDueAt: due.toISOString(), reason: 'calendar' }]);
    const timers = await t.db
      .selectFrom('timers')
      .select(['generation', 'status', 'fire_at'])
      .where('subject_id', '=', kept)
      .where('kind', '=', 'deadline')
      .orderBy('generation')
      .execute();
    expect(timers.map((x) => [x.generation, x.status, x.fire_at.toISOString()])).toEqual([
      [1, 'cancelled', due.toISOString()],
      [2, 'pending', moved.toISOString()],
    ]);

    // Deadlines already passed stay where they were: the seeded Chỉ thị's five working days ended in 2023.
    const passed = await t.db.selectFrom('events').select('id').where('type', '=', 'RESCHEDULE').execute();
    expect(passed).toHaveLength(1);

    const undo = await api.call('DELETE', `/api/v1/calendar/overrides/${closed}`, { token: admin });
    expect(undo.body.moved).toEqual([{ assignmentId: kept, from: moved.toISOString(), to: due.toISOString() }]);
    expect((await row(kept)).due_at).toEqual(due);
    expect((await api.call('DELETE', `/api/v1/calendar/overrides/${closed}`, { token: admin })).status).toBe(404);
  });
});
