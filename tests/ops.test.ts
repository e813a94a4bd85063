import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import SwaggerParser from '@apidevtools/swagger-parser';
import { pino } from 'pino';
import { buildApp } from '@dondoc/api';
import { loadConfig } from '@dondoc/config';
import { listAssignments } from '@dondoc/db';
import { startMailCatcher, type MailCatcher } from '@dondoc/mail';
import { createRegistry } from '@dondoc/observability';
import { createQueueStore, createQueues, createRedis, redisQueueStore, type QueueStore } from '@dondoc/queue';
import { startWorker, type RunningWorker } from '@dondoc/worker';
import { createTestContext, type TestContext } from './support/context.ts';
import { testMetricsToken, startApi, users, type TestApi } from './support/api.ts';
import { startOwnRedis } from './support/redis.ts';
import { testEnv } from './support/env.ts';
import { parseExposition } from './support/prometheus.ts';

describe('ops: queues, metrics, health, logs and API docs', () => {
  let t: TestContext;
  let api: TestApi;
  let worker: RunningWorker;
  let store: QueueStore;
  let catcher: MailCatcher;
  const logLines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    t = await createTestContext();
    await t.seed();
    api = await startApi(t);
    catcher = await startMailCatcher();
    const config = loadConfig({
      DATABASE_URL: t.databaseUrl,
      REDIS_URL: testEnv.redisUrl,
      QUEUE_PREFIX: t.prefix,
      WORKER_OPS_PORT: '0',
      RELAY_POLL_MS: '50',
      PUBLIC_URL: 'https://dondoc.hoa-an.example',
    });
    const sink = new Writable({
      write(chunk, _enc, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) logLines.push(JSON.parse(line));
        done();
      },
    });
    store = createQueueStore({ kind: 'redis', url: config.redisUrl, prefix: config.queuePrefix });
    worker = await startWorker(config, pino({ level: 'info' }, sink), { smtp: { host: '127.0.0.1', port: catcher.port, secure: false }, store });
  });
  afterAll(async () => {
    await worker?.close();
    await store?.close();
    await api?.close();
    await catcher?.close();
    await t?.close();
  });

  describe('bull-board', () => {
    it('answers 401 without a token, 403 without the admin role, and lists every queue to an admin', async () => {
      expect((await api.call('GET', '/admin/queues')).status).toBe(401);
      expect((await api.call('GET', '/admin/queues', { token: await api.token(users.office) })).status).toBe(403);
      const admin = await api.token(users.admin);
      const page = await api.call('GET', '/admin/queues', { token: admin });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      const data = await api.call('GET', '/admin/queues/api/queues?activeQueue=maintenance', { token: admin });
      expect(data.status).toBe(200);
      expect(data.body.queues.map((q: { name: string }) => q.name).sort()).toEqual(['mail', 'maintenance', 'timers']);
    });

    it('works behind a path prefix', async () => {
      const prefixed = await startApi(t, { basePath: '/dondoc' });
      try {
        const page = await prefixed.call('GET', '/admin/queues', { token: await prefixed.token(users.admin) });
        expect(page.text).toContain('/dondoc/admin/queues');
      } finally {
        await prefixed.close();
      }
    });
  });

  describe('metrics, logs and timers after a scenario', () => {
    it('exposes queue depths, HTTP durations, outbox lag, assignments by state and overdue in the API, job and mail series in the worker', async () => {
      const ids = (await listAssignments(t.db)).filter((a) => a.unitCode === 'so-tttt').map((a) => a.id);
      const officer = await api.token(users.officer('so-tttt'));
      for (const id of ids) expect((await api.call('POST', `/api/v1/assignments/${id}/acknowledge`, { token: officer })).status).toBe(200);
      const startReport = await api.call('POST', `/api/v1/assignments/${ids[0]}/start`, { token: officer });
      expect(startReport.status).toBe(200);
      const submitted = await api.call('POST', `/api/v1/assignments/${ids[0]}/submit-report`, {
        token: officer,
        json: { text: 'Đã triển khai' },
        headers: { 'x-request-id': 'req-ops-4711' },
      });
      expect(submitted.headers.get('x-request-id')).toBe('req-ops-4711');

      // The seeded deadlines are long past: the worker fires them and mails go out.
      await expect.poll(() => catcher.messages.length, { timeout: 20_000 }).toBeGreaterThan(40);
      await expect.poll(async () => (await listAssignments(t.db)).filter((a) => a.overdue).length, { timeout: 20_000 }).toBe(35);

      // Not public: without the token, 401 in the API's error shape.
      const anonymous = await api.call('GET', '/metrics');
      expect(anonymous.status).toBe(401);
      expect(anonymous.body).toMatchObject({ code: 'UNAUTHENTICATED', field: 'Authorization' });
      expect((await api.call('GET', '/metrics', { headers: { authorization: 'Bearer wrong-token-wrong-token' } })).status).toBe(401);
      const m = parseExposition((await api.call('GET', '/metrics', { headers: { authorization: `Bearer ${testMetricsToken}` } })).text);
      expect(m.sum('dondoc_assignments', { state: 'assigned' })).toBe(ids.length - 1);
      expect(m.sum('dondoc_assignments', { state: 'reported' })).toBe(1);
      expect(m.sum('dondoc_assignments')).toBe(35);
      expect(m.sum('dondoc_assignments_overdue')).toBe(35);
      expect(m.types.get('dondoc_outbox_lag_seconds')).toBe('gauge');
      expect(m.sum('dondoc_outbox_lag_seconds')).toBeGreaterThanOrEqual(0);
      expect(m.sum('dondoc_queue_jobs', { queue: 'timers', state: 'completed' })).toBeGreaterThanOrEqual(35);
      expect(new Set(m.samples.filter((x) => x.name === 'dondoc_queue_jobs').map((x) => x.labels.queue))).toEqual(new Set(['timers', 'mail', 'maintenance']));
      expect(m.types.get('dondoc_http_request_duration_seconds')).toBe('histogram');
      expect(m.sum('dondoc_http_request_duration_seconds_count', { route: '/api/v1/assignments/:id/acknowledge', status: '200' })).toBe(ids.length);
      expect(m.sum('dondoc_http_request_duration_seconds_bucket', { route: '/api/v1/assignments/:id/acknowledge', status: '200', le: '+Inf' })).toBe(
        ids.length,
      );

      const w = parseExposition(await (await fetch(`http://127.0.0.1:${worker.opsPort}/metrics`)).text());
      expect(w.sum('dondoc_job_duration_seconds_count', { queue: 'timers' })).toBeGreaterThanOrEqual(35);
      expect(w.sum('dondoc_job_duration_seconds_count', { queue: 'mail' })).toBeGreaterThan(40);
      expect(w.sum('dondoc_mails_total', { outcome: 'sent' })).toBeGreaterThan(40);
      expect(w.sum('dondoc_timer_lateness_seconds_count')).toBeGreaterThanOrEqual(35);
      expect(w.sum('dondoc_timer_lateness_seconds_sum') / w.sum('dondoc_timer_lateness_seconds_count')).toBeLessThan(5); // plausible: seconds, not hours
      expect(w.types.get('dondoc_job_failures_total')).toBe('counter');

      // The request id of the HTTP call is in the worker's log line for the mail it caused.
      await expect.poll(() => logLines.some((l) => l.msg === 'mail processed' && l.requestId === 'req-ops-4711'), { timeout: 10_000 }).toBe(true);
      // And nothing secret or classified reaches the logs.
      const all = JSON.stringify(logLines);
      expect(all).not.toContain(officer);
      expect(all).not.toContain('Đã triển khai');
    });

    it('tells the Office which timers are pending, when and why', async () => {
      const id = (await listAssignments(t.db)).find((a) => a.unitCode === 'so-tttt')!.id;
      const r = await api.call('GET', `/api/v1/assignments/${id}/timers`, { token: await api.token(users.office) });
      expect(r.status, r.text).toBe(200);
      for (const timer of r.body) expect(timer).toMatchObject({ assignmentId: id, why: { vi: expect.any(String), en: expect.any(String) } });
      expect((await api.call('GET', `/api/v1/assignments/${id}/timers`, { token: await api.token(users.officer('so-tttt')) })).status).toBe(403);
    });
  });

  describe('health', () => {
    it('is alive, and ready only while PostgreSQL and Redis answer', async () => {
      const redis = await startOwnRedis();
      const connection = createRedis(redis.url, 'producer');
      connection.on('error', () => {});
      const queues = createQueues({ store: redisQueueStore({ producer: connection, prefix: t.prefix }), onError: () => {} });
      const app = await buildApp({ db: t.db, queues, registry: createRegistry('health-test'), logger: t.logger });
      try {
        expect((await app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
        await expect.poll(async () => (await app.inject({ url: '/readyz' })).statusCode, { timeout: 5000 }).toBe(200);
        expect((await app.inject({ url: '/readyz' })).json()).toEqual({ status: 'ready', checks: { postgres: true, queues: true, migrations: true } });
        await redis.stop();
        await expect.poll(async () => (await app.inject({ url: '/readyz' })).statusCode, { timeout: 5000 }).toBe(503);
        expect((await app.inject({ url: '/readyz' })).json()).toMatchObject({ status: 'not ready', checks: { postgres: true, queues: false } });
        await redis.restart();
        await expect.poll(async () => (await app.inject({ url: '/readyz' })).statusCode, { timeout: 15_000, interval: 200 }).toBe(200);
      } finally {
        await app.close();
        await queues.close().catch(() => {});
        connection.disconnect();
        await redis.stop().catch(() => {});
      }
      const w = await fetch(`http://127.0.0.1:${worker.opsPort}/readyz`);
      expect(w.status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${worker.opsPort}/healthz`)).status).toBe(200);
    });
  });

  describe('API docs', () => {
    it('serves an OpenAPI document that validates and covers every route', async () => {
      const res = await api.call('GET', '/api/openapi.json');
      expect(res.status).toBe(200);
      const doc = res.body;
      await SwaggerParser.validate(structuredClone(doc));
      const app = await buildApp({ db: t.db, queues: t.queues, registry: createRegistry('docs-test'), logger: t.logger });
      await app.ready();
      const served = app.dondocRoutes.filter((r) => r.url.startsWith('/api/v1/') || ['/healthz', '/readyz', '/metrics'].includes(r.url));
      expect(served.length).toBeGreaterThan(40);
      const missing = served.filter((r) => !doc.paths[r.url.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()]);
      expect(missing).toEqual([]);
      expect((await api.call('GET', '/api/docs/')).status).toBe(200);
      await app.close();
    });
  });
});
