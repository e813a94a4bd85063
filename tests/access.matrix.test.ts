import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessTable, accessTableMarkdown, audiences, type Access, type Audience } from '@dondoc/api';
import { chiThiTetGiapThin2024, createToken, DEMO_PASSWORD, issueDirective, openPeriod, seedDemo } from '@dondoc/db';
import { createMailTransport, startMailCatcher, type MailCatcher } from '@dondoc/mail';
import { createTestContext, type TestContext } from './support/context.ts';
import { startApi, type TestApi } from './support/api.ts';
import { formBody } from './support/web.ts';
import { officeActor } from './support/commands.ts';

/**
 * Every route and page × every kind of user, generated from the access table
 * the README shows: who is allowed gets past authorisation (an answer that is
 * not 401, 403 or 404, nor the sign-in page), who is not is refused (401 or the
 * sign-in page when signed out, 403 or 404 otherwise), and nobody gets a 5xx.
 * On Kế hoạch 146/KH-UBND: monitored by Sở LĐ-TB&XH, naming the district of
 * Hòa An, not Sở TT&TT.
 */
const emailOf: Record<Exclude<Audience, 'anonymous'>, string> = {
  admin: 'quantri@hoa-an.example',
  office: 'vanphong@hoa-an.example',
  chairman: 'chutich@hoa-an.example',
  monitor: 'theodoi.congan@hoa-an.example',
  monitoring_head: 'so-ldtbxh.lanhdao@hoa-an.example',
  unit_head: 'tp-hoa-an.lanhdao@hoa-an.example',
  unit_officer: 'tp-hoa-an.daumoi@hoa-an.example',
  other_unit: 'so-tttt.daumoi@hoa-an.example',
};

