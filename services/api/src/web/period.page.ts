import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { applyInTransaction, getUserRecord, unitReportIdOf, unitReportIdsByUnitCode } from '@dondoc/db';
import { DomainError, formatDate, formatNumber } from '@dondoc/domain';
import { consolidationCsv, consolidationXlsx, type UnitStatus } from '@dondoc/reports';
import { unitReportMachine } from '@dondoc/workflows';
import { sendAttachment } from '../http/download.ts';
import { idParams } from '../http/schemas.ts';
import { consolidationView, periodAccess } from '../views/report.view.ts';
import { errorTexts, parseOr404, sayTo, type Web, type WebUser } from './context.ts';
import { html, option, table, type Raw } from './html.ts';
import { pager, withQuery } from './pager.ts';

const exportParams = idParams.extend({ format: z.enum(['csv', 'xlsx']) });
const doneQuery = z.object({ done: z.literal('approve').optional() }).catch({});
/** How the consolidated report names each unit's status, in the consolidation's order (missing first). */
const statusKey = { missing: 'report.status.missing', late: 'report.late', pending: 'report.status.pending', on_time: 'report.onTime' } as const;
const statuses = Object.keys(statusKey) as [UnitStatus, ...UnitStatus[]];
const reportStates = Object.keys(unitReportMachine.states) as [string, ...string[]];
/** Units on a page of the consolidated report; the downloads hold every unit. */
const PAGE_SIZE = 100;
const ignored = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
const unitsQuery = z
  .object({
    status: ignored(z.enum(statuses)),
    state: ignored(z.enum(reportStates)),
    page: ignored(z.coerce.number().int().min(1).max(100_000)),
  })
  .catch({});
type UnitsQuery = z.infer<typeof unitsQuery>;

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
  // Every unit's status stays counted above; the table shows a page of the units the filters keep, in the consolidation's order.
  const q = unitsQuery.parse(request.query ?? {});
  const kept = c.units.filter((x) => (!q.status || x.status === q.status) && (!q.state || x.state === q.state));
  const page = q.page ?? 1;
  const shown = kept.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const filtered = !!(q.status || q.state || page > 1);
  const tools = c.units.length > PAGE_SIZE || filtered;
  const here = `/periods/${c.period.id}`;
  const unitsTable = shown.length
    ? table({
        head: [t('common.unit'), t('common.status'), t('common.state'), t('report.lateDays')],
        body: shown.map(unitRow),
        id: 'units',
        ...(tools && {
          caption: t('report.unitsShown', {
            from: n((page - 1) * PAGE_SIZE + 1),
            to: n((page - 1) * PAGE_SIZE + shown.length),
            total: n(kept.length),
            all: n(c.units.length),
          }),
        }),
      })
    : html`<p class="muted" id="units">${t('report.noUnitMatches')}</p>`;
  const unitsPart = html`${tools ? unitsForm(t, n, here, q, c.units, filtered) : ''}${unitsTable}${tools ? pager(here, { ...(request.query as object), done: null }, page, Math.ceil(kept.length / PAGE_SIZE), t, '#units') : ''}`;
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
    ${unitsPart}
    <h2>${t('common.targets')}</h2>
    ${table({
      head: [t('common.target'), t('common.set'), t('report.thisPeriod'), t('report.toDate'), t('report.achievedPercent')],
      body: c.targets.map(targetRow),
      id: 'targets',
    })}`,
    { status: opts.error ? 400 : 200, ...(opts.done && { notice: t('report.done.approve') }) },
  );
}

type Counted = { status: UnitStatus; state: string };

/**
 * The units' filters: by status (on time, late, missing, not yet due) and by the report's state
 * (not sent, returned, accepted…), each choice with how many units it keeps.
 */
function unitsForm(t: ReturnType<typeof sayTo>, n: (v: number) => string, action: string, q: UnitsQuery, units: Counted[], filtered: boolean): Raw {
  const count = (pick: (u: Counted) => boolean) => n(units.filter(pick).length);
  const byStateLinks = reportStates
    .filter((s) => units.some((u) => u.state === s))
    .map(
      (s) =>
        html`<li><a href="${withQuery(action, {}, { state: s })}#units-filter">${t('report.state', { state: s })}</a>: ${count((u) => u.state === s)}</li>`,
    );
  const all = html`<option value="">${t('directive.all')}</option>`;
  const byStatus = statuses.map((s) => option(s, t('report.choiceCount', { choice: t(statusKey[s]), n: count((u) => u.status === s) }), q.status === s));
  const byState = reportStates.map((s) =>
    option(s, t('report.choiceCount', { choice: t('report.state', { state: s }), n: count((u) => u.state === s) }), q.state === s),
  );
  return html`<form method="get" action="${action}" class="card spaced" role="search" id="units-filter" aria-label="${t('report.filterUnits')}">
    <p>${t('report.byReportState')}:</p><ul class="statuses" id="state-counts">${byStateLinks}</ul>
    <div class="grid">
      <div><label for="u-status">${t('common.status')}</label><select id="u-status" name="status">${all}${byStatus}</select></div>
      <div><label for="u-state">${t('report.reportState')}</label><select id="u-state" name="state">${all}${byState}</select></div>
    </div>
    <p><button type="submit">${t('directive.filter')}</button>${filtered ? html` <a href="${action}#units-filter">${t('directive.clearFilter')}</a>` : ''}</p>
  </form>`;
}
