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
    api = await startApi(t, { failedAuthLimits: { signInPerAddress: 5, signInPerAccount: 10, tokenPerAddress: 30 } });
  });
  afterAll(async () => {
    await api?.close();
    await t?.close();
  });

  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  const post = (path: string, fields: Record<string, string>, cookie?: string, ip?: string) =>
    fetch(api.url + path, { method: 'POST', redirect: 'manual', body: form(fields), headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie && { cookie }), ...(ip && { 'x-forwarded-for': ip }) } });

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
    const signIn = async (email: string) => (await post('/login', { email, password: DEMO_PASSWORD }, undefined, '10.9.9.9')).headers.get('set-cookie')!.split(';')[0]!;
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

  it('refuses a wrong password in Vietnamese and limits attempts', async () => {
    const wrong = await post('/login', { email: users.office, password: 'sai-mat-khau' });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('Sai địa chỉ thư hoặc mật khẩu.');
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await post('/login', { email: users.office, password: 'x' })).status);
    expect(statuses).toContain(429);
  });

  it('switches to English and remembers it', async () => {
    const en = await fetch(`${api.url}/login?lang=en`);
    expect(await en.text()).toContain('<html lang="en">');
    const cookie = en.headers.get('set-cookie')!.split(';')[0]!;
    expect(await (await fetch(`${api.url}/login`, { headers: { cookie } })).text()).toContain('Sign in');
  });
});
