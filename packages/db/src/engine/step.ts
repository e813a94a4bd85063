import { escalationPolicySchema, reminderPolicySchema, type Actor, type EscalationPolicy, type ReminderPolicy, type WorkingCalendar } from '@dondoc/domain';
import type { DbOrTx } from '../database.ts';
import { loadCalendar } from '../calendar.reader.ts';
import type { Cascade } from './types.ts';
import { WriteBatch } from './write-batch.ts';

/** What one engine transaction carries around: the transaction, who acts, and what it loads at most once. */
export interface EngineStep {
  tx: DbOrTx;
  actor: Actor;
  requestId: string | undefined;
  /** The moment the step is decided at; timers already due are not scheduled in the past. */
  now: Date;
  followUp(): Promise<FollowUpContext>;
  /** Changes this one sets off, through the same engine path. */
  cascade: Cascade;
  /** The rows the step appends (events, timers, notifications, outbox), written when it ends (write-batch.ts). */
  batch: WriteBatch;
  /** A read made once per step (a task, a unit's recipients): a fan-out to thousands of units asks each once. */
  once<T>(key: string, read: () => Promise<T>): Promise<T>;
  /** Whether `once` has read `key` in this step. */
  known(key: string): boolean;
}

export interface FollowUpContext {
  calendar: WorkingCalendar;
  defaults: { reminderPolicy: ReminderPolicy; escalationPolicy: EscalationPolicy };
}

export function createStep(tx: DbOrTx, actor: Actor, requestId: string | undefined, cascadeOf: (step: EngineStep) => Cascade): EngineStep {
  let loaded: Promise<FollowUpContext> | undefined;
  const reads = new Map<string, Promise<unknown>>();
  const step: Omit<EngineStep, 'cascade'> = {
    tx,
    actor,
    requestId,
    now: new Date(),
    followUp: () => (loaded ??= loadFollowUp(tx)),
    batch: new WriteBatch(),
    once: <T>(key: string, read: () => Promise<T>) => {
      if (!reads.has(key)) reads.set(key, read());
      return reads.get(key) as Promise<T>;
    },
    known: (key) => reads.has(key),
  };
  return Object.assign(step, { cascade: cascadeOf(step as EngineStep) });
}

async function loadFollowUp(tx: DbOrTx): Promise<FollowUpContext> {
  const [calendar, settings] = await Promise.all([loadCalendar(tx), tx.selectFrom('province_settings').selectAll().executeTakeFirstOrThrow()]);
  return {
    calendar,
    defaults: {
      reminderPolicy: reminderPolicySchema.parse(settings.reminder_policy),
      escalationPolicy: escalationPolicySchema.parse(settings.escalation_policy),
    },
  };
}
