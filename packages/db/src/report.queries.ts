import type { DbOrTx } from './database.ts';

export async function findReportPeriod(db: DbOrTx, periodId: string) {
  return db.selectFrom('report_periods').selectAll().where('id', '=', periodId).executeTakeFirst();
}

/** A directive's report periods, in the order they run. */
export async function periodsOfDirective(db: DbOrTx, directiveId: string) {
  return db
    .selectFrom('report_periods')
    .select(['id', 'period_key', 'due_at', 'closes_at', 'state'])
    .where('directive_id', '=', directiveId)
    .orderBy('starts_on')
    .execute();
}

export async function findRegime(db: DbOrTx, regimeId: string) {
  return db.selectFrom('reporting_regimes').selectAll().where('id', '=', regimeId).executeTakeFirst();
}

/** Which period and unit a unit's report belongs to. */
export async function findUnitReportRef(db: DbOrTx, reportId: string) {
  return db.selectFrom('unit_reports').select(['id', 'period_id', 'unit_id']).where('id', '=', reportId).executeTakeFirst();
}

/** A unit's report with its unit's code and name. */
export async function unitReportWithUnit(db: DbOrTx, reportId: string) {
  return db
    .selectFrom('unit_reports as r')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .select(['r.id', 'r.state', 'r.late', 'r.version', 'r.submitted_at', 'r.text', 'r.values', 'r.escalation_level', 'u.code', 'u.name'])
    .where('r.id', '=', reportId)
    .executeTakeFirstOrThrow();
}

/** The attachments of a unit's report, oldest first, without their bytes. */
export async function attachmentsOfReport(db: DbOrTx, reportId: string) {
  return db
    .selectFrom('report_attachments')
    .select(['id', 'filename', 'content_type as contentType', 'size'])
    .where('unit_report_id', '=', reportId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** One attachment of a unit's report, with its bytes. */
export async function findAttachment(db: DbOrTx, reportId: string, attachmentId: string) {
  return db
    .selectFrom('report_attachments')
    .select(['filename', 'content_type', 'data'])
    .where('id', '=', attachmentId)
    .where('unit_report_id', '=', reportId)
    .executeTakeFirst();
}

/** A directive's report periods with their regime's kind, newest first (the API's list). */
export async function periodsWithRegime(db: DbOrTx, directiveId: string) {
  return db
    .selectFrom('report_periods as p')
    .innerJoin('reporting_regimes as g', 'g.id', 'p.regime_id')
    .select(['p.id', 'g.kind', 'p.period_key', 'p.starts_on', 'p.ends_on', 'p.due_at', 'p.closes_at', 'p.state', 'p.approved_at'])
    .where('p.directive_id', '=', directiveId)
    .orderBy('p.starts_on', 'desc')
    .execute();
}

/** The units' reports of a period, by unit code; only one unit's when `unitId` is given. */
export async function reportsOfPeriod(db: DbOrTx, periodId: string, unitId?: string) {
  return db
    .selectFrom('unit_reports as r')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .select(['r.id', 'u.code', 'u.name', 'r.unit_id', 'r.state', 'r.late', 'r.escalation_level', 'r.version', 'r.submitted_at', 'r.text', 'r.values'])
    .where('r.period_id', '=', periodId)
    .$if(unitId !== undefined, (q) => q.where('r.unit_id', '=', unitId!))
    .orderBy('u.code')
    .execute();
}

/** Files sent with a report, stored in the transaction that takes the report. */
export async function addReportAttachments(tx: DbOrTx, reportId: string, files: readonly { filename: string; contentType: string; data: Buffer }[]) {
  if (files.length === 0) return;
  await tx
    .insertInto('report_attachments')
    .values(files.map((f) => ({ unit_report_id: reportId, filename: f.filename, content_type: f.contentType, size: f.data.length, data: f.data })))
    .execute();
}

/** The consolidation's counts as they stood when it was approved. */
export async function approvedCounts(db: DbOrTx, periodId: string) {
  const row = await db.selectFrom('report_periods').select('approved_consolidation').where('id', '=', periodId).executeTakeFirstOrThrow();
  return (row.approved_consolidation as { counts: Record<string, number> } | null)?.counts ?? null;
}
