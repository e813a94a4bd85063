/**
 * What the write-path benchmarks (bench:commands, bench:fanout) stand on: a
 * database of their own, created, migrated and seeded with the demo province
 * (`dondoc_bench_<name>_<hex>`, dropped at the end unless `keep`), a private
 * Redis prefix (its keys deleted at the end), an SMTP sink in this process,
 * bench communes with a focal officer each and the unit groups the directives
 * go to (set-based SQL: creating units is not what is measured), API tokens,
 * and dondoc's real API and worker processes started as children from their
 * entry points. The API child runs with API_RATE_LIMIT_PER_MINUTE raised to
 * 1,000,000: the bench's callers are far over a person's rate, and the limit is
 * not what is measured.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createDb, createPool, createToken, ensureDatabase, migrateToLatest, seedDemo, type Db } from '@dondoc/db';
import { freePort } from '@dondoc/embedded';
import { startMailCatcher, type MailCatcher } from '@dondoc/mail';
import { createRedis } from '@dondoc/queue';
import type pg from 'pg';

export const RATE_LIMIT = 1_000_000;
const adminUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const root = fileURLToPath(new URL('../../../', import.meta.url));

export const pct = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : Number.NaN;
export const fmt = (v: number) => (Number.isNaN(v) ? '–' : v >= 100 ? v.toFixed(0) : v.toFixed(1));
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `done` every 50 ms; the milliseconds it took, or null past `capMs`. */
export async function waitFor(done: () => Promise<boolean>, capMs: number): Promise<number | null> {
  const since = Date.now();
  while (!(await done())) {
    if (Date.now() - since > capMs) return null;
    await sleep(50);
  }
  return Date.now() - since;
}

export interface Child {
  child: ChildProcess;
  pid: number;
  stop(): Promise<void>;
}

export interface BenchGroup {
  code: string;
  name: string;
  /** The first `size` bench communes, by code. */
  size: number;
}

export interface BenchStack {
  dbName: string;
  dbUrl: string;
  prefix: string;
  db: Db;
  pool: pg.Pool;
  redis: ReturnType<typeof createRedis>;
  catcher: MailCatcher;
  /** The API's base URL. */
  base: string;
  api: Child;
  worker: Child;
  /** The Office's token (vanphong@), and each bench commune's officer's, by unit code (when asked for). */
  officeToken: string;
  tokens: Map<string, string>;
  /** Machine, versions, sizes and set-up, as the report's first lines. */
  header(title: string, sizes: string): string;
  close(): Promise<void>;
}

