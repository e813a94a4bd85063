import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';

/** What a log line looks like where it is read: JSON for machines and pipes, a readable line on a terminal. */
const capture = () => {
  const lines: string[] = [];
  return { lines, destination: { write: (s: string) => lines.push(s) } };
};

describe('the logger', () => {
  it('writes JSON lines when not on a terminal', () => {
    const out = capture();
    createLogger('info', 'dondoc', { destination: out.destination, tty: false }).child({ part: 'mail' }).info({ notificationId: 42 }, 'mail sent');
    expect(out.lines).toHaveLength(1);
    expect(JSON.parse(out.lines[0]!)).toMatchObject({ level: 30, service: 'dondoc', part: 'mail', notificationId: 42, msg: 'mail sent' });
  });

  it('writes one readable line per entry on a terminal, fields as key=value, an error with its stack', () => {
    const out = capture();
    const log = createLogger('info', 'dondoc', { destination: out.destination, tty: true }).child({ part: 'relay' });
    log.info({ published: 3, queue: 'mail send' }, 'outbox published');
    log.error({ err: new Error('connection refused') }, 'PostgreSQL connection lost');
    log.debug('not at this level');
    expect(out.lines).toHaveLength(2);
    const plain = out.lines.map((l) => l.replace(/\x1b\[\d+m/g, ''));
    expect(plain[0]).toMatch(/^\d{2}:\d{2}:\d{2} INFO {2}dondoc\[relay\] outbox published published=3 queue="mail send"\n$/);
    expect(plain[1]).toMatch(/^\d{2}:\d{2}:\d{2} ERROR dondoc\[relay\] PostgreSQL connection lost\n {4}Error: connection refused\n {4,}at /);
    expect(() => JSON.parse(out.lines[0]!)).toThrow();
  });

  it('can be told the format whatever the terminal', () => {
    const json = capture();
    createLogger('info', 'dondoc', { destination: json.destination, tty: true, format: 'json' }).info('ready');
    expect(JSON.parse(json.lines[0]!)).toMatchObject({ msg: 'ready' });
    const pretty = capture();
    createLogger('info', 'dondoc', { destination: pretty.destination, tty: false, format: 'pretty' }).info('ready');
    expect(pretty.lines[0]).toMatch(/^\d{2}:\d{2}:\d{2} INFO {2}dondoc ready\n$/); // no colours into a file
  });
});
