import type { Job, Queue } from 'bullmq';
import { sql } from 'kysely';
import type { Db } from '@dondoc/db';
import { jobIds, type QueueSet } from '@dondoc/queue';

export interface ReconcilePass {
  timers: number;
  mails: number;
}

/**
 * Puts back what Redis lost. PostgreSQL knows every pending timer and every
 * notification still to send (pending, or held by a sender past its lease);
 * for each whose job is missing (Redis emptied,
 * a failover), or failed for good (SMTP down longer than the retries), the job
 * is added again under the same deterministic id, or retried. Safe to run
 * often and on many processes: an add whose id exists is ignored.
 *
 * Rows younger than `graceMs` are left to the outbox relay, which is about to
 * publish them, unless their job was published already: then a missing job was
 * lost (a fresh Redis after a restart), not late.
 */
export async function reconcile(db: Db, queues: QueueSet, opts: { graceMs: number; leaseMs?: number; batch?: number }): Promise<ReconcilePass> {
  const limit = opts.batch ?? 5000;
  const cutoff = sql<Date>`now() - make_interval(secs => ${opts.graceMs / 1000})`;
  const published = (jobIdPrefix: string, id: 'timers.id' | 'notifications.id') =>
    sql<boolean>`exists (select 1 from outbox o where o.job_id = ${jobIdPrefix} || ${sql.ref(id)} and o.published_at is not null)`;
  const timers = await db
    .selectFrom('timers')
    .select(['id', 'fire_at'])
    .where('status', '=', 'pending')
    .where((eb) => eb.or([eb('created_at', '<', cutoff), published(jobIds.timer(''), 'timers.id')]))
    .orderBy('fire_at')
    .limit(limit)
    .execute();
  // A mail being sent holds a lease; only one held past it (its worker died with Redis gone too) is put back.
  const leaseCutoff = sql<Date>`now() - make_interval(secs => ${(opts.leaseMs ?? 120_000) / 1000})`;
  const mails = await db
    .selectFrom('notifications')
    .select('id')
    .where((eb) => eb.or([eb('created_at', '<', cutoff), published(jobIds.mail(''), 'notifications.id')]))
    .where((eb) => eb.or([eb('status', '=', 'pending'), eb.and([eb('status', '=', 'sending'), eb('claimed_at', '<', leaseCutoff)])]))
    .orderBy('id')
    .limit(limit)
    .execute();
  const now = Date.now();
  const timerFixes = await restore(queues.timers, timers.map((t) => ({ id: jobIds.timer(t.id), name: 'fire', data: { timerId: t.id }, delay: Math.max(0, t.fire_at.getTime() - now) })));
  const mailFixes = await restore(queues.mail, mails.map((m) => ({ id: jobIds.mail(m.id), name: 'send', data: { notificationId: m.id }, delay: 0 })));
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
        } else if (state === 'failed') {
          await job!.retry('failed');
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
