import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCalendar, seedDemo } from '@dondoc/db';
import { formatNumber, localDateOf, parseNumber, workingDaysBetween } from '@dondoc/domain';
import { desktop, hiddenOnPhone, launchBrowser, phone, seriousViolations, shot, type Browsing, type Viewport } from './support/browser.ts';
import { drive } from './support/commands.ts';
import { createTestContext, type TestContext } from './support/context.ts';
import { startApi, users, type TestApi } from './support/api.ts';

/**
 * The dashboards in Chromium, at desktop size and on a phone, on the seeded demo with a few
 * reports sent, returned and approved: the Office lands on the overview and reads the four
 * figures (checked against the database by SQL written here, not by the pages' rule), filters
 * the matrix, opens a lagging unit's items, reminds it ("Nhắc ngay": a mail row for its officer,
 * a second press refused) and downloads the lagging units as XLSX; the Chairman lands on his
 * page and reads which task and how many working days late; a unit's officer reads the
 * scorecard's chart by the deadline's month.
 */
describe('the dashboards in a browser', () => {
  let t: TestContext;
  let api: TestApi;
  let web: Browsing;
  const ids: Record<string, string> = {};

  /** The first assignment (lowest task number) of a unit in a directive. */
  async function assignmentOf(numberSymbol: string, unit: string): Promise<string> {
    const row = await t.db
      .selectFrom('assignments as a')
      .innerJoin('directives as d', 'd.id', 'a.directive_id')
      .innerJoin('units as u', 'u.id', 'a.unit_id')
      .innerJoin('tasks as k', 'k.id', 'a.task_id')
      .select('a.id')
      .where('d.number_symbol', '=', numberSymbol)
      .where('u.code', '=', unit)
      .orderBy('k.ordinal')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  beforeAll(async () => {
    t = await createTestContext();
    await seedDemo(t.db); // the Chỉ thị 25/CT-UBND (deadlines of 2024, long past) and Kế hoạch 146/KH-UBND (due at the end of 2026)
    // History for the figures, through the engine: a report returned (still overdue), one approved late, one approved on time.
    ids.returned = await assignmentOf('25/CT-UBND', 'so-ldtbxh');
    await drive(t.db, ids.returned, 'ACKNOWLEDGE', 'START', 'SUBMIT_REPORT', 'RETURN');
    ids.late = await assignmentOf('25/CT-UBND', 'so-tttt');
    await drive(t.db, ids.late, 'ACKNOWLEDGE', 'START', 'SUBMIT_REPORT', 'APPROVE');
    ids.onTime = await assignmentOf('146/KH-UBND', 'so-ldtbxh');
    await drive(t.db, ids.onTime, 'ACKNOWLEDGE', 'START', 'SUBMIT_REPORT', 'APPROVE');
    api = await startApi(t);
    web = await launchBrowser();
  });
  afterAll(async () => {
    await web?.close();
    await api?.close();
    await t?.close();
  });

  /** The four figures as the database has them, by SQL: finished = reviewed, judged by its last report's time; cancelled and withdrawn left out. */
  async function figuresBySql(unitCode?: string) {
    const { rows } = await sql<{ done_on_time: string; done_late: string; open_on_time: string; open_overdue: string }>`
      SELECT count(*) FILTER (WHERE a.state = 'reviewed' AND (a.due_at IS NULL OR r.t <= a.due_at)) AS done_on_time,
             count(*) FILTER (WHERE a.state = 'reviewed' AND r.t > a.due_at) AS done_late,
             count(*) FILTER (WHERE a.state NOT IN ('reviewed', 'cancelled') AND NOT (a.overdue OR coalesce(a.due_at < now(), false))) AS open_on_time,
             count(*) FILTER (WHERE a.state NOT IN ('reviewed', 'cancelled') AND (a.overdue OR coalesce(a.due_at < now(), false))) AS open_overdue
      FROM assignments a JOIN directives d ON d.id = a.directive_id JOIN units u ON u.id = a.unit_id
      LEFT JOIN LATERAL (SELECT max(e.created_at) AS t FROM events e
                         WHERE e.subject_type = 'assignment' AND e.subject_id = a.id AND e.type = 'SUBMIT_REPORT') r ON true
      WHERE d.state <> 'withdrawn' AND (${unitCode ?? null}::text IS NULL OR u.code = ${unitCode ?? null})`.execute(t.db);
    const r = rows[0]!;
    return { doneOnTime: Number(r.done_on_time), doneLate: Number(r.done_late), openOnTime: Number(r.open_on_time), openOverdue: Number(r.open_overdue) };
  }

  async function tiles(page: Page) {
    const read = async (key: string) => parseNumber(await page.locator(`[data-figure="${key}"] .big`).innerText(), 'vi');
    return {
      doneOnTime: await read('doneOnTime'),
      doneLate: await read('doneLate'),
      openOnTime: await read('openOnTime'),
      openOverdue: await read('openOverdue'),
    };
  }

  /** Presses "Xuất Excel" and reads the first sheet back, one array of cell values per row. */
  async function downloadXlsx(page: Page): Promise<unknown[][]> {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Xuất Excel' }).click()]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile(await download.path())) as unknown as ArrayBuffer);
    const values: unknown[][] = [];
    wb.worksheets[0]!.eachRow((r) => values.push((r.values as unknown[]).slice(1)));
    return values;
  }

  /** axe clean everywhere, nothing hidden sideways on the phone, and a screenshot. */
  async function check(page: Page, name: string, viewport: Viewport) {
    await shot(page, `${name}-${viewport === phone ? 'phone' : 'desktop'}`);
    expect(await seriousViolations(page), name).toEqual([]);
    if (viewport === phone) expect(await hiddenOnPhone(page), name).toEqual([]);
  }

  const sizes: [string, Viewport, string][] = [
    ['desktop', desktop, 'so-ldtbxh'],
    ['phone', phone, 'cong-an-tinh'],
  ];

  it.each(sizes)(
    'the Office (%s) reads the figures, filters the matrix, reminds a lagging unit and exports the list',
    async (_size, viewport, unit) => {
      const page = await web.signIn(api.url, users.office, viewport);
      expect(new URL(page.url()).pathname).toBe('/overview');
      const truth = await figuresBySql();
      expect(truth.doneOnTime).toBeGreaterThan(0);
      expect(truth.doneLate).toBeGreaterThan(0);
      expect(await tiles(page)).toEqual(truth);
      const rate = (truth.doneOnTime / (truth.doneOnTime + truth.doneLate)) * 100;
      expect(await page.locator('[data-figure="onTimeRate"] .big').innerText()).toBe(`${formatNumber(Math.round(rate * 10) / 10, 'vi')}%`);
      await check(page, 'dashboard-overview-office', viewport);

      // The matrix, filtered to the district committees with overdue work.
      await page.goto(`${api.url}/matrix`);
      await page.getByLabel('Cấp đơn vị').selectOption('district');
      await page.getByLabel('Chỉ đơn vị có việc quá hạn').check();
      await page.getByRole('button', { name: 'Lọc', exact: true }).click();
      await page.waitForURL(/tier=district/);
      const { rows: districts } = await sql<{ code: string }>`
      SELECT DISTINCT u.code FROM assignments a JOIN units u ON u.id = a.unit_id JOIN directives d ON d.id = a.directive_id
      WHERE u.kind = 'district' AND d.state NOT IN ('closed', 'withdrawn') AND a.state NOT IN ('reviewed', 'cancelled')
        AND (a.overdue OR a.due_at < now())`.execute(t.db);
      expect(districts.length).toBeGreaterThan(0);
      const shown = viewport === phone ? '[data-unit-card]' : '#matrix tbody tr';
      const attr = viewport === phone ? 'data-unit-card' : 'data-unit';
      const codes = await page
        .locator(shown)
        .evaluateAll((els, a) => els.map((e) => (e as unknown as { getAttribute(n: string): string }).getAttribute(a)), attr);
      expect(codes.sort()).toEqual(districts.map((d) => d.code).sort());
      await expect
        .poll(() =>
          page
            .locator(viewport === phone ? '#matrix' : '[data-unit-card]')
            .first()
            .isVisible(),
        )
        .toBe(false);
      await expect.poll(() => page.getByRole('note', { name: 'Chú giải' }).isVisible()).toBe(true);
      await check(page, 'dashboard-matrix-filtered', viewport);
      // The filtered matrix as XLSX: the same units, in the same order, with their overdue counts.
      const sheet = await downloadXlsx(page);
      expect(sheet[0]!.slice(0, 2)).toEqual(['Đơn vị', 'Quá hạn']);
      const names = await t.db.selectFrom('units').select(['code', 'name']).where('code', 'in', codes).execute();
      const nameOf = new Map(names.map((n) => [n.code, n.name]));
      const shownOrder = await page
        .locator(shown)
        .evaluateAll((els, a) => els.map((e) => (e as unknown as { getAttribute(n: string): string }).getAttribute(a)), attr);
      expect(sheet.slice(1).map((r) => r[0])).toEqual(shownOrder.map((c) => nameOf.get(c)));

      // A lagging unit's items: directive, task, how late, how often returned; its contacts; "Nhắc ngay".
      await page.getByRole('link', { name: 'Đơn vị chậm' }).first().click();
      await page.waitForURL(/\/laggards/);
      const details = page.locator(`details#${unit}`);
      await details.locator('summary').click();
      const cal = await loadCalendar(t.db);
      const item = unit === 'so-ldtbxh' ? ids.returned! : await assignmentOf('25/CT-UBND', unit);
      const due = (await t.db.selectFrom('assignments').select('due_at').where('id', '=', item).executeTakeFirstOrThrow()).due_at!;
      const late = workingDaysBetween(cal, localDateOf(due), localDateOf(new Date()));
      const cellsOf = (id: string) => details.locator(`tr[data-assignment="${id}"] td`).allInnerTexts();
      const cells = await cellsOf(item);
      expect(cells[0]).toContain('25/CT-UBND');
      expect(cells[3]).toContain(formatNumber(late, 'vi'));
      expect(cells[4]).toContain(unit === 'so-ldtbxh' ? '1' : '0'); // so-ldtbxh's report was returned once
      const officer = await t.db.selectFrom('users').select(['id', 'email']).where('email', '=', users.officer(unit)).executeTakeFirstOrThrow();
      await expect.poll(() => details.innerText()).toContain(officer.email);
      await check(page, 'dashboard-laggards-unit', viewport);

      await details.getByRole('button', { name: 'Nhắc ngay' }).click();
      await page.waitForURL(/reminded=/);
      await expect.poll(() => page.getByRole('status').innerText()).toContain('Đã gửi thư đôn đốc');
      const unitId = (await t.db.selectFrom('units').select('id').where('code', '=', unit).executeTakeFirstOrThrow()).id;
      const reminders = () =>
        t.db.selectFrom('notifications').select(['user_id', 'template', 'params']).where('dedupe_key', 'like', `remind-now:${unitId}:%`).execute();
      const sent = await reminders();
      expect(sent.map((n) => n.user_id)).toContain(officer.id);
      // The Office's own mail, not the unit's morning digest, signed by the Office user who pressed the button.
      expect(sent.map((n) => n.template)).toEqual(sent.map(() => 'office_reminder'));
      const office = await t.db.selectFrom('users').select(['id', 'name']).where('email', '=', users.office).executeTakeFirstOrThrow();
      expect((sent[0]!.params as { remindedBy?: { userId: string; name: string } }).remindedBy).toEqual({ userId: office.id, name: office.name });
      expect(await page.getByRole('status').innerText()).toContain(`(${sent.length} người nhận)`);
      expect((sent[0]!.params as { items: { assignmentId: string }[] }).items.map((i) => i.assignmentId)).toContain(item);
      await check(page, 'dashboard-laggards-reminded', viewport);

      // A second press within the hour is refused, and nothing more is written.
      await page.locator(`details#${unit}`).getByRole('button', { name: 'Nhắc ngay' }).click();
      await expect.poll(() => page.getByRole('alert').innerText()).toContain('vừa được đôn đốc trong vòng một giờ qua');
      expect((await reminders()).length).toBe(sent.length);

      // The list as XLSX: every lagging unit's every overdue item (the page shows a page of units and the worst of each one's items).
      const rowsShown = await page.locator('details.unit tr[data-assignment]').count();
      const values = await downloadXlsx(page);
      expect(values[0]).toEqual(['Đơn vị', 'Văn bản', 'Nhiệm vụ', 'Hạn', 'Số ngày làm việc chậm', 'Số lần bị trả lại', 'Danh sách Chủ tịch']);
      const { rows: overdue } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM assignments a JOIN directives d ON d.id = a.directive_id
      WHERE d.state NOT IN ('closed', 'withdrawn') AND a.state NOT IN ('reviewed', 'cancelled') AND (a.overdue OR a.due_at < now())`.execute(t.db);
      expect(values.length - 1).toBe(overdue[0]!.n);
      expect(values.length - 1).toBeGreaterThanOrEqual(rowsShown);
      const unitName = (await t.db.selectFrom('units').select('name').where('code', '=', unit).executeTakeFirstOrThrow()).name;
      expect(values.some((r) => r[0] === unitName && r[1] === '25/CT-UBND' && r[4] === late)).toBe(true);
    },
    180_000,
  );

  it.each(sizes)(
    'the Chairman (%s) lands on his page and reads which task is late and by how many working days',
    async (_size, viewport) => {
      const page = await web.signIn(api.url, users.chairman, viewport);
      expect(new URL(page.url()).pathname).toBe('/overview');
      expect(await tiles(page)).toEqual(await figuresBySql());
      const first = page.locator('[data-lagging]').first();
      const code = (await first.getAttribute('data-lagging'))!;
      const { rows } = await sql<{ due_at: Date }>`
      SELECT a.due_at FROM assignments a JOIN units u ON u.id = a.unit_id JOIN directives d ON d.id = a.directive_id
      WHERE u.code = ${code} AND d.state NOT IN ('closed', 'withdrawn') AND a.state NOT IN ('reviewed', 'cancelled') AND a.due_at < now()`.execute(t.db);
      const cal = await loadCalendar(t.db);
      const worst = Math.max(...rows.map((r) => workingDaysBetween(cal, localDateOf(r.due_at), localDateOf(new Date()))));
      const text = await first.innerText();
      expect(text).toMatch(/nhiệm vụ \d+/);
      expect(text).toContain(`chậm ${formatNumber(worst, 'vi')} ngày làm việc`);
      await check(page, 'dashboard-overview-chairman', viewport);
      // The same reasons on the lagging units' page, read only.
      await first.getByRole('heading').getByRole('link').click();
      await page.waitForURL(/\/laggards\?open=/);
      const unfolded = page.locator(`details#${code}`);
      expect(await unfolded.getAttribute('open')).not.toBeNull();
      expect(await unfolded.locator('tr[data-assignment]').count()).toBe(rows.length);
      await expect.poll(() => unfolded.locator('tr[data-assignment]').first().isVisible()).toBe(true);
      expect(await page.getByRole('button', { name: 'Nhắc ngay' }).count()).toBe(0);
      await check(page, 'dashboard-laggards-chairman', viewport);
    },
    120_000,
  );

  it('the pages read in English too, and a filter that makes no sense is refused in words', async () => {
    const page = await web.signIn(api.url, users.office);
    await page.goto(`${api.url}/overview?lang=en`);
    await expect.poll(() => page.locator('[data-figure="doneOnTime"]').innerText()).toContain('Finished on time');
    expect(await page.locator('main').innerText()).not.toMatch(/\bchi_thi\b|\bdone_on_time\b|\d{4}-\d{2}-\d{2}/);
    const refused = await page.goto(`${api.url}/matrix?year=hai-nghin&lang=vi`);
    expect(refused!.status()).toBe(400);
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('Bộ lọc không hợp lệ.');
    // A year with no directive shows an empty matrix, said so, not an error.
    await page.goto(`${api.url}/matrix?year=2031`);
    await expect.poll(() => page.locator('main').innerText()).toContain('Không có đơn vị nào khớp bộ lọc.');
  }, 120_000);

  it.each(sizes)(
    "a unit's officer (%s) reads its scorecard, deadlines missed counted by the deadline's month",
    async (_size, viewport) => {
      const page = await web.signIn(api.url, users.officer('so-ldtbxh'), viewport);
      await page.goto(`${api.url}/units/so-ldtbxh/scorecard`);
      expect(await tiles(page)).toEqual(await figuresBySql('so-ldtbxh'));
      const { rows } = await sql<{ month: string; n: string }>`
      SELECT to_char(a.due_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'MM/YYYY') AS month, count(*) AS n
      FROM assignments a JOIN units u ON u.id = a.unit_id JOIN directives d ON d.id = a.directive_id
      LEFT JOIN LATERAL (SELECT max(e.created_at) AS t FROM events e
                         WHERE e.subject_type = 'assignment' AND e.subject_id = a.id AND e.type = 'SUBMIT_REPORT') r ON true
      WHERE u.code = 'so-ldtbxh' AND d.state <> 'withdrawn' AND a.due_at IS NOT NULL
        AND ((a.state = 'reviewed' AND r.t > a.due_at) OR (a.state NOT IN ('reviewed', 'cancelled') AND (a.overdue OR a.due_at < now())))
      GROUP BY 1`.execute(t.db);
      expect(rows.length).toBeGreaterThan(0);
      type El = { querySelectorAll(s: string): ArrayLike<{ textContent: string | null }> };
      const table = await page
        .locator('#missed-by-month tbody tr')
        .evaluateAll((trs) => trs.map((tr) => Array.from((tr as unknown as El).querySelectorAll('td'), (td) => (td.textContent ?? '').trim())));
      const byMonth = Object.fromEntries(table.map(([m, n]) => [m, Number(n)]));
      for (const r of rows) expect(byMonth[r.month], r.month).toBe(Number(r.n));
      for (const m of Object.keys(byMonth)) expect(m).toMatch(/^\d{2}\/\d{4}$/);
      // Bars of bounded width: the chart never takes the page, a bar never more than a month's slot.
      const chart = await page.locator('svg.chart').boundingBox();
      expect(chart!.width).toBeLessThanOrEqual(Math.min(640, viewport.width));
      const bar = await page.locator('svg.chart rect').first().boundingBox();
      expect(bar!.width).toBeLessThanOrEqual(40);
      await check(page, 'dashboard-scorecard', viewport);
      // The scorecard's months as XLSX, as the table shows them.
      const sheet = await downloadXlsx(page);
      expect(sheet[0]).toEqual(['Tháng', 'Số nhiệm vụ chậm hạn']);
      expect(sheet.slice(1)).toEqual(table.map(([m, n]) => [m, Number(n)]));
    },
    120_000,
  );
});
