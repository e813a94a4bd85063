/**
 * How fast does dondoc take users' commands, against PostgreSQL alone doing
 * the same writes? (issue 17, the write path)
 *
 *   pnpm bench:commands [--directives 10] [--units 200] [--big 2000] [--concurrency 16] [--seconds 30]
 *                       [--pgbench-seconds 20] [--snapshot-bytes 1200] [--scenario small|big|both] [--keep]
 *
 * Creates and migrates a database of its own (`dondoc_bench_commands_<hex>`,
 * dropped at the end unless `--keep`) and starts dondoc's real API and worker
 * processes (`services/api/src/main.ts`, `services/worker/src/main.ts`, as
 * children) against it, on a private Redis prefix (its keys deleted at the
 * end), the worker mailing an SMTP sink in this process. The API child runs
 * with API_RATE_LIMIT_PER_MINUTE raised to 1,000,000: the bench's callers are
 * far over a person's rate, and the limit is not what is measured.
 *
 * Set-up: the demo province (`seedDemo`, no directive), then `max(units, big)`
 * communes `bench-xa-0001…` under a demo district, one focal officer each, and
 * the unit groups the directives are addressed to, written with set-based SQL
 * (a few statements instead of thousands of admin API calls: creating units is
 * not what is measured), and an API token per officer (`createToken`), so the
 * commands come from many users as in a province.
 *
 * Scenarios: `small` issues `--directives` directives to `--units` units each
 * (many small), `big` one directive to `--big` units. Each directive is issued
 * through the API as the Office (POST /api/v1/directives, one task, no targets,
 * due 20 working days later so that no timer fires during the run), timed to
 * its answer and to the moment all the timers it scheduled were delayed jobs in
 * Redis (the last of its timer outbox rows published by the relay). Once the
 * issue's mails are sent, `--concurrency` clients each take the next
 * assignment (round-robin over the directives, so commands on one directive run
 * concurrently) and send, with its unit officer's token, acknowledge, start and
 * submit-report in order, for `--seconds` or until every assignment is done.
 * Every command's wall time (client on loopback, request sent to last byte
 * read) and status are recorded; a non-2xx answer is an error (the first few
 * bodies are printed). Then, for the outbox rows and mails those commands made:
 * commit-to-effect, from the row's created_at (its transaction's start) to its
 * published_at (the relay put the job in Redis) and to the mail's arrival in
 * the sink. During the command phase it samples pg_stat_activity (what
 * sessions wait on), counts PostgreSQL commits, and the CPU time of the API,
 * the worker, the database's backends and this process.
 *
 * The anchor, in the same run after each scenario: pgbench on the same
 * database (commands.anchor.ts) with the same write shape and as many clients;
 * its snapshot is the run's largest real one (~0.3 KB), padded to
 * `--snapshot-bytes` (1.2 KB, what issue 17's anchor wrote).
 * Target (issue 17): commands/s ≥ 0.25× its TPS, p99 ≤ 100 ms, on the big
 * directive as on the small ones. Needs PostgreSQL, Redis (BENCH_POSTGRES_URL,
 * REDIS_URL, as the tests) and /usr/bin/pgbench.
 *
 * It lives beside the timers bench in services/worker because the SMTP sink
 * (`@dondoc/mail`) is the worker's to import, not the API's.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createDb, createPool, createToken, ensureDatabase, migrateToLatest, seedDemo } from '@dondoc/db';
import { freePort } from '@dondoc/embedded';
import { startMailCatcher } from '@dondoc/mail';
import { createRedis } from '@dondoc/queue';
import { prepareAnchor, runAnchor, type AnchorFigures } from './commands.anchor.ts';
import { startPhaseProbe, type PhaseProbe } from './commands.probes.ts';

const { values } = parseArgs({
  options: {
    directives: { type: 'string', default: '10' },
    units: { type: 'string', default: '200' },
    big: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '16' },
    seconds: { type: 'string', default: '30' },
    'pgbench-seconds': { type: 'string', default: '20' },
    scenario: { type: 'string', default: 'both' },
    'snapshot-bytes': { type: 'string', default: '1200' },
    keep: { type: 'boolean', default: false },
  },
});
const SMALL_DIRECTIVES = Number(values.directives);
const SMALL_UNITS = Number(values.units);
const BIG_UNITS = Number(values.big);
const CONCURRENCY = Number(values.concurrency);
const PHASE_MS = Number(values.seconds) * 1000;
const PGBENCH_SECONDS = Number(values['pgbench-seconds']);
if (!['small', 'big', 'both'].includes(values.scenario)) throw new Error(`--scenario must be small, big or both, not ${values.scenario}`);
/** The anchor's snapshot size: issue 17's anchor wrote 1.2 KB; a real one is padded up to it (0: as it is). */
const SNAPSHOT_BYTES = Number(values['snapshot-bytes']);
const RATE_LIMIT = 1_000_000;
/** How long to wait for effects (mails sent, jobs published) before going on without them. */
const DRAIN_CAP_MS = 300_000;
const TARGET = { ratio: 0.25, p99: 100 };

const adminUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const hex = randomBytes(4).toString('hex');
const DB_NAME = `dondoc_bench_commands_${hex}`;
const PREFIX = `{dondoc-bench-commands-${hex}}`;
const dbUrl = Object.assign(new URL(adminUrl), { pathname: `/${DB_NAME}` }).toString();
const root = fileURLToPath(new URL('../../../', import.meta.url));
const log = (line: string) => console.log(line);

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : Number.NaN);
const fmt = (v: number) => (Number.isNaN(v) ? '–' : v >= 100 ? v.toFixed(0) : v.toFixed(1));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `done` every 50 ms; the milliseconds it took, or null past `capMs`. */
async function waitFor(done: () => Promise<boolean>, capMs = DRAIN_CAP_MS): Promise<number | null> {
  const since = Date.now();
  while (!(await done())) {
    if (Date.now() - since > capMs) return null;
    await sleep(50);
  }
  return Date.now() - since;
}

/** The snapshot as compact JSON, with a `benchPadding` field that brings it to `bytes` when it is smaller. */
function padSnapshot(snapshot: string, bytes: number): string {
  const value = JSON.parse(snapshot) as Record<string, unknown>;
  const compact = JSON.stringify(value);
  const missing = bytes - Buffer.byteLength(compact) - ',"benchPadding":""'.length;
  return missing <= 0 ? compact : JSON.stringify({ ...value, benchPadding: 'x'.repeat(missing) });
}

interface Child {
  child: ChildProcess;
  pid: number;
  stop(): Promise<void>;
}

