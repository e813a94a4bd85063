import { assign, setup } from 'xstate';

/**
 * One period of a reporting regime, as a whole.
 *
 *   open ─CLOSE→ closed ─APPROVE→ closed (approved)
 *
 * It opens with its units' reports and arms the timer that closes it. It closes
 * when its last report comes in or at its closing time, whichever is first;
 * closing sends the consolidated report to the monitoring unit and a summary to
 * the Chairman. The consolidation is approved once, after the period closed.
 */
export const REPORT_PERIOD_MACHINE_ID = 'report_period';
export const REPORT_PERIOD_MACHINE_VERSION = 1;

export interface ReportPeriodContext {
  closesAt: string;
  approved: boolean;
}

export type ReportPeriodEvent =
  /** `complete`: every unit has reported; `deadline`: the closing time came. */
  { type: 'CLOSE'; why: 'complete' | 'deadline' } | { type: 'APPROVE'; comment?: string };

export type ReportPeriodState = 'open' | 'closed';

export const reportPeriodMachine = setup({
  types: { context: {} as ReportPeriodContext, events: {} as ReportPeriodEvent, input: {} as { closesAt: string } },
  actions: {
    // Descriptions only: the engine turns them into timer, notification and outbox rows in the same transaction.
    scheduleClose: () => {},
    cancelTimers: () => {},
    /** The reports still waiting for their unit become missing. */
    closeOpenReports: () => {},
    notify: (_, _params: { to: 'monitor' | 'chairman'; template: string }) => {},
    /** The engine keeps the consolidation as it stood when it was approved, and records the approval on the directive. */
    recordApproval: () => {},
    markApproved: assign({ approved: true }),
  },
  guards: {
    notYetApproved: ({ context }) => !context.approved,
  },
}).createMachine({
  id: REPORT_PERIOD_MACHINE_ID,
  context: ({ input }) => ({ closesAt: input.closesAt, approved: false }),
  initial: 'open',
  entry: 'scheduleClose',
  states: {
    open: {
      on: {
        CLOSE: {
          target: 'closed',
          actions: [
            'closeOpenReports',
            'cancelTimers',
            { type: 'notify', params: { to: 'monitor', template: 'consolidation' } },
            { type: 'notify', params: { to: 'chairman', template: 'consolidation_summary' } },
          ],
        },
      },
    },
    closed: {
      on: { APPROVE: { guard: 'notYetApproved', actions: ['markApproved', 'recordApproval'] } },
    },
  },
});
