import type { Classification, UserRole } from '@dondoc/domain';

/**
 * Who may see and do what. Pure rules over plain facts, so each one can be
 * tested on its own and the routes only ask.
 */
export interface Caller {
  role: UserRole;
  unitId: string;
}

export interface DirectiveFacts {
  monitoringUnitId: string;
  classification: Classification;
  /** Units that hold an assignment of the directive. */
  assignedUnitIds: ReadonlySet<string>;
}

export type AssignmentCommand =
  | 'ACKNOWLEDGE'
  | 'START'
  | 'SUBMIT_REPORT'
  | 'REQUEST_EXTENSION'
  | 'APPROVE'
  | 'RETURN'
  | 'GRANT_EXTENSION'
  | 'DENY_EXTENSION'
  | 'CANCEL';

const seesEverything: ReadonlySet<UserRole> = new Set(['chairman', 'office', 'monitor', 'admin']);

/** The Office, the Chairman, monitors and admins: they see every directive and the province-wide pages. */
export const seesEveryDirective = (role: string): boolean => seesEverything.has(role as UserRole);
const unitRoles: ReadonlySet<UserRole> = new Set(['unit_head', 'unit_officer']);

/** The Office, the Chairman, monitors and admins see every directive; a unit sees those that name it or that it monitors. */
export function canSeeDirective(c: Caller, d: DirectiveFacts): boolean {
  return seesEverything.has(c.role) || d.assignedUnitIds.has(c.unitId) || d.monitoringUnitId === c.unitId;
}

/** Whether the caller sees every assignment of a visible directive, or only their unit's. */
export function seesAllAssignments(c: Caller, d: DirectiveFacts): boolean {
  return seesEverything.has(c.role) || d.monitoringUnitId === c.unitId;
}

export function canSeeAssignment(c: Caller, d: DirectiveFacts, assignmentUnitId: string): boolean {
  return canSeeDirective(c, d) && (seesAllAssignments(c, d) || assignmentUnitId === c.unitId);
}

/** A classified directive's subject and body reach only the Office, the Chairman and heads of assigned units. */
export function canReadContent(c: Caller, d: DirectiveFacts): boolean {
  if (d.classification === 'thuong') return canSeeDirective(c, d);
  return c.role === 'office' || c.role === 'chairman' || (c.role === 'unit_head' && d.assignedUnitIds.has(c.unitId));
}

export function canIssue(c: Caller): boolean {
  return c.role === 'office';
}

/**
 * A unit acts on its own assignments; the monitoring unit (its monitor or head)
 * or the Office reviews them and decides extensions; only the Office cancels.
 */
export function canCommand(c: Caller, d: DirectiveFacts, assignmentUnitId: string, command: AssignmentCommand): boolean {
  switch (command) {
    case 'ACKNOWLEDGE':
    case 'START':
    case 'SUBMIT_REPORT':
    case 'REQUEST_EXTENSION':
      return unitRoles.has(c.role) && assignmentUnitId === c.unitId;
    case 'APPROVE':
    case 'RETURN':
    case 'GRANT_EXTENSION':
    case 'DENY_EXTENSION':
      return c.role === 'office' || ((c.role === 'monitor' || c.role === 'unit_head') && c.unitId === d.monitoringUnitId);
    case 'CANCEL':
      return c.role === 'office';
  }
}

export function canAdminister(c: Caller): boolean {
  return c.role === 'admin';
}

export function canListUnits(c: Caller): boolean {
  return c.role === 'admin' || c.role === 'office';
}

/** The machinery (pending timers) is for the Office, monitors and admins. */
export function canSeeTimers(c: Caller): boolean {
  return c.role === 'office' || c.role === 'monitor' || c.role === 'admin';
}
