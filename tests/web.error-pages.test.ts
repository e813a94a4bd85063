import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '@dondoc/db';
import { createTestContext, type TestContext } from './support/context.ts';
import { startApi, users, type TestApi } from './support/api.ts';
import { signIn } from './support/web.ts';
import { errorHandler } from '../services/api/src/http/errors.ts';
import { legend, page } from '../services/api/src/web/html.ts';

/**
 * What a browser reads when something goes wrong: every refusal is a page in
 * UTF-8 and in the reader's language (404, 403, 400, 413, 429, 500, the CSRF
 * refusal), an address that is no page gets a page rather than the API's JSON,
 * while the API and clients asking for JSON keep the error shape. And the
 * frame every page shares: skip link, current section, notice, legend.
 */
const browser = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
const isPage = (r: Response) => expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');

describe('error pages', () => {
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

  it('answers an address that is no page with a page in Vietnamese, or in English when asked', async () => {
    const r = await fetch(`${api.url}/khong-co`, { headers: browser });
    expect(r.status).toBe(404);
    isPage(r);
    const text = await r.text();
    expect(text).toContain('<html lang="vi">');
    expect(text).toContain('<title>Không tìm thấy · dondoc</title>');
    expect(text).toContain('Không có trang nào ở địa chỉ này; có thể đường dẫn đã cũ hoặc gõ nhầm.');
    expect(text).toContain('<a href="/">Về trang đầu</a>');
    const en = await fetch(`${api.url}/khong-co?lang=en`, { headers: browser });
    expect(await en.text()).toContain('There is no page at this address');
    const byCookie = await fetch(`${api.url}/khong-co`, { headers: { ...browser, cookie: 'lang=en' } });
    expect(await byCookie.text()).toContain('<html lang="en">');
  });

  it('keeps a signed-in reader’s navigation on the page of an address that is no page', async () => {
    const office = await signIn(api, users.office);
    const r = await fetch(`${api.url}/khong-co`, { headers: { ...browser, cookie: office.cookie } });
    expect(r.status).toBe(404);
    expect(r.headers.get('cache-control')).toBe('no-store');
    const text = await r.text();
    expect(text).toContain('<a href="/directives">Văn bản</a>');
    expect(text).toContain('Đăng xuất');
  });

  it('keeps the JSON error shape for the API and for clients that ask for JSON', async () => {
    for (const [path, accept] of [
      ['/api/v1/khong-co', browser.accept],
      ['/khong-co', 'application/json'],
      ['/khong-co', '*/*'],
    ] as const) {
      const r = await fetch(api.url + path, { headers: { accept } });
      expect(r.status, path).toBe(404);
      expect(r.headers.get('content-type'), path).toContain('application/json');
      expect(await r.json()).toMatchObject({ code: 'NOT_FOUND', message: { vi: 'Không có địa chỉ này.' } });
    }
  });

  it('refuses a form without its CSRF token, a page out of reach and a bad sign-in with pages in UTF-8', async () => {
    const officer = await signIn(api, users.officer('so-tttt'));
    const csrf = await fetch(`${api.url}/logout`, {
      method: 'POST',
      headers: { cookie: officer.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    expect(csrf.status).toBe(403);
    isPage(csrf);
    expect(await csrf.text()).toContain('Phiên làm việc không hợp lệ; hãy tải lại trang.');
    const matrix = await fetch(`${api.url}/matrix`, { headers: { cookie: officer.cookie } });
    expect(matrix.status).toBe(403);
    isPage(matrix);
    const missing = await fetch(`${api.url}/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'email=' });
    expect(missing.status).toBe(400);
    isPage(missing);
    expect(await missing.text()).toContain('Hãy nhập địa chỉ thư và mật khẩu.');
  });

  it('tells a browser that is not an admin why the queues board is closed, on a page', async () => {
    const officer = await signIn(api, users.officer('so-tttt'));
    const r = await fetch(`${api.url}/admin/queues`, { headers: { ...browser, cookie: officer.cookie } });
    expect(r.status).toBe(403);
    isPage(r);
    expect(await r.text()).toContain('Chỉ quản trị hệ thống xem hàng đợi.');
    const json = await fetch(`${api.url}/admin/queues/api/queues`, { headers: { ...browser, cookie: officer.cookie } });
    expect(json.status).toBe(403);
    expect(await json.json()).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('answers a form body too large for the server with a page', async () => {
    const small = await startApi(t, { bodyLimit: 1024 });
    try {
      const r = await fetch(`${small.url}/login`, {
        method: 'POST',
        headers: { ...browser, 'content-type': 'application/x-www-form-urlencoded' },
        body: `email=${'a'.repeat(5000)}`,
      });
      expect(r.status).toBe(413);
      isPage(r);
      expect(await r.text()).toContain('Nội dung gửi lên quá lớn.');
    } finally {
      await small.close();
    }
  });

  it('tells a browser blocked from signing in how long to wait, on a page', async () => {
    const limited = await startApi(t, { failedAuthLimits: { signInPerAddress: 1000, signInPerAccount: 2, tokenPerAddress: 1000 } });
    try {
      const attempt = (password: string) =>
        fetch(`${limited.url}/login`, {
          method: 'POST',
          redirect: 'manual',
          headers: { ...browser, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ email: users.chairman, password }).toString(),
        });
      for (let i = 0; i < 2; i++) expect((await attempt('sai')).status).toBe(401);
      const blocked = await attempt(DEMO_PASSWORD);
      expect(blocked.status).toBe(429);
      isPage(blocked);
      const seconds = blocked.headers.get('retry-after');
      expect(seconds).toMatch(/^\d+$/);
      const text = await blocked.text();
      expect(text).toContain(`Đăng nhập sai quá nhiều lần; hãy thử lại sau ${seconds} giây.`);
      expect(text).toContain('<form method="post" action="/login"');
      expect(text).not.toMatch(/"code"|statusCode/);
    } finally {
      await limited.close();
    }
  });

  it('answers the global rate limit with a page to a browser and JSON to a client asking for JSON', async () => {
    const limited = await startApi(t, { rateLimit: { max: 2, windowMs: 60_000 } });
    try {
      for (let i = 0; i < 2; i++) expect((await fetch(`${limited.url}/login`, { headers: browser })).status).toBe(200);
      const r = await fetch(`${limited.url}/login`, { headers: browser });
      expect(r.status).toBe(429);
      isPage(r);
      const text = await r.text();
      expect(text).toMatch(/Có quá nhiều yêu cầu từ máy này trong thời gian ngắn; hãy thử lại sau \d+ giây\./);
      expect(text).not.toContain('FST_RATE_LIMITED');
      const json = await fetch(`${limited.url}/login`, { headers: { accept: 'application/json' } });
      expect(json.status).toBe(429);
      expect(await json.json()).toMatchObject({ code: 'RATE_LIMITED', message: { vi: expect.any(String), en: expect.any(String) } });
    } finally {
      await limited.close();
    }
  });

  it('answers a failure inside a page with a page, in the API error handler', async () => {
    const app = Fastify();
    app.setErrorHandler(errorHandler);
    app.get('/boom', async () => {
      throw new Error('a bug');
    });
    try {
      const r = await app.inject({ method: 'GET', url: '/boom', headers: browser });
      expect(r.statusCode).toBe(500);
      expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(r.body).toContain('Lỗi hệ thống; đã ghi nhận để xử lý.');
      expect(r.body).not.toContain('a bug');
      const json = await app.inject({ method: 'GET', url: '/boom' });
      expect(json.json()).toMatchObject({ code: 'INTERNAL' });
    } finally {
      await app.close();
    }
  });
});

describe('the page frame', () => {
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

  it('has a skip link, marks the current section, and keeps the page on a language switch', async () => {
    const office = await signIn(api, users.office);
    const r = await office.get('/directives/new?x=1');
    expect(r.status).toBe(200);
    expect(r.text).toContain('<a class="skip" href="#main">Chuyển đến nội dung chính</a>');
    expect(r.text).toContain('<main id="main" tabindex="-1">');
    expect(r.text).toContain('<a href="/directives/new" aria-current="page">Ban hành văn bản</a>');
    expect(r.text).toContain('<a href="/directives">Văn bản</a>');
    expect(r.text).toContain('href="/directives/new?x=1&amp;lang=en" lang="en" hreflang="en">English</a>');
    expect((await office.get('/directives')).text).toContain('<a href="/directives" aria-current="page">Văn bản</a>');
  });

  it('shows a notice from the catalog asked for in the address, and nothing for a name it does not know', async () => {
    const office = await signIn(api, users.office);
    expect((await office.get('/directives?notice=saved')).text).toContain('<p class="notice success" role="status" id="notice">Đã lưu.</p>');
    for (const name of ['bogus', 'saved%3Cb%3E', '..%2Fsigned', 'constructor']) {
      expect((await office.get(`/directives?notice=${name}`)).text, name).not.toContain('id="notice"');
    }
  });

  it('says so on the sign-in page after signing out', async () => {
    const officer = await signIn(api, users.officer('so-tttt'));
    const out = await officer.post('/logout', {});
    expect(out.status).toBe(302);
    expect(out.headers.get('location')).toBe('/login?notice=signedOut');
    const login = await fetch(api.url + out.headers.get('location')!);
    isPage(login);
    expect(await login.text()).toContain('<p class="notice success" role="status" id="notice">Đã đăng xuất.</p>');
  });

  it('takes a notice from the page that answers, and gives the legend of the status colours', () => {
    const out = page({ lang: 'vi', title: 'Thử', body: legend('vi'), notice: 'Đã gửi báo cáo.' });
    expect(out).toContain('<p class="notice success" role="status" id="notice">Đã gửi báo cáo.</p>');
    for (const word of ['Quá hạn', 'Sắp đến hạn', 'Trong hạn', 'Hoàn thành', 'Đã hủy']) expect(out).toContain(`>${word}</span>`);
    expect(out).toContain('đến hạn trong 3 ngày làm việc tới');
    expect(legend('en').value).toContain('>Overdue</span>');
  });
});
