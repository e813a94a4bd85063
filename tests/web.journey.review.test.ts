import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loadCalendar, seedDemo } from '@dondoc/db';
import { formatDate, localDateOf, workingDaysBetween } from '@dondoc/domain';
import { createTestContext, type TestContext } from './support/context.ts';
import { startApi, users, type TestApi } from './support/api.ts';
import { desktop, hiddenOnPhone, launchBrowser, phone, seriousViolations, shot, type Browsing, type Viewport } from './support/browser.ts';

/**
 * Reviewing work through the pages, on the seeded demo, at a desk and on a
 * phone: Sở LĐ-TB&XH's focal officer asks for more time on both of its tasks
 * (the Chỉ thị's, long overdue, and Kế hoạch 146's), then acknowledges, starts
 * and reports on each, typing a target value the Vietnamese way (`1.250`);
 * the Office grants one extension and refuses the other, approves one report
 * and returns the other with a reason, which the officer then reads. Only the
 * database is read directly, to check what the pages stored.
 */
const unit = 'so-ldtbxh';

for (const [name, viewport] of [
  ['desktop', desktop],
  ['phone', phone],
] as [string, Viewport][]) {
  // Browsers on a machine shared with other test runs: a journey step takes seconds.
  describe(`reviewing work and deciding extensions on the web (${name})`, { timeout: 120_000 }, () => {
    let t: TestContext;
    let api: TestApi;
    let b: Browsing;
    /** The unit's assignment of the Chỉ thị (task 1) and of Kế hoạch 146 (task 1, with targets). */
    let chiThi: string;
    let plan: string;

    beforeAll(async () => {
      t = await createTestContext();
      await seedDemo(t.db);
      const mine = await t.db
        .selectFrom('assignments as a')
        .innerJoin('units as u', 'u.id', 'a.unit_id')
        .innerJoin('directives as d', 'd.id', 'a.directive_id')
        .innerJoin('tasks as k', 'k.id', 'a.task_id')
        .select(['a.id', 'd.number_symbol', 'k.ordinal'])
        .where('u.code', '=', unit)
        .execute();
      chiThi = mine.find((a) => a.number_symbol === '25/CT-UBND' && a.ordinal === 1)!.id;
      plan = mine.find((a) => a.number_symbol === '146/KH-UBND' && a.ordinal === 1)!.id;
      api = await startApi(t);
      b = await launchBrowser();
    }, 120_000);
    afterAll(async () => {
      await b?.close();
      await api?.close();
      await t?.close();
    });

    const assignment = (id: string) => t.db.selectFrom('assignments').select(['state', 'due_at', 'snapshot']).where('id', '=', id).executeTakeFirstOrThrow();
    /** The page is clean: no serious accessibility finding, nothing beyond a phone's edge; and its screenshot. */
    async function check(page: Page, shotName: string) {
      expect(await seriousViolations(page), `${shotName}: axe`).toEqual([]);
      if (viewport === phone) expect(await hiddenOnPhone(page), `${shotName}: phone`).toEqual([]);
      await shot(page, `${shotName}-${name}`);
    }
    const open = async (page: Page, id: string) => {
      await page.goto(`${api.url}/assignments/${id}`);
    };
    const done = (page: Page) => page.locator('#notice').innerText();

    it('the officer sees each task’s working days left or overdue, and asks for more time on both', async () => {
      const page = await b.signIn(api.url, users.officer(unit), viewport);
      expect(new URL(page.url()).pathname).toBe('/inbox');
      // Working days from the calendar, as the inbox counts them.
      const cal = await loadCalendar(t.db);
      const today = localDateOf(new Date());
      const late = workingDaysBetween(cal, localDateOf((await assignment(chiThi)).due_at!), today);
      const left = workingDaysBetween(cal, today, localDateOf((await assignment(plan)).due_at!));
      const rowOf = (re: RegExp) => page.locator('#assignments tbody tr').filter({ has: page.getByRole('link', { name: re }) });
      expect(await rowOf(/25\/CT-UBND – nhiệm vụ 1/).innerText()).toContain(`quá hạn ${late.toLocaleString('vi-VN')} ngày làm việc`);
      expect(await rowOf(/25\/CT-UBND – nhiệm vụ 1/).innerText()).toContain('chưa tiếp nhận');
      expect(await rowOf(/146\/KH-UBND – nhiệm vụ 1/).innerText()).toContain(`còn ${left} ngày làm việc`);
      expect(await rowOf(/146\/KH-UBND – nhiệm vụ 1/).innerText()).toContain('31/12/2026');
      await check(page, 'review-inbox');

      await page.getByRole('link', { name: /25\/CT-UBND – nhiệm vụ 1/ }).click();
      expect(await page.locator('#time-left').innerText()).toBe(`quá hạn ${late.toLocaleString('vi-VN')} ngày làm việc`);
      await check(page, 'review-assignment-unit');
      await page.getByLabel('Hạn mới').fill('2027-01-15');
      await page.getByLabel('Lý do').fill('Chờ số liệu tổng kết của các huyện');
      await page.getByRole('button', { name: 'Gửi đề nghị' }).click();
      expect(await done(page)).toBe('Đã gửi đề nghị gia hạn.');
      expect(await page.locator('#extension').innerText()).toContain('Đề nghị gia hạn đến ngày 15/01/2027 đang chờ quyết định.');

      await page.getByRole('link', { name: 'Việc cần làm' }).click();
      expect(await rowOf(/25\/CT-UBND – nhiệm vụ 1/).innerText()).toContain('Đề nghị gia hạn đến ngày 15/01/2027 đang chờ quyết định.');
      await page.getByRole('link', { name: /146\/KH-UBND – nhiệm vụ 1/ }).click();
      await page.getByLabel('Hạn mới').fill('2027-01-29');
      await page.getByLabel('Lý do').fill('Chờ kết quả rà soát người nghiện');
      await page.getByRole('button', { name: 'Gửi đề nghị' }).click();
      expect(await done(page)).toBe('Đã gửi đề nghị gia hạn.');
    });

    it('the Office sees who asked, for which day and why, grants one extension and refuses the other', async () => {
      const officer = await t.db.selectFrom('users').select('name').where('email', '=', users.officer(unit)).executeTakeFirstOrThrow();
      const page = await b.signIn(api.url, users.office, viewport);
      await open(page, chiThi);
      const asked = await page.locator('#extension').innerText();
      expect(asked).toContain(`${officer.name} đề nghị gia hạn đến ngày 15/01/2027`);
      expect(asked).toContain('Lý do: Chờ số liệu tổng kết của các huyện');
      await check(page, 'review-assignment-office-extension');
      await page.getByRole('button', { name: 'Đồng ý gia hạn' }).click();
      expect(await done(page)).toBe('Đã gia hạn đến 15/01/2027.');
      const granted = await assignment(chiThi);
      expect(formatDate(localDateOf(granted.due_at!))).toBe('15/01/2027');

      const before = (await assignment(plan)).due_at!;
      await open(page, plan);
      // A refusal needs its reason: the page says so and nothing changes.
      await page.getByLabel('Lý do không đồng ý').fill('   ');
      await page.getByRole('button', { name: 'Không đồng ý' }).click();
      expect(await page.locator('.err').first().innerText()).not.toBe('');
      expect((await assignment(plan)).snapshot).toMatchObject({ context: { extension: { reason: 'Chờ kết quả rà soát người nghiện' } } });
      await page.getByLabel('Lý do không đồng ý').fill('Kế hoạch năm không lùi hạn; báo cáo số liệu đến ngày 31/12');
      await page.getByRole('button', { name: 'Không đồng ý' }).click();
      expect(await done(page)).toBe('Đã từ chối đề nghị gia hạn.');
      const refused = await assignment(plan);
      expect(refused.due_at).toEqual(before);
      expect(refused.snapshot).toMatchObject({ context: { extension: null } });
    });

    it('the officer reads the decisions, then reports on both tasks, typing 1.250 for 1250', async () => {
      const page = await b.signIn(api.url, users.officer(unit), viewport);
      await open(page, plan);
      expect(await page.locator('#extension').innerText()).toBe(
        'Đề nghị gia hạn không được đồng ý. Lý do: Kế hoạch năm không lùi hạn; báo cáo số liệu đến ngày 31/12',
      );
      await page.getByRole('button', { name: 'Tiếp nhận' }).click();
      expect(await done(page)).toBe('Đã tiếp nhận nhiệm vụ.');
      await page.getByRole('button', { name: 'Bắt đầu thực hiện' }).click();
      expect(await page.locator('#state').innerText()).toBe('đang thực hiện');
      await page.getByLabel('Nội dung báo cáo').fill('Năm 2026: tổ chức cai nghiện cho 1.250 lượt người.');
      await page.getByLabel(/^Cai nghiện ma túy \(tổng số lượt người\) \(lượt người; chỉ tiêu 900\)/).fill('1.250');
      await page.getByLabel(/^Cai nghiện tập trung/).fill('1.000');
      await page.getByLabel(/^Cai nghiện tại gia đình/).fill('250');
      await page.getByLabel(/^Đào tạo nghề/).fill('312');
      await page.getByLabel(/^Giải quyết việc làm/).fill('12,5');
      await check(page, 'review-report-form');
      await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
      expect(await done(page)).toBe('Đã gửi báo cáo.');
      const report = await t.db
        .selectFrom('events')
        .select('payload')
        .where('subject_id', '=', plan)
        .where('type', '=', 'SUBMIT_REPORT')
        .executeTakeFirstOrThrow();
      expect((report.payload as { values: Record<string, number> }).values).toEqual({
        'cai-nghien': 1250,
        'cai-nghien-tap-trung': 1000,
        'cai-nghien-cong-dong': 250,
        'dao-tao-nghe': 312,
        'viec-lam': 12.5,
      });

      await open(page, chiThi);
      expect(await page.locator('#extension').innerText()).toBe('Đề nghị gia hạn đã được đồng ý: hạn mới là ngày 15/01/2027.');
      await page.getByRole('button', { name: 'Tiếp nhận' }).click();
      await page.getByRole('button', { name: 'Bắt đầu thực hiện' }).click();
      await page.getByLabel('Nội dung báo cáo').fill('Đã ra quân cao điểm, kiểm tra 42 cơ sở kinh doanh dịch vụ nhạy cảm.');
      await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
      expect(await page.locator('#state').innerText()).toBe('đã báo cáo');
    });

    it('the Office sees the reported values beside the targets, returns one report with a reason and approves the other', async () => {
      const page = await b.signIn(api.url, users.office, viewport);
      await open(page, plan);
      const values = page.locator('#reported-values tbody tr').filter({ hasText: 'Cai nghiện ma túy (tổng số lượt người)' });
      expect(await values.locator('td').allInnerTexts()).toEqual(['Cai nghiện ma túy (tổng số lượt người)', '900 lượt người', '1.250']);
      expect(await page.locator('#report-text').innerText()).toBe('Năm 2026: tổ chức cai nghiện cho 1.250 lượt người.');
      await check(page, 'review-assignment-office-report');
      await page.getByLabel('Lý do trả lại').fill('Thiếu số liệu cai nghiện theo từng huyện');
      await page.getByRole('button', { name: 'Trả lại', exact: true }).click();
      expect(await done(page)).toBe('Đã trả lại báo cáo.');
      expect((await assignment(plan)).state).toBe('returned');

      await open(page, chiThi);
      await page.getByRole('button', { name: 'Duyệt', exact: true }).click();
      expect(await done(page)).toBe('Đã duyệt báo cáo.');
      expect((await assignment(chiThi)).state).toBe('reviewed');
      // Nothing more to decide on a reviewed assignment.
      expect(await page.getByRole('button', { name: 'Duyệt', exact: true }).count()).toBe(0);
    });

    it('the officer reads why the report came back', async () => {
      const page = await b.signIn(api.url, users.officer(unit), viewport);
      const row = page.locator('#assignments tbody tr').filter({ has: page.getByRole('link', { name: /146\/KH-UBND – nhiệm vụ 1/ }) });
      expect(await row.innerText()).toContain('Báo cáo bị trả lại. Lý do: Thiếu số liệu cai nghiện theo từng huyện');
      await check(page, 'review-inbox-returned');
      await open(page, plan);
      expect(await page.locator('#state').innerText()).toBe('bị trả lại');
      expect(await page.locator('#returned').innerText()).toBe('Báo cáo bị trả lại. Lý do: Thiếu số liệu cai nghiện theo từng huyện');
      await check(page, 'review-assignment-unit-returned');
      expect(b.cspViolations).toEqual([]);
    });
  });
}
