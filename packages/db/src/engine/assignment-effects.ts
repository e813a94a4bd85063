import { escalationPolicySchema, escalationTimes, reminderPolicySchema, reminderTimes } from '@dondoc/domain';
import type { AssignmentContext, AssignmentEffect } from '@dondoc/workflows';
import type { Directive } from '../tables/directive.table.ts';
import { cancelTimers, scheduleTimer, type EffectContext } from './effects.ts';
import { planNotifications, type AssignmentFacts } from './notifications.ts';
import type { EngineStep } from './step.ts';

/**
 * Timer kinds and the event each feeds back (see timers.ts). A probe changes
 * nothing when it fires: it measures the timer path itself (the benchmark, and
 * ops checking how late timers fire).
 */
export const timerKinds = { reminder: 'reminder', deadline: 'deadline', escalation: 'escalation', probe: 'probe' } as const;

/**
 * Turns the assignment machine's actions into rows: notifications (with their
 * mail jobs), the timers of the current deadline under the current generation,
 * and the cancellation of timers of older generations.
 */
export async function carryOutAssignmentEffects(
  step: EngineStep,
  ctx: EffectContext,
  assignment: AssignmentFacts,
  context: AssignmentContext,
  directive: Directive,
  actions: readonly AssignmentEffect[],
): Promise<void> {
  for (const action of actions) {
    switch (action.type) {
      case 'notify':
        await planNotifications(step, ctx, { template: action.params.template, to: action.params.to, assignment, context, directive });
        break;
      case 'scheduleTimers':
        if (context.dueAt) await scheduleDeadlineTimers(step, ctx, context, directive);
        break;
      case 'scheduleEscalation':
        if (context.dueAt) await scheduleRung(step, ctx, context, directive, action.params.level);
        break;
      case 'cancelTimers':
        await cancelTimers(step.tx, ctx.subject, context.generation);
        break;
    }
  }
}

/** The reminders still ahead and the deadline itself. */
async function scheduleDeadlineTimers(step: EngineStep, ctx: EffectContext, context: AssignmentContext, directive: Directive): Promise<void> {
  const { calendar, defaults } = await step.followUp();
  const dueAt = new Date(context.dueAt!);
  const reminders = directive.reminder_policy ? reminderPolicySchema.parse(directive.reminder_policy) : defaults.reminderPolicy;
  for (const [i, at] of reminderTimes(calendar, reminders, dueAt, step.now).entries()) {
    await scheduleTimer(step.tx, ctx, timerKinds.reminder, context.generation, at, i + 1);
  }
  await scheduleTimer(step.tx, ctx, timerKinds.deadline, context.generation, dueAt, 0);
}

/** One rung of the ladder, at the time the policy gives counted from the deadline (at once if that is already past). */
async function scheduleRung(step: EngineStep, ctx: EffectContext, context: AssignmentContext, directive: Directive, level: number): Promise<void> {
  const { calendar, defaults } = await step.followUp();
  const ladder = directive.escalation_policy ? escalationPolicySchema.parse(directive.escalation_policy) : defaults.escalationPolicy;
  const at = escalationTimes(calendar, ladder, new Date(context.dueAt!))[level - 1]!;
  await scheduleTimer(step.tx, ctx, timerKinds.escalation, context.generation, at, level);
}
