/**
 * State vocabularies named once. The machines in `workflows/` own the state types; these lists
 * say which of those states end a subject's follow-up and which still wait for something.
 * Kysely accepts them directly in `where(col, 'in' | 'not in', LIST)`.
 */

/** An assignment in one of these states is finished: nobody is chased about it any more. */
export const ASSIGNMENT_FINAL_STATES = ['reviewed', 'cancelled'] as const;
export type AssignmentFinalState = (typeof ASSIGNMENT_FINAL_STATES)[number];

/** A directive in one of these states is no longer followed up. */
export const DIRECTIVE_FINAL_STATES = ['closed', 'withdrawn'] as const;
export type DirectiveFinalState = (typeof DIRECTIVE_FINAL_STATES)[number];

/** A unit report in one of these states still waits for the unit to submit. */
export const UNIT_REPORT_WAITING_STATES = ['open', 'late', 'returned'] as const;
export type UnitReportWaitingState = (typeof UNIT_REPORT_WAITING_STATES)[number];

/** Whether `state` is one of `list`, typed so any state string may be asked about. */
export function isOneOf(list: readonly string[], state: string): boolean {
  return list.includes(state);
}

/** Whether an assignment in `state` is finished (reviewed or cancelled). */
export function isAssignmentFinal(state: string): state is AssignmentFinalState {
  return isOneOf(ASSIGNMENT_FINAL_STATES, state);
}

/** Whether a directive in `state` is no longer followed up (closed or withdrawn). */
export function isDirectiveFinal(state: string): state is DirectiveFinalState {
  return isOneOf(DIRECTIVE_FINAL_STATES, state);
}

/** Whether a unit report in `state` still waits for the unit (open, late or returned). */
export function isUnitReportWaiting(state: string): state is UnitReportWaitingState {
  return isOneOf(UNIT_REPORT_WAITING_STATES, state);
}
