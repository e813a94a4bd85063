import type { FastifyReply, FastifyRequest } from 'fastify';
import { checkPassword, createSession, endSession } from '@dondoc/db';
import { signInBody } from '../http/schemas.ts';
import { html } from './html.ts';
import { sayTo, sees, type Web } from './context.ts';
import { safeNextPath } from './next-path.ts';
import { SESSION_COOKIE } from './session.ts';
import type { FailedAuthLimiter } from '../auth/failed-auth.ts';

/** Sign-in (from any link: it lands where the link pointed), sign-out, and `/`, which sends each user to their start page. */
export function signInPages(web: Web, limiter: FailedAuthLimiter): void {
  const { app, deps } = web;

  app.get('/', async (request, reply) => {
    const u = web.user(request, reply);
    // The Office and the Chairman land on the overview (figures and the units lagging most); monitors and admins on the matrix.
    if (u) return reply.redirect(u.role === 'office' || u.role === 'chairman' ? '/overview' : sees(u) ? '/matrix' : '/inbox');
  });

  app.get('/login', async (request, reply) => loginPage(web, request, reply));

  app.post('/login', async (request, reply) => {
    const t = sayTo(request);
    const parsed = signInBody.safeParse(request.body ?? {});
    if (!parsed.success) return loginPage(web, request, reply, t('signin.missing'), 400);
    const email = parsed.data.email.toLowerCase();
    const blocked = await limiter.signInBlocked(request.ip, email);
    if (blocked) {
      void reply.header('retry-after', String(blocked));
      return loginPage(web, request, reply, t('signin.tooMany', { seconds: blocked }), 429);
    }
    const userId = await checkPassword(deps.db, email, parsed.data.password);
    if (!userId) {
      await limiter.signInFailed(request.ip, email);
      return loginPage(web, request, reply, t('signin.wrongEmailOrPassword'), 401);
    }
    await limiter.signInSucceeded(email);
    const session = await createSession(deps.db, userId);
    void reply.setCookie(SESSION_COOKIE, session.token, { path: '/', httpOnly: true, sameSite: 'lax', secure: deps.secureCookies ?? false, maxAge: 12 * 3600 });
    return reply.redirect(safeNextPath((request.query as Record<string, unknown>).next));
  });

  app.post('/logout', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await endSession(deps.db, token);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/login?notice=signedOut');
  });
}

function loginPage(web: Web, request: FastifyRequest, reply: FastifyReply, error?: string, status = 200) {
  const t = sayTo(request);
  const next = safeNextPath((request.query as Record<string, unknown>).next);
  // The refusal (wrong password, or the wait after too many) is read out with the fields it is about.
  const described = error ? html` aria-describedby="signin-error"` : '';
  return web.send(
    reply,
    request,
    t('common.signIn'),
    html`
    <form method="post" action="/login${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}" class="card narrow">
      ${error ? html`<p class="err" role="alert" id="signin-error">${error}</p>` : ''}
      <label for="email">${t('signin.email')}</label><input id="email" name="email" type="email" autocomplete="username" required${described}>
      <label for="password">${t('signin.password')}</label><input id="password" name="password" type="password" autocomplete="current-password" required${described}>
      <p><button type="submit">${t('common.signIn')}</button></p>
    </form>`,
    status,
  );
}
