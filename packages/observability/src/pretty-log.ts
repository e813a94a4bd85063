/**
 * pino's JSON lines as a person reads them on a terminal: the time in Vietnam,
 * the level, who logged it, the message, then the other fields as key=value
 * and an error's stack indented below. For `dondoc start` in a terminal; CI,
 * services and pipes keep JSON.
 */
const levels: Record<number, [string, string]> = {
  10: ['TRACE', '\x1b[90m'],
  20: ['DEBUG', '\x1b[36m'],
  30: ['INFO ', '\x1b[32m'],
  40: ['WARN ', '\x1b[33m'],
  50: ['ERROR', '\x1b[31m'],
  60: ['FATAL', '\x1b[35m'],
};
const reset = '\x1b[0m';
const clock = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
/** Fields every line has, or that the line shows in its own place. */
const shown = new Set(['level', 'time', 'msg', 'service', 'name', 'part', 'pid', 'hostname', 'err']);

const value = (v: unknown) => (typeof v === 'string' ? (/[\s="]/.test(v) ? JSON.stringify(v) : v) : JSON.stringify(v));

export function prettyLine(json: string, color: boolean): string {
  let e: Record<string, unknown>;
  try {
    e = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json.endsWith('\n') ? json : `${json}\n`;
  }
  const [label, tint] = levels[e.level as number] ?? [String(e.level).padEnd(5), ''];
  const level = color && tint ? `${tint}${label}${reset}` : label;
  const time = typeof e.time === 'number' ? clock.format(new Date(e.time)) : '';
  const who = `${e.service ?? e.name ?? ''}${e.part ? `[${e.part}]` : ''}`;
  const rest = Object.entries(e)
    .filter(([k, v]) => !shown.has(k) && v !== undefined)
    .map(([k, v]) => `${k}=${value(v)}`);
  const err = e.err as { message?: string; stack?: string } | string | undefined;
  const stack = typeof err === 'string' ? `err=${err}` : err ? (err.stack ?? err.message ?? '') : '';
  const head = [time, level, who, e.msg ?? '', ...rest].filter((x) => x !== '').join(' ');
  return `${head}${stack ? `\n${stack.replace(/^/gm, '    ')}` : ''}\n`;
}