/** One of dondoc's processes from its real entry point, configured by environment only, ready once its /readyz answers 200. */
async function startChild(main: string, readyUrl: string, env: Record<string, string>): Promise<Child> {
  const child = spawn(process.execPath, [main], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: dbUrl, REDIS_URL: redisUrl, QUEUE_PREFIX: PREFIX, LOG_LEVEL: 'warn', LOG_FORMAT: 'json', ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const guard = () => child.kill('SIGKILL');
  process.on('exit', guard);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const stop = async () => {
    process.off('exit', guard);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const late = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(late);
  };
  const since = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${main} exited with ${child.exitCode}`);
    if (
      await fetch(readyUrl).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { child, pid: child.pid!, stop };
    if (Date.now() - since > 60_000) {
      await stop();
      throw new Error(`${main} was not ready within 60 s`);
    }
    await sleep(100);
  }
}

interface Scenario {
  name: 'small' | 'big';
  directives: number;
  units: number;
  group: string;
}

interface CommandResult {
  kind: string;
  ms: number;
  status: number;
}

interface ScenarioFigures {
  scenario: Scenario;
  posts: { ms: number; timers: number; timersMs: number | null }[];
  /** Delayed jobs in the timers queue after the scenario's directives were issued (the run's so far). */
  delayed: number;
  issueDrainMs: number | null;
  issueMails: number;
  results: CommandResult[];
  phaseMs: number;
  assignmentsDone: number;
  assignments: number;
  errors: Map<string, number>;
  effects: { queue: string; ms: number }[];
  effectsDrainMs: number | null;
  mails: number[];
  transactions: number;
  probed: Awaited<ReturnType<PhaseProbe['stop']>>;
  snapshotBytes: { real: number; anchor: number };
  anchor: AnchorFigures;
}

const COMMANDS = [
  { kind: 'acknowledge', body: undefined },
  { kind: 'start', body: undefined },
  { kind: 'submit-report', body: { text: 'Đơn vị đã triển khai và hoàn thành nhiệm vụ (báo cáo của bench).' } },
] as const;

async function main() {
  const t0 = Date.now();
  const scenarios: Scenario[] = [
    { name: 'small' as const, directives: SMALL_DIRECTIVES, units: SMALL_UNITS, group: 'bench-xa-small' },
    { name: 'big' as const, directives: 1, units: BIG_UNITS, group: 'bench-xa-big' },
  ].filter((s) => values.scenario === 'both' || values.scenario === s.name);
  const benchUnits = Math.max(...scenarios.map((s) => s.units));

  await ensureDatabase(dbUrl);
  const db = createDb(dbUrl, { max: 8 });
  const pool = createPool(dbUrl, { max: 4 });
  const redis = createRedis(redisUrl, 'worker');
  const catcher = await startMailCatcher({ host: '127.0.0.1', port: 0 });
  const children: Child[] = [];
  try {
    await migrateToLatest(db);
    await seedDemo(db, { directive: false });
    const setupStart = Date.now();
    const width = Math.max(4, String(benchUnits).length);
    // Fixture building, set-based: the communes under a demo district, a focal officer each (the demo password's hash), the groups the directives go to.
    await pool.query(
      `INSERT INTO units (code, name, kind, parent_id, head_name, head_email, focal_name, focal_email)
       SELECT c, 'UBND xã thử tải số ' || i, 'commune', (SELECT id FROM units WHERE code = 'h-son-lam'), 'Chủ tịch UBND xã thử tải số ' || i,
         c || '.lanhdao@hoa-an.example', 'Cán bộ đầu mối UBND xã thử tải số ' || i, c || '.daumoi@hoa-an.example'
       FROM generate_series(1, $1::int) i, LATERAL (SELECT 'bench-xa-' || lpad(i::text, $2::int, '0') AS c) x`,
      [benchUnits, width],
    );
    await pool.query(
      `INSERT INTO users (unit_id, role, email, name, password_hash)
       SELECT id, 'unit_officer', focal_email, focal_name, (SELECT password_hash FROM users WHERE email = 'vanphong@hoa-an.example')
       FROM units WHERE code LIKE 'bench-xa-%'`,
    );
    for (const s of scenarios) {
      await pool.query(`INSERT INTO unit_groups (code, name) VALUES ($1, $2)`, [s.group, `Các xã thử tải (${s.name}, ${s.units})`]);
      await pool.query(`INSERT INTO unit_group_members (group_code, unit_id) SELECT $1, id FROM units WHERE code LIKE 'bench-xa-%' ORDER BY code LIMIT $2`, [
        s.group,
        s.units,
      ]);
    }
    const officers = (
      await pool.query(`SELECT u.code, us.id FROM units u JOIN users us ON us.unit_id = u.id AND us.role = 'unit_officer' WHERE u.code LIKE 'bench-xa-%'`)
    ).rows as { code: string; id: string }[];
    const tokens = new Map<string, string>();
    for (let i = 0; i < officers.length; i += 8) {
      await Promise.all(officers.slice(i, i + 8).map(async (o) => tokens.set(o.code, (await createToken(db, o.id, 'bench:commands')).token)));
    }
    const office = await db.selectFrom('users').select('id').where('email', '=', 'vanphong@hoa-an.example').executeTakeFirstOrThrow();
    const officeToken = (await createToken(db, office.id, 'bench:commands')).token;
    const setupMs = Date.now() - setupStart;

    const apiPort = await freePort();
    const opsPort = await freePort();
    const base = `http://127.0.0.1:${apiPort}`;
    children.push(
      await startChild('services/api/src/main.ts', `${base}/readyz`, {
        API_HOST: '127.0.0.1',
        API_PORT: String(apiPort),
        API_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
        PUBLIC_URL: base,
      }),
    );
    children.push(
      await startChild('services/worker/src/main.ts', `http://127.0.0.1:${opsPort}/readyz`, {
        WORKER_OPS_HOST: '127.0.0.1',
        WORKER_OPS_PORT: String(opsPort),
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(catcher.port),
        PUBLIC_URL: base,
      }),
    );
    const [api, worker] = children as [Child, Child];

    const pgVersion = (await pool.query('SHOW server_version')).rows[0].server_version as string;
    const redisVersion = /redis_version:(\S+)/.exec((await redis.info('server')) as string)?.[1] ?? '?';
    const header = [
      `# bench:commands — ${new Date().toISOString().replace('T', ' ').slice(0, 16)} UTC`,
      '',
      `Machine: ${cpus().length} × ${cpus()[0]?.model.trim() ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(1)} GB RAM; PostgreSQL ${pgVersion}, Redis ${redisVersion}, Node ${process.version}.`,
      `Sizes: ${scenarios.map((s) => `${s.name} = ${s.directives} × ${s.units} units`).join(', ')}; concurrency ${CONCURRENCY}; command phase ≤ ${PHASE_MS / 1000} s; pgbench ${PGBENCH_SECONDS} s.`,
      `Set-up: ${benchUnits} bench communes and officers (set-based SQL) and ${tokens.size + 1} API tokens in ${(setupMs / 1000).toFixed(1)} s.`,
      `The API child runs with API_RATE_LIMIT_PER_MINUTE=${RATE_LIMIT.toLocaleString('en')} (raised for the bench); database ${DB_NAME}, Redis prefix ${PREFIX}.`,
    ].join('\n');
    log(header);

    let numberSeq = 100;
    const all: ScenarioFigures[] = [];
    for (const scenario of scenarios) {
      log(`\n## ${scenario.name}: ${scenario.directives} × ${scenario.units}`);
      // ---- issue ----
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
      const posts: ScenarioFigures['posts'] = [];
      const perDirective: { id: string; code: string }[][] = [];
      for (let d = 0; d < scenario.directives; d++) {
        const requestId = `bc-issue-${scenario.name}-${d}`;
        const body = {
          type: 'chi_thi',
          numberSymbol: `${++numberSeq}/CT-UBND`,
          issuerUnit: 'ubnd-tinh',
          signer: 'Trần Minh Quang, Chủ tịch UBND tỉnh',
          issuedOn: today,
          subject: `Chỉ thị thử tải số ${numberSeq} (${scenario.name})`,
          monitoringUnit: 'cong-an-tinh',
          tasks: [
            {
              ordinal: 1,
              title: 'Triển khai và báo cáo kết quả',
              deadline: { kind: 'working_days', days: 20 },
              addressees: [{ group: scenario.group, role: 'lead' }],
              targets: [],
            },
          ],
        };
        const sent = Date.now();
        const res = await fetch(`${base}/api/v1/directives`, {
          method: 'POST',
          headers: { authorization: `Bearer ${officeToken}`, 'content-type': 'application/json', 'x-request-id': requestId },
          body: JSON.stringify(body),
        });
        const text = await res.text();
        const ms = Date.now() - sent;
        if (res.status !== 201) throw new Error(`POST /api/v1/directives answered ${res.status}: ${text.slice(0, 1000)}`);
        const view = JSON.parse(text) as { tasks: { assignments: { id: string; unit: { code: string } }[] }[] };
        perDirective.push(view.tasks.flatMap((t) => t.assignments.map((a) => ({ id: a.id, code: a.unit.code }))));
        // All its timers are delayed jobs in Redis once the relay has published every timer outbox row the POST wrote.
        let timers = 0;
        let last: Date | null = null;
        const waited = await waitFor(async () => {
          const r = (
            await pool.query(
              `SELECT count(*)::int AS n, count(*) FILTER (WHERE published_at IS NULL)::int AS open, max(published_at) AS last FROM outbox WHERE request_id = $1 AND queue = 'timers'`,
              [requestId],
            )
          ).rows[0];
          timers = r.n;
          last = r.last;
          return r.open === 0;
        });
        const timersMs = waited === null || last === null ? null : (last as Date).getTime() - sent;
        posts.push({ ms, timers, timersMs });
        log(
          `  POST ${body.numberSymbol} to ${perDirective.at(-1)!.length} units: answered in ${ms} ms; ${timers} timers delayed in Redis ${timersMs === null ? 'not within the cap' : `${timersMs} ms after it was sent`}`,
        );
      }
      // The issue's mails (one per unit) go out before the command phase, so that it measures commands, not the fan-out's tail.
      // What Redis holds: every timer of the run so far should be a delayed job of the timers queue (none falls due during it).
      const delayed = await redis.zcard(`${PREFIX}:timers:delayed`);
      const issueMails = (await pool.query(`SELECT count(*)::int AS n FROM notifications WHERE request_id LIKE $1`, [`bc-issue-${scenario.name}-%`])).rows[0]
        .n as number;
      const issueDrainMs = await waitFor(async () => {
        const r = (
          await pool.query(
            `SELECT (SELECT count(*) FROM notifications WHERE request_id LIKE $1 AND status IN ('pending', 'sending'))
                  + (SELECT count(*) FROM outbox WHERE request_id LIKE $1 AND published_at IS NULL) AS open`,
            [`bc-issue-${scenario.name}-%`],
          )
        ).rows[0];
        return Number(r.open) === 0;
      });
      log(
        `  the issue's ${issueMails} mails sent ${issueDrainMs === null ? 'not within the cap' : `${(issueDrainMs / 1000).toFixed(1)} s after the last POST`}`,
      );

      // ---- commands ----
      const order: { id: string; code: string }[] = [];
      const longest = Math.max(...perDirective.map((a) => a.length));
      for (let k = 0; k < longest; k++) for (const list of perDirective) if (list[k]) order.push(list[k]!);
      const results: CommandResult[] = [];
      const errors = new Map<string, number>();
      let shown = 0;
      let next = 0;
      let done = 0;
      let requestSeq = 0;
      const probe = await startPhaseProbe(pool, { api: api.pid, worker: worker.pid });
      const phaseStart = performance.now();
      const deadline = phaseStart + PHASE_MS;
      const client = async () => {
        while (performance.now() < deadline) {
          const a = order[next++];
          if (!a) return;
          let ok = true;
          for (const c of COMMANDS) {
            if (performance.now() >= deadline) return;
            const s = performance.now();
            let status = 0;
            let text = '';
            try {
              const res = await fetch(`${base}/api/v1/assignments/${a.id}/${c.kind}`, {
                method: 'POST',
                headers: {
                  authorization: `Bearer ${tokens.get(a.code)}`,
                  'x-request-id': `bc-${scenario.name}-${++requestSeq}`,
                  ...(c.body && { 'content-type': 'application/json' }),
                },
                ...(c.body && { body: JSON.stringify(c.body) }),
              });
              status = res.status;
              text = await res.text();
            } catch (e) {
              text = (e as Error).message;
            }
            results.push({ kind: c.kind, ms: performance.now() - s, status });
            if (status < 200 || status > 299) {
              const key = `${c.kind} ${status || 'network error'}`;
              errors.set(key, (errors.get(key) ?? 0) + 1);
              if (shown++ < 5) log(`  error: ${c.kind} ${a.id} → ${status}: ${text.slice(0, 400)}`);
              ok = false;
              break;
            }
          }
          if (ok) done++;
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, client));
      const phaseMs = performance.now() - phaseStart;
      const probed = await probe.stop();
      log(`  command phase: ${results.length} commands in ${(phaseMs / 1000).toFixed(1)} s, ${done} of ${order.length} assignments reported`);

      // ---- commit to effect ----
      const like = `bc-${scenario.name}-%`;
      const effectsDrainMs = await waitFor(async () => {
        const r = (
          await pool.query(
            `SELECT (SELECT count(*) FROM notifications WHERE request_id LIKE $1 AND status IN ('pending', 'sending'))
                  + (SELECT count(*) FROM outbox WHERE request_id LIKE $1 AND published_at IS NULL) AS open`,
            [like],
          )
        ).rows[0];
        return Number(r.open) === 0;
      }, 120_000);
      const transactions = await probe.transactions();
      const effects = (
        await pool.query(
          `SELECT queue, extract(epoch FROM published_at - created_at) * 1000 AS ms FROM outbox WHERE request_id LIKE $1 AND published_at IS NOT NULL`,
          [like],
        )
      ).rows.map((r) => ({ queue: r.queue as string, ms: Number(r.ms) }));
      const arrivals = new Map(catcher.messages.map((m) => [m.parsed.messageId?.replace(/^<|>$/g, ''), m.at.getTime()]));
      const mails = (await pool.query(`SELECT message_id, created_at FROM notifications WHERE request_id LIKE $1`, [like])).rows
        .map((r) => {
          const at = arrivals.get(String(r.message_id).replace(/^<|>$/g, ''));
          return at === undefined ? Number.NaN : at - (r.created_at as Date).getTime();
        })
        .filter((v) => !Number.isNaN(v));

      // ---- the anchor ----
      const real = (
        await pool.query(
          `SELECT a.snapshot::text AS s FROM assignments a JOIN unit_group_members m ON m.unit_id = a.unit_id AND m.group_code = $1
           ORDER BY a.version DESC, length(a.snapshot::text) DESC LIMIT 1`,
          [scenario.group],
        )
      ).rows[0].s as string;
      const snapshot = padSnapshot(real, SNAPSHOT_BYTES);
      const rows = scenario.directives * scenario.units;
      await prepareAnchor(pool, rows, scenario.units, snapshot);
      const anchor = await runAnchor(dbUrl, { rows, snapshot, clients: CONCURRENCY, seconds: PGBENCH_SECONDS });
      log(`  pgbench: ${anchor.tps.toFixed(0)} TPS, latency average ${anchor.latencyMs.toFixed(1)} ms (${anchor.transactions} transactions)`);

      all.push({
        scenario,
        posts,
        delayed,
        issueDrainMs,
        issueMails,
        results,
        phaseMs,
        assignmentsDone: done,
        assignments: order.length,
        errors,
        effects,
        effectsDrainMs,
        mails,
        transactions,
        probed,
        snapshotBytes: { real: Buffer.byteLength(padSnapshot(real, 0)), anchor: Buffer.byteLength(snapshot) },
        anchor,
      });
    }

    log(`\n${header}\n`);
    for (const f of all) log(table(f));
    if (all.length > 1) {
      log('\n| scenario | commands/s | p99 ms | pgbench TPS | ratio | verdict |\n| --- | --- | --- | --- | --- | --- |');
      for (const f of all) {
        const s = summary(f);
        log(
          `| ${f.scenario.name} (${f.scenario.directives} × ${f.scenario.units}) | ${fmt(s.rate)} | ${fmt(s.p99)} | ${fmt(f.anchor.tps)} | ${s.ratio.toFixed(3)}× | ${s.verdict} |`,
        );
      }
    }
    log(`\nRun took ${((Date.now() - t0) / 1000).toFixed(0)} s. Figures from a shared machine are noisy: compare the ratio, not the absolute rates.`);
  } finally {
    for (const c of children.reverse()) await c.stop();
    await catcher.close();
    // The prefix's keys: the queues' jobs and the API's rate-limit counters.
    let cursor = '0';
    do {
      const [nextCursor, keys] = await redis.scan(cursor, 'MATCH', `${PREFIX}*`, 'COUNT', 1000);
      if (keys.length) await redis.unlink(...keys);
      cursor = nextCursor;
    } while (cursor !== '0');
    redis.disconnect();
    await pool.end();
    await db.destroy();
    if (values.keep) log(`Database ${DB_NAME} kept (--keep).`);
    else {
      const admin = createPool(adminUrl, { max: 1 });
      await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
      await admin.end();
    }
  }
}

