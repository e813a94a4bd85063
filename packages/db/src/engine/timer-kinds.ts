import { PermanentFailure, type SubjectType } from '@dondoc/domain';
import type { AssignmentEvent, ReportPeriodEvent, UnitReportEvent } from '@dondoc/workflows';

/**
 * Every kind of timer, the subject it belongs to and the event it feeds back
 * to that subject's machine when it fires (with the generation it was set
 * under, so a machine that moved on refuses it). A probe feeds nothing back:
 * it measures the timer path itself (the benchmark, and ops checking how late
 * timers fire).
 */
export const timerKinds = {
  reminder: { subject: 'assignment', event: (generation: number, step: number): AssignmentEvent => ({ type: 'REMIND', generation, step }) },
  deadline: { subject: 'assignment', event: (generation: number): AssignmentEvent => ({ type: 'DEADLINE_PASSED', generation }) },
  escalation: { subject: 'assignment', event: (generation: number, level: number): AssignmentEvent => ({ type: 'ESCALATE', generation, level }) },
  probe: { subject: 'assignment', event: () => null },
  report_reminder: { subject: 'unit_report', event: (generation: number, step: number): UnitReportEvent => ({ type: 'REMIND', generation, step }) },
  report_due: { subject: 'unit_report', event: (generation: number): UnitReportEvent => ({ type: 'DUE_PASSED', generation }) },
  report_escalation: { subject: 'unit_report', event: (generation: number, level: number): UnitReportEvent => ({ type: 'ESCALATE', generation, level }) },
  period_close: { subject: 'report_period', event: (): ReportPeriodEvent => ({ type: 'CLOSE', why: 'deadline' }) },
} as const satisfies Record<string, { subject: SubjectType; event: (generation: number, step: number) => { type: string } | null }>;

export type TimerKind = keyof typeof timerKinds;

/** The timers that arm a deadline: reminders before it, the deadline itself, and the rungs of the ladder after it. */
export interface FollowUpTimerKinds {
  reminder: TimerKind;
  deadline: TimerKind;
  escalation: TimerKind;
}

export const assignmentTimers: FollowUpTimerKinds = { reminder: 'reminder', deadline: 'deadline', escalation: 'escalation' };
export const unitReportTimers: FollowUpTimerKinds = { reminder: 'report_reminder', deadline: 'report_due', escalation: 'report_escalation' };

/** The kind a stored timer row names; a kind no code knows is a permanent failure (retrying cannot teach it). */
export function timerKindOf(kind: string, subjectType: SubjectType): (typeof timerKinds)[TimerKind] {
  const spec = Object.hasOwn(timerKinds, kind) ? timerKinds[kind as TimerKind] : undefined;
  if (!spec || spec.subject !== subjectType) throw new PermanentFailure(`unknown timer kind "${kind}" for a ${subjectType}`);
  return spec;
}
