import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apply, createRegime, issueDirective, keHoach146, openPeriod, seedDemo } from '@dondoc/db';
import type { DirectiveInput } from '@dondoc/domain';
import { createTestContext, type TestContext } from './support/context.ts';
import { drive, officeActor } from './support/commands.ts';
import { startApi, users, type TestApi } from './support/api.ts';
import { signIn, type WebClient } from './support/web.ts';
import { desktop, hiddenOnPhone, launchBrowser, phone, seriousViolations, shot } from './support/browser.ts';

/**
 * A directive's page and a period's consolidated report past one page (issue 16): a Kế hoạch to
 * 150 communes besides the demo's units (task 1) and to Hòa An and 9 of them (task 2); 30 of task 1
 * overdue, 10 acknowledged, 5 reported with values; its monthly period with 5 reports sent, 2 of
 * them returned. The page counts by status in PostgreSQL, shows 100 units of each task a page,
 * and filters by status, state, tier and unit name.
 */
describe('a directive and a period of 150 communes, a page at a time', () => {
  let t: TestContext;
  let api: TestApi;
  let office: WebClient;
  let directiveId: string;
  let periodId: string;
  const COMMUNES = 150;
  const code = (i: number) => `xa-dong-thu-${i}`;
  const communes = Array.from({ length: COMMUNES }, (_, i) => code(i + 1));
  const overdue = communes.slice(0, 30);
  const acknowledged = communes.slice(30, 40);
  const reported = communes.slice(40, 45);

  beforeAll(async () => {
    t = await createTestContext();
    await seedDemo(t.db);
    await t.db
      .insertInto('units')
      .values(communes.map((c, i) => ({ code: c, name: `UBND xã Đồng Thử ${i + 1}`, kind: 'commune' as const })))
      .execute();
    const [one, two] = keHoach146.tasks;
    const input: DirectiveInput = {
      ...keHoach146,
      numberSymbol: '900/KH-UBND',
      reminderPolicy: { reminders: [] },
      tasks: [
        { ...one!, addressees: communes.map((unit) => ({ unit, role: 'lead' as const })) },
        { ...two!, addressees: [{ unit: 'tp-hoa-an', role: 'lead' }, ...communes.slice(0, 9).map((unit) => ({ unit, role: 'coordinate' as const }))] },
      ],
    };
    const issued = await issueDirective(t.db, input, officeActor);
    directiveId = issued.directiveId;
    const taskOne = await t.db.selectFrom('tasks').select('id').where('directive_id', '=', directiveId).where('ordinal', '=', 1).executeTakeFirstOrThrow();
    const assignmentOf = async (unit: string) =>
      await t.db
        .selectFrom('assignments as a')
        .innerJoin('units as u', 'u.id', 'a.unit_id')
        .select(['a.id', 'a.due_at'])
        .where('a.task_id', '=', taskOne.id)
        .where('u.code', '=', unit)
        .executeTakeFirstOrThrow();
    for (const unit of overdue) {
      const a = await assignmentOf(unit);
      const event = { type: 'RESCHEDULE', dueAt: new Date(Date.now() - 86_400_000).toISOString(), previousDueAt: a.due_at!.toISOString(), reason: 'test' };
      await apply(t.db, { subject: { type: 'assignment', id: a.id }, event: event as never, actor: officeActor });
    }
    for (const unit of acknowledged) await drive(t.db, (await assignmentOf(unit)).id, 'ACKNOWLEDGE');
    for (const unit of reported)
      await drive(t.db, (await assignmentOf(unit)).id, 'ACKNOWLEDGE', 'START', { type: 'SUBMIT_REPORT', text: 'Đã thực hiện.', values: { 'cai-nghien': 3 } });

    const regime = await createRegime(t.db, directiveId, { kind: 'monthly', dueRule: { kind: 'working_days_after_end', days: 5 }, closeAfterWorkingDays: 5 });
    const now = Date.now();
    periodId = (
      await openPeriod(
        t.db,
        {
          regimeId: regime.id,
          key: '2026-11',
          startsOn: '2026-11-01',
          endsOn: '2026-11-30',
          dueAt: new Date(now + 86_400_000),
          closesAt: new Date(now + 2 * 86_400_000),
        },
        officeActor,
      )
    ).periodId;
    const reportOf = async (unit: string) =>
      (
        await t.db
          .selectFrom('unit_reports as r')
          .innerJoin('units as u', 'u.id', 'r.unit_id')
          .select('r.id')
          .where('r.period_id', '=', periodId)
          .where('u.code', '=', unit)
          .executeTakeFirstOrThrow()
      ).id;
    const onReport = async (unit: string, event: object) =>
      apply(t.db, { subject: { type: 'unit_report', id: await reportOf(unit) }, event: event as never, actor: { kind: 'system', label: `test:${unit}` } });
    for (const unit of communes.slice(0, 5))
      await onReport(unit, { type: 'SUBMIT', at: new Date().toISOString(), text: `Báo cáo của ${unit}`, values: { 'cai-nghien': 2 } });
    for (const unit of communes.slice(0, 2)) await onReport(unit, { type: 'RETURN', reason: 'Thiếu số liệu.' });

    api = await startApi(t);
    office = await signIn(api, users.office);
  }, 240_000);
  afterAll(async () => {
    await api?.close();
    await t?.close();
  });

  /** The units listed in task n's section, in order. */
  const unitsOf = (page: string, n: number) => {
    const section = new RegExp(`<section[^>]*id="task-${n}"[\\s\\S]*?</section>`).exec(page)?.[0] ?? '';
    return [...section.matchAll(/<tr data-unit="([^"]+)"/g)].map((m) => m[1]!);
  };
  const nextOf = (page: string) => /<a href="([^"]+)" rel="next">/.exec(page)?.[1]?.replaceAll('&amp;', '&');
  const lightCount = (page: string, n: number, light: string) =>
    new RegExp(`id="task-${n}"[\\s\\S]*?<ul class="statuses">[\\s\\S]*?light=${light}[^"]*"><span[^>]*>[^<]*</span></a> (\\d+)</li>`).exec(page)?.[1];

  it('counts each task by status, shows 100 units of each a page, and the rest on the next', async () => {
    const first = await office.get(`/directives/${directiveId}`);
    expect(first.status).toBe(200);
    expect(first.text).toContain('id="units-filter"');
    expect(first.text).toContain('Trang 1/2');
    // The whole directive: 160 assignments, 30 overdue, none done.
    expect(first.text).toMatch(/id="directive-counts">30\/160 nhiệm vụ đang mở đã quá hạn · 0\/160 nhiệm vụ đã hoàn thành/);
    expect(lightCount(first.text, 1, 'overdue')).toBe('30');
    expect(lightCount(first.text, 1, 'on_time')).toBe('120');
    expect(lightCount(first.text, 2, 'on_time')).toBe('10');
    expect(unitsOf(first.text, 1)).toHaveLength(100);
    expect(unitsOf(first.text, 2)).toHaveLength(10);
    expect(first.text).toContain('đơn vị 1–100 trong 150');
    // The reported values of task 1's target, summed in PostgreSQL over the five reports.
    expect(first.text).toMatch(/Cai nghiện ma túy \(tổng số lượt người\)<\/td><td[^>]*>900 lượt người<\/td><td[^>]*>15 lượt người/);

    const second = await office.get(nextOf(first.text)!);
    expect(second.text).toContain('Trang 2/2');
    expect(unitsOf(second.text, 1)).toHaveLength(COMMUNES - 100);
    expect(new Set([...unitsOf(first.text, 1), ...unitsOf(second.text, 1)])).toEqual(new Set(communes));
    expect(second.text).toContain('Các đơn vị của nhiệm vụ này khớp bộ lọc đều ở các trang trước.');
    expect(second.text).toContain('id="directive-counts">30/160');
  });

  it('filters by status, state, tier and unit name, and orders worst first', async () => {
    const late = await office.get(`/directives/${directiveId}?light=overdue`);
    expect(unitsOf(late.text, 1).sort()).toEqual([...overdue].sort());
    expect(late.text).toContain('đơn vị 1–30 trong 30 · khớp bộ lọc, trên tổng số 150');
    expect(late.text).toContain('Không có đơn vị nào của nhiệm vụ này khớp bộ lọc.');
    expect(late.text).not.toContain('rel="next"');

    const ack = await office.get(`/directives/${directiveId}?state=assigned`);
    expect(unitsOf(ack.text, 1).sort()).toEqual([...acknowledged].sort());
    const sent = await office.get(`/directives/${directiveId}?state=reported`);
    expect(unitsOf(sent.text, 1).sort()).toEqual([...reported].sort());

    const district = await office.get(`/directives/${directiveId}?tier=district`);
    expect(unitsOf(district.text, 1)).toEqual([]);
    expect(unitsOf(district.text, 2)).toEqual(['tp-hoa-an']);

    // By name with its diacritics, or as the code spells it; 12 and 120–129.
    const twelve = ['xa-dong-thu-12', ...Array.from({ length: 10 }, (_, i) => `xa-dong-thu-12${i}`)].sort();
    expect(unitsOf((await office.get(`/directives/${directiveId}?q=${encodeURIComponent('Đồng Thử 12')}`)).text, 1).sort()).toEqual(twelve);
    expect(unitsOf((await office.get(`/directives/${directiveId}?q=${encodeURIComponent('dong thu 12')}`)).text, 1).sort()).toEqual(twelve);

    const worst = await office.get(`/directives/${directiveId}?sort=worst`);
    expect(new Set(unitsOf(worst.text, 1).slice(0, 30))).toEqual(new Set(overdue));
    // What the form would not send is ignored: the whole list.
    const odd = await office.get(`/directives/${directiveId}?light=purple&page=x`);
    expect(odd.status).toBe(200);
    expect(unitsOf(odd.text, 1)).toHaveLength(100);
  });

  it('shows a unit its own assignment only, and the demo’s short directives as before', async () => {
    const hoaAn = await signIn(api, users.officer('tp-hoa-an'));
    const own = await hoaAn.get(`/directives/${directiveId}`);
    expect(own.status).toBe(200);
    expect(unitsOf(own.text, 1)).toEqual([]);
    expect(unitsOf(own.text, 2)).toEqual(['tp-hoa-an']);
    expect(own.text).not.toContain('id="units-filter"');

    const plan = await t.db.selectFrom('directives').select('id').where('number_symbol', '=', '146/KH-UBND').executeTakeFirstOrThrow();
    const short = await office.get(`/directives/${plan.id}`);
    expect(short.text).not.toContain('id="units-filter"');
    expect(short.text).not.toContain('rel="next"');
    expect(short.text).not.toContain('class="statuses"');
  });

  it('filters in the browser, accessible and readable on a phone', async () => {
    const browsing = await launchBrowser();
    try {
      for (const [size, viewport] of [
        ['desktop', desktop],
        ['phone', phone],
      ] as const) {
        const page = await browsing.signIn(api.url, users.office, viewport);
        await page.goto(`${api.url}/directives/${directiveId}`);
        await page.getByLabel('Tình hình').selectOption({ label: 'Quá hạn' });
        await page.getByLabel('Sắp xếp').selectOption('worst');
        await page.getByRole('button', { name: 'Lọc' }).click();
        await page.waitForURL((u) => u.searchParams.get('light') === 'overdue');
        expect(await page.locator('#task-1 tr[data-unit]').count()).toBe(30);
        expect(await page.locator('#task-1 tr[data-unit] .s-overdue').count()).toBe(30);
        expect(await seriousViolations(page)).toEqual([]);
        if (size === 'phone') expect(await hiddenOnPhone(page)).toEqual([]);
        await shot(page, `directive-long-filtered-office-${size}`);

        await page.goto(`${api.url}/periods/${periodId}`);
        await page.getByLabel('Trạng thái báo cáo').selectOption('returned');
        await page.getByRole('button', { name: 'Lọc' }).click();
        await page.waitForURL((u) => u.searchParams.get('state') === 'returned');
        expect(await page.locator('#units tr[data-unit]').count()).toBe(2);
        expect(await seriousViolations(page)).toEqual([]);
        if (size === 'phone') expect(await hiddenOnPhone(page)).toEqual([]);
        await shot(page, `period-long-filtered-office-${size}`);
        await page.context().close();
      }
      expect(browsing.cspViolations).toEqual([]);
    } finally {
      await browsing.close();
    }
  }, 120_000);

  it('pages the consolidated report’s units and filters them by status and by the report’s state', async () => {
    const first = await office.get(`/periods/${periodId}`);
    expect(first.status).toBe(200);
    const rowsOf = (page: string) => [...page.matchAll(/<tr data-unit="([^"]+)"/g)].map((m) => m[1]!);
    expect(rowsOf(first.text)).toHaveLength(100);
    // Every unit is still counted: 151 units (the communes and Hòa An), 5 sent on time (2 of them since returned), none due yet.
    expect(/<p id="counts">([^<]*)<\/p>/.exec(first.text)?.[1]).toBe('Đúng hạn 5, chậm 0, không báo cáo 0, chưa đến hạn 146 trên 151 đơn vị.');
    expect(first.text).toMatch(/bị trả lại<\/a>: 2<\/li>/);
    expect(first.text).toMatch(/đã gửi, chờ xem xét<\/a>: 3<\/li>/);
    expect(first.text).toMatch(/chưa gửi<\/a>: 146<\/li>/);
    const second = await office.get(nextOf(first.text)!);
    expect(rowsOf(second.text)).toHaveLength(51);
    expect(new Set([...rowsOf(first.text), ...rowsOf(second.text)]).size).toBe(151);

    const returned = await office.get(`/periods/${periodId}?state=returned`);
    expect(rowsOf(returned.text).sort()).toEqual(communes.slice(0, 2).sort());
    expect(returned.text).toContain('Đơn vị 1–2 trong 2 đơn vị khớp bộ lọc (tổng số 151)');
    const onTime = await office.get(`/periods/${periodId}?status=on_time`);
    expect(rowsOf(onTime.text).sort()).toEqual(communes.slice(0, 5).sort());

    // The download still holds every unit.
    const csv = await office.get(`/periods/${periodId}/consolidated.csv`);
    const names = new Set(csv.text.split('\n').map((line) => line.split(',')[0]));
    for (const name of ['UBND thành phố Hòa An', ...communes.map((_, i) => `UBND xã Đồng Thử ${i + 1}`)]) expect(names).toContain(name);
  });
});
