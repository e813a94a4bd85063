import { assertEvent, assign, setup } from 'xstate';

/**
 * The lifecycle of one unit's assignment on one task.
 *
 *   issued ─ACKNOWLEDGE→ assigned ─START→ in_progress ─SUBMIT_REPORT→ reported ─APPROVE→ reviewed
 *                                               ↑                       │
 *                                           returned ←─────RETURN───────┘ (SUBMIT_REPORT again)
 *
 * Extension requests, the deadline and overdue live in context, so the state
 * stays one readable word for the read model. The machine reads no clock: the
 * deadline arrives in input or events, and its passing arrives as DEADLINE_PASSED
 * carrying the timer generation it was scheduled under, so stale timers are refused.
 */
export const ASSIGNMENT_MACHINE_ID = 'assignment';
export const ASSIGNMENT_MACHINE_VERSION = 1;

export interface AssignmentContext {
  /** ISO instant the work is due, or null for a standing task. */
  dueAt: string | null;
  /** Bumped whenever pending timers become obsolete (deadline moved, work finished). */
  generation: number;
  overdue: boolean;
  /** Pending extension request. */
  extension: { dueAt: string; reason: string } | null;
  /** How many times the report was returned for rework. */
  returns: number;
  lastReturnReason: string | null;
}

export interface AssignmentInput {
  dueAt: string | null;
}

export type AssignmentEvent =
  | { type: 'ACKNOWLEDGE' }
  | { type: 'START' }
  | { type: 'SUBMIT_REPORT'; text: string; values?: Record<string, number> }
  | { type: 'APPROVE'; comment?: string }
  | { type: 'RETURN'; reason: string }
  | { type: 'REQUEST_EXTENSION'; dueAt: string; reason: string }
  | { type: 'GRANT_EXTENSION'; comment?: string }
  | { type: 'DENY_EXTENSION'; reason: string }
  | { type: 'CANCEL'; reason: string }
  | { type: 'DEADLINE_PASSED'; generation: number }
  /** The deadline moved because the calendar changed (a day off added, say); system only. */
  | { type: 'RESCHEDULE'; dueAt: string; previousDueAt: string; reason: string };

export type AssignmentState = 'issued' | 'assigned' | 'in_progress' | 'reported' | 'returned' | 'reviewed' | 'cancelled';

/** Who a notification goes to; the mail layer resolves people from this. */
export type NotifyTarget = 'unit' | 'unit_head' | 'monitor';

/** Effects the machine asks for; the engine turns them into outbox and timer rows. */
export type AssignmentEffect =
  | { type: 'notify'; params: { to: NotifyTarget; template: string } }
  | { type: 'scheduleDeadline' }
  | { type: 'cancelTimers' };

const extensionActions = {
  REQUEST_EXTENSION: {
    guard: 'noPendingExtension',
    actions: ['recordExtensionRequest', { type: 'notify', params: { to: 'monitor', template: 'extension_requested' } }],
  },
  GRANT_EXTENSION: {
    guard: 'pendingExtension',
    actions: ['moveDeadline', 'cancelTimers', 'scheduleDeadline', { type: 'notify', params: { to: 'unit', template: 'extension_granted' } }],
  },
  DENY_EXTENSION: {
    guard: 'pendingExtension',
    actions: ['dropExtensionRequest', { type: 'notify', params: { to: 'unit', template: 'extension_denied' } }],
  },
} as const;

const deadlinePassed = {
  DEADLINE_PASSED: {
    guard: 'currentGeneration',
    actions: ['markOverdue', { type: 'notify', params: { to: 'unit_head', template: 'overdue' } }],
  },
} as const;

const cancel = {
  CANCEL: { target: '#assignment.cancelled' },
  RESCHEDULE: {
    guard: 'hasDeadline',
    actions: ['rescheduleDeadline', 'cancelTimers', 'scheduleDeadline', { type: 'notify', params: { to: 'unit', template: 'deadline_moved' } }],
  },
} as const;

export const assignmentMachine = setup({
  types: {
    context: {} as AssignmentContext,
    events: {} as AssignmentEvent,
    input: {} as AssignmentInput,
  },
  actions: {
    // Descriptions only: the engine carries them out after the transaction commits.
    notify: (_, _params: { to: NotifyTarget; template: string }) => {},
    scheduleDeadline: () => {},
    cancelTimers: () => {},
    finishTimers: assign(({ context }) => ({ generation: context.generation + 1, extension: null })),
    recordExtensionRequest: assign(({ event }) => {
      assertEvent(event, 'REQUEST_EXTENSION');
      return { extension: { dueAt: event.dueAt, reason: event.reason } };
    }),
    moveDeadline: assign(({ context }) => ({
      dueAt: context.extension!.dueAt,
      extension: null,
      overdue: false,
      generation: context.generation + 1,
    })),
    dropExtensionRequest: assign({ extension: null }),
    rescheduleDeadline: assign(({ context, event }) => {
      assertEvent(event, 'RESCHEDULE');
      return { dueAt: event.dueAt, overdue: false, generation: context.generation + 1 };
    }),
    markOverdue: assign({ overdue: true }),
    recordReturn: assign(({ context, event }) => {
      assertEvent(event, 'RETURN');
      return { returns: context.returns + 1, lastReturnReason: event.reason };
    }),
  },
  guards: {
    pendingExtension: ({ context }) => context.extension !== null,
    noPendingExtension: ({ context }) => context.extension === null,
    hasDeadline: ({ context }) => context.dueAt !== null,
    currentGeneration: ({ context, event }) =>
      event.type === 'DEADLINE_PASSED' && event.generation === context.generation && context.dueAt !== null,
  },
}).createMachine({
  id: ASSIGNMENT_MACHINE_ID,
  context: ({ input }) => ({
    dueAt: input.dueAt,
    generation: 1,
    overdue: false,
    extension: null,
    returns: 0,
    lastReturnReason: null,
  }),
  initial: 'issued',
  entry: [{ type: 'notify', params: { to: 'unit', template: 'assigned' } }, 'scheduleDeadline'],
  states: {
    issued: {
      on: { ACKNOWLEDGE: 'assigned', ...extensionActions, ...deadlinePassed, ...cancel },
    },
    assigned: {
      on: { START: 'in_progress', ...extensionActions, ...deadlinePassed, ...cancel },
    },
    in_progress: {
      on: {
        SUBMIT_REPORT: 'reported',
        ...extensionActions,
        ...deadlinePassed,
        ...cancel,
      },
    },
    reported: {
      entry: { type: 'notify', params: { to: 'monitor', template: 'report_submitted' } },
      on: {
        APPROVE: 'reviewed',
        RETURN: { target: 'returned', actions: 'recordReturn' },
        // A pending extension request can still be decided; a new one cannot be made.
        GRANT_EXTENSION: extensionActions.GRANT_EXTENSION,
        DENY_EXTENSION: extensionActions.DENY_EXTENSION,
        ...deadlinePassed,
        ...cancel,
      },
    },
    returned: {
      entry: { type: 'notify', params: { to: 'unit', template: 'report_returned' } },
      on: { SUBMIT_REPORT: 'reported', ...extensionActions, ...deadlinePassed, ...cancel },
    },
    reviewed: {
      type: 'final',
      entry: ['finishTimers', 'cancelTimers', { type: 'notify', params: { to: 'unit', template: 'report_approved' } }],
    },
    cancelled: {
      type: 'final',
      entry: ['finishTimers', 'cancelTimers', { type: 'notify', params: { to: 'unit', template: 'assignment_cancelled' } }],
    },
  },
});
