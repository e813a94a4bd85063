/**
 * A mail worker in a process of its own, so a test can kill it with SIGKILL.
 * Short locks, so the jobs it held are found stalled and taken up again quickly.
 */
import { createDb } from '@dondoc/db';
import { createMailTransport } from '@dondoc/mail';
import { createRedis, redisQueueStore } from '@dondoc/queue';
import { createLogger } from '@dondoc/observability';
import { createMailWorker } from '@dondoc/worker';

const env = (name: string) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
};
const db = createDb(env('CHILD_DATABASE_URL'));
const transport = createMailTransport({ host: '127.0.0.1', port: Number(env('CHILD_SMTP_PORT')), secure: false });
const worker = createMailWorker(
  db,
  transport,
  { from: 'dondoc <dondoc@hoa-an.example>', publicUrl: 'https://dondoc.hoa-an.example' },
  redisQueueStore({ producer: createRedis(env('CHILD_REDIS_URL'), 'worker'), prefix: env('CHILD_PREFIX') }),
  createLogger('silent', 'child'),
  { lockDuration: 1000, stalledInterval: 500 },
);
await worker.waitUntilReady();
process.send?.('ready');
