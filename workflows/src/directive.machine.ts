import { setup } from 'xstate';
import type { RollupStage } from './directive.rollup.ts';

/**
 * A directive's lifecycle, rolled up from its assignments. ROLLUP carries the
 * stage computed from the assignments (`rollupStage`) and moves the directive
 * there, backwards too (a report returned for rework takes it from reported back
 * to in_progress). The Office closes a reviewed directive or withdraws one at any
 * time before; both are final.
 */
export const DIRECTIVE_MACHINE_ID = 'directive';
export const DIRECTIVE_MACHINE_VERSION = 1;

export type DirectiveState = RollupStage | 'closed' | 'withdrawn';
/** Every state of a directive in lifecycle order, named once (filters, schemas, seeds); the test holds it to the machine's. */
export const DIRECTIVE_STATES = [
  'issued',
  'assigned',
  'in_progress',
  'reported',
  'reviewed',
  'closed',
  'withdrawn',
] as const satisfies readonly DirectiveState[];

export type DirectiveEvent =
  | { type: 'ROLLUP'; stage: RollupStage }
  | { type: 'WITHDRAW'; reason: string }
  | { type: 'CLOSE'; comment?: string }
  /** A period's consolidated report was approved: recorded in the directive's trail, its state unchanged. */
  | { type: 'CONSOLIDATION_APPROVED'; periodId: string; period: string; counts: Record<string, number>; comment?: string };

const stageGuard =
  (stage: RollupStage) =>
  ({ event }: { event: DirectiveEvent }) =>
    event.type === 'ROLLUP' && event.stage === stage;
/** What every open state accepts. Final states accept nothing. */
const open = {
  ROLLUP: [
    { guard: 'toReviewed', target: '#directive.reviewed' },
    { guard: 'toReported', target: '#directive.reported' },
    { guard: 'toInProgress', target: '#directive.in_progress' },
    { guard: 'toAssigned', target: '#directive.assigned' },
    { guard: 'toIssued', target: '#directive.issued' },
  ],
  CONSOLIDATION_APPROVED: { actions: 'noteApproval' },
  WITHDRAW: {
    target: '#directive.withdrawn',
    actions: ['cancelAssignments', { type: 'notifyAssignees', params: { template: 'directive_withdrawn' } }],
  },
} as const;

export const directiveMachine = setup({
  types: { events: {} as DirectiveEvent },
  actions: {
    cancelAssignments: () => {},
    notifyAssignees: (_, _params: { template: string }) => {},
    // Nothing to carry out: the audit event is the record.
    noteApproval: () => {},
  },
  guards: {
    toReviewed: stageGuard('reviewed'),
    toReported: stageGuard('reported'),
    toInProgress: stageGuard('in_progress'),
    toAssigned: stageGuard('assigned'),
    toIssued: stageGuard('issued'),
  },
}).createMachine({
  id: DIRECTIVE_MACHINE_ID,
  initial: 'issued',
  states: {
    issued: { on: open },
    assigned: { on: open },
    in_progress: { on: open },
    reported: { on: open },
    reviewed: { on: { ...open, CLOSE: 'closed' } },
    closed: { type: 'final' },
    withdrawn: { type: 'final' },
  },
});
