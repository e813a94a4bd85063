import type { FastifyReply, FastifyRequest } from 'fastify';
import { findSession, type Db } from '@dondoc/db';
import { say } from '@dondoc/domain';
import { html, page, type Lang, type Viewer } from './html.ts';
import { sessionTokenOf } from './session.ts';

/**
 * Errors a browser meets outside the pages' own handlers (an address that does
 * not exist, a body too large, the global rate limit, a failure) are answered
 * as a page in the reader's language, not the API's JSON: when the request is
 * not for the API and the client accepts HTML. The API and clients that ask
 * for JSON keep the one error shape.
 */
export function answersWithPage(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0] ?? '';
  if (path === '/api' || path.startsWith('/api/') || path.startsWith('/admin/queues/api/')) return false;
  return /\btext\/html\b|\bapplication\/xhtml\+xml\b/.test(String(request.headers.accept ?? ''));
}

/** The reader's language where the web session has not set it (outside the pages' scope): `?lang=`, then the cookie, then Vietnamese. */
export function languageOf(request: FastifyRequest): Lang {
  if (request.lang === 'en' || request.lang === 'vi') return request.lang;
  const q = /[?&]lang=(en|vi)(?:&|$)/.exec(request.url)?.[1];
  if (q === 'en' || q === 'vi') return q;
  return /(?:^|;\s*)lang=en(?:;|$)/.test(String(request.headers.cookie ?? '')) ? 'en' : 'vi';
}

type TitleKey = 'page.signInRequired' | 'page.notAllowed' | 'page.notFound' | 'page.tooMany' | 'page.unavailable' | 'page.serverError' | 'page.badRequest';
const titles: Record<number, TitleKey> = {
  401: 'page.signInRequired',
  403: 'page.notAllowed',
  404: 'page.notFound',
  429: 'page.tooMany',
  503: 'page.unavailable',
};
const titleOf = (status: number): TitleKey => titles[status] ?? (status >= 500 ? 'page.serverError' : 'page.badRequest');

/**
 * The signed-in user of a request outside the pages' scope (the not-found handler), so the page keeps their
 * navigation; nobody when the session is unknown or the database cannot say.
 */
export async function viewerOfSession(request: FastifyRequest, db: Db, mailbox: (role: string) => boolean): Promise<Viewer | undefined> {
  const token = sessionTokenOf(request.headers.cookie);
  const user = token ? await findSession(db, token).catch(() => undefined) : undefined;
  return user && { name: user.name, role: user.role, csrf: user.csrf, mailbox: mailbox(user.role) };
}

/**
 * A page saying what went wrong, with its status and `text/html; charset=utf-8`. The viewer, when known, keeps
 * their navigation (the session's user inside the pages' scope, or the one `viewerOfSession` found).
 */
export function sendErrorPage(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  message: { vi: string; en: string },
  viewer: Viewer | undefined = request.web ? { name: request.web.name, role: request.web.role, csrf: request.web.csrf } : undefined,
): FastifyReply {
  const lang = languageOf(request);
  const t = say(lang);
  const body = html`<p class="err" role="alert">${message[lang]}</p><p><a href="/">${t('page.goHome')}</a></p>`;
  if (viewer) void reply.header('cache-control', 'no-store');
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .send(page({ lang, title: t(titleOf(status)), body, path: request.url, ...(viewer && { viewer }) }));
}
