import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { applyInTransaction, getUserRecord, unitReportIdOf, unitReportIdsByUnitCode } from '@dondoc/db';
import { DomainError, formatDate, formatNumber } from '@dondoc/domain';
import { consolidationCsv, consolidationXlsx } from '@dondoc/reports';
import { sendAttachment } from '../http/download.ts';
import { idParams } from '../http/schemas.ts';
import { consolidationView, periodAccess } from '../views/report.view.ts';
import { errorTexts, parseOr404, sayTo, type Web, type WebUser } from './context.ts';
import { html, table } from './html.ts';

const exportParams = idParams.extend({ format: z.enum(['csv', 'xlsx']) });
const doneQuery = z.object({ done: z.literal('approve').optional() }).catch({});
/** How the consolidated report names each unit's status. */
const statusKey = { missing: 'report.status.missing', late: 'report.late', pending: 'report.status.pending', on_time: 'report.onTime' } as const;

const noPeriod = (web: Web, request: FastifyRequest, reply: FastifyReply) => web.refuse(reply, request, 404, 'report.periodNotFound');

/**
 * A period's consolidated report for those who see every unit's report: the
 * units' statuses, the targets' figures, its XLSX and CSV, and the approval
 * by the monitoring unit or the Office once the period has closed (the same
 * engine command and preconditions as the API's `POST /periods/:id/approve`).
 */
export function periodPages(web: Web): void {
  const { app, deps } = web;

  app.get('/periods/:id', async (request, reply) => {
    const u = web.user(request, reply);
    if (!u) return;
    const params = idParams.safeParse(request.params);
    if (!params.success) return noPeriod(web, request, reply);
    const { done } = doneQuery.parse(request.query ?? {});
    return periodPage(web, request, reply, u, params.data.id, { done: !!done });
  });

  app.post('/periods/:id/approve', async (request, reply) => {
    const u = web.user(request, reply);
    if (!u) return;
    const params = parseOr404(web, idParams, request.params, request, reply);
    if (!params) return;
    const access = await periodAccess(deps.db, u, params.id).catch(() => null);
    if (!access) return noPeriod(web, request, reply);
    if (!access.reviews) return web.refuse(reply, request, 403, 'report.approvesOnly');
    try {
      const actor = { kind: 'user', userId: u.userId } as const;
      const cmd = { subject: { type: 'report_period', id: access.period.id } as const, event: { type: 'APPROVE' } as const, actor, requestId: request.id };
      await deps.db.transaction().execute((tx) => applyInTransaction(tx, cmd));
      return reply.redirect(`/periods/${access.period.id}?done=approve`);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      return periodPage(web, request, reply, u, access.period.id, { error: errorTexts(e)[request.lang] });
    }
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

async function periodPage(web: Web, request: FastifyRequest, reply: FastifyReply, u: WebUser, id: string, opts: { done?: boolean; error?: string }) {
  const { deps } = web;
  const { lang } = request;
  const t = sayTo(request);
  const access = await periodAccess(deps.db, u, id).catch(() => null);
  if (!access) return noPeriod(web, request, reply);
  if (!access.seesAll) {
    // A unit sees its own report of the period.
    const own = await unitReportIdOf(deps.db, access.period.id, u.unitId);
    return own ? reply.redirect(`/reports/${own}`) : noPeriod(web, request, reply);
  }
  const { period } = access;
  const [c, reportOf, approver] = await Promise.all([
    consolidationView(deps.db, access),
    unitReportIdsByUnitCode(deps.db, period.id),
    period.approved_by ? getUserRecord(deps.db, period.approved_by).catch(() => null) : null,
  ]);
  const n = (v: number | null) => (v === null ? '—' : formatNumber(v, lang));
  const counts = t('report.counts', {
    onTime: n(c.counts.onTime),
    late: n(c.counts.late),
    missing: n(c.counts.missing),
    pending: n(c.counts.pending),
    units: n(c.counts.units),
  });
  const download = (f: 'xlsx' | 'csv') =>
    html`<a class="button" id="download-${f}" href="/periods/${c.period.id}/consolidated.${f}">${t('report.download', { format: f.toUpperCase() })}</a>`;
  type Unit = (typeof c.units)[number];
  const unitName = (x: Unit) => (reportOf.has(x.unitCode) ? html`<a href="/reports/${reportOf.get(x.unitCode)}">${x.unitName}</a>` : x.unitName);
  const statusBadge = (x: Unit) =>
    html`<span class="s s-${x.status === 'on_time' ? 'done' : x.status === 'pending' ? 'on_time' : 'overdue'}">${t(statusKey[x.status])}</span>`;
  const unitRow = (x: Unit) =>
    html`<tr data-unit="${x.unitCode}"><td>${unitName(x)}</td><td>${statusBadge(x)}</td><td>${t('report.state', { state: x.state })}</td><td>${n(x.workingDaysLate)}</td></tr>`;
  const targetRow = (g: (typeof c.targets)[number]) =>
    html`<tr><td>${g.name ?? g.code}</td><td>${formatNumber(g.targetValue, lang)} ${g.unitOfMeasure}</td><td>${n(g.periodValue)}</td><td>${n(g.cumulative)}</td><td>${n(g.percentAchieved)}</td></tr>`;
  const approved = period.approved_at
    ? html`<p class="notice" id="approved">${t('report.approved', { who: approver?.name ?? '—', at: html`${period.approved_at}`.value })}</p>`
    : '';
  const csrf = html`<input type="hidden" name="_csrf" value="${u.csrf}">`;
  // Offered when the period kind's check would pass: the period closed, not yet approved.
  const approve =
    access.reviews && !period.approved_at
      ? period.state === 'closed'
        ? html`<form method="post" action="/periods/${period.id}/approve" class="spaced">${csrf}<button type="submit">${t('report.approve')}</button></form>`
        : html`<p class="muted">${t('report.notClosedYet')}</p>`
      : '';
  const title = `${t('report.consolidatedReport')}: ${c.directive.numberSymbol}, ${t('periodName', { key: c.period.key })}`;
  return web.send(
    reply,
    request,
    title,
    html`
    ${opts.error ? html`<p class="err" role="alert">${opts.error}</p>` : ''}
    <p class="muted">${t('report.periodDates', { from: formatDate(c.period.startsOn), to: formatDate(c.period.endsOn) })} · ${t('report.due')} ${new Date(c.period.dueAt)}
    · ${t('common.state')}: <strong id="period-state">${t('report.periodState', { state: period.state })}</strong></p>
    <p id="counts">${counts}</p>
    ${approved}${approve}
    <p>${download('xlsx')} ${download('csv')}</p>
    <h2>${t('report.units')}</h2>
    ${table({ head: [t('common.unit'), t('common.status'), t('common.state'), t('report.lateDays')], body: c.units.map(unitRow), id: 'units' })}
    <h2>${t('common.targets')}</h2>
    ${table({
      head: [t('common.target'), t('common.set'), t('report.thisPeriod'), t('report.toDate'), t('report.achievedPercent')],
      body: c.targets.map(targetRow),
      id: 'targets',
    })}`,
    { status: opts.error ? 400 : 200, ...(opts.done && { notice: t('report.done.approve') }) },
  );
}
