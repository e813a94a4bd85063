import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { apply, createRegime, issueDirective, keHoach146, openPeriod, seedDemo } from '@dondoc/db';
import { formatDate, localDateOf } from '@dondoc/domain';
import { createTestContext, type TestContext } from './support/context.ts';
import { startApi, users, type TestApi } from './support/api.ts';
import { officeActor } from './support/commands.ts';
import { desktop, hiddenOnPhone, launchBrowser, phone, seriousViolations, shot, type Browsing, type Viewport } from './support/browser.ts';

/**
 * A periodic report through the pages, at a desk and on a phone. Set up with
 * packages/db (the issue form is another page's): a plan of Kế hoạch 146's
 * first task, monitored by Công an tỉnh, with a monthly report and November's
 * period open. Sở LĐ-TB&XH's focal officer opens the period from the inbox,
 * is refused a file over the API's 2 MB limit, submits text, values (`1.250`)
 * and a file, and downloads it back; the district of Hòa An reports too. The
 * police's monitor accepts the first report and returns the second with a
 * reason, which the district reads; once the period has closed, the monitor
 * approves the consolidation and downloads its XLSX and CSV, read back.
 */
const first = 'so-ldtbxh';
const second = 'tp-hoa-an';
const csv = Buffer.from('Huyện,Cai nghiện tập trung\nTP Hòa An,420\nTX Bến Mây,580\n', 'utf8');

