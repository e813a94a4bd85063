import type { sayTo } from './context.ts';
import { html } from './html.ts';

type Say = ReturnType<typeof sayTo>;

/** A page's own address with some query parameters changed (null drops one): the filters stay when paging or exporting. */
export function withQuery(path: string, query: unknown, change: Record<string, string | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries((query ?? {}) as Record<string, unknown>)) if (typeof v === 'string' && v !== '' && !(k in change)) q.set(k, v);
  for (const [k, v] of Object.entries(change)) if (v !== null) q.set(k, v);
  const s = q.toString();
  return `${path}${s ? `?${s}` : ''}`;
}

/** Previous and next links when a filtered list is longer than a page; `anchor` is where on the page the links land. */
export function pager(path: string, query: unknown, page: number, pages: number, t: Say, anchor = '') {
  if (pages <= 1) return '';
  const to = (p: number) => `${withQuery(path, query, { page: p > 1 ? String(p) : null, notice: null })}${anchor}`;
  const prev = page > 1 ? html`<a href="${to(page - 1)}" rel="prev">${t('common.previousPage')}</a>` : '';
  const next = page < pages ? html`<a href="${to(page + 1)}" rel="next">${t('common.nextPage')}</a>` : '';
  return html`<nav aria-label="${t('common.pages')}" class="spaced">${prev} <span>${t('common.pageOf', { page: String(page), pages: String(pages) })}</span> ${next}</nav>`;
}
