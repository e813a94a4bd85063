import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chiThiTetGiapThin2024, issueDirective, seedDemo } from '@dondoc/db';
import type { DirectiveInput } from '@dondoc/domain';
import { createTestContext, type TestContext } from './support/context.ts';
import { officeActor } from './support/commands.ts';
import { startApi, users, type TestApi } from './support/api.ts';
import { signIn, type WebClient } from './support/web.ts';

/**
 * The directive list past one page: 120 directives of one year besides the demo's, a page of 100
 * with a link to the rest, and "Xuất Excel" of the list as filtered, every page of it.
 */
describe('the directive list, long and exported', () => {
  let t: TestContext;
  let api: TestApi;
  let office: WebClient;
  const YEAR_COUNT = 120;

  beforeAll(async () => {
    t = await createTestContext();
    await seedDemo(t.db);
    const task = chiThiTetGiapThin2024.tasks[5]!;
    for (let i = 0; i < YEAR_COUNT; i++) {
      const input: DirectiveInput = {
        ...chiThiTetGiapThin2024,
        numberSymbol: `${500 + i}/CV-UBND`,
        type: 'cong_van',
        issuedOn: '2025-03-10',
        campaign: undefined,
        reminderPolicy: { reminders: [] },
        tasks: [{ ...task, ordinal: 1, deadline: { kind: 'date', date: '2099-12-31' }, addressees: [{ unit: 'so-tttt', role: 'lead' }] }],
      };
      await issueDirective(t.db, input, officeActor);
    }
    api = await startApi(t);
    office = await signIn(api, users.office);
  }, 120_000);
  afterAll(async () => {
    await api?.close();
    await t?.close();
  });

  const rowsOf = (page: string) => [...page.matchAll(/<tr><td data-label="[^"]*"><a href="\/directives\/[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]!);

  it('shows a page of 100 and links to the rest, keeping the filters', async () => {
    const first = await office.get('/directives?year=2025&type=cong_van');
    expect(first.status).toBe(200);
    expect(rowsOf(first.text)).toHaveLength(100);
    expect(first.text).toContain('Trang 1/2');
    const next = /<a href="([^"]+)" rel="next">/.exec(first.text)?.[1]?.replaceAll('&amp;', '&');
    expect(next).toBeDefined();
    expect(new URL(next!, api.url).searchParams.get('year')).toBe('2025');
    const second = await office.get(next!);
    const shown = new Set([...rowsOf(first.text), ...rowsOf(second.text)]);
    expect(rowsOf(second.text)).toHaveLength(YEAR_COUNT - 100);
    expect(shown.size).toBe(YEAR_COUNT);
    expect(second.text).toContain('Trang 2/2');
  });

  it('exports every row of the filtered list to Excel, in the page’s words', async () => {
    const res = await fetch(`${api.url}/directives?year=2025&type=cong_van&format=xlsx`, { headers: { cookie: office.cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const rows: unknown[][] = [];
    wb.worksheets[0]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    expect(rows[0]).toEqual(['Số, ký hiệu', 'Loại văn bản', 'Ngày ban hành', 'Trích yếu', 'Trạng thái', 'Số nhiệm vụ giao', 'Quá hạn']);
    expect(rows).toHaveLength(YEAR_COUNT + 1);
    expect(rows.slice(1).every((r) => r[1] === 'Công văn' && r[2] === '10/03/2025')).toBe(true);
    expect(new Set(rows.slice(1).map((r) => r[0])).size).toBe(YEAR_COUNT);
  });
});