for (const [name, viewport] of [
  ['desktop', desktop],
  ['phone', phone],
] as [string, Viewport][]) {
  // Browsers on a machine shared with other test runs: a journey step takes seconds.
  describe(`periodic reports on the web (${name})`, { timeout: 120_000 }, () => {
    let t: TestContext;
    let api: TestApi;
    let b: Browsing;
    let periodId: string;
    let dueAt: Date;

    beforeAll(async () => {
      t = await createTestContext();
      await seedDemo(t.db);
      const issued = await issueDirective(
        t.db,
        { ...keHoach146, numberSymbol: '150/KH-UBND', monitoringUnit: 'cong-an-tinh', tasks: [keHoach146.tasks[0]!] },
        officeActor,
      );
      const regime = await createRegime(t.db, issued.directiveId, {
        kind: 'monthly',
        dueRule: { kind: 'working_days_after_end', days: 5 },
        closeAfterWorkingDays: 5,
      });
      dueAt = new Date(Date.now() + 3 * 86_400_000);
      const opened = await openPeriod(
        t.db,
        { regimeId: regime.id, key: '2026-11', startsOn: '2026-11-01', endsOn: '2026-11-30', dueAt, closesAt: new Date(Date.now() + 6 * 86_400_000) },
        officeActor,
      );
      periodId = opened.periodId;
      api = await startApi(t);
      b = await launchBrowser();
    }, 120_000);
    afterAll(async () => {
      await b?.close();
      await api?.close();
      await t?.close();
    });

    const reportOf = (unit: string) =>
      t.db
        .selectFrom('unit_reports as r')
        .innerJoin('units as u', 'u.id', 'r.unit_id')
        .select(['r.id', 'r.state', 'r.values', 'r.text'])
        .where('r.period_id', '=', periodId)
        .where('u.code', '=', unit)
        .executeTakeFirstOrThrow();
    const attachmentsOf = async (unit: string) =>
      t.db
        .selectFrom('report_attachments')
        .select(['filename', 'content_type', 'data'])
        .where('unit_report_id', '=', (await reportOf(unit)).id)
        .execute();
    async function check(page: Page, shotName: string) {
      expect(await seriousViolations(page), `${shotName}: axe`).toEqual([]);
      if (viewport === phone) expect(await hiddenOnPhone(page), `${shotName}: phone`).toEqual([]);
      await shot(page, `${shotName}-${name}`);
    }
    const done = (page: Page) => page.locator('#notice').innerText();
    /** A download the click starts, as the browser saved it. */
    async function download(page: Page, click: () => Promise<void>) {
      const [d] = await Promise.all([page.waitForEvent('download'), click()]);
      return { name: d.suggestedFilename(), data: await readFile((await d.path())!) };
    }

    it('the officer opens the period from the inbox, is refused a file too large, submits with a file and downloads it', async () => {
      const page = await b.signIn(api.url, users.officer(first), viewport);
      const link = page.getByRole('link', { name: '150/KH-UBND, tháng 11/2026' });
      const row = page.locator('#reports tbody tr').filter({ has: link });
      expect(await row.innerText()).toContain(formatDate(localDateOf(dueAt)));
      expect(await row.innerText()).toContain('Trong hạn');
      expect(await row.innerText()).toContain('chưa gửi');
      await check(page, 'report-inbox');
      await link.click();
      expect(await page.locator('h1').innerText()).toBe('150/KH-UBND – tháng 11/2026: Sở Lao động - Thương binh và Xã hội');
      expect(await page.locator('#state').innerText()).toBe('chưa gửi');
      await check(page, 'report-page-unit');

      const fill = async () => {
        await page.getByLabel('Nội dung báo cáo').fill('Tháng 11/2026: cai nghiện cho 1.250 lượt người, đào tạo nghề 36 người.');
        await page.getByLabel(/^Cai nghiện ma túy \(tổng số lượt người\) \(lượt người; chỉ tiêu 900\)/).fill('1.250');
        await page.getByLabel(/^Đào tạo nghề/).fill('36');
      };
      await fill();
      await page.getByLabel(/^Tệp đính kèm/).setInputFiles({ name: 'qua-lon.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(2 * 1024 * 1024 + 1, 1) });
      await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
      expect(await page.locator('main').innerText()).toContain('Tệp "qua-lon.pdf" rỗng hoặc lớn hơn 2 MB.');
      expect((await reportOf(first)).state).toBe('open');
      expect(await attachmentsOf(first)).toEqual([]);

      await fill();
      await page.getByLabel(/^Tệp đính kèm/).setInputFiles({ name: 'số liệu tháng 11.csv', mimeType: 'text/csv', buffer: csv });
      await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
      expect(await done(page)).toBe('Đã gửi báo cáo.');
      expect(await page.locator('#state').innerText()).toBe('đã gửi, chờ xem xét');
      const stored = await reportOf(first);
      expect(stored.values).toEqual({ 'cai-nghien': 1250, 'dao-tao-nghe': 36 });
      const files = await attachmentsOf(first);
      expect(files.map((f) => [f.filename, f.content_type])).toEqual([['số liệu tháng 11.csv', 'text/csv']]);
      expect(Buffer.compare(files[0]!.data, csv)).toBe(0);
      const got = await download(page, () => page.getByRole('link', { name: 'số liệu tháng 11.csv' }).click());
      expect(got.name).toBe('số liệu tháng 11.csv');
      expect(Buffer.compare(got.data, csv)).toBe(0);
      await check(page, 'report-page-unit-sent');

      const district = await b.signIn(api.url, users.officer(second), viewport);
      await district.getByRole('link', { name: '150/KH-UBND, tháng 11/2026' }).click();
      await district.getByLabel('Nội dung báo cáo').fill('Đã triển khai kế hoạch tại 12 xã, phường.');
      await district.getByRole('button', { name: 'Gửi báo cáo' }).click();
      expect(await done(district)).toBe('Đã gửi báo cáo.');
    });

    it('the monitoring unit sees each report with its values and file, accepts one and returns the other with a reason', async () => {
      const page = await b.signIn(api.url, users.monitor, viewport);
      await page.goto(`${api.url}/periods/${periodId}`);
      expect(await page.locator('#period-state').innerText()).toBe('đang nhận báo cáo');
      // The period kind's check approves a consolidation only once the period has closed: no button before.
      expect(await page.getByRole('button', { name: 'Duyệt báo cáo tổng hợp' }).count()).toBe(0);
      expect(await page.locator('main').innerText()).toContain('Kỳ báo cáo chưa khóa sổ: báo cáo tổng hợp được phê duyệt sau khi khóa sổ.');
      await check(page, 'period-page-open');
      await page.locator('#units').getByRole('link', { name: 'Sở Lao động - Thương binh và Xã hội' }).click();
      const values = page.locator('#values tbody tr').filter({ hasText: 'Cai nghiện ma túy (tổng số lượt người)' });
      expect(await values.locator('td').allInnerTexts()).toEqual(['Cai nghiện ma túy (tổng số lượt người)', '900 lượt người', '1.250']);
      expect(await page.getByRole('link', { name: 'số liệu tháng 11.csv' }).count()).toBe(1);
      await check(page, 'report-page-review');
      await page.getByRole('button', { name: 'Chấp nhận' }).click();
      expect(await done(page)).toBe('Đã chấp nhận báo cáo.');
      expect((await reportOf(first)).state).toBe('accepted');

      await page.goto(`${api.url}/periods/${periodId}`);
      await page.locator('#units').getByRole('link', { name: 'UBND thành phố Hòa An' }).click();
      await page.getByLabel('Lý do trả lại').fill('Chưa có số liệu cai nghiện theo từng xã');
      await page.getByRole('button', { name: 'Trả lại', exact: true }).click();
      expect(await done(page)).toBe('Đã trả lại báo cáo để bổ sung.');
      expect((await reportOf(second)).state).toBe('returned');

      const district = await b.signIn(api.url, users.officer(second), viewport);
      await district.getByRole('link', { name: '150/KH-UBND, tháng 11/2026' }).click();
      expect(await district.locator('#returned').innerText()).toBe('Báo cáo bị trả lại để bổ sung. Lý do: Chưa có số liệu cai nghiện theo từng xã');
      await check(district, 'report-page-returned');
    });

    it('once the period closes, the monitor approves the consolidation and downloads its XLSX and CSV', async () => {
      // The period's closing timer, fired: the worker is not part of this test.
      await apply(t.db, { subject: { type: 'report_period', id: periodId }, event: { type: 'CLOSE' }, actor: { kind: 'system', label: 'test-clock' } });
      const monitor = await t.db.selectFrom('users').select(['id', 'name']).where('email', '=', users.monitor).executeTakeFirstOrThrow();
      const page = await b.signIn(api.url, users.monitor, viewport);
      await page.goto(`${api.url}/periods/${periodId}`);
      expect(await page.locator('h1').innerText()).toBe('Báo cáo tổng hợp: 150/KH-UBND, tháng 11/2026');
      expect(await page.locator('#period-state').innerText()).toBe('đã khóa sổ');
      expect(await page.locator('#units tr[data-unit="so-ldtbxh"]').innerText()).toContain('Đúng hạn');
      expect(await page.locator('#units tr[data-unit="tp-hoa-an"]').innerText()).toContain('Không báo cáo');
      await page.getByRole('button', { name: 'Duyệt báo cáo tổng hợp' }).click();
      expect(await done(page)).toBe('Đã duyệt báo cáo tổng hợp.');
      expect(await page.locator('#approved').innerText()).toContain(`Báo cáo tổng hợp đã được ${monitor.name} phê duyệt lúc`);
      expect(await page.getByRole('button', { name: 'Duyệt báo cáo tổng hợp' }).count()).toBe(0);
      const period = await t.db.selectFrom('report_periods').select(['approved_at', 'approved_by']).where('id', '=', periodId).executeTakeFirstOrThrow();
      expect(period.approved_by).toBe(monitor.id);
      expect(period.approved_at).not.toBeNull();
      await check(page, 'period-page-approved');

      const xlsx = await download(page, () => page.getByRole('link', { name: 'Tải về XLSX' }).click());
      expect(xlsx.name).toBe('tong-hop-2026-11.xlsx');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.data as unknown as ArrayBuffer);
      const rows = (sheet: string) => {
        const out: unknown[][] = [];
        wb.getWorksheet(sheet)!.eachRow((r) => out.push((r.values as unknown[]).slice(1)));
        return out;
      };
      expect(rows('Đơn vị').find((r) => r[0] === 'Sở Lao động - Thương binh và Xã hội')?.[1]).toBe('Đúng hạn');
      expect(rows('Đơn vị').find((r) => r[0] === 'UBND thành phố Hòa An')?.[1]).toBe('Không báo cáo');
      const target = rows('Chỉ tiêu').find((r) => r[0] === 'cai-nghien')!;
      expect(target.slice(1, 5)).toEqual(['Cai nghiện ma túy (tổng số lượt người)', 'lượt người', 900, 1250]);

      const sheet = await download(page, () => page.getByRole('link', { name: 'Tải về CSV' }).click());
      expect(sheet.name).toBe('tong-hop-2026-11.csv');
      expect(sheet.data.toString('utf8')).toContain('Sở Lao động - Thương binh và Xã hội,Đúng hạn');
      expect(b.cspViolations).toEqual([]);
    });
  });
}
