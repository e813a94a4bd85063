import { trace } from '@opentelemetry/api';
import { ConflictError, type Actor, type Subject } from '@dondoc/domain';
import { accepts } from '@dondoc/workflows';
import type { Db, DbOrTx } from '../database.ts';
import { advance } from './advance.ts';
import { holdAssignment, holdDirective, holdPeriod, holdUnitReport, type Held } from './hold.ts';
import { createStep, type EngineStep } from './step.ts';
import { assignmentKind } from './subjects/assignment.kind.ts';
import { directiveKind } from './subjects/directive.kind.ts';
import { reportPeriodKind } from './subjects/report-period.kind.ts';
import { unitReportKind } from './subjects/unit-report.kind.ts';
import type { Applied, Cascade, EngineEvent, EventOf } from './types.ts';

export type { Applied, EngineEvent } from './types.ts';

export interface Command {
  subject: Subject;
  event: EngineEvent;
  actor: Actor;
  /** The version the caller last read. When given, a newer version is a conflict and nothing is applied. */
  expectedVersion?: number;
  /** Carried into the audit log and the outbox, to follow one request end to end. */
  requestId?: string;
}

/**
 * Applies one event to one subject (assignment, directive, unit report, report
 * period) in one transaction: the new snapshot, the read-model columns, the
 * audit event, the outbox and timer rows for the machine's actions, and what
 * the change sets off (a directive's roll-up, a period closing). Either all of
 * it is written or none. The API, the web pages, the CLI and the timers all
 * come through here.
 */
export async function apply(db: Db, cmd: Command): Promise<Applied> {
  // A span per engine transaction; a no-op unless tracing is configured.
  return trace.getTracer('dondoc').startActiveSpan(`engine.apply ${cmd.subject.type} ${cmd.event.type}`, async (span) => {
    span.setAttributes({
      'dondoc.subject.type': cmd.subject.type,
      'dondoc.subject.id': cmd.subject.id,
      'dondoc.event': cmd.event.type,
      ...(cmd.requestId ? { 'dondoc.request_id': cmd.requestId } : {}),
    });
    try {
      return await db.transaction().execute((tx) => applyInTransaction(tx, cmd));
    } catch (err) {
      span.recordException(err as Error);
      throw err;
    } finally {
      span.end();
    }
  });
}

/** The same, inside a transaction the caller owns (the API stores its idempotent answer in it). */
export function applyInTransaction(tx: DbOrTx, cmd: Command): Promise<Applied> {
  return inEngineStep(tx, cmd.actor, cmd.requestId, (step) => applyInStep(step, cmd));
}

/** The same, as one of the changes of a step the caller owns (a calendar change moving thousands of deadlines is one step). */
export async function applyInStep(step: EngineStep, cmd: Command): Promise<Applied> {
  const held = await hold(step.tx, cmd.subject);
  // Optimistic concurrency: a command that names the version its sender read
  // conflicts if the subject has moved on since. One that names none is decided
  // against the state found under the lock (a timer firing meanwhile does not
  // make a user's command fail); the machine refuses it if that state does not allow it.
  if (cmd.expectedVersion !== undefined && held.row.version !== cmd.expectedVersion) {
    throw new ConflictError(cmd.subject.type, cmd.expectedVersion, held.row.version);
  }
  return step.cascade.advance(cmd.subject.type, held, cmd.event as EventOf[typeof cmd.subject.type]);
}

/**
 * Runs `work` as one engine step in the caller's transaction and writes the
 * step's batched rows at its end (write-batch.ts): the only way to get a step,
 * so none ends without its audit events, timers and mail written.
 */
export async function inEngineStep<T>(tx: DbOrTx, actor: Actor, requestId: string | undefined, work: (step: EngineStep) => Promise<T>): Promise<T> {
  const step = engineStep(tx, actor, requestId);
  const result = await work(step);
  await step.batch.flush(tx);
  return result;
}

/** An engine step whose cascades come back through `advance` with the right kind. */
function engineStep(tx: DbOrTx, actor: Actor, requestId?: string): EngineStep {
  return createStep(
    tx,
    actor,
    requestId,
    (step): Cascade => ({
      advance: (type, held, event, extra) => advanceKind(step, type, held, event, extra),
      accepts: (type, held, event) => accepts(restoreKind(type, held), event),
    }),
  );
}

function hold<T extends Subject['type']>(tx: DbOrTx, subject: { type: T; id: string }): Promise<Held[keyof Held]> {
  switch (subject.type) {
    case 'directive':
      return holdDirective(tx, subject.id);
    case 'assignment':
      return holdAssignment(tx, subject.id);
    case 'report_period':
      return holdPeriod(tx, subject.id);
    case 'unit_report':
      return holdUnitReport(tx, subject.id);
  }
  throw new Error(`unknown subject type ${subject.type}`);
}

function advanceKind<T extends keyof Held>(step: EngineStep, type: T, held: Held[T], event: EventOf[T], extra?: Record<string, unknown>): Promise<Applied> {
  // One case per kind, so each pairing of kind, held rows and event is checked by the compiler.
  const h = held as Held[keyof Held];
  const e = event as EngineEvent;
  switch (type) {
    case 'directive':
      return advance(step, directiveKind, h as Held['directive'], e as EventOf['directive'], extra);
    case 'assignment':
      return advance(step, assignmentKind, h as Held['assignment'], e as EventOf['assignment'], extra);
    case 'report_period':
      return advance(step, reportPeriodKind, h as Held['report_period'], e as EventOf['report_period'], extra);
    default:
      return advance(step, unitReportKind, h as Held['unit_report'], e as EventOf['unit_report'], extra);
  }
}

function restoreKind<T extends keyof Held>(type: T, held: Held[T]) {
  const h = held as Held[keyof Held];
  switch (type) {
    case 'directive':
      return directiveKind.restore(h as Held['directive']);
    case 'assignment':
      return assignmentKind.restore(h as Held['assignment']);
    case 'report_period':
      return reportPeriodKind.restore(h as Held['report_period']);
    default:
      return unitReportKind.restore(h as Held['unit_report']);
  }
}
