import { sql } from 'kysely';
import { compareVi, DIRECTIVE_FINAL_STATES, trafficLights, type DirectiveType, type Light, type LightClock, type UnitKind } from '@dondoc/domain';
import type { DbOrTx } from './database.ts';
import { workingDaysLateSql } from './calendar-days.ts';
import { lightOfRank, lightRankSql } from './follow-up.sql.ts';

/**
 * The compliance matrix at a province's scale: units × directives still followed
 * up, each cell the unit's worst light in the directive. PostgreSQL reads the open
 * directives' assignments from the covering index (assignments_follow_up_idx,
 * migration 0010) and gives, in one pass, one row per unit (overdue count, working
 * days late) and one per directive (units named, units by the light of their cell);
 * the page then reads the cells of the units and directives in view only. The lights are the domain's
 * (lightRankSql), so a cell is what trafficLight says of the same rows.
 */

export interface MatrixFilter {
  year?: number;
  issuerUnitId?: string;
  type?: DirectiveType;
  unitKinds?: readonly UnitKind[];
  /** Only units with a cell of this light (in any directive, not only the ones in view). */
  light?: Light;
  /** Only units with overdue work. */
  overdueOnly?: boolean;
}

export interface MatrixUnit {
  id: string;
  code: string;
  name: string;
  /** Its overdue assignments, in every directive followed up. */
  overdue: number;
  /** Working days its earliest overdue deadline is past (0 when none is past). */
  workingDaysLate: number;
}

export interface MatrixDirective {
  id: string;
  numberSymbol: string;
  /** Units named in it (of the tier asked for), and how many of them have each light as their cell. */
  units: number;
  unitsIn: Record<Light, number>;
}

export interface MatrixView {
  /** Units: most overdue first (overdue count, then working days late, then name), or by name. */
  sort: 'overdue' | 'name';
  /** Directive columns: most units with the light first (the status filtered on, else overdue; then number), or by number. */
  columns: 'light' | 'number';
  light: Light;
  /** 1-based pages of units and of directive columns; out of range reads as the nearest page. */
  page: number;
  cols: number;
  pageSize: number;
  colSize: number;
}

const OVERDUE = trafficLights.indexOf('overdue');

/** The directives still followed up under the filter's directive fields. */
function openDirectives(db: DbOrTx, f: MatrixFilter) {
  let q = db.selectFrom('directives as d').select(['d.id', 'd.number_symbol']).where('d.state', 'not in', DIRECTIVE_FINAL_STATES);
  if (f.year) q = q.where('d.issue_year', '=', f.year);
  if (f.issuerUnitId) q = q.where('d.issuer_unit_id', '=', f.issuerUnitId);
  if (f.type) q = q.where('d.type', '=', f.type);
  return q.execute();
}

/**
 * One row per (directive, unit) of the given directives: the worst light's rank, the
 * overdue assignments and the earliest overdue deadline. The ids come as an array
 * of known length, so the planner expects ~100,000 rows (not ten directives' worth)
 * and groups them in the index's (directive_id, unit_id) order, with no sort or
 * hash table to spill past work_mem.
 */
function cellsOf(db: DbOrTx, clock: LightClock, directiveIds: readonly string[]) {
  const rows = db
    .selectFrom('assignments as a')
    .select(['a.directive_id', 'a.unit_id', 'a.due_at', lightRankSql('a', clock).as('rank')])
    .where(sql<boolean>`a.directive_id = ANY(${directiveIds}::uuid[])`);
  return db
    .selectFrom(rows.as('r'))
    .select(['r.directive_id', 'r.unit_id'])
    .select([
      sql<number>`min(r.rank)`.as('rank'),
      sql<string>`count(*) FILTER (WHERE r.rank = ${sql.lit(OVERDUE)})`.as('overdue'),
      sql<Date | null>`min(r.due_at) FILTER (WHERE r.rank = ${sql.lit(OVERDUE)})`.as('first_due'),
    ])
    .groupBy(['r.directive_id', 'r.unit_id']);
}

