import { sql } from 'kysely';
import { initialTransition, transition } from 'xstate';
import {
  ConflictError,
  IllegalTransitionError,
  NotFoundError,
  PeriodClosedError,
  checkReportValues,
  escalationPolicySchema,
  escalationTimes,
  reminderPolicySchema,
  reminderTimes,
  type Actor,
  type NotificationParams,
} from '@dondoc/domain';
import { accepts, type UnitReportContext, type UnitReportEffect, type UnitReportEvent } from '@dondoc/workflows';
import type { Db, DbOrTx } from '../database.ts';
import type { Directive } from '../tables/directive.table.ts';
import { appendAuditEvent } from '../engine/apply.ts';
import { cancelTimers, scheduleTimer, wakeRelay, type EffectContext } from '../engine/effects.ts';
import { machines, persist, restore } from '../engine/machines.ts';
import { planNotifications } from '../engine/notifications.ts';
import { createStep, type EngineStep } from '../engine/step.ts';

/** Timer kinds of periodic reports. */
export const reportTimerKinds = { reminder: 'report_reminder', due: 'report_due', escalation: 'report_escalation', close: 'period_close' } as const;

export interface PeriodRequest {
  regimeId: string;
  key: string;
  startsOn: string;
  endsOn: string;
  dueAt: Date;
  closesAt: Date;
}

type PeriodRow = { id: string; directive_id: string; period_key: string; starts_on: string; ends_on: string; due_at: Date; closes_at: Date; state: string };

/** The targets a directive sets, in task and code order. */
export async function directiveTargets(tx: DbOrTx, directiveId: string) {
  return tx
    .selectFrom('task_targets as g')
    .innerJoin('tasks as t', 't.id', 'g.task_id')
    .select(['g.code', 'g.name', 'g.unit_of_measure', 'g.target_value', 'g.aggregate'])
    .where('t.directive_id', '=', directiveId)
    .orderBy('t.ordinal')
    .orderBy('g.code')
    .execute();
}

/**
 * The targets a unit reports on: those of the directive's tasks it holds an
 * assignment of. A unit is neither asked about nor told of other units' tasks
 * (for a classified directive, their target names are not its to read).
 */
export async function unitTargets(tx: DbOrTx, directiveId: string, unitId: string) {
  return tx
    .selectFrom('task_targets as g')
    .innerJoin('tasks as t', 't.id', 'g.task_id')
    .select(['g.code', 'g.name', 'g.unit_of_measure', 'g.target_value', 'g.aggregate'])
    .where('t.directive_id', '=', directiveId)
    .where((eb) => eb.exists(eb.selectFrom('assignments as a').select('a.id').whereRef('a.task_id', '=', 't.id').where('a.unit_id', '=', unitId).where('a.state', '!=', 'cancelled')))
    .orderBy('t.ordinal')
    .orderBy('g.code')
    .execute();
}

const periodParams = (p: PeriodRow) => ({ id: p.id, key: p.period_key, startsOn: p.starts_on, endsOn: p.ends_on, dueAt: p.due_at.toISOString() });

/**
 * Opens a period of a regime: the period row, one report per unit the directive
 * names (its machine asks the unit and arms reminders and the due time), and
 * the timer that closes the period. Opening the same period twice opens it once.
 */
