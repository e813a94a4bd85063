import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { requireBearerToken } from './auth/authenticate.ts';
import type { ApiDeps } from './deps.ts';
import { errorHandler } from './http/errors.ts';
import { registerStrictJson } from './http/json-parser.ts';
import { adminRoutes } from './routes/admin.routes.ts';
import { assignmentRoutes } from './routes/assignments.routes.ts';
import { calendarRoutes } from './routes/calendar.routes.ts';
import { directiveRoutes } from './routes/directives.routes.ts';
import { reportRoutes } from './routes/reports.routes.ts';

const requestIdPattern = /^[A-Za-z0-9._-]{1,100}$/;

/** The HTTP API: JSON under /api/v1, bearer tokens, one error shape, limits on size and rate. */
export async function buildApp(deps: ApiDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    bodyLimit: deps.bodyLimit ?? 1024 * 1024,
    // A caller's X-Request-Id is kept (to follow one command end to end); otherwise one is made.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && requestIdPattern.test(given) ? given : randomUUID();
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((_req, reply) => {
    void reply.status(404).send({ code: 'NOT_FOUND', field: null, message: { vi: 'Không có địa chỉ này.', en: 'No such route.' } });
  });
  registerStrictJson(app);
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });

  await app.register(rateLimit, {
    max: deps.rateLimit?.max ?? 600,
    timeWindow: deps.rateLimit?.windowMs ?? 60_000,
    keyGenerator: (req) => req.headers.authorization ?? req.ip,
    errorResponseBuilder: (_req, ctx) => ({ statusCode: 429, retryAfterMs: ctx.ttl }),
  });

  await app.register(
    async (api) => {
      requireBearerToken(api, deps.db);
      directiveRoutes(api, deps);
      assignmentRoutes(api, deps);
      adminRoutes(api, deps);
      calendarRoutes(api, deps);
      reportRoutes(api, deps);
    },
    { prefix: '/api/v1' },
  );
  return app;
}
