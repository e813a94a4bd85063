import type { Worker, WorkerOptions } from 'bullmq';
import { claimNotification, loadConsolidation, markNotificationAttemptFailed, markNotificationSent, type Db, type Notification } from '@dondoc/db';
import { isPermanentFailure, PermanentFailure } from '@dondoc/domain';
import { consolidationCsv, consolidationXlsx } from '@dondoc/reports';
import {
  deadlineIcs,
  linkTo,
  renderChairmanDigest,
  renderOfficeReminder,
  type MailTransport,
  renderMessage,
  renderUnitDigest,
  type ChairmanDigestParams,
  type MessageParams,
  type OfficeReminderParams,
  type RenderedMessage,
  type UnitDigestParams,
} from '@dondoc/mail';
import type { QueueStore } from '@dondoc/queue';
import type { Logger } from '@dondoc/observability';
import { logWorkerErrors, payloadOf, runJob } from './worker-errors.ts';

export interface MailSettings {
  from: string;
  publicUrl: string;
}

interface Attachment {
  filename: string;
  content: string | Buffer;
  contentType: string;
}

/**
 * Rendering is a function of the row alone: if it throws (an unknown template,
 * params it cannot word), it always will, so that is a permanent failure.
 */
function rendered<T>(what: () => T): T {
  try {
    return what();
  } catch (err) {
    if (isPermanentFailure(err)) throw err;
    throw new PermanentFailure(`cannot render the message: ${(err as Error).message}`, { cause: err });
  }
}

async function render(db: Db, n: Notification, publicUrl: string): Promise<{ message: RenderedMessage; attachments: Attachment[] }> {
  const params = n.params as { template: string };
  if (params.template === 'digest_unit') return { message: rendered(() => renderUnitDigest(params as UnitDigestParams, n.locale, publicUrl)), attachments: [] };
  if (params.template === 'digest_chairman')
    return { message: rendered(() => renderChairmanDigest(params as ChairmanDigestParams, n.locale, publicUrl)), attachments: [] };
  if (params.template === 'office_reminder')
    return { message: rendered(() => renderOfficeReminder(params as OfficeReminderParams, n.locale, publicUrl)), attachments: [] };
  let p = params as MessageParams;
  const period = p.period;
  if ((p.template === 'consolidation' || p.template === 'consolidation_summary') && period) {
    // The consolidation as it stands when the mail goes out, attached for the monitoring unit.
    const c = await loadConsolidation(db, period.id);
    p = { ...p, event: { ...p.event, counts: c.counts } };
    // A classified directive's consolidation is not sent as files: mail carries only numbers, the page the rest.
    if (p.template === 'consolidation' && !p.directive.classified) {
      const name = `tong-hop-${p.directive.numberSymbol.replace(/[^\p{L}\p{N}]+/gu, '-')}-${period.key}`;
      const message = rendered(() => renderMessage(p, n.locale, publicUrl));
      return {
        message,
        attachments: [
          { filename: `${name}.xlsx`, content: await consolidationXlsx(c), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
          { filename: `${name}.csv`, content: consolidationCsv(c), contentType: 'text/csv; charset=utf-8' },
        ],
      };
    }
  }
  const message = rendered(() => renderMessage(p, n.locale, publicUrl));
  const dueAt = p.assignment?.dueAt;
  const ics =
    p.template === 'reminder' && dueAt && p.assignment
      ? deadlineIcs({
          uid: `assignment-${p.assignment.id}-${dueAt}@dondoc`,
          dueAt: new Date(dueAt),
          // The subject without "[dondoc] Nhắc hạn – ": the directive's number and the task.
          summary: message.subject.replace(/^\[dondoc\] [^–]+ – /, ''),
          description: message.text,
          url: linkTo(p.path, publicUrl),
        })
      : undefined;
  return { message, attachments: ics ? [{ filename: 'han-nhiem-vu.ics', content: ics, contentType: 'text/calendar; charset=utf-8; method=PUBLISH' }] : [] };
}

/**
 * An SMTP refusal that retrying cannot change: a 5xx reply to the recipient or
 * to the message (no such mailbox, message refused). A 4xx reply, a refused or
 * dropped connection, a timeout or an authentication failure may pass and are retried.
 */
export function isPermanentSmtpError(err: unknown): boolean {
  const e = err as { code?: unknown; responseCode?: unknown };
  return (e.code === 'EENVELOPE' || e.code === 'EMESSAGE') && typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600;
}

/**
 * Sends one notification. The row is claimed first (status `sending`, a lease
 * the reconciler respects, so it does not re-add the job of a mail being sent);
 * a row already sent, held or failed is left alone. BullMQ runs a job on one
 * worker at a time, so a `sending` row whose job runs again (its worker died)
 * is taken over. A failure records the attempt and its error: a permanent one
 * (the message cannot be rendered, the server refuses the recipient with 5xx)
 * or one on the job's last attempt (`lastAttempt`) dead-letters the row
 * (`failed`); any other puts it back to `pending` and is thrown, so BullMQ
 * retries with backoff. The Message-ID is the row's, so a mail sent twice after
 * a crash is the same message to the receiving side.
 */
export async function sendNotification(
  db: Db,
  transport: MailTransport,
  settings: MailSettings,
  id: string,
  opts: { lastAttempt?: boolean } = {},
): Promise<'sent' | 'skipped'> {
  const n = await claimNotification(db, id);
  if (!n) return 'skipped';
  try {
    const { message, attachments } = await render(db, n, settings.publicUrl);
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
    const permanent = isPermanentFailure(err) || isPermanentSmtpError(err);
    await markNotificationAttemptFailed(db, id, (err as Error).message, { final: permanent || (opts.lastAttempt ?? false) });
    if (permanent && !isPermanentFailure(err)) throw new PermanentFailure((err as Error).message, { cause: err });
    throw err;
  }
  await markNotificationSent(db, id);
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
    async (job) =>
      runJob(async () => {
        const { notificationId } = payloadOf('mail', 'send', job);
        // attemptsMade counts the attempts before this one.
        const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        const outcome = await sendNotification(db, transport, settings, notificationId, { lastAttempt });
        logger.info({ notificationId, outcome, jobId: job.id, requestId: job.data?.requestId }, 'mail processed');
        return outcome;
      }),
    { concurrency: 4, ...options },
  );
  return logWorkerErrors(worker, logger);
}
