import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findSession, type Db, type Principal } from '@dondoc/db';
import { say } from '@dondoc/domain';
import { html, page, type Lang } from './html.ts';

export const SESSION_COOKIE = 'dondoc_session';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user of a web page, with the session's CSRF token. */
    web: (Principal & { csrf: string }) | null;
    lang: Lang;
  }
}

/** The session token in a Cookie header, if it has one (also read by bull-board's guard). */
export function sessionTokenOf(cookieHeader: string | undefined): string | undefined {
  return /(?:^|;\s*)dondoc_session=([A-Za-z0-9_-]{1,200})(?:;|$)/.exec(cookieHeader ?? '')?.[1];
}

/**
 * Web pages know their user from an httpOnly session cookie. Every form post
 * but the sign-in carries the session's CSRF token. The language comes from
 * `?lang=` (remembered in a cookie), Vietnamese by default. A page that shows
 * a signed-in user's data is never stored by a browser or a proxy.
 */
export function webSession(app: FastifyInstance, db: Db, secureCookies: boolean): void {
  app.decorateRequest('web', null);
  app.decorateRequest('lang', 'vi');
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const q = (request.query as Record<string, unknown> | undefined)?.lang;
    if (q === 'en' || q === 'vi') {
      request.lang = q;
      void reply.setCookie('lang', q, { path: '/', sameSite: 'lax', maxAge: 365 * 86400, secure: secureCookies });
    } else if (request.cookies.lang === 'en') {
      request.lang = 'en';
    }
    const token = sessionTokenOf(request.headers.cookie);
    request.web = token ? ((await findSession(db, token)) ?? null) : null;
    if (request.web) void reply.header('cache-control', 'no-store');
  });
  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    // The route, not the URL: a sign-in from a link posts to /login?next=….
    if (request.method !== 'POST' || request.routeOptions.url === '/login') return;
    const sent = (request.body as Record<string, unknown> | undefined)?._csrf;
    if (!request.web || typeof sent !== 'string' || sent !== request.web.csrf) {
      const t = say(request.lang);
      const signIn = html`<p><a href="/login">${t('common.signIn')}</a></p>`;
      return reply
        .status(403)
        .type('text/html; charset=utf-8')
        .send(
          page({
            lang: request.lang,
            title: t('session.invalidSession'),
            path: request.url,
            body: html`<p class="err" role="alert">${t('session.reload')}</p>${signIn}`,
          }),
        );
    }
  });
}

/** The page's user, or a redirect to sign in that comes back to this page. */
export function requireUser(request: FastifyRequest, reply: FastifyReply): (Principal & { csrf: string }) | null {
  if (request.web) return request.web;
  void reply.redirect(`/login?next=${encodeURIComponent(request.url)}`);
  return null;
}
