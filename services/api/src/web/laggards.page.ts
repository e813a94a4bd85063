import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { directiveFacets, lastReminderSent, loadCalendar, remindUnitNow } from '@dondoc/db';
import { code as unitCode, say, formatDate, formatInstant, formatNumber, localDateOf } from '@dondoc/domain';
import { sayTo, type Web, type WebUser } from './context.ts';
import { filterForm, filterOf, queryString, type DashboardQuery } from './dashboard.filter.ts';
import { sendCsv, sendXlsx } from './export.ts';
import { html, table, type Lang, type Raw } from './html.ts';
import { dashboardQueryOr400, unitLink } from './matrix.page.ts';
import { digestItems, laggingUnits, type LaggingUnit } from './queries.ts';

/** A unit is reminded by hand at most once an hour: more would be noise its officers learn to ignore. */
export const REMIND_INTERVAL_MS = 60 * 60 * 1000;

const remindBody = z.strictObject({ unit: unitCode });

const when = (d: Date | null) => (d ? formatDate(localDateOf(d)) : '—');

/**
 * The lagging units: per unit its overdue items (directive, task, working days late, times
 * returned, the Chairman's list), its contacts and, for the Office, "Nhắc ngay". The
 * Chairman and monitors read the same, without the button.
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
    const list = filter.unknownIssuer ? [] : await laggingUnits(deps.db, await loadCalendar(deps.db), new Date(), u.role, filter);
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
      const rows = list.flatMap((g) =>
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
    const n = (x: number) => formatNumber(x, lang);
    const qs = (extra: Record<string, string>) => queryString(q, extra);
    const summary = table({
      head: [t('common.unit'), t('dashboard.overdueItems'), t('dashboard.worst'), t('dashboard.chairmansList')],
      body: list.map(
        (g) =>
          html`<tr><th scope="row"><a href="/laggards${qs({ open: g.code })}#${g.code}">${g.name}</a></th><td>${n(g.items.length)}</td><td>${n(g.worst)}</td><td>${chairman(g)}</td></tr>`,
      ),
      caption: t('dashboard.laggingUnits'),
    });
    const exports = html`<p><a class="button" href="/laggards${qs({ format: 'xlsx' })}">${t('common.exportXlsx')}</a>
      <a href="/laggards${qs({ format: 'csv' })}">${t('common.exportCsv')}</a></p>`;
    // A success goes under the title (the frame's notice); a refusal is an alert at the top of the page.
    const shown = notice?.error ? html`<p class="err" role="alert">${notice.text}</p>` : '';
    return web.send(
      reply,
      request,
      t('dashboard.laggingUnits'),
      html`${shown}<p class="muted">${t('dashboard.laggardsHelp')}</p>
      ${filterForm('/laggards', q, facets, lang, false)}
      ${list.length ? html`${exports}${summary}${list.map((g) => unitDetails(g, u, lang, g.code === openCode))}` : html`<p class="notice">${t('dashboard.noLagging')}</p>`}`,
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
    const units = await laggingUnits(deps.db, await loadCalendar(deps.db), now, 'unit_officer');
    const unit = units.find((g) => g.code === body.data.unit);
    const q: DashboardQuery = {};
    if (!unit) {
      const known = await deps.db.selectFrom('units').select('name').where('code', '=', body.data.unit).executeTakeFirst();
      if (!known) return web.refuse(reply, request, 404, 'dashboard.noSuchUnit');
      return show(request, reply, u, q, { text: t('dashboard.nothingToRemind', { unit: known.name }), error: true, status: 409 }, body.data.unit);
    }
    // The unit's officers read their own tasks; a classified task's title stays out of the mail all the same (digestItems).
    const outcome = await remindUnitNow(deps.db, {
      unitId: unit.id,
      items: digestItems(unit),
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
    request.log.info({ unit: unit.code, recipients: outcome.sent, items: unit.items.length, by: u.userId }, 'unit reminded now');
    if (outcome.sent === 0)
      return show(request, reply, u, q, { text: t('dashboard.remindedNobody', { unit: unit.name }), error: true, status: 409 }, unit.code);
    return reply.redirect(`/laggards?reminded=${unit.code}#${unit.code}`, 303);
  });
}

/** One lagging unit, folded: its overdue items, its contacts, and the Office's button. */
function unitDetails(g: LaggingUnit, u: WebUser, lang: Lang, open: boolean): Raw {
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
      (i) =>
        html`<tr data-assignment="${i.assignmentId}"><td><a href="/directives/${i.directiveId}">${i.numberSymbol}</a></td>
        <td><a href="/assignments/${i.assignmentId}">${i.taskTitle ? `${i.taskOrdinal}. ${i.taskTitle}` : t('dashboard.taskNumber', { ordinal: i.taskOrdinal })}</a></td>
        <td>${when(i.dueAt)}</td><td>${n(i.workingDaysLate)}</td><td>${n(i.returns)}</td>
        <td>${i.onChairmansList ? t('dashboard.yes') : i.requested ? t('dashboard.requestedBody') : t('dashboard.no')}</td></tr>`,
    ),
    caption: t('dashboard.overdueItems'),
  });
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
    <summary>${t('dashboard.unitSummary', { name: g.name, items: n(g.items.length), worst: n(g.worst) })}</summary>
    <p>${unitLink(g)}</p>${items}${contacts}${remind}</details>`;
}