/** Every unit the filter keeps and every directive column, with their figures (unsorted). */
export async function matrixOutline(db: DbOrTx, clock: LightClock, f: MatrixFilter = {}): Promise<{ units: MatrixUnit[]; directives: MatrixDirective[] }> {
  const open = await openDirectives(db, f);
  if (open.length === 0) return { units: [], directives: [] };
  const cells = cellsOf(
    db,
    clock,
    open.map((d) => d.id),
  );
  const rank = (l: Light) => sql.lit(trafficLights.indexOf(l));
  const cellsIn = (l: Light) => sql<string>`count(*) FILTER (WHERE c.rank = ${rank(l)})`;
  // A unit row is kept when the unit has a cell of the status asked for, or overdue work; directive rows all stay.
  const keep = [...(f.light ? [sql`${cellsIn(f.light)} > 0`] : []), ...(f.overdueOnly ? [sql`sum(c.overdue) > 0`] : [])];
  let grouped = db
    .selectFrom(cells.as('c'))
    .select(['c.unit_id', 'c.directive_id'])
    .select([
      sql<string>`sum(c.overdue)`.as('overdue'),
      sql<Date | null>`min(c.first_due)`.as('first_due'),
      sql<string>`count(*)`.as('units'),
      ...trafficLights.map((l) => cellsIn(l).as(`in_${l}`)),
    ])
    // One pass over the cells gives both the units' and the directives' rows.
    .groupBy(sql`GROUPING SETS ((c.unit_id), (c.directive_id))`);
  if (keep.length) grouped = grouped.having(sql<boolean>`GROUPING(c.unit_id) = 1 OR (${sql.join(keep, sql` AND `)})`);
  // The tier applies to the cells, not the scan: a join there would cost the index's order.
  if (f.unitKinds?.length) grouped = grouped.where('c.unit_id', 'in', db.selectFrom('units').select('id').where('kind', 'in', f.unitKinds));
  const rows = await db
    .selectFrom(grouped.as('g'))
    .leftJoin('units as u', 'u.id', 'g.unit_id')
    .selectAll('g')
    .select(['u.code', 'u.name'])
    // Once per unit, from its earliest overdue deadline: lateness only grows with an earlier deadline.
    .select(sql<number>`CASE WHEN g.first_due IS NULL THEN 0 ELSE ${workingDaysLateSql(sql`g.first_due`, clock.now)} END`.as('late'))
    .execute();
  const numberOf = new Map(open.map((d) => [d.id, d.number_symbol]));
  const units: MatrixUnit[] = [];
  const directives: MatrixDirective[] = [];
  for (const r of rows) {
    if (r.unit_id !== null) units.push({ id: r.unit_id, code: r.code!, name: r.name!, overdue: Number(r.overdue), workingDaysLate: Number(r.late) });
    else if (r.directive_id !== null) {
      const unitsIn = Object.fromEntries(trafficLights.map((l) => [l, Number(r[`in_${l}`])])) as Record<Light, number>;
      directives.push({ id: r.directive_id, numberSymbol: numberOf.get(r.directive_id)!, units: Number(r.units), unitsIn });
    }
  }
  // Every unit named in a directive stays a column, also under a unit filter (its other cells are the unit's too).
  return { units, directives };
}

/** The worst light of each (unit, directive) pair among the given directives (and units, or every unit), keyed `unitId directiveId`. */
export async function matrixCells(db: DbOrTx, clock: LightClock, directiveIds: readonly string[], unitIds?: readonly string[]): Promise<Map<string, Light>> {
  if (directiveIds.length === 0 || unitIds?.length === 0) return new Map();
  let q = db
    .selectFrom('assignments as a')
    .select(['a.unit_id', 'a.directive_id', sql<number>`min(${lightRankSql('a', clock)})`.as('rank')])
    .where('a.directive_id', 'in', directiveIds)
    .groupBy(['a.unit_id', 'a.directive_id']);
  if (unitIds) q = q.where('a.unit_id', 'in', unitIds);
  return new Map((await q.execute()).map((r) => [cellKey(r.unit_id, r.directive_id), lightOfRank(r.rank)!]));
}

export const cellKey = (unitId: string, directiveId: string) => `${unitId} ${directiveId}`;

/** Units in the view's order; names in Vietnamese order (compareVi, as every list people read), so sorted here rather than by a database collation. */
export function sortMatrixUnits(units: MatrixUnit[], sort: MatrixView['sort']): MatrixUnit[] {
  return [...units].sort((a, b) =>
    sort === 'name' ? compareVi(a.name, b.name) : b.overdue - a.overdue || b.workingDaysLate - a.workingDaysLate || compareVi(a.name, b.name),
  );
}

export function sortMatrixDirectives(directives: MatrixDirective[], view: Pick<MatrixView, 'columns' | 'light'>): MatrixDirective[] {
  return [...directives].sort(
    (a, b) => (view.columns === 'number' ? 0 : b.unitsIn[view.light] - a.unitsIn[view.light]) || compareVi(a.numberSymbol, b.numberSymbol),
  );
}

export interface Paged<T> {
  items: T[];
  total: number;
  /** 1-based; clamped to the pages there are. */
  page: number;
  pages: number;
  /** 1-based position of the first item shown (0 when none). */
  from: number;
}

export function pageOf<T>(all: readonly T[], page: number, size: number): Paged<T> {
  const pages = Math.max(1, Math.ceil(all.length / size));
  const p = Math.min(Math.max(1, page), pages);
  const items = all.slice((p - 1) * size, p * size);
  return { items, total: all.length, page: p, pages, from: items.length ? (p - 1) * size + 1 : 0 };
}

/** One page of units × one page of directive columns, and the cells between them. */
export async function loadMatrix(db: DbOrTx, clock: LightClock, f: MatrixFilter, view: MatrixView) {
  const outline = await matrixOutline(db, clock, f);
  const units = pageOf(sortMatrixUnits(outline.units, view.sort), view.page, view.pageSize);
  const directives = pageOf(sortMatrixDirectives(outline.directives, view), view.cols, view.colSize);
  const cells = await matrixCells(
    db,
    clock,
    directives.items.map((d) => d.id),
    units.items.map((u) => u.id),
  );
  return { units, directives, cells };
}

/** For the export: every unit the filter keeps, in the view's order, × the directive columns in view. */
export async function loadMatrixExport(db: DbOrTx, clock: LightClock, f: MatrixFilter, view: MatrixView) {
  const outline = await matrixOutline(db, clock, f);
  const units = sortMatrixUnits(outline.units, view.sort);
  const directives = pageOf(sortMatrixDirectives(outline.directives, view), view.cols, view.colSize);
  // Every unit named in these directives: the filter's units are a subset, picked out by the caller's rows.
  const cells = await matrixCells(
    db,
    clock,
    directives.items.map((d) => d.id),
  );
  return { units, directives, cells };
}
