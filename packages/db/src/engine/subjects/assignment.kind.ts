import { sql } from 'kysely';
import { ConflictError, ValidationError, checkReportValues, type AssignmentRole } from '@dondoc/domain';
import type { SnapshotFrom } from 'xstate';
import { assignmentMachine, rollupStageOfCounts, type AssignmentState } from '@dondoc/workflows';
import { targetsOfTask } from '../../directive.queries.ts';
import type { Directive } from '../../tables/directive.table.ts';
import type { CreatableKind } from '../advance.ts';
import { moveProgress } from '../directive-progress.ts';
import { cancelTimers } from '../effects.ts';
import { scheduleDeadlineTimers, scheduleRung } from '../follow-up-timers.ts';
import type { Held } from '../hold.ts';
import { machines, persist, restore } from '../machines.ts';
import { planNotifications } from '../notifications.ts';
import { assignmentTimers } from '../timer-kinds.ts';

/** What a new assignment is made from when a directive is issued. */
interface NewAssignment {
  directive: Directive;
  taskId: string;
  unitId: string;
  role: AssignmentRole;
  requested: boolean;
}

export const assignmentKind: CreatableKind<typeof assignmentMachine, Held['assignment'], NewAssignment> = {
  type: 'assignment',
  machine: assignmentMachine,
  restore: (held) => restore('assignment', held.row),

  async check(step, { row }, event) {
    if (event.type === 'SUBMIT_REPORT') {
      const targets = await targetsOfTask(step.tx, row.task_id);
      checkReportValues(
        targets.map((t) => ({ code: t.code, unitOfMeasure: t.unit_of_measure })),
        event.values ?? {},
      );
    }
    if (event.type === 'REQUEST_EXTENSION') {
      if (!row.due_at) throw new ValidationError('Nhiệm vụ thường xuyên không có hạn để gia hạn.', 'A standing task has no deadline to extend.', 'dueDate');
      if (new Date(event.dueAt) <= row.due_at)
        throw new ValidationError('Hạn mới phải sau hạn hiện tại.', 'The new deadline must be after the current one.', 'dueDate');
    }
  },

  async save(step, { row }, next, version, event) {
    const { numUpdatedRows } = await step.tx
      .updateTable('assignments')
      .set({
        ...readModel(next),
        // What the follow-up figures count, from the event (the machine reads no clock): now() is the event's created_at, the same transaction.
        ...(event.type === 'SUBMIT_REPORT' && { reported_at: sql<Date>`now()` }),
        ...(event.type === 'GRANT_EXTENSION' && { extended: true }),
        snapshot: persist('assignment', next),
        machine_version: machines.assignment.version,
        version,
        updated_at: sql<Date>`now()`,
      })
      .where('id', '=', row.id)
      .where('version', '=', row.version)
      .executeTakeFirst();
    // The row is locked, so this only trips if the locking is ever removed.
    if (numUpdatedRows !== 1n) throw new ConflictError('assignment', row.version, -1);
  },

  async insert(step, a, first) {
    const row = await step.tx
      .insertInto('assignments')
      .values({
        task_id: a.taskId,
        directive_id: a.directive.id,
        unit_id: a.unitId,
        role: a.role,
        requested: a.requested,
        machine_id: machines.assignment.id,
        machine_version: machines.assignment.version,
        snapshot: persist('assignment', first),
        ...readModel(first),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { directive: a.directive, row };
  },

  /** Notifications (with their mail jobs), the timers of the current deadline under the current generation, and the cancellation of older ones. */
  async carryOut(step, ctx, { directive, row }, next, actions) {
    const context = next.context;
    const armed = context.dueAt ? { dueAt: context.dueAt, generation: context.generation } : null;
    for (const action of actions) {
      switch (action.type) {
        case 'notify':
          await planNotifications(step, ctx, { template: action.params.template, to: action.params.to, assignment: row, context, directive });
          break;
        case 'scheduleTimers':
          if (armed) await scheduleDeadlineTimers(step, ctx, assignmentTimers, armed, directive);
          break;
        case 'scheduleEscalation':
          if (armed) await scheduleRung(step, ctx, assignmentTimers, armed, directive, action.params.level);
          break;
        case 'cancelTimers':
          await cancelTimers(step, ctx.subject, context.generation);
          break;
      }
    }
  },

  /**
   * Moves the directive to the stage its assignments now add up to, from its
   * counts by rank (directive-progress.ts) rather than by reading every
   * assignment: the count moves last, so the count row is held only until commit.
   */
  async after(step, { directive }, applied) {
    if (applied.fromState === applied.toState) return;
    const counts = await moveProgress(step.tx, directive.id, applied.fromState as AssignmentState, applied.toState as AssignmentState);
    if (!counts) return; // the same rank (in progress ↔ returned): the stage cannot change
    // Read again under the count's lock: an earlier command's roll-up, or a withdrawal saved while its assignments are cancelled.
    const current = await step.tx.selectFrom('directives').selectAll().where('id', '=', directive.id).executeTakeFirstOrThrow();
    const event = { type: 'ROLLUP', stage: rollupStageOfCounts(counts) } as const;
    const held = { directive: current, row: current };
    if (event.stage === current.state || !step.cascade.accepts('directive', held, event)) return; // closed or withdrawn: nothing rolls up any more
    await step.cascade.advance('directive', held, event, { cause: { assignmentId: applied.subject.id, seq: applied.version } });
  },
};

/** The columns the pages and lists read, kept beside the snapshot. */
function readModel(s: SnapshotFrom<typeof assignmentMachine>) {
  return {
    state: String(s.value) as AssignmentState,
    due_at: s.context.dueAt ? new Date(s.context.dueAt) : null,
    overdue: s.context.overdue,
    escalation_level: s.context.escalationLevel,
    returns: s.context.returns,
  };
}
