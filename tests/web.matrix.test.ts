import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apply, chiThiTetGiapThin2024, followUpRows, issueDirective, loadCalendar, seedDemo } from '@dondoc/db';
import { compareVi, localDateOf, trafficLight, workingDaysBetween, worstLight, type DirectiveInput, type Light } from '@dondoc/domain';
import { createTestContext, type TestContext } from './support/context.ts';
import { drive, officeActor } from './support/commands.ts';
import { startApi, users, type TestApi } from './support/api.ts';
import { signIn, type WebClient } from './support/web.ts';

/**
 * The compliance matrix past one page each way: the demo province and 56 more communes, 22
 * directives besides the demo's (24 followed up), deadlines past by different spans, due within
 * the hour, far off and reported done. The page shows 50 units × 20 directive columns; every
 * unit and directive is reached through the pagers, in the order of the rule (most overdue
 * first: overdue count, working days late, name), and each cell is the domain's worst light
 * (trafficLight) of the unit's assignments in that directive.
 */
describe('the compliance matrix, paged both ways', () => {
  let t: TestContext;
  let api: TestApi;
  let office: WebClient;
  const EXTRA_UNITS = 56;
  const EXTRA_DIRECTIVES = 22;
  const DAY = 86_400_000;

  beforeAll(async () => {
    t = await createTestContext();
    await seedDemo(t.db);
    const parent = (await t.db.selectFrom('units').select('id').where('code', '=', 'h-son-lam').executeTakeFirstOrThrow()).id;
    await t.db
      .insertInto('units')
      .values(
        Array.from({ length: EXTRA_UNITS }, (_, i) => ({ code: `x-thu-${i + 1}`, name: `UBND xã Thử Nghiệm ${i + 1}`, kind: 'commune', parent_id: parent })),
      )
      .execute();
    const task = chiThiTetGiapThin2024.tasks[5]!;
    const now = Date.now();
    for (let d = 0; d < EXTRA_DIRECTIVES; d++) {
      // Directive d names the communes j with (j + d) % 3 != 0: overlapping, different sets.
      const units = Array.from({ length: EXTRA_UNITS }, (_, j) => j + 1).filter((j) => (j + d) % 3 !== 0);
      const input: DirectiveInput = {
        ...chiThiTetGiapThin2024,
        numberSymbol: `${700 + d}/CV-UBND`,
        type: 'cong_van',
        issuedOn: '2026-02-02',
        campaign: undefined,
        reminderPolicy: { reminders: [] },
        tasks: [
          {
            ...task,
            ordinal: 1,
            deadline: { kind: 'date', date: '2099-12-31' },
            addressees: units.map((j) => ({ unit: `x-thu-${j}`, role: 'lead' as const })),
          },
        ],
      };
      const issued = await issueDirective(t.db, input, officeActor);
      const byUnit = await t.db
        .selectFrom('assignments as a')
        .innerJoin('units as u', 'u.id', 'a.unit_id')
        .select(['a.id', 'a.due_at', 'u.code'])
        .where('a.directive_id', '=', issued.directiveId)
        .execute();
      for (const a of byUnit) {
        const j = Number(a.code.slice('x-thu-'.length));
        const move = (dueAt: Date) =>
          apply(t.db, {
            subject: { type: 'assignment', id: a.id },
            event: { type: 'RESCHEDULE', dueAt: dueAt.toISOString(), previousDueAt: a.due_at!.toISOString(), reason: 'test' },
            actor: { kind: 'system', label: 'test' },
          });
        // Past by 5 to 40 days (so by different working days; never for every fourth commune), due within the hour, or done; the rest far off.
        if (j % 4 !== 0 && (j * 7 + d) % 11 === 0) await move(new Date(now - (5 + ((j + d) % 8) * 5) * DAY));
        else if ((j + 2 * d) % 13 === 0) await move(new Date(now + 3_600_000));
        else if ((j + d) % 17 === 0) await drive(t.db, a.id, 'ACKNOWLEDGE', 'START', 'SUBMIT_REPORT', 'APPROVE');
      }
    }
    api = await startApi(t);
    office = await signIn(api, users.office);
  }, 240_000);
  afterAll(async () => {
    await api?.close();
    await t?.close();
  });

  /** The matrix by the domain's rules over every row: the units in order, the columns in order, each cell's worst light. */
  async function truth() {
    const cal = await loadCalendar(t.db);
    const now = new Date();
    const rows = await followUpRows(t.db, { followedUpOnly: true });
    const units = new Map<string, { code: string; name: string; kind: string; overdue: number; late: number; lights: Map<string, Light[]> }>();
    const numbers = new Map<string, string>();
    for (const r of rows) {
      const u = units.get(r.unit_code) ?? { code: r.unit_code, name: r.unit_name, kind: r.unit_kind, overdue: 0, late: 0, lights: new Map() };
      const l = trafficLight(cal, now, r);
      u.lights.set(r.number_symbol, [...(u.lights.get(r.number_symbol) ?? []), l]);
      if (l === 'overdue') {
        u.overdue++;
        if (r.due_at && r.due_at < now) u.late = Math.max(u.late, workingDaysBetween(cal, localDateOf(r.due_at), localDateOf(now)));
      }
      units.set(r.unit_code, u);
      numbers.set(r.directive_id, r.number_symbol);
    }
    const cell = (code: string, numberSymbol: string): Light | 'none' => {
      const ls = units.get(code)?.lights.get(numberSymbol);
      return ls ? worstLight(ls) : 'none';
    };
    const all = [...units.values()];
    const byRule = [...all].sort((a, b) => b.overdue - a.overdue || b.late - a.late || compareVi(a.name, b.name));
    const overdueUnits = (n: string) => all.filter((u) => cell(u.code, n) === 'overdue').length;
    const columns = [...numbers.values()].sort((a, b) => overdueUnits(b) - overdueUnits(a) || compareVi(a, b));
    return { units: byRule, columns, cell, overdueUnits };
  }

  const decode = (s: string) => s.replaceAll('&amp;', '&');
  /** The desk table as shown: header directives, and per row the unit, its two figures and its cells. */
  function grid(html: string) {
    const table = /<table class="data" id="matrix">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '';
    const columns = [...table.matchAll(/<th scope="col" title="[^"]*"><a href="\/directives\/[^"]+">([^<]+)<\/a><\/th>/g)].map((m) => m[1]!);
    const rows = [...table.matchAll(/<tr data-unit="([^"]+)">([\s\S]*?)<\/tr>/g)].map((m) => {
      const tds = [...m[2]!.matchAll(/<td>([^<]*)<\/td>/g)].map((x) => x[1]!);
      return { code: m[1]!, overdue: Number(tds[0]), late: Number(tds[1]), lights: [...m[2]!.matchAll(/data-light="([^"]+)"/g)].map((x) => x[1]!) };
    });
    const cards = [...html.matchAll(/data-unit-card="([^"]+)"/g)].map((m) => m[1]!);
    const next = /<a href="([^"]+)" rel="next">/.exec(html)?.[1];
    const nextColumns = /<a href="([^"]+)">Các văn bản tiếp theo ›<\/a>/.exec(html)?.[1];
    return { columns, rows, cards, next: next && decode(next), nextColumns: nextColumns && decode(nextColumns) };
  }
  async function page(path: string) {
    const r = await office.get(path);
    expect(r.status, path).toBe(200);
    return { text: r.text, ...grid(r.text) };
  }
  /** Every unit of the matrix under a query, following the units' pager from the first page. */
  async function allUnits(path: string) {
    const codes: string[] = [];
    for (let p: string | undefined = path, n = 0; p && n < 10; n++) {
      const g = await page(p);
      codes.push(...g.rows.map((r) => r.code));
      p = g.next;
    }
    return codes;
  }

  it('shows 50 units × 20 directive columns, the counts, and the rest through the pagers, every cell the domain’s light', async () => {
    const want = await truth();
    expect(want.units.length).toBeGreaterThan(50);
    expect(want.units.length).toBeLessThanOrEqual(100);
    expect(want.columns.length).toBe(EXTRA_DIRECTIVES + 2);
    const first = await page('/matrix');
    expect(first.text).toContain(`Đơn vị 1–50 trong tổng số ${want.units.length} đơn vị`);
    expect(first.text).toContain(`Cột văn bản 1–20 trong tổng số ${want.columns.length} văn bản đang theo dõi`);
    expect(first.text).toContain(`Trang 1/2`);
    expect(first.rows).toHaveLength(50);
    expect(first.cards).toEqual(first.rows.map((r) => r.code)); // the phone's cards: the same units
    expect(first.columns).toEqual(want.columns.slice(0, 20));

    // The next units keep the columns; the next directives keep the units' page.
    const second = await page(first.next!);
    expect(second.rows.map((r) => r.code)).toEqual(want.units.slice(50).map((u) => u.code));
    expect(second.columns).toEqual(first.columns);
    expect(second.next).toBeUndefined();
    expect(second.text).toContain(`Đơn vị 51–${want.units.length} trong tổng số ${want.units.length} đơn vị`);
    const secondColumns = await page(second.nextColumns!);
    expect(new URL(second.nextColumns!, api.url).searchParams.get('page')).toBe('2');
    expect(secondColumns.columns).toEqual(want.columns.slice(20));
    expect(secondColumns.rows.map((r) => r.code)).toEqual(second.rows.map((r) => r.code));
    expect(secondColumns.text).toContain(`Cột văn bản 21–${want.columns.length} trong tổng số ${want.columns.length}`);
    const firstColumnsOfFirst = await page('/matrix?cols=2');

    // Units in the rule's order with its figures; each cell the worst light of the unit's rows there.
    const shown = new Map<string, Light | 'none'>();
    for (const g of [first, second, secondColumns, firstColumnsOfFirst]) {
      for (const r of g.rows) {
        const u = want.units.find((x) => x.code === r.code)!;
        expect({ code: r.code, overdue: r.overdue, late: r.late }).toEqual({ code: u.code, overdue: u.overdue, late: u.late });
        expect(r.lights).toHaveLength(g.columns.length);
        for (const [i, l] of r.lights.entries()) shown.set(`${r.code} ${g.columns[i]}`, l as Light | 'none');
      }
    }
    expect(shown.size).toBe(want.units.length * want.columns.length); // every cell reached
    for (const [key, light] of shown) {
      const [code, numberSymbol] = key.split(' ') as [string, string];
      expect(light, key).toBe(want.cell(code, numberSymbol));
    }
    const lights = new Set(shown.values());
    for (const l of ['overdue', 'due_soon', 'on_time', 'done', 'none']) expect(lights.has(l as Light), l).toBe(true);
    expect(new Set(want.units.map((u) => u.late)).size).toBeGreaterThan(3); // the lateness tells units apart

    // Past the last page reads as the last page.
    expect((await page('/matrix?page=9')).rows.map((r) => r.code)).toEqual(second.rows.map((r) => r.code));
  });

  it('sorts units by name and directive columns by number, in Vietnamese order', async () => {
    const want = await truth();
    const byName = [...want.units].sort((a, b) => compareVi(a.name, b.name)).map((u) => u.code);
    expect(await allUnits('/matrix?sort=name')).toEqual(byName);
    // "xã Thử Nghiệm 2" before "xã Thử Nghiệm 10": the numbers read as numbers.
    expect(byName.indexOf('x-thu-2')).toBeLessThan(byName.indexOf('x-thu-10'));
    const byNumber = [...want.columns].sort(compareVi);
    const first = await page('/matrix?colsort=number');
    expect(first.columns).toEqual(byNumber.slice(0, 20));
    expect(first.text).toContain('<strong>theo số, ký hiệu</strong>');
    expect((await page(first.nextColumns!)).columns).toEqual(byNumber.slice(20));
  });

  it('filters units by status, by overdue work and by tier, and orders the columns by the status asked for', async () => {
    const want = await truth();
    const hasCell = (code: string, light: Light) => want.columns.some((n) => want.cell(code, n) === light);
    const dueSoon = want.units.filter((u) => hasCell(u.code, 'due_soon')).map((u) => u.code);
    expect(dueSoon.length).toBeGreaterThan(0);
    expect(dueSoon.length).toBeLessThan(want.units.length);
    expect(await allUnits('/matrix?status=due_soon')).toEqual(dueSoon);
    const soonFirst = await page('/matrix?status=due_soon');
    const soonUnits = (n: string) => want.units.filter((u) => want.cell(u.code, n) === 'due_soon').length;
    expect(soonFirst.columns).toEqual([...want.columns].sort((a, b) => soonUnits(b) - soonUnits(a) || compareVi(a, b)).slice(0, 20));
    expect(soonFirst.text).toContain('<strong>nhiều đơn vị sắp đến hạn nhất trước</strong>');

    const overdue = want.units.filter((u) => u.overdue > 0).map((u) => u.code);
    expect(overdue.length).toBeLessThan(want.units.length);
    expect(await allUnits('/matrix?overdue=1')).toEqual(overdue);
    const districts = want.units.filter((u) => u.kind === 'district').map((u) => u.code);
    expect(districts.length).toBeGreaterThan(0);
    expect(await allUnits('/matrix?tier=district')).toEqual(districts);
    // A filter that keeps no unit says so.
    expect((await office.get('/matrix?year=2031')).text).toContain('Không có đơn vị nào khớp bộ lọc.');
  });

  it('exports every unit the filter keeps, in the page’s order, with the directive columns in view', async () => {
    const want = await truth();
    const csv = await office.get('/matrix?format=csv&cols=2');
    expect(csv.status).toBe(200);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/)
      .map((l) => l.split(',').map((c) => c.replace(/^"|"$/g, '')));
    expect(lines[0]).toEqual(['Đơn vị', 'Quá hạn', 'Chậm nhất (ngày làm việc)', ...want.columns.slice(20)]);
    expect(lines.slice(1).map((l) => l[0])).toEqual(want.units.map((u) => u.name));
    expect(lines.slice(1).map((l) => Number(l[1]))).toEqual(want.units.map((u) => u.overdue));
  });
});
