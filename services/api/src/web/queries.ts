import {
  isAssignmentFinal,
  localDateOf,
  onChairmansList,
  trafficLight,
  workingDaysBetween,
  worstLight,
  type Light,
  type WorkingCalendar,
} from '@dondoc/domain';
import {
  assignmentsWithReportTime,
  complianceRows,
  deadlinesMissedByMonth,
  findUnitByCode,
  lateThisYearByUnit,
  openOverdueAssignments,
  type DbOrTx,
} from '@dondoc/db';

/** The province-wide pages' figures: rows from packages/db, lights and the Chairman's list from the domain's rules. */
export const light = trafficLight;

/** Units × open directives: each unit's worst light in each directive, units with most overdue first. */
export async function complianceMatrix(db: DbOrTx, cal: WorkingCalendar, now: Date) {
  const rows = await complianceRows(db);
  const directives = [...new Map(rows.map((r) => [r.directive_id, r.number_symbol])).entries()].sort((a, b) => a[1].localeCompare(b[1]));
  const units = new Map<string, { code: string; name: string; cells: Map<string, Light[]>; overdue: number; late: number }>();
  for (const r of rows) {
    const u = units.get(r.code) ?? { code: r.code, name: r.name, cells: new Map(), overdue: 0, late: 0 };
    const l = trafficLight(cal, now, r);
    u.cells.set(r.directive_id, [...(u.cells.get(r.directive_id) ?? []), l]);
    if (l === 'overdue') {
      u.overdue++;
      if (r.due_at) u.late = Math.max(u.late, workingDaysBetween(cal, localDateOf(r.due_at), localDateOf(now)));
    }
    units.set(r.code, u);
  }
  const list = [...units.values()].sort((a, b) => b.overdue - a.overdue || b.late - a.late || a.name.localeCompare(b.name, 'vi'));
  const cellsOf = (u: (typeof list)[number]) => directives.map(([id]) => (u.cells.has(id) ? worstLight(u.cells.get(id)!) : null));
  return { directives, units: list.map((u) => ({ ...u, cells: cellsOf(u) })) };
}

interface Laggard {
  code: string;
  name: string;
  items: number;
  worst: number;
  onChairmansList: boolean;
  requested: boolean;
  lateThisYear: number;
}

/** Units with overdue items: how many, how late at worst, how often late this year. */
export async function laggards(db: DbOrTx, cal: WorkingCalendar, now: Date) {
  const open = await openOverdueAssignments(db);
  const year = await lateThisYearByUnit(db, now);
  const by = new Map<string, Laggard>();
  for (const r of open) {
    const u = by.get(r.code) ?? { code: r.code, name: r.name, items: 0, worst: 0, onChairmansList: false, requested: r.requested, lateThisYear: 0 };
    u.items++;
    if (r.due_at) u.worst = Math.max(u.worst, workingDaysBetween(cal, localDateOf(r.due_at), localDateOf(now)));
    u.onChairmansList ||= onChairmansList({ escalationLevel: r.escalation_level, requested: r.requested });
    by.set(r.code, u);
  }
  for (const y of year) if (by.has(y.code)) by.get(y.code)!.lateThisYear = y.n;
  return [...by.values()].sort((a, b) => b.worst - a.worst || b.items - a.items || a.name.localeCompare(b.name, 'vi'));
}

/** A unit's record: on-time rate of finished work, average delay, open overdue items, late deadlines per month. */
export async function scorecard(db: DbOrTx, cal: WorkingCalendar, now: Date, unitCode: string) {
  const unit = await findUnitByCode(db, unitCode);
  if (!unit) return undefined;
  const rows = await assignmentsWithReportTime(db, unit.id);
  const finished = rows.filter((r) => r.state === 'reviewed');
  const onTime = finished.filter((r) => !r.due_at || (r.reported_at && r.reported_at <= r.due_at)).length;
  const delays = rows
    .filter((r) => r.due_at && (r.overdue || (r.reported_at && r.reported_at > r.due_at)))
    .map((r) => workingDaysBetween(cal, localDateOf(r.due_at!), localDateOf(r.reported_at ?? now)));
  const months = await deadlinesMissedByMonth(db, unit.id);
  return {
    unit,
    assignments: rows.length,
    finished: finished.length,
    onTimeRate: finished.length ? Math.round((onTime / finished.length) * 100) : null,
    averageDelay: delays.length ? Math.round((delays.reduce((a, b) => a + b, 0) / delays.length) * 10) / 10 : 0,
    openOverdue: rows.filter((r) => r.overdue && !isAssignmentFinal(r.state)).length,
    trend: months.slice(-12),
  };
}
