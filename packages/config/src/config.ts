import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * The one place that reads the environment. Everything else receives a frozen
 * `Config` built once at start; a wrong value stops the process with a message
 * naming the variable.
 */
const schema = z.object({
  DATABASE_URL: z.url().optional(),
  REDIS_URL: z.url().optional(),
  /** Where `dondoc start` keeps its embedded database when DATABASE_URL is not set. */
  DONDOC_DATA_DIR: z.string().min(1).default('.dondoc'),
  /** Key prefix of every queue; the braces make it a Redis Cluster hash tag. */
  QUEUE_PREFIX: z
    .string()
    .regex(/^\{[A-Za-z0-9_-]+\}$/, 'must be a hash tag such as {dondoc}')
    .default('{dondoc}'),
  /** Base URL of the web app, for links in mail; unset, the API's own host and port (see publicUrlOf). */
  PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `pretty`: one readable line per entry; `json`: one JSON object per line; `auto`: pretty on a terminal, JSON otherwise (CI, services, pipes). */
  LOG_FORMAT: z.enum(['auto', 'pretty', 'json']).default('auto'),
  /** How often the outbox relay polls when no notification wakes it (ms). */
  RELAY_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
  RELAY_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
  API_HOST: z.string().min(1).default('127.0.0.1'),
  API_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Requests per caller (token, or address) per minute. */
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /** The bearer token Prometheus sends for /metrics (API and worker); unset, the API does not serve /metrics and the worker serves it only on its loopback ops port. */
  METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  /** Without SMTP_HOST, `start` runs an in-process mail catcher instead of sending mail out. */
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  SMTP_SECURE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  SMTP_USER: z.string().optional(),
  SMTP_PASS: z.string().optional(),
  /** Mails one worker process sends at once. */
  MAIL_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(4),
  MAIL_FROM: z.string().min(3).default('dondoc <dondoc@localhost>'),
  RECONCILE_EVERY_MS: z.coerce.number().int().min(1000).default(60_000),
  /** The worker's /healthz, /readyz and /metrics (0: any free port). */
  WORKER_OPS_HOST: z.string().min(1).default('127.0.0.1'),
  WORKER_OPS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  /** Send traces there (OTLP over HTTP, e.g. http://collector:4318/v1/traces); unset: no tracing. */
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url().optional(),
  /** How long a worker holds a job before others may take it as stalled (a killed worker's jobs wait this long, twice at most). */
  WORKER_LOCK_MS: z.coerce.number().int().min(500).max(600_000).default(30_000),
  DIGEST_AT: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'hh:mm')
    .default('07:00'),
});

export type Env = z.input<typeof schema>;
export interface Config {
  /** DATABASE_URL, or a local server's default for the API and worker processes. */
  readonly databaseUrl: string;
  /** REDIS_URL, or a local server's default for the API and worker processes. */
  readonly redisUrl: string;
  /** Which of the two the environment named; `dondoc start` and the CLI embed what it did not. */
  readonly given: { readonly databaseUrl: boolean; readonly redisUrl: boolean; readonly publicUrl: boolean; readonly logLevel: boolean };
  /** The embedded database's directory (absolute). */
  readonly dataDir: string;
  readonly queuePrefix: string;
  readonly publicUrl: string;
  readonly logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  readonly logFormat: z.infer<typeof schema>['LOG_FORMAT'];
  readonly relay: { readonly pollMs: number; readonly batchSize: number };
  readonly api: { readonly host: string; readonly port: number; readonly rateLimit: { readonly max: number; readonly windowMs: number } };
  readonly smtp: { readonly host: string; readonly port: number; readonly secure: boolean; readonly user?: string; readonly pass?: string } | null;
  readonly mailFrom: string;
  readonly mailConcurrency: number;
  readonly worker: { readonly opsHost: string; readonly opsPort: number; readonly lockMs: number };
  readonly tracingEndpoint: string | undefined;
  readonly metricsToken: string | undefined;
  readonly maintenance: {
    readonly reconcileEveryMs: number;
    readonly reconcileGraceMs: number;
    readonly digestAt: string;
    readonly digestHorizonWorkingDays: number;
  };
}

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return Object.freeze({
    databaseUrl: e.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/dondoc',
    redisUrl: e.REDIS_URL ?? 'redis://127.0.0.1:6379',
    given: Object.freeze({
      databaseUrl: e.DATABASE_URL !== undefined,
      redisUrl: e.REDIS_URL !== undefined,
      publicUrl: e.PUBLIC_URL !== undefined,
      logLevel: env.LOG_LEVEL !== undefined && env.LOG_LEVEL !== '',
    }),
    dataDir: resolve(e.DONDOC_DATA_DIR),
    queuePrefix: e.QUEUE_PREFIX,
    publicUrl: e.PUBLIC_URL ?? publicUrlOf(e.API_HOST, e.API_PORT),
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    relay: Object.freeze({ pollMs: e.RELAY_POLL_MS, batchSize: e.RELAY_BATCH_SIZE }),
    api: Object.freeze({ host: e.API_HOST, port: e.API_PORT, rateLimit: Object.freeze({ max: e.API_RATE_LIMIT_PER_MINUTE, windowMs: 60_000 }) }),
    smtp: e.SMTP_HOST ? Object.freeze({ host: e.SMTP_HOST, port: e.SMTP_PORT, secure: e.SMTP_SECURE, user: e.SMTP_USER, pass: e.SMTP_PASS }) : null,
    mailFrom: e.MAIL_FROM,
    mailConcurrency: e.MAIL_CONCURRENCY,
    worker: Object.freeze({ opsHost: e.WORKER_OPS_HOST, opsPort: e.WORKER_OPS_PORT, lockMs: e.WORKER_LOCK_MS }),
    tracingEndpoint: e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT,
    metricsToken: e.METRICS_TOKEN,
    maintenance: Object.freeze({ reconcileEveryMs: e.RECONCILE_EVERY_MS, reconcileGraceMs: 30_000, digestAt: e.DIGEST_AT, digestHorizonWorkingDays: 3 }),
  });
}

/**
 * The web app's address when PUBLIC_URL is not set: the host and port the API
 * listens on, `localhost` when it listens on every interface (0.0.0.0, ::),
 * brackets around an IPv6 address. `dondoc start` calls it again with the port
 * it actually got when API_PORT is 0.
 */
export function publicUrlOf(host: string, port: number): string {
  const anyInterface = host === '0.0.0.0' || host === '::' || host === '[::]';
  const name = anyInterface ? 'localhost' : host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `http://${name}:${port}`;
}
