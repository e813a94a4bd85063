import { mkdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import axe from 'axe-core';
import { listAssignments, seedDemo, DEMO_PASSWORD } from '@dondoc/db';
import { createTestContext, type TestContext } from './support/context.ts';
import { databaseFingerprint, startApi, users, type TestApi } from './support/api.ts';

/**
 * The web app in real headless Chromium (Debian's, driven by playwright-core)
 * against the running API on the seeded demo: the Office's matrix and directive
 * page, a unit officer reporting, isolation by URL, accessibility, and the issue
 * form's validation. Screenshots go to tests/artifacts/.
 */
const artifacts = new URL('./artifacts/', import.meta.url);

describe('the web app in a browser', () => {
  let t: TestContext;
  let api: TestApi;
  let browser: Browser;
  let kh146: string;
  /** Every CSP violation any page reported, with the page it happened on: the pages must satisfy their own policy. */
  const cspViolations: string[] = [];

  beforeAll(async () => {
    await mkdir(artifacts, { recursive: true });
    t = await createTestContext();
    await seedDemo(t.db); // the Chỉ thị (deadlines long past) and Kế hoạch 146 (due at the end of 2026)
    kh146 = (await t.db.selectFrom('directives').select('id').where('number_symbol', '=', '146/KH-UBND').executeTakeFirstOrThrow()).id;
    api = await startApi(t);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await t?.close();
  });

  async function signIn(email: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspViolations.push(`${page.url()}: ${m.text()}`);
    });
    await page.goto(`${api.url}/login`);
    await page.getByLabel('Địa chỉ thư').fill(email);
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    return page;
  }
  const shot = (page: Page, name: string) => page.screenshot({ path: new URL(`${name}.png`, artifacts).pathname, fullPage: true });
  async function seriousViolations(page: Page) {
    // Through the DevTools protocol, which the page's CSP does not govern (a script tag would be refused, as it should).
    await page.evaluate(axe.source);
    const result = (await page.evaluate(() => (globalThis as unknown as { axe: typeof axe }).axe.run())) as axe.AxeResults;
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }

  it('the Office sees the compliance matrix in the colours the data implies, and opens a directive', async () => {
    const page = await signIn(users.office);
    expect(new URL(page.url()).pathname).toBe('/overview'); // the Office's first page; the matrix is one link away
    await page.goto(`${api.url}/matrix`);
    const header = await page.locator('#matrix thead th').allInnerTexts();
    const ct = header.indexOf('25/CT-UBND');
    const plan = header.indexOf('146/KH-UBND');
    const cell = (unit: string, column: number) => page.locator(`#matrix tr[data-unit="${unit}"] > *`).nth(column).getAttribute('data-light');
    // Sở LĐ-TB&XH: the Chỉ thị's deadline passed long ago; the plan is due at the end of 2026.
    expect(await cell('so-ldtbxh', ct)).toBe('overdue');
    expect(await cell('so-ldtbxh', plan)).toBe('on_time');
    expect(await cell('so-tttt', plan)).toBe('none'); // not named in the plan
    expect(
      await page
        .locator('.s-overdue')
        .first()
        .evaluate((e) => (globalThis as unknown as { getComputedStyle(x: unknown): { backgroundColor: string } }).getComputedStyle(e).backgroundColor),
    ).toBe('rgb(249, 218, 218)');
    await shot(page, 'matrix');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('link', { name: '146/KH-UBND' }).first().click();
    await expect.poll(() => page.locator('h1').innerText()).toContain('146/KH-UBND');
    await shot(page, 'directive');
    expect(await seriousViolations(page)).toEqual([]);
    for (const path of ['/directives', '/laggards', '/units/so-tttt/scorecard', '/directives/new']) {
      await page.goto(api.url + path);
      await shot(page, path.replace(/\W+/g, '-').replace(/^-|-$/g, ''));
      expect(await seriousViolations(page), path).toEqual([]);
    }
  });

  it('a unit officer reports with target values, and the Office then sees it reported', async () => {
    const page = await signIn(users.officer('so-ldtbxh'));
    expect(new URL(page.url()).pathname).toBe('/inbox');
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'inbox');
    await page.getByRole('link', { name: /146\/KH-UBND – nhiệm vụ 1/ }).click();
    await page.getByRole('button', { name: 'Tiếp nhận' }).click();
    await page.getByRole('button', { name: 'Bắt đầu thực hiện' }).click();
    await page.getByLabel('Nội dung báo cáo').fill('Tháng 11: đã tổ chức cai nghiện tập trung cho 60 lượt người.');
    await page.getByLabel(/^Cai nghiện tập trung/).fill('60');
    await page.getByLabel(/^Cai nghiện tại gia đình/).fill('12');
    await page.getByLabel(/^Cai nghiện ma túy \(tổng/).fill('72');
    await shot(page, 'report-form');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await expect.poll(() => page.locator('#state').innerText()).toBe('đã báo cáo');

    const office = await signIn(users.office);
    await office.goto(`${api.url}/directives/${kh146}`);
    expect(await office.locator('tr[data-unit="so-ldtbxh"] .state').innerText()).toBe('đã báo cáo');
    expect(await office.getByRole('row', { name: /Cai nghiện tập trung/ }).innerText()).toContain('60');
  });

  it('a unit officer cannot open another unit’s assignment by URL', async () => {
    // The district coordinates the plan; Sở LĐ-TB&XH's assignment (which monitors it) is not the district's to see.
    const other = (await listAssignments(t.db, { directiveId: kh146 })).find((a) => a.unitCode === 'so-ldtbxh')!;
    const page = await signIn(users.officer('tp-hoa-an'));
    const response = await page.goto(`${api.url}/assignments/${other.id}`);
    expect(response!.status()).toBe(404);
    expect(await page.locator('main').innerText()).toContain('không thuộc đơn vị của bạn');
    expect(await page.content()).not.toContain('Tháng 11: đã tổ chức');
  });

  it('shows field-level Vietnamese messages for a bad directive and stores nothing', async () => {
    const page = await signIn(users.office);
    await page.goto(`${api.url}/directives/new`);
    const before = await databaseFingerprint(t);
    await page.getByLabel(/^Số, ký hiệu/).fill('ba mươi');
    await page.getByLabel('Ngày ban hành').fill('2026-11-20');
    await page.getByLabel('Người ký').fill('Trần Minh Quang');
    await page.getByLabel('Trích yếu').fill('Về tăng cường phòng cháy mùa khô');
    await page.getByLabel('Tên nhiệm vụ').first().fill('Kiểm tra an toàn phòng cháy');
    await page.getByLabel('Hạn (ngày)').first().fill('2026-11-01');
    await page.getByRole('button', { name: 'Ban hành' }).click();
    await expect.poll(() => page.locator('#err-numberSymbol').innerText()).toContain('Số, ký hiệu văn bản chưa đúng dạng');
    expect(await page.locator('#err-monitoringUnit').innerText()).not.toBe('');
    expect(await page.getByLabel(/^Số, ký hiệu/).getAttribute('aria-invalid')).toBe('true');
    await shot(page, 'issue-form-errors');
    expect(await seriousViolations(page)).toEqual([]);
    expect(await databaseFingerprint(t)).toEqual(before);
  });

  it('sends its security headers and breaks none of its Content Security Policy on the main pages of each role', async () => {
    const visit = async (page: Page, path: string) => {
      const res = await page.goto(api.url + path);
      expect(res?.status(), path).toBe(200);
      const h = res!.headers();
      expect(h['content-security-policy'], path).toContain("frame-ancestors 'none'");
      expect(h['x-content-type-options'], path).toBe('nosniff');
      expect(h['x-frame-options'], path).toBe('DENY');
      expect(h['referrer-policy'], path).toBe('same-origin');
      if (!path.startsWith('/admin/queues') && !path.startsWith('/api/docs')) expect(h['cache-control'], path).toBe('no-store');
      await page.waitForLoadState('networkidle');
    };
    const directive = (await t.db.selectFrom('directives').select('id').where('number_symbol', '=', '25/CT-UBND').executeTakeFirstOrThrow()).id;
    const office = await signIn(users.office);
    for (const path of [
      '/matrix',
      '/matrix?sort=name',
      '/laggards',
      '/directives',
      '/directives/new',
      `/directives/${directive}`,
      `/directives/${kh146}`,
      '/units/so-ldtbxh/scorecard',
    ])
      await visit(office, path);
    const officer = await signIn(users.officer('so-ldtbxh'));
    await visit(officer, '/inbox');
    const mine = (await listAssignments(t.db, { unitCode: 'so-ldtbxh' }))[0]!;
    await visit(officer, `/assignments/${mine.id}`);
    const admin = await signIn(users.admin);
    for (const path of ['/admin/queues', '/api/docs']) await visit(admin, path);
    expect(cspViolations).toEqual([]);
  });
});
