import { assertEvent, assign, setup } from 'xstate';

/**
 * The lifecycle of one unit's assignment on one task.
 *
 *   issued ─ACKNOWLEDGE→ assigned ─START→ in_progress ─SUBMIT_REPORT→ reported ─APPROVE→ reviewed
 *                                               ↑                       │
 *                                           returned ←─────RETURN───────┘ (SUBMIT_REPORT again)
 *
 * Extension requests, the deadline, overdue and the escalation level live in
 * context, so the state stays one readable word for the read model. The machine
 * reads no clock: the deadline arrives in input or events, and reminders, its
 * passing and each rung of the ladder arrive as timer events carrying the
 * generation they were scheduled under, so stale timers are refused. Reminders
 * stop once a report is in; the ladder goes on until a report is approved
 * ("overdue" means no approved report by the deadline).
 */
export const ASSIGNMENT_MACHINE_ID = 'assignment';
/** 2: reminders and the escalation ladder (escalationLevel in context). */
export const ASSIGNMENT_MACHINE_VERSION = 2;

export interface AssignmentContext {
  /** ISO instant the work is due, or null for a standing task. */
  dueAt: string | null;
  /** Bumped whenever pending timers become obsolete (deadline moved, work finished). */
  generation: number;
  overdue: boolean;
  /** The highest rung of the ladder reached since the deadline passed: 0 none, 1 the unit's head, 2 the monitoring unit, 3 the Chairman's list. */
  escalationLevel: number;
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
  | { type: 'REMIND'; generation: number; step: number }
  | { type: 'DEADLINE_PASSED'; generation: number }
  | { type: 'ESCALATE'; generation: number; level: number }
  /** The deadline moved because the calendar changed (a day off added, say); system only. */
  | { type: 'RESCHEDULE'; dueAt: string; previousDueAt: string; reason: string };

export type AssignmentState = 'issued' | 'assigned' | 'in_progress' | 'reported' | 'returned' | 'reviewed' | 'cancelled';

/** Who a notification goes to; the engine resolves people from this. */
export type NotifyTarget = 'unit' | 'unit_head' | 'monitor';

const extensionActions = {
  REQUEST_EXTENSION: {
    guard: 'noPendingExtension',
    actions: ['recordExtensionRequest', { type: 'notify', params: { to: 'monitor', template: 'extension_requested' } }],
  },
  GRANT_EXTENSION: {
    guard: 'pendingExtension',
    actions: ['moveDeadline', 'cancelTimers', 'scheduleTimers', { type: 'notify', params: { to: 'unit', template: 'extension_granted' } }],
  },
  DENY_EXTENSION: {
    guard: 'pendingExtension',
    actions: ['dropExtensionRequest', { type: 'notify', params: { to: 'unit', template: 'extension_denied' } }],
  },
} as const;

/** Timers of the current generation: the deadline passing, then the rungs of the ladder, one at a time. */
const deadlinePassed = {
  DEADLINE_PASSED: {
    guard: 'currentGeneration',
    actions: ['markOverdue', { type: 'notify', params: { to: 'unit', template: 'overdue' } }, { type: 'scheduleEscalation', params: { level: 1 } }],
  },
  ESCALATE: [
    {
      guard: { type: 'nextRung', params: { level: 1 } },
      actions: [
        { type: 'climb', params: { level: 1 } },
        { type: 'notify', params: { to: 'unit_head', template: 'escalation_1' } },
        { type: 'scheduleEscalation', params: { level: 2 } },
      ],
    },
    {
      guard: { type: 'nextRung', params: { level: 2 } },
      actions: [
        { type: 'climb', params: { level: 2 } },
        { type: 'notify', params: { to: 'monitor', template: 'escalation_2' } },
        { type: 'scheduleEscalation', params: { level: 3 } },
      ],
    },
    {
      guard: { type: 'nextRung', params: { level: 3 } },
      actions: [
        { type: 'climb', params: { level: 3 } },
        { type: 'notify', params: { to: 'unit_head', template: 'escalation_3' } },
      ],
    },
  ],
} as const;

/** Reminders go out only while the unit still has the work in hand and the deadline has not passed. */
const remind = {
  REMIND: { guard: 'reminderDue', actions: [{ type: 'notify', params: { to: 'unit', template: 'reminder' } }] },
} as const;

const cancel = {
  CANCEL: { target: '#assignment.cancelled' },
  RESCHEDULE: {
    guard: 'hasDeadline',
    actions: ['rescheduleDeadline', 'cancelTimers', 'scheduleTimers', { type: 'notify', params: { to: 'unit', template: 'deadline_moved' } }],
  },
} as const;

export const assignmentMachine = setup({
  types: {
    context: {} as AssignmentContext,
    events: {} as AssignmentEvent,
    input: {} as AssignmentInput,
  },
  actions: {
    // Descriptions only: the engine writes them as notification, outbox and timer rows in the
    // same transaction; the outbox relay publishes those rows as jobs after it commits.
    notify: (_, _params: { to: NotifyTarget; template: string }) => {},
    /** Arm the reminders and the deadline for the current deadline and generation. */
    scheduleTimers: () => {},
    /** Arm the next rung of the ladder; rungs are armed one after another so they can only fire in order. */
    scheduleEscalation: (_, _params: { level: number }) => {},
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
      escalationLevel: 0,
      generation: context.generation + 1,
    })),
    climb: assign((_, params: { level: number }) => ({ escalationLevel: params.level })),
    dropExtensionRequest: assign({ extension: null }),
    rescheduleDeadline: assign(({ context, event }) => {
      assertEvent(event, 'RESCHEDULE');
      return { dueAt: event.dueAt, overdue: false, escalationLevel: 0, generation: context.generation + 1 };
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
    currentGeneration: ({ context, event }) => event.type === 'DEADLINE_PASSED' && event.generation === context.generation && context.dueAt !== null,
    reminderDue: ({ context, event }) => event.type === 'REMIND' && event.generation === context.generation && context.dueAt !== null && !context.overdue,
    nextRung: ({ context, event }, params: { level: number }) =>
      event.type === 'ESCALATE' &&
      event.generation === context.generation &&
      context.overdue &&
      event.level === params.level &&
      context.escalationLevel === params.level - 1,
  },
}).createMachine({
  id: ASSIGNMENT_MACHINE_ID,
  context: ({ input }) => ({
    dueAt: input.dueAt,
    generation: 1,
    overdue: false,
    escalationLevel: 0,
    extension: null,
    returns: 0,
    lastReturnReason: null,
  }),
  initial: 'issued',
  entry: [{ type: 'notify', params: { to: 'unit', template: 'assigned' } }, 'scheduleTimers'],
  states: {
    issued: {
      on: { ACKNOWLEDGE: 'assigned', ...extensionActions, ...remind, ...deadlinePassed, ...cancel },
    },
    assigned: {
      on: { START: 'in_progress', ...extensionActions, ...remind, ...deadlinePassed, ...cancel },
    },
    in_progress: {
      on: {
        SUBMIT_REPORT: 'reported',
        ...extensionActions,
        ...remind,
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
      on: { SUBMIT_REPORT: 'reported', ...extensionActions, ...remind, ...deadlinePassed, ...cancel },
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