export async function openPeriod(db: Db, req: PeriodRequest, actor: Actor): Promise<{ periodId: string; opened: boolean }> {
  return db.transaction().execute(async (tx) => {
    const regime = await tx.selectFrom('reporting_regimes').selectAll().where('id', '=', req.regimeId).forUpdate().executeTakeFirst();
    if (!regime) throw new NotFoundError('chế độ báo cáo', 'reporting regime', req.regimeId);
    const existing = await tx.selectFrom('report_periods').select('id').where('regime_id', '=', regime.id).where('period_key', '=', req.key).executeTakeFirst();
    if (existing) return { periodId: existing.id, opened: false };
    const directive = await tx.selectFrom('directives').selectAll().where('id', '=', regime.directive_id).executeTakeFirstOrThrow();
    const period = await tx
      .insertInto('report_periods')
      .values({ regime_id: regime.id, directive_id: directive.id, period_key: req.key, starts_on: req.startsOn, ends_on: req.endsOn, due_at: req.dueAt, closes_at: req.closesAt })
      .returning(['id', 'directive_id', 'period_key', 'starts_on', 'ends_on', 'due_at', 'closes_at', 'state'])
      .executeTakeFirstOrThrow();
    const step = createStep(tx, actor);
    const units = await tx
      .selectFrom('assignments as a')
      .innerJoin('units as u', 'u.id', 'a.unit_id')
      .select(['a.unit_id', sql<boolean>`bool_and(a.requested)`.as('requested')])
      .where('a.directive_id', '=', directive.id)
      .where('a.state', '!=', 'cancelled')
      .groupBy('a.unit_id')
      .execute();
    for (const u of units) {
      const targets = (await unitTargets(tx, directive.id, u.unit_id)).map((t) => ({ code: t.code, name: t.name, unitOfMeasure: t.unit_of_measure, targetValue: Number(t.target_value) }));
      const [snap, actions] = initialTransition(machines.unit_report.machine, { dueAt: req.dueAt.toISOString() });
      const row = await tx
        .insertInto('unit_reports')
        .values({ period_id: period.id, unit_id: u.unit_id, requested: u.requested, machine_id: machines.unit_report.id, machine_version: machines.unit_report.version, snapshot: persist('unit_report', snap), state: String(snap.value) })
        .returning('id')
        .executeTakeFirstOrThrow();
      const ctx = await appendAuditEvent(step, { type: 'unit_report', id: row.id }, 1, { type: 'OPEN', period: req.key }, null, String(snap.value));
      await carryOut(step, ctx, { id: row.id, unit_id: u.unit_id }, snap.context, directive, period, actions as unknown as UnitReportEffect[], targets);
      await wakeRelay(tx, ctx);
    }
    const ctx: EffectContext = { subject: { type: 'report_period', id: period.id }, eventSeq: 0, payload: {}, requestId: undefined, wroteOutbox: false };
    await scheduleTimer(tx, ctx, reportTimerKinds.close, 1, req.closesAt, 0);
    await wakeRelay(tx, ctx);
    return { periodId: period.id, opened: true };
  });
}

async function carryOut(
  step: EngineStep,
  ctx: EffectContext,
  report: { id: string; unit_id: string },
  context: UnitReportContext,
  directive: Directive,
  period: PeriodRow,
  actions: readonly UnitReportEffect[],
  targets?: NotificationParams['targets'],
): Promise<void> {
  const { calendar, defaults } = await step.followUp();
  const dueAt = new Date(context.dueAt);
  for (const action of actions) {
    switch (action.type) {
      case 'notify':
        await planNotifications(step, ctx, {
          template: action.params.template,
          to: action.params.to,
          directive,
          unitId: report.unit_id,
          extra: { period: periodParams(period), ...(targets && { targets }), path: `/reports/${report.id}` },
        });
        break;
      case 'scheduleTimers': {
        const policy = directive.reminder_policy ? reminderPolicySchema.parse(directive.reminder_policy) : defaults.reminderPolicy;
        for (const [i, at] of reminderTimes(calendar, policy, dueAt, step.now).entries()) await scheduleTimer(step.tx, ctx, reportTimerKinds.reminder, context.generation, at, i + 1);
        await scheduleTimer(step.tx, ctx, reportTimerKinds.due, context.generation, dueAt, 0);
        break;
      }
      case 'scheduleEscalation': {
        const ladder = directive.escalation_policy ? escalationPolicySchema.parse(directive.escalation_policy) : defaults.escalationPolicy;
        await scheduleTimer(step.tx, ctx, reportTimerKinds.escalation, context.generation, escalationTimes(calendar, ladder, dueAt)[action.params.level - 1]!, action.params.level);
        break;
      }
      case 'cancelTimers':
        await cancelTimers(step.tx, ctx.subject, context.generation);
        break;
    }
  }
}

export interface ReportCommand {
  unitReportId: string;
  event: UnitReportEvent;
  actor: Actor;
  expectedVersion?: number;
  requestId?: string;
}

/**
 * Applies an event to a unit's report, locking its period first (so a period
 * closing and a unit submitting cannot cross). A submission's values are
 * checked against the directive's targets. When the last open report comes in,
 * the period closes early and its consolidation goes out.
 */
