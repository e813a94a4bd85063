import { assertEvent, assign, setup } from 'xstate';

/**
 * One unit's report for one period of a reporting regime.
 *
 *   open ─DUE_PASSED→ late ─┐
 *     └──────SUBMIT─────────┴→ submitted ─ACCEPT→ accepted
 *                                 │   ↑
 *                            RETURN   SUBMIT
 *                                 ↓   │
 *                               returned
 *   open | late | returned ─CLOSE→ missing
 *
 * A report sent after the due time is marked late (the event carries when it
 * was sent; the context holds when it was due). The ladder climbs while the
 * report is late, as for assignments; timers carry their generation.
 */
export const UNIT_REPORT_MACHINE_ID = 'unit_report';
export const UNIT_REPORT_MACHINE_VERSION = 1;

export interface UnitReportContext {
  dueAt: string;
  generation: number;
  late: boolean;
  escalationLevel: number;
  returns: number;
  lastReturnReason: string | null;
}

export type UnitReportEvent =
  | { type: 'SUBMIT'; at: string; text: string; values: Record<string, number> }
  | { type: 'ACCEPT'; comment?: string }
  | { type: 'RETURN'; reason: string }
  | { type: 'REMIND'; generation: number; step: number }
  | { type: 'DUE_PASSED'; generation: number }
  | { type: 'ESCALATE'; generation: number; level: number }
  | { type: 'CLOSE' };

export type UnitReportState = 'open' | 'late' | 'submitted' | 'returned' | 'accepted' | 'missing';

const rung = (level: number, to: 'unit_head' | 'monitor', next: boolean) =>
  ({
    guard: { type: 'nextRung', params: { level } },
    actions: [
      { type: 'climb', params: { level } },
      { type: 'notify', params: { to, template: `report_escalation_${level}` } },
      ...(next ? [{ type: 'scheduleEscalation', params: { level: level + 1 } } as const] : []),
    ],
  }) as const;

const ladder = { ESCALATE: [rung(1, 'unit_head', true), rung(2, 'monitor', true), rung(3, 'unit_head', false)] } as const;

export const unitReportMachine = setup({
  types: { context: {} as UnitReportContext, events: {} as UnitReportEvent, input: {} as { dueAt: string } },
  actions: {
    notify: (_, _params: { to: 'unit' | 'unit_head' | 'monitor'; template: string }) => {},
    scheduleTimers: () => {},
    scheduleEscalation: (_, _params: { level: number }) => {},
    cancelTimers: () => {},
    markLate: assign({ late: true }),
    recordSubmission: assign(({ context, event }) => {
      assertEvent(event, 'SUBMIT');
      return { late: context.late || event.at > context.dueAt };
    }),
    recordReturn: assign(({ context, event }) => {
      assertEvent(event, 'RETURN');
      return { returns: context.returns + 1, lastReturnReason: event.reason };
    }),
    finish: assign(({ context }) => ({ generation: context.generation + 1 })),
    climb: assign((_, params: { level: number }) => ({ escalationLevel: params.level })),
  },
  guards: {
    currentTimer: ({ context, event }) => (event.type === 'REMIND' || event.type === 'DUE_PASSED') && event.generation === context.generation,
    nextRung: ({ context, event }, params: { level: number }) =>
      event.type === 'ESCALATE' &&
      event.generation === context.generation &&
      context.late &&
      event.level === params.level &&
      context.escalationLevel === params.level - 1,
  },
}).createMachine({
  id: UNIT_REPORT_MACHINE_ID,
  context: ({ input }) => ({ dueAt: input.dueAt, generation: 1, late: false, escalationLevel: 0, returns: 0, lastReturnReason: null }),
  initial: 'open',
  entry: [{ type: 'notify', params: { to: 'unit', template: 'report_requested' } }, 'scheduleTimers'],
  states: {
    open: {
      on: {
        SUBMIT: { target: 'submitted', actions: 'recordSubmission' },
        REMIND: { guard: 'currentTimer', actions: { type: 'notify', params: { to: 'unit', template: 'report_reminder' } } },
        DUE_PASSED: {
          guard: 'currentTimer',
          target: 'late',
          actions: ['markLate', { type: 'notify', params: { to: 'unit', template: 'report_late' } }, { type: 'scheduleEscalation', params: { level: 1 } }],
        },
        CLOSE: 'missing',
      },
    },
    late: {
      on: { SUBMIT: { target: 'submitted', actions: 'recordSubmission' }, ...ladder, CLOSE: 'missing' },
    },
    submitted: {
      entry: ['finish', 'cancelTimers', { type: 'notify', params: { to: 'monitor', template: 'report_period_submitted' } }],
      on: {
        ACCEPT: 'accepted',
        RETURN: { target: 'returned', actions: 'recordReturn' },
      },
    },
    returned: {
      entry: { type: 'notify', params: { to: 'unit', template: 'report_period_returned' } },
      on: { SUBMIT: { target: 'submitted', actions: 'recordSubmission' }, CLOSE: 'missing' },
    },
    accepted: { type: 'final', entry: { type: 'notify', params: { to: 'unit', template: 'report_period_accepted' } } },
    missing: {
      type: 'final',
      entry: [
        'finish',
        'cancelTimers',
        { type: 'notify', params: { to: 'unit_head', template: 'report_missing' } },
        { type: 'notify', params: { to: 'monitor', template: 'report_missing' } },
      ],
    },
  },
});
