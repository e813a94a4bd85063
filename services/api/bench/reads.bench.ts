/**
 * How fast are the Office's pages and the API's lists at a province's scale?
 *
 *   pnpm bench:reads [--assignments 1000000] [--directives 2000] [--requests 20] [--warmup 2] [--timeout 60] [--budget 60] [--fresh] [--drop] [--only REGEX]
 *
 * Seeds its own database (`dondoc_bench_reads`, or `--database NAME`) at the
 * size asked for with set-based SQL (seed-scale.ts: how the schema's and the
 * engine's invariants are kept), unless it already holds that size (reruns
 * skip the seed; `--fresh` rebuilds it), checks in a rolled-back transaction
 * that the engine takes every seeded state up again, then, for each row, starts
 * a fresh real API process (`services/api/src/main.ts`, a child) against it
 * with a private Redis prefix, so each row's memory is its own. It signs in as
 * the Office, the Chairman and the focal officer of the unit with the most
 * assignments (the demo password) and times each page and endpoint:
 * `--warmup` requests (one when it takes over 10 s), then `--requests` one
 * after another. It prints p50 / p95 / p99 of the wall time measured by this
 * client on loopback (request sent to last byte read: server time plus a
 * loopback round trip), the response size, and the API process's RSS idle and
 * at its peak while serving the row (VmRSS from /proc/<pid>/status, sampled
 * every 50 ms), against the targets of issue 16 (p95 ≤ 300 ms, HTML ≤ 500 KB,
 * RSS ≤ 400 MB); and, as the anchor, a plain `SELECT count(*) FROM
 * assignments` timed in the same run, each row's p50 as a multiple of it. A
 * request over `--timeout` seconds ends its row (printed as a timeout), and so
 * do `--budget` seconds of measured requests once there are 3 (the n column
 * says how many were measured). Needs PostgreSQL and Redis as the tests do
 * (BENCH_POSTGRES_URL, REDIS_URL).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createDb, createPool, createToken, ensureDatabase, migrateToLatest, applyInTransaction, type Db } from '@dondoc/db';
import { DEMO_PASSWORD } from '@dondoc/db';
import { COMMUNES, MEASURED_PERIOD, PERIODIC_NUMBER, seedScale, seededSize } from './seed-scale.ts';

const { values } = parseArgs({
  options: {
    assignments: { type: 'string', default: '1000000' },
    directives: { type: 'string', default: '2000' },
    requests: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '2' },
    timeout: { type: 'string', default: '60' },
    budget: { type: 'string', default: '60' },
    database: { type: 'string', default: 'dondoc_bench_reads' },
    fresh: { type: 'boolean', default: false },
    drop: { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});
const N = Number(values.assignments);
const D = Number(values.directives);
const REQUESTS = Number(values.requests);
const WARMUP = Number(values.warmup);
const TIMEOUT_MS = Number(values.timeout) * 1000;
/** Past this many seconds of measured requests a row stops, once it has at least 3. */
const BUDGET_MS = Number(values.budget) * 1000;
const DB_NAME = values.database;
/** Only the rows whose label matches this (case-insensitive regular expression), to time one page while working on it. */
const ONLY = values.only ? new RegExp(values.only, 'i') : undefined;
if (!/^[a-z_][a-z0-9_]*$/.test(DB_NAME)) throw new Error('--database must be a plain lower-case name');
const adminUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const dbUrl = (() => {
  const u = new URL(adminUrl);
  u.pathname = `/${DB_NAME}`;
  return u.toString();
})();
const TARGET = { p95: 300, htmlKb: 500, rssMb: 400 };
const log = (line: string) => console.log(line);

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : Number.NaN);

async function dropDatabase() {
  const admin = createPool(adminUrl, { max: 1 });
  await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  await admin.end();
}

