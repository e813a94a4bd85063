import { sql } from 'kysely';
import { localDateOf, workingDaysBetween, addWorkingDays, endOfWorkingDay, type WorkingCalendar } from '@dondoc/domain';
import { lateThisYearByUnit, type DbOrTx } from '@dondoc/db';

/** How an assignment looks on the pages: done, overdue, due within three working days, on time, cancelled. */
export type Light = 'done' | 'overdue' | 'due_soon' | 'on_time' | 'cancelled';

export function light(cal: WorkingCalendar, now: Date, a: { state: string; overdue: boolean; due_at: Date | null }): Light {
  if (a.state === 'reviewed') return 'done';
  if (a.state === 'cancelled') return 'cancelled';
  if (a.overdue || (a.due_at && a.due_at < now)) return 'overdue';
  if (a.due_at && a.due_at <= endOfWorkingDay(cal, addWorkingDays(cal, localDateOf(now), 3))) return 'due_soon';
  return 'on_time';
}

const worst: Light[] = ['overdue', 'due_soon', 'on_time', 'done', 'cancelled'];
export const worstOf = (ls: Light[]) => worst.find((w) => ls.includes(w)) ?? 'cancelled';

/** Units × open directives: each unit's worst light in each directive, units with most overdue first. */
export async function complianceMatrix(db: DbOrTx, cal: WorkingCalendar, now: Date) {
  const rows = await db
    .selectFrom('assignments as a')
    .innerJoin('directives as d', 'd.id', 'a.directive_id')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .select(['a.state', 'a.overdue', 'a.due_at', 'd.id as directive_id', 'd.number_symbol', 'u.code', 'u.name'])
    .where('d.state', 'not in', ['withdrawn', 'closed'])
    .execute();
  const directives = [...new Map(rows.map((r) => [r.directive_id, r.number_symbol])).entries()].sort((a, b) => a[1].localeCompare(b[1]));
  const units = new Map<string, { code: string; name: string; cells: Map<string, Light[]>; overdue: number; late: number }>();
  for (const r of rows) {
    const u = units.get(r.code) ?? { code: r.code, name: r.name, cells: new Map(), overdue: 0, late: 0 };
    const l = light(cal, now, r);
    u.cells.set(r.directive_id, [...(u.cells.get(r.directive_id) ?? []), l]);
    if (l === 'overdue') {
      u.overdue++;
      if (r.due_at) u.late = Math.max(u.late, workingDaysBetween(cal, localDateOf(r.due_at), localDateOf(now)));
    }
    units.set(r.code, u);
  }
  const list = [...units.values()].sort((a, b) => b.overdue - a.overdue || b.late - a.late || a.name.localeCompare(b.name, 'vi'));
  return { directives, units: list.map((u) => ({ ...u, cells: directives.map(([id]) => (u.cells.has(id) ? worstOf(u.cells.get(id)!) : null)) })) };
}

/** Units with overdue items: how many, how late at worst, how often late this year. */
export async function laggards(db: DbOrTx, cal: WorkingCalendar, now: Date) {
  const open = await db
    .selectFrom('assignments as a')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .innerJoin('directives as d', 'd.id', 'a.directive_id')
    .select(['u.code', 'u.name', 'a.due_at', 'a.escalation_level', 'a.requested', 'd.number_symbol'])
    .where('a.overdue', '=', true)
    .where('a.state', 'not in', ['reviewed', 'cancelled'])
    .where('d.state', 'not in', ['withdrawn', 'closed'])
    .execute();
  const year = await lateThisYearByUnit(db, now);
  const by = new Map<string, { code: string; name: string; items: number; worst: number; onChairmansList: boolean; requested: boolean; lateThisYear: number }>();
  for (const r of open) {
    const u = by.get(r.code) ?? { code: r.code, name: r.name, items: 0, worst: 0, onChairmansList: false, requested: r.requested, lateThisYear: 0 };
    u.items++;
    if (r.due_at) u.worst = Math.max(u.worst, workingDaysBetween(cal, localDateOf(r.due_at), localDateOf(now)));
    u.onChairmansList ||= r.escalation_level >= 3 && !r.requested;
    by.set(r.code, u);
  }
  for (const y of year) if (by.has(y.code)) by.get(y.code)!.lateThisYear = y.n;
  return [...by.values()].sort((a, b) => b.worst - a.worst || b.items - a.items || a.name.localeCompare(b.name, 'vi'));
}

/** A unit's record: on-time rate of finished work, average delay, open overdue items, late deadlines per month. */
export async function scorecard(db: DbOrTx, cal: WorkingCalendar, now: Date, unitCode: string) {
  const unit = await db.selectFrom('units').select(['id', 'code', 'name']).where('code', '=', unitCode).executeTakeFirst();
  if (!unit) return undefined;
  const rows = await db
    .selectFrom('assignments as a')
    .select(['a.id', 'a.state', 'a.overdue', 'a.due_at'])
    .select((eb) => eb.selectFrom('events as e').select(sql<Date>`max(e.created_at)`.as('t')).whereRef('e.subject_id', '=', 'a.id').where('e.type', '=', 'SUBMIT_REPORT').as('reported_at'))
    .where('a.unit_id', '=', unit.id)
    .execute();
  const finished = rows.filter((r) => r.state === 'reviewed');
  const onTime = finished.filter((r) => !r.due_at || (r.reported_at && r.reported_at <= r.due_at)).length;
  const delays = rows.filter((r) => r.due_at && (r.overdue || (r.reported_at && r.reported_at > r.due_at))).map((r) => workingDaysBetween(cal, localDateOf(r.due_at!), localDateOf(r.reported_at ?? now)));
  const months = await db
    .selectFrom('events as e')
    .innerJoin('assignments as a', (j) => j.onRef('a.id', '=', 'e.subject_id').on('e.subject_type', '=', 'assignment'))
    .select([sql<string>`to_char(e.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM')`.as('month'), sql<string>`count(*)`.as('n')])
    .where('a.unit_id', '=', unit.id)
    .where('e.type', '=', 'DEADLINE_PASSED')
    .groupBy('month')
    .orderBy('month')
    .execute();
  return {
    unit,
    assignments: rows.length,
    finished: finished.length,
    onTimeRate: finished.length ? Math.round((onTime / finished.length) * 100) : null,
    averageDelay: delays.length ? Math.round((delays.reduce((a, b) => a + b, 0) / delays.length) * 10) / 10 : 0,
    openOverdue: rows.filter((r) => r.overdue && !['reviewed', 'cancelled'].includes(r.state)).length,
    trend: months.slice(-12).map((m) => ({ month: m.month, late: Number(m.n) })),
  };
}
