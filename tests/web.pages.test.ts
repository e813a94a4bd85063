import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPeriod, seedDemo } from '@dondoc/db';
import { assignmentRoles, classifications, directiveTypes, eventLabelsVi, regimeKinds, stateLabelsVi, UNIT_REPORT_WAITING_STATES } from '@dondoc/domain';
import { createMailTransport, startMailCatcher, type MailCatcher } from '@dondoc/mail';
import { createTestContext, type TestContext } from './support/context.ts';
import { startApi, users, type TestApi } from './support/api.ts';
import { desktop, hiddenOnPhone, launchBrowser, phone, seriousViolations, shot, type Browsing, type Viewport } from './support/browser.ts';
import { officeActor } from './support/commands.ts';

/**
 * Every page of every role, in Chromium at desktop and at 390×844, on the
 * seeded demo: each answers 200 (a missing page 404) as UTF-8 HTML in
 * Vietnamese, shows no internals (a raw code, an ISO date or period key,
 * "yyyy", "undefined", "[object"), has no serious or critical axe finding,
 * and on a phone hides nothing beyond the right edge. Screenshots
 * `<page>-<role>-<desktop|phone>.png` go to tests/artifacts/.
 *
 * The pages are listed once, below: a new page is one line. On Kế hoạch
 * 146/KH-UBND (a monthly regime, a period open for October 2026) and the
 * Chỉ thị 25/CT-UBND (35 assignments, all overdue), for the district of Hòa An.
 */
type Role = 'signedOut' | 'office' | 'chairman' | 'monitor' | 'unitOfficer' | 'unitHead' | 'admin';
const emailOf: Record<Exclude<Role, 'signedOut'>, string> = {
  office: users.office,
  chairman: users.chairman,
  monitor: users.monitor,
  unitOfficer: users.officer('tp-hoa-an'),
  unitHead: users.head('tp-hoa-an'),
  admin: users.admin,
};
const signedIn = Object.keys(emailOf) as Exclude<Role, 'signedOut'>[];
const provinceWide: Role[] = ['office', 'chairman', 'monitor', 'admin'];
const aroundThePlan: Role[] = ['office', 'chairman', 'monitor', 'admin', 'unitOfficer', 'unitHead'];

interface PageSpec {
  name: string;
  /** The address; `{plan}`, `{chiThi}`, `{assignment}`, `{period}`, `{report}` and `{mail}` are the demo's ids. */
  path: string;
  roles: Role[];
  status?: number;
}
const pages: PageSpec[] = [
  { name: 'signin', path: '/login', roles: ['signedOut'] },
  { name: 'not-found', path: '/khong-co', roles: ['signedOut', 'office'], status: 404 },
  { name: 'overview', path: '/overview', roles: provinceWide },
  { name: 'directives', path: '/directives', roles: signedIn },
  { name: 'directive-new', path: '/directives/new', roles: ['office'] },
  { name: 'directive-plan', path: '/directives/{plan}', roles: aroundThePlan },
  { name: 'directive-chi-thi', path: '/directives/{chiThi}', roles: provinceWide },
  { name: 'matrix', path: '/matrix', roles: provinceWide },
  { name: 'laggards', path: '/laggards', roles: provinceWide },
  { name: 'scorecard', path: '/units/tp-hoa-an/scorecard', roles: aroundThePlan },
  { name: 'inbox', path: '/inbox', roles: signedIn },
  { name: 'assignment', path: '/assignments/{assignment}', roles: aroundThePlan },
  { name: 'period', path: '/periods/{period}', roles: aroundThePlan },
  { name: 'report', path: '/reports/{report}', roles: aroundThePlan },
  { name: 'mail', path: '/mail', roles: ['office', 'admin'] },
  { name: 'mail-message', path: '/mail/{mail}', roles: ['office', 'admin'] },
];

/**
 * The codes behind the words: states (of assignments, directives, periods, unit reports), events, regimes,
 * roles, directive types and classifications. None is a word of a Vietnamese page.
 */
