import { sql } from 'kysely';
import { ValidationError } from '@dondoc/domain';
import { reportPeriodMachine } from '@dondoc/workflows';
import { loadConsolidation } from '../../reports/consolidation.repository.ts';
import type { CreatableKind } from '../advance.ts';
import { cancelTimers, scheduleTimer } from '../effects.ts';
import { holdWaitingReports, type Held } from '../hold.ts';
import { planNotifications } from '../notifications.ts';
import { periodParams } from './unit-report.kind.ts';

/** Which period of a regime to open, and when its reports fall due and it closes. */
export interface PeriodRequest {
  regimeId: string;
  key: string;
  startsOn: string;
  endsOn: string;
  dueAt: Date;
  closesAt: Date;
}

/** What a period row is made from: the request and the directive it belongs to. */
interface NewPeriod extends PeriodRequest {
  directive: Held['report_period']['directive'];
}

/**
 * A period keeps no snapshot column: its state and whether its consolidation
 * was approved are the whole of its machine's snapshot, so it is read from them.
 */
export const reportPeriodKind: CreatableKind<typeof reportPeriodMachine, Held['report_period'], NewPeriod> = {
  type: 'report_period',
  machine: reportPeriodMachine,
  restore: ({ row }) =>
    reportPeriodMachine.resolveState({ value: row.state, context: { closesAt: row.closes_at.toISOString(), approved: row.approved_at !== null } }),

  /** Said plainly, rather than as a refused transition: these are what a reviewer gets wrong. */
  async check(_step, { row }, event) {
    if (event.type !== 'APPROVE') return;
    if (row.state !== 'closed')
      throw new ValidationError(
        'Kỳ báo cáo chưa đóng; chưa thể phê duyệt tổng hợp.',
        'The period is not closed yet; its consolidation cannot be approved.',
        'periodId',
      );
    if (row.approved_at) throw new ValidationError('Báo cáo tổng hợp kỳ này đã được phê duyệt.', 'This consolidation is already approved.', 'periodId');
  },

  async save(step, { row }, next, version) {
    await step.tx.updateTable('report_periods').set({ state: next.value, version }).where('id', '=', row.id).execute();
  },

  async insert(step, p, first) {
    const row = await step.tx
      .insertInto('report_periods')
      .values({
        regime_id: p.regimeId,
        directive_id: p.directive.id,
        period_key: p.key,
        starts_on: p.startsOn,
        ends_on: p.endsOn,
        due_at: p.dueAt,
        closes_at: p.closesAt,
        state: first.value,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { directive: p.directive, row };
  },

  async carryOut(step, ctx, held, next, actions) {
    const { directive, row } = held;
    for (const action of actions) {
      switch (action.type) {
        case 'scheduleClose':
          scheduleTimer(step, ctx, 'period_close', 1, new Date(next.context.closesAt), 0);
          break;
        case 'cancelTimers':
          await cancelTimers(step, ctx.subject, 2);
          break;
        case 'closeOpenReports':
          // Reports still open, late or returned when the period closes are missing.
          for (const report of await holdWaitingReports(step.tx, held)) await step.cascade.advance('unit_report', report, { type: 'CLOSE' });
          break;
        case 'notify': {
          const extra = { period: periodParams({ ...row, state: 'closed' }), path: `/periods/${row.id}` };
          const unitId = action.params.to === 'monitor' ? directive.monitoring_unit_id : undefined;
          await planNotifications(step, ctx, { template: action.params.template, to: action.params.to, directive, ...(unitId && { unitId }), extra });
          break;
        }
        case 'recordApproval': {
          // The consolidation as it stood when approved, kept; and the approval in the directive's trail.
          const c = await loadConsolidation(step.tx, row.id);
          await step.tx
            .updateTable('report_periods')
            .set({
              approved_consolidation: JSON.stringify(c),
              approved_at: sql<Date>`now()`,
              approved_by: step.actor.kind === 'user' ? step.actor.userId : null,
            })
            .where('id', '=', row.id)
            .execute();
          const comment = typeof ctx.payload.comment === 'string' ? ctx.payload.comment : undefined;
          const fresh = await step.tx.selectFrom('directives').selectAll().where('id', '=', directive.id).executeTakeFirstOrThrow();
          const event = { type: 'CONSOLIDATION_APPROVED', periodId: row.id, period: row.period_key, counts: c.counts, ...(comment && { comment }) } as const;
          if (step.cascade.accepts('directive', { directive: fresh, row: fresh }, event))
            await step.cascade.advance('directive', { directive: fresh, row: fresh }, event);
          break;
        }
      }
    }
  },
};
