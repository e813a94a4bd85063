import type { Db } from '@dondoc/db';
import type { Logger } from 'pino';

export interface ApiDeps {
  db: Db;
  logger: Logger;
  /** Largest accepted request body, bytes. Default 1 MiB. */
  bodyLimit?: number;
  /** Requests per caller (token, or address without one) per window. Default 600 a minute. */
  rateLimit?: { max: number; windowMs: number };
}
