import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '@dondoc/db';
import { createTestContext, type TestContext } from './support/context.ts';
import { startApi, users, type TestApi } from './support/api.ts';
import { alwaysWorking, seconds, startFollowUp, type FollowUp } from './support/follow-up.ts';
import { issueWithDeadline } from './support/directives.ts';

/** Without a mail server, `dondoc start` catches mail in-process; the Office reads it in the web app. */
describe('the caught-mail page', () => {
  let t: TestContext;
  let f: FollowUp;
  let api: TestApi;
  let plain: TestApi;
  beforeAll(async () => {
    t = await createTestContext();
    await t.seedUnits();
    await alwaysWorking(t);
    f = await startFollowUp(t);
    api = await startApi(t, { mailbox: f.catcher });
    plain = await startApi(t);
  });
  afterAll(async () => {
    await api?.close();
    await plain?.close();
    await f?.stop();
    await t?.close();
  });

  const signIn = async (base: string, email: string) => {
    const res = await fetch(`${base}/login`, {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams({ email, password: DEMO_PASSWORD }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(302);
    return res.headers.get('set-cookie')!.split(';')[0]!;
  };

  it('lists the reminder a directive caused, newest first, and shows it whole', async () => {
    const d = await issueWithDeadline(t, {
      units: ['so-gtvt'],
      dueAt: new Date(Date.now() + 3000),
      reminderPolicy: { reminders: [{ hoursBefore: seconds(1) }] },
    });
    await expect.poll(() => f.mails(users.officer('so-gtvt')).some((m) => /Nhắc hạn/.test(m.parsed.subject ?? '')), { timeout: 10_000 }).toBe(true);
    const cookie = await signIn(api.url, users.office);

    const list = await fetch(`${api.url}/mail`, { headers: { cookie } });
    expect(list.status).toBe(200);
    const page = await list.text();
    expect(page).toContain('Hộp thư thử nghiệm');
    expect(page).toContain('href="/mail"'); // in the navigation
    const subjects = [...page.matchAll(/<a href="\/mail\/(\d+)">([^<]+)<\/a>/g)].map(([, n, s]) => [Number(n), s] as const);
    expect(subjects.length).toBe(f.catcher.messages.length);
    expect(subjects.map(([n]) => n)).toEqual([...subjects.map(([n]) => n)].sort((a, b) => b - a)); // newest first
    const [n] = subjects.find(([, s]) => s!.includes('Nhắc hạn') && s!.includes(d.numberSymbol))!;
    expect(page).toContain(users.officer('so-gtvt'));

    const one = await fetch(`${api.url}/mail/${n}`, { headers: { cookie } });
    expect(one.status).toBe(200);
    const body = await one.text();
    expect(body).toContain(d.numberSymbol);
    expect(body).toContain(f.catcher.messages[n - 1]!.parsed.text!.split('\n')[0]!.replace(/&/g, '&amp;'));
    expect((await fetch(`${api.url}/mail/99999`, { headers: { cookie } })).status).toBe(404);
  });

  it('is for the Office and admins only, and absent when mail goes to a real server', async () => {
    const officer = await signIn(api.url, users.officer('so-gtvt'));
    const refused = await fetch(`${api.url}/mail`, { headers: { cookie: officer } });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('Chỉ Văn phòng và quản trị viên');
    expect((await fetch(`${api.url}/mail`, { headers: { cookie: await signIn(api.url, users.admin) } })).status).toBe(200);

    const office = await signIn(plain.url, users.office);
    expect((await fetch(`${plain.url}/mail`, { headers: { cookie: office } })).status).toBe(404);
    expect(await (await fetch(`${plain.url}/matrix`, { headers: { cookie: office } })).text()).not.toContain('href="/mail"');
    expect((await fetch(`${api.url}/mail`, { redirect: 'manual' })).status).toBe(302); // signed out: to the sign-in page
  });
});
