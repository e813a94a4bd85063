import { html, type Raw } from './html.ts';

const urls = /https?:\/\/[^\s<>"')]+/g;

/**
 * A caught mail's plain text with its links clickable: an anchor only for an
 * http(s) link to this site (PUBLIC_URL's origin or the origin the page was
 * opened on), everything else escaped text, so a mail cannot carry a link
 * elsewhere into the Office's browser.
 */
export function linkify(text: string, origins: string[]): Raw {
  const ours = (link: string) => {
    try {
      const u = new URL(link);
      return (u.protocol === 'http:' || u.protocol === 'https:') && origins.includes(u.origin);
    } catch {
      return false;
    }
  };
  const parts: (string | Raw)[] = [];
  let at = 0;
  for (const m of text.matchAll(urls)) {
    const link = m[0].replace(/[.,;:]+$/, ''); // a sentence's full stop is not part of the link
    parts.push(text.slice(at, m.index));
    parts.push(ours(link) ? html`<a href="${link}">${link}</a>` : link);
    at = m.index + link.length;
  }
  parts.push(text.slice(at));
  return html`${parts}`;
}
