import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import {
  apply,
  countsOf,
  figureCountsSql,
  followUpRows,
  lightSql,
  loadCalendar,
  provinceFigureCounts,
  removeCalendarOverride,
  seedDemo,
  setCalendarOverride,
  workingDaysBetweenSql,
  workingDaysLateSql,
} from '@dondoc/db';
import { addDays, atLocalTime, figuresOfCounts, followUpFigures, lightAt, lightClock, localDateOf, workingDaysBetween, type LocalDate } from '@dondoc/domain';
import { drive, officeActor } from './support/commands.ts';
import { createTestContext, type TestContext } from './support/context.ts';

/**
 * The follow-up rules as PostgreSQL computes them for the dashboards at scale
 * (packages/db follow-up.sql.ts, calendar-days.ts, closed-directive-figures.ts)
 * must give the domain's answer: the light of every assignment, the four figures,
 * working days between two days across a holiday, a make-up working day and a day
 * off decided later; and the columns they read are the ones the engine keeps.
 */
describe('follow-up rules in SQL equal the domain’s', () => {
  let t: TestContext;

  beforeAll(async () => {
    t = await createTestContext();
    await seedDemo(t.db);
  });
  afterAll(async () => {
    await t?.close();
  });

  const facts = (r: Awaited<ReturnType<typeof followUpRows>>[number]) => ({
    state: r.state,
    dueAt: r.due_at,
    originalDueAt: r.original_due_at,
    overdue: r.overdue,
    doneAt: r.done_at,
  });

  /** Clocks around the seeded deadlines: now, and two days before, just before and just after some of them. */
  async function clocks(): Promise<Date[]> {
    const due = (await t.db.selectFrom('assignments').select('due_at').where('due_at', 'is not', null).distinct().execute()).map((r) => r.due_at!);
    const some = due.slice(0, 6);
    return [new Date(), ...some.flatMap((d) => [new Date(d.getTime() - 2 * 86_400_000), new Date(d.getTime() - 60_000), new Date(d.getTime() + 60_000)])];
  }

  it('keeps the latest submission, the returns and a granted extension on the assignment, as its trail has them', async () => {
    const a = await t.db
      .selectFrom('assignments as a')
      .innerJoin('directives as d', 'd.id', 'a.directive_id')
      .innerJoin('units as u', 'u.id', 'a.unit_id')
      .select('a.id')
      .where('d.number_symbol', '=', '25/CT-UBND')
      .where('u.code', '=', 'so-gtvt')
      .executeTakeFirstOrThrow();
    await drive(t.db, a.id, 'ACKNOWLEDGE', 'START', { type: 'REQUEST_EXTENSION', dueAt: '2030-03-01T10:00:00.000Z', reason: 'Chờ số liệu' });
    await drive(t.db, a.id, 'GRANT_EXTENSION', 'SUBMIT_REPORT', 'RETURN', 'SUBMIT_REPORT');
    const row = await t.db.selectFrom('assignments').select(['reported_at', 'returns', 'extended']).where('id', '=', a.id).executeTakeFirstOrThrow();
    const lastSubmit = await t.db
      .selectFrom('events')
      .select('created_at')
      .where('subject_id', '=', a.id)
      .where('type', '=', 'SUBMIT_REPORT')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ reported_at: lastSubmit.created_at, returns: 1, extended: true });

    // Every assignment's columns agree with its trail (the migration's backfill reads them from there).
    const drift = await sql<{ id: string }>`
      SELECT a.id FROM assignments a
      LEFT JOIN (
        SELECT subject_id, max(created_at) FILTER (WHERE type = 'SUBMIT_REPORT') AS reported_at,
          count(*) FILTER (WHERE type = 'RETURN')::int AS returns, coalesce(bool_or(type = 'GRANT_EXTENSION'), false) AS extended
        FROM events WHERE subject_type = 'assignment' GROUP BY subject_id
      ) h ON h.subject_id = a.id
      WHERE a.reported_at IS DISTINCT FROM h.reported_at OR a.returns <> coalesce(h.returns, 0) OR a.extended <> coalesce(h.extended, false)`.execute(t.db);
    expect(drift.rows).toEqual([]);
  });

  it('counts the four figures as the rule does, and the province’s figures with a closed directive counted once', async () => {
    for (const now of await clocks()) {
      const sqlCounts = await t.db
        .selectFrom('assignments as a')
        .innerJoin('directives as d', 'd.id', 'a.directive_id')
        .innerJoin('tasks as t', 't.id', 'a.task_id')
        .select(figureCountsSql('a', 't', now))
        .where('d.state', '!=', 'withdrawn')
        .executeTakeFirstOrThrow();
      expect(figuresOfCounts(countsOf(sqlCounts))).toEqual(followUpFigures((await followUpRows(t.db)).map(facts), now));
    }

    // Close the smallest directive the way the Office does: every report approved, then CLOSE.
    const smallest = await t.db
      .selectFrom('directives as d')
      .innerJoin('assignments as a', 'a.directive_id', 'd.id')
      .select(['d.id', sql<number>`count(*)::int`.as('n')])
      .where('d.state', 'not in', ['closed', 'withdrawn'])
      .where((eb) =>
        eb.not(
          eb.exists(eb.selectFrom('task_targets as k').innerJoin('tasks as t', 't.id', 'k.task_id').select('k.code').whereRef('t.directive_id', '=', 'd.id')),
        ),
      )
      .groupBy('d.id')
      .orderBy('n')
      .executeTakeFirstOrThrow();
    const open = await t.db.selectFrom('assignments').select(['id', 'state']).where('directive_id', '=', smallest.id).execute();
    for (const a of open) {
      const path = {
        issued: ['ACKNOWLEDGE', 'START', 'SUBMIT_REPORT', 'APPROVE'],
        acknowledged: ['START', 'SUBMIT_REPORT', 'APPROVE'],
        in_progress: ['SUBMIT_REPORT', 'APPROVE'],
        reported: ['APPROVE'],
      }[a.state];
      if (path) await drive(t.db, a.id, ...(path as ['APPROVE']));
    }
    await apply(t.db, { subject: { type: 'directive', id: smallest.id }, event: { type: 'CLOSE' }, actor: officeActor });
    const frozen = await t.db.selectFrom('closed_directive_figures').selectAll().where('directive_id', '=', smallest.id).executeTakeFirstOrThrow();
    expect(frozen.done_on_time + frozen.done_late).toBe(smallest.n);

    const now = new Date();
    expect(await provinceFigureCounts(t.db, now)).toEqual(followUpFigures((await followUpRows(t.db)).map(facts), now));
    const year = (await t.db.selectFrom('directives').select('issue_year').where('id', '=', smallest.id).executeTakeFirstOrThrow()).issue_year;
    expect(await provinceFigureCounts(t.db, now, { year })).toEqual(followUpFigures((await followUpRows(t.db, { year })).map(facts), now));
  });

  it('gives every assignment the light the domain gives it, at clocks around the deadlines', async () => {
    const cal = await loadCalendar(t.db);
    const seen = new Set<string>();
    for (const now of await clocks()) {
      const clock = lightClock(cal, now);
      const rows = await t.db
        .selectFrom('assignments as a')
        .select(['a.state', 'a.overdue', 'a.due_at', lightSql('a', clock).as('light')])
        .execute();
      for (const r of rows) {
        expect(r.light, `${r.state} due ${r.due_at?.toISOString()} at ${now.toISOString()}`).toBe(lightAt(clock, r));
        seen.add(r.light);
      }
    }
    // The clocks reach every light but cancelled (the demo cancels nothing; the directive closed above is done).
    expect([...seen].sort()).toEqual(['done', 'due_soon', 'on_time', 'overdue']);
  });

  describe('working days', () => {
    /** Every pair of days in a window, counted by SQL and by the domain. */
    async function compareWindow(from: LocalDate, days: number) {
      const cal = await loadCalendar(t.db);
      const dates = Array.from({ length: days }, (_, i) => addDays(from, i));
      const at = (d: LocalDate) => atLocalTime(d, '10:00');
      const pairs = dates.flatMap((a) => dates.map((b) => [a, b] as const));
      const got = await sql<{ n: number }>`SELECT * FROM (VALUES ${sql.join(
        pairs.map(([a, b], i) => sql`(${sql.lit(i)}, ${workingDaysBetweenSql(at(a), at(b))})`),
      )}) AS v(i, n) ORDER BY i`.execute(t.db);
      expect(got.rows.map((r) => r.n)).toEqual(pairs.map(([a, b]) => workingDaysBetween(cal, a, b)));
    }

    it('counts them across Tết and 30/4–1/5 as the calendar does', async () => {
      await compareWindow('2027-02-01', 21); // Tết Đinh Mùi: 6 February 2027 and the days around it
      await compareWindow('2027-04-26', 10);
    });

    it('follows an override in the transaction that sets it, and its removal', async () => {
      const actor = { kind: 'system', label: 'test-calendar' } as const;
      await setCalendarOverride(t.db, { date: '2027-04-24', kind: 'working_day', reason: 'Làm bù' }, actor); // a Saturday
      await setCalendarOverride(t.db, { date: '2027-04-29', kind: 'day_off', reason: 'Nghỉ theo quyết định' }, actor);
      expect((await loadCalendar(t.db)).isWorkingDay('2027-04-24')).toBe(true);
      await compareWindow('2027-04-20', 14);
      await removeCalendarOverride(t.db, '2027-04-24', actor);
      await removeCalendarOverride(t.db, '2027-04-29', actor);
      await compareWindow('2027-04-20', 14);
    });

    it('counts an item’s working days late at now, 0 when it is not past', async () => {
      const cal = await loadCalendar(t.db);
      const now = new Date();
      const today = localDateOf(now);
      const dues = [-30, -9, -3, -1, 0, 1, 5].map((n) => atLocalTime(addDays(today, n), '16:30'));
      const got = await sql<{
        n: number;
      }>`SELECT * FROM (VALUES ${sql.join(dues.map((d, i) => sql`(${sql.lit(i)}, ${workingDaysLateSql(sql`${d}::timestamptz`, now)})`))}) AS v(i, n) ORDER BY i`.execute(
        t.db,
      );
      expect(got.rows.map((r) => r.n)).toEqual(dues.map((d) => (d < now ? Math.max(0, workingDaysBetween(cal, localDateOf(d), today)) : 0)));
    });
  });
});
