import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { Histogram } from 'prom-client';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { registerDomainGauges, registerQueueDepth, tracer } from '@dondoc/observability';
import type { Span } from '@opentelemetry/api';
import { opsRoutes } from './routes/ops.routes.ts';
import { webRoutes } from './web/web.routes.ts';
import { answersWithPage, sendErrorPage, viewerOfSession } from './web/error-page.ts';
import { readsMailbox } from './web/context.ts';
import { inBoth } from '@dondoc/domain';
import { requireBearerToken } from './auth/authenticate.ts';
import type { ApiDeps } from './deps.ts';
import { createFailedAuthLimiter, defaultFailedAuthLimits } from './auth/failed-auth.ts';
import { clientErrorHandler, errorHandler } from './http/errors.ts';
import { registerStrictJson } from './http/json-parser.ts';
import { adminRoutes } from './routes/admin.routes.ts';
import { assignmentRoutes } from './routes/assignments.routes.ts';
import { calendarRoutes } from './routes/calendar.routes.ts';
import { directiveRoutes } from './routes/directives.routes.ts';
import { reportRoutes } from './routes/reports.routes.ts';

const requestIdPattern = /^[A-Za-z0-9._-]{1,100}$/;

declare module 'fastify' {
  interface FastifyInstance {
    /** The routes registered, method and URL pattern. */
    dondocRoutes: { method: string; url: string }[];
  }
}

/** The HTTP API: JSON under /api/v1, bearer tokens, one error shape, limits on size and rate. */
export async function buildApp(deps: ApiDeps): Promise<FastifyInstance> {
  const routes: { method: string; url: string }[] = [];
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    bodyLimit: deps.bodyLimit ?? 1024 * 1024,
    // A caller's X-Request-Id is kept (to follow one command end to end); otherwise one is made.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && requestIdPattern.test(given) ? given : randomUUID();
    },
    // A bad %-encoding or an over-long path segment, answered in the API's error shape without echoing the URL.
    frameworkErrors: (err, request, reply) => errorHandler(err, request, reply),
    clientErrorHandler,
  });
  // Every route the app serves, so the OpenAPI document can be checked against them.
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) if (method !== 'HEAD') routes.push({ method, url: r.url });
  });
  app.decorate('dondocRoutes', routes);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  // A browser's address that is no page gets a page saying so; the API and JSON clients get the error shape.
  app.setNotFoundHandler(async (request, reply) => {
    if (answersWithPage(request)) {
      const viewer = await viewerOfSession(request, deps.db, (role) => !!deps.mailbox && readsMailbox(role));
      return sendErrorPage(request, reply, 404, inBoth('page.noSuchAddress'), viewer);
    }
    return reply.status(404).send({ code: 'NOT_FOUND', field: null, message: { vi: 'Không có địa chỉ này.', en: 'No such route.' } });
  });
  registerStrictJson(app);
  // JSON only (the web pages add form bodies in their own scope): any other body is 415, not a string to validate.
  app.removeContentTypeParser('text/plain');
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });

  // Security headers on every answer; the pages load only their own stylesheet and no script.
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    // Served over plain HTTP on a LAN as often as behind TLS: HSTS is the proxy's to set.
    strictTransportSecurity: false,
  });
  const limiter = createFailedAuthLimiter(
    deps.failedAuthLimits ?? defaultFailedAuthLimits,
    deps.queues.store.redis,
    deps.authKeyPrefix ?? deps.queues.store.prefix ?? '{dondoc}',
  );

  // Metrics: HTTP durations by route and status, queue depths, and what PostgreSQL knows.
  const httpDuration = new Histogram({
    name: 'dondoc_http_request_duration_seconds',
    help: 'HTTP requests by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [deps.registry],
  });
  registerQueueDepth(deps.registry, deps.queues);
  registerDomainGauges(deps.registry, deps.db);
  // A span per request when tracing is on (the engine's spans are its own).
  app.addHook('onRequest', async (request) => {
    (request as unknown as { span?: Span }).span = tracer().startSpan(`HTTP ${request.method}`, {
      attributes: { 'http.request.method': request.method, 'url.path': request.url.split('?')[0], 'dondoc.request_id': request.id },
    });
  });
  app.addHook('onResponse', async (request, reply) => {
    const span = (request as unknown as { span?: Span }).span;
    span?.setAttributes({ 'http.route': request.routeOptions.url ?? '', 'http.response.status_code': reply.statusCode });
    span?.end();
    httpDuration.observe({ method: request.method, route: request.routeOptions.url ?? 'unknown', status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });

  // The OpenAPI document comes from the same zod schemas that validate requests.
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'dondoc API', version: '1', description: 'Theo dõi, đôn đốc thực hiện văn bản chỉ đạo / directive follow-up' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  // Its own CSP (hashes for its inline scripts); its script sets inline styles, and the page shows no user data.
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    transformStaticCSP: (csp) => `${csp.replace(/style-src [^;]*/, "style-src 'self' 'unsafe-inline'")}; frame-ancestors 'none'`,
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(rateLimit, {
    max: deps.rateLimit?.max ?? 600,
    timeWindow: deps.rateLimit?.windowMs ?? 60_000,
    keyGenerator: (req) => req.headers.authorization ?? req.ip,
    errorResponseBuilder: (_req, ctx) => ({ statusCode: 429, code: 'FST_RATE_LIMITED', retryAfterMs: ctx.ttl }),
  });

  await opsRoutes(app, deps, limiter);
  await webRoutes(app, deps, limiter);
  await app.register(
    async (api) => {
      requireBearerToken(api, deps.db, limiter);
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
