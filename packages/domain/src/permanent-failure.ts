/**
 * A failure that retrying cannot help: an unknown timer kind, an unknown mail
 * template or job, a payload that fails its schema. Workers turn it into
 * BullMQ's UnrecoverableError, so the job fails at once instead of being retried.
 */
export class PermanentFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentFailure';
  }
}
