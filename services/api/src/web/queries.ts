import {
  compareVi,
  followUpFigures,
  followUpStanding,
  localDateOf,
  onChairmansList,
  trafficLight,
  workingDaysBetween,
  worstLight,
  type DigestItem,
  type DirectiveType,
  type FollowUpFacts,
  type Light,
  type UnitKind,
  type WorkingCalendar,
} from '@dondoc/domain';
import { findUnitByCode, followUpRows, unitContacts, type DbOrTx, type FollowUpFilter, type FollowUpRow } from '@dondoc/db';

/**
 * The dashboards' figures: rows from packages/db (followUpRows), the four
 * figures and the on-time rate from the domain's rule (follow-up-figures.ts),
 * lights and the Chairman's list from follow-up-status.ts. Issue 16 moves the
 * counting into SQL aggregates; the rule stays the definition they must match.
 */
export const light = trafficLight;

/** The tiers a unit filter offers: the province's bodies (sở, ban, ngành…), the districts, the communes. */
export const unitTiers = {
  province: ['office', 'department', 'sector', 'police', 'military', 'judiciary', 'front', 'mass_org', 'party'],
  district: ['district'],
  commune: ['commune'],
} as const satisfies Record<string, readonly UnitKind[]>;
export type UnitTier = keyof typeof unitTiers;

export interface DashboardFilter {
  year?: number;
  issuerUnitId?: string;
  type?: DirectiveType;
  tier?: UnitTier;
  /** Only units with a cell of this light. */
  light?: Light;
  overdueOnly?: boolean;
}

const dbFilter = (f: DashboardFilter): FollowUpFilter => ({
  ...(f.year && { year: f.year }),
  ...(f.issuerUnitId && { issuerUnitId: f.issuerUnitId }),
  ...(f.type && { type: f.type }),
  ...(f.tier && { unitKinds: unitTiers[f.tier] }),
});

export const factsOf = (r: FollowUpRow): FollowUpFacts => ({
  state: r.state,
  dueAt: r.due_at,
  originalDueAt: r.original_due_at,
  overdue: r.overdue,
  doneAt: r.done_at,
});

/** Working days an open item is past its deadline at `now` (0 when not past it). */
const daysLate = (cal: WorkingCalendar, now: Date, dueAt: Date | null) =>
  dueAt && dueAt < now ? Math.max(0, workingDaysBetween(cal, localDateOf(dueAt), localDateOf(now))) : 0;

/** Whether the viewer reads a classified directive's task titles (the Office and the Chairman; README "Classified directives"). */
export const readsContent = (role: string, classification: string) => classification === 'thuong' || role === 'office' || role === 'chairman';

/** The province's four figures and on-time rate, over every directive not withdrawn. */
export async function provinceFigures(db: DbOrTx, now: Date, filter: DashboardFilter = {}) {
  return followUpFigures((await followUpRows(db, dbFilter(filter))).map(factsOf), now);
}

/** Units × directives still followed up: each unit's worst light in each, units with most overdue first, the filters applied. */
export async function complianceMatrix(db: DbOrTx, cal: WorkingCalendar, now: Date, filter: DashboardFilter = {}) {
  const rows = await followUpRows(db, { ...dbFilter(filter), followedUpOnly: true });
  const units = new Map<string, { code: string; name: string; cells: Map<string, Light[]>; overdue: number; late: number }>();
  const directives = new Map<string, string>();
  for (const r of rows) {
    const u = units.get(r.unit_code) ?? { code: r.unit_code, name: r.unit_name, cells: new Map(), overdue: 0, late: 0 };
    const l = trafficLight(cal, now, r);
    u.cells.set(r.directive_id, [...(u.cells.get(r.directive_id) ?? []), l]);
    if (l === 'overdue') {
      u.overdue++;
      u.late = Math.max(u.late, daysLate(cal, now, r.due_at));
    }
    units.set(r.unit_code, u);
    directives.set(r.directive_id, r.number_symbol);
  }
  const columns = [...directives.entries()].map(([id, numberSymbol]) => ({ id, numberSymbol })).sort((a, b) => compareVi(a.numberSymbol, b.numberSymbol));
  const list = [...units.values()]
    .map((u) => ({ ...u, cells: columns.map((d) => (u.cells.has(d.id) ? worstLight(u.cells.get(d.id)!) : null)) }))
    .filter((u) => (!filter.overdueOnly || u.overdue > 0) && (!filter.light || u.cells.includes(filter.light)))
    .sort((a, b) => b.overdue - a.overdue || b.late - a.late || compareVi(a.name, b.name));
  return { directives: columns, units: list };
}

export interface LaggingItem {
  assignmentId: string;
  directiveId: string;
  numberSymbol: string;
  taskOrdinal: number;
  /** Left out where the viewer may not read a classified directive's content. */
  taskTitle: string | null;
  dueAt: Date | null;
  workingDaysLate: number;
  returns: number;
  onChairmansList: boolean;
  requested: boolean;
  state: string;
  escalationLevel: number;
}

