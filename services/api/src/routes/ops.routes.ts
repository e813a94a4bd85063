import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { timingSafeEqual } from 'node:crypto';
import { findSession, listFailedNotifications, retryFailedNotifications } from '@dondoc/db';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '@dondoc/domain';
import { checkReadiness } from '@dondoc/observability';
import { queueNames } from '@dondoc/queue';
import type { ApiDeps } from '../deps.ts';
import { toErrorResponse } from '../http/errors.ts';
import { authenticateBearer, requireBearerToken } from '../auth/authenticate.ts';
import type { FailedAuthLimiter } from '../auth/failed-auth.ts';
import { sessionTokenOf } from '../web/session.ts';
import { answersWithPage, sendErrorPage } from '../web/error-page.ts';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether a bearer header carries exactly this secret (compared in constant time). */
function bearerIs(header: string | undefined, secret: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/.exec(header ?? '')?.[1] ?? '');
  const want = Buffer.from(secret);
  return given.length === want.length && timingSafeEqual(given, want);
}

/**
 * A state-changing request that a cookie authenticates must come from a page
 * of this site: its Origin (or, failing that, Referer) names this host. A
 * browser always sends Origin on such requests and a page elsewhere cannot
 * forge it. bull-board's own pages make these requests, and they cannot carry
 * our form token, so this is their CSRF check.
 */
function sameOrigin(request: FastifyRequest, publicOrigin: string | undefined): boolean {
  const from = request.headers.origin ?? request.headers.referer;
  if (typeof from !== 'string') return false;
  let origin: string;
  try {
    origin = new URL(from).origin;
  } catch {
    return false;
  }
  const host = request.headers.host;
  return origin === publicOrigin || (host !== undefined && (origin === `http://${host}` || origin === `https://${host}`));
}

/**
 * What the engineer on call uses: liveness, readiness (PostgreSQL, Redis,
 * migrations), Prometheus metrics, bull-board, and dead-lettered mail for admins.
 */
