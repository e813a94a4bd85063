import { seesEveryDirective } from '../auth/policy.ts';
import escapeHtml from 'escape-html';
import { DUE_SOON_WORKING_DAYS, formatInstant, say, trafficLights, type Language } from '@dondoc/domain';

/**
 * Server-rendered HTML: a tagged template that escapes every value unless it
 * is marked raw (the output of another `html`), and the page layout.
 */
export class Raw {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

const render = (v: unknown): string => {
  if (v instanceof Raw) return v.value;
  if (Array.isArray(v)) return v.map(render).join('');
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof Date) return escapeHtml(formatInstant(v));
  return escapeHtml(String(v));
};

export function html(strings: TemplateStringsArray, ...values: unknown[]): Raw {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1]!;
  return new Raw(out);
}

export type Lang = Language;

/** A select's option, selected or not. */
export const option = (value: string, label: unknown, selected: boolean): Raw =>
  html`<option value="${value}" ${selected ? html`selected` : ''}>${label}</option>`;

/** Plain table cells, one per value. */
export const cells = (...values: unknown[]): Raw => html`${values.map((c) => html`<td>${c}</td>`)}`;

/** A table row of plain cells, one per value. */
export const row = (...values: unknown[]): Raw => html`<tr>${cells(...values)}</tr>`;

/** A table's header row: one column header per label. */
export const thead = (...labels: string[]): Raw => html`<thead><tr>${labels.map((l) => html`<th scope="col">${l}</th>`)}</tr></thead>`;

/**
 * A data table that reads on a phone: each body cell carries its column's
 * header as `data-label`, so that below 640 px the stylesheet shows every row
 * as a card of labelled lines instead of a table to scroll sideways. `body` is
 * the rows' markup (`<tr>` elements built with `html`, one cell per header, no
 * colspans); the header row stays in view while the table scrolls. Wide
 * tables that a phone cannot stack (the compliance matrix) pass `stack: false`.
 */
export function table(opts: { head: string[]; body: Raw | Raw[]; caption?: unknown; id?: string; stack?: boolean }): Raw {
  const rows = [opts.body]
    .flat()
    .map((r) => r.value)
    .join('');
  const labelled = opts.stack === false ? rows : labelCells(rows, opts.head);
  const caption = opts.caption ? html`<caption>${opts.caption}</caption>` : '';
  const cls = opts.stack === false ? 'data' : 'data stack';
  return html`<div class="wrap"><table class="${cls}"${opts.id ? html` id="${opts.id}"` : ''}>${caption}${thead(...opts.head)}<tbody>${new Raw(labelled)}</tbody></table></div>`;
}

/** Adds `data-label="<header>"` to each cell of each row, by column. Cells already labelled keep theirs. */
function labelCells(rows: string, head: string[]): string {
  return rows.replace(/<tr\b[^>]*>[\s\S]*?<\/tr>/g, (tr) => {
    let column = 0;
    return tr.replace(/<(td|th)\b([^>]*)>/g, (cell, tag: string, attrs: string) => {
      const label = head[column++];
      if (label === undefined || /\sdata-label=/.test(attrs)) return cell;
      return `<${tag} data-label="${escapeHtml(label)}"${attrs}>`;
    });
  });
}

