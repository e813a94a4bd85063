import type { FastifyReply, FastifyRequest } from 'fastify';
import { history } from '@dondoc/db';
import { DomainError, formatDate, formatNumber, isUnitReportWaiting } from '@dondoc/domain';
import { unitReportView } from '../views/report.view.ts';
import { sayTo, type Web, type WebUser } from './context.ts';
import { shown, unplacedLine, valueInputs, type FormBody } from './form.ts';
import { html, table } from './html.ts';

export const reportActions = ['submit', 'accept', 'return'] as const;
export type ReportAction = (typeof reportActions)[number];

export const noReport = (web: Web, request: FastifyRequest, reply: FastifyReply) => web.refuse(reply, request, 404, 'report.notFound');

/** Which form's fields a refusal's messages sit beside; the rest go at the top. */
const placedOf: Record<ReportAction, (field: string) => boolean> = {
  submit: (f) => f === 'text' || f.startsWith('values.') || f.startsWith('attachments'),
  accept: (f) => f === 'comment',
  return: (f) => f === 'reason',
};

/** Why the report was last returned, from its trail. */
async function lastReturnReason(web: Web, reportId: string): Promise<string | null> {
  const events = await history(web.deps.db, { type: 'unit_report', id: reportId });
  const returned = events.findLast((e) => e.type === 'RETURN');
  return (returned?.payload as { reason?: string } | undefined)?.reason ?? null;
}

/**
 * A unit's report of a period: what it sent (text, each target's value beside
 * the value set, its attachments to download), the form that sends it while
 * the period takes it, and the monitoring unit's or the Office's review.
 */
export async function reportPage(
  web: Web,
  request: FastifyRequest,
  reply: FastifyReply,
  u: WebUser,
  id: string,
  opts: { refused?: { action: ReportAction; errors: Record<string, string>; form: FormBody }; done?: ReportAction } = {},
) {
  const { lang } = request;
  const t = sayTo(request);
  const view = await unitReportView(web.deps.db, u, id).catch((e: unknown) => {
    if (e instanceof DomainError) return null;
    throw e;
  });
  if (!view) return noReport(web, request, reply);
  const { report: r, access } = view;
  const { refused } = opts;
  const errors = refused?.errors ?? {};
  const form = refused?.form ?? {};
  const csrf = html`<input type="hidden" name="_csrf" value="${u.csrf}">`;
  const errOf = (action: ReportAction) => (f: string) =>
    refused?.action === action && errors[f] ? html`<p class="err" id="err-${action}-${f.replace(/\W/g, '-')}">${errors[f]}</p>` : '';
  const typed = (action: ReportAction, f: string) => (refused?.action === action ? shown(form, f) : '');
  const unplaced = Object.entries(errors).filter(([f]) => !refused || !placedOf[refused.action](f));
  const open = access.period.state !== 'closed' && isUnitReportWaiting(r.state);
  const reviewable = r.state === 'submitted';
  const returnReason = r.state === 'returned' ? await lastReturnReason(web, r.id) : null;
  const num = (n: number | undefined) => (n === undefined ? '—' : formatNumber(n, lang));
  const state = html`<strong id="state">${t('report.state', { state: r.state })}</strong>`;
  const late = r.late ? html` · <span class="s s-overdue">${t('report.late')}</span>` : '';
  const dates = t('report.periodDates', { from: formatDate(r.period.startsOn), to: formatDate(r.period.endsOn) });
  const targetRow = (g: (typeof r.targets)[number]) =>
    html`<tr><td>${g.name ?? g.code}</td><td>${formatNumber(g.targetValue, lang)} ${g.unitOfMeasure}</td><td>${num(r.values[g.code])}</td></tr>`;
  const attachment = (a: (typeof r.attachments)[number]) =>
    html`<li><a href="/reports/${r.id}/attachments/${a.id}">${a.filename}</a> (${formatNumber(Math.ceil(a.size / 1024), lang)} KB)</li>`;
  const submitErr = errOf('submit');
  const attachErrors = Object.entries(errors).filter(([f]) => refused?.action === 'submit' && f.startsWith('attachments'));
  const submitForm = html`<form method="post" action="/reports/${r.id}/submit" enctype="multipart/form-data" class="card spaced">
    <h2>${t('common.sendTheReport')}</h2>${csrf}
    <label for="text">${t('common.reportText')}</label>${submitErr('text')}<textarea id="text" name="text" rows="5">${typed('submit', 'text')}</textarea>
    ${valueInputs(r.targets, t('common.targetWord'), submitErr, refused?.action === 'submit' ? form : {}, lang)}
    <label for="attachments">${t('report.attachFiles')}</label>${attachErrors.map(([, m]) => html`<p class="err">${m}</p>`)}
    <input id="attachments" name="attachments" type="file" multiple>
    <p><button type="submit">${t('common.sendButton')}</button></p></form>`;
  const reviewForms = html`<section class="card spaced" aria-labelledby="review"><h2 id="review">${t('report.review')}</h2>
    <form method="post" action="/reports/${r.id}/accept" class="spaced">${csrf}
      <label for="accept-comment">${t('report.comment')}</label>${errOf('accept')('comment')}
      <input id="accept-comment" name="comment" value="${typed('accept', 'comment')}">
      <p><button type="submit">${t('report.accept')}</button></p></form>
    <form method="post" action="/reports/${r.id}/return" class="spaced">${csrf}
      <label for="return-reason">${t('report.returnReason')}</label>${errOf('return')('reason')}
      <input id="return-reason" name="reason" required value="${typed('return', 'reason')}">
      <p><button type="submit" class="secondary">${t('report.return')}</button></p></form></section>`;
  return web.send(
    reply,
    request,
    `${r.directive.numberSymbol} – ${t('periodName', { key: r.period.key })}: ${r.unit.name}`,
    html`
    <p class="muted">${dates} · ${t('report.due')} ${new Date(r.period.dueAt)} · ${t('common.state')}: ${state}${late}</p>
    ${returnReason ? html`<p class="notice" id="returned">${t('report.returned', { reason: returnReason })}</p>` : ''}
    ${access.seesAll ? html`<p><a href="/periods/${r.period.id}">${t('report.periodConsolidated')}</a></p>` : ''}
    ${unplaced.length ? html`<div class="err" role="alert">${unplaced.map(([f, m]) => unplacedLine(f, m, request.lang))}</div>` : ''}
    ${r.text ? html`<h2>${t('report.whatWasSent')}</h2>${r.submittedAt ? html`<p class="muted">${t('report.sentAt', { at: html`${new Date(r.submittedAt)}`.value })}</p>` : ''}<p class="card pre" id="report-text">${r.text}</p>` : ''}
    ${r.targets.length ? html`<h2>${t('common.targets')}</h2>${table({ head: [t('common.target'), t('common.set'), t('common.reported')], body: r.targets.map(targetRow), id: 'values' })}` : ''}
    ${r.attachments.length ? html`<h2>${t('report.attachments')}</h2><ul id="attachments-list">${r.attachments.map(attachment)}</ul>` : ''}
    ${access.reviews && reviewable ? reviewForms : ''}
    ${access.submits && open ? submitForm : ''}`,
    { status: refused ? 400 : 200, ...(opts.done && { notice: t(`report.done.${opts.done}`) }) },
  );
}