export async function applyToUnitReport(tx: DbOrTx, cmd: ReportCommand): Promise<{ version: number; state: string }> {
  const seen = await tx.selectFrom('unit_reports').select(['period_id']).where('id', '=', cmd.unitReportId).executeTakeFirst();
  if (!seen) throw new NotFoundError('báo cáo', 'report', cmd.unitReportId);
  const period = await tx.selectFrom('report_periods').select(['id', 'directive_id', 'period_key', 'starts_on', 'ends_on', 'due_at', 'closes_at', 'state']).where('id', '=', seen.period_id).forUpdate().executeTakeFirstOrThrow();
  const row = await tx.selectFrom('unit_reports').selectAll().where('id', '=', cmd.unitReportId).forUpdate().executeTakeFirstOrThrow();
  if (cmd.expectedVersion !== undefined && row.version !== cmd.expectedVersion) throw new ConflictError('report', cmd.expectedVersion, row.version);
  if (cmd.event.type === 'SUBMIT' && period.state === 'closed') {
    throw new PeriodClosedError(`Kỳ báo cáo ${period.period_key} đã đóng; không nhận thêm báo cáo.`, `Period ${period.period_key} is closed; no more reports are taken.`, 'periodId');
  }
  const snapshot = restore('unit_report', row);
  if (!accepts(snapshot, cmd.event)) throw new IllegalTransitionError('unit_report', String(snapshot.value), cmd.event.type);
  if (cmd.event.type === 'SUBMIT') {
    const targets = await unitTargets(tx, period.directive_id, row.unit_id);
    checkReportValues(targets.map((t) => ({ code: t.code, unitOfMeasure: t.unit_of_measure })), cmd.event.values);
  }
  const [next, actions] = transition(snapshot.machine, snapshot, cmd.event);
  const version = row.version + 1;
  const state = String(next.value);
  await tx
    .updateTable('unit_reports')
    .set({
      snapshot: persist('unit_report', next),
      // The snapshot is saved in the machine's current shape (upcast on read), as assignments do.
      machine_version: machines.unit_report.version,
      version,
      state,
      late: next.context.late,
      escalation_level: next.context.escalationLevel,
      updated_at: sql<Date>`now()`,
      ...(cmd.event.type === 'SUBMIT' && { submitted_at: new Date(cmd.event.at), text: cmd.event.text, values: JSON.stringify(cmd.event.values) }),
    })
    .where('id', '=', row.id)
    .execute();
  const step = createStep(tx, cmd.actor, cmd.requestId);
  const ctx = await appendAuditEvent(step, { type: 'unit_report', id: row.id }, version, cmd.event, row.state, state);
  const directive = await tx.selectFrom('directives').selectAll().where('id', '=', period.directive_id).executeTakeFirstOrThrow();
  await carryOut(step, ctx, row, next.context, directive, period, actions as unknown as UnitReportEffect[]);
  await wakeRelay(tx, ctx);

  if (cmd.event.type === 'SUBMIT' && period.state === 'open') {
    const waiting = await tx.selectFrom('unit_reports').select('id').where('period_id', '=', period.id).where('state', 'in', ['open', 'late', 'returned']).executeTakeFirst();
    if (!waiting) await closePeriodLocked(tx, period, directive, cmd.actor, 'complete');
  }
  return { version, state };
}

export async function applyReportCommand(db: Db, cmd: ReportCommand) {
  return db.transaction().execute((tx) => applyToUnitReport(tx, cmd));
}

/**
 * Closes a period: reports still open, late or returned are missing; the
 * consolidated report goes to the monitoring unit, a summary to the Chairman.
 * Closing a closed period does nothing.
 */
export async function closePeriod(tx: DbOrTx, periodId: string, actor: Actor): Promise<boolean> {
  const period = await tx.selectFrom('report_periods').select(['id', 'directive_id', 'period_key', 'starts_on', 'ends_on', 'due_at', 'closes_at', 'state']).where('id', '=', periodId).forUpdate().executeTakeFirst();
  if (!period || period.state === 'closed') return false;
  const directive = await tx.selectFrom('directives').selectAll().where('id', '=', period.directive_id).executeTakeFirstOrThrow();
  const open = await tx.selectFrom('unit_reports').select('id').where('period_id', '=', period.id).where('state', 'in', ['open', 'late', 'returned']).orderBy('id').execute();
  for (const r of open) await applyToUnitReport(tx, { unitReportId: r.id, event: { type: 'CLOSE' }, actor });
  await closePeriodLocked(tx, period, directive, actor, 'deadline');
  return true;
}

async function closePeriodLocked(tx: DbOrTx, period: PeriodRow, directive: Directive, actor: Actor, why: 'complete' | 'deadline'): Promise<void> {
  await tx.updateTable('report_periods').set((eb) => ({ state: 'closed', version: eb('version', '+', 1) })).where('id', '=', period.id).execute();
  const step = createStep(tx, actor);
  const ctx: EffectContext = { subject: { type: 'report_period', id: period.id }, eventSeq: 1, payload: { why }, requestId: undefined, wroteOutbox: false };
  await cancelTimers(tx, ctx.subject, 2);
  const extra = { period: periodParams({ ...period, state: 'closed' }), path: `/periods/${period.id}` };
  await planNotifications(step, ctx, { template: 'consolidation', to: 'monitor', directive, unitId: directive.monitoring_unit_id, extra });
  await planNotifications(step, ctx, { template: 'consolidation_summary', to: 'chairman', directive, extra });
  await wakeRelay(tx, ctx);
}
