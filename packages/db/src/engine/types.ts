import type { Subject } from '@dondoc/domain';
import type { AssignmentEvent, DirectiveEvent, ReportPeriodEvent, UnitReportEvent } from '@dondoc/workflows';
import type { Held } from './hold.ts';

/** The events each kind of subject's machine takes. */
export interface EventOf {
  assignment: AssignmentEvent;
  directive: DirectiveEvent;
  unit_report: UnitReportEvent;
  report_period: ReportPeriodEvent;
}

export type EngineEvent = EventOf[keyof EventOf];

/** The row every subject with a machine has: its id, the version a change bumps, and its state in one word. */
export interface SubjectRow {
  id: string;
  version: number;
  state: string;
}

export interface Applied {
  subject: Subject;
  version: number;
  fromState: string;
  toState: string;
}

/**
 * How one subject's change sets off another's in the same transaction (an
 * assignment rolls its directive up, a withdrawal cancels assignments, a
 * period closing closes its reports): through the same engine path, without
 * the kinds importing each other.
 */
export interface Cascade {
  advance<T extends keyof Held>(type: T, held: Held[T], event: EventOf[T], auditExtra?: Record<string, unknown>): Promise<Applied>;
  /** Whether the subject's machine would take the event now (a roll-up of a closed directive is not an error, just nothing). */
  accepts<T extends keyof Held>(type: T, held: Held[T], event: EventOf[T]): boolean;
}
