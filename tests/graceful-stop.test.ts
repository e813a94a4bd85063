import { afterEach, describe, expect, it } from 'vitest';
import { startMailCatcher, type MailCatcher } from '@dondoc/mail';
import { createTestContext, type TestContext } from './support/context.ts';
import { issueWithDeadline } from './support/directives.ts';
import { startService, stopService, type ServiceProcess } from './support/processes.ts';
import { testEnv } from './support/env.ts';

/** A rolling deploy sends SIGTERM: the worker process finishes the mail it is sending, records it, and exits 0. */
describe('worker process on SIGTERM', () => {
  let t: TestContext | undefined;
  let catcher: MailCatcher | undefined;
  const procs: ServiceProcess[] = [];
  afterEach(async () => {
    await Promise.all(procs.splice(0).map((p) => stopService(p)));
    await catcher?.close();
    await t?.close();
  });

  it('finishes in-flight mail before exiting, and leaves the rest to the next worker', async () => {
    t = await createTestContext();
    await t.seedUnits();
    // A slow mail server, so mail is certainly in flight when the signal comes.
    catcher = await startMailCatcher({ acceptDelayMs: 1500 });
    const env = {
      DATABASE_URL: t.databaseUrl,
      REDIS_URL: testEnv.redisUrl,
      QUEUE_PREFIX: t.prefix,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(catcher.port),
      MAIL_CONCURRENCY: '2',
    };
    const first = await startService('worker', 'worker-1', env);
    procs.push(first);
    await issueWithDeadline(t, {
      units: ['so-tttt', 'so-noi-vu', 'so-gtvt', 'so-tu-phap', 'so-cong-thuong', 'so-ldtbxh'],
      dueAt: new Date(Date.now() + 3600_000),
    });
    const rows = () => t!.db.selectFrom('notifications').select(['message_id', 'status']).execute();
    const total = (await rows()).length;
    expect(total).toBe(12);

    await expect.poll(async () => (await rows()).filter((r) => r.status === 'sending').length, { timeout: 10_000, interval: 20 }).toBeGreaterThan(0);
    const inFlight = (await rows()).filter((r) => r.status === 'sending').map((r) => r.message_id);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const after = await rows();
    for (const id of inFlight) {
      expect(after.find((r) => r.message_id === id)!.status, id).toBe('sent');
      expect(catcher.messages.map((m) => m.parsed.messageId)).toContain(id);
    }
    expect(after.filter((r) => r.status === 'sending')).toEqual([]); // nothing half-done
    expect(after.filter((r) => r.status === 'pending').length).toBeGreaterThan(0); // it stopped taking work

    procs.push(await startService('worker', 'worker-2', env));
    await expect.poll(async () => (await rows()).every((r) => r.status === 'sent'), { timeout: 60_000 }).toBe(true);
    const ids = catcher.messages.map((m) => m.parsed.messageId);
    expect(new Set(ids).size).toBe(total);
    expect(ids).toHaveLength(total); // a graceful stop sends nothing twice
  }, 90_000);
});
