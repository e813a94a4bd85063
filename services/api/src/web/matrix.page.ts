import type { FastifyReply, FastifyRequest } from 'fastify';
import { directiveFacets, loadCalendar } from '@dondoc/db';
import { compareVi, formatNumber, type Light } from '@dondoc/domain';
import { sayTo, type Web } from './context.ts';
import { dashboardQuery, filterForm, filterOf, queryString, type DashboardQuery } from './dashboard.filter.ts';
import { sendCsv, sendXlsx } from './export.ts';
import { html, legend } from './html.ts';
import { badge } from './labels.ts';
import { complianceMatrix } from './queries.ts';

export const unitLink = (r: { code: string; name: string }) => html`<a href="/units/${r.code}/scorecard">${r.name}</a>`;

/** Parses the dashboards' query; on failure answers 400 and returns null. */
export function dashboardQueryOr400(web: Web, request: FastifyRequest, reply: FastifyReply): DashboardQuery | null {
  const q = dashboardQuery.safeParse(request.query ?? {});
  if (q.success) return q.data;
  void web.refuse(reply, request, 400, 'dashboard.invalidFilter');
  return null;
}

/**
 * The compliance matrix: units × directives still followed up, each cell the unit's worst
 * status there, with filters, a legend and the header row in view. On a phone each unit is a
 * card listing its status per directive, so nothing must be scrolled sideways.
 */
export function matrixPage(web: Web): void {
  const { app, deps } = web;
  app.get('/matrix', async (request, reply) => {
    const u = web.provinceWide(request, reply);
    if (!u) return reply;
    const q = dashboardQueryOr400(web, request, reply);
    if (!q) return reply;
    const t = sayTo(request);
    const lang = request.lang;
    const facets = await directiveFacets(deps.db);
    const filter = filterOf(q, facets);
    const now = new Date();
    const m = filter.unknownIssuer ? { directives: [], units: [] } : await complianceMatrix(deps.db, await loadCalendar(deps.db), now, filter);
    if (q.sort === 'name') m.units.sort((a, b) => compareVi(a.name, b.name));

    const head = [t('common.unit'), t('common.overdue'), ...m.directives.map((d) => d.numberSymbol)];
    const lightText = (l: Light | null) => (l ? t('light', { light: l }) : '—');
    if (q.format) {
      const rows = m.units.map((r) => [r.name, r.overdue, ...r.cells.map(lightText)]);
      return q.format === 'xlsx' ? sendXlsx(reply, 'ma-tran-thuc-hien', head, rows) : sendCsv(reply, 'ma-tran-thuc-hien', head, rows);
    }

    const columns = [
      html`<th scope="col">${t('common.unit')}</th>`,
      html`<th scope="col">${t('common.overdue')}</th>`,
      ...m.directives.map((d) => html`<th scope="col"><a href="/directives/${d.id}">${d.numberSymbol}</a></th>`),
    ];
    const cell = (c: Light | null) => html`<td class="cell" data-light="${c ?? 'none'}">${badge(c, lang)}</td>`;
    const row = (r: (typeof m.units)[number]) =>
      html`<tr data-unit="${r.code}"><th scope="row">${unitLink(r)}</th><td>${formatNumber(r.overdue, lang)}</td>${r.cells.map(cell)}</tr>`;
    // table()'s markup (class "data": the header row stays in view) with links in the header, which table() takes as text; no stacking, the phone has the cards below.
    const grid = html`<div class="wrap"><table class="data" id="matrix"><thead><tr>${columns}</tr></thead><tbody>${m.units.map(row)}</tbody></table></div>`;
    // The phone's view of the same rows: a card per unit, its status in each directive it is named in.
    const card = (r: (typeof m.units)[number]) => {
      const statuses = m.directives
        .map((d, i) => [d, r.cells[i]] as const)
        .filter(([, c]) => c !== null)
        .map(([d, c]) => html`<li><a href="/directives/${d.id}">${d.numberSymbol}</a>: ${badge(c!, lang)}</li>`);
      return html`<div class="card spaced" data-unit-card="${r.code}"><h3 class="small">${unitLink(r)}</h3>
        <p class="muted">${t('common.overdue')}: ${formatNumber(r.overdue, lang)}</p><ul class="statuses">${statuses}</ul></div>`;
    };
    // The shared legend of the colours, and what an empty cell means here.
    const legendOf = html`${legend(lang)}<p class="muted">${badge(null, lang)} ${t('dashboard.notNamed')}</p>`;
    const qs = (extra: Record<string, string>) => queryString(q, extra);
    const sortLinks =
      q.sort === 'name'
        ? html`<a href="/matrix${qs({ sort: 'overdue' })}">${t('dashboard.mostOverdueFirst')}</a> · <strong>${t('dashboard.byName')}</strong>`
        : html`<strong>${t('dashboard.mostOverdueFirst')}</strong> · <a href="/matrix${qs({ sort: 'name' })}">${t('dashboard.byName')}</a>`;
    const exports = html`<p><a class="button" href="/matrix${qs({ format: 'xlsx' })}">${t('common.exportXlsx')}</a>
      <a href="/matrix${qs({ format: 'csv' })}">${t('common.exportCsv')}</a></p>`;
    const body = m.units.length
      ? html`<div class="desk-only">${grid}</div><div class="phone-only">${m.units.map(card)}</div>`
      : html`<p class="notice">${t('dashboard.noUnits')}</p>`;
    return web.send(
      reply,
      request,
      t('dashboard.complianceMatrix'),
      html`${filterForm('/matrix', q, facets, lang, true)}
      <p class="muted">${t('dashboard.cellHelp')} ${t('dashboard.unitsShown', { n: formatNumber(m.units.length, lang) })}.
        ${t('dashboard.sort')}: ${sortLinks}</p>
      ${legendOf}${exports}${body}`,
    );
  });
}
