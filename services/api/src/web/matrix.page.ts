import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  cellKey,
  directiveFacets,
  loadCalendar,
  loadMatrix,
  loadMatrixExport,
  type MatrixDirective,
  type MatrixFilter,
  type MatrixUnit,
  type MatrixView,
  type Paged,
} from '@dondoc/db';
import { formatNumber, lightClock, type Light } from '@dondoc/domain';
import { sayTo, type Web } from './context.ts';
import { dashboardQuery, filterForm, filterOf, queryString, type DashboardQuery } from './dashboard.filter.ts';
import { sendCsv, sendXlsx } from './export.ts';
import { html, legend } from './html.ts';
import { badge } from './labels.ts';
import { pager, withQuery } from './pager.ts';
import { unitTiers } from './queries.ts';

export const unitLink = (r: { code: string; name: string }) => html`<a href="/units/${r.code}/scorecard">${r.name}</a>`;

/** Parses the dashboards' query; on failure answers 400 and returns null. */
export function dashboardQueryOr400(web: Web, request: FastifyRequest, reply: FastifyReply): DashboardQuery | null {
  const q = dashboardQuery.safeParse(request.query ?? {});
  if (q.success) return q.data;
  void web.refuse(reply, request, 400, 'dashboard.invalidFilter');
  return null;
}

/** Units on a page of the matrix, and directive columns on a page of columns: about 100 KB of HTML however large the province. */
const UNITS_PER_PAGE = 50;
const DIRECTIVES_PER_PAGE = 20;

