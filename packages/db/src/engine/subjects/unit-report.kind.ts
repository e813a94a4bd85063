import { sql } from 'kysely';
import { PeriodClosedError, UNIT_REPORT_WAITING_STATES, checkReportValues, type NotificationParams } from '@dondoc/domain';
import { unitReportMachine } from '@dondoc/workflows';
import type { ReportPeriod } from '../../tables/report.table.ts';
import { unitTargets } from '../../reports/targets.repository.ts';
import type { CreatableKind } from '../advance.ts';
import { cancelTimers } from '../effects.ts';
import { scheduleDeadlineTimers, scheduleRung } from '../follow-up-timers.ts';
import type { Held } from '../hold.ts';
import { machines, persist, restore } from '../machines.ts';
import { planNotifications } from '../notifications.ts';
import { unitReportTimers } from '../timer-kinds.ts';

/** What a unit's report is made from when its period opens. */
interface NewUnitReport {
  held: Held['report_period'];
  unitId: string;
  requested: boolean;
  /** The targets the unit reports on, for the mail that asks it. */
  targets: NonNullable<NotificationParams['targets']>;
}

export const periodParams = (p: ReportPeriod) => ({ id: p.id, key: p.period_key, startsOn: p.starts_on, endsOn: p.ends_on, dueAt: p.due_at.toISOString() });

export const unitReportKind: CreatableKind<typeof unitReportMachine, Held['unit_report'] & { targets?: NewUnitReport['targets'] }, NewUnitReport> = {
  type: 'unit_report',
  machine: unitReportMachine,
  restore: (held) => restore('unit_report', held.row),

  /** A closed period takes no more reports; a report's values must fit the targets of the unit's tasks. */
  async check(step, { period, row }, event) {
    if (event.type !== 'SUBMIT') return;
    if (period.state === 'closed') {
      throw new PeriodClosedError(
        `Kỳ báo cáo ${period.period_key} đã đóng; không nhận thêm báo cáo.`,
        `Period ${period.period_key} is closed; no more reports are taken.`,
        'periodId',
      );
    }
    const targets = await unitTargets(step.tx, period.directive_id, row.unit_id);
    checkReportValues(
      targets.map((t) => ({ code: t.code, unitOfMeasure: t.unit_of_measure })),
      event.values,
    );
  },

  async save(step, { row }, next, version, event) {
    await step.tx
      .updateTable('unit_reports')
      .set({
        // The snapshot is saved in the machine's current shape (upcast on read), as assignments do.
        snapshot: persist('unit_report', next),
        machine_version: machines.unit_report.version,
        version,
        state: String(next.value),
        late: next.context.late,
        escalation_level: next.context.escalationLevel,
        updated_at: sql<Date>`now()`,
        ...(event.type === 'SUBMIT' && { submitted_at: new Date(event.at), text: event.text, values: JSON.stringify(event.values) }),
      })
      .where('id', '=', row.id)
      .execute();
  },

  async insert(step, r, first) {
    const row = await step.tx
      .insertInto('unit_reports')
      .values({
        period_id: r.held.row.id,
        unit_id: r.unitId,
        requested: r.requested,
        machine_id: machines.unit_report.id,
        machine_version: machines.unit_report.version,
        snapshot: persist('unit_report', first),
        state: String(first.value),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { directive: r.held.directive, period: r.held.row, row, targets: r.targets };
  },

  async carryOut(step, ctx, { directive, period, row, targets }, next, actions) {
    const armed = { dueAt: next.context.dueAt, generation: next.context.generation };
    for (const action of actions) {
      switch (action.type) {
        case 'notify':
          await planNotifications(step, ctx, {
            template: action.params.template,
            to: action.params.to,
            directive,
            unitId: row.unit_id,
            extra: { period: periodParams(period), ...(targets && { targets }), path: `/reports/${row.id}` },
          });
          break;
        case 'scheduleTimers':
          await scheduleDeadlineTimers(step, ctx, unitReportTimers, armed, directive);
          break;
        case 'scheduleEscalation':
          await scheduleRung(step, ctx, unitReportTimers, armed, directive, action.params.level);
          break;
        case 'cancelTimers':
          await cancelTimers(step, ctx.subject, next.context.generation);
          break;
      }
    }
  },

  /** When the last report the period waits for comes in, the period closes early and its consolidation goes out. */
  async after(step, { directive, period }, _applied, event) {
    if (event.type !== 'SUBMIT' || period.state !== 'open') return;
    const waiting = await step.tx
      .selectFrom('unit_reports')
      .select('id')
      .where('period_id', '=', period.id)
      .where('state', 'in', UNIT_REPORT_WAITING_STATES)
      .executeTakeFirst();
    if (!waiting) await step.cascade.advance('report_period', { directive, row: period }, { type: 'CLOSE', why: 'complete' });
  },
};
