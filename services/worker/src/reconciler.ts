import type { Job, Queue } from 'bullmq';
import { notificationsToReconcile, timersToReconcile, type Db } from '@dondoc/db';
import { jobIds, type QueueSet } from '@dondoc/queue';
import { failedPermanently } from './worker-errors.ts';

export interface ReconcilePass {
  timers: number;
  mails: number;
}

/**
 * Puts back what Redis lost. PostgreSQL knows every pending timer and every
 * notification still to send (pending, or held by a sender past its lease);
 * for each whose job is missing (Redis emptied, a failover), or failed without
 * PostgreSQL recording it (the worker died first), the job is added again under
 * the same deterministic id, or retried (not a job that failed permanently:
 * retrying cannot help it; bull-board shows it). A dead-lettered notification (`failed`)
 * is not still to send: it waits for an operator's retry. Safe to run often and
 * on many processes: an add whose id exists is ignored.
 *
 * Rows younger than `graceMs` are left to the outbox relay, which is about to
 * publish them, unless their job was published already: then a missing job was
 * lost (a fresh Redis after a restart), not late.
 */
export async function reconcile(db: Db, queues: QueueSet, opts: { graceMs: number; leaseMs?: number; batch?: number }): Promise<ReconcilePass> {
  const limit = opts.batch ?? 5000;
  const timers = await timersToReconcile(db, { graceMs: opts.graceMs, limit });
  // A mail being sent holds a lease; only one held past it (its worker died with Redis gone too) is put back.
  const mails = await notificationsToReconcile(db, { graceMs: opts.graceMs, leaseMs: opts.leaseMs ?? 120_000, limit });
  const now = Date.now();
  const timerFixes = await restore(
    queues.timers,
    timers.map((t) => ({ id: jobIds.timer(t.id), name: 'fire', data: { timerId: t.id }, delay: Math.max(0, t.fire_at.getTime() - now) })),
  );
  const mailFixes = await restore(
    queues.mail,
    mails.map((m) => ({ id: jobIds.mail(m.id, m.retries), name: 'send', data: { notificationId: m.id }, delay: 0 })),
  );
  return { timers: timerFixes, mails: mailFixes };
}

interface Wanted {
  id: string;
  name: string;
  data: Record<string, unknown>;
  delay: number;
}

async function restore(queue: Queue, wanted: Wanted[]): Promise<number> {
  let fixed = 0;
  for (let i = 0; i < wanted.length; i += 100) {
    const chunk = wanted.slice(i, i + 100);
    const jobs = await Promise.all(chunk.map((w) => queue.getJob(w.id)));
    const states = await Promise.all(jobs.map((j) => (j ? j.getState() : Promise.resolve('missing'))));
    await Promise.all(
      chunk.map(async (w, k) => {
        const job = jobs[k] as Job | undefined;
        const state = states[k];
        if (state === 'missing' || state === 'unknown') {
          await queue.add(w.name, w.data, { jobId: w.id, delay: w.delay });
          fixed++;
        } else if (state === 'failed' && !failedPermanently(job!)) {
          // The row is still to do, so its job did not fail for good in PostgreSQL's eyes
          // (it died before recording that): run it again with all its attempts.
          await job!.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
          fixed++;
        } else if (state === 'completed') {
          // Done by BullMQ yet pending in PostgreSQL: the work did not stick. Run it again.
          await job!.remove();
          await queue.add(w.name, w.data, { jobId: w.id, delay: w.delay });
          fixed++;
        }
      }),
    );
  }
  return fixed;
}
