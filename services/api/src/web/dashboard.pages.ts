import { z } from 'zod';
import { loadCalendar } from '@dondoc/db';
import { code as unitCode, type Light } from '@dondoc/domain';
import { parseOr404, sayTo, sees, type Web } from './context.ts';
import { html, thead } from './html.ts';
import { badge } from './labels.ts';
import { complianceMatrix, laggards, scorecard } from './queries.ts';

const unitParams = z.strictObject({ code: unitCode });
const unitLink = (r: { code: string; name: string }) => html`<a href="/units/${r.code}/scorecard">${r.name}</a>`;

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
    const byOverdue = html`<a href="/matrix">${t('dashboard.mostOverdueFirst')}</a>`;
    const nameLink = html`<a href="/matrix?sort=name">${t('dashboard.byName')}</a>`;
    const directiveColumns = m.directives.map(([id, n]) => html`<th scope="col"><a href="/directives/${id}">${n}</a></th>`);
    const sortLinks = byName
      ? html`${byOverdue} · <strong>${t('dashboard.byName')}</strong>`
      : html`<strong>${t('dashboard.mostOverdueFirst')}</strong> · ${nameLink}`;
    const columns = html`<th scope="col">${t('common.unit')}</th><th scope="col">${t('common.overdue')}</th>${directiveColumns}`;
    const cell = (c: Light | null) => html`<td class="cell" data-light="${c ?? 'none'}">${badge(c, request.lang)}</td>`;
    const row = (r: (typeof m.units)[number]) =>
      html`<tr data-unit="${r.code}"><th scope="row">${unitLink(r)}</th><td>${r.overdue}</td>${r.cells.map(cell)}</tr>`;
    return web.send(
      reply,
      request,
      t('dashboard.complianceMatrix'),
      html`
      <p class="muted">${t('dashboard.cellHelp')}
        ${t('dashboard.sort')}: ${sortLinks}</p>
      <div class="wrap"><table id="matrix"><thead><tr>${columns}</tr></thead>
      <tbody>${m.units.map(row)}</tbody></table></div>`,
    );
  });

  app.get('/laggards', async (request, reply) => {
    const u = web.provinceWide(request, reply);
    if (!u) return reply;
    const t = sayTo(request);
    const list = await laggards(deps.db, await loadCalendar(deps.db), new Date());
    const head = thead(t('common.unit'), t('dashboard.overdueItems'), t('dashboard.worst'), t('dashboard.lateThisYear'), t('dashboard.chairmansList'));
    const onList = (r: (typeof list)[number]) => (r.onChairmansList ? t('dashboard.yes') : r.requested ? t('dashboard.requestedBody') : '—');
    const row = (r: (typeof list)[number]) =>
      html`<tr><th scope="row">${unitLink(r)}</th><td>${r.items}</td><td>${r.worst}</td><td>${r.lateThisYear}</td><td>${onList(r)}</td></tr>`;
    return web.send(
      reply,
      request,
      t('dashboard.laggingUnits'),
      html`<div class="wrap"><table>${head}
      <tbody>${list.map(row)}</tbody></table></div>`,
    );
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
    const max = Math.max(1, ...s.trend.map((m) => m.late));
    const bars = s.trend.map((m, i) => {
      const h = (m.late / max) * 100;
      const x = i * 44 + 21;
      const rect = html`<rect x="${i * 44 + 4}" y="${110 - h}" width="34" height="${h}" fill="#8a1c14"></rect>`;
      const month = html`<text x="${x}" y="126" font-size="10" text-anchor="middle">${m.month.slice(2)}</text>`;
      return html`<g>${rect}${month}<text x="${x}" y="${104 - h}" font-size="10" text-anchor="middle">${m.late}</text></g>`;
    });
    const viewBox = `0 0 ${Math.max(1, s.trend.length) * 44 + 8} 132`;
    return web.send(
      reply,
      request,
      `${t('dashboard.scorecard')}: ${s.unit.name}`,
      html`
      <div class="grid">
        <div class="card"><div class="muted">${t('dashboard.onTimeRate')}</div><div class="big">${s.onTimeRate === null ? '—' : `${s.onTimeRate}%`}</div></div>
        <div class="card"><div class="muted">${t('dashboard.averageDelay')}</div><div class="big">${s.averageDelay}</div></div>
        <div class="card"><div class="muted">${t('dashboard.openOverdue')}</div><div class="big">${s.openOverdue}</div></div>
        <div class="card"><div class="muted">${t('common.assignments')}</div><div class="big">${s.assignments}</div></div>
      </div>
      <h2>${t('dashboard.deadlinesMissedByMonth')}</h2>
      <svg role="img" aria-label="${t('dashboard.chartLabel')}" viewBox="${viewBox}" width="100%" class="chart">${bars}</svg>`,
    );
  });
}
