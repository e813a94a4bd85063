import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createMailTransport } from '@dondoc/mail';
import { createRedis, jobIds, redisQueueStore } from '@dondoc/queue';
import { createRegistry, registerDomainGauges } from '@dondoc/observability';
import { createMailWorker, reconcile } from '@dondoc/worker';
import { createTestContext, type TestContext } from './support/context.ts';
import { issueWithDeadline } from './support/directives.ts';
import { startFollowUp } from './support/follow-up.ts';
import { startApi, users, type TestApi } from './support/api.ts';
import { parseExposition } from './support/prometheus.ts';
import { testEnv } from './support/env.ts';

/**
 * A real SMTP server over TCP that, as told, refuses every recipient for good
 * (550), for now (451), or takes the mail.
 */
interface Smtp {
  port: number;
  mode: 'reject' | 'tempfail' | 'accept';
  /** The raw messages taken. */
  messages: string[];
  close(): Promise<void>;
}

async function startSmtp(mode: Smtp['mode']): Promise<Smtp> {
  const sockets = new Set<Socket>();
  const smtp: Smtp = { port: 0, mode, messages: [], close: async () => {} };
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let buffer = '';
    let data: string | null = null;
    const say = (line: string) => socket.write(`${line}\r\n`);
    say('220 dead-letter.test ESMTP');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        if (data !== null) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          smtp.messages.push(data + buffer.slice(0, end));
          buffer = buffer.slice(end + 5);
          data = null;
          say('250 2.0.0 taken');
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') say('250 dead-letter.test');
        else if (verb === 'MAIL') say('250 2.1.0 ok');
        else if (verb === 'RCPT') {
          if (smtp.mode === 'reject') say('550 5.1.1 no such mailbox here');
          else if (smtp.mode === 'tempfail') say('451 4.3.0 try again later');
          else say('250 2.1.5 ok');
        } else if (verb === 'DATA') {
          data = '';
          say('354 go ahead');
        } else if (verb === 'RSET' || verb === 'NOOP') say('250 ok');
        else if (verb === 'QUIT') {
          say('221 bye');
          socket.end();
        } else say('502 5.5.2 not implemented');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  smtp.port = (server.address() as AddressInfo).port;
  smtp.close = async () => {
    for (const s of sockets) s.destroy();
    await new Promise((r) => server.close(r));
  };
  return smtp;
}

/** The relay and the timer worker (tests/support), and a mail worker sending through `smtp`, with few quick attempts. */
async function startDelivery(t: TestContext, smtp: Smtp) {
  const f = await startFollowUp(t, { mailWorker: false, jobOptions: { attempts: 3, backoff: { type: 'fixed', delay: 100 } } });
  const consumer = createRedis(testEnv.redisUrl, 'worker');
  const transport = createMailTransport({ host: '127.0.0.1', port: smtp.port, secure: false });
  const worker = createMailWorker(
    t.db,
    transport,
    { from: 'dondoc <dondoc@hoa-an.example>', publicUrl: 'https://dondoc.hoa-an.example' },
    redisQueueStore({ producer: f.redis, consumer, prefix: t.prefix }),
    t.logger,
  );
  return {
    queues: f.queues,
    async stop() {
      await worker.close();
      transport.close();
      consumer.disconnect();
      await f.stop();
    },
  };
}

