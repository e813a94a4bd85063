import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { directiveFacets, lastReminderSent, remindUnitNow } from '@dondoc/db';
import { code as unitCode, say, formatDate, formatInstant, formatNumber, localDateOf } from '@dondoc/domain';
import { sayTo, type Web, type WebUser } from './context.ts';
import { filterForm, filterOf, queryString, type DashboardQuery } from './dashboard.filter.ts';
import { sendCsv, sendXlsx } from './export.ts';
import { percent } from './figures.view.ts';
import { html, table, type Lang, type Raw } from './html.ts';
import { everyLaggard, laggardsPage as laggardsOf, remindableItems, type LaggingItem, type LaggingUnitDetails } from './laggards.query.ts';
import { dashboardQueryOr400, unitLink } from './matrix.page.ts';

/** A unit is reminded by hand at most once an hour: more would be noise its officers learn to ignore. */
export const REMIND_INTERVAL_MS = 60 * 60 * 1000;

const remindBody = z.strictObject({ unit: unitCode });

const when = (d: Date | null) => (d ? formatDate(localDateOf(d)) : '—');

/** Lagging units on a page, and the overdue items shown of each (the worst; a link shows all of one unit's): about 200 KB of HTML however large the province. */
const UNITS_PER_PAGE = 25;
const ITEMS_PER_UNIT = 10;

/**
 * The lagging units, worst first, a page at a time with their count: per unit its overdue
 * items (directive, task, working days late, times returned, the Chairman's list; the worst
 * ten, with a link to all of them), its figures, its contacts and, for the Office, "Nhắc
 * ngay". The Chairman and monitors read the same, without the button. The export holds every
 * lagging unit under the filter with all its items.
 */
