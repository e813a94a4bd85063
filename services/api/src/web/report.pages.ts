import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { applyInTransaction, unitReportIdOf, unitReportIdsByUnitCode } from '@dondoc/db';
import { DomainError, isUnitReportWaiting } from '@dondoc/domain';
import type { UnitReportEvent } from '@dondoc/workflows';
import { consolidationCsv, consolidationXlsx } from '@dondoc/reports';
import { sendAttachment } from '../http/download.ts';
import { idParams, unitReportAcceptBody, unitReportReturnBody, unitReportSubmitBody } from '../http/schemas.ts';
import { attachmentOf, consolidationView, periodAccess, unitReportView } from '../views/report.view.ts';
import { errorTexts, fieldErrors, parseOr404, sayTo, type Web, type WebUser } from './context.ts';
import { formFields, shown, valueInputs, valuesFields, type FormBody, type ShownAgain } from './form.ts';
import { html, row, thead } from './html.ts';
import { stateText } from './labels.ts';

const attachmentParams = idParams.extend({ attachmentId: z.uuid() });
const reviewParams = idParams.extend({ action: z.enum(['accept', 'return']) });
const exportParams = idParams.extend({ format: z.enum(['csv', 'xlsx']) });
/** How the consolidated report names each unit's status. */
const statusKey = { missing: 'report.status.missing', late: 'report.late', pending: 'report.status.pending', on_time: 'report.onTime' } as const;

const noReport = (web: Web, request: FastifyRequest, reply: FastifyReply) => web.refuse(reply, request, 404, 'report.notFound');
const noPeriod = (web: Web, request: FastifyRequest, reply: FastifyReply) => web.refuse(reply, request, 404, 'report.periodNotFound');

/**
 * Periodic reports on the web: a unit's report (where the request mail leads:
 * the unit fills it in; the monitoring unit or the Office accepts or returns
 * it), its attachments, and a period's consolidated report with its files.
 */
