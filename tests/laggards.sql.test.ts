import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUnitByCode, followUpRows, laggingUnitRanks, loadCalendar, provinceFigureCounts, seedDemo, unitRecord, type FollowUpRow } from '@dondoc/db';
import {
  compareVi,
  followUpFigures,
  followUpStanding,
  localDateOf,
  onChairmansList,
  workingDaysBetween,
  type FollowUpFacts,
  type WorkingCalendar,
} from '@dondoc/domain';
import { laggardsPage } from '../services/api/src/web/laggards.query.ts';
import { startApi, users, type TestApi } from './support/api.ts';
import { drive } from './support/commands.ts';
import { createTestContext, type TestContext } from './support/context.ts';
import { signIn } from './support/web.ts';

/**
 * The lagging units, the overview's lagging list and the unit scorecard as PostgreSQL
 * counts them (packages/db laggards.queries.ts, scorecard.queries.ts) give what the
 * domain's rules give over the same rows, computed in Node the way the pages did
 * before (every row loaded): the order, the overdue items and how many working days
 * late (across Tết), the Chairman's-list marks, each unit's figures, and the
 * scorecard's average delay and deadlines missed by month. And the pages show one
 * page of units with their count, reach every unit, and "Nhắc ngay" sends all of a
 * unit's overdue items.
 */

const facts = (r: FollowUpRow): FollowUpFacts => ({ state: r.state, dueAt: r.due_at, originalDueAt: r.original_due_at, overdue: r.overdue, doneAt: r.done_at });
const daysLate = (cal: WorkingCalendar, now: Date, dueAt: Date | null) =>
  dueAt && dueAt < now ? Math.max(0, workingDaysBetween(cal, localDateOf(dueAt), localDateOf(now))) : 0;

/** The lagging units as the rule gives them over every row of the directives followed up. */
function laggardsByRule(rows: FollowUpRow[], cal: WorkingCalendar, now: Date) {
  const by = new Map<
    string,
    { id: string; code: string; name: string; rows: FollowUpRow[]; items: { id: string; late: number; n: string; o: number; r: FollowUpRow }[] }
  >();
  for (const r of rows) {
    const u = by.get(r.unit_id) ?? { id: r.unit_id, code: r.unit_code, name: r.unit_name, rows: [], items: [] };
    u.rows.push(r);
    by.set(r.unit_id, u);
    if (followUpStanding(facts(r), now)?.standing === 'open_overdue')
      u.items.push({ id: r.id, late: daysLate(cal, now, r.due_at), n: r.number_symbol, o: r.task_ordinal, r });
  }
  return [...by.values()]
    .filter((u) => u.items.length > 0)
    .map((u) => ({
      ...u,
      items: u.items.sort((a, b) => b.late - a.late || compareVi(a.n, b.n) || a.o - b.o),
      worst: Math.max(...u.items.map((i) => i.late)),
      onChairmansList: u.items.some((i) => onChairmansList({ escalationLevel: i.r.escalation_level, requested: i.r.requested })),
      requested: u.items.every((i) => i.r.requested),
      figures: followUpFigures(u.rows.map(facts), now),
    }))
    .sort((a, b) => b.worst - a.worst || b.items.length - a.items.length || compareVi(a.name, b.name));
}

/** The scorecard as the rule gives it over every row of the unit (the pages' former computation). */
function recordByRule(rows: FollowUpRow[], cal: WorkingCalendar, now: Date) {
  const month = (d: Date) => localDateOf(d).slice(0, 7);
  const missed = new Map<string, number>();
  const delays: number[] = [];
  const withDeadline = new Set<string>();
  for (const r of rows) {
    const s = followUpStanding(facts(r), now);
    if (!s || !r.due_at) continue;
    withDeadline.add(month(r.due_at));
    if (s.standing !== 'done_late' && s.standing !== 'open_overdue') continue;
    missed.set(month(r.due_at), (missed.get(month(r.due_at)) ?? 0) + 1);
    delays.push(workingDaysBetween(cal, localDateOf(r.due_at), localDateOf(r.done_at ?? now)));
  }
  return {
    figures: followUpFigures(rows.map(facts), now),
    averageDelay: delays.length ? Math.round((delays.reduce((a, b) => a + b, 0) / delays.length) * 10) / 10 : 0,
    months: [...withDeadline]
      .sort()
      .slice(-12)
      .map((m) => ({ month: m, missed: missed.get(m) ?? 0 })),
  };
}

