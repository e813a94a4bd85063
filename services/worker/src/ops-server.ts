import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';
import type { Db } from '@dondoc/db';
import { checkReadiness } from '@dondoc/observability';
import type { QueueStore } from '@dondoc/queue';

/** The worker's own small HTTP endpoint: /healthz, /readyz and /metrics, for probes and Prometheus. */
export async function startOpsServer(opts: {
  db: Db;
  store: QueueStore;
  registry: Registry;
  host: string;
  port: number;
  metricsToken?: string;
}): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const reply = (status: number, body: string, type = 'application/json') => {
      res.writeHead(status, { 'content-type': type });
      res.end(body);
    };
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') return reply(200, JSON.stringify({ status: 'ok' }));
    if (path === '/readyz') {
      checkReadiness(opts.db, opts.store).then(
        (r) => reply(r.ready ? 200 : 503, JSON.stringify({ status: r.ready ? 'ready' : 'not ready', checks: r.checks })),
        () => reply(503, JSON.stringify({ status: 'not ready' })),
      );
      return;
    }
    if (path === '/metrics') {
      // With METRICS_TOKEN set it is asked for here too; without, the port's binding (loopback by default) is the guard.
      if (opts.metricsToken && req.headers.authorization !== `Bearer ${opts.metricsToken}`)
        return reply(
          401,
          JSON.stringify({
            code: 'UNAUTHENTICATED',
            field: 'Authorization',
            message: { vi: 'Cần mã METRICS_TOKEN để đọc số đo.', en: 'Reading metrics needs the METRICS_TOKEN bearer token.' },
          }),
        );
      opts.registry.metrics().then(
        (m) => reply(200, m, opts.registry.contentType),
        () => reply(500, 'metrics failed', 'text/plain'),
      );
      return;
    }
    reply(404, JSON.stringify({ code: 'NOT_FOUND', field: null, message: { vi: 'Không có địa chỉ này.', en: 'No such route.' } }));
  });
  await new Promise<void>((resolve) => server.listen(opts.port, opts.host, resolve));
  const address = server.address();
  return { server, port: typeof address === 'object' && address ? address.port : opts.port, close: () => new Promise((r) => server.close(() => r())) };
}