export async function startBenchStack(opts: {
  name: string;
  units: number;
  groups: BenchGroup[];
  /** A token per bench officer, so that commands come from many users as in a province. */
  officerTokens: boolean;
  keep: boolean;
}): Promise<BenchStack> {
  const hex = randomBytes(4).toString('hex');
  const dbName = `dondoc_bench_${opts.name}_${hex}`;
  const prefix = `{dondoc-bench-${opts.name}-${hex}}`;
  const dbUrl = Object.assign(new URL(adminUrl), { pathname: `/${dbName}` }).toString();
  await ensureDatabase(dbUrl);
  const db = createDb(dbUrl, { max: 8 });
  const pool = createPool(dbUrl, { max: 4 });
  const redis = createRedis(redisUrl, 'worker');
  const catcher = await startMailCatcher({ host: '127.0.0.1', port: 0 });
  const children: Child[] = [];

  const close = async () => {
    for (const c of children.reverse()) await c.stop();
    await catcher.close();
    // The prefix's keys: the queues' jobs and the API's rate-limit counters.
    let cursor = '0';
    do {
      const [nextCursor, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length) await redis.unlink(...keys);
      cursor = nextCursor;
    } while (cursor !== '0');
    redis.disconnect();
    await pool.end();
    await db.destroy();
    if (opts.keep) console.log(`Database ${dbName} kept (--keep).`);
    else {
      const admin = createPool(adminUrl, { max: 1 });
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.end();
    }
  };

  try {
    await migrateToLatest(db);
    await seedDemo(db, { directive: false });
    const setupStart = Date.now();
    const width = Math.max(4, String(opts.units).length);
    // The communes under a demo district, a focal officer each (the demo password's hash), the groups the directives go to.
    await pool.query(
      `INSERT INTO units (code, name, kind, parent_id, head_name, head_email, focal_name, focal_email)
       SELECT c, 'UBND xã thử tải số ' || i, 'commune', (SELECT id FROM units WHERE code = 'h-son-lam'), 'Chủ tịch UBND xã thử tải số ' || i,
         c || '.lanhdao@hoa-an.example', 'Cán bộ đầu mối UBND xã thử tải số ' || i, c || '.daumoi@hoa-an.example'
       FROM generate_series(1, $1::int) i, LATERAL (SELECT 'bench-xa-' || lpad(i::text, $2::int, '0') AS c) x`,
      [opts.units, width],
    );
    await pool.query(
      `INSERT INTO users (unit_id, role, email, name, password_hash)
       SELECT id, 'unit_officer', focal_email, focal_name, (SELECT password_hash FROM users WHERE email = 'vanphong@hoa-an.example')
       FROM units WHERE code LIKE 'bench-xa-%'`,
    );
    for (const g of opts.groups) {
      await pool.query(`INSERT INTO unit_groups (code, name) VALUES ($1, $2)`, [g.code, g.name]);
      await pool.query(`INSERT INTO unit_group_members (group_code, unit_id) SELECT $1, id FROM units WHERE code LIKE 'bench-xa-%' ORDER BY code LIMIT $2`, [
        g.code,
        g.size,
      ]);
    }
    const tokens = new Map<string, string>();
    if (opts.officerTokens) {
      const officers = (
        await pool.query(`SELECT u.code, us.id FROM units u JOIN users us ON us.unit_id = u.id AND us.role = 'unit_officer' WHERE u.code LIKE 'bench-xa-%'`)
      ).rows as { code: string; id: string }[];
      for (let i = 0; i < officers.length; i += 8) {
        await Promise.all(officers.slice(i, i + 8).map(async (o) => tokens.set(o.code, (await createToken(db, o.id, `bench:${opts.name}`)).token)));
      }
    }
    const office = await db.selectFrom('users').select('id').where('email', '=', 'vanphong@hoa-an.example').executeTakeFirstOrThrow();
    const officeToken = (await createToken(db, office.id, `bench:${opts.name}`)).token;
    const setupMs = Date.now() - setupStart;

    const apiPort = await freePort();
    const opsPort = await freePort();
    const base = `http://127.0.0.1:${apiPort}`;
    const env = { DATABASE_URL: dbUrl, REDIS_URL: redisUrl, QUEUE_PREFIX: prefix, PUBLIC_URL: base };
    children.push(
      await startChild('services/api/src/main.ts', `${base}/readyz`, {
        ...env,
        API_HOST: '127.0.0.1',
        API_PORT: String(apiPort),
        API_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
      }),
    );
    children.push(
      await startChild('services/worker/src/main.ts', `http://127.0.0.1:${opsPort}/readyz`, {
        ...env,
        WORKER_OPS_HOST: '127.0.0.1',
        WORKER_OPS_PORT: String(opsPort),
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(catcher.port),
      }),
    );
    const [api, worker] = children as [Child, Child];
    const pgVersion = (await pool.query('SHOW server_version')).rows[0].server_version as string;
    const redisVersion = /redis_version:(\S+)/.exec((await redis.info('server')) as string)?.[1] ?? '?';
    const header = (title: string, sizes: string) =>
      [
        `# ${title} — ${new Date().toISOString().replace('T', ' ').slice(0, 16)} UTC`,
        '',
        `Machine: ${cpus().length} × ${cpus()[0]?.model.trim() ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(1)} GB RAM; PostgreSQL ${pgVersion}, Redis ${redisVersion}, Node ${process.version}.`,
        sizes,
        `Set-up: ${opts.units} bench communes and officers (set-based SQL) and ${tokens.size + 1} API tokens in ${(setupMs / 1000).toFixed(1)} s.`,
        `The API child runs with API_RATE_LIMIT_PER_MINUTE=${RATE_LIMIT.toLocaleString('en')} (raised for the bench); database ${dbName}, Redis prefix ${prefix}.`,
      ].join('\n');
    return { dbName, dbUrl, prefix, db, pool, redis, catcher, base, api, worker, officeToken, tokens, header, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** One of dondoc's processes from its real entry point, configured by environment only, ready once its /readyz answers 200. */
async function startChild(main: string, readyUrl: string, env: Record<string, string>): Promise<Child> {
  const child = spawn(process.execPath, [main], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn', LOG_FORMAT: 'json', ...env },
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

/** Issues one directive through the API as the Office, to one unit group; the answer's time, and each assignment's id and unit code. */
export async function postDirective(
  stack: BenchStack,
  opts: { numberSymbol: string; subject: string; group: string; requestId: string; days: number },
): Promise<{ ms: number; sent: number; assignments: { id: string; code: string }[] }> {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
  const body = {
    type: 'chi_thi',
    numberSymbol: opts.numberSymbol,
    issuerUnit: 'ubnd-tinh',
    signer: 'Trần Minh Quang, Chủ tịch UBND tỉnh',
    issuedOn: today,
    subject: opts.subject,
    monitoringUnit: 'cong-an-tinh',
    tasks: [
      {
        ordinal: 1,
        title: 'Triển khai và báo cáo kết quả',
        deadline: { kind: 'working_days', days: opts.days },
        addressees: [{ group: opts.group, role: 'lead' }],
        targets: [],
      },
    ],
  };
  const sent = Date.now();
  const res = await fetch(`${stack.base}/api/v1/directives`, {
    method: 'POST',
    headers: { authorization: `Bearer ${stack.officeToken}`, 'content-type': 'application/json', 'x-request-id': opts.requestId },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  const ms = Date.now() - sent;
  if (res.status !== 201) throw new Error(`POST /api/v1/directives answered ${res.status}: ${text.slice(0, 1000)}`);
  const view = JSON.parse(text) as { tasks: { assignments: { id: string; unit: { code: string } }[] }[] };
  return { ms, sent, assignments: view.tasks.flatMap((t) => t.assignments.map((a) => ({ id: a.id, code: a.unit.code }))) };
}

/** Once every timer outbox row a request wrote is published: how many, and when the last was (ms after `sent`), or null past the cap. */
export async function timersDelayedAfter(pool: pg.Pool, requestId: string, sent: number, capMs: number): Promise<{ timers: number; timersMs: number | null }> {
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
  }, capMs);
  return { timers, timersMs: waited === null || last === null ? null : (last as Date).getTime() - sent };
}

/** Once the mails and outbox rows of the requests whose id is LIKE `like` are all sent and published: the milliseconds it took, or null past the cap. */
export function effectsDrained(pool: pg.Pool, like: string, capMs: number): Promise<number | null> {
  return waitFor(async () => {
    const r = (
      await pool.query(
        `SELECT (SELECT count(*) FROM notifications WHERE request_id LIKE $1 AND status IN ('pending', 'sending'))
              + (SELECT count(*) FROM outbox WHERE request_id LIKE $1 AND published_at IS NULL) AS open`,
        [like],
      )
    ).rows[0];
    return Number(r.open) === 0;
  }, capMs);
}
