import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs; the level comes from configuration. */
export function createLogger(level: string, name: string): Logger {
  return pino({ level, name, base: { service: name } });
}