describe('access: every route and page × every kind of user', () => {
  let t: TestContext;
  let api: TestApi;
  let catcher: MailCatcher;
  const tokens = new Map<Audience, string>();
  const cookies = new Map<Audience, { cookie: string; csrf: string }>();
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestContext();
    await seedDemo(t.db);
    catcher = await startMailCatcher();
    const transport = createMailTransport({ host: '127.0.0.1', port: catcher.port, secure: false });
    await transport.sendMail({ from: 'dondoc@hoa-an.example', to: 'vanphong@hoa-an.example', subject: 'Thư thử', text: 'Nội dung' });
    transport.close();
    api = await startApi(t, { mailbox: catcher });
    const plan = await t.db.selectFrom('directives').select('id').where('number_symbol', '=', '146/KH-UBND').executeTakeFirstOrThrow();
    ids.directive = plan.id;
    const unitId = async (code: string) => (await t.db.selectFrom('units').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
    const assignmentOf = async (code: string) =>
      (
        await t.db
          .selectFrom('assignments')
          .select('id')
          .where('directive_id', '=', plan.id)
          .where('unit_id', '=', await unitId(code))
          .orderBy('id')
          .executeTakeFirstOrThrow()
      ).id;
    ids.assignment = await assignmentOf('tp-hoa-an');
    ids.cancelled = await assignmentOf('tx-ben-may');
    const regime = await t.db.selectFrom('reporting_regimes').select('id').where('directive_id', '=', plan.id).executeTakeFirstOrThrow();
    ids.regime = regime.id;
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
      await t.db
        .selectFrom('unit_reports')
        .select('id')
        .where('period_id', '=', periodId)
        .where('unit_id', '=', await unitId('tp-hoa-an'))
        .executeTakeFirstOrThrow()
    ).id;
    ids.attachment = (
      await t.db
        .insertInto('report_attachments')
        .values({ unit_report_id: ids.report, filename: 'so-lieu.csv', content_type: 'text/csv', size: 3, data: Buffer.from('a,b') })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    ids.withdrawn = (await issueDirective(t.db, { ...chiThiTetGiapThin2024, numberSymbol: '77/CT-UBND' }, officeActor)).directiveId;
    const spare = await t.db.selectFrom('users').select('id').where('email', '=', 'so-gtvt.daumoi@hoa-an.example').executeTakeFirstOrThrow();
    ids.user = spare.id;
    ids.token = (await createToken(t.db, spare.id, 'to revoke')).id;

    for (const a of audiences) {
      if (a === 'anonymous') continue;
      const user = await t.db.selectFrom('users').select('id').where('email', '=', emailOf[a]).executeTakeFirstOrThrow();
      tokens.set(a, (await createToken(t.db, user.id, 'matrix')).token);
      cookies.set(a, await session(emailOf[a]));
    }
  });
  afterAll(async () => {
    await api?.close();
    await catcher?.close();
    await t?.close();
  });

  async function session(email: string) {
    const login = await fetch(`${api.url}/login`, {
      method: 'POST',
      redirect: 'manual',
      body: formBody({ email, password: DEMO_PASSWORD }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const inbox = await (await fetch(`${api.url}/inbox`, { headers: { cookie } })).text();
    return { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(inbox)![1]! };
  }

  /** A concrete request for each route: real ids, and a body that would pass its schema. */
  function requestFor(r: Access): { path: string; json?: unknown; form?: Record<string, string> } {
    const path = r.path
      .replace('/directives/:id/withdraw', `/directives/${ids.withdrawn}/withdraw`)
      .replace('/directives/:id/close', `/directives/${ids.withdrawn}/close`)
      .replace('/assignments/:id/cancel', `/assignments/${ids.cancelled}/cancel`)
      .replace('/directives/:id', `/directives/${ids.directive}`)
      .replace('/assignments/:id/:action', `/assignments/${ids.assignment}/acknowledge`)
      .replace('/assignments/:id', `/assignments/${ids.assignment}`)
      .replace('/regimes/:id', `/regimes/${ids.regime}`)
      .replace('/periods/:id/consolidated.:format', `/periods/${ids.period}/consolidated.csv`)
      .replace('/periods/:id', `/periods/${ids.period}`)
      .replace('/unit-reports/:id/attachments/:attachmentId', `/unit-reports/${ids.report}/attachments/${ids.attachment}`)
      .replace('/reports/:id/attachments/:attachmentId', `/reports/${ids.report}/attachments/${ids.attachment}`)
      .replace('/reports/:id/:action', `/reports/${ids.report}/return`)
      .replace(/\/(unit-)?reports\/:id/, (_m, u) => `/${u ?? ''}reports/${ids.report}`)
      .replace('/calendar/:year', '/calendar/2026')
      .replace('/calendar/overrides/:date', '/calendar/overrides/2031-05-05')
      .replace('/units/:code/scorecard', '/units/tp-hoa-an/scorecard')
      .replace('/units/:code', '/units/so-gtvt')
      .replace('/users/:id', `/users/${ids.user}`)
      .replace('/tokens/:id', `/tokens/${ids.token}`)
      .replace('/mail/:n', '/mail/1');
    const bodies: Record<string, unknown> = {
      'POST /api/v1/directives': { ...chiThiTetGiapThin2024, numberSymbol: '78/CT-UBND' },
      'POST /api/v1/directives/:id/regimes': { kind: 'quarterly', dueRule: { kind: 'working_days_after_end', days: 5 }, closeAfterWorkingDays: 5 },
      'POST /api/v1/directives/:id/withdraw': { reason: 'Ban hành nhầm' },
      'POST /api/v1/assignments/:id/submit-report': { text: 'Đã triển khai.' },
      'POST /api/v1/assignments/:id/request-extension': { dueDate: '2030-03-01', reason: 'Chờ số liệu' },
      'POST /api/v1/assignments/:id/return': { reason: 'Bổ sung số liệu' },
      'POST /api/v1/assignments/:id/deny-extension': { reason: 'Không đủ căn cứ' },
      'POST /api/v1/assignments/:id/cancel': { reason: 'Không còn phù hợp' },
      'POST /api/v1/regimes/:id/periods': { date: '2026-11-15' },
      'POST /api/v1/unit-reports/:id/submit': { text: 'Báo cáo tháng 10' },
      'POST /api/v1/unit-reports/:id/return': { reason: 'Bổ sung' },
      'POST /api/v1/calendar/overrides': { date: '2031-05-05', kind: 'day_off', reason: 'Thử nghiệm' },
      'PATCH /api/v1/calendar/settings': { weekend: [0, 6] },
      'POST /api/v1/units': { code: 'don-vi-thu', name: 'Đơn vị thử', kind: 'department' },
      'PATCH /api/v1/units/:code': { name: 'Sở Giao thông vận tải' },
      'POST /api/v1/users': { email: 'moi@hoa-an.example', name: 'Người mới', role: 'unit_officer', unit: 'so-gtvt' },
      'PATCH /api/v1/users/:id': { name: 'Cán bộ đầu mối Sở GTVT' },
    };
    const forms: Record<string, Record<string, string>> = {
      'POST /login': { email: emailOf.office, password: DEMO_PASSWORD },
      'POST /directives/new': {
        type: 'chi_thi',
        numberSymbol: '79/CT-UBND',
        issuedOn: '2026-11-02',
        signer: 'Trần Minh Quang',
        subject: 'Thử',
        monitoringUnit: 'cong-an-tinh',
        'tasks.0.title': 'Nhiệm vụ',
        'tasks.0.lead': 'unit:so-tttt',
        'tasks.0.deadline.kind': 'standing',
      },
      'POST /reports/:id/submit': { text: 'Báo cáo tháng 10' },
      'POST /reports/:id/:action': { reason: 'Bổ sung' },
    };
    const key = `${r.method} ${r.path}`;
    return {
      path,
      ...(bodies[key] !== undefined && { json: bodies[key] }),
      ...((forms[key] || (r.kind === 'page' && r.method === 'POST')) && { form: forms[key] ?? {} }),
    };
  }

  async function call(r: Access, who: Audience) {
    const req = requestFor(r);
    const headers: Record<string, string> = {};
    let body: string | undefined;
    if (r.kind === 'page') {
      const s = cookies.get(who);
      // Sign-out ends the session it is given: a session of its own.
      const own = r.path === '/logout' && who !== 'anonymous' ? await session(emailOf[who]) : s;
      if (own) headers.cookie = own.cookie;
      if (req.form) {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        body = formBody({ ...req.form, ...(own && r.path !== '/login' && { _csrf: own.csrf }) });
      }
    } else {
      if (who !== 'anonymous') headers.authorization = `Bearer ${tokens.get(who)}`;
      if (req.json !== undefined) {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(req.json);
      }
    }
    const res = await fetch(api.url + req.path, { method: r.method, headers, body, redirect: 'manual' });
    await res.arrayBuffer();
    return { status: res.status, location: res.headers.get('location') ?? '' };
  }

  const toSignIn = (a: { status: number; location: string }) => a.status === 302 && a.location.startsWith('/login');

  for (const r of accessTable) {
    it(`${r.method} ${r.path}`, async () => {
      const seen: string[] = [];
      for (const who of audiences) {
        const a = await call(r, who);
        seen.push(`${who} ${a.status}`);
        expect(a.status, `${who}: 5xx`).toBeLessThan(500);
        if (r.allowed.includes(who) && r.path === '/logout') {
          expect(a.status, `${who} signs out`).toBe(302); // to the sign-in page, which is what signing out does
        } else if (r.allowed.includes(who)) {
          expect([401, 403, 404].includes(a.status) || toSignIn(a), `${who} is allowed but got ${a.status} ${a.location} (${seen.join(', ')})`).toBe(false);
        } else if (who === 'anonymous') {
          expect(r.kind === 'page' ? toSignIn(a) || a.status === 403 : a.status === 401, `signed out: ${a.status} ${a.location}`).toBe(true);
        } else {
          expect(r.kind === 'ops' ? [401, 403, 404] : [403, 404], `${who} is not allowed but got ${a.status} ${a.location}`).toContain(a.status);
        }
      }
    });
  }

  it('covers every route the app serves', async () => {
    const served = api.app.dondocRoutes
      .filter((x) => !['HEAD', 'OPTIONS'].includes(x.method))
      .filter((x) => !x.url.startsWith('/api/docs/') && !x.url.startsWith('/admin/queues/') && x.url !== '/assets/dondoc.css')
      .map((x) => `${x.method} ${x.url}`);
    const listed = accessTable.map((x) => `${x.method} ${x.path}`);
    expect([...new Set(served)].filter((s) => !listed.includes(s)).sort()).toEqual([]);
    expect(listed.filter((l) => !served.includes(l)).sort()).toEqual([]);
  });

  it('is the table the README shows', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(accessTableMarkdown());
  });
});
