/**
 * A failure that retrying cannot help: an unknown mail template, job name or timer kind,
 * a payload that fails its schema, a subject that no longer exists where that is permanent.
 * Workers turn it into BullMQ's `UnrecoverableError` so the job is attempted once and then
 * dead-lettered; any other error is treated as transient and retried.
 */
export class PermanentFailure extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentFailure';
  }
}

/** True for a `PermanentFailure`, also across module copies (checked by name). */
export function isPermanentFailure(err: unknown): err is PermanentFailure {
  return err instanceof PermanentFailure || (err instanceof Error && err.name === 'PermanentFailure');
}
