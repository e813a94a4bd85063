import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApp, type ApiDeps } from '@dondoc/api';
import { sql } from 'kysely';
import { createToken } from '@dondoc/db';
import { createRegistry } from '@dondoc/observability';
import type { TestContext } from './context.ts';

/** The METRICS_TOKEN the test API is given. */
export const testMetricsToken = 'test-metrics-token-0123456789';

export interface Reply<T = any> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

export interface TestApi {
  url: string;
  /** The Fastify app, for what it registered. */
  app: FastifyInstance;
  /** A bearer token for the demo user with this email. */
  token(email: string): Promise<string>;
  call<T = any>(
    method: string,
    path: string,
    opts?: { token?: string; json?: unknown; raw?: string | Uint8Array; headers?: Record<string, string> },
  ): Promise<Reply<T>>;
  close(): Promise<void>;
}

/** The real API on a free loopback port, over real HTTP. */
export async function startApi(t: TestContext, overrides: Partial<ApiDeps> = {}): Promise<TestApi> {
  const app = await buildApp({
    db: t.db,
    queues: t.queues,
    registry: createRegistry('api-test'),
    logger: t.logger,
    rateLimit: { max: 100_000, windowMs: 60_000 },
    failedAuthLimits: { signInPerAddress: 1000, signInPerAccount: 1000, tokenPerAddress: 100_000 },
    metricsToken: testMetricsToken,
    authKeyPrefix: `${t.prefix}:${randomBytes(4).toString('hex')}`,
    ...overrides,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const tokens = new Map<string, string>();
  return {
    url,
    app,
    async token(email) {
      if (!tokens.has(email)) {
        const user = await t.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
        tokens.set(email, (await createToken(t.db, user.id, 'test')).token);
      }
      return tokens.get(email)!;
    },
    async call(method, path, opts = {}) {
      const headers: Record<string, string> = { ...opts.headers };
      if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      let body = opts.raw;
      if (opts.json !== undefined) {
        headers['content-type'] ??= 'application/json';
        body = JSON.stringify(opts.json);
      }
      const res = await fetch(url + path, { method, headers, body: body as string | undefined });
      const text = await res.text();
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = undefined;
      }
      return { status: res.status, body: parsed as any, text, headers: res.headers };
    },
    close: () => app.close(),
  };
}

/**
 * A fingerprint of every table in the database (count and a hash of its rows),
 * but `api_tokens`, whose `last_used_at` moves on every authenticated call, and
 * the migrator's own tables; `except` leaves out tables a running worker
 * changes in the background (a test with the mail worker on: notifications).
 */
export async function databaseFingerprint(t: Pick<TestContext, 'db'>, opts: { except?: string[] } = {}): Promise<Record<string, string>> {
  const skip = ['api_tokens', 'kysely_migration', 'kysely_migration_lock', ...(opts.except ?? [])];
  const { rows: all } = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
    ORDER BY table_name`.execute(t.db);
  const tables = all.filter((x) => !skip.includes(x.name));
  const parts = tables.map(
    ({ name }) =>
      sql`SELECT ${name}::text AS name, count(*) || ':' || coalesce(md5(string_agg(x::text, ',' ORDER BY x::text)), '') AS fp FROM ${sql.table(name)} x`,
  );
  const { rows } = await sql<{ name: string; fp: string }>`${sql.join(parts, sql` UNION ALL `)}`.execute(t.db);
  return Object.fromEntries(rows.map((r) => [r.name, r.fp]));
}

export const users = {
  chairman: 'chutich@hoa-an.example',
  office: 'vanphong@hoa-an.example',
  monitor: 'theodoi.congan@hoa-an.example',
  admin: 'quantri@hoa-an.example',
  officer: (unit: string) => `${unit}.daumoi@hoa-an.example`,
  head: (unit: string) => `${unit}.lanhdao@hoa-an.example`,
};
