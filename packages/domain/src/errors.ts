import { eventLabelsVi, stateLabelsVi, subjectLabelsVi } from './labels.ts';

/**
 * Domain errors carry a stable `code` that the API maps to an HTTP status, and a
 * message in Vietnamese (shown to users first) and English (`message`).
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  readonly messageVi: string;
  readonly field: string | undefined;

  constructor(messageVi: string, messageEn: string, field?: string) {
    super(messageEn);
    this.messageVi = messageVi;
    this.field = field;
    this.name = new.target.name;
  }
}

/** The machine does not accept this event in its current state. */
export class IllegalTransitionError extends DomainError {
  readonly code = 'ILLEGAL_TRANSITION';
  readonly state: string;
  readonly eventType: string;

  constructor(subject: string, state: string, eventType: string) {
    super(
      `Không thể ${eventLabelsVi[eventType] ?? eventType} khi ${subjectLabelsVi[subject] ?? subject} ở trạng thái "${stateLabelsVi[state] ?? state}" (${eventType}, ${state}).`,
      `Event "${eventType}" is not allowed while ${subject} is in state "${state}".`,
    );
    this.state = state;
    this.eventType = eventType;
  }
}

/** Someone else changed the subject since the caller read it. */
export class ConflictError extends DomainError {
  readonly code = 'CONFLICT';
  readonly expectedVersion: number;
  readonly actualVersion: number;

  constructor(subject: string, expectedVersion: number, actualVersion: number) {
    super(
      `${subject} vừa được người khác cập nhật (phiên bản ${actualVersion}, không phải ${expectedVersion}). Hãy tải lại rồi thử lại.`,
      `${subject} was changed by someone else (version ${actualVersion}, not ${expectedVersion}). Reload and retry.`,
    );
    this.expectedVersion = expectedVersion;
    this.actualVersion = actualVersion;
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
  constructor(whatVi: string, whatEn: string, id: string) {
    super(`Không tìm thấy ${whatVi} "${id}".`, `${whatEn} "${id}" was not found.`);
  }
}

export class ValidationError extends DomainError {
  readonly code = 'VALIDATION';
}

/** The thing exists already (a directive number reused within a year, a unit code taken). */
export class DuplicateError extends DomainError {
  readonly code = 'DUPLICATE';
}

/** No valid credentials came with the request. */
export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED';
}

/** The caller is known but may not do this. */
export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN';
}

/** A report for a period that has closed. */
export class PeriodClosedError extends DomainError {
  readonly code = 'PERIOD_CLOSED';
}
