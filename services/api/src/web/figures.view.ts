import { formatNumber, say, type FollowUpFigures } from '@dondoc/domain';
import { html, type Lang, type Raw } from './html.ts';

/** The on-time rate as people read it: `66,7%` on a Vietnamese page, a dash while nothing is finished. */
export const percent = (rate: number | null, lang: Lang): string => (rate === null ? '—' : `${formatNumber(rate, lang)}%`);

/**
 * The four follow-up figures and the on-time rate as tiles (the Office's and the Chairman's
 * first page, each unit's scorecard), each marked with `data-figure` for whoever checks them.
 */
export function figureTiles(f: FollowUpFigures, lang: Lang, headingLevel: 'h2' | 'h3' = 'h2'): Raw {
  const t = say(lang);
  const n = (x: number) => formatNumber(x, lang);
  const tile = (key: string, label: string, value: string, note: Raw | string = '') =>
    html`<div class="card" data-figure="${key}"><div class="muted">${label}</div><div class="big">${value}</div>${note}</div>`;
  const extension = f.doneOnTimeAfterExtension
    ? html`<div class="muted" data-figure="doneOnTimeAfterExtension">${t('dashboard.afterExtension', { n: n(f.doneOnTimeAfterExtension) })}</div>`
    : '';
  const heading =
    headingLevel === 'h2' ? html`<h2 id="figures">${t('dashboard.figuresCaption')}</h2>` : html`<h3 id="figures">${t('dashboard.figuresCaption')}</h3>`;
  return html`<section aria-labelledby="figures">${heading}
    <div class="grid">
      ${tile('doneOnTime', t('dashboard.doneOnTime'), n(f.doneOnTime), extension)}
      ${tile('doneLate', t('dashboard.doneLate'), n(f.doneLate))}
      ${tile('openOnTime', t('dashboard.openOnTime'), n(f.openOnTime))}
      ${tile('openOverdue', t('dashboard.openOverdue'), n(f.openOverdue))}
      ${tile('onTimeRate', t('dashboard.onTimeRate'), percent(f.onTimeRate, lang), html`<div class="muted">${t('dashboard.onTimeRateHelp')}</div>`)}
    </div>
    <p class="muted">${t('dashboard.totalCounted', { n: n(f.total) })}</p></section>`;
}