export function laggardsPage(web: Web): void {
  const { app, deps } = web;

  async function show(
    request: FastifyRequest,
    reply: FastifyReply,
    u: WebUser,
    q: DashboardQuery,
    notice?: { text: string; error: boolean; status: number },
    openCode?: string,
  ) {
    const t = sayTo(request);
    const lang = request.lang;
    const facets = await directiveFacets(deps.db);
    const filter = filterOf(q, facets);
    const now = new Date();
    const chairman = (i: { onChairmansList: boolean; requested: boolean }) =>
      i.onChairmansList ? t('dashboard.yes') : i.requested ? t('dashboard.requestedBody') : t('dashboard.no');
    const head = [
      t('common.unit'),
      t('dashboard.directive'),
      t('dashboard.task'),
      t('dashboard.deadline'),
      t('dashboard.daysLate'),
      t('dashboard.returns'),
      t('dashboard.chairmansList'),
    ];
    if (q.format) {
      const all = filter.unknownIssuer ? [] : await everyLaggard(deps.db, now, u.role, filter);
      const rows = all.flatMap((g) =>
        g.items.map((i) => [
          g.name,
          i.numberSymbol,
          i.taskTitle ? `${i.taskOrdinal}. ${i.taskTitle}` : t('dashboard.taskNumber', { ordinal: i.taskOrdinal }),
          when(i.dueAt),
          i.workingDaysLate,
          i.returns,
          chairman(i),
        ]),
      );
      return q.format === 'xlsx' ? sendXlsx(reply, 'don-vi-cham-thuc-hien', head, rows) : sendCsv(reply, 'don-vi-cham-thuc-hien', head, rows);
    }
    const view = { pageSize: UNITS_PER_PAGE, perUnit: ITEMS_PER_UNIT, ...(q.page && { page: q.page }), ...(openCode && { open: openCode }) };
    const shown = filter.unknownIssuer ? { units: [], total: 0, page: 1, pages: 1 } : await laggardsOf(deps.db, now, u.role, filter, view);
    const list = shown.units;
    const n = (x: number) => formatNumber(x, lang);
    // The page's own links keep the page the unit is on.
    const qs = (extra: Record<string, string>) => queryString({ ...q, page: shown.page > 1 ? shown.page : undefined }, extra);
    const summary = table({
      head: [t('common.unit'), t('dashboard.overdueItems'), t('dashboard.worst'), t('dashboard.chairmansList')],
      body: list.map(
        (g) =>
          html`<tr><th scope="row"><a href="/laggards${qs({ open: g.code })}#${g.code}">${g.name}</a></th><td>${n(g.overdue)}</td><td>${n(g.worst)}</td><td>${chairman(g)}</td></tr>`,
      ),
      caption: t('dashboard.laggingUnits'),
    });
    const exports = html`<p><a class="button" href="/laggards${qs({ format: 'xlsx', page: '' })}">${t('common.exportXlsx')}</a>
      <a href="/laggards${qs({ format: 'csv', page: '' })}">${t('common.exportCsv')}</a> <span class="muted">${t('dashboard.laggardsExportHelp')}</span></p>`;
    const from = (shown.page - 1) * UNITS_PER_PAGE + 1;
    const counts = html`<p class="muted" id="laggards-count">${t('dashboard.laggardsCount', { from: n(from), to: n(from + list.length - 1), total: n(shown.total) })}.</p>`;
    const pageLink = (p: number) => `/laggards${queryString({ ...q, page: p > 1 ? p : undefined })}`;
    const pager =
      shown.pages > 1
        ? html`<nav aria-label="${t('common.pages')}" class="spaced">${
            shown.page > 1 ? html`<a href="${pageLink(shown.page - 1)}" rel="prev">${t('common.previousPage')}</a>` : ''
          } <span>${t('common.pageOf', { page: n(shown.page), pages: n(shown.pages) })}</span> ${
            shown.page < shown.pages ? html`<a href="${pageLink(shown.page + 1)}" rel="next">${t('common.nextPage')}</a>` : ''
          }</nav>`
        : '';
    // A success goes under the title (the frame's notice); a refusal is an alert at the top of the page.
    const alert = notice?.error ? html`<p class="err" role="alert">${notice.text}</p>` : '';
    return web.send(
      reply,
      request,
      t('dashboard.laggingUnits'),
      html`${alert}<p class="muted">${t('dashboard.laggardsHelp')}</p>
      ${filterForm('/laggards', q, facets, lang, false)}
      ${
        list.length
          ? html`${exports}${counts}${summary}${list.map((g) => unitDetails(g, u, lang, g.code === openCode, `/laggards${qs({ open: g.code })}#${g.code}`))}${pager}`
          : html`<p class="notice">${t('dashboard.noLagging')}</p>`
      }`,
      { status: notice?.status ?? 200, ...(notice && !notice.error && { notice: notice.text }) },
    );
  }

  app.get('/laggards', async (request, reply) => {
    const u = web.provinceWide(request, reply);
    if (!u) return reply;
    const q = dashboardQueryOr400(web, request, reply);
    if (!q) return reply;
    const t = sayTo(request);
    // The notice after "Nhắc ngay" says what the database holds: a reminder to that unit within the hour, to how many.
    const unit = q.reminded ? await deps.db.selectFrom('units').select(['id', 'name']).where('code', '=', q.reminded).executeTakeFirst() : undefined;
    const sent = unit ? await lastReminderSent(deps.db, unit.id) : undefined;
    const recent = sent && Date.now() - sent.at.getTime() < REMIND_INTERVAL_MS;
    const notice = unit && sent && recent ? { text: t('dashboard.reminded', { unit: unit.name, n: sent.recipients }), error: false, status: 200 } : undefined;
    return show(request, reply, u, q, notice, q.reminded || q.open);
  });

  // "Nhắc ngay": the Office only; answered with the page again (a refusal) or a redirect to it with the notice.
  app.post('/laggards', async (request, reply) => {
    const u = web.provinceWide(request, reply);
    if (!u) return reply;
    const t = sayTo(request);
    if (u.role !== 'office') return web.refuse(reply, request, 403, 'dashboard.officeReminds');
    const body = remindBody.safeParse(Object.fromEntries(Object.entries((request.body ?? {}) as Record<string, unknown>).filter(([k]) => k !== '_csrf')));
    if (!body.success) return web.refuse(reply, request, 400, 'dashboard.noSuchUnit');
    const now = new Date();
    const unit = await deps.db.selectFrom('units').select(['id', 'code', 'name']).where('code', '=', body.data.unit).executeTakeFirst();
    if (!unit) return web.refuse(reply, request, 404, 'dashboard.noSuchUnit');
    const q: DashboardQuery = {};
    // Every overdue item of the unit, whatever page or filter the Office was reading.
    const items = await remindableItems(deps.db, now, unit);
    if (items.length === 0)
      return show(request, reply, u, q, { text: t('dashboard.nothingToRemind', { unit: unit.name }), error: true, status: 409 }, unit.code);
    const outcome = await remindUnitNow(deps.db, {
      unitId: unit.id,
      items,
      sentBy: { userId: u.userId, name: u.name },
      now,
      date: localDateOf(now),
      minIntervalMs: REMIND_INTERVAL_MS,
      requestId: request.id,
    });
    if ('refusedUntil' in outcome) {
      return show(
        request,
        reply,
        u,
        q,
        { text: t('dashboard.remindTooSoon', { unit: unit.name, at: formatInstant(outcome.refusedUntil) }), error: true, status: 429 },
        unit.code,
      );
    }
    request.log.info({ unit: unit.code, recipients: outcome.sent, items: items.length, by: u.userId }, 'unit reminded now');
    if (outcome.sent === 0)
      return show(request, reply, u, q, { text: t('dashboard.remindedNobody', { unit: unit.name }), error: true, status: 409 }, unit.code);
    return reply.redirect(`/laggards?reminded=${unit.code}#${unit.code}`, 303);
  });
}

