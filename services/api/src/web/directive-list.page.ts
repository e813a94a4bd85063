import type { FastifyReply, FastifyRequest } from 'fastify';
import { directiveFilterChoices } from '@dondoc/db';
import { byName, directiveTypes, formatDate, formatNumber, inBoth } from '@dondoc/domain';
import { directiveListQuery } from '../http/schemas.ts';
import { listDirectivesView } from '../views/directive.view.ts';
import { fieldErrors, sayTo, type Web, type WebUser } from './context.ts';
import { html, option, table } from './html.ts';

const directiveStates = ['issued', 'assigned', 'in_progress', 'reported', 'reviewed', 'closed', 'withdrawn'] as const;

/** The directive list: filters by year, issuer, type, state and overdue (the API's query schema), and the directives in words. */
export async function directiveListPage(web: Web, request: FastifyRequest, reply: FastifyReply, u: WebUser) {
  const t = sayTo(request);
  const lang = request.lang;
  // The API's filters, less the page's language and the search form's empty fields.
  const sent = Object.entries((request.query ?? {}) as Record<string, unknown>).filter(([, v]) => v !== '');
  const { lang: _, ...given } = Object.fromEntries(sent) as Record<string, unknown>;
  const parsed = directiveListQuery.safeParse({ pageSize: '100', ...given });
  if (!parsed.success) {
    const [field, message] = Object.entries(fieldErrors(parsed.error, lang))[0]!;
    return web.refuse(reply, request, 400, inBoth('directive.invalidFilter', { field, message }));
  }
  const { q, ...filter } = parsed.data;
  const [list, choices] = await Promise.all([listDirectivesView(web.deps.db, u, { ...filter, ...(q && { search: q }) }), directiveFilterChoices(web.deps.db)]);
  const all = html`<option value="">${t('directive.all')}</option>`;
  const select = (name: string, label: string, options: unknown) =>
    html`<div><label for="${name}">${label}</label><select id="${name}" name="${name}">${all}${options}</select></div>`;
  const years = choices.years.map((y) => option(String(y), y, filter.year === y));
  const issuers = byName(choices.issuers, (i) => i.name).map((i) => option(i.code, i.name, filter.issuer === i.code));
  const types = directiveTypes.map((k) => option(k, t('directiveType', { type: k }), filter.type === k));
  const states = directiveStates.map((s) => option(s, t('directive.state', { state: s }), filter.state === s));
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

  type Item = (typeof list.items)[number];
  const overdue = (x: number) => (x ? html`<span class="s s-overdue">${formatNumber(x, lang)}</span>` : '0');
  const directiveRow = (d: Item) =>
    html`<tr><td><a href="/directives/${d.id}">${d.numberSymbol}</a></td><td>${t('directiveType', { type: d.type })}</td><td>${formatDate(d.issuedOn)}</td><td>${d.subject ?? t('directive.classifiedSubject')}</td><td>${t('directive.state', { state: d.state })}</td><td>${formatNumber(d.assignments, lang)}</td><td>${overdue(d.overdue)}</td></tr>`;
  return web.send(
    reply,
    request,
    t('directive.directives'),
    html`${form}${table({
      head: [
        t('directive.number'),
        t('directive.type'),
        t('directive.issueDate'),
        t('directive.subject'),
        t('common.state'),
        t('directive.assignments'),
        t('common.overdue'),
      ],
      body: list.items.map(directiveRow),
      caption: t('directive.count', { n: formatNumber(list.total, lang) }),
      id: 'directives',
    })}`,
  );
}
