import { sql } from 'kysely';
import { directiveMachine } from '@dondoc/workflows';
import type { DirectiveInput } from '@dondoc/domain';
import type { CreatableKind } from '../advance.ts';
import { countClosedDirectiveFigures } from '../../closed-directive-figures.ts';
import { holdOpenAssignments, type Held } from '../hold.ts';
import { machines, persist, restore } from '../machines.ts';
import { planNotifications } from '../notifications.ts';

/** What a new directive row is made from: the checked input, its resolved units and its follow-up policies. */
interface NewDirective {
  input: DirectiveInput;
  issuerUnitId: string;
  monitoringUnitId: string;
  reminderPolicy: unknown;
  escalationPolicy: unknown;
}

export const directiveKind: CreatableKind<typeof directiveMachine, Held['directive'], NewDirective> = {
  type: 'directive',
  machine: directiveMachine,
  restore: (held) => restore('directive', held.row),

  async save(step, { row }, next, version) {
    await step.tx
      .updateTable('directives')
      .set({
        snapshot: persist('directive', next),
        machine_version: machines.directive.version,
        version,
        state: String(next.value),
        updated_at: sql<Date>`now()`,
      })
      .where('id', '=', row.id)
      .execute();
    // Its figures are final now; the province's figures read them from here (closed-directive-figures.ts).
    if (next.value === 'closed') await countClosedDirectiveFigures(step.tx, [row.id]);
  },

  async insert(step, d, first) {
    const { input } = d;
    const row = await step.tx
      .insertInto('directives')
      .values({
        type: input.type,
        number_symbol: input.numberSymbol,
        issuer_unit_id: d.issuerUnitId,
        signer: input.signer,
        issued_on: input.issuedOn,
        subject: input.subject,
        body: input.body,
        classification: input.classification,
        campaign_label: input.campaign?.label ?? null,
        campaign_starts_on: input.campaign?.startsOn ?? null,
        campaign_ends_on: input.campaign?.endsOn ?? null,
        monitoring_unit_id: d.monitoringUnitId,
        reminder_policy: JSON.stringify(d.reminderPolicy),
        escalation_policy: JSON.stringify(d.escalationPolicy),
        machine_id: machines.directive.id,
        machine_version: machines.directive.version,
        snapshot: persist('directive', first),
        state: String(first.value),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { directive: row, row };
  },

  async carryOut(step, ctx, { row }, _next, actions) {
    for (const action of actions) {
      switch (action.type) {
        case 'cancelAssignments': {
          // Each open assignment is cancelled through its own machine and audit trail, with the withdrawal's reason.
          const reason = typeof ctx.payload.reason === 'string' ? ctx.payload.reason : '';
          for (const held of await holdOpenAssignments(step.tx, row)) await step.cascade.advance('assignment', held, { type: 'CANCEL', reason });
          break;
        }
        case 'notifyAssignees':
          await planNotifications(step, ctx, { template: action.params.template, to: 'assignees', directive: row });
          break;
      }
    }
  },
};
