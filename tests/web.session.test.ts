import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '@dondoc/db';
import { createTestContext, type TestContext } from './support/context.ts';
import { startApi, users, type TestApi } from './support/api.ts';

/** Sign-in over plain HTTP: cookies, CSRF, rate limits, sign-out, language. */
describe('web sign-in', () => {
  let t: TestContext;
  let api: TestApi;
  beforeAll(async () => {
    t = await createTestContext();
    await seedDemo(t.db, { plan: false });
    api = await startApi(t);
  });
  afterAll(async () => {
    await api?.close();
    await t?.close();
  });

  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  const post = (path: string, fields: Record<string, string>, cookie?: string, ip?: string) =>
    fetch(api.url + path, {
      method: 'POST',
      redirect: 'manual',
      body: form(fields),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie && { cookie }), ...(ip && { 'x-forwarded-for': ip }) },
    });

  it('signs in with an httpOnly session cookie, needs the CSRF token to post, and signs out', async () => {
    const login = await post('/login', { email: users.officer('so-tttt'), password: DEMO_PASSWORD });
    expect(login.status).toBe(302);
    const setCookie = login.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/dondoc_session=[A-Za-z0-9_-]+/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    const cookie = setCookie.split(';')[0]!;
    const inbox = await fetch(`${api.url}/inbox`, { headers: { cookie } });
    expect(inbox.status).toBe(200);
    const page = await inbox.text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
    expect(page).toContain('Việc cần làm');

    expect((await post('/logout', {}, cookie)).status).toBe(403); // no token
    expect((await post('/logout', { _csrf: 'forged' }, cookie)).status).toBe(403);
    expect((await post('/logout', { _csrf: csrf }, cookie)).status).toBe(302);
    const after = await fetch(`${api.url}/inbox`, { headers: { cookie }, redirect: 'manual' });
    expect(after.status).toBe(302);
    expect(after.headers.get('location')).toBe('/login?next=%2Finbox');
  });

  it('keeps the matrix and the lagging units to the Office and the leadership', async () => {
    const signIn = async (email: string) =>
      (await post('/login', { email, password: DEMO_PASSWORD }, undefined, '10.9.9.9')).headers.get('set-cookie')!.split(';')[0]!;
    const officer = await signIn(users.officer('so-tttt'));
    const office = await signIn(users.office);
    for (const path of ['/matrix', '/laggards']) {
      const refused = await fetch(api.url + path, { headers: { cookie: officer } });
      expect(refused.status).toBe(403);
      expect(await refused.text()).toContain('Trang này dành cho Văn phòng và lãnh đạo.');
      expect((await fetch(api.url + path, { headers: { cookie: office } })).status).toBe(200);
      expect((await fetch(api.url + path, { redirect: 'manual' })).status).toBe(302); // signed out: to the sign-in page
    }
  });

  it('refuses a wrong password in Vietnamese and limits failed attempts per address', async () => {
    const limited = await startApi(t, { failedAuthLimits: { signInPerAddress: 5, signInPerAccount: 1000, tokenPerAddress: 1000 } });
    try {
      const attempt = (email: string, password: string) =>
        fetch(`${limited.url}/login`, {
          method: 'POST',
          redirect: 'manual',
          body: form({ email, password }),
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        });
      const wrong = await attempt(users.office, 'sai-mat-khau');
      expect(wrong.status).toBe(401);
      expect(await wrong.text()).toContain('Sai địa chỉ thư hoặc mật khẩu.');
      const statuses = [];
      // Other accounts from the same address count too: the address made five failed attempts.
      for (const email of [users.chairman, users.admin, users.monitor, users.office, users.chairman]) statuses.push((await attempt(email, 'x')).status);
      expect(statuses).toEqual([401, 401, 401, 401, 429]);
      expect((await attempt(users.admin, DEMO_PASSWORD)).status).toBe(429);
    } finally {
      await limited.close();
    }
  });

  it('switches to English and remembers it', async () => {
    const en = await fetch(`${api.url}/login?lang=en`);
    expect(await en.text()).toContain('<html lang="en">');
    const cookie = en.headers.get('set-cookie')!.split(';')[0]!;
    expect(await (await fetch(`${api.url}/login`, { headers: { cookie } })).text()).toContain('Sign in');
  });

  it('signs in from a deep link and lands on it', async () => {
    const deep = '/directives?q=25%2FCT';
    const first = await fetch(api.url + deep, { redirect: 'manual' });
    expect(first.status).toBe(302);
    const loginAt = first.headers.get('location')!;
    expect(loginAt).toBe(`/login?next=${encodeURIComponent(deep)}`);
    // The sign-in page's form posts back to the same next, and that post is not a CSRF failure.
    const form = await (await fetch(api.url + loginAt)).text();
    const action = /<form method="post" action="([^"]+)"/.exec(form)![1]!.replaceAll('&amp;', '&');
    expect(action).toBe(loginAt);
    const signed = await post(action, { email: users.office, password: DEMO_PASSWORD }, undefined);
    expect(signed.status).toBe(302);
    expect(signed.headers.get('location')).toBe(deep);
    const cookie = signed.headers.get('set-cookie')!.split(';')[0]!;
    const landed = await fetch(api.url + deep, { headers: { cookie } });
    expect(landed.status).toBe(200);
    expect(await landed.text()).toContain('25/CT-UBND');
  });

  it('refuses open redirects after sign-in', async () => {
    const tricks = [
      '//evil.example/',
      '/\\evil.example',
      '/\\/evil.example',
      '\\\\evil.example',
      'https://evil.example/',
      'http:evil.example',
      '//evil.example/%2F..',
      '/%2F%2Fevil.example',
      '/%5Cevil.example',
      '/%5C%5Cevil.example',
      '%2F%2Fevil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      ' //evil.example',
      'javascript:alert(1)',
      '/login',
      '/logout',
    ];
    for (const next of tricks) {
      const r = await post(`/login?next=${encodeURIComponent(next)}`, { email: users.chairman, password: DEMO_PASSWORD });
      expect(r.status, next).toBe(302);
      expect(r.headers.get('location'), next).toBe('/');
    }
  });

  it('limits failed sign-ins per account, whatever the address, and tells why in Vietnamese', async () => {
    // The address's limit set high, so the account's shows: its guesses are blocked, another account's sign-in is not.
    const other = await startApi(t, { failedAuthLimits: { signInPerAddress: 1000, signInPerAccount: 3, tokenPerAddress: 1000 } });
    try {
      const attempt = (email: string, password: string) =>
        fetch(`${other.url}/login`, {
          method: 'POST',
          redirect: 'manual',
          body: form({ email, password }),
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        });
      for (let i = 0; i < 3; i++) expect((await attempt(users.chairman, 'sai')).status).toBe(401);
      const blocked = await attempt(users.chairman, DEMO_PASSWORD); // even the right password waits
      expect(blocked.status).toBe(429);
      expect(blocked.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(await blocked.text()).toContain('Đăng nhập sai quá nhiều lần');
      // Another account is not locked by it.
      expect((await attempt(users.office, DEMO_PASSWORD)).status).toBe(302);
    } finally {
      await other.close();
    }
  });

  it('limits requests with a missing or revoked token per address, with 429 in the error shape', async () => {
    const other = await startApi(t, { failedAuthLimits: { signInPerAddress: 5, signInPerAccount: 10, tokenPerAddress: 4 } });
    try {
      const statuses: number[] = [];
      for (const auth of [undefined, 'Bearer ddk_revoked', undefined, 'Bearer nope', undefined, 'Bearer ddk_x']) {
        statuses.push((await fetch(`${other.url}/api/v1/me`, { headers: auth ? { authorization: auth } : {} })).status);
      }
      expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
      const r = await fetch(`${other.url}/api/v1/directives`);
      expect(r.status).toBe(429);
      expect(r.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(await r.json()).toMatchObject({ code: 'RATE_LIMITED', field: null, message: { vi: expect.stringContaining('Xác thực sai quá nhiều lần') } });
      // bull-board counts too.
      expect((await fetch(`${other.url}/admin/queues/api/queues`)).status).toBe(429);
    } finally {
      await other.close();
    }
  });

  it('takes bull-board writes on an admin session only from a dondoc page (CSRF)', async () => {
    const login = await post('/login', { email: users.admin, password: DEMO_PASSWORD }, undefined);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const pause = (headers: Record<string, string>) =>
      fetch(`${api.url}/admin/queues/api/queues/timers/pause`, { method: 'PUT', headers: { cookie, ...headers } });
    const forged = await pause({});
    expect(forged.status).toBe(403);
    expect(await forged.json()).toMatchObject({ code: 'FORBIDDEN', field: 'Origin' });
    expect((await pause({ origin: 'https://evil.example' })).status).toBe(403);
    expect((await pause({ referer: 'https://evil.example/page' })).status).toBe(403);
    // Reading needs no Origin; writing from its own page does.
    expect((await fetch(`${api.url}/admin/queues/api/queues`, { headers: { cookie } })).status).toBe(200);
    const own = await pause({ origin: api.url });
    expect(own.status).toBeLessThan(300);
    expect(await t.queues.timers.isPaused()).toBe(true);
    await t.queues.timers.resume();
  });
});