function summary(f: ScenarioFigures) {
  const ok = f.results.filter((r) => r.status >= 200 && r.status < 300);
  const sorted = f.results.map((r) => r.ms).sort((a, b) => a - b);
  const rate = ok.length / (f.phaseMs / 1000);
  const ratio = rate / f.anchor.tps;
  const p99 = pct(sorted, 99);
  const why = [...(ratio < TARGET.ratio ? ['ratio'] : []), ...(p99 > TARGET.p99 ? ['p99'] : []), ...(ok.length < f.results.length ? ['errors'] : [])];
  return { ok, sorted, rate, ratio, p99, verdict: why.length ? `FAIL (${why.join(', ')})` : 'PASS' };
}

function table(f: ScenarioFigures): string {
  const s = summary(f);
  const { scenario: sc } = f;
  const ms = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return `${fmt(pct(sorted, 50))} / ${fmt(pct(sorted, 99))} ms (n ${xs.length})`;
  };
  const byKind = COMMANDS.map((c) => {
    const xs = f.results.filter((r) => r.kind === c.kind).map((r) => r.ms);
    return `${c.kind} ${ms(xs)}`;
  }).join('; ');
  const queues = [...new Set(f.effects.map((e) => e.queue))].sort();
  const postMs = f.posts.map((p) => p.ms).sort((a, b) => a - b);
  const timersMs = f.posts.map((p) => p.timersMs ?? Number.NaN).sort((a, b) => a - b);
  const timers = f.posts.reduce((n, p) => n + p.timers, 0);
  const posts =
    f.posts.length === 1
      ? [`${fmt(postMs[0]!)} ms`, `${fmt(timersMs[0]!)} ms (${timers} timers)`]
      : [`p50 ${fmt(pct(postMs, 50))}, max ${fmt(postMs.at(-1)!)} ms`, `p50 ${fmt(pct(timersMs, 50))}, max ${fmt(timersMs.at(-1)!)} ms (${timers} timers)`];
  const waitShare = (n: number) => `${((100 * n) / Math.max(1, f.probed.samples * f.probed.busySessions)).toFixed(0)}%`;
  const core = (sec: number) => `${sec.toFixed(1)} s (${((100 * sec) / (f.phaseMs / 1000)).toFixed(0)}% of a core)`;
  const rows: [string, string, string][] = [
    [`directive POST to ${sc.units} units`, posts[0]!, ''],
    ['POST sent → all its timers delayed in Redis', posts[1]!, `the timers queue holds ${f.delayed} delayed jobs (the run's so far)`],
    [
      `the issue's mails sent (${f.issueMails})`,
      f.issueDrainMs === null ? 'not within the cap' : `${(f.issueDrainMs / 1000).toFixed(1)} s after the last POST`,
      '',
    ],
    [
      'commands (2xx / sent)',
      `${s.ok.length} / ${f.results.length} in ${(f.phaseMs / 1000).toFixed(1)} s; ${f.assignmentsDone} of ${f.assignments} assignments reported`,
      '',
    ],
    ['**commands/s**', `**${fmt(s.rate)}**`, `≥ ${fmt(TARGET.ratio * f.anchor.tps)} (0.25 × pgbench)`],
    [
      'latency p50 / p95 / p99',
      `${fmt(pct(s.sorted, 50))} / ${fmt(pct(s.sorted, 95))} / **${fmt(s.p99)}** ms`,
      `p99 ≤ ${TARGET.p99} ms ${s.p99 <= TARGET.p99 ? 'PASS' : 'FAIL'}`,
    ],
    ['by command, p50 / p99', byKind, ''],
    ['errors', f.errors.size ? [...f.errors.entries()].map(([k, n]) => `${k} × ${n}`).join(', ') : '0', '0'],
    ...queues.map(
      (q) => [`commit → relay published (${q} outbox rows)`, ms(f.effects.filter((e) => e.queue === q).map((e) => e.ms)), ''] as [string, string, string],
    ),
    ['commit → mail in the SMTP sink', f.mails.length ? ms(f.mails) : '–', ''],
    ["the commands' effects drained", f.effectsDrainMs === null ? 'not within 120 s' : `${(f.effectsDrainMs / 1000).toFixed(1)} s after the phase`, ''],
    [
      'pgbench, same write shape',
      `**${fmt(f.anchor.tps)} TPS**, latency average ${fmt(f.anchor.latencyMs)} ms (${CONCURRENCY} clients, ${sc.directives * sc.units} rows, ${fmt(f.snapshotBytes.anchor / 1024)} KB snapshot: the run's largest assignment snapshot, ${fmt(f.snapshotBytes.real / 1024)} KB${f.snapshotBytes.anchor > f.snapshotBytes.real ? ', padded' : ''})`,
      '',
    ],
    ['**ratio** commands/s ÷ TPS', `**${s.ratio.toFixed(3)}×**`, `≥ ${TARGET.ratio}× ${s.ratio >= TARGET.ratio ? 'PASS' : 'FAIL'}`],
    [
      'PostgreSQL transactions per command',
      f.results.length ? (f.transactions / f.results.length).toFixed(2) : '–',
      "all sessions (API and worker, until the effects drained), the bench's own left out",
    ],
    ['non-idle PostgreSQL sessions (mean)', fmt(f.probed.busySessions), 'sampled every 200 ms'],
    ['what they were doing', f.probed.waits.map(([k, n]) => `${k} ${waitShare(n)}`).join('; '), ''],
    ['statements waiting on a lock', f.probed.lockStatements.map(([q, n]) => `\`${q}\` ${waitShare(n)}`).join('; ') || '–', ''],
    [
      'CPU during the phase',
      `API ${core(f.probed.cpu.api)}, worker ${core(f.probed.cpu.worker)}, PostgreSQL backends ${core(f.probed.cpu.postgres)}, bench ${core(f.probed.cpu.bench)}`,
      '',
    ],
  ];
  return [
    `\n### ${sc.name}: ${sc.directives} directive${sc.directives === 1 ? '' : 's'} × ${sc.units} units — ${s.verdict}\n`,
    '| figure | value | target |',
    '| --- | --- | --- |',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

await main();
