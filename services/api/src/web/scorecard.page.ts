import { z } from 'zod';
import { findUnitByCode, unitRecord } from '@dondoc/db';
import { code as unitCode, formatNumber } from '@dondoc/domain';
import { parseOr404, sayTo, sees, type Web } from './context.ts';
import { sendCsv, sendXlsx } from './export.ts';
import { figureTiles } from './figures.view.ts';
import { html, table, type Lang, type Raw } from './html.ts';

const unitParams = z.strictObject({ code: unitCode });
const scorecardQuery = z.strictObject({
  format: z.enum(['xlsx', 'csv']).optional(),
  lang: z.enum(['vi', 'en']).optional(),
  notice: z.string().max(64).optional(),
});

/** `2026-12` as people write a month: `12/2026`. */
export const monthLabel = (month: string) => `${month.slice(5, 7)}/${month.slice(0, 4)}`;

/** Each month's slot in the chart, and the bar's width within it: a month's bar is a bar, never the page. */
const SLOT = 56;
const BAR = 34;
/** The tallest bar, and the room above it for its number and below it for the month. */
const HEIGHT = 100;
const TOP = 18;
const BOTTOM = 24;

/** Bars of deadlines missed by the deadline's month, with the number over each and the month under it. */
function chart(months: { month: string; missed: number }[], label: string, lang: Lang): Raw {
  const max = Math.max(1, ...months.map((m) => m.missed));
  const base = TOP + HEIGHT;
  const bars = months.map((m, i) => {
    const h = Math.round((m.missed / max) * HEIGHT);
    const x = i * SLOT + SLOT / 2 + 4;
    return html`<g><rect x="${x - BAR / 2}" y="${base - h}" width="${BAR}" height="${h}" fill="#8a1c14"></rect>
      <text x="${x}" y="${base - h - 5}" font-size="11" text-anchor="middle">${formatNumber(m.missed, lang)}</text>
      <text x="${x}" y="${base + 16}" font-size="10" text-anchor="middle">${monthLabel(m.month)}</text></g>`;
  });
  const width = months.length * SLOT + 8;
  const height = base + BOTTOM;
  return html`<svg role="img" aria-label="${label}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" class="chart">${bars}</svg>`;
}

/** A unit's scorecard: the four figures and on-time rate, the average delay, and the deadlines it missed by month. */
export function scorecardPage(web: Web): void {
  const { app, deps } = web;
  app.get('/units/:code/scorecard', async (request, reply) => {
    const u = web.user(request, reply);
    if (!u) return;
    const t = sayTo(request);
    const lang = request.lang;
    const params = parseOr404(web, unitParams, request.params, request, reply);
    if (!params) return;
    const query = scorecardQuery.safeParse(request.query ?? {});
    if (!query.success) return web.refuse(reply, request, 400, 'dashboard.invalidFilter');
    if (!sees(u) && u.unitCode !== params.code) return web.refuse(reply, request, 403, 'dashboard.notYourUnit');
    const unit = await findUnitByCode(deps.db, params.code);
    if (!unit) return web.refuse(reply, request, 404, 'dashboard.noSuchUnit');
    // Counted by PostgreSQL over the unit's rows (packages/db scorecard.queries.ts).
    const s = { unit, ...(await unitRecord(deps.db, new Date(), unit.id)) };
    const head = [t('dashboard.month'), t('dashboard.missed')];
    if (query.data.format) {
      const rows = s.months.map((m) => [monthLabel(m.month), m.missed]);
      const name = `ket-qua-${s.unit.code}`;
      return query.data.format === 'xlsx' ? sendXlsx(reply, name, head, rows) : sendCsv(reply, name, head, rows);
    }
    const n = (x: number) => formatNumber(x, lang);
    const described = s.months.map((m) => `${monthLabel(m.month)}: ${n(m.missed)}`).join('; ');
    const byMonth = s.months.length
      ? html`${chart(s.months, t('dashboard.chartLabel', { months: described }), lang)}
        <p class="muted">${t('dashboard.chartHelp')}</p>
        ${table({ head, body: s.months.map((m) => html`<tr data-month="${m.month}"><td>${monthLabel(m.month)}</td><td>${n(m.missed)}</td></tr>`), id: 'missed-by-month' })}
        <p><a class="button" href="/units/${s.unit.code}/scorecard?format=xlsx">${t('common.exportXlsx')}</a>
          <a href="/units/${s.unit.code}/scorecard?format=csv">${t('common.exportCsv')}</a></p>`
      : html`<p class="notice">${t('dashboard.noDeadlines')}</p>`;
    return web.send(
      reply,
      request,
      `${t('dashboard.scorecard')}: ${s.unit.name}`,
      html`${figureTiles(s.figures, lang)}
      <div class="grid spaced"><div class="card" data-figure="averageDelay"><div class="muted">${t('dashboard.averageDelay')}</div><div class="big">${n(s.averageDelay)}</div></div></div>
      <h2>${t('dashboard.deadlinesMissedByMonth')}</h2>${byMonth}`,
    );
  });
}
