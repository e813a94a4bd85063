import type { FastifyReply, FastifyRequest } from 'fastify';
import { directiveFilterChoices } from '@dondoc/db';
import { DIRECTIVE_STATES } from '@dondoc/workflows';
import { byName, directiveTypes, formatDate, formatNumber, inBoth } from '@dondoc/domain';
import { directiveListQuery } from '../http/schemas.ts';
import { listDirectivesView } from '../views/directive.view.ts';
import { fieldErrors, sayTo, type Web, type WebUser } from './context.ts';
import { exportFormat, sendCsv, sendXlsx } from './export.ts';
import { html, option, table } from './html.ts';
import { pager, withQuery } from './pager.ts';

/** A page of the list; an export takes every page of the filtered list, up to this many rows. */
const PAGE_SIZE = 100;
const EXPORT_LIMIT = 10_000;

/** The directive list: filters by year, issuer, type, state and overdue (the API's query schema), and the directives in words. */
export async function directiveListPage(web: Web, request: FastifyRequest, reply: FastifyReply, u: WebUser) {
  const t = sayTo(request);
  const lang = request.lang;
  // The API's filters, less the page's language and the search form's empty fields.
  const sent = Object.entries((request.query ?? {}) as Record<string, unknown>).filter(([, v]) => v !== '');
  const { lang: _, format: _format, ...given } = Object.fromEntries(sent) as Record<string, unknown>;
  const format = exportFormat(request.query);
  const parsed = directiveListQuery.safeParse({ ...given, pageSize: String(PAGE_SIZE) });
  if (!parsed.success) {
    const [field, message] = Object.entries(fieldErrors(parsed.error, lang))[0]!;
    return web.refuse(reply, request, 400, inBoth('directive.invalidFilter', { field, message }));
  }
  const { q, ...filter } = parsed.data;
  const criteria = { ...filter, ...(q && { search: q }) };
  if (format) return exportList(reply, u, web, criteria, format, t);
  const [list, choices] = await Promise.all([listDirectivesView(web.deps.db, u, criteria), directiveFilterChoices(web.deps.db)]);
  const all = html`<option value="">${t('directive.all')}</option>`;
  const select = (name: string, label: string, options: unknown) =>
    html`<div><label for="${name}">${label}</label><select id="${name}" name="${name}">${all}${options}</select></div>`;
  const years = choices.years.map((y) => option(String(y), y, filter.year === y));
  const issuers = byName(choices.issuers, (i) => i.name).map((i) => option(i.code, i.name, filter.issuer === i.code));
  const types = directiveTypes.map((k) => option(k, t('directiveType', { type: k }), filter.type === k));
  const states = DIRECTIVE_STATES.map((s) => option(s, t('directive.state', { state: s }), filter.state === s));
  const overdueOnly = html`<input type="checkbox" class="check" name="overdue" value="true" ${filter.overdue === true ? html`checked` : ''}>`;
  const form = html`<form method="get" action="/directives" class="card" role="search">
    <label for="q">${t('directive.search')}</label><input id="q" name="q" value="${q ?? ''}">
    <div class="grid">
      ${select('year', t('directive.year'), years)}
      ${select('issuer', t('directive.issuer'), issuers)}
      ${select('type', t('directive.type'), types)}
      ${select('state', t('common.state'), states)}
    </div>
    <label>${overdueOnly} ${t('directive.onlyOverdue')}</label>
    <p><button type="submit">${t('directive.filter')}</button></p>
  </form>`;

  const overdue = (x: number) => (x ? html`<span class="s s-overdue">${formatNumber(x, lang)}</span>` : '0');
  const directiveRow = (d: ListItem) =>
    html`<tr><td><a href="/directives/${d.id}">${d.numberSymbol}</a></td><td>${t('directiveType', { type: d.type })}</td><td>${formatDate(d.issuedOn)}</td><td>${d.subject ?? t('directive.classifiedSubject')}</td><td>${t('directive.state', { state: d.state })}</td><td>${formatNumber(d.assignments, lang)}</td><td>${overdue(d.overdue)}</td></tr>`;
  return web.send(
    reply,
    request,
    t('directive.directives'),
    html`${form}${exports(request.query, t)}${table({
      head: listHead(t),
      body: list.items.map(directiveRow),
      caption: t('directive.count', { n: formatNumber(list.total, lang) }),
      id: 'directives',
    })}${pager('/directives', request.query, filter.page, Math.ceil(list.total / PAGE_SIZE), t)}`,
  );
}

type Say = ReturnType<typeof sayTo>;
type Criteria = Parameters<typeof listDirectivesView>[2];
type ListItem = Awaited<ReturnType<typeof listDirectivesView>>['items'][number];

const listHead = (t: Say) => [
  t('directive.number'),
  t('directive.type'),
  t('directive.issueDate'),
  t('directive.subject'),
  t('common.state'),
  t('directive.assignments'),
  t('common.overdue'),
];

/** "Xuất Excel" and CSV of the list as filtered (every page of it). */
const exports = (query: unknown, t: Say) =>
  html`<p><a class="button" href="${withQuery('/directives', query, { format: 'xlsx', page: null })}">${t('common.exportXlsx')}</a>
    <a href="${withQuery('/directives', query, { format: 'csv', page: null })}">${t('common.exportCsv')}</a></p>`;

/** Every page of the filtered list as a file, in the list's columns and words. */
async function exportList(reply: FastifyReply, u: WebUser, web: Web, criteria: Criteria, format: 'xlsx' | 'csv', t: Say) {
  const rows: (string | number)[][] = [];
  for (let page = 1; rows.length < EXPORT_LIMIT; page++) {
    const list = await listDirectivesView(web.deps.db, u, { ...criteria, page, pageSize: PAGE_SIZE });
    for (const d of list.items)
      rows.push([
        d.numberSymbol,
        t('directiveType', { type: d.type }),
        formatDate(d.issuedOn),
        d.subject ?? t('directive.classifiedSubject'),
        t('directive.state', { state: d.state }),
        d.assignments,
        d.overdue,
      ]);
    if (page * PAGE_SIZE >= list.total) break;
  }
  return format === 'xlsx' ? sendXlsx(reply, 'van-ban', listHead(t), rows) : sendCsv(reply, 'van-ban', listHead(t), rows);
}