const codeWords = [
  ...Object.keys(stateLabelsVi),
  ...Object.keys(eventLabelsVi),
  ...UNIT_REPORT_WAITING_STATES,
  'submitted',
  'accepted',
  'approved',
  ...regimeKinds,
  ...assignmentRoles,
  ...directiveTypes,
  ...classifications,
];
/** What a reader must never see: the internals behind the words. */
const internals: [string, RegExp][] = [
  ['a raw code', /\b[a-z]+_[a-z_]+\b/],
  ['a code of the domain', new RegExp(`\\b(?:${codeWords.join('|')})\\b`)],
  ['an ISO date', /\b\d{4}-\d{2}-\d{2}\b/],
  ['a period key', /\b\d{4}-(?:0[1-9]|1[0-2]|Q[1-4]|H[12]|W\d{2})\b/],
  ['a date format', /yyyy|mm-dd/i],
  ['a missing value', /\bundefined\b|\bNaN\b|\[object|\(open\)/],
];

describe('every page of every role, at desktop and on a phone', () => {
  let t: TestContext;
  let api: TestApi;
  let catcher: MailCatcher;
  let browsing: Browsing;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestContext();
    await seedDemo(t.db);
    catcher = await startMailCatcher();
    const transport = createMailTransport({ host: '127.0.0.1', port: catcher.port, secure: false });
    await transport.sendMail({
      from: 'dondoc@hoa-an.example',
      to: users.office,
      subject: 'Nhắc hạn báo cáo tháng 10/2026',
      text: 'Kính gửi Văn phòng UBND tỉnh,\nĐề nghị các đơn vị gửi báo cáo đúng hạn.',
    });
    transport.close();
    api = await startApi(t, { mailbox: catcher });
    const directiveId = async (numberSymbol: string) =>
      (await t.db.selectFrom('directives').select('id').where('number_symbol', '=', numberSymbol).executeTakeFirstOrThrow()).id;
    ids.plan = await directiveId('146/KH-UBND');
    ids.chiThi = await directiveId('25/CT-UBND');
    const unit = (await t.db.selectFrom('units').select('id').where('code', '=', 'tp-hoa-an').executeTakeFirstOrThrow()).id;
    ids.assignment = (
      await t.db.selectFrom('assignments').select('id').where('directive_id', '=', ids.plan).where('unit_id', '=', unit).orderBy('id').executeTakeFirstOrThrow()
    ).id;
    const regime = await t.db.selectFrom('reporting_regimes').select('id').where('directive_id', '=', ids.plan).executeTakeFirstOrThrow();
    const { periodId } = await openPeriod(
      t.db,
      {
        regimeId: regime.id,
        key: '2026-10',
        startsOn: '2026-10-01',
        endsOn: '2026-10-31',
        dueAt: new Date(Date.now() + 86_400_000),
        closesAt: new Date(Date.now() + 2 * 86_400_000),
      },
      officeActor,
    );
    ids.period = periodId;
    ids.report = (
      await t.db.selectFrom('unit_reports').select('id').where('period_id', '=', periodId).where('unit_id', '=', unit).executeTakeFirstOrThrow()
    ).id;
    ids.mail = String(catcher.messages[0]!.id);
    browsing = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browsing?.close();
    await api?.close();
    await catcher?.close();
    await t?.close();
  });

  const pathOf = (spec: PageSpec) => spec.path.replace(/\{(\w+)\}/g, (_, k: string) => ids[k] ?? `{${k}}`);

  /** Everything wrong with one page as this role sees it at this size; empty when it is right. */
  async function check(page: Page, spec: PageSpec, role: Role, size: 'desktop' | 'phone'): Promise<string[]> {
    const where = `${spec.name} as ${role} (${size})`;
    const problems: string[] = [];
    const res = await page.goto(api.url + pathOf(spec));
    if (!res) return [`${where}: no answer`];
    const status = res.status();
    if (status !== (spec.status ?? 200)) problems.push(`${where}: status ${status} at ${new URL(page.url()).pathname}`);
    const type = res.headers()['content-type'];
    if (type !== 'text/html; charset=utf-8') problems.push(`${where}: content-type ${type}`);
    if ((await page.getAttribute('html', 'lang')) !== 'vi') problems.push(`${where}: not lang="vi"`);
    const text = await page.innerText('body');
    for (const [what, pattern] of internals) {
      const m = pattern.exec(text);
      if (m) problems.push(`${where}: ${what} "${m[0]}" in «${text.slice(Math.max(0, m.index - 40), m.index + 40).replaceAll('\n', ' ')}»`);
    }
    for (const v of await seriousViolations(page)) problems.push(`${where}: axe ${v}`);
    if (size === 'phone') for (const h of await hiddenOnPhone(page)) problems.push(`${where}: ${h}`);
    await shot(page, `${spec.name}-${role}-${size}`);
    return problems;
  }

  async function visitAll(role: Role, size: 'desktop' | 'phone', viewport: Viewport): Promise<string[]> {
    const page =
      role === 'signedOut' ? await (await browsing.browser.newContext({ viewport })).newPage() : await browsing.signIn(api.url, emailOf[role], viewport);
    const problems: string[] = [];
    try {
      for (const spec of pages.filter((p) => p.roles.includes(role))) problems.push(...(await check(page, spec, role, size)));
    } finally {
      await page.context().close();
    }
    return problems;
  }

  const roles: Role[] = ['signedOut', ...signedIn];
  for (const role of roles) {
    for (const [size, viewport] of [
      ['desktop', desktop],
      ['phone', phone],
    ] as const) {
      it(`${role} at ${size}: every page answers in Vietnamese, accessible, with nothing internal showing`, async () => {
        expect(await visitAll(role, size, viewport)).toEqual([]);
      }, 240_000);
    }
  }

  it('keeps the pages to their own content security policy', () => {
    expect(browsing.cspViolations).toEqual([]);
  });
});