/** The pages' stylesheet, served at STYLESHEET_PATH (a file, so the CSP allows no inline style). */
export const STYLESHEET_PATH = '/assets/dondoc.css';
export const stylesheet = `
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:15px;line-height:1.5;color:#1b1b1b;background:#f6f6f4}
a{color:#0b4f8a}:focus{outline:none}:focus-visible,input:focus,select:focus,textarea:focus{outline:3px solid #f0a800;outline-offset:2px}
.skip{position:absolute;left:.5rem;top:-3rem;background:#fff;color:#0b4f8a;padding:.4rem .8rem;border-radius:.3rem;z-index:10}.skip:focus{top:.5rem}
header nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.2rem .8rem}header nav a{display:inline-block;padding:.25rem 0}
header nav a[aria-current]{font-weight:700;text-decoration-thickness:3px;text-underline-offset:.3rem}header .who{overflow-wrap:anywhere}
header :focus-visible{outline-color:#ffd24d}main:focus{outline:none}body{overflow-wrap:break-word}
.notice.success{border-left-color:#2f7d32}
.legend{display:flex;flex-wrap:wrap;gap:.3rem .8rem;align-items:baseline;margin:.6rem 0;font-size:.9rem}.legend ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.3rem 1rem}
.legend-title{font-weight:600}.legend .gloss{color:#444}
header{background:#8a1c14;color:#fff;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:1rem;align-items:center}
header a{color:#fff}header nav{display:flex;flex-wrap:wrap;gap:.8rem}header .me{margin-left:auto;display:flex;flex-wrap:wrap;gap:.6rem;align-items:center}
main{padding:1rem;max-width:1200px;margin:0 auto}h1{font-size:1.4rem;margin:.2rem 0 1rem}h2{font-size:1.1rem;margin:1.2rem 0 .5rem}
table{border-collapse:collapse;width:100%;background:#fff}th,td{border:1px solid #d0d0cc;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#eceae4}
.wrap{overflow:auto;max-height:78vh}.s{display:inline-block;padding:.05rem .45rem;border-radius:.3rem;font-size:.85rem;font-weight:600;border:1px solid transparent}
.s-done{background:#dcefdc;color:#134d13;border-color:#7bb27b}.s-on_time{background:#e4edf7;color:#123c66;border-color:#8fb0d4}
.s-due_soon{background:#fff1cc;color:#5c4100;border-color:#d9b040}.s-overdue{background:#f9dada;color:#7a1010;border-color:#d98080}
.s-cancelled,.s-none{background:#eee;color:#444}
form.inline{display:inline}
button,.button{font:inherit;padding:.35rem .8rem;border-radius:.3rem;border:1px solid #6d1510;background:#8a1c14;color:#fff;cursor:pointer;
text-decoration:none;display:inline-block}
button.secondary{background:#fff;color:#6d1510}label{display:block;font-weight:600;margin:.6rem 0 .2rem}
input,select,textarea{font:inherit;padding:.35rem;border:1px solid #767676;border-radius:.25rem;width:100%;max-width:36rem;background:#fff}
.err{color:#a40000;font-weight:600;margin:.2rem 0}.notice{background:#fff;border-left:4px solid #8a1c14;padding:.6rem .8rem;margin:.8rem 0}.muted{color:#555}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(11rem,1fr));gap:.6rem}
.card{background:#fff;border:1px solid #d0d0cc;border-radius:.4rem;padding:.8rem}.big{font-size:1.6rem;font-weight:700}
.spaced{margin:.8rem 0}.narrow{max-width:28rem}h3.small{font-size:1rem}input.check{width:auto}.pre{white-space:pre-wrap}
.chart{max-width:min(640px,100%);height:auto;background:#fff;border:1px solid #d0d0cc}
header a.brand{font-weight:700;text-decoration:none}
table.data thead th{position:sticky;top:0;z-index:1}caption{text-align:left;padding:.3rem 0;color:#555}
.phone-only{display:none}ul.statuses{list-style:none;padding:0;margin:.3rem 0;display:flex;flex-wrap:wrap;gap:.3rem .8rem}details.unit{background:#fff;border:1px solid #d0d0cc;border-radius:.4rem;padding:.5rem .8rem;margin:.5rem 0}details.unit summary{cursor:pointer;font-weight:600}
@media (max-width:640px){.desk-only{display:none}.phone-only{display:block}header{flex-direction:column;align-items:flex-start}header .me{margin-left:0}th,td{font-size:.85rem}
main{padding:.6rem}table.stack,table.stack tbody,table.stack tr,table.stack td,table.stack tbody th{display:block;width:100%}
table.stack thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}table.stack caption{display:block;width:100%}
.wrap:has(>table.stack){max-height:none;overflow:visible}
table.stack tr{border:1px solid #d0d0cc;border-radius:.4rem;margin:0 0 .6rem;background:#fff}
table.stack td,table.stack tbody th{border:0;border-bottom:1px solid #eceae4;display:flex;gap:.6rem}
table.stack td[data-label]::before,table.stack tbody th[data-label]::before{content:attr(data-label);font-weight:600;min-width:8rem;flex:0 0 40%}
table.stack tbody th{background:#f3f1ec}}
`;

export interface Viewer {
  name: string;
  role: string;
  csrf: string;
  /** The caught-mail page is there for this viewer. */
  mailbox?: boolean;
}

/**
 * A line shown at the top of a page, under its title, for what just happened
 * ("Đã gửi báo cáo."): a text already in the page's language (or markup built
 * with `html`). Pages pass it as `notice` to `page()` or `web.send(…, { notice })`;
 * a redirect after a form can ask for one with `?notice=<name>`, which shows
 * the catalog's `notice.<name>` (unknown names show nothing, so a link cannot
 * put words of its own on the page).
 */
export type Notice = string | Raw;

export interface PageOptions {
  lang: Lang;
  title: string;
  viewer?: Viewer;
  body: Raw;
  status?: number;
  notice?: Notice;
  /** The address of the page (request.url): marks the current section in the navigation and keeps the page on a language switch. */
  path?: string;
}

