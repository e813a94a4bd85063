import type { Registry } from 'prom-client';
import type { Db } from '@dondoc/db';
import type { QueueSet } from '@dondoc/queue';
import type { Logger } from 'pino';
import type { FailedAuthLimits } from './auth/failed-auth.ts';

export interface ApiDeps {
  db: Db;
  /** dondoc's queues, for bull-board, the queue-depth metrics and (through their store) readiness. */
  queues: QueueSet;
  /** Where /metrics reads from. */
  registry: Registry;
  logger: Logger;
  /** The path the app is served under behind a proxy (from PUBLIC_URL), for links bull-board makes. */
  basePath?: string;
  /** Session cookies only over HTTPS (true when PUBLIC_URL is https). */
  secureCookies?: boolean;
  /** Largest accepted request body, bytes. Default 1 MiB. */
  bodyLimit?: number;
  /** Failed authentications let through per address and per account before 429 (defaults in failed-auth.ts). */
  failedAuthLimits?: FailedAuthLimits;
  /** Where the failed-authentication counts live in Redis (default: the queue prefix), so that deployments sharing a Redis count apart. */
  authKeyPrefix?: string;
  /** The bearer token Prometheus sends to read /metrics; unset, /metrics is not served on the API's port. */
  metricsToken?: string;
  /** The site's own origin (from PUBLIC_URL), which cookie-authenticated requests to bull-board must come from. */
  publicOrigin?: string;
  /** Requests per caller (token, or address without one) per window. Default 600 a minute. */
  rateLimit?: { max: number; windowMs: number };
  /** The embedded SMTP catcher's messages, shown at /mail; absent when mail goes to a real server. */
  mailbox?: Mailbox;
}

/** What the mail page reads from an SMTP catcher (structurally @dondoc/mail's MailCatcher). */
export interface Mailbox {
  readonly messages: readonly { id: number; envelopeTo: string[]; at: Date; parsed: { subject?: string; text?: string; from?: { text: string } } }[];
}
