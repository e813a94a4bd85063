import type { DbOrTx } from './database.ts';

/** Smaller reads of the web pages: the issue form's pickers, a period's unit reports, the reported values of a task. */

/** Every unit and unit group by name, for the issue form's addressee and monitoring-unit pickers. */
export async function unitsAndGroupsByName(db: DbOrTx) {
  const units = await db.selectFrom('units').select(['code', 'name']).orderBy('name').execute();
  const groups = await db.selectFrom('unit_groups').select(['code', 'name']).orderBy('name').execute();
  return { units, groups };
}

/** The id of a unit's report in a period, if it has one. */
export async function unitReportIdOf(db: DbOrTx, periodId: string, unitId: string): Promise<string | undefined> {
  const row = await db.selectFrom('unit_reports').select('id').where('period_id', '=', periodId).where('unit_id', '=', unitId).executeTakeFirst();
  return row?.id;
}

/** A period's unit reports: unit code → report id. */
export async function unitReportIdsByUnitCode(db: DbOrTx, periodId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('unit_reports as r')
    .innerJoin('units as n', 'n.id', 'r.unit_id')
    .select(['r.id', 'n.code'])
    .where('r.period_id', '=', periodId)
    .execute();
  return new Map(rows.map((r) => [r.code, r.id]));
}

/**
 * Per target code, the sum over these assignments of the values in each one's
 * latest report. An assignment's report lives only in its SUBMIT_REPORT event
 * (assignments have no values column), so that is where the values are read.
 */
export async function reportedValuesByTarget(db: DbOrTx, assignmentIds: string[]): Promise<Map<string, number>> {
  const sums = new Map<string, number>();
  if (assignmentIds.length === 0) return sums;
  const latest = await db
    .selectFrom('events')
    .select(['subject_id', 'payload', 'seq'])
    .where('subject_type', '=', 'assignment')
    .where('subject_id', 'in', assignmentIds)
    .where('type', '=', 'SUBMIT_REPORT')
    .orderBy('seq', 'desc')
    .execute();
  const seen = new Set<string>();
  for (const e of latest) {
    if (seen.has(e.subject_id)) continue;
    seen.add(e.subject_id);
    const values = (e.payload as { values?: Record<string, number> }).values ?? {};
    for (const [k, v] of Object.entries(values)) sums.set(k, (sums.get(k) ?? 0) + v);
  }
  return sums;
}
