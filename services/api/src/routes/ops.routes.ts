import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { findPrincipalByToken, findSession } from '@dondoc/db';
import { ForbiddenError, UnauthenticatedError } from '@dondoc/domain';
import { checkReadiness } from '@dondoc/observability';
import { queueNames } from '@dondoc/queue';
import type { ApiDeps } from '../deps.ts';
import { toErrorResponse } from '../http/errors.ts';

/**
 * What the engineer on call uses: liveness, readiness (PostgreSQL, Redis,
 * migrations), Prometheus metrics, and bull-board for admins.
 */
export async function opsRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  app.get('/healthz', { schema: { hide: false, summary: 'The process is alive' } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { summary: 'PostgreSQL and Redis reachable, migrations applied' } }, async (_request, reply) => {
    const r = await checkReadiness(deps.db, deps.queues.store);
    return reply.status(r.ready ? 200 : 503).send({ status: r.ready ? 'ready' : 'not ready', checks: r.checks });
  });

  app.get('/metrics', { schema: { summary: 'Prometheus metrics' } }, async (_request, reply) => {
    return reply.header('content-type', deps.registry.contentType).send(await deps.registry.metrics());
  });

  // bull-board, for admins only, at <base path>/admin/queues.
  const board = new FastifyAdapter();
  createBullBoard({ queues: queueNames.map((n) => new BullMQAdapter(deps.queues[n])), serverAdapter: board, options: { uiConfig: { boardTitle: 'dondoc' } } });
  board.setBasePath(`${deps.basePath ?? ''}/admin/queues`);
  await app.register(async (scope) => {
    // Answered here rather than thrown: bull-board's plugin has an error handler of its own.
    scope.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      // A bearer token, or an admin's web session (the cookie the sign-in page sets).
      const match = request.headers.authorization?.match(/^Bearer (\S+)$/);
      const session = /(?:^|;\s*)dondoc_session=([A-Za-z0-9_-]+)/.exec(request.headers.cookie ?? '')?.[1];
      const principal = match ? await findPrincipalByToken(deps.db, match[1]!) : session ? await findSession(deps.db, session) : undefined;
      const refusal = !principal
        ? new UnauthenticatedError('Cần đăng nhập bằng tài khoản quản trị.', 'Sign in as an administrator.', 'Authorization')
        : principal.role !== 'admin'
          ? new ForbiddenError('Chỉ quản trị hệ thống xem hàng đợi.', 'Only administrators see the queues.')
          : null;
      if (refusal) {
        const { status, body } = toErrorResponse(refusal);
        return reply.status(status).send(body);
      }
    });
    await scope.register(board.registerPlugin(), { prefix: '/admin/queues' });
  });
}