describe('lagging units and scorecards counted in PostgreSQL', () => {
  let t: TestContext;
  let api: TestApi;
  let cal: WorkingCalendar;
  /** Now, and a Monday after Tết Đinh Mùi (5–9/2/2027 off), when every open deadline of the demo has passed. */
  const afterTet = new Date('2027-02-22T03:00:00.000Z');
  const clocks = () => [new Date(), afterTet];

  beforeAll(async () => {
    t = await createTestContext();
    await seedDemo(t.db);
    // Work past its deadline: two finished late (approved now), one returned once and sent again, so every kind of late work is counted.
    const late = await t.db
      .selectFrom('assignments')
      .select(['id', 'state'])
      .where('due_at', '<', new Date())
      .where('state', 'not in', ['reviewed', 'cancelled'])
      .orderBy('id')
      .limit(3)
      .execute();
    expect(late.length).toBe(3);
    const toReported = {
      issued: ['ACKNOWLEDGE', 'START', 'SUBMIT_REPORT'],
      acknowledged: ['START', 'SUBMIT_REPORT'],
      in_progress: ['SUBMIT_REPORT'],
      reported: [],
    };
    for (const [i, a] of late.entries()) {
      const path = [...(toReported[a.state as keyof typeof toReported] ?? []), ...(i < 2 ? ['APPROVE'] : ['RETURN', 'SUBMIT_REPORT'])];
      await drive(t.db, a.id, ...(path as ['APPROVE']));
    }
    api = await startApi(t);
    cal = await loadCalendar(t.db);
  });
  afterAll(async () => {
    await api?.close();
    await t?.close();
  });

  it('ranks the lagging units worst first and pages them, each with its worst items, figures, marks and contacts', async () => {
    for (const now of clocks()) {
      const truth = laggardsByRule(await followUpRows(t.db, { followedUpOnly: true }), cal, now);
      const ranks = await laggingUnitRanks(t.db, now);
      expect(ranks.map((u) => [u.code, u.overdue, u.worst])).toEqual(truth.map((u) => [u.code, u.items.length, u.worst]));
      // Pages of 4 units, 2 items each: more than one page, every unit on exactly one, in order.
      const pageSize = 4;
      const pages = Math.ceil(truth.length / pageSize);
      expect(pages).toBeGreaterThan(1);
      const seen: string[] = [];
      for (let page = 1; page <= pages; page++) {
        const p = await laggardsPage(t.db, now, 'office', {}, { page, pageSize, perUnit: 2 });
        expect([p.total, p.page, p.pages]).toEqual([truth.length, page, pages]);
        for (const u of p.units) {
          const want = truth.find((w) => w.id === u.id)!;
          expect(u.items.map((i) => [i.assignmentId, i.workingDaysLate, i.returns])).toEqual(want.items.slice(0, 2).map((i) => [i.id, i.late, i.r.returns]));
          expect([u.onChairmansList, u.requested]).toEqual([want.onChairmansList, want.requested]);
          expect(u.figures).toEqual(want.figures);
          expect(u.contact.id).toBe(u.id);
          seen.push(u.code);
        }
      }
      expect(seen).toEqual(truth.map((u) => u.code));
      // A link to a unit (?open=) lands on the page that holds it, with all of its items.
      const last = truth.at(-1)!;
      const opened = await laggardsPage(t.db, now, 'office', {}, { pageSize, perUnit: 2, open: last.code });
      expect(opened.page).toBe(pages);
      expect(opened.units.find((u) => u.code === last.code)!.items.map((i) => i.assignmentId)).toEqual(last.items.map((i) => i.id));
    }
  });

  it('keeps only what the filters keep', async () => {
    const now = afterTet;
    const year = (await t.db.selectFrom('directives').select('issue_year').orderBy('issue_year', 'desc').executeTakeFirstOrThrow()).issue_year;
    for (const [filter, rows] of [
      [{ tier: 'district' as const }, { followedUpOnly: true, unitKinds: ['district' as const] }],
      [{ year }, { followedUpOnly: true, year }],
    ] as const) {
      const truth = laggardsByRule(await followUpRows(t.db, rows), cal, now);
      expect(truth.length).toBeGreaterThan(0);
      const p = await laggardsPage(t.db, now, 'office', filter, { pageSize: 100, perUnit: 100 });
      expect(p.units.map((u) => [u.code, u.overdue, u.items.map((i) => i.assignmentId), u.figures])).toEqual(
        truth.map((u) => [u.code, u.items.length, u.items.map((i) => i.id), u.figures]),
      );
    }
  });

  it('counts working days late across Tết as the calendar does', async () => {
    const p = await laggardsPage(t.db, afterTet, 'office', {}, { pageSize: 100, perUnit: 1000 });
    const items = p.units.flatMap((u) => u.items);
    const beforeTet = items.filter((i) => i.dueAt && localDateOf(i.dueAt) < '2027-02-05');
    expect(beforeTet.length).toBeGreaterThan(0);
    for (const i of items) expect(i.workingDaysLate).toBe(daysLate(cal, afterTet, i.dueAt));
    // The five days off of Tết (Friday to Tuesday: three of them weekdays) are not counted.
    const weekdays = (from: string, to: string) => {
      let n = 0;
      for (let d = new Date(`${from}T00:00:00Z`); d.toISOString().slice(0, 10) < to; d = new Date(d.getTime() + 86_400_000)) {
        const next = new Date(d.getTime() + 86_400_000);
        if (next.getUTCDay() !== 0 && next.getUTCDay() !== 6) n++;
      }
      return n;
    };
    const one = beforeTet[0]!;
    expect(one.workingDaysLate).toBeLessThanOrEqual(weekdays(localDateOf(one.dueAt!), '2027-02-22') - 3);
  });

  it('gives each unit the scorecard the rule gives over its rows', async () => {
    const units = await t.db.selectFrom('units').select(['id', 'code']).execute();
    let doneLate = 0;
    for (const now of clocks())
      for (const u of units) {
        const want = recordByRule(await followUpRows(t.db, { unitId: u.id }), cal, now);
        expect(await unitRecord(t.db, now, u.id), `${u.code} at ${now.toISOString()}`).toEqual(want);
        doneLate += want.figures.doneLate;
      }
    expect(doneLate).toBeGreaterThan(0);
  });

  it('shows a page of units with their count, the overview the worst five, and "Nhắc ngay" sends every overdue item of the unit', async () => {
    const now = new Date();
    const ranks = await laggingUnitRanks(t.db, now);
    expect(ranks.length).toBeGreaterThan(5);
    const office = await signIn(api, users.office);
    const list = await office.get('/laggards');
    expect(list.status).toBe(200);
    const codes = [...list.text.matchAll(/<details class="unit" id="([^"]+)"/g)].map((m) => m[1]);
    expect(codes).toEqual(ranks.slice(0, 25).map((u) => u.code));
    expect(list.text).toContain(`trong tổng số ${ranks.length} đơn vị chậm thực hiện`);

    const overview = await office.get('/overview');
    expect([...overview.text.matchAll(/data-lagging="([^"]+)"/g)].map((m) => m[1])).toEqual(ranks.slice(0, 5).map((u) => u.code));
    const province = await provinceFigureCounts(t.db, now);
    expect(overview.text).toContain(`data-figure="openOverdue"><div class="muted">Đang thực hiện quá hạn</div><div class="big">${province.openOverdue}</div>`);

    // The export: every lagging unit's every overdue item.
    const csv = await office.get('/laggards?format=csv');
    expect(csv.text.trim().split('\n').length - 1).toBe(ranks.reduce((n, u) => n + u.overdue, 0));

    const unit = ranks[0]!;
    const sent = await office.post('/laggards', { unit: unit.code });
    expect(sent.status).toBe(303);
    const rows = await t.db.selectFrom('notifications').select('params').where('dedupe_key', 'like', `remind-now:${unit.id}:%`).execute();
    expect(rows.length).toBeGreaterThan(0);
    const truth = laggardsByRule(await followUpRows(t.db, { followedUpOnly: true }), cal, now).find((u) => u.id === unit.id)!;
    expect((rows[0]!.params as { items: { assignmentId: string }[] }).items.map((i) => i.assignmentId).sort()).toEqual(truth.items.map((i) => i.id).sort());
    // A unit with nothing overdue has nothing to remind of.
    const idle = (
      await t.db
        .selectFrom('units')
        .select('code')
        .where(
          'id',
          'not in',
          ranks.map((u) => u.id),
        )
        .executeTakeFirst()
    )?.code;
    if (idle) expect((await office.post('/laggards', { unit: idle })).status).toBe(409);
    expect((await findUnitByCode(t.db, unit.code))?.id).toBe(unit.id);
  });
});
