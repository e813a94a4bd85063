import { z } from 'zod';
import { loadCalendar } from '@dondoc/db';
import { code as unitCode } from '@dondoc/domain';
import { parseOr404, sayTo, sees, type Web } from './context.ts';
import { html } from './html.ts';
import { badge } from './labels.ts';
import { complianceMatrix, laggards, scorecard } from './queries.ts';

const unitParams = z.strictObject({ code: unitCode });

/** The province-wide pages (the compliance matrix, the lagging units) and a unit's scorecard. */
export function dashboardPages(web: Web): void {
  const { app, deps } = web;

  app.get('/matrix', async (request, reply) => {
    const u = web.provinceWide(request, reply);
    if (!u) return reply;
    const t = sayTo(request);
    const m = await complianceMatrix(deps.db, await loadCalendar(deps.db), new Date());
    const byName = (request.query as Record<string, unknown>).sort === 'name';
    if (byName) m.units.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    return web.send(reply, request, t('dashboard.complianceMatrix'), html`
      <p class="muted">${t('dashboard.cellHelp')}
        ${t('dashboard.sort')}: ${byName ? html`<a href="/matrix">${t('dashboard.mostOverdueFirst')}</a> · <strong>${t('dashboard.byName')}</strong>` : html`<strong>${t('dashboard.mostOverdueFirst')}</strong> · <a href="/matrix?sort=name">${t('dashboard.byName')}</a>`}</p>
      <div class="wrap"><table id="matrix"><thead><tr><th scope="col">${t('common.unit')}</th><th scope="col">${t('common.overdue')}</th>${m.directives.map(([id, n]) => html`<th scope="col"><a href="/directives/${id}">${n}</a></th>`)}</tr></thead>
      <tbody>${m.units.map((r) => html`<tr data-unit="${r.code}"><th scope="row"><a href="/units/${r.code}/scorecard">${r.name}</a></th><td>${r.overdue}</td>${r.cells.map((c) => html`<td class="cell" data-light="${c ?? 'none'}">${badge(c, request.lang)}</td>`)}</tr>`)}</tbody></table></div>`);
  });

  app.get('/laggards', async (request, reply) => {
    const u = web.provinceWide(request, reply);
    if (!u) return reply;
    const t = sayTo(request);
    const list = await laggards(deps.db, await loadCalendar(deps.db), new Date());
    return web.send(reply, request, t('dashboard.laggingUnits'), html`<div class="wrap"><table><thead><tr><th scope="col">${t('common.unit')}</th><th scope="col">${t('dashboard.overdueItems')}</th><th scope="col">${t('dashboard.worst')}</th><th scope="col">${t('dashboard.lateThisYear')}</th><th scope="col">${t('dashboard.chairmansList')}</th></tr></thead>
      <tbody>${list.map((r) => html`<tr><th scope="row"><a href="/units/${r.code}/scorecard">${r.name}</a></th><td>${r.items}</td><td>${r.worst}</td><td>${r.lateThisYear}</td><td>${r.onChairmansList ? t('dashboard.yes') : r.requested ? t('dashboard.requestedBody') : '—'}</td></tr>`)}</tbody></table></div>`);
  });

  app.get('/units/:code/scorecard', async (request, reply) => {
    const u = web.user(request, reply);
    if (!u) return;
    const t = sayTo(request);
    const params = parseOr404(web, unitParams, request.params, request, reply);
    if (!params) return;
    const { code } = params;
    if (!sees(u) && u.unitCode !== code) return web.refuse(reply, request, 403, 'dashboard.notYourUnit');
    const s = await scorecard(deps.db, await loadCalendar(deps.db), new Date(), code);
    if (!s) return web.refuse(reply, request, 404, 'dashboard.noSuchUnit');
    const max = Math.max(1, ...s.trend.map((t) => t.late));
    const bars = s.trend.map((t, i) => html`<g><rect x="${i * 44 + 4}" y="${110 - (t.late / max) * 100}" width="34" height="${(t.late / max) * 100}" fill="#8a1c14"></rect><text x="${i * 44 + 21}" y="126" font-size="10" text-anchor="middle">${t.month.slice(2)}</text><text x="${i * 44 + 21}" y="${104 - (t.late / max) * 100}" font-size="10" text-anchor="middle">${t.late}</text></g>`);
    return web.send(reply, request, `${t('dashboard.scorecard')}: ${s.unit.name}`, html`
      <div class="grid">
        <div class="card"><div class="muted">${t('dashboard.onTimeRate')}</div><div class="big">${s.onTimeRate === null ? '—' : `${s.onTimeRate}%`}</div></div>
        <div class="card"><div class="muted">${t('dashboard.averageDelay')}</div><div class="big">${s.averageDelay}</div></div>
        <div class="card"><div class="muted">${t('dashboard.openOverdue')}</div><div class="big">${s.openOverdue}</div></div>
        <div class="card"><div class="muted">${t('common.assignments')}</div><div class="big">${s.assignments}</div></div>
      </div>
      <h2>${t('dashboard.deadlinesMissedByMonth')}</h2>
      <svg role="img" aria-label="${t('dashboard.chartLabel')}" viewBox="0 0 ${Math.max(1, s.trend.length) * 44 + 8} 132" width="100%" class="chart">${bars}</svg>`);
  });
}