export function reportPages(web: Web): void {
  const { app, deps } = web;

  app.get('/reports/:id', async (request, reply) => {
    const u = web.user(request, reply);
    if (!u) return;
    const params = idParams.safeParse(request.params);
    if (!params.success) return noReport(web, request, reply);
    return reportPage(web, request, reply, u, params.data.id);
  });

  app.post('/reports/:id/submit', async (request, reply) => {
    const u = web.user(request, reply);
    if (!u) return;
    const params = parseOr404(web, idParams, request.params, request, reply);
    if (!params) return;
    const form = formFields(request.body);
    // Attachments are sent over the API; the form sends text and values through the same schema.
    const parsed = unitReportSubmitBody.safeParse({ text: form.text, values: valuesFields(form, request.lang) });
    const submit = (data: z.infer<typeof unitReportSubmitBody>) => ({
      type: 'SUBMIT' as const,
      at: new Date().toISOString(),
      text: data.text,
      values: data.values,
    });
    return command(web, request, reply, u, params.id, form, parsed, submit, 'submits');
  });

  app.post('/reports/:id/:action', async (request, reply) => {
    const u = web.user(request, reply);
    if (!u) return;
    const params = parseOr404(web, reviewParams, request.params, request, reply);
    if (!params) return;
    const form = formFields(request.body);
    if (params.action === 'return') {
      const parsed = unitReportReturnBody.safeParse({ reason: form.reason });
      return command(web, request, reply, u, params.id, form, parsed, (data) => ({ type: 'RETURN', reason: data.reason }), 'reviews');
    }
    const parsed = unitReportAcceptBody.safeParse(form.comment ? { comment: form.comment } : null);
    const accept = (data: z.infer<typeof unitReportAcceptBody>) => ({ type: 'ACCEPT' as const, ...(data?.comment ? { comment: data.comment } : {}) });
    return command(web, request, reply, u, params.id, form, parsed, accept, 'reviews');
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

  app.get('/periods/:id', async (request, reply) => {
    const u = web.user(request, reply);
    if (!u) return;
    const t = sayTo(request);
    const params = idParams.safeParse(request.params);
    const access = params.success ? await periodAccess(deps.db, u, params.data.id).catch(() => null) : null;
    if (!access) return noPeriod(web, request, reply);
    if (!access.seesAll) {
      // A unit sees its own report of the period.
      const own = await unitReportIdOf(deps.db, access.period.id, u.unitId);
      return own ? reply.redirect(`/reports/${own}`) : noPeriod(web, request, reply);
    }
    const c = await consolidationView(deps.db, access);
    const reportOf = await unitReportIdsByUnitCode(deps.db, access.period.id);
    const { onTime, late, missing, units } = c.counts;
    const counts = `${t('report.onTime')} ${onTime}, ${t('report.lateWord')} ${late}, ${t('report.missing')} ${missing} / ${units}`;
    const download = (f: 'xlsx' | 'csv') => html`<a class="button" href="/periods/${c.period.id}/consolidated.${f}">${f.toUpperCase()}</a>`;
    type Unit = (typeof c.units)[number];
    const unitName = (x: Unit) => (reportOf.has(x.unitCode) ? html`<a href="/reports/${reportOf.get(x.unitCode)}">${x.unitName}</a>` : x.unitName);
    const unitRow = (x: Unit) => html`<tr><td>${unitName(x)}</td><td>${t(statusKey[x.status])}</td><td>${x.workingDaysLate}</td></tr>`;
    const targetRow = (g: (typeof c.targets)[number]) =>
      row(g.name ?? g.code, `${g.targetValue} ${g.unitOfMeasure}`, g.periodValue ?? '—', g.cumulative ?? '—', g.percentAchieved ?? '—');
    const title = `${t('report.consolidatedReport')}: ${c.directive.numberSymbol}, ${t('common.period')} ${c.period.key}`;
    return web.send(
      reply,
      request,
      title,
      html`
      <p class="muted">${c.period.startsOn} – ${c.period.endsOn} · ${t('common.due')} ${new Date(c.period.dueAt)} · ${counts}</p>
      <p>${download('xlsx')} ${download('csv')}</p>
      <h2>${t('report.units')}</h2>
      <div class="wrap"><table>${thead(t('common.unit'), t('common.status'), t('report.lateDays'))}
      <tbody>${c.units.map(unitRow)}</tbody></table></div>
      <h2>${t('common.targets')}</h2>
      <div class="wrap"><table>${thead(t('common.target'), t('common.set'), t('report.thisPeriod'), t('report.toDate'), t('report.achievedPercent'))}
      <tbody>${c.targets.map(targetRow)}</tbody></table></div>`,
    );
  });

  app.get('/periods/:id/consolidated.:format', async (request, reply) => {
    const u = web.user(request, reply);
    if (!u) return;
    const params = exportParams.safeParse(request.params);
    const access = params.success ? await periodAccess(deps.db, u, params.data.id).catch(() => null) : null;
    if (!params.success || !access?.seesAll) return noPeriod(web, request, reply);
    const c = await consolidationView(deps.db, access);
    const name = `tong-hop-${c.period.key}`;
    return params.data.format === 'csv'
      ? sendAttachment(reply, `${name}.csv`, 'text/csv', Buffer.from(consolidationCsv(c)))
      : sendAttachment(reply, `${name}.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', await consolidationXlsx(c));
  });
}

type Side = 'submits' | 'reviews';
const refusedSide = { submits: 'report.submitsOnly', reviews: 'report.reviewsOnly' } as const;

/** Runs a report command from a form once its schema passed; on any refusal, the page again with the messages. */
async function command<T>(
  web: Web,
  request: FastifyRequest,
  reply: FastifyReply,
  u: WebUser,
  id: string,
  form: FormBody,
  parsed: z.ZodSafeParseResult<T>,
  toEvent: (data: T) => UnitReportEvent,
  side: Side,
) {
  const view = await unitReportView(web.deps.db, u, id).catch((e: unknown) => {
    if (e instanceof DomainError) return null;
    throw e;
  });
  if (!view) return noReport(web, request, reply);
  const allowed = side === 'submits' ? view.access.submits : view.access.reviews;
  if (!allowed) return web.refuse(reply, request, 403, refusedSide[side]);
  if (!parsed.success) return reportPage(web, request, reply, u, id, fieldErrors(parsed.error, request.lang), form, 400);
  try {
    const actor = { kind: 'user', userId: u.userId } as const;
    const cmd = { subject: { type: 'unit_report', id } as const, event: toEvent(parsed.data), actor, requestId: request.id };
    await web.deps.db.transaction().execute((tx) => applyInTransaction(tx, cmd));
    return reply.redirect(`/reports/${id}`);
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    return reportPage(web, request, reply, u, id, { [e.field ?? '']: errorTexts(e)[request.lang] }, form, 400);
  }
}

async function reportPage(web: Web, request: FastifyRequest, reply: FastifyReply, u: WebUser, id: string, ...again: ShownAgain) {
  const [errors = {}, form = {}, status = 200] = again;
  const t = sayTo(request);
  const view = await unitReportView(web.deps.db, u, id).catch((e: unknown) => {
    if (e instanceof DomainError) return null;
    throw e;
  });
  if (!view) return noReport(web, request, reply);
  const { report: r, access } = view;
  const csrf = html`<input type="hidden" name="_csrf" value="${u.csrf}">`;
  const err = (f: string) => (errors[f] ? html`<p class="err" id="err-${f.replace(/\W/g, '-')}">${errors[f]}</p>` : '');
  const placed = new Set(['text', 'reason', ...r.targets.map((t) => `values.${t.code}`)]);
  const unplaced = Object.entries(errors).filter(([f]) => !placed.has(f));
  const open = access.period.state !== 'closed' && isUnitReportWaiting(r.state);
  const reviewable = r.state === 'submitted';
  const state = html`<strong id="state">${stateText(r.state, request.lang)}</strong>`;
  const late = r.late ? html` · <span class="s s-overdue">${t('report.late')}</span>` : '';
  const targetsHead = thead(t('common.target'), t('common.set'), t('common.reported'));
  const targetRow = (g: (typeof r.targets)[number]) => row(g.name ?? g.code, `${g.targetValue} ${g.unitOfMeasure}`, r.values[g.code] ?? '—');
  const attachment = (a: (typeof r.attachments)[number]) =>
    html`<li><a href="/reports/${r.id}/attachments/${a.id}">${a.filename}</a> (${Math.ceil(a.size / 1024)} KB)</li>`;
  return web.send(
    reply,
    request,
    `${r.directive.numberSymbol} – ${t('common.period')} ${r.period.key}: ${r.unit.name}`,
    html`
    <p class="muted">${r.period.startsOn} – ${r.period.endsOn} · ${t('report.due')} ${new Date(r.period.dueAt)} · ${t('common.state')}: ${state}${late}</p>
    ${access.seesAll ? html`<p><a href="/periods/${r.period.id}">${t('report.periodConsolidated')}</a></p>` : ''}
    ${unplaced.length ? html`<div class="err" role="alert">${unplaced.map(([f, m]) => html`<p>${f ? `${f}: ` : ''}${m}</p>`)}</div>` : ''}
    ${r.text ? html`<h2>${t('report.whatWasSent')}</h2><p class="card pre">${r.text}</p>` : ''}
    ${r.targets.length ? html`<h2>${t('common.targets')}</h2><table>${targetsHead}<tbody>${r.targets.map(targetRow)}</tbody></table>` : ''}
    ${r.attachments.length ? html`<h2>${t('report.attachments')}</h2><ul>${r.attachments.map(attachment)}</ul>` : ''}
    ${
      access.submits && open
        ? html`<form method="post" action="/reports/${r.id}/submit" class="card spaced"><h2>${t('common.sendTheReport')}</h2>${csrf}
          <label for="text">${t('common.reportText')}</label>${err('text')}<textarea id="text" name="text" rows="5">${shown(form, 'text')}</textarea>
          ${valueInputs(r.targets, t('common.targetWord'), err, form)}
          <p><button type="submit">${t('common.sendButton')}</button></p></form>`
        : ''
    }
    ${
      access.reviews && reviewable
        ? html`<form class="inline" method="post" action="/reports/${r.id}/accept">${csrf}<button type="submit">${t('report.accept')}</button></form>
        <form method="post" action="/reports/${r.id}/return" class="card spaced"><h2>${t('report.returnForRework')}</h2>${csrf}
          <label for="reason">${t('common.reason')}</label>${err('reason')}<input id="reason" name="reason" value="${shown(form, 'reason')}">
          <p><button type="submit">${t('report.return')}</button></p></form>`
        : ''
    }`,
    status,
  );
}