/** One lagging unit, folded: its overdue items (the worst, or all when unfolded by a link), its figures, its contacts, and the Office's button. */
function unitDetails(g: LaggingUnitDetails, u: WebUser, lang: Lang, open: boolean, allItems: string): Raw {
  const t = say(lang);
  const n = (x: number) => formatNumber(x, lang);
  const items = table({
    head: [
      t('dashboard.directive'),
      t('dashboard.task'),
      t('dashboard.deadline'),
      t('dashboard.daysLate'),
      t('dashboard.returns'),
      t('dashboard.chairmansList'),
    ],
    body: g.items.map(
      (i: LaggingItem) =>
        html`<tr data-assignment="${i.assignmentId}"><td><a href="/directives/${i.directiveId}">${i.numberSymbol}</a></td>
        <td><a href="/assignments/${i.assignmentId}">${i.taskTitle ? `${i.taskOrdinal}. ${i.taskTitle}` : t('dashboard.taskNumber', { ordinal: i.taskOrdinal })}</a></td>
        <td>${when(i.dueAt)}</td><td>${n(i.workingDaysLate)}</td><td>${n(i.returns)}</td>
        <td>${i.onChairmansList ? t('dashboard.yes') : i.requested ? t('dashboard.requestedBody') : t('dashboard.no')}</td></tr>`,
    ),
    caption: t('dashboard.overdueItems'),
  });
  const rest =
    g.items.length < g.overdue
      ? html`<p class="muted">${t('dashboard.worstItemsShown', { shown: n(g.items.length), total: n(g.overdue) })} <a href="${allItems}">${t('dashboard.seeAllItems')}</a></p>`
      : '';
  const f = g.figures;
  const figures = html`<h3 class="small">${t('dashboard.unitFigures')}</h3><p data-unit-figures="${g.code}">${t('dashboard.doneOnTime')}: ${n(f.doneOnTime)} ·
    ${t('dashboard.doneLate')}: ${n(f.doneLate)} · ${t('dashboard.openOnTime')}: ${n(f.openOnTime)} · ${t('dashboard.openOverdue')}: ${n(f.openOverdue)} ·
    ${t('dashboard.onTimeRate')}: ${percent(f.onTimeRate, lang)}</p>`;
  const c = g.contact;
  const person = (role: string, name: string | null, email: string | null) =>
    email ? html`<li>${role}: ${name ?? ''} <a href="mailto:${email}">${email}</a></li>` : '';
  const others = c.people.filter((p) => p.email.toLowerCase() !== c.head_email?.toLowerCase() && p.email.toLowerCase() !== c.focal_email?.toLowerCase());
  const contacts = html`<h3 class="small">${t('dashboard.contact')}</h3><ul>
    ${person(t('dashboard.head'), c.head_name, c.head_email)}${person(t('dashboard.focal'), c.focal_name, c.focal_email)}
    ${others.map((p) => person(p.role === 'unit_head' ? t('dashboard.head') : t('dashboard.focal'), p.name, p.email))}</ul>
    <p class="muted">${t('dashboard.noPhone')}</p>`;
  const remind =
    u.role === 'office'
      ? html`<form method="post" action="/laggards" class="spaced"><input type="hidden" name="_csrf" value="${u.csrf}"><input type="hidden" name="unit" value="${g.code}">
        <button type="submit">${t('dashboard.remindNow')}</button> <span class="muted">${t('dashboard.remindHelp')}</span></form>`
      : '';
  return html`<details class="unit" id="${g.code}" data-unit="${g.code}"${open ? html` open` : ''}>
    <summary>${t('dashboard.unitSummary', { name: g.name, items: n(g.overdue), worst: n(g.worst) })}</summary>
    <p>${unitLink(g)}</p>${items}${rest}${figures}${contacts}${remind}</details>`;
}
