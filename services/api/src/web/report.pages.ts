import type { FastifyReply, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { z } from 'zod';
import { addReportAttachments, applyInTransaction, type DbOrTx } from '@dondoc/db';
import { DomainError } from '@dondoc/domain';
import type { UnitReportEvent } from '@dondoc/workflows';
import { attachmentFiles, MAX_ATTACHMENT } from '../http/attachments.ts';
import { sendAttachment } from '../http/download.ts';
import { idParams, unitReportAcceptBody, unitReportReturnBody, unitReportSubmitBody } from '../http/schemas.ts';
import { attachmentOf, unitReportView } from '../views/report.view.ts';
import { errorTexts, fieldErrors, parseOr404, type Web, type WebUser } from './context.ts';
import { formFields, valuesFields, type FormBody } from './form.ts';
import { periodPages } from './period.page.ts';
import { noReport, reportActions, reportPage, type ReportAction } from './report.page.ts';
import { multipartFields, uploadedFiles } from './uploads.ts';

const attachmentParams = idParams.extend({ attachmentId: z.uuid() });
const reviewParams = idParams.extend({ action: z.enum(['accept', 'return']) });
const doneQuery = z.object({ done: z.enum(reportActions).optional() }).catch({});

/**
 * Periodic reports on the web: a unit's report (where the request mail and
 * the inbox lead: the unit fills it in with its files; the monitoring unit or
 * the Office accepts or returns it), its attachments, and a period's
 * consolidated report (period.page.ts).
 */
export function reportPages(web: Web): void {
  const { app, deps } = web;

  app.get('/reports/:id', async (request, reply) => {
    const u = web.user(request, reply);
    if (!u) return;
    const params = idParams.safeParse(request.params);
    if (!params.success) return noReport(web, request, reply);
    const { done } = doneQuery.parse(request.query ?? {});
    return reportPage(web, request, reply, u, params.data.id, { ...(done && { done }) });
  });

  // Multipart (the form's files) is read on this route alone, before the CSRF check looks at the body.
  // Each file is cut at one byte over the API's limit, so the API's own check refuses it with its
  // message; a body that is not the multipart it says it is gets a 400 page.
  void app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: MAX_ATTACHMENT + 1, files: 10, fields: 200, parts: 220 }, throwFileSizeLimit: false });
    scope.addHook('preValidation', async (request, reply) => {
      if (!request.isMultipart()) return;
      try {
        request.body = await multipartFields(request);
      } catch {
        return web.refuse(reply, request, 400, 'report.unreadableForm');
      }
    });
    scope.post('/reports/:id/submit', async (request, reply) => {
      const u = web.user(request, reply);
      if (!u) return;
      const params = parseOr404(web, idParams, request.params, request, reply);
      if (!params) return;
      const { attachments, ...rest } = (request.body ?? {}) as Record<string, unknown>;
      const form = formFields(rest);
      // The same schema as the API's, files given as the API takes them; then the API's size check, in the transaction.
      const parsed = unitReportSubmitBody.safeParse({ text: form.text, values: valuesFields(form, request.lang), attachments: uploadedFiles(attachments) });
      const submit = (data: z.infer<typeof unitReportSubmitBody>) => ({
        type: 'SUBMIT' as const,
        at: new Date().toISOString(),
        text: data.text,
        values: data.values,
      });
      const files = parsed.success ? parsed.data.attachments : [];
      return command(web, request, reply, u, params.id, { action: 'submit', form, parsed, toEvent: submit }, (tx) =>
        addReportAttachments(tx, params.id, attachmentFiles(files)),
      );
    });
  });

  app.post('/reports/:id/:action', async (request, reply) => {
    const u = web.user(request, reply);
    if (!u) return;
    const params = parseOr404(web, reviewParams, request.params, request, reply);
    if (!params) return;
    const form = formFields(request.body);
    if (params.action === 'return') {
      const parsed = unitReportReturnBody.safeParse({ reason: form.reason });
      return command(web, request, reply, u, params.id, { action: 'return', form, parsed, toEvent: (data) => ({ type: 'RETURN', reason: data.reason }) });
    }
    const parsed = unitReportAcceptBody.safeParse(form.comment ? { comment: form.comment } : null);
    const accept = (data: z.infer<typeof unitReportAcceptBody>) => ({ type: 'ACCEPT' as const, ...(data?.comment ? { comment: data.comment } : {}) });
    return command(web, request, reply, u, params.id, { action: 'accept', form, parsed, toEvent: accept });
  });

  app.get('/reports/:id/attachments/:attachmentId', async (request, reply) => {
    const u = web.user(request, reply);
    if (!u) return;
    const params = attachmentParams.safeParse(request.params);
    if (!params.success) return noReport(web, request, reply);
    const a = await attachmentOf(deps.db, u, params.data.id, params.data.attachmentId).catch((e: unknown) => {
      if (e instanceof DomainError) return null;
      throw e;
    });
    if (!a) return noReport(web, request, reply);
    return sendAttachment(reply, a.filename, a.content_type, a.data);
  });

  periodPages(web);
}

const refusedSide = { submit: 'report.submitsOnly', accept: 'report.reviewsOnly', return: 'report.reviewsOnly' } as const;

interface Command<T> {
  action: ReportAction;
  form: FormBody;
  parsed: z.ZodSafeParseResult<T>;
  toEvent: (data: T) => UnitReportEvent;
}

/**
 * Runs a report command from a form once its schema passed, with what else it
 * stores (the files) in the same transaction; on any refusal, the page again
 * with the messages; on success, the page with a notice.
 */
async function command<T>(
  web: Web,
  request: FastifyRequest,
  reply: FastifyReply,
  u: WebUser,
  id: string,
  c: Command<T>,
  also?: (tx: DbOrTx) => Promise<unknown>,
) {
  const view = await unitReportView(web.deps.db, u, id).catch((e: unknown) => {
    if (e instanceof DomainError) return null;
    throw e;
  });
  if (!view) return noReport(web, request, reply);
  const allowed = c.action === 'submit' ? view.access.submits : view.access.reviews;
  if (!allowed) return web.refuse(reply, request, 403, refusedSide[c.action]);
  const again = (errors: Record<string, string>) => reportPage(web, request, reply, u, id, { refused: { action: c.action, errors, form: c.form } });
  if (!c.parsed.success) return again(fieldErrors(c.parsed.error, request.lang));
  const event = c.toEvent(c.parsed.data);
  try {
    const actor = { kind: 'user', userId: u.userId } as const;
    await web.deps.db.transaction().execute(async (tx) => {
      await applyInTransaction(tx, { subject: { type: 'unit_report', id }, event, actor, requestId: request.id });
      await also?.(tx);
    });
    return reply.redirect(`/reports/${id}?done=${c.action}`);
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    return again({ [e.field ?? '']: errorTexts(e)[request.lang] });
  }
}
