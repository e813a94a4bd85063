import type { Logger } from './logger.ts';

/**
 * On SIGTERM, SIGINT (Ctrl+C) or SIGHUP (the terminal closed): stop taking work,
 * let what is in flight finish (`close`), then exit, non-zero if closing failed.
 * A second signal while closing exits at once (Ctrl+C twice).
 */
export function exitOnSignal(logger: Logger, close: () => Promise<void>): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'stopping at once');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'stopping');
    close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'unclean stop');
        process.exit(1);
      },
    );
  };
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, onSignal);
}
