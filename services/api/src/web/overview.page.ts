import { provinceFigureCounts } from '@dondoc/db';
import { formatNumber } from '@dondoc/domain';
import { sayTo, type Web } from './context.ts';
import { figureTiles } from './figures.view.ts';
import { html } from './html.ts';
import { mostLagging, type LaggingUnit } from './laggards.query.ts';

/** How many lagging units the first page names, and how many of each one's items it spells out. */
const UNITS_SHOWN = 5;
const ITEMS_SHOWN = 3;

/**
 * The Office's and the Chairman's first page: the four figures and the on-time rate for the
 * province, and the units that lag most with why (which task, how many working days late,
 * how often its report was returned). Both are counted by PostgreSQL: the figures from the
 * closed directives' counted figures plus the open ones' (provinceFigureCounts), the units
 * from the lagging units' ranking (laggards.query.ts), so the page costs the same at any size.
 */
export function overviewPage(web: Web): void {
  const { app, deps } = web;
  app.get('/overview', async (request, reply) => {
    const u = web.provinceWide(request, reply);
    if (!u) return reply;
    const t = sayTo(request);
    const lang = request.lang;
    const now = new Date();
    const [figures, lagging] = await Promise.all([provinceFigureCounts(deps.db, now), mostLagging(deps.db, now, u.role, UNITS_SHOWN, ITEMS_SHOWN)]);
    const n = (x: number) => formatNumber(x, lang);
    const unit = (g: LaggingUnit) => {
      const why = g.items.map(
        (i) =>
          html`<li><a href="/directives/${i.directiveId}">${t('dashboard.itemLine', {
            numberSymbol: i.numberSymbol,
            ordinal: i.taskOrdinal,
            title: i.taskTitle,
            late: n(i.workingDaysLate),
            returns: i.returns,
          })}</a>${i.onChairmansList ? html` · <strong>${t('dashboard.chairmansList')}</strong>` : ''}</li>`,
      );
      const more = g.overdue > ITEMS_SHOWN ? html`<li class="muted">${t('dashboard.moreItems', { n: n(g.overdue - ITEMS_SHOWN) })}</li>` : '';
      return html`<div class="card spaced" data-lagging="${g.code}"><h3 class="small"><a href="/laggards?open=${g.code}#${g.code}">${t(
        'dashboard.unitSummary',
        {
          name: g.name,
          items: n(g.overdue),
          worst: n(g.worst),
        },
      )}</a></h3><p class="muted">${t('dashboard.why')}:</p><ul>${why}${more}</ul></div>`;
    };
    const laggards = lagging.units.length
      ? html`${lagging.units.map(unit)}<p><a href="/laggards">${t('dashboard.allLagging')}</a> · <a href="/matrix">${t('dashboard.complianceMatrix')}</a></p>`
      : html`<p class="notice">${t('dashboard.noLagging')}</p>`;
    return web.send(
      reply,
      request,
      t('dashboard.overview'),
      html`<p class="muted">${t('dashboard.overviewHelp')}</p>${figureTiles(figures, lang)}
      <section aria-labelledby="lagging"><h2 id="lagging">${t('dashboard.mostLagging')}</h2>${laggards}</section>`,
    );
  });
}
