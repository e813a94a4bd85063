import { Kysely, PostgresDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import type { Database } from './database.ts';
import { migrations } from './migrations/index.ts';
import { syncCalendarDays } from './calendar-days.ts';
import { countClosedDirectiveFigures } from './closed-directive-figures.ts';

// DATE columns stay `yyyy-mm-dd` strings: a Date would shift them by the process's time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export interface DbOptions {
  max?: number;
  /** Told of connection errors (a restart, a failover, a killed backend); the pool drops the broken client and opens a new one. */
  onConnectionError?: (err: Error) => void;
}

/**
 * A pool that survives the database going away. pg-pool listens for errors only
 * on idle clients; a client checked out by a query or a transaction that loses
 * its server emits 'error' with no listener, which ends the process. So every
 * client gets a listener of its own when it is made: its query fails, Kysely
 * releases it, and the pool discards it as no longer queryable.
 */
export function createPool(databaseUrl: string, opts: DbOptions = {}): pg.Pool {
  const onError = opts.onConnectionError ?? (() => {});
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: opts.max ?? 10,
    // While the server is away a request fails within this long instead of hanging on connect.
    connectionTimeoutMillis: 5000,
    keepAlive: true,
    // JIT compiles the plans PostgreSQL costs high (the dashboards' aggregates at a million
    // assignments) and took 150–170 ms of a 100 ms query in bench:reads; these are short queries.
    options: '-c jit=off',
  });
  pool.on('error', onError);
  pool.on('connect', (client) => client.on('error', onError));
  return pool;
}

export function createDb(databaseUrl: string, opts: DbOptions = {}): Kysely<Database> {
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: createPool(databaseUrl, opts) }) });
}

const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01', // admin_shutdown: pg_ctl stop/restart -m fast, pg_terminate_backend
  '57P02', // crash_shutdown: immediate mode
  '57P03', // cannot_connect_now: starting up or shutting down
  '53300', // too_many_connections
]);

/**
 * Whether an error means "the database is away for now" (restarting, failing
 * over, unreachable, the connection killed) rather than a fault of the request
 * or the code: such a request is answered 503 and may be retried.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 4; depth++) {
    const { code, message, errors, cause } = e as { code?: unknown; message?: unknown; errors?: unknown; cause?: unknown };
    if (typeof code === 'string' && (unavailableCodes.has(code) || code.startsWith('08'))) return true;
    if (
      typeof message === 'string' &&
      /^Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly/i.test(message)
    )
      return true;
    if (Array.isArray(errors) && errors.some((x) => isDatabaseUnavailable(x))) return true;
    e = cause;
  }
  return false;
}

export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  // Tables derived from code (the calendar day by day) follow the rules this release has;
  // closed directives without counted figures (closed before migration 0010, or seeded) get them.
  await syncCalendarDays(db);
  await countClosedDirectiveFigures(db);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Creates the database named in the URL if the server does not have it yet. */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

/** How many migrations this code has that the database has not run. */
export async function migrationsPending(db: Kysely<Database>): Promise<number> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  return (await migrator.getMigrations()).filter((m) => !m.executedAt).length;
}
