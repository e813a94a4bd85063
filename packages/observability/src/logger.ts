import { pino, type DestinationStream, type Logger } from 'pino';
import { prettyLine } from './pretty-log.ts';

export type { Logger };

export interface LoggerOptions {
  /** `auto` (the default): readable lines on a terminal, JSON otherwise. */
  format?: 'auto' | 'pretty' | 'json';
  /** Where the lines go (default: stdout). */
  destination?: { write(s: string): unknown };
  /** Whether the destination is a terminal (default: stdout's isTTY). */
  tty?: boolean;
}

/** Logs at the configured level: JSON lines for machines, readable lines for a person at a terminal. */
export function createLogger(level: string, name: string, opts: LoggerOptions = {}): Logger {
  const tty = opts.tty ?? process.stdout.isTTY === true;
  const pretty = opts.format === 'pretty' || ((opts.format ?? 'auto') === 'auto' && tty);
  const settings = { level, name, base: { service: name } };
  if (pretty) {
    const out = opts.destination ?? process.stdout;
    return pino(settings, { write: (line: string) => out.write(prettyLine(line, tty)) } satisfies DestinationStream);
  }
  return opts.destination ? pino(settings, opts.destination as DestinationStream) : pino(settings);
}
