import { sql } from 'kysely';
import { trace } from '@opentelemetry/api';
import { transition, type AnyMachineSnapshot } from 'xstate';
import {
  ConflictError,
  IllegalTransitionError,
  NotFoundError,
  actorLabel,
  type Actor,
  type Subject,
} from '@dondoc/domain';
import {
  accepts,
  rollupStage,
  type AssignmentEffect,
  type AssignmentEvent,
  type AssignmentState,
  type DirectiveEffect,
  type DirectiveEvent,
} from '@dondoc/workflows';
import type { Db, DbOrTx } from '../database.ts';
import type { Assignment } from '../tables/assignment.table.ts';
import type { Directive } from '../tables/directive.table.ts';
import { carryOutAssignmentEffects } from './assignment-effects.ts';
import { wakeRelay, type EffectContext } from './effects.ts';
import { machines, persist, restore } from './machines.ts';
import { planNotifications } from './notifications.ts';
import { createStep, type EngineStep } from './step.ts';

export type EngineEvent = AssignmentEvent | DirectiveEvent;

export interface Command {
  subject: Subject;
  event: EngineEvent;
  actor: Actor;
  /** The version the caller last read. When given, a newer version is a conflict and nothing is applied. */
  expectedVersion?: number;
  /** Carried into the audit log and the outbox, to follow one request end to end. */
  requestId?: string;
}

export interface Applied {
  subject: Subject;
  version: number;
  fromState: string;
  toState: string;
}

/**
 * Applies one event to one subject in one transaction: the new snapshot, the
 * read-model columns, the audit event, the outbox and timer rows for the
 * machine's actions and, for an assignment, its directive's roll-up. Either all
 * of it is written or none.
 *
 * Every change to a directive or its assignments first locks the directive row,
 * so changes within one directive are serialised and cannot deadlock.
 */
export async function apply(db: Db, cmd: Command): Promise<Applied> {
  // A span per engine transaction; a no-op unless tracing is configured.
  return trace.getTracer('dondoc').startActiveSpan(`engine.apply ${cmd.subject.type} ${cmd.event.type}`, async (span) => {
    span.setAttributes({ 'dondoc.subject.type': cmd.subject.type, 'dondoc.subject.id': cmd.subject.id, 'dondoc.event': cmd.event.type, ...(cmd.requestId ? { 'dondoc.request_id': cmd.requestId } : {}) });
    try {
      return await db.transaction().execute((tx) => applyInTransaction(tx, cmd));
    } catch (err) {
      span.recordException(err as Error);
      throw err;
    } finally {
      span.end();
    }
  });
}

export async function applyInTransaction(tx: DbOrTx, cmd: Command): Promise<Applied> {
  const step = createStep(tx, cmd.actor, cmd.requestId);
  // Optimistic concurrency: a command that names the version its sender read
  // conflicts if the subject has moved on since. One that names none is decided
  // against the state found under the lock (a timer firing meanwhile, say, does
  // not make a user's command fail); the machine refuses it if that state does not allow it.
  if (cmd.subject.type === 'directive') {
    const directive = await lockDirective(tx, cmd.subject.id);
    checkVersion(directive, 'directive', cmd.expectedVersion);
    return applyToDirective(step, directive, cmd.event as DirectiveEvent);
  }

  const seen = await tx.selectFrom('assignments').select(['directive_id']).where('id', '=', cmd.subject.id).executeTakeFirst();
  if (!seen) throw new NotFoundError('phân công', 'assignment', cmd.subject.id);
  const directive = await lockDirective(tx, seen.directive_id);
  const assignment = await tx.selectFrom('assignments').selectAll().where('id', '=', cmd.subject.id).forUpdate().executeTakeFirstOrThrow();
  checkVersion(assignment, 'assignment', cmd.expectedVersion);
  const applied = await applyToAssignment(step, directive, assignment, cmd.event as AssignmentEvent);
  if (applied.fromState !== applied.toState) await rollUp(step, directive, applied);
  return applied;
}

async function lockDirective(tx: DbOrTx, id: string): Promise<Directive> {
  const row = await tx.selectFrom('directives').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw new NotFoundError('văn bản chỉ đạo', 'directive', id);
  return row;
}

function checkVersion(row: { version: number }, subject: string, expected: number | undefined): void {
  if (expected !== undefined && row.version !== expected) throw new ConflictError(subject, expected, row.version);
}

function refuseUnlessAccepted(snapshot: AnyMachineSnapshot, subject: string, event: EngineEvent): void {
  if (!accepts(snapshot, event)) throw new IllegalTransitionError(subject, String(snapshot.value), event.type);
}

