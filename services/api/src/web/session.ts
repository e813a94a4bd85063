import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findSession, type Db, type Principal } from '@dondoc/db';
import type { Lang } from './html.ts';

export const SESSION_COOKIE = 'dondoc_session';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user of a web page, with the session's CSRF token. */
    web: (Principal & { csrf: string }) | null;
    lang: Lang;
  }
}

/**
 * Web pages know their user from an httpOnly session cookie. Every form post
 * but the sign-in carries the session's CSRF token. The language comes from
 * `?lang=` (remembered in a cookie), Vietnamese by default.
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
    const token = request.cookies[SESSION_COOKIE];
    request.web = token ? ((await findSession(db, token)) ?? null) : null;
  });
  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.method !== 'POST' || request.url === '/login') return;
    const sent = (request.body as Record<string, unknown> | undefined)?._csrf;
    if (!request.web || sent !== request.web.csrf) {
      return reply.status(403).type('text/html').send(request.lang === 'vi' ? 'Phiên làm việc không hợp lệ; hãy tải lại trang.' : 'Invalid session; reload the page.');
    }
  });
}

/** The page's user, or a redirect to sign in. */
export function requireUser(request: FastifyRequest, reply: FastifyReply): (Principal & { csrf: string }) | null {
  if (request.web) return request.web;
  void reply.redirect(`/login?next=${encodeURIComponent(request.url)}`);
  return null;
}
