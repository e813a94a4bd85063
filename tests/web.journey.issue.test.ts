import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seedDemo } from '@dondoc/db';
import { localDateOf, msg, periodOf } from '@dondoc/domain';
import { createTestContext, type TestContext } from './support/context.ts';
import { databaseFingerprint, startApi, users, type TestApi } from './support/api.ts';
import { signIn } from './support/web.ts';
import { desktop, hiddenOnPhone, launchBrowser, phone, seriousViolations, shot, type Browsing, type Viewport } from './support/browser.ts';

/**
 * The Office issuing and managing a directive, through the pages only, in
 * Chromium at desktop and phone sizes: a six-task Kế hoạch with lead and
 * coordinating units, a unit group, several targets on one task (one typed
 * the Vietnamese way, 1.250), reminders in hours and a monthly regime; then
 * the directive's page (roles, periods), the list with its filters, and a
 * small directive issued and withdrawn. The database is read only to check
 * what the pages stored.
 */
describe('the Office issues and manages a directive in the browser', () => {
  let t: TestContext;
  let api: TestApi;
  let browsing: Browsing;

  beforeAll(async () => {
    t = await createTestContext();
    await seedDemo(t.db);
    api = await startApi(t);
    browsing = await launchBrowser();
  });
  afterAll(async () => {
    await browsing?.close();
    await api?.close();
    await t?.close();
  });

  /** The checks every page of the journey passes: axe clean, and on a phone nothing to scroll sideways; then its screenshot. */
  async function check(page: Page, name: string, viewport: Viewport) {
    expect(await seriousViolations(page), name).toEqual([]);
    if (viewport === phone) expect(await hiddenOnPhone(page), name).toEqual([]);
    await shot(page, viewport === phone ? `${name}-phone` : name);
  }

  /** Ticks a unit or group in one of a task's addressee lists (opening the list first). */
  async function pick(page: Page, task: number, role: 'lead' | 'coordinate', name: string) {
    const list = page.locator(`#tasks-${task}-${role}`);
    if ((await list.getAttribute('open')) === null) await list.locator('summary').click();
    await list.getByLabel(name, { exact: true }).check();
  }

  const field = (page: Page, name: string) => page.locator(`[name="${name}"]`);

  for (const [viewport, n] of [
    [desktop, 151],
    [phone, 152],
  ] as const) {
    const size = viewport === phone ? 'phone' : 'desktop';

    it(`issues a six-task plan with roles, a group, several targets, reminders in hours and a monthly regime (${size})`, async () => {
      const page = await browsing.signIn(api.url, users.office, viewport);
      await page.goto(`${api.url}/directives/new`);
      await expect.poll(() => page.locator('h1').innerText(), { timeout: 15_000 }).toBe('Ban hành văn bản');
      const text = await page.locator('main').innerText();
      expect(text).not.toMatch(/Ctrl/);
      expect(text).not.toMatch(/\bke_hoach|chi_thi|toi_mat|monthly|working_days\b/);
      await check(page, 'issue-form', viewport);

      await page.getByLabel('Loại văn bản').selectOption({ label: 'Kế hoạch' });
      await page.getByLabel(/^Số, ký hiệu/).fill(`${n}/KH-UBND`);
      await page.getByLabel('Ngày ban hành').fill('2026-12-01');
      await page.getByLabel('Người ký').fill('Trần Minh Quang');
      await page.getByLabel('Trích yếu').fill('Kế hoạch triển khai công tác phòng, chống ma túy năm 2027');
      await page.getByLabel('Độ mật').selectOption({ label: 'Thường' });
      await page.getByLabel('Cơ quan theo dõi').selectOption({ label: 'Công an tỉnh' });
      await page.getByLabel('Tính mốc nhắc theo').selectOption({ label: 'Số giờ trước hạn' });
      await page.getByLabel(/^Các mốc nhắc/).fill('48; 4');
      await page.getByLabel('Kỳ báo cáo', { exact: true }).selectOption({ label: 'Hằng tháng' });
      await page.getByLabel('Hạn nộp báo cáo').selectOption({ label: 'Sau khi hết kỳ một số ngày làm việc' });
      await page.getByLabel('Số ngày làm việc sau khi hết kỳ').fill('5');
      await page.getByLabel(/^Khóa sổ kỳ báo cáo/).fill('3');

      // Task 1: a lead, a coordinator, three targets (two added by the button, the form keeping what was typed).
      await field(page, 'tasks.0.title').fill('Tổ chức cai nghiện ma túy');
      await field(page, 'tasks.0.deadline.date').fill('2027-06-30');
      await pick(page, 0, 'lead', 'Sở Lao động - Thương binh và Xã hội');
      await pick(page, 0, 'coordinate', 'Công an tỉnh');
      await field(page, 'tasks.0.targets.0.name').fill('Người nghiện được cai nghiện');
      await field(page, 'tasks.0.targets.0.targetValue').fill('1.250');
      await field(page, 'tasks.0.targets.0.unitOfMeasure').fill('người');
      await page.getByRole('button', { name: 'Thêm chỉ tiêu cho nhiệm vụ 1' }).click();
      await field(page, 'tasks.0.targets.1.name').waitFor();
      expect(await field(page, 'tasks.0.targets.0.targetValue').inputValue()).toBe('1.250');
      expect(await field(page, 'tasks.0.title').inputValue()).toBe('Tổ chức cai nghiện ma túy');
      expect(await page.locator('#tasks-0-lead summary').innerText()).toContain('đã chọn 1');
      expect(await page.getByLabel(/^Các mốc nhắc/).inputValue()).toBe('48; 4');
      await field(page, 'tasks.0.targets.1.name').fill('Người được đào tạo nghề');
      await field(page, 'tasks.0.targets.1.targetValue').fill('360');
      await field(page, 'tasks.0.targets.1.unitOfMeasure').fill('người');
      await page.getByRole('button', { name: 'Thêm chỉ tiêu cho nhiệm vụ 1' }).click();
      await field(page, 'tasks.0.targets.2.name').waitFor();
      await field(page, 'tasks.0.targets.2.name').fill('Tỷ lệ xã, phường không có ma túy');
      await field(page, 'tasks.0.targets.2.targetValue').fill('12,5');
      await field(page, 'tasks.0.targets.2.unitOfMeasure').fill('%');

      // Tasks 2–6, each added by the button: a unit group, working days, standing.
      const tasks: [string, 'date' | 'working_days' | 'standing', string, [number, 'lead' | 'coordinate', string][]][] = [
        ['Tuyên truyền phòng, chống ma túy', 'standing', '', [[1, 'lead', 'Các sở, ban, ngành cấp tỉnh']]],
        ['Rà soát người sử dụng trái phép chất ma túy', 'working_days', '20', [[2, 'lead', 'UBND các huyện, thành phố, thị xã']]],
        [
          'Kiểm tra các cơ sở kinh doanh dịch vụ',
          'date',
          '2027-03-31',
          [
            [3, 'lead', 'Công an tỉnh'],
            [3, 'coordinate', 'Sở Công Thương'],
          ],
        ],
        ['Hỗ trợ việc làm sau cai nghiện', 'date', '2027-09-30', [[4, 'lead', 'Sở Lao động - Thương binh và Xã hội']]],
        ['Báo cáo kết quả thực hiện', 'working_days', '60', [[5, 'lead', 'Sở Nội vụ']]],
      ];
      for (const [k, [title, kind, due, picks]] of tasks.entries()) {
        const i = k + 1;
        await page.getByRole('button', { name: 'Thêm nhiệm vụ' }).click();
        await field(page, `tasks.${i}.title`).waitFor();
        await field(page, `tasks.${i}.title`).fill(title);
        await field(page, `tasks.${i}.deadline.kind`).selectOption(kind);
        if (kind === 'date') await field(page, `tasks.${i}.deadline.date`).fill(due);
        if (kind === 'working_days') await field(page, `tasks.${i}.deadline.days`).fill(due);
        for (const [task, role, name] of picks) await pick(page, task, role, name);
      }
      expect(await field(page, 'tasks.0.targets.2.targetValue').inputValue()).toBe('12,5');
      expect(await page.locator('fieldset[id^="tasks-"]').count()).toBe(6);
      // The blank target row of task 2 and the untouched ones are ignored.
      await page.getByRole('button', { name: 'Ban hành', exact: true }).click();
      await page.waitForURL(/\/directives\/[0-9a-f-]{36}\?notice=directive\.issued$/);
      expect(await page.getByRole('status').innerText()).toContain('Đã ban hành văn bản');

      // What the pages stored.
      const d = await t.db.selectFrom('directives').selectAll().where('number_symbol', '=', `${n}/KH-UBND`).executeTakeFirstOrThrow();
      expect(d.type).toBe('ke_hoach');
      expect(d.reminder_policy).toEqual({ reminders: [{ hoursBefore: 48 }, { hoursBefore: 4 }] });
      const stored = await t.db
        .selectFrom('tasks')
        .select(['id', 'ordinal', 'deadline_kind', 'deadline_working_days'])
        .where('directive_id', '=', d.id)
        .orderBy('ordinal')
        .execute();
      expect(stored.map((s) => s.ordinal)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(stored.map((s) => s.deadline_kind)).toEqual(['date', 'standing', 'working_days', 'date', 'date', 'working_days']);
      const roles = await t.db
        .selectFrom('assignments as a')
        .innerJoin('units as u', 'u.id', 'a.unit_id')
        .select(['u.code', 'a.role', 'a.task_id'])
        .where('a.directive_id', '=', d.id)
        .execute();
      const of = (task: number) =>
        roles
          .filter((r) => r.task_id === stored[task]!.id)
          .map((r) => `${r.code}:${r.role}`)
          .sort();
      expect(of(0)).toEqual(['cong-an-tinh:coordinate', 'so-ldtbxh:lead']);
      expect(of(3)).toEqual(['cong-an-tinh:lead', 'so-cong-thuong:coordinate']);
      // The group fans out to its members: the six departments and the two sector agencies.
      expect(of(1)).toHaveLength(8);
      expect(of(1).every((r) => r.endsWith(':lead'))).toBe(true);
      expect(of(2)).toEqual(['h-son-lam:lead', 'tp-hoa-an:lead', 'tx-ben-may:lead']);
      const targets = await t.db
        .selectFrom('task_targets')
        .select(['task_id', 'name', 'target_value', 'unit_of_measure'])
        .where(
          'task_id',
          'in',
          stored.map((s) => s.id),
        )
        .orderBy('code')
        .execute();
      expect(targets.map((g) => [g.task_id === stored[0]!.id, g.name, Number(g.target_value), g.unit_of_measure])).toEqual([
        [true, 'Người nghiện được cai nghiện', 1250, 'người'],
        [true, 'Người được đào tạo nghề', 360, 'người'],
        [true, 'Tỷ lệ xã, phường không có ma túy', 12.5, '%'],
      ]);
      const regime = await t.db.selectFrom('reporting_regimes').selectAll().where('directive_id', '=', d.id).executeTakeFirstOrThrow();
      expect([regime.kind, regime.due_rule, regime.close_after_working_days]).toEqual(['monthly', { kind: 'working_days_after_end', days: 5 }, 3]);

      // The directive's page: roles in words, targets grouped, the period opened, the state and counts.
      const main = await page.locator('main').innerText();
      expect(main).toContain('Kế hoạch');
      expect(main).toContain('01/12/2026');
      expect(main).not.toMatch(/\b(lead|coordinate|ke_hoach|monthly|ISSUE|issued)\b/);
      expect(await page.locator('tr[data-unit="so-ldtbxh"]').first().innerText()).toContain('Chủ trì');
      expect(await page.locator('tr[data-unit="cong-an-tinh"]').first().innerText()).toContain('Phối hợp');
      expect(await page.locator('tr[data-unit="so-ldtbxh"] .state').first().innerText()).toBe('chưa tiếp nhận');
      expect(await page.getByRole('row', { name: /Người nghiện được cai nghiện/ }).innerText()).toContain('1.250 người');
      const period = msg('vi', 'periodName', { key: periodOf('monthly', localDateOf(new Date())).key });
      expect(await page.locator('#periods').innerText()).toContain(period);
      expect(await page.locator('#periods a').first().getAttribute('href')).toMatch(/^\/periods\/[0-9a-f-]{36}$/);
      expect(await page.locator('#directive-state').innerText()).toContain('chưa đơn vị nào tiếp nhận');
      expect(await page.locator('#timeline').innerText()).toContain('ban hành');
      expect(await page.locator('#timeline').innerText()).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
      await check(page, 'directive', viewport);

      // The list: the plan found by its filters, in words.
      await page.goto(`${api.url}/directives`);
      await page.getByLabel('Năm ban hành').selectOption('2023');
      await page.getByRole('button', { name: 'Lọc' }).click();
      await page.waitForURL(/year=2023/);
      expect(await page.locator('#directives').innerText()).toContain('25/CT-UBND');
      expect(await page.locator('#directives').innerText()).not.toContain(`${n}/KH-UBND`);
      await page.getByLabel('Năm ban hành').selectOption('2026');
      await page.getByLabel('Loại văn bản').selectOption({ label: 'Kế hoạch' });
      await page.getByRole('button', { name: 'Lọc' }).click();
      await page.waitForURL(/type=ke_hoach/);
      const row = page.getByRole('row', { name: new RegExp(`${n}/KH-UBND`) });
      expect(await row.innerText()).toContain('01/12/2026');
      expect(await row.innerText()).toContain('Kế hoạch');
      expect(await row.innerText()).toContain('chưa đơn vị nào tiếp nhận');
      expect(await page.locator('#directives').innerText()).not.toContain('25/CT-UBND');
      await check(page, 'directives', viewport);
    }, 120_000);

    it(`issues a small directive and withdraws it with a reason (${size})`, async () => {
      const page = await browsing.signIn(api.url, users.office, viewport);
      await page.goto(`${api.url}/directives/new`);
      await page.getByLabel('Loại văn bản').selectOption({ label: 'Công văn' });
      await page.getByLabel(/^Số, ký hiệu/).fill(`${n}/UBND-VX`);
      await page.getByLabel('Ngày ban hành').fill('2026-12-02');
      await page.getByLabel('Người ký').fill('Trần Minh Quang');
      await page.getByLabel('Trích yếu').fill('Về việc báo cáo số liệu phòng, chống ma túy');
      await page.getByLabel('Cơ quan theo dõi').selectOption({ label: 'Văn phòng UBND tỉnh' });
      await field(page, 'tasks.0.title').fill('Gửi số liệu');
      await field(page, 'tasks.0.deadline.kind').selectOption({ label: 'Thường xuyên' });
      await pick(page, 0, 'lead', 'Sở Thông tin và Truyền thông');
      // Enter in a field issues the directive (the form's first submit button), not one of the "add" buttons.
      await page.getByLabel('Trích yếu').press('Enter');
      await page.waitForURL(/\?notice=directive\.issued$/);
      const id = new URL(page.url()).pathname.split('/').pop()!;

      // A withdrawal needs its reason: refused with a message, nothing changed.
      const before = await databaseFingerprint(t);
      await page.getByRole('button', { name: 'Thu hồi văn bản' }).click();
      await page.locator('#err-reason').waitFor();
      expect(await page.getByLabel(/^Lý do thu hồi/).getAttribute('aria-invalid')).toBe('true');
      expect(await databaseFingerprint(t)).toEqual(before);

      await page.getByLabel(/^Lý do thu hồi/).fill('Ban hành nhầm, thay bằng văn bản khác');
      await page.getByRole('button', { name: 'Thu hồi văn bản' }).click();
      await page.waitForURL(/\?notice=directive\.withdrawn$/);
      expect(await page.getByRole('status').innerText()).toContain('Đã thu hồi văn bản');
      expect(await page.locator('#directive-state').innerText()).toContain('đã thu hồi');
      expect(await page.locator('tr[data-unit="so-tttt"] .state').innerText()).toBe('đã hủy');
      expect(await page.locator('#timeline').innerText()).toContain('Ban hành nhầm, thay bằng văn bản khác');
      // A withdrawn directive offers neither action any more.
      expect(await page.getByRole('button', { name: 'Thu hồi văn bản' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Kết thúc theo dõi' }).count()).toBe(0);
      const row = await t.db.selectFrom('directives').select('state').where('id', '=', id).executeTakeFirstOrThrow();
      expect(row.state).toBe('withdrawn');
      await check(page, 'directive-withdrawn', viewport);
    }, 60_000);
  }

  it('closes the follow-up of a directive once its one report is approved, and not before', async () => {
    const office = await browsing.signIn(api.url, users.office);
    await office.goto(`${api.url}/directives/new`);
    await office.getByLabel('Loại văn bản').selectOption({ label: 'Thông báo' });
    await office.getByLabel(/^Số, ký hiệu/).fill('160/TB-UBND');
    await office.getByLabel('Ngày ban hành').fill('2026-12-03');
    await office.getByLabel('Người ký').fill('Trần Minh Quang');
    await office.getByLabel('Trích yếu').fill('Kết luận của Chủ tịch UBND tỉnh tại buổi làm việc với Sở Thông tin và Truyền thông');
    await office.getByLabel('Cơ quan theo dõi').selectOption({ label: 'Văn phòng UBND tỉnh' });
    await field(office, 'tasks.0.title').fill('Hoàn thành cổng dịch vụ công');
    await field(office, 'tasks.0.deadline.kind').selectOption('working_days');
    await field(office, 'tasks.0.deadline.days').fill('10');
    await pick(office, 0, 'lead', 'Sở Thông tin và Truyền thông');
    await office.getByRole('button', { name: 'Ban hành', exact: true }).click();
    await office.waitForURL(/\?notice=directive\.issued$/);
    const directive = office.url().split('?')[0]!;
    // Not reviewed yet: only withdrawing is offered.
    expect(await office.getByRole('button', { name: 'Kết thúc theo dõi' }).count()).toBe(0);
    expect(await office.locator('main').innerText()).toContain('Chỉ kết thúc theo dõi được khi mọi báo cáo');
    const assignment = (await office.locator('tr[data-unit="so-tttt"] a').getAttribute('href'))!;

    const unit = await browsing.signIn(api.url, users.officer('so-tttt'));
    await unit.goto(api.url + assignment);
    await unit.getByRole('button', { name: 'Tiếp nhận' }).click();
    await unit.getByRole('button', { name: 'Bắt đầu thực hiện' }).click();
    await unit.getByLabel('Nội dung báo cáo').fill('Đã đưa cổng dịch vụ công vào vận hành.');
    await unit.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await expect.poll(() => unit.locator('#state').innerText(), { timeout: 15_000 }).toBe('đã báo cáo');

    await office.goto(api.url + assignment);
    await office.getByRole('button', { name: 'Duyệt', exact: true }).click();
    await expect.poll(() => office.locator('#state').innerText(), { timeout: 15_000 }).toBe('đã duyệt');
    await office.goto(directive);
    expect(await office.locator('#directive-state').innerText()).toContain('đã duyệt hết báo cáo');
    await office.getByLabel(/^Ghi chú/).fill('Đã hoàn thành đúng hạn');
    await office.getByRole('button', { name: 'Kết thúc theo dõi' }).click();
    await office.waitForURL(/\?notice=directive\.closed$/);
    expect(await office.getByRole('status').innerText()).toContain('Đã kết thúc theo dõi');
    expect(await office.locator('#directive-state').innerText()).toContain('đã kết thúc theo dõi');
    expect(await office.locator('#timeline').innerText()).toContain('kết thúc theo dõi');
    const row = await t.db.selectFrom('directives').select('state').where('number_symbol', '=', '160/TB-UBND').executeTakeFirstOrThrow();
    expect(row.state).toBe('closed');
    expect(await seriousViolations(office)).toEqual([]);
  }, 90_000);

  it('puts each schema message next to its field, counting the tasks and targets the form dropped as blank', async () => {
    const client = await signIn(api, users.office);
    const before = await databaseFingerprint(t);
    const r = await client.post('/directives/new', {
      type: 'chi_thi',
      numberSymbol: '170/CT-UBND',
      issuedOn: '2026-12-03',
      signer: 'Trần Minh Quang',
      subject: 'Về tăng cường phòng cháy',
      monitoringUnit: 'cong-an-tinh',
      // Task 1 left blank (dropped); task 2's first target blank (dropped), its second wrong.
      'tasks.0.title': '',
      'tasks.1.title': 'Kiểm tra phòng cháy',
      'tasks.1.deadline.kind': 'standing',
      'tasks.1.lead': 'unit:cong-an-tinh',
      'tasks.1.targets.0.name': '',
      'tasks.1.targets.1.name': 'Cơ sở được kiểm tra',
      'tasks.1.targets.1.unitOfMeasure': 'cơ sở',
      'tasks.1.targets.1.targetValue': 'nhiều',
      'tasks.2.title': 'Diễn tập',
      'tasks.2.deadline.kind': 'standing',
      'reminders.offsets': '3; x',
      'regime.kind': 'weekly',
      'regime.dueRule.kind': 'day_of_last_month',
      'regime.dueRule.day': '5',
    });
    expect(r.status).toBe(400);
    expect(r.text).toMatch(/id="err-tasks-1-targets-1-targetValue"/);
    expect(r.text).toMatch(/id="err-tasks-2-addressees"/);
    expect(r.text).toMatch(/id="err-reminders-offsets"/);
    expect(r.text).toMatch(/id="err-regime-dueRule"/);
    expect(r.text).not.toMatch(/id="err-tasks-0-/);
    // What was typed comes back.
    expect(r.text).toContain('value="nhiều"');
    expect(r.text).toContain('value="3; x"');
    expect(await databaseFingerprint(t)).toEqual(before);

    // An "add" button shows the form again one section longer, storing nothing.
    const added = await client.post('/directives/new', { 'tasks.0.title': 'Một', 'tasks.0.targets.0.name': 'A', _add: 'target:0' });
    expect(added.status).toBe(200);
    expect(added.text).toContain('name="tasks.0.targets.1.name"');
    expect(added.text).toContain('value="Một"');
    // In English too, every choice in words.
    const en = await client.get('/directives/new?lang=en');
    const shown = en.text.replace(/<[^>]+>/g, ' ');
    for (const words of ['Issue a directive', 'Lead units', 'Coordinating units', 'Working days from issue', 'Top secret', 'Hours before the deadline', 'Plan'])
      expect(shown).toContain(words);
    expect(shown).not.toMatch(/\b(ke_hoach|tuyet_mat|working_days|day_of_last_month|half_yearly)\b|Ctrl/);
    expect(en.text).toMatch(/name="issuedOn" type="date" value="\d{4}-\d{2}-\d{2}"/);
    await client.get('/directives/new?lang=vi');
    const task = await client.post('/directives/new', { 'tasks.0.title': 'Một', _add: 'task' });
    expect(task.text).toContain('name="tasks.1.title"');
    expect(task.text).not.toContain('name="tasks.2.title"');
    expect(await databaseFingerprint(t)).toEqual(before);
  });

  it('tells the truth about a directive whose every open task is overdue', async () => {
    const page = await browsing.signIn(api.url, users.office);
    const ct = await t.db.selectFrom('directives').select('id').where('number_symbol', '=', '25/CT-UBND').executeTakeFirstOrThrow();
    await page.goto(`${api.url}/directives/${ct.id}`);
    const status = await page.locator('#directive-state').innerText();
    expect(status).not.toContain('mới ban hành');
    expect(status).toContain('35/35 nhiệm vụ đang mở đã quá hạn');
    expect(await page.getByRole('note', { name: 'Chú giải' }).innerText()).toContain('Quá hạn');
  });
});