/** The sections of the navigation a viewer has, in order: where each points and its label. */
function sections(v: Viewer, t: ReturnType<typeof say>): { href: string; label: string }[] {
  const office = seesEveryDirective(v.role);
  return [
    ...(office
      ? [
          { href: '/directives', label: t('layout.directives') },
          { href: '/matrix', label: t('layout.compliance') },
          { href: '/laggards', label: t('layout.laggards') },
        ]
      : []),
    ...(v.role === 'office' ? [{ href: '/directives/new', label: t('layout.issue') }] : []),
    ...(!office ? [{ href: '/inbox', label: t('common.inbox') }] : []),
    ...(v.mailbox ? [{ href: '/mail', label: t('common.caughtMail') }] : []),
    ...(v.role === 'admin'
      ? [
          { href: '/admin/queues', label: t('layout.queues') },
          { href: '/api/docs', label: 'API' },
        ]
      : []),
  ];
}

/** The section a path belongs to: the link whose address is the longest start of the path. */
function currentSection(hrefs: string[], path: string): string | undefined {
  const here = path.split('?')[0]!;
  return hrefs.filter((h) => here === h || here.startsWith(`${h}/`)).sort((a, b) => b.length - a.length)[0];
}

/** The same page in the other language (its query kept, but a one-off notice). */
function otherLanguageHref(path: string | undefined, other: Lang): string {
  const u = new URL(path ?? '/', 'http://page.invalid');
  u.searchParams.delete('notice');
  u.searchParams.set('lang', other);
  return `${u.pathname}${u.search}`;
}

/**
 * The page frame: a skip link to the content, the brand, the viewer's sections
 * (the current one marked with aria-current; the bar wraps on a phone instead
 * of scrolling sideways), the language switch and sign-out, then the title,
 * the notice if any, and the body.
 */
export function page(opts: PageOptions): string {
  const t = say(opts.lang);
  const other: Lang = opts.lang === 'vi' ? 'en' : 'vi';
  const v = opts.viewer;
  const links = v ? sections(v, t) : [];
  const current = opts.path
    ? currentSection(
        links.map((l) => l.href),
        opts.path,
      )
    : undefined;
  const nav = v
    ? html`<nav aria-label="${t('layout.sections')}"><ul>${links.map(
        (l) => html`<li><a href="${l.href}"${l.href === current ? html` aria-current="page"` : ''}>${l.label}</a></li>`,
      )}</ul></nav>`
    : '';
  const viewport = html`<meta name="viewport" content="width=device-width, initial-scale=1">`;
  const head = html`<head><meta charset="utf-8">${viewport}<title>${opts.title} · dondoc</title><link rel="stylesheet" href="${STYLESHEET_PATH}"></head>`;
  const csrf = v ? html`<input type="hidden" name="_csrf" value="${v.csrf}">` : '';
  const signOutButton = html`<button class="secondary" type="submit">${t('layout.signOut')}</button>`;
  const signOut = html`<form class="inline" method="post" action="/logout">${csrf}${signOutButton}</form>`;
  const notice = opts.notice ? html`<p class="notice success" role="status" id="notice">${opts.notice}</p>` : '';
  const skip = html`<a class="skip" href="#main">${t('layout.skipToContent')}</a>`;
  const me = html`<div class="me"><a href="${otherLanguageHref(opts.path, other)}" lang="${other}" hreflang="${other}">${t('layout.otherLanguage')}</a>
${v ? html`<span class="who">${v.name}</span>${signOut}` : ''}</div>`;
  return `<!doctype html>${
    html`<html lang="${opts.lang}">${head}
<body>${skip}<header><a href="/" class="brand">dondoc</a>${nav}${me}</header>
<main id="main" tabindex="-1"><h1>${opts.title}</h1>${notice}${opts.body}</main></body></html>`.value
  }`;
}

/**
 * What the status colours mean, for the pages that show them (dashboards,
 * directives): each traffic light's badge with its word and a short gloss.
 */
export function legend(lang: Lang): Raw {
  const t = say(lang);
  const items = trafficLights.map(
    (light) =>
      html`<li><span class="s s-${light}">${t('light', { light })}</span> <span class="gloss">${t('layout.legendGloss', { light, days: DUE_SOON_WORKING_DAYS })}</span></li>`,
  );
  return html`<div class="legend" role="note" aria-label="${t('layout.legend')}"><span class="legend-title">${t('layout.legend')}:</span><ul>${items}</ul></div>`;
}
