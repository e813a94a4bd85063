import { sql } from 'kysely';
import { NotFoundError, type Actor } from '@dondoc/domain';
import type { Db } from '../database.ts';
import { inEngineStep } from '../engine/apply.ts';
import { start } from '../engine/advance.ts';
import { reportPeriodKind, type PeriodRequest } from '../engine/subjects/report-period.kind.ts';
import { unitReportKind } from '../engine/subjects/unit-report.kind.ts';
import { unitTargets } from './targets.repository.ts';

export type { PeriodRequest } from '../engine/subjects/report-period.kind.ts';

/**
 * Opens a period of a regime through the engine: the period (its machine arms
 * the timer that closes it), then one report per unit the directive names (its
 * machine asks the unit and arms reminders and the due time). Opening the same
 * period twice opens it once.
 */
export async function openPeriod(db: Db, req: PeriodRequest, actor: Actor): Promise<{ periodId: string; opened: boolean }> {
  return db.transaction().execute(async (tx) => {
    const regime = await tx.selectFrom('reporting_regimes').selectAll().where('id', '=', req.regimeId).forUpdate().executeTakeFirst();
    if (!regime) throw new NotFoundError('chế độ báo cáo', 'reporting regime', req.regimeId);
    const existing = await tx.selectFrom('report_periods').select('id').where('regime_id', '=', regime.id).where('period_key', '=', req.key).executeTakeFirst();
    if (existing) return { periodId: existing.id, opened: false };
    // Lock order (hold.ts): the directive first.
    const directive = await tx.selectFrom('directives').selectAll().where('id', '=', regime.directive_id).forUpdate().executeTakeFirstOrThrow();
    return inEngineStep(tx, actor, undefined, async (step) => {
      const period = await start(step, reportPeriodKind, { directive, ...req }, { closesAt: req.closesAt.toISOString() }, { type: 'OPEN', period: req.key });
      const units = await tx
        .selectFrom('assignments as a')
        .select(['a.unit_id', sql<boolean>`bool_and(a.requested)`.as('requested')])
        .where('a.directive_id', '=', directive.id)
        .where('a.state', '!=', 'cancelled')
        .groupBy('a.unit_id')
        .execute();
      for (const u of units) {
        const targets = (await unitTargets(tx, directive.id, u.unit_id)).map((t) => ({
          code: t.code,
          name: t.name,
          unitOfMeasure: t.unit_of_measure,
          targetValue: Number(t.target_value),
        }));
        await start(
          step,
          unitReportKind,
          { held: period, unitId: u.unit_id, requested: u.requested, targets },
          { dueAt: req.dueAt.toISOString() },
          { type: 'OPEN', period: req.key },
        );
      }
      return { periodId: period.row.id, opened: true };
    });
  });
}
