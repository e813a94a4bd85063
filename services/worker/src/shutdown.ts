import type { Logger } from './logger.ts';

/**
 * On SIGTERM or SIGINT: stop taking work, let what is in flight finish (`close`),
 * then exit, non-zero if closing failed.
 */
export function exitOnSignal(logger: Logger, close: () => Promise<void>): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.info({ signal }, 'stopping');
      close().then(
        () => process.exit(0),
        (err: unknown) => {
          logger.error({ err }, 'unclean stop');
          process.exit(1);
        },
      );
    });
  }
}
