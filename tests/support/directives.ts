import { apply, chiThiTetGiapThin2024, issueDirective } from '@dondoc/db';
import type { DirectiveInput, EscalationPolicy, ReminderPolicy } from '@dondoc/domain';
import type { TestContext } from './context.ts';
import { officeActor } from './commands.ts';

let counter = 100;

/**
 * Issues a one-task directive to the given units with the given policies, then
 * moves every assignment's deadline to `dueAt` (a RESCHEDULE, as a calendar
 * change would), so that a test can put a deadline seconds away.
 */
export async function issueWithDeadline(
  t: TestContext,
  opts: { units: string[]; dueAt: Date; reminderPolicy?: ReminderPolicy; escalationPolicy?: EscalationPolicy; classified?: boolean },
): Promise<{ directiveId: string; numberSymbol: string; assignmentIds: string[]; title: string }> {
  const numberSymbol = `${counter++}/CT-UBND`;
  const task = chiThiTetGiapThin2024.tasks[5]!;
  const input: DirectiveInput = {
    ...chiThiTetGiapThin2024,
    numberSymbol,
    issuedOn: '2026-01-05',
    campaign: undefined,
    classification: opts.classified ? 'mat' : 'thuong',
    reminderPolicy: opts.reminderPolicy ?? { reminders: [] },
    escalationPolicy: opts.escalationPolicy ?? { steps: [{ hoursAfter: 10 }, { hoursAfter: 20 }, { hoursAfter: 30 }] },
    tasks: [{ ...task, ordinal: 1, deadline: { kind: 'date', date: '2099-12-31' }, addressees: opts.units.map((unit) => ({ unit, role: 'lead' as const })) }],
  };
  const issued = await issueDirective(t.db, input, officeActor);
  for (const id of issued.assignmentIds) {
    const row = await t.db.selectFrom('assignments').select('due_at').where('id', '=', id).executeTakeFirstOrThrow();
    await apply(t.db, {
      subject: { type: 'assignment', id },
      event: { type: 'RESCHEDULE', dueAt: opts.dueAt.toISOString(), previousDueAt: row.due_at!.toISOString(), reason: 'test' },
      actor: { kind: 'system', label: 'test' },
    });
  }
  return { directiveId: issued.directiveId, numberSymbol, assignmentIds: issued.assignmentIds, title: task.title };
}
