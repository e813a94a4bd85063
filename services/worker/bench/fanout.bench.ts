/**
 * How long does a directive to every commune of Vietnam take, and a calendar
 * change that moves ten thousand deadlines? (issue 17, the write path)
 *
 *   pnpm bench:fanout [--units 3321] [--moved 10000] [--keep]
 *
 * Stands on bench-stack.ts (a database, Redis prefix and SMTP sink of its own,
 * dondoc's real API and worker processes as children, `--units` bench
 * communes with a focal officer each).
 *
 * 1. Fan-out: one directive issued through the API as the Office (POST
 *    /api/v1/directives, one task, due 20 working days later) to a group of
 *    `--units` communes (3,321: the communes of Vietnam). Timed to its answer,
 *    and to the moment every timer it scheduled was a delayed job in Redis (the
 *    last of its timer outbox rows published by the relay), and to its mails
 *    all sent. Target: POST ≤ 3 s, timers ≤ 5 s after it.
 * 2. Calendar: more directives to the same communes (and one to the first few)
 *    until `--moved` assignments are open with a working-day deadline, then the
 *    administrator declares a day off on the first working day after today
 *    (POST /api/v1/calendar/overrides); every one of those deadlines moves a day
 *    later in that one transaction (a RESCHEDULE event each, their timers set
 *    again). Timed to its answer; its timers to Redis after it. Target: the
 *    override commits in ≤ 10 s.
 *
 * The anchor, in the same run: the fan-out's own rows (assignments, events,
 * timers, outbox, notifications) written by plain set-based SQL in one
 * transaction, `INSERT … SELECT` from the rows the POST wrote: what PostgreSQL
 * alone takes to store as much.
 */
import { parseArgs } from 'node:util';
import type pg from 'pg';
import { createToken, loadCalendar } from '@dondoc/db';
import { localDateOf, resolveDeadline } from '@dondoc/domain';
import { effectsDrained, fmt, postDirective, startBenchStack, timersDelayedAfter } from './bench-stack.ts';

const { values } = parseArgs({
  options: {
    units: { type: 'string', default: '3321' },
    moved: { type: 'string', default: '10000' },
    keep: { type: 'boolean', default: false },
  },
});
const UNITS = Number(values.units);
const MOVED = Number(values.moved);
const CAP_MS = 300_000;
const TARGET = { postMs: 3000, timersMs: 5000, overrideMs: 10_000 };
const log = (line: string) => console.log(line);

