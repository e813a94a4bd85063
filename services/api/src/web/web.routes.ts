import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import type { FastifyInstance } from 'fastify';
import type { ApiDeps } from '../deps.ts';
import type { FailedAuthLimiter } from '../auth/failed-auth.ts';
import { assignmentPages } from './assignment.pages.ts';
import { createWeb } from './context.ts';
import { dashboardPages } from './dashboard.pages.ts';
import { directivePages } from './directive.pages.ts';
import { stylesheet, STYLESHEET_PATH } from './html.ts';
import { mailboxPages } from './mailbox.pages.ts';
import { reportPages } from './report.pages.ts';
import { webSession } from './session.ts';
import { signInPages } from './signin.pages.ts';

/**
 * The web app: server-rendered pages for the Office, the Chairman and the
 * units, on the same data, schemas, rules and engine as the API. Forms post
 * back with the session's CSRF token.
 */
export async function webRoutes(app: FastifyInstance, deps: ApiDeps, limiter: FailedAuthLimiter): Promise<void> {
  await app.register(async (scope) => {
    // Pages, not API: left out of the OpenAPI document.
    scope.addHook('onRoute', (route) => {
      route.schema = { ...route.schema, hide: true };
    });
    await scope.register(cookie);
    await scope.register(formbody);
    webSession(scope, deps.db, deps.secureCookies ?? false);
    // The stylesheet is a file of its own, so the pages' CSP can forbid inline styles.
    scope.get(STYLESHEET_PATH, async (_request, reply) =>
      reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(stylesheet),
    );
    const web = createWeb(scope, deps);
    signInPages(web, limiter);
    directivePages(web);
    dashboardPages(web);
    assignmentPages(web);
    reportPages(web);
    mailboxPages(web);
  });
}