async function applyToAssignment(step: EngineStep, directive: Directive, row: Assignment, event: AssignmentEvent): Promise<Applied> {
  const subject: Subject = { type: 'assignment', id: row.id };
  const snapshot = restore('assignment', row);
  refuseUnlessAccepted(snapshot, 'assignment', event);
  const [next, actions] = transition(snapshot.machine, snapshot, event);
  const version = row.version + 1;
  const toState = String(next.value) as AssignmentState;

  const { numUpdatedRows } = await step.tx
    .updateTable('assignments')
    .set({
      snapshot: persist('assignment', next),
      machine_version: machines.assignment.version,
      version,
      state: toState,
      due_at: next.context.dueAt ? new Date(next.context.dueAt) : null,
      overdue: next.context.overdue,
      escalation_level: next.context.escalationLevel,
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  // The row is locked, so this only trips if the locking above is ever removed.
  if (numUpdatedRows !== 1n) throw new ConflictError('assignment', row.version, -1);

  const ctx = await appendEvent(step, subject, version, event, row.state, toState);
  await carryOutAssignmentEffects(step, ctx, row, next.context, directive, actions as unknown as AssignmentEffect[]);
  await wakeRelay(step.tx, ctx);
  return { subject, version, fromState: row.state, toState };
}

async function applyToDirective(step: EngineStep, row: Directive, event: DirectiveEvent, cause?: Applied): Promise<Applied> {
  const subject: Subject = { type: 'directive', id: row.id };
  const snapshot = restore('directive', row);
  refuseUnlessAccepted(snapshot, 'directive', event);
  const [next, actions] = transition(snapshot.machine, snapshot, event);
  const version = row.version + 1;
  const toState = String(next.value);

  await step.tx
    .updateTable('directives')
    .set({ snapshot: persist('directive', next), machine_version: machines.directive.version, version, state: toState, updated_at: sql<Date>`now()` })
    .where('id', '=', row.id)
    .execute();
  const payloadExtra = cause ? { cause: { assignmentId: cause.subject.id, seq: cause.version } } : {};
  const ctx = await appendEvent(step, subject, version, event, row.state, toState, payloadExtra);

  for (const action of actions as unknown as DirectiveEffect[]) {
    switch (action.type) {
      case 'cancelAssignments':
        await cancelOpenAssignments(step, row, event.type === 'WITHDRAW' ? event.reason : '');
        break;
      case 'notifyAssignees':
        await planNotifications(step, ctx, { template: action.params.template, to: 'assignees', directive: row });
        break;
    }
  }
  await wakeRelay(step.tx, ctx);
  return { subject, version, fromState: row.state, toState };
}

/** Withdrawal cancels every open assignment, each through its own machine and audit trail. */
async function cancelOpenAssignments(step: EngineStep, directive: Directive, reason: string): Promise<void> {
  const open = await step.tx
    .selectFrom('assignments')
    .selectAll()
    .where('directive_id', '=', directive.id)
    .where('state', 'not in', ['reviewed', 'cancelled'])
    .orderBy('id')
    .forUpdate()
    .execute();
  for (const a of open) await applyToAssignment(step, directive, a, { type: 'CANCEL', reason });
}

/** Moves the directive to the stage its assignments now add up to, in the same transaction. */
async function rollUp(step: EngineStep, directive: Directive, cause: Applied): Promise<void> {
  const rows = await step.tx.selectFrom('assignments').select('state').where('directive_id', '=', directive.id).execute();
  const event: DirectiveEvent = { type: 'ROLLUP', stage: rollupStage(rows.map((r) => r.state as AssignmentState)) };
  if (event.stage === directive.state) return;
  if (!accepts(restore('directive', directive), event)) return; // closed or withdrawn: nothing rolls up any more
  await applyToDirective(step, directive, event, cause);
}

async function appendEvent(
  step: EngineStep,
  subject: Subject,
  seq: number,
  event: { type: string; [field: string]: unknown },
  fromState: string | null,
  toState: string,
  extra: Record<string, unknown> = {},
): Promise<EffectContext> {
  const { type, ...payload } = event;
  await step.tx
    .insertInto('events')
    .values({
      subject_type: subject.type,
      subject_id: subject.id,
      seq,
      type,
      actor: actorLabel(step.actor),
      actor_user_id: step.actor.kind === 'user' ? step.actor.userId : null,
      payload: JSON.stringify({ ...payload, ...extra }),
      from_state: fromState,
      to_state: toState,
      request_id: step.requestId ?? null,
    })
    .execute();
  return { subject, eventSeq: seq, payload, requestId: step.requestId, wroteOutbox: false };
}

export { appendEvent as appendAuditEvent };
