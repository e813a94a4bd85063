import pg from 'pg';
import type { Db } from '@dondoc/db';
import { claimOutboxBatch, markPublishFailed, markPublished } from '@dondoc/db';
import { withTimeout } from '@dondoc/domain';
import { isKnownJob, jobIds, type QueueName, type QueueSet } from '@dondoc/queue';
import type { Logger } from '@dondoc/observability';

export interface RelayOptions {
  /** Rows claimed per transaction. */
  batchSize: number;
  /** Poll interval when no NOTIFY arrives (ms). */
  pollMs: number;
  logger: Logger;
  /** Postgres URL for a LISTEN connection, so a commit wakes the relay at once. Optional: polling alone also works. */
  listenUrl?: string;
  /** Give up on one add after this long (ms), so an unreachable store cannot hold the claim. Default 5000. */
  publishTimeoutMs?: number;
  /** How long a claim keeps other relays off the rows (ms); a relay that dies mid-pass delays them this long. Default 30000. */
  leaseMs?: number;
  /**
   * Runs after the batch's jobs were added to BullMQ and before the rows are
   * marked published. Tests use it to kill the relay at that exact point.
   */
  afterPublish?: (outboxIds: string[]) => Promise<void>;
}

export interface RelayPass {
  published: number;
  failed: number;
}

/**
 * Publishes outbox rows to BullMQ, each as a job whose id is derived from the
 * row, then marks them published. Rows are claimed with a lease rather than
 * locked in an open transaction, so no transaction waits on the queue store. A
 * crash between publishing and marking leaves the rows unpublished; once the
 * lease runs out they are published again, which adds no second job because
 * BullMQ ignores an add whose job id exists. A row that fails to publish stays
 * in the outbox with a backoff and is tried again.
 */
export class OutboxRelay {
  readonly #db: Db;
  readonly #queues: QueueSet;
  readonly #opts: RelayOptions;
  #timer: NodeJS.Timeout | undefined;
  #listener: pg.Client | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  #stopped = false;
  #listening = false;
  #listenFailures = 0;
  #reconnect: NodeJS.Timeout | undefined;

  constructor(db: Db, queues: QueueSet, opts: RelayOptions) {
    if (opts.batchSize < 1) throw new RangeError('batchSize must be at least 1');
    if ((opts.leaseMs ?? 30_000) <= (opts.publishTimeoutMs ?? 5000))
      throw new RangeError('leaseMs must outlast publishTimeoutMs, or a slow pass loses its claim');
    this.#db = db;
    this.#queues = queues;
    this.#opts = opts;
  }

  /** One pass over at most `batchSize` rows. */
  async runOnce(): Promise<RelayPass> {
    const publishTimeoutMs = this.#opts.publishTimeoutMs ?? 5000;
    // The lease must outlast a pass; the adds run at once and each gives up after publishTimeoutMs.
    const rows = await claimOutboxBatch(this.#db, this.#opts.batchSize, this.#opts.leaseMs ?? 30_000);
    const results = await Promise.allSettled(
      rows.map(async (row) => {
        if (!isKnownJob(row.queue, row.job_name)) throw new Error(`unknown job ${row.queue}/${row.job_name}`);
        const delay = row.deliver_at ? Math.max(0, row.deliver_at.getTime() - Date.now()) : undefined;
        await withTimeout(
          this.#queues[row.queue as QueueName].add(
            row.job_name,
            { ...row.payload, requestId: row.request_id ?? undefined },
            { jobId: row.job_id ?? jobIds.outbox(row.id), delay },
          ),
          publishTimeoutMs,
        );
        return row.id;
      }),
    );
    const published: string[] = [];
    const failures: { outboxId: string; err: string }[] = [];
    for (const [i, r] of results.entries()) {
      if (r.status === 'fulfilled') {
        published.push(r.value);
      } else {
        const err = r.reason instanceof Error ? r.reason.message : String(r.reason);
        failures.push({ outboxId: rows[i]!.id, err });
        await markPublishFailed(this.#db, rows[i]!.id, err);
      }
    }
    // One line per pass: when Redis is down every row fails the same way.
    if (failures.length > 0) this.#opts.logger.warn({ failed: failures.length, first: failures[0] }, 'outbox rows not published; will retry');
    await this.#opts.afterPublish?.(published);
    await markPublished(this.#db, published);
    return { published: published.length, failed: rows.length - published.length };
  }

  /** Runs passes until the outbox has nothing ready, then waits for a NOTIFY or the next poll. */
  async start(): Promise<void> {
    if (this.#opts.listenUrl) await this.#listen().catch((err: Error) => this.#listenLost(err));
    this.wake();
  }

  /** Whether the LISTEN connection is up and subscribed (tests watch it come back). */
  get listening(): boolean {
    return this.#listening;
  }

  async #listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.#opts.listenUrl, connectionTimeoutMillis: 5000 });
    this.#listener = client;
    client.on('notification', () => this.wake());
    // A restart, a failover or a killed backend: poll meanwhile, and subscribe again.
    client.on('error', (err) => this.#listenLost(err, client));
    client.on('end', () => this.#listenLost(new Error('connection ended'), client));
    await client.connect();
    await client.query('LISTEN dondoc_outbox');
    if (this.#stopped) return void client.end().catch(() => {});
    this.#listening = true;
    if (this.#listenFailures > 0) this.#opts.logger.info('outbox LISTEN connection back');
    this.#listenFailures = 0;
    // Commits made while it was away sent notifications nobody heard.
    this.wake();
  }

  #listenLost(err: Error, client?: pg.Client): void {
    if (client && client !== this.#listener) return; // an old connection's last words
    this.#listening = false;
    const lost = this.#listener;
    this.#listener = undefined;
    lost?.removeAllListeners('end');
    lost?.on('error', () => {});
    lost?.end().catch(() => {});
    if (this.#stopped || this.#reconnect) return;
    this.#listenFailures++;
    if (this.#listenFailures === 1) this.#opts.logger.warn({ err: err.message }, 'outbox LISTEN connection lost; polling until it is back');
    const delay = Math.min(5000, 250 * 2 ** Math.min(this.#listenFailures - 1, 5));
    this.#reconnect = setTimeout(() => {
      this.#reconnect = undefined;
      if (!this.#stopped) this.#listen().catch((e: Error) => this.#listenLost(e));
    }, delay);
  }

  wake(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    clearTimeout(this.#timer);
    this.#running = this.#drain().finally(() => {
      this.#running = undefined;
      if (this.#stopped) return;
      if (this.#again) {
        this.#again = false;
        this.wake();
      } else {
        this.#timer = setTimeout(() => this.wake(), this.#opts.pollMs);
      }
    });
  }

  async #drain(): Promise<void> {
    try {
      for (;;) {
        const pass = await this.runOnce();
        if (pass.published + pass.failed < this.#opts.batchSize || pass.published === 0) return;
      }
    } catch (err) {
      this.#opts.logger.error({ err: err instanceof Error ? err.message : String(err) }, 'outbox relay pass failed');
    }
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    clearTimeout(this.#reconnect);
    await this.#running;
    const listener = this.#listener;
    this.#listener = undefined;
    listener?.removeAllListeners('end');
    await listener?.end().catch(() => {});
  }
}