/** Units with overdue work, worst first: each unit's overdue items (how late, how often returned, on the Chairman's list) and contacts. */
export async function laggingUnits(db: DbOrTx, cal: WorkingCalendar, now: Date, viewerRole: string, filter: DashboardFilter = {}) {
  const rows = await followUpRows(db, { ...dbFilter(filter), followedUpOnly: true });
  const by = new Map<string, { id: string; code: string; name: string; items: LaggingItem[]; figures: FollowUpFacts[] }>();
  for (const r of rows) {
    const u = by.get(r.unit_id) ?? { id: r.unit_id, code: r.unit_code, name: r.unit_name, items: [], figures: [] };
    u.figures.push(factsOf(r));
    by.set(r.unit_id, u);
    if (followUpStanding(factsOf(r), now)?.standing !== 'open_overdue') continue;
    u.items.push({
      assignmentId: r.id,
      directiveId: r.directive_id,
      numberSymbol: r.number_symbol,
      taskOrdinal: r.task_ordinal,
      taskTitle: readsContent(viewerRole, r.classification) ? r.task_title : null,
      dueAt: r.due_at,
      workingDaysLate: daysLate(cal, now, r.due_at),
      returns: r.returns,
      onChairmansList: onChairmansList({ escalationLevel: r.escalation_level, requested: r.requested }),
      requested: r.requested,
      state: r.state,
      escalationLevel: r.escalation_level,
    });
  }
  const lagging = [...by.values()].filter((u) => u.items.length > 0);
  const contacts = new Map(
    (
      await unitContacts(
        db,
        lagging.map((u) => u.id),
      )
    ).map((c) => [c.id, c]),
  );
  return lagging
    .map((u) => {
      const items = u.items.sort((a, b) => b.workingDaysLate - a.workingDaysLate || compareVi(a.numberSymbol, b.numberSymbol) || a.taskOrdinal - b.taskOrdinal);
      return {
        id: u.id,
        code: u.code,
        name: u.name,
        items,
        worst: Math.max(...items.map((i) => i.workingDaysLate)),
        onChairmansList: items.some((i) => i.onChairmansList),
        /** Every overdue item is a requested body's (off the Chairman's list for that reason). */
        requested: items.every((i) => i.requested),
        figures: followUpFigures(u.figures, now),
        contact: contacts.get(u.id)!,
      };
    })
    .sort((a, b) => b.worst - a.worst || b.items.length - a.items.length || compareVi(a.name, b.name));
}
export type LaggingUnit = Awaited<ReturnType<typeof laggingUnits>>[number];

/** A lagging unit's overdue items as its morning digest lists them, for "Nhắc ngay". */
export const digestItems = (u: LaggingUnit): DigestItem[] =>
  u.items.map((i) => ({
    assignmentId: i.assignmentId,
    numberSymbol: i.numberSymbol,
    taskOrdinal: i.taskOrdinal,
    // The mail goes to the unit, which reads its own task; a classified title still stays out of mail.
    ...(i.taskTitle !== null ? { taskTitle: i.taskTitle } : {}),
    unitName: u.name,
    dueAt: i.dueAt?.toISOString() ?? null,
    state: i.state,
    overdue: true,
    workingDaysLate: i.workingDaysLate,
    escalationLevel: i.escalationLevel,
  }));

/** `yyyy-mm` of an instant in Asia/Ho_Chi_Minh. */
const monthOf = (d: Date) => localDateOf(d).slice(0, 7);

/**
 * A unit's record: the four figures and on-time rate, the average delay of late work, and the
 * deadlines it missed counted BY THE DEADLINE'S MONTH (done late or still open past it, the
 * figures' rule), over the latest twelve months in which one of its deadlines fell.
 */
export async function scorecard(db: DbOrTx, cal: WorkingCalendar, now: Date, unitCode: string) {
  const unit = await findUnitByCode(db, unitCode);
  if (!unit) return undefined;
  const rows = await followUpRows(db, { unitId: unit.id });
  const missed = new Map<string, number>();
  const delays: number[] = [];
  const withDeadline: string[] = [];
  for (const r of rows) {
    const s = followUpStanding(factsOf(r), now);
    if (!s || !r.due_at) continue;
    withDeadline.push(monthOf(r.due_at));
    if (s.standing !== 'done_late' && s.standing !== 'open_overdue') continue;
    missed.set(monthOf(r.due_at), (missed.get(monthOf(r.due_at)) ?? 0) + 1);
    delays.push(workingDaysBetween(cal, localDateOf(r.due_at), localDateOf(r.done_at ?? now)));
  }
  // The months a deadline of the unit fell in (a month with none has nothing to show), the latest twelve.
  const months = [...new Set(withDeadline)].sort().slice(-12);
  return {
    unit,
    figures: followUpFigures(rows.map(factsOf), now),
    averageDelay: delays.length ? Math.round((delays.reduce((a, b) => a + b, 0) / delays.length) * 10) / 10 : 0,
    months: months.map((month) => ({ month, missed: missed.get(month) ?? 0 })),
  };
}
