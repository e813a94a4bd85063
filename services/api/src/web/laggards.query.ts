import type { DigestItem, FollowUpFigures } from '@dondoc/domain';
import {
  laggingItems,
  laggingUnitRanks,
  unitContacts,
  unitFollowUpFigures,
  type DbOrTx,
  type LaggardsFilter,
  type LaggingItemRow,
  type LaggingUnitRank,
} from '@dondoc/db';
import { readsContent, unitTiers, type DashboardFilter } from './queries.ts';

/**
 * The lagging units as the pages show them, from packages/db laggards.queries.ts:
 * one page of units (worst first) with the worst of each one's overdue items, its
 * figures, contacts and Chairman's-list mark; the overview's first few; every
 * unit's items for the export; one unit's items for "Nhắc ngay".
 */

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

export interface LaggingUnit extends LaggingUnitRank {
  /** Its worst overdue items (all of them when unfolded); `overdue` says how many it has. */
  items: LaggingItem[];
  onChairmansList: boolean;
  /** Every overdue item is a requested body's (off the Chairman's list for that reason). */
  requested: boolean;
}

export type LaggingUnitDetails = LaggingUnit & { figures: FollowUpFigures; contact: Awaited<ReturnType<typeof unitContacts>>[number] };

export const laggardsFilterOf = (f: DashboardFilter): LaggardsFilter => ({
  ...(f.year && { year: f.year }),
  ...(f.issuerUnitId && { issuerUnitId: f.issuerUnitId }),
  ...(f.type && { type: f.type }),
  ...(f.tier && { unitKinds: unitTiers[f.tier] }),
});

const itemOf = (viewerRole: string, r: LaggingItemRow): LaggingItem => ({
  assignmentId: r.assignmentId,
  directiveId: r.directiveId,
  numberSymbol: r.numberSymbol,
  taskOrdinal: r.taskOrdinal,
  taskTitle: readsContent(viewerRole, r.classification) ? r.taskTitle : null,
  dueAt: r.dueAt,
  workingDaysLate: r.workingDaysLate,
  returns: r.returns,
  onChairmansList: r.onChairmansList,
  requested: r.requested,
  state: r.state,
  escalationLevel: r.escalationLevel,
});

/** The ranked units with their items read (the worst `perUnit`, or all for the units in `whole`). */
async function withItems(
  db: DbOrTx,
  now: Date,
  viewerRole: string,
  units: LaggingUnitRank[],
  f: LaggardsFilter,
  perUnit: number,
  whole: ReadonlySet<string> = new Set(),
) {
  const some = units.filter((u) => !whole.has(u.id) && u.overdue > 0).map((u) => u.id);
  const all = units.filter((u) => whole.has(u.id)).map((u) => u.id);
  const [a, b] = await Promise.all([laggingItems(db, now, some, f, perUnit), laggingItems(db, now, all, f)]);
  return units.map((u): LaggingUnit => {
    const marks = a.marks.get(u.id) ?? b.marks.get(u.id);
    return {
      ...u,
      items: (a.items.get(u.id) ?? b.items.get(u.id) ?? []).map((r) => itemOf(viewerRole, r)),
      onChairmansList: marks?.onChairmansList ?? false,
      requested: marks?.requested ?? false,
    };
  });
}

export interface LaggardsPage {
  units: LaggingUnitDetails[];
  /** Lagging units under the filter, on every page. */
  total: number;
  page: number;
  pages: number;
}

/**
 * One page of lagging units under the filter. Without a page asked for, the page
 * is the one that holds `open` (a link to a unit lands on it), else the first.
 */
export async function laggardsPage(
  db: DbOrTx,
  now: Date,
  viewerRole: string,
  filter: DashboardFilter,
  view: { page?: number; pageSize: number; perUnit: number; open?: string },
): Promise<LaggardsPage> {
  const f = laggardsFilterOf(filter);
  const ranks = await laggingUnitRanks(db, now, f);
  const pages = Math.max(1, Math.ceil(ranks.length / view.pageSize));
  const at = view.open ? ranks.findIndex((r) => r.code === view.open) : -1;
  const page = Math.min(pages, view.page ?? (at >= 0 ? Math.floor(at / view.pageSize) + 1 : 1));
  const shown = ranks.slice((page - 1) * view.pageSize, page * view.pageSize);
  const ids = shown.map((u) => u.id);
  const opened = new Set(shown.filter((u) => u.code === view.open).map((u) => u.id));
  const [units, figures, contacts] = await Promise.all([
    withItems(db, now, viewerRole, shown, f, view.perUnit, opened),
    unitFollowUpFigures(db, now, ids, f),
    unitContacts(db, ids),
  ]);
  const contactOf = new Map(contacts.map((c) => [c.id, c]));
  return {
    units: units.map((u) => ({ ...u, figures: figures.get(u.id)!, contact: contactOf.get(u.id)! })),
    total: ranks.length,
    page,
    pages,
  };
}

/** The `n` units that lag most, each with its worst `perUnit` items, and how many units lag in all. */
export async function mostLagging(db: DbOrTx, now: Date, viewerRole: string, n: number, perUnit: number) {
  const ranks = await laggingUnitRanks(db, now);
  return { units: await withItems(db, now, viewerRole, ranks.slice(0, n), {}, perUnit), total: ranks.length };
}

/** Every lagging unit under the filter with all its overdue items, in the page's order (the export). */
export async function everyLaggard(db: DbOrTx, now: Date, viewerRole: string, filter: DashboardFilter): Promise<LaggingUnit[]> {
  const f = laggardsFilterOf(filter);
  const [ranks, all] = await Promise.all([laggingUnitRanks(db, now, f), laggingItems(db, now, 'every', f)]);
  return ranks.map((u) => ({
    ...u,
    items: (all.items.get(u.id) ?? []).map((r) => itemOf(viewerRole, r)),
    onChairmansList: all.marks.get(u.id)?.onChairmansList ?? false,
    requested: all.marks.get(u.id)?.requested ?? false,
  }));
}

/**
 * A unit's overdue items in every directive followed up, as its morning digest lists them, for
 * "Nhắc ngay": the mail goes to the unit, which reads its own task, yet a classified title stays
 * out of mail (read as a unit officer would).
 */
export async function remindableItems(db: DbOrTx, now: Date, unit: { id: string; name: string }): Promise<DigestItem[]> {
  const { items } = await laggingItems(db, now, [unit.id]);
  return (items.get(unit.id) ?? []).map((r) => {
    const i = itemOf('unit_officer', r);
    return {
      assignmentId: i.assignmentId,
      numberSymbol: i.numberSymbol,
      taskOrdinal: i.taskOrdinal,
      ...(i.taskTitle !== null ? { taskTitle: i.taskTitle } : {}),
      unitName: unit.name,
      dueAt: i.dueAt?.toISOString() ?? null,
      state: i.state,
      overdue: true,
      workingDaysLate: i.workingDaysLate,
      escalationLevel: i.escalationLevel,
    };
  });
}
