import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, caughtMailLimits, loadCaughtMail, saveCaughtMail } from '@dondoc/db';
import { createMailTransport, startMailCatcher, type CaughtMailStore, type MailCatcher } from '@dondoc/mail';
import { createTestContext, type TestContext } from './support/context.ts';
import { startApi, users, type TestApi } from './support/api.ts';
import { alwaysWorking, seconds, startFollowUp, type FollowUp } from './support/follow-up.ts';
import { issueWithDeadline } from './support/directives.ts';

/**
 * Without a mail server, `dondoc start` catches mail in-process and keeps it in
 * PostgreSQL; the Office reads it in the web app, links to dondoc clickable,
 * and finds it again after a restart.
 */
const publicUrl = 'https://dondoc.hoa-an.example'; // the mail worker's PUBLIC_URL in support/follow-up.ts

describe('the caught-mail page', () => {
  let t: TestContext;
  let f: FollowUp;
  let api: TestApi;
  let plain: TestApi;
  let store: CaughtMailStore;
  beforeAll(async () => {
    t = await createTestContext();
    await t.seedUnits();
    await alwaysWorking(t);
    store = { load: () => loadCaughtMail(t.db), save: (m) => saveCaughtMail(t.db, m), max: caughtMailLimits.max };
    f = await startFollowUp(t, { catcherStore: store });
    api = await startApi(t, { mailbox: f.catcher, publicOrigin: publicUrl });
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
  const listed = (page: string) => [...page.matchAll(/<a href="\/mail\/(\d+)">([^<]+)<\/a>/g)].map(([, n, s]) => [Number(n), s!] as const);
  let reminder: { n: number; numberSymbol: string; link: string };

  it('lists the reminder a directive caused, newest first, and shows it whole with its link clickable', async () => {
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
    const subjects = listed(page);
    expect(subjects.length).toBe(f.catcher.messages.length);
    expect(subjects.map(([n]) => n)).toEqual([...subjects.map(([n]) => n)].sort((a, b) => b - a)); // newest first
    const [n] = subjects.find(([, s]) => s.includes('Nhắc hạn') && s.includes(d.numberSymbol))!;
    expect(page).toContain(users.officer('so-gtvt'));
    expect(page).toMatch(/<td data-label="Người nhận">/); // the table stacks into labelled cards on a phone

    const one = await fetch(`${api.url}/mail/${n}`, { headers: { cookie } });
    expect(one.status).toBe(200);
    const body = await one.text();
    expect(body).toContain(d.numberSymbol);
    const caught = f.catcher.messages.find((m) => m.id === n)!;
    expect(body).toContain(caught.parsed.text!.split('\n')[0]!.replace(/&/g, '&amp;'));
    const link = `${publicUrl}/assignments/${d.assignmentIds[0]}`;
    expect(caught.parsed.text).toContain(link);
    expect(body).toContain(`<a href="${link}">${link}</a>`);
    expect((await fetch(`${api.url}/mail/99999`, { headers: { cookie } })).status).toBe(404);
    reminder = { n, numberSymbol: d.numberSymbol, link };
  });

  it('makes only links to this site clickable, and escapes the rest', async () => {
    const transport = createMailTransport({ host: '127.0.0.1', port: f.catcher.port, secure: false });
    await transport.sendMail({
      from: 'la@example.org',
      to: users.office,
      subject: 'Thư lạ <b>',
      text: `Xem http://evil.example/dang-nhap, ${api.url}/directives và <script>alert(1)</script> javascript:alert(1) ${publicUrl}/laggards.`,
    });
    transport.close();
    const m = f.catcher.messages.find((x) => x.parsed.subject === 'Thư lạ <b>')!;
    const body = await (await fetch(`${api.url}/mail/${m.id}`, { headers: { cookie: await signIn(api.url, users.office) } })).text();
    expect(body).not.toContain('href="http://evil.example');
    expect(body).toContain('http://evil.example/dang-nhap,');
    expect(body).toContain(`<a href="${api.url}/directives">`); // the origin the page was opened on
    expect(body).toContain(`<a href="${publicUrl}/laggards">${publicUrl}/laggards</a>.`); // the full stop stays outside
    expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(body).not.toContain('<script>');
    expect(body).toContain('Thư lạ &lt;b&gt;');
  });

  it('keeps the caught mail in PostgreSQL: after a restart it is still listed, under the same number, its link still an anchor', async () => {
    // The directive's last mail (the overdue notice at its deadline) is in before the restart, so that none
    // arrives while the catcher closes; the count is taken once it has closed.
    await expect
      .poll(() => f.mails(users.officer('so-gtvt')).some((m) => m.parsed.text?.includes(reminder.numberSymbol) && /quá hạn/i.test(m.parsed.subject ?? '')), {
        timeout: 15_000,
      })
      .toBe(true);
    await f.catcher.close();
    const before = f.catcher.messages.length;
    await api.close();
    const again: MailCatcher = await startMailCatcher({ store });
    const restarted = await startApi(t, { mailbox: again, publicOrigin: publicUrl });
    try {
      expect(again.messages.length).toBe(before);
      const cookie = await signIn(restarted.url, users.office);
      const page = await (await fetch(`${restarted.url}/mail`, { headers: { cookie } })).text();
      expect(listed(page).find(([n]) => n === reminder.n)?.[1]).toContain(reminder.numberSymbol);
      const body = await (await fetch(`${restarted.url}/mail/${reminder.n}`, { headers: { cookie } })).text();
      expect(body).toContain(`<a href="${reminder.link}">${reminder.link}</a>`);
      // New mail after the restart is numbered after the kept ones.
      const transport = createMailTransport({ host: '127.0.0.1', port: again.port, secure: false });
      await transport.sendMail({ from: 'dondoc@hoa-an.example', to: users.office, subject: 'Sau khởi động lại', text: 'Nội dung' });
      transport.close();
      expect(again.messages.find((m) => m.parsed.subject === 'Sau khởi động lại')!.id).toBeGreaterThan(Math.max(...f.catcher.messages.map((m) => m.id)));
      expect((await loadCaughtMail(t.db)).map((m) => m.subject)).toContain('Sau khởi động lại');
    } finally {
      await restarted.close();
      await again.close();
      api = await startApi(t, { mailbox: f.catcher, publicOrigin: publicUrl }); // for the next tests, whatever this one found
    }
  });

  it('keeps no more than its bounds', async () => {
    const at = new Date();
    const kept = { at, envelopeTo: ['x@hoa-an.example'], from: 'dondoc', subject: 's', text: 't', raw: 'r' };
    for (let i = 0; i < 5; i++) await saveCaughtMail(t.db, { ...kept, subject: `thư ${i}` }, { max: 3, days: 30 });
    expect((await loadCaughtMail(t.db)).map((m) => m.subject)).toEqual(['thư 2', 'thư 3', 'thư 4']);
    await saveCaughtMail(t.db, { ...kept, at: new Date(Date.now() - 31 * 86_400_000), subject: 'cũ' });
    expect((await loadCaughtMail(t.db)).map((m) => m.subject)).not.toContain('cũ');
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
