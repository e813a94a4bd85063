import { z } from 'zod';
import { byName, code as unitCode, directiveTypes, say, trafficLights, type Light } from '@dondoc/domain';
import { html, option, type Lang, type Raw } from './html.ts';
import { unitTiers, type DashboardFilter, type UnitTier } from './queries.ts';

/**
 * The dashboards' filters, as a GET form: the query's schema, and the form that
 * sends it back. Empty fields mean "all". `format` asks for the list as a file.
 */
const empty = z.literal('').transform(() => undefined);
export const dashboardQuery = z.strictObject({
  year: z.union([empty, z.coerce.number().int().min(1990).max(2100)]).optional(),
  issuer: z.union([empty, unitCode]).optional(),
  type: z.union([empty, z.enum(directiveTypes)]).optional(),
  tier: z.union([empty, z.enum(Object.keys(unitTiers) as [UnitTier, ...UnitTier[]])]).optional(),
  status: z.union([empty, z.enum(trafficLights)]).optional(),
  overdue: z.union([empty, z.literal('1')]).optional(),
  sort: z.enum(['name', 'overdue']).optional(),
  /** The page of a paged list (the matrix's units), 1-based. */
  page: z.union([empty, z.coerce.number().int().min(1).max(100_000)]).optional(),
  /** The matrix's page of directive columns, 1-based, and their order: most units with the status filtered on (else overdue) first, or by number. */
  cols: z.union([empty, z.coerce.number().int().min(1).max(100_000)]).optional(),
  colsort: z.enum(['light', 'number']).optional(),
  format: z.enum(['xlsx', 'csv']).optional(),
  lang: z.enum(['vi', 'en']).optional(),
  // The page frame's one-off notice (`?notice=<name>`), shown by the layout, not a filter.
  notice: z.string().max(64).optional(),
  reminded: z.union([empty, unitCode]).optional(),
  /** The lagging unit to show unfolded (a link from the summary or the first page; no script opens a <details>). */
  open: z.union([empty, unitCode]).optional(),
});
export type DashboardQuery = z.infer<typeof dashboardQuery>;

export interface Facets {
  years: number[];
  issuers: { id: string; code: string; name: string }[];
}

/** The query as the queries' filter: the issuer's code resolved to its id (an unknown code matches nothing). */
export function filterOf(q: DashboardQuery, facets: Facets): DashboardFilter & { unknownIssuer?: boolean } {
  const issuer = q.issuer ? facets.issuers.find((i) => i.code === q.issuer) : undefined;
  return {
    ...(q.year && { year: q.year }),
    ...(issuer && { issuerUnitId: issuer.id }),
    ...(q.issuer && !issuer && { unknownIssuer: true }),
    ...(q.type && { type: q.type }),
    ...(q.tier && { tier: q.tier }),
    ...(q.status && { light: q.status as Light }),
    ...(q.overdue && { overdueOnly: true }),
  };
}

/** The filters, order and pages of the query again, as a query string (for the export, sort and page links), without `format`; an `extra` of '' drops a parameter. */
export function queryString(q: DashboardQuery, extra: Record<string, string> = {}): string {
  const { year, issuer, type, tier, status, overdue, sort, page, cols, colsort } = q;
  const keep = Object.entries({ year, issuer, type, tier, status, overdue, sort, page, cols, colsort, ...extra })
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`);
  return keep.length ? `?${keep.join('&')}` : '';
}

/** The filter form; `withStatus` adds the status and "only overdue" fields (the matrix's). */
export function filterForm(action: string, q: DashboardQuery, facets: Facets, lang: Lang, withStatus: boolean): Raw {
  const t = say(lang);
  const all = html`<option value="">${t('dashboard.any')}</option>`;
  const select = (name: string, label: string, options: Raw[]) =>
    html`<div><label for="f-${name}">${label}</label><select id="f-${name}" name="${name}">${all}${options}</select></div>`;
  const issuers = byName(facets.issuers, (i) => i.name);
  const fields = [
    select(
      'year',
      t('dashboard.year'),
      facets.years.map((y) => option(String(y), String(y), q.year === y)),
    ),
    select(
      'issuer',
      t('dashboard.issuer'),
      issuers.map((i) => option(i.code, i.name, q.issuer === i.code)),
    ),
    select(
      'type',
      t('dashboard.directiveType'),
      directiveTypes.map((d) => option(d, t('directiveType', { type: d }), q.type === d)),
    ),
    select(
      'tier',
      t('dashboard.tier'),
      (Object.keys(unitTiers) as UnitTier[]).map((k) => option(k, t('dashboard.tierName', { tier: k }), q.tier === k)),
    ),
    ...(withStatus
      ? [
          select(
            'status',
            t('dashboard.status'),
            (['overdue', 'due_soon', 'on_time', 'done'] as const).map((l) => option(l, t('light', { light: l }), q.status === l)),
          ),
          html`<div><label for="f-overdue"><input type="checkbox" class="check" id="f-overdue" name="overdue" value="1"${q.overdue ? html` checked` : ''}> ${t('dashboard.overdueOnly')}</label></div>`,
        ]
      : []),
  ];
  return html`<form method="get" action="${action}" class="card spaced" aria-label="${t('dashboard.filters')}">
    <div class="grid">${fields}</div>
    ${q.sort ? html`<input type="hidden" name="sort" value="${q.sort}">` : ''}
    ${q.colsort ? html`<input type="hidden" name="colsort" value="${q.colsort}">` : ''}
    <p><button type="submit">${t('dashboard.apply')}</button> <a href="${action}">${t('dashboard.clear')}</a></p></form>`;
}