/**
 * The compliance matrix: units × directives still followed up, each cell the unit's worst
 * status there, with filters, a legend and the header row in view. PostgreSQL gives every
 * unit's and directive's figures (packages/db matrix.queries.ts); the page shows one page of
 * units (most overdue first, or by name) × one page of directive columns (most units with the
 * status filtered on, else overdue, first; or by number), with pagers for both and their counts,
 * so every cell is reachable. On a
 * phone each unit is a card listing its status per directive in view, so nothing must be
 * scrolled sideways. The export holds every unit the filter keeps × the directive columns in view.
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
    const [facets, cal] = await Promise.all([directiveFacets(deps.db), loadCalendar(deps.db)]);
    const filter = filterOf(q, facets);
    const clock = lightClock(cal, new Date());
    const view: MatrixView = {
      sort: q.sort === 'name' ? 'name' : 'overdue',
      columns: q.colsort === 'number' ? 'number' : 'light',
      light: filter.light ?? 'overdue',
      page: q.page ?? 1,
      cols: q.cols ?? 1,
      pageSize: UNITS_PER_PAGE,
      colSize: DIRECTIVES_PER_PAGE,
    };
    const f: MatrixFilter = {
      ...(filter.year && { year: filter.year }),
      ...(filter.issuerUnitId && { issuerUnitId: filter.issuerUnitId }),
      ...(filter.type && { type: filter.type }),
      ...(filter.tier && { unitKinds: unitTiers[filter.tier] }),
      ...(filter.light && { light: filter.light }),
      ...(filter.overdueOnly && { overdueOnly: true }),
    };
    const lightText = (l: Light | undefined) => (l ? t('light', { light: l }) : '—');
    if (q.format) {
      const m = filter.unknownIssuer ? emptyExport : await loadMatrixExport(deps.db, clock, f, view);
      const head = [t('common.unit'), t('common.overdue'), t('dashboard.worst'), ...m.directives.items.map((d) => d.numberSymbol)];
      const rows = m.units.map((r) => [r.name, r.overdue, r.workingDaysLate, ...m.directives.items.map((d) => lightText(m.cells.get(cellKey(r.id, d.id))))]);
      return q.format === 'xlsx' ? sendXlsx(reply, 'ma-tran-thuc-hien', head, rows) : sendCsv(reply, 'ma-tran-thuc-hien', head, rows);
    }
    const m = filter.unknownIssuer ? emptyMatrix : await loadMatrix(deps.db, clock, f, view);
    const directives = m.directives.items;
    const cellOf = (r: MatrixUnit, d: MatrixDirective) => m.cells.get(cellKey(r.id, d.id)) ?? null;
    const n = (x: number) => formatNumber(x, lang);

    const columns = [
      html`<th scope="col">${t('common.unit')}</th>`,
      html`<th scope="col">${t('common.overdue')}</th>`,
      html`<th scope="col">${t('dashboard.worst')}</th>`,
      ...directives.map(
        (d) =>
          html`<th scope="col" title="${t('dashboard.overdueUnitsOf', { overdue: n(d.unitsIn.overdue), units: n(d.units) })}"><a href="/directives/${d.id}">${d.numberSymbol}</a></th>`,
      ),
    ];
    const cell = (c: Light | null) => html`<td class="cell" data-light="${c ?? 'none'}">${badge(c, lang)}</td>`;
    const row = (r: MatrixUnit) =>
      html`<tr data-unit="${r.code}"><th scope="row">${unitLink(r)}</th><td>${n(r.overdue)}</td><td>${n(r.workingDaysLate)}</td>${directives.map((d) => cell(cellOf(r, d)))}</tr>`;
    // table()'s markup (class "data": the header row stays in view) with links in the header, which table() takes as text; no stacking, the phone has the cards below.
    const grid = html`<div class="wrap"><table class="data" id="matrix"><thead><tr>${columns}</tr></thead><tbody>${m.units.items.map(row)}</tbody></table></div>`;
    // The phone's view of the same rows: a card per unit, its status in each directive in view it is named in.
    const card = (r: MatrixUnit) => {
      const statuses = directives
        .map((d) => [d, cellOf(r, d)] as const)
        .filter(([, c]) => c !== null)
        .map(([d, c]) => html`<li><a href="/directives/${d.id}">${d.numberSymbol}</a>: ${badge(c, lang)}</li>`);
      return html`<div class="card spaced" data-unit-card="${r.code}"><h3 class="small">${unitLink(r)}</h3>
        <p class="muted">${t('common.overdue')}: ${n(r.overdue)} · ${t('dashboard.worst')}: ${n(r.workingDaysLate)}</p><ul class="statuses">${statuses}</ul></div>`;
    };
    // The shared legend of the colours, and what an empty cell means here.
    const legendOf = html`${legend(lang)}<p class="muted">${badge(null, lang)} ${t('dashboard.notNamed')}</p>`;
    // Paging or re-sorting one axis keeps the other's page; a new order starts that axis again.
    const qs = (extra: Record<string, string>) => queryString(q, extra);
    const choice = (current: boolean, label: string, href: string) => (current ? html`<strong>${label}</strong>` : html`<a href="/matrix${href}">${label}</a>`);
    const sortLinks = html`${choice(view.sort === 'overdue', t('dashboard.mostOverdueFirst'), qs({ sort: 'overdue', page: '' }))} ·
      ${choice(view.sort === 'name', t('dashboard.byName'), qs({ sort: 'name', page: '' }))}`;
    const columnLinks = html`${choice(view.columns === 'light', t('dashboard.mostUnitsFirst', { light: t('light', { light: view.light }) }), qs({ colsort: '', cols: '' }))} ·
      ${choice(view.columns === 'number', t('dashboard.byNumber'), qs({ colsort: 'number', cols: '' }))}`;
    const exports = html`<p><a class="button" href="/matrix${qs({ format: 'xlsx', page: '' })}">${t('common.exportXlsx')}</a>
      <a href="/matrix${qs({ format: 'csv', page: '' })}">${t('common.exportCsv')}</a> <span class="muted">${t('dashboard.matrixExportHelp')}</span></p>`;
    const span = (p: Paged<unknown>) => ({ from: n(p.from), to: n(p.from + p.items.length - 1), total: n(p.total) });
    // The units' pager is the lists' one; the columns' has its own words and parameter.
    const unitPager = pager('/matrix', request.query, m.units.page, m.units.pages, t);
    const toColumns = (p: number) => withQuery('/matrix', request.query, { cols: p > 1 ? String(p) : null, notice: null });
    const { page: col, pages: cols } = m.directives;
    const columnPager =
      cols > 1
        ? html`<nav aria-label="${t('dashboard.directivePages')}" class="spaced">${col > 1 ? html`<a href="${toColumns(col - 1)}">${t('dashboard.previousDirectives')}</a>` : ''}
          <span>${t('common.pageOf', { page: n(col), pages: n(cols) })}</span>
          ${col < cols ? html`<a href="${toColumns(col + 1)}">${t('dashboard.nextDirectives')}</a>` : ''}</nav>`
        : '';
    const counts = html`<p class="muted" id="matrix-counts">${t('dashboard.matrixUnits', span(m.units))}. ${t('dashboard.matrixDirectives', span(m.directives))}.</p>`;
    const body = m.units.items.length
      ? html`${counts}${columnPager}<div class="desk-only">${grid}</div><div class="phone-only">${m.units.items.map(card)}</div>${unitPager}`
      : html`<p class="notice">${t('dashboard.noUnits')}</p>`;
    return web.send(
      reply,
      request,
      t('dashboard.complianceMatrix'),
      html`${filterForm('/matrix', q, facets, lang, true)}
      <p class="muted">${t('dashboard.cellHelp')} ${t('dashboard.sort')}: ${sortLinks}. ${t('dashboard.columns')}: ${columnLinks}.</p>
      ${legendOf}${exports}${body}`,
    );
  });
}

const nothing: Paged<never> = { items: [], total: 0, page: 1, pages: 1, from: 0 };
/** An issuer code no directive has: nothing matches (the query would need an id). */
const emptyMatrix = { units: nothing as Paged<MatrixUnit>, directives: nothing as Paged<MatrixDirective>, cells: new Map<string, Light>() };
const emptyExport = { units: [] as MatrixUnit[], directives: nothing as Paged<MatrixDirective>, cells: new Map<string, Light>() };