export async function opsRoutes(app: FastifyInstance, deps: ApiDeps, limiter: FailedAuthLimiter): Promise<void> {
  app.get('/healthz', { schema: { hide: false, summary: 'The process is alive' } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { summary: 'PostgreSQL and Redis reachable, migrations applied' } }, async (_request, reply) => {
    const r = await checkReadiness(deps.db, deps.queues.store);
    return reply.status(r.ready ? 200 : 503).send({ status: r.ready ? 'ready' : 'not ready', checks: r.checks });
  });

  // Not public: only with METRICS_TOKEN, and then only to a caller that sends it.
  app.get('/metrics', { schema: { summary: 'Prometheus metrics (Authorization: Bearer METRICS_TOKEN)' } }, async (request, reply) => {
    if (!deps.metricsToken) return reply.callNotFound();
    if (!bearerIs(request.headers.authorization, deps.metricsToken)) {
      const { status, body } = toErrorResponse(
        new UnauthenticatedError('Cần mã METRICS_TOKEN để đọc số đo.', 'Reading metrics needs the METRICS_TOKEN bearer token.', 'Authorization'),
      );
      return reply.status(status).send(body);
    }
    return reply.header('content-type', deps.registry.contentType).send(await deps.registry.metrics());
  });

  await app.register(async (scope) => failedMailRoutes(scope, deps, limiter), { prefix: '/api/v1/ops' });

  // bull-board, for admins only, at <base path>/admin/queues.
  const board = new FastifyAdapter();
  createBullBoard({ queues: queueNames.map((n) => new BullMQAdapter(deps.queues[n])), serverAdapter: board, options: { uiConfig: { boardTitle: 'dondoc' } } });
  board.setBasePath(`${deps.basePath ?? ''}/admin/queues`);
  await app.register(async (scope) => {
    // Answered here rather than thrown: bull-board's plugin has an error handler of its own.
    scope.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      // A bearer token, or an admin's web session (the cookie the sign-in page sets).
      const session = sessionTokenOf(request.headers.cookie);
      let refusal: Error | null = null;
      try {
        const principal =
          request.headers.authorization || !session
            ? await authenticateBearer(deps.db, limiter, request.ip, request.headers.authorization, (s) => void reply.header('retry-after', String(s)))
            : await findSession(deps.db, session);
        if (!principal) refusal = new UnauthenticatedError('Cần đăng nhập bằng tài khoản quản trị.', 'Sign in as an administrator.', 'Authorization');
        else if (principal.role !== 'admin') refusal = new ForbiddenError('Chỉ quản trị hệ thống xem hàng đợi.', 'Only administrators see the queues.');
        else if (!request.headers.authorization && !safeMethods.has(request.method) && !sameOrigin(request, deps.publicOrigin)) {
          refusal = new ForbiddenError(
            'Yêu cầu không đến từ trang của dondoc (kiểm tra CSRF).',
            'The request did not come from a dondoc page (CSRF check).',
            'Origin',
          );
        }
      } catch (err) {
        refusal = err as Error;
      }
      if (refusal) {
        const { status, body } = toErrorResponse(refusal);
        // A browser opening the board's page reads why on a page; the board's own API calls keep the error shape.
        if (answersWithPage(request)) return sendErrorPage(request, reply, status, body.message);
        return reply.status(status).send(body);
      }
    });
    // bull-board's page has inline styles of its own; the rest of the site allows none.
    scope.addHook('onSend', async (_request, reply, payload) => {
      void reply.header(
        'content-security-policy',
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
      );
      // Its page links a web font from Google; dondoc runs on closed networks and loads nothing from elsewhere.
      if (typeof payload === 'string' && payload.includes('fonts.googleapis.com')) return payload.replace(/<link[^>]*fonts\.googleapis\.com[^>]*>/g, '');
      return payload;
    });
    await scope.register(board.registerPlugin(), { prefix: '/admin/queues' });
  });
}

const notificationId = z.object({ id: z.string().regex(/^\d+$/, 'mã thư không hợp lệ / not a notification id') });

/**
 * Dead-lettered mail, for admins: the list, and the operator's retry of one or
 * all (back to pending, published again through the outbox).
 */
function failedMailRoutes(app: FastifyInstance, deps: ApiDeps, limiter: FailedAuthLimiter): void {
  requireBearerToken(app, deps.db, limiter);
  // Before the parameters are checked: whoever is not an admin learns nothing from a 400.
  app.addHook('preValidation', async (request) => {
    if (request.principal.role !== 'admin')
      throw new ForbiddenError('Chỉ quản trị hệ thống xem và gửi lại thư lỗi.', 'Only administrators see and retry failed mail.');
  });
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/notifications/failed',
    { schema: { summary: 'Dead-lettered notifications: recipient, template, subject, last error, attempts, when' } },
    async () => ({
      items: (await listFailedNotifications(deps.db)).map((n) => ({
        id: n.id,
        to: n.to,
        template: n.template,
        subject: n.subjectType && n.subjectId ? { type: n.subjectType, id: n.subjectId } : null,
        lastError: n.lastError,
        attempts: n.attempts,
        retries: n.retries,
        createdAt: n.createdAt.toISOString(),
        failedAt: n.failedAt?.toISOString() ?? null,
      })),
    }),
  );
  r.post('/notifications/:id/retry', { schema: { summary: 'Send one failed notification again', params: notificationId } }, async (request) => {
    const retried = await retryFailedNotifications(deps.db, { ids: [request.params.id] }, request.id);
    if (retried.length === 0) throw new NotFoundError('thư lỗi', 'failed notification', request.params.id);
    return { retried };
  });
  r.post('/notifications/retry-failed', { schema: { summary: 'Send every failed notification again' } }, async (request) => ({
    retried: await retryFailedNotifications(deps.db, 'all', request.id),
  }));
}