describe('dead-lettered mail', () => {
  let t: TestContext | undefined;
  let smtp: Smtp | undefined;
  let delivery: Awaited<ReturnType<typeof startDelivery>> | undefined;
  let api: TestApi | undefined;

  afterEach(async () => {
    await api?.close();
    await delivery?.stop();
    await smtp?.close();
    await t?.close();
    [t, smtp, delivery, api] = [undefined, undefined, undefined, undefined];
  });

  const rows = (ctx: TestContext) =>
    ctx.db.selectFrom('notifications').select(['id', 'status', 'attempts', 'last_error', 'failed_at', 'message_id']).orderBy('id').execute();

  it('attempts a permanent failure once and retries a transient one until its attempts are used', async () => {
    t = await createTestContext();
    await t.seedUnits();
    smtp = await startSmtp('reject');
    delivery = await startDelivery(t, smtp);
    const { queues } = delivery;

    // 550 for the recipient: retrying cannot help.
    await issueWithDeadline(t, { units: ['so-tttt'], dueAt: new Date(Date.now() + 3600_000) });
    const refused = await rows(t);
    expect(refused.length).toBeGreaterThan(0);
    await expect.poll(async () => (await rows(t!)).every((r) => r.status === 'failed'), { timeout: 10_000 }).toBe(true);
    for (const r of await rows(t)) {
      expect(r.attempts).toBe(1);
      expect(r.last_error).toMatch(/550/);
      expect(r.failed_at).toBeInstanceOf(Date);
      const job = (await queues.mail.getJob(jobIds.mail(r.id)))!;
      expect(await job.getState()).toBe('failed');
      expect(job.attemptsMade).toBe(1);
    }

    // 451: the server may take it later, so every attempt is used, then it is dead-lettered.
    smtp.mode = 'tempfail';
    const before = new Set(refused.map((r) => r.id));
    await issueWithDeadline(t, { units: ['so-noi-vu'], dueAt: new Date(Date.now() + 3600_000) });
    const deferred = (await rows(t)).filter((r) => !before.has(r.id)).map((r) => r.id);
    expect(deferred.length).toBeGreaterThan(0);
    const deferredRows = async () => (await rows(t!)).filter((r) => deferred.includes(r.id));
    await expect.poll(async () => (await deferredRows()).every((r) => r.status === 'failed'), { timeout: 15_000 }).toBe(true);
    for (const r of await deferredRows()) {
      expect(r.attempts).toBe(3);
      expect(r.last_error).toMatch(/451/);
      expect((await queues.mail.getJob(jobIds.mail(r.id)))!.attemptsMade).toBe(3);
    }

    // A timer job whose payload does not fit its schema is not retried either.
    await queues.timers.add('fire', { timerId: 'not-a-row-id' }, { jobId: 'bad-timer-payload' });
    const bad = async () => (await queues.timers.getJob('bad-timer-payload'))!;
    await expect.poll(async () => (await bad()).getState(), { timeout: 5000 }).toBe('failed');
    expect((await bad()).attemptsMade).toBe(1);
    expect(smtp.messages).toEqual([]);
  });

  it('marks mail refused for good failed, counts and lists it, leaves it to the operator, and sends it once when retried', async () => {
    t = await createTestContext();
    await t.seedUnits();
    smtp = await startSmtp('reject');
    delivery = await startDelivery(t, smtp);
    const { queues } = delivery;
    await issueWithDeadline(t, { units: ['so-tttt', 'so-gtvt'], dueAt: new Date(Date.now() + 3600_000) });
    const total = (await rows(t)).length;
    expect(total).toBeGreaterThan(1);
    await expect.poll(async () => (await rows(t!)).every((r) => r.status === 'failed'), { timeout: 10_000 }).toBe(true);
    expect((await rows(t)).every((r) => r.last_error?.includes('no such mailbox') && r.failed_at)).toBe(true);

    // The metric.
    const registry = createRegistry('dead-letter-test');
    registerDomainGauges(registry, t.db);
    const failedGauge = async () => parseExposition(await registry.getSingleMetricAsString('dondoc_notifications_failed')).sum('dondoc_notifications_failed');
    expect(await failedGauge()).toBe(total);

    // The reconciler leaves them alone: no job re-added or retried, nothing sent.
    const pass = await reconcile(t.db, queues, { graceMs: 0 });
    expect(pass.mails).toBe(0);
    expect(await queues.mail.getFailedCount()).toBe(total);
    expect(await queues.mail.getWaitingCount()).toBe(0);

    // The ops listing, for admins only.
    api = await startApi(t);
    const admin = await api.token(users.admin);
    const listed = await api.call('GET', '/api/v1/ops/notifications/failed', { token: admin });
    expect(listed.status).toBe(200);
    expect(listed.body.items).toHaveLength(total);
    const ids = (await rows(t)).map((r) => r.id);
    for (const item of listed.body.items) {
      expect(ids).toContain(item.id);
      expect(item.to).toMatch(/@/);
      expect(typeof item.template).toBe('string');
      expect(item.subject?.type).toBe('assignment');
      expect(item.lastError).toMatch(/550/);
      expect(item.attempts).toBe(1);
      expect(Number.isNaN(Date.parse(item.failedAt))).toBe(false);
    }
    expect((await api.call('GET', '/api/v1/ops/notifications/failed', { token: await api.token(users.office) })).status).toBe(403);
    expect((await api.call('POST', '/api/v1/ops/notifications/retry-failed', { token: await api.token(users.monitor) })).status).toBe(403);
    expect(smtp.messages).toEqual([]);

    // The mailbox exists now; the operator retries one, then all.
    smtp.mode = 'accept';
    const one = await api.call('POST', `/api/v1/ops/notifications/${ids[0]}/retry`, { token: admin });
    expect(one.status).toBe(200);
    expect(one.body.retried).toEqual([ids[0]]);
    await expect.poll(async () => (await rows(t!)).find((r) => r.id === ids[0])!.status, { timeout: 10_000 }).toBe('sent');
    expect((await api.call('POST', `/api/v1/ops/notifications/${ids[0]}/retry`, { token: admin })).status).toBe(404); // not failed any more
    const all = await api.call('POST', '/api/v1/ops/notifications/retry-failed', { token: admin });
    expect(all.status).toBe(200);
    expect(all.body.retried).toEqual(ids.slice(1));
    await expect.poll(async () => (await rows(t!)).every((r) => r.status === 'sent'), { timeout: 10_000 }).toBe(true);

    // Exactly once each, and the reconciler adds nothing more.
    expect((await reconcile(t.db, queues, { graceMs: 0 })).mails).toBe(0);
    await new Promise((r) => setTimeout(r, 300));
    const messageIds = smtp.messages.map((m) => /^Message-ID:\s*(\S+)/im.exec(m)?.[1]);
    expect(messageIds).toHaveLength(total);
    expect(new Set(messageIds).size).toBe(total);
    expect(new Set(messageIds)).toEqual(new Set((await rows(t)).map((r) => r.message_id)));
    expect((await rows(t)).every((r) => r.last_error === null && r.failed_at === null && r.attempts === 2)).toBe(true);
    expect(await failedGauge()).toBe(0);
    expect((await api.call('GET', '/api/v1/ops/notifications/failed', { token: admin })).body.items).toEqual([]);
  });
});
