import {
  initialTransition,
  transition,
  type AnyMachineSnapshot,
  type AnyStateMachine,
  type EventFromLogic,
  type ExecutableActionsFrom,
  type InputFrom,
  type SnapshotFrom,
} from 'xstate';
import { IllegalTransitionError, actorLabel, type Subject } from '@dondoc/domain';
import { accepts, effectsOf, type EffectOf } from '@dondoc/workflows';
import type { EffectContext } from './effects.ts';
import type { EngineStep } from './step.ts';
import type { Applied, SubjectRow } from './types.ts';

/**
 * How the engine changes one kind of subject (assignment, directive, unit
 * report, report period). The steps are the same for all; the kind says what is
 * particular to it: where its snapshot is kept, the rules a command must obey
 * beyond what the machine's states allow, the columns it saves, how it carries
 * out its machine's actions, and what its change sets off elsewhere.
 */
interface SubjectKind<M extends AnyStateMachine, H extends { row: SubjectRow }> {
  type: Subject['type'];
  machine: M;
  restore(held: H): SnapshotFrom<M>;
  /** Rules the machine cannot see (a report's values against its targets, say); they throw a DomainError before anything is written. */
  check?(step: EngineStep, held: H, event: EventFromLogic<M>): Promise<void>;
  save(step: EngineStep, held: H, next: SnapshotFrom<M>, version: number, event: EventFromLogic<M>): Promise<void>;
  carryOut(step: EngineStep, ctx: EffectContext, held: H, next: SnapshotFrom<M>, effects: readonly EffectOf<M>[]): Promise<void>;
  /** What the change sets off in the same transaction: a directive's roll-up, a period closing when its last report is in. */
  after?(step: EngineStep, held: H, applied: Applied, event: EventFromLogic<M>): Promise<void>;
}

/** A kind of subject the engine also creates (a directive and its assignments, a period and its reports). */
export interface CreatableKind<M extends AnyStateMachine, H extends { row: SubjectRow }, F> extends SubjectKind<M, H> {
  /** Writes the new row from the machine's first snapshot; F is what the row is made from. */
  insert(step: EngineStep, facts: F, first: SnapshotFrom<M>): Promise<H>;
}

/**
 * The one way a subject's state changes: check the kind's rules, check that
 * the machine accepts the event, transition, save, audit, carry out the
 * machine's actions as rows (notifications, timers, outbox) in the same
 * transaction, then what the change sets off. The caller holds the locks
 * (hold.ts) and has checked the version it was given.
 */
export async function advance<M extends AnyStateMachine, H extends { row: SubjectRow }>(
  step: EngineStep,
  kind: SubjectKind<M, H>,
  held: H,
  event: EventFromLogic<M>,
  auditExtra: Record<string, unknown> = {},
): Promise<Applied> {
  await kind.check?.(step, held, event);
  const snapshot = kind.restore(held);
  if (!accepts(snapshot as AnyMachineSnapshot, event)) throw new IllegalTransitionError(kind.type, String((snapshot as AnyMachineSnapshot).value), event.type);
  const [next, actions] = transition(kind.machine, snapshot, event);
  const version = held.row.version + 1;
  await kind.save(step, held, next, version, event);
  return record(step, kind, held, next, actions, { event, version, fromState: held.row.state, auditExtra });
}

/** The same for a subject that starts: the machine's initial transition, the new row, its first audit event (version 1). */
export async function start<M extends AnyStateMachine, H extends { row: SubjectRow }, F>(
  step: EngineStep,
  kind: CreatableKind<M, H, F>,
  facts: F,
  input: InputFrom<M>,
  auditEvent: { type: string; [field: string]: unknown },
): Promise<H> {
  const [first, actions] = initialTransition(kind.machine, input);
  const held = await kind.insert(step, facts, first);
  await record(step, kind, held, first, actions, { event: auditEvent, version: held.row.version, fromState: null, auditExtra: {} });
  return held;
}

async function record<M extends AnyStateMachine, H extends { row: SubjectRow }>(
  step: EngineStep,
  kind: SubjectKind<M, H>,
  held: H,
  next: SnapshotFrom<M>,
  actions: readonly ExecutableActionsFrom<M>[],
  change: { event: { type: string }; version: number; fromState: string | null; auditExtra: Record<string, unknown> },
): Promise<Applied> {
  const subject: Subject = { type: kind.type, id: held.row.id };
  const toState = String((next as AnyMachineSnapshot).value);
  const ctx = appendEvent(step, subject, change.version, change.event, change.fromState, toState, change.auditExtra);
  await kind.carryOut(step, ctx, held, next, effectsOf<M>(actions));
  const applied = { subject, version: change.version, fromState: change.fromState ?? toState, toState };
  if (change.fromState !== null) await kind.after?.(step, held, applied, change.event as EventFromLogic<M>);
  return applied;
}

/** The audit event, written with the step (write-batch.ts). */
function appendEvent(
  step: EngineStep,
  subject: Subject,
  seq: number,
  event: { type: string },
  fromState: string | null,
  toState: string,
  extra: Record<string, unknown>,
): EffectContext {
  const { type, ...payload } = event as { type: string; [field: string]: unknown };
  step.batch.event({
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
  });
  return { subject, eventSeq: seq, payload, requestId: step.requestId };
}
