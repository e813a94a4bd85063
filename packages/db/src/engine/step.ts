import { escalationPolicySchema, reminderPolicySchema, type Actor, type EscalationPolicy, type ReminderPolicy, type WorkingCalendar } from '@dondoc/domain';
import type { DbOrTx } from '../database.ts';
import { loadCalendar } from '../calendar.reader.ts';
import type { Cascade } from './types.ts';

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
}

export interface FollowUpContext {
  calendar: WorkingCalendar;
  defaults: { reminderPolicy: ReminderPolicy; escalationPolicy: EscalationPolicy };
}

export function createStep(tx: DbOrTx, actor: Actor, requestId: string | undefined, cascadeOf: (step: EngineStep) => Cascade): EngineStep {
  let loaded: Promise<FollowUpContext> | undefined;
  const step: Omit<EngineStep, 'cascade'> = {
    tx,
    actor,
    requestId,
    now: new Date(),
    followUp: () => (loaded ??= loadFollowUp(tx)),
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
