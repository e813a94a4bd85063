import { UnrecoverableError, type Worker, type WorkerOptions } from 'bullmq';

import { sql } from 'kysely';
import { loadConsolidation, type Db, type Notification } from '@dondoc/db';
import { consolidationCsv, consolidationXlsx } from '@dondoc/reports';
import { deadlineIcs, renderChairmanDigest, type MailTransport, renderMessage, renderUnitDigest, type ChairmanDigestParams, type MessageParams, type RenderedMessage, type UnitDigestParams } from '@dondoc/mail';
import { parsePayload, type QueueStore } from '@dondoc/queue';
import type { Logger } from '@dondoc/observability';
import { logWorkerErrors } from './worker-errors.ts';

export interface MailSettings {
  from: string;
  publicUrl: string;
}

interface Attachment {
  filename: string;
  content: string | Buffer;
  contentType: string;
}

async function render(db: Db, n: Notification, publicUrl: string): Promise<{ message: RenderedMessage; attachments: Attachment[] }> {
  const params = n.params as { template: string };
  if (params.template === 'digest_unit') return { message: renderUnitDigest(params as UnitDigestParams, n.locale, publicUrl), attachments: [] };
  if (params.template === 'digest_chairman') return { message: renderChairmanDigest(params as ChairmanDigestParams, n.locale, publicUrl), attachments: [] };
  let p = params as MessageParams;
  const period = p.period;
  if ((p.template === 'consolidation' || p.template === 'consolidation_summary') && period) {
    // The consolidation as it stands when the mail goes out, attached for the monitoring unit.
    const c = await loadConsolidation(db, period.id);
    p = { ...p, event: { ...p.event, counts: c.counts } };
    // A classified directive's consolidation is not sent as files: mail carries only numbers, the page the rest.
    if (p.template === 'consolidation' && !p.directive.classified) {
      const name = `tong-hop-${p.directive.numberSymbol.replace(/[^\p{L}\p{N}]+/gu, '-')}-${period.key}`;
      return {
        message: renderMessage(p, n.locale, publicUrl),
        attachments: [
          { filename: `${name}.xlsx`, content: await consolidationXlsx(c), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
          { filename: `${name}.csv`, content: consolidationCsv(c), contentType: 'text/csv; charset=utf-8' },
        ],
      };
    }
  }
  const message = renderMessage(p, n.locale, publicUrl);
  const dueAt = p.assignment?.dueAt;
  const ics =
    p.template === 'reminder' && dueAt && p.assignment
      ? deadlineIcs({ uid: `assignment-${p.assignment.id}-${dueAt}@dondoc`, dueAt: new Date(dueAt), summary: message.subject.replace(/^\[dondoc\] [^:]+: /, ''), description: message.text, url: new URL(p.path, publicUrl).toString() })
      : undefined;
  return { message, attachments: ics ? [{ filename: 'han-nhiem-vu.ics', content: ics, contentType: 'text/calendar; charset=utf-8; method=PUBLISH' }] : [] };
}

/**
 * Sends one notification. The row is claimed first (status `sending`, a lease
 * the reconciler respects, so it does not re-add the job of a mail being sent);
 * a row already sent or held is left alone. BullMQ runs a job on one worker at
 * a time, so a `sending` row whose job runs again (its worker died) is taken
 * over. An SMTP failure puts the row back to `pending`, records the error and
 * is thrown, so BullMQ retries with backoff. The Message-ID is the row's, so a
 * mail sent twice after a crash is the same message to the receiving side.
 */
export async function sendNotification(db: Db, transport: MailTransport, settings: MailSettings, id: string): Promise<'sent' | 'skipped'> {
  const n = await db
    .updateTable('notifications')
    .set({ status: 'sending', claimed_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('status', 'in', ['pending', 'sending'])
    .returningAll()
    .executeTakeFirst();
  if (!n) return 'skipped';
  const { message, attachments } = await render(db, n, settings.publicUrl);
  try {
    await transport.sendMail({
      from: settings.from,
      to: n.to_address,
      subject: message.subject,
      text: message.text,
      html: message.html,
      messageId: n.message_id,
      headers: { 'X-Dondoc-Notification': n.id },
      attachments,
    });
  } catch (err) {
    await db
      .updateTable('notifications')
      .set((eb) => ({ status: 'pending', claimed_at: null, attempts: eb('attempts', '+', 1), last_error: (err as Error).message.slice(0, 2000) }))
      .where('id', '=', id)
      .execute();
    throw err;
  }
  await db
    .updateTable('notifications')
    .set((eb) => ({ status: 'sent', sent_at: sql<Date>`now()`, claimed_at: null, attempts: eb('attempts', '+', 1), last_error: null }))
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .execute();
  return 'sent';
}

export function createMailWorker(
  db: Db,
  transport: MailTransport,
  settings: MailSettings,
  store: QueueStore,
  logger: Logger,
  options: Partial<WorkerOptions> = {},
): Worker {
  const worker = store.newWorker(
    'mail',
    async (job) => {
      let notificationId: string;
      try {
        ({ notificationId } = parsePayload('mail', 'send', job.data));
      } catch (e) {
        throw new UnrecoverableError(`bad mail payload: ${(e as Error).message}`);
      }
      const outcome = await sendNotification(db, transport, settings, notificationId);
      logger.info({ notificationId, outcome, jobId: job.id, requestId: job.data?.requestId }, 'mail processed');
      return outcome;
    },
    { concurrency: 4, ...options },
  );
  return logWorkerErrors(worker, logger);
}