/** The database at the size asked for: kept when it already holds it, else built afresh. */
async function prepareDatabase(): Promise<void> {
  if (values.fresh) await dropDatabase();
  await ensureDatabase(dbUrl);
  const db = createDb(dbUrl, { max: 1 });
  await migrateToLatest(db);
  await db.destroy();
  const pool = createPool(dbUrl, { max: 1 });
  const size = await seededSize(pool);
  await pool.end();
  if (size.assignments === N && size.directives === D && size.reports === COMMUNES) {
    log(`Database ${DB_NAME} already holds ${N.toLocaleString('en')} assignments and ${D} directives: not seeded again (--fresh rebuilds it).`);
    return;
  }
  if (size.assignments > 0 || size.directives > 0) {
    log(`Database ${DB_NAME} holds another size (${size.assignments} assignments, ${size.directives} directives): rebuilding it.`);
    await dropDatabase();
    await ensureDatabase(dbUrl);
    const fresh = createDb(dbUrl, { max: 1 });
    await migrateToLatest(fresh);
    await fresh.destroy();
  }
  log(`Seeding ${DB_NAME}: ${N.toLocaleString('en')} assignments, ${D} directives…`);
  const t = Date.now();
  await seedScale(dbUrl, { assignments: N, directives: D, log });
  log(`  seeded in ${((Date.now() - t) / 1000).toFixed(1)} s`);
}

class Rollback extends Error {}

/**
 * The engine takes up one seeded subject of every state again: in a
 * transaction that is rolled back, an event each machine accepts there (CANCEL
 * for an open assignment, ACCEPT for a submitted report, APPROVE for a closed
 * period); a final state must be refused as such. Any other failure (a snapshot
 * `restore` cannot read, a column it disagrees with) stops the run.
 */
