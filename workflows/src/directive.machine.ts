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

export type DirectiveEvent =
  | { type: 'ROLLUP'; stage: RollupStage }
  | { type: 'WITHDRAW'; reason: string }
  | { type: 'CLOSE'; comment?: string };

export type DirectiveEffect = { type: 'cancelAssignments'; params: { reason: string } } | { type: 'notifyAssignees'; params: { template: string } };

const stageGuard = (stage: RollupStage) => ({ event }: { event: DirectiveEvent }) => event.type === 'ROLLUP' && event.stage === stage;
const rollup = {
  ROLLUP: [
    { guard: 'toReviewed', target: '.reviewed' },
    { guard: 'toReported', target: '.reported' },
    { guard: 'toInProgress', target: '.in_progress' },
    { guard: 'toAssigned', target: '.assigned' },
    { guard: 'toIssued', target: '.issued' },
  ],
} as const;

export const directiveMachine = setup({
  types: { events: {} as DirectiveEvent },
  actions: {
    cancelAssignments: (_, _params: { reason: string }) => {},
    notifyAssignees: (_, _params: { template: string }) => {},
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
  on: {
    ...rollup,
    WITHDRAW: {
      target: '.withdrawn',
      actions: [
        { type: 'cancelAssignments', params: ({ event }) => ({ reason: event.reason }) },
        { type: 'notifyAssignees', params: { template: 'directive_withdrawn' } },
      ],
    },
  },
  states: {
    issued: {},
    assigned: {},
    in_progress: {},
    reported: {},
    reviewed: { on: { CLOSE: 'closed' } },
    closed: { type: 'final' },
    withdrawn: { type: 'final' },
  },
});