async function main() {
  const t0 = Date.now();
  // Directives to all the communes, then one to the first few, until MOVED assignments are open.
  const full = Math.floor(MOVED / UNITS);
  const rest = MOVED - full * UNITS;
  const stack = await startBenchStack({
    name: 'fanout',
    units: UNITS,
    groups: [
      { code: 'bench-xa-all', name: `Các xã thử tải (${UNITS})`, size: UNITS },
      ...(rest > 0 ? [{ code: 'bench-xa-rest', name: `Các xã thử tải (${rest})`, size: rest }] : []),
    ],
    officerTokens: false,
    keep: values.keep,
  });
  const { pool, db, base } = stack;
  const rows: [string, string, string][] = [];
  const pass = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  try {
    log(stack.header('bench:fanout', `Sizes: one directive to ${UNITS} units; a calendar override moving ${MOVED} deadlines.`));

    // ---- 1. fan-out ----
    const first = await postDirective(stack, {
      numberSymbol: '1/CT-UBND',
      subject: `Chỉ thị thử tải gửi ${UNITS} xã`,
      group: 'bench-xa-all',
      requestId: 'bf-issue-0',
      days: 20,
    });
    const fanTimers = await timersDelayedAfter(pool, 'bf-issue-0', first.sent, CAP_MS);
    const mailsMs = await effectsDrained(pool, 'bf-issue-0', CAP_MS);
    log(`  POST to ${first.assignments.length} units: ${first.ms} ms; ${fanTimers.timers} timers delayed ${fanTimers.timersMs} ms after it was sent`);
    const anchor = await anchorFanout(pool, 'bf-issue-0');
    log(`  anchor (the same rows by set-based SQL): ${anchor.ms} ms for ${anchor.rows} rows`);
    rows.push(
      [`directive POST to ${first.assignments.length} units`, `**${first.ms} ms**`, `≤ ${TARGET.postMs} ms ${pass(first.ms <= TARGET.postMs)}`],
      [
        'POST sent → all its timers delayed in Redis',
        fanTimers.timersMs === null ? 'not within the cap' : `**${fanTimers.timersMs} ms** (${fanTimers.timers} timers)`,
        `≤ ${TARGET.timersMs} ms ${pass(fanTimers.timersMs !== null && fanTimers.timersMs <= TARGET.timersMs)}`,
      ],
      ['POST sent → its mails all in the SMTP sink', mailsMs === null ? 'not within the cap' : `${((first.ms + mailsMs) / 1000).toFixed(1)} s`, ''],
      [
        'anchor: the same rows by set-based SQL, one transaction',
        `${anchor.ms} ms (${anchor.rows} rows)`,
        `POST ÷ anchor ${(first.ms / Math.max(1, anchor.ms)).toFixed(1)}×`,
      ],
    );

    // ---- 2. calendar ----
    // The fan-out's directive is the first of them.
    for (let d = 2; d <= full; d++) {
      await postDirective(stack, {
        numberSymbol: `${d}/CT-UBND`,
        subject: `Chỉ thị thử tải số ${d}`,
        group: 'bench-xa-all',
        requestId: `bf-issue-${d}`,
        days: 20,
      });
    }
    if (rest > 0) {
      await postDirective(stack, {
        numberSymbol: `${full + 1}/CT-UBND`,
        subject: `Chỉ thị thử tải số ${full + 1}`,
        group: 'bench-xa-rest',
        requestId: `bf-issue-${full + 1}`,
        days: 20,
      });
    }
    await effectsDrained(pool, 'bf-issue-%', CAP_MS);
    const open = Number((await pool.query(`SELECT count(*) AS n FROM assignments WHERE due_at IS NOT NULL`)).rows[0].n);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
    // The next working day: every deadline 20 working days out moves one day later.
    const dayOff = localDateOf(resolveDeadline(await loadCalendar(db), { kind: 'working_days', days: 1 }, today)!);
    const admin = await db.selectFrom('users').select('id').where('email', '=', 'quantri@hoa-an.example').executeTakeFirstOrThrow();
    const adminToken = (await createToken(db, admin.id, 'bench:fanout')).token;
    const sent = Date.now();
    const res = await fetch(`${base}/api/v1/calendar/overrides`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json', 'x-request-id': 'bf-override' },
      body: JSON.stringify({ date: dayOff, kind: 'day_off', reason: 'Nghỉ bù (thử tải của bench)' }),
    });
    const text = await res.text();
    const overrideMs = Date.now() - sent;
    if (res.status !== 200) throw new Error(`POST /api/v1/calendar/overrides answered ${res.status}: ${text.slice(0, 1000)}`);
    const moved = (JSON.parse(text) as { moved: unknown[] }).moved.length;
    const overrideTimers = await timersDelayedAfter(pool, 'bf-override', sent, CAP_MS);
    log(
      `  day off on ${dayOff}: ${moved} of ${open} deadlines moved in ${overrideMs} ms; ${overrideTimers.timers} timers delayed ${overrideTimers.timersMs} ms after`,
    );
    rows.push(
      [
        `calendar override (day off ${dayOff}), ${moved} of ${open} working-day deadlines moved`,
        `**${overrideMs} ms**`,
        `≤ ${TARGET.overrideMs} ms ${pass(moved >= MOVED && overrideMs <= TARGET.overrideMs)}`,
      ],
      [
        'override sent → its new timers delayed in Redis',
        overrideTimers.timersMs === null ? 'not within the cap' : `${overrideTimers.timersMs} ms (${overrideTimers.timers} timers)`,
        '',
      ],
    );

    log(`\n${stack.header('bench:fanout', `Sizes: one directive to ${UNITS} units; a calendar override moving ${MOVED} deadlines.`)}\n`);
    log(['| figure | value | target |', '| --- | --- | --- |', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n'));
    log(`\nRun took ${((Date.now() - t0) / 1000).toFixed(0)} s. Figures from a shared machine are noisy; ${fmt(UNITS)} units.`);
  } finally {
    await stack.close();
  }
}

/**
 * The anchor: copies of the rows one request wrote (its assignments with their
 * events, notifications, timers and outbox rows), inserted again by set-based
 * SQL in one transaction that is rolled back: what PostgreSQL alone takes to
 * store the fan-out, without the engine.
 */
async function anchorFanout(pool: pg.Pool, requestId: string): Promise<{ ms: number; rows: number }> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const started = Date.now();
    const r = await client.query(
      `WITH src AS (
         SELECT a.* FROM assignments a JOIN events e ON e.subject_type = 'assignment' AND e.subject_id = a.id AND e.seq = 1 WHERE e.request_id = $1
       ), task AS (
         INSERT INTO tasks (directive_id, ordinal, title, addressees, deadline_kind, deadline_working_days, due_at)
         SELECT directive_id, ordinal + 1000, title, addressees, deadline_kind, deadline_working_days, due_at FROM tasks WHERE id = (SELECT task_id FROM src LIMIT 1)
         RETURNING id
       ), a AS (
         INSERT INTO assignments (task_id, directive_id, unit_id, role, requested, machine_id, machine_version, snapshot, state, due_at)
         SELECT (SELECT id FROM task), directive_id, unit_id, role, requested, machine_id, machine_version, snapshot, state, due_at FROM src
         RETURNING id
       ), e AS (
         INSERT INTO events (subject_type, subject_id, seq, type, actor, payload, from_state, to_state, request_id)
         SELECT subject_type, subject_id, seq + 1000, type, actor, payload, from_state, to_state, request_id FROM events WHERE request_id = $1 RETURNING 1
       ), n AS (
         INSERT INTO notifications (dedupe_key, template, subject_type, subject_id, user_id, to_address, locale, params, status, message_id, request_id)
         SELECT dedupe_key || ':anchor', template, subject_type, subject_id, user_id, to_address, locale, params, status, message_id, request_id
         FROM notifications WHERE request_id = $1 RETURNING 1
       ), t AS (
         INSERT INTO timers (subject_type, subject_id, kind, generation, step, fire_at)
         SELECT subject_type, subject_id, kind, generation + 1000, step, fire_at FROM timers
         WHERE subject_type = 'assignment' AND subject_id IN (SELECT id FROM src) RETURNING 1
       ), o AS (
         INSERT INTO outbox (queue, job_name, job_id, payload, deliver_at, request_id, published_at)
         SELECT queue, job_name, job_id || '-anchor', payload, deliver_at, request_id, now() FROM outbox WHERE request_id = $1 RETURNING 1
       )
       SELECT (SELECT count(*) FROM a) + (SELECT count(*) FROM e) + (SELECT count(*) FROM n) + (SELECT count(*) FROM t) + (SELECT count(*) FROM o) AS rows`,
      [requestId],
    );
    const ms = Date.now() - started;
    return { ms, rows: Number(r.rows[0].rows) };
  } finally {
    await client.query('ROLLBACK').catch(() => {});
    client.release();
  }
}

await main();