async function checkSeed(db: Db): Promise<string> {
  const pool = createPool(dbUrl, { max: 1 });
  const { rows: assignments } = await pool.query(`
    SELECT DISTINCT ON (state, overdue, escalation_level, snapshot->'context'->'extension' = 'null') 'assignment' AS type, id, state
    FROM assignments ORDER BY state, overdue, escalation_level, snapshot->'context'->'extension' = 'null', id`);
  const { rows: reports } = await pool.query(`SELECT DISTINCT ON (state, late) 'unit_report' AS type, id, state FROM unit_reports ORDER BY state, late, id`);
  const rows = [...assignments, ...reports];
  const { rows: periods } = await pool.query(`SELECT id FROM report_periods LIMIT 1`);
  await pool.end();
  const checks = [
    ...rows.map((r) => ({ type: r.type as 'assignment' | 'unit_report', id: r.id as string, state: r.state as string })),
    { type: 'report_period' as const, id: periods[0].id as string, state: 'closed' },
  ];
  const finals = new Set(['reviewed', 'cancelled', 'accepted', 'missing']);
  let ok = 0;
  for (const ch of checks) {
    const event =
      ch.type === 'assignment'
        ? { type: 'CANCEL', reason: 'bench check' }
        : ch.type === 'unit_report'
          ? ch.state === 'submitted'
            ? { type: 'ACCEPT' }
            : { type: 'CLOSE' }
          : { type: 'APPROVE' };
    try {
      await db.transaction().execute(async (tx) => {
        await applyInTransaction(tx, { subject: { type: ch.type, id: ch.id }, event: event as never, actor: { kind: 'system', label: 'bench-check' } });
        throw new Rollback();
      });
    } catch (e) {
      const refusedFinal = finals.has(ch.state) && (e as { code?: string }).code === 'ILLEGAL_TRANSITION';
      if (!(e instanceof Rollback) && !refusedFinal)
        throw new Error(`the engine could not take up a seeded ${ch.type} in ${ch.state}: ${(e as Error).message}`);
    }
    ok++;
  }
  return `${ok} seeded subjects (one of every state) taken up again by the engine`;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** The real API process (services/api/src/main.ts) against the bench database, on a free loopback port and a private Redis prefix. */
async function startApi(root: string, prefix: string) {
  const port = await freePort();
  const child = spawn(process.execPath, ['services/api/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: dbUrl,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: prefix,
      API_HOST: '127.0.0.1',
      API_PORT: String(port),
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
      API_RATE_LIMIT_PER_MINUTE: '1000000',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  process.on('exit', kill);
  const exited = () => (child.exitCode !== null ? `exit ${child.exitCode}` : child.signalCode ? `signal ${child.signalCode}` : null);
  const since = Date.now();
  for (;;) {
    if (exited()) throw new Error(`the API process ended (${exited()})`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
    } catch {}
    if (Date.now() - since > 60_000) throw new Error('the API process did not answer /healthz within 60 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    pid: child.pid!,
    idle: rssMb(child.pid!),
    exited,
    async stop() {
      process.off('exit', kill);
      if (exited()) return;
      const gone = new Promise((r) => child.once('exit', r));
      kill();
      await gone;
    },
  };
}

interface Row {
  label: string;
  path: string;
  as: 'office' | 'chairman' | 'officer' | 'token';
  html: boolean;
}

interface Result {
  row: Row;
  times: number[];
  bytes: number;
  rss: number;
  idle: number;
  error?: string;
}

async function main() {
  const t0 = Date.now();
  await prepareDatabase();
  const db = createDb(dbUrl, { max: 4 });
  log(`  ${await checkSeed(db)}`);

  const pool = createPool(dbUrl, { max: 1 });
  const facts = (
    await pool.query(`
    SELECT (SELECT count(*) FROM assignments)::int AS assignments,
      (SELECT count(*) FROM assignments WHERE overdue)::int AS overdue,
      (SELECT count(*) FROM assignments WHERE state NOT IN ('reviewed', 'cancelled'))::int AS open,
      (SELECT count(*) FROM units)::int AS units,
      (SELECT count(*) FROM directives WHERE state NOT IN ('closed', 'withdrawn'))::int AS open_directives,
      (SELECT count(*) FROM events)::int AS events,
      (SELECT id FROM directives WHERE number_symbol = '${PERIODIC_NUMBER}' AND issue_year = 2026) AS periodic_id,
      (SELECT id FROM report_periods WHERE period_key = '${MEASURED_PERIOD}') AS period_id,
      pg_size_pretty(pg_database_size(current_database())) AS size`)
  ).rows[0];
  const largest = (await pool.query(`SELECT directive_id AS id, count(*)::int AS n FROM assignments GROUP BY 1 ORDER BY 2 DESC LIMIT 1`)).rows[0];
  const busiest = (
    await pool.query(`SELECT u.code, count(*)::int AS n FROM assignments a JOIN units u ON u.id = a.unit_id GROUP BY u.code ORDER BY 2 DESC, 1 LIMIT 1`)
  ).rows[0];
  const commune = (await pool.query(`SELECT code FROM units WHERE kind = 'commune' ORDER BY code LIMIT 1`)).rows[0].code as string;
  log(
    `  ${facts.assignments.toLocaleString('en')} assignments (${facts.overdue.toLocaleString('en')} overdue, ${facts.open.toLocaleString('en')} open), ` +
      `${facts.units.toLocaleString('en')} units, ${facts.open_directives} open directives, ${facts.events.toLocaleString('en')} events; database ${facts.size}`,
  );

  // The anchor: a plain count over the assignments, in this run.
  const anchorTimes: number[] = [];
  for (let i = 0; i < 7; i++) {
    const s = performance.now();
    await pool.query('SELECT count(*) FROM assignments');
    anchorTimes.push(performance.now() - s);
  }
  const anchor = pct(
    anchorTimes.slice(2).sort((a, b) => a - b),
    50,
  );
  await pool.end();

  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const prefix = `{dondoc-bench-reads-${randomBytes(4).toString('hex')}}`;
  let api = await startApi(root, prefix);
  const base = () => `http://127.0.0.1:${api.port}`;
  try {
    const signIn = async (email: string) => {
      const res = await fetch(`${base()}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email, password: DEMO_PASSWORD }).toString(),
      });
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith('dondoc_session='));
      if (res.status !== 302 || !cookie) throw new Error(`sign-in as ${email} failed: ${res.status}`);
      return cookie.split(';')[0]!;
    };
    const officerEmail = `${busiest.code}.daumoi@hoa-an.example`;
    const auth: Record<Row['as'], Record<string, string>> = {
      office: { cookie: await signIn('vanphong@hoa-an.example') },
      chairman: { cookie: await signIn('chutich@hoa-an.example') },
      officer: { cookie: await signIn(officerEmail) },
      token: {},
    };
    const office = await db.selectFrom('users').select('id').where('email', '=', 'vanphong@hoa-an.example').executeTakeFirstOrThrow();
    auth.token = { authorization: `Bearer ${(await createToken(db, office.id, 'bench:reads')).token}` };

    const allRows: Row[] = [
      { label: 'compliance matrix', path: '/matrix', as: 'office', html: true },
      { label: 'overview (Chairman)', path: '/overview', as: 'chairman', html: true },
      { label: 'overview (Office)', path: '/overview', as: 'office', html: true },
      { label: 'laggards', path: '/laggards', as: 'office', html: true },
      { label: 'directives list', path: '/directives', as: 'office', html: true },
      { label: `directive page (largest, ${largest.n.toLocaleString('en')})`, path: `/directives/${largest.id}`, as: 'office', html: true },
      { label: `unit scorecard (${busiest.code})`, path: `/units/${busiest.code}/scorecard`, as: 'office', html: true },
      { label: `unit inbox (${busiest.code} officer)`, path: '/inbox', as: 'officer', html: true },
      {
        label: `consolidated report (${MEASURED_PERIOD}, ${COMMUNES.toLocaleString('en')} units)`,
        path: `/periods/${facts.period_id}`,
        as: 'office',
        html: true,
      },
      { label: 'API directives ?overdue=true', path: '/api/v1/directives?overdue=true&pageSize=100', as: 'token', html: false },
      { label: 'API directives ?state=in_progress&year=2026', path: '/api/v1/directives?state=in_progress&year=2026&pageSize=100', as: 'token', html: false },
      { label: `API directives ?unit=${commune}`, path: `/api/v1/directives?unit=${commune}&pageSize=100`, as: 'token', html: false },
      { label: 'API directives ?q=CT-UBND&page=3', path: '/api/v1/directives?q=CT-UBND&page=3&pageSize=100', as: 'token', html: false },
      { label: 'API directive (largest)', path: `/api/v1/directives/${largest.id}`, as: 'token', html: false },
      { label: 'API periods of the Kế hoạch', path: `/api/v1/directives/${facts.periodic_id}/periods`, as: 'token', html: false },
    ];
    const rows = ONLY ? allRows.filter((r) => ONLY.test(r.label)) : allRows;

    log(
      `\nA fresh API process for each row (RSS ${api.idle.toFixed(0)} MB idle); ${WARMUP} warm-ups (1 when it takes over 10 s) then ${REQUESTS} requests, one at a time; ` +
        `a request over ${TIMEOUT_MS / 1000} s ends its row, and so do ${BUDGET_MS / 1000} s of measured requests once there are 3.`,
    );
    const results: Result[] = [];
    for (const [k, row] of rows.entries()) {
      if (k > 0) {
        await api.stop();
        api = await startApi(root, prefix);
      }
      const pid = api.pid;
      const r: Result = { row, times: [], bytes: 0, rss: 0, idle: api.idle };
      const sampler = setInterval(() => {
        r.rss = Math.max(r.rss, rssMb(pid));
      }, 50);
      try {
        let warm = 0;
        let spent = 0;
        while (r.times.length < REQUESTS) {
          const s = performance.now();
          let res: Response;
          let body: ArrayBuffer;
          try {
            res = await fetch(base() + row.path, { headers: auth[row.as], redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
            body = await res.arrayBuffer();
          } catch (e) {
            r.error =
              (e as Error).name === 'TimeoutError'
                ? `timeout (> ${TIMEOUT_MS / 1000} s)`
                : api.exited()
                  ? `API process died (${api.exited()})`
                  : (e as Error).message;
            break;
          }
          const ms = performance.now() - s;
          r.rss = Math.max(r.rss, rssMb(pid));
          if (res.status !== 200) {
            r.error = `HTTP ${res.status}`;
            break;
          }
          r.bytes = body.byteLength;
          if (warm < WARMUP) {
            warm = ms > 10_000 ? WARMUP : warm + 1;
            continue;
          }
          r.times.push(ms);
          spent += ms;
          if (spent > BUDGET_MS && r.times.length >= 3) break;
        }
      } finally {
        clearInterval(sampler);
      }
      results.push(r);
      const sorted = [...r.times].sort((a, b) => a - b);
      log(`  ${row.label}: ${r.error ?? `p50 ${pct(sorted, 50).toFixed(0)} ms`}`);
    }

    // ---- the table ----
    const kb = (b: number) => b / 1024;
    const fmt = (v: number) => (Number.isNaN(v) ? '–' : v >= 100 ? v.toFixed(0) : v.toFixed(1));
    const lines = [
      `\nRead path at ${facts.assignments.toLocaleString('en')} assignments, ${D.toLocaleString('en')} directives, ${facts.units.toLocaleString('en')} units (${new Date().toISOString().slice(0, 10)}).`,
      'Wall time measured by the client on loopback (send to last byte), ms; n: requests measured. RSS: a fresh API process for each row, idle → peak while serving it.',
      `Anchor: SELECT count(*) FROM assignments = ${anchor.toFixed(1)} ms (median of 5); "× anchor" is p50 / anchor.`,
      `Targets: p95 ≤ ${TARGET.p95} ms, HTML ≤ ${TARGET.htmlKb} KB, RSS ≤ ${TARGET.rssMb} MB.\n`,
      '| page / endpoint | as | n | p50 | p95 | p99 | KB | RSS MB | × anchor | verdict |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ];
    let failures = 0;
    for (const r of results) {
      const sorted = [...r.times].sort((a, b) => a - b);
      const [p50, p95, p99] = [pct(sorted, 50), pct(sorted, 95), pct(sorted, 99)];
      const why: string[] = [];
      if (r.error) why.push(r.error);
      else {
        if (p95 > TARGET.p95) why.push('p95');
        if (r.row.html && kb(r.bytes) > TARGET.htmlKb) why.push('size');
      }
      if (r.rss > TARGET.rssMb) why.push('RSS');
      if (why.length) failures++;
      lines.push(
        `| ${r.row.label} | ${r.row.as} | ${r.times.length} | ${fmt(p50)} | ${fmt(p95)} | ${fmt(p99)} | ${r.error && !r.bytes ? '–' : fmt(kb(r.bytes))} | ${fmt(r.idle)} → ${fmt(r.rss)} | ${r.error ? '–' : `${fmt(p50 / anchor)}×`} | ${why.length ? `FAIL (${why.join(', ')})` : 'PASS'} |`,
      );
    }
    lines.push(`\n${results.length - failures} of ${results.length} rows PASS; run took ${((Date.now() - t0) / 1000).toFixed(0)} s.`);
    log(lines.join('\n'));
  } finally {
    await api.stop();
    await db.destroy();
    if (values.drop) {
      await dropDatabase();
      log(`Database ${DB_NAME} dropped.`);
    } else log(`Database ${DB_NAME} kept for reruns (--drop removes it).`);
  }
}

await main();
