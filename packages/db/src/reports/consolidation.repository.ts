import { consolidate, type Consolidation } from '@dondoc/reports';
import { NotFoundError } from '@dondoc/domain';
import type { DbOrTx } from '../database.ts';
import { loadCalendar } from '../calendar.reader.ts';
import { directiveTargets } from './targets.repository.ts';

/** The consolidated report of a period as it stands now (or, once approved, as it was approved). */
export async function loadConsolidation(db: DbOrTx, periodId: string, now = new Date()): Promise<Consolidation> {
  const period = await db.selectFrom('report_periods').selectAll().where('id', '=', periodId).executeTakeFirst();
  if (!period) throw new NotFoundError('kỳ báo cáo', 'report period', periodId);
  if (period.approved_consolidation) return period.approved_consolidation as Consolidation;
  const [directive, targets, reports, earlierPeriods, cal] = await Promise.all([
    db.selectFrom('directives').select(['number_symbol', 'subject', 'classification']).where('id', '=', period.directive_id).executeTakeFirstOrThrow(),
    directiveTargets(db, period.directive_id),
    db
      .selectFrom('unit_reports as r')
      .innerJoin('units as u', 'u.id', 'r.unit_id')
      .select(['u.code', 'u.name', 'r.state', 'r.submitted_at', 'r.values'])
      .where('r.period_id', '=', period.id)
      .execute(),
    db
      .selectFrom('report_periods')
      .select(['id', 'period_key'])
      .where('regime_id', '=', period.regime_id)
      .where('starts_on', '<', period.starts_on)
      .orderBy('starts_on')
      .execute(),
    loadCalendar(db),
  ]);
  const earlierValues = earlierPeriods.length
    ? await db
        .selectFrom('unit_reports')
        .select(['period_id', 'values'])
        .where(
          'period_id',
          'in',
          earlierPeriods.map((p) => p.id),
        )
        .where('state', 'in', ['submitted', 'accepted'])
        .execute()
    : [];
  return consolidate(
    {
      directive: { numberSymbol: directive.number_symbol, subject: directive.classification === 'thuong' ? directive.subject : null },
      period: {
        id: period.id,
        key: period.period_key,
        startsOn: period.starts_on,
        endsOn: period.ends_on,
        dueAt: period.due_at,
        closesAt: period.closes_at,
        state: period.state,
      },
      targets: targets.map((t) => ({
        code: t.code,
        name: t.name,
        unitOfMeasure: t.unit_of_measure,
        targetValue: Number(t.target_value),
        aggregate: t.aggregate,
      })),
      reports: reports.map((r) => ({ unitCode: r.code, unitName: r.name, state: r.state, submittedAt: r.submitted_at, values: r.values })),
      earlier: earlierPeriods.map((p) => ({ key: p.period_key, values: earlierValues.filter((v) => v.period_id === p.id).map((v) => v.values ?? {}) })),
      now,
    },
    cal,
  );
}
