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
