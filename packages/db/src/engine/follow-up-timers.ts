import { escalationPolicySchema, escalationTimes, reminderPolicySchema, reminderTimes } from '@dondoc/domain';
import type { Directive } from '../tables/directive.table.ts';
import { scheduleTimer, type EffectContext } from './effects.ts';
import type { EngineStep } from './step.ts';
import type { FollowUpTimerKinds } from './timer-kinds.ts';

/** A deadline as the follow-up arms it: when it is due and the generation its timers are set under. */
interface Armed {
  dueAt: string;
  generation: number;
}

/** The reminders still ahead (the directive's policy, or the province's) and the deadline itself. */
export async function scheduleDeadlineTimers(
  step: EngineStep,
  ctx: EffectContext,
  kinds: FollowUpTimerKinds,
  armed: Armed,
  directive: Directive,
): Promise<void> {
  const { calendar, defaults } = await step.followUp();
  const dueAt = new Date(armed.dueAt);
  const policy = directive.reminder_policy ? reminderPolicySchema.parse(directive.reminder_policy) : defaults.reminderPolicy;
  for (const [i, at] of reminderTimes(calendar, policy, dueAt, step.now).entries()) {
    scheduleTimer(step, ctx, kinds.reminder, armed.generation, at, i + 1);
  }
  scheduleTimer(step, ctx, kinds.deadline, armed.generation, dueAt, 0);
}

/** One rung of the ladder, at the time the policy gives counted from the deadline (at once if that is already past). */
export async function scheduleRung(
  step: EngineStep,
  ctx: EffectContext,
  kinds: FollowUpTimerKinds,
  armed: Armed,
  directive: Directive,
  level: number,
): Promise<void> {
  const { calendar, defaults } = await step.followUp();
  const ladder = directive.escalation_policy ? escalationPolicySchema.parse(directive.escalation_policy) : defaults.escalationPolicy;
  const at = escalationTimes(calendar, ladder, new Date(armed.dueAt))[level - 1]!;
  scheduleTimer(step, ctx, kinds.escalation, armed.generation, at, level);
}
