import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegime, openPeriod, seedDemo } from '@dondoc/db';
import { queueNames } from '@dondoc/queue';
import { createTestContext, type TestContext } from './support/context.ts';
import { startApi, testMetricsToken, users, type TestApi } from './support/api.ts';
import { officeActor } from './support/commands.ts';
import { startFollowUp, type FollowUp } from './support/follow-up.ts';
import { signIn } from './support/web.ts';

/**
 * One classified ("Mật") directive followed through every channel: the API,
 * the pages, the mail, the consolidation's exports, the logs, the metrics and
 * the job data bull-board shows. Each protected text carries a marker; each
 * viewer must find exactly the markers it is entitled to: everything for the
 * Office and the Chairman; the subject, body and campaign and its own task for
 * the head of an assigned unit; its own task's title and target for its officer; nothing for monitors, the monitoring unit,
 * admins or anyone else; nothing in mail, logs, metrics or job data.
 */
const markers = {
  subject: 'HacTrangChuDe',
  body: 'HacTrangNoiDung',
  campaign: 'HacTrangDot',
  task1: 'HacTrangNhiemVu1',
  task2: 'HacTrangNhiemVu2',
  target1: 'HacTrangChiTieu1',
  target2: 'HacTrangChiTieu2',
};
const all = Object.values(markers);
const found = (text: string) => all.filter((m) => text.includes(m));

describe('a classified directive', () => {
  let t: TestContext;
  let api: TestApi;
  let follow: FollowUp;
  const logs: string[] = [];
  let directiveId: string;
  let periodId: string;
  const ids: { assignments: string[]; reports: string[] } = { assignments: [], reports: [] };

  beforeAll(async () => {
    t = await createTestContext();
    await seedDemo(t.db, { directive: false, plan: false });
    // Everything the API and the workers log, at every level.
    t.logger = pino(
      { level: 'trace' },
      new Writable({
        write: (chunk, _enc, done) => {
          logs.push(String(chunk));
          done();
        },
      }),
    ) as unknown as TestContext['logger'];
    follow = await startFollowUp(t);
    api = await startApi(t, { mailbox: follow.catcher });
    const office = await api.token(users.office);
    const issued = await api.call('POST', '/api/v1/directives', {
      token: office,
      json: {
        type: 'chi_thi',
        numberSymbol: '09/CT-UBND',
        issuerUnit: 'ubnd-tinh',
        signer: 'Trần Minh Quang',
        issuedOn: '2026-11-02',
        subject: `Về chuyên án ${markers.subject}`,
        body: `Nội dung ${markers.body}`,
        classification: 'mat',
        campaign: { label: `Đợt ${markers.campaign}`, startsOn: '2026-11-02', endsOn: '2027-02-28' },
        monitoringUnit: 'cong-an-tinh',
        tasks: [
          {
            ordinal: 1,
            title: `Nhiệm vụ ${markers.task1}`,
            deadline: { kind: 'date', date: '2027-03-31' },
            addressees: [{ unit: 'so-tttt', role: 'lead' }],
            targets: [{ code: 'ct-mot', name: `Chỉ tiêu ${markers.target1}`, unitOfMeasure: 'vụ', targetValue: 10 }],
          },
          {
            ordinal: 2,
            title: `Nhiệm vụ ${markers.task2}`,
            deadline: { kind: 'date', date: '2027-03-31' },
            addressees: [{ unit: 'so-gtvt', role: 'lead' }],
            targets: [{ code: 'ct-hai', name: `Chỉ tiêu ${markers.target2}`, unitOfMeasure: 'vụ', targetValue: 5 }],
          },
        ],
      },
    });
    expect(issued.status, issued.text).toBe(201);
    directiveId = issued.body.id;
    const regime = await createRegime(t.db, directiveId, { kind: 'monthly', dueRule: { kind: 'working_days_after_end', days: 5 }, closeAfterWorkingDays: 5 });
    periodId = (
      await openPeriod(
        t.db,
        {
          regimeId: regime.id,
          key: '2026-11',
          startsOn: '2026-11-01',
          endsOn: '2026-11-30',
          dueAt: new Date(Date.now() + 86_400_000),
          closesAt: new Date(Date.now() + 2 * 86_400_000),
        },
        officeActor,
      )
    ).periodId;
    ids.assignments = (await t.db.selectFrom('assignments').select('id').where('directive_id', '=', directiveId).execute()).map((a) => a.id);
    ids.reports = (await t.db.selectFrom('unit_reports').select('id').where('period_id', '=', periodId).execute()).map((r) => r.id);
    // Some work, so that mail, timers and events of every kind exist.
    const officer = await api.token(users.officer('so-tttt'));
    const mine = (await api.call('GET', `/api/v1/directives/${directiveId}`, { token: officer })).body.tasks[0].assignments[0].id;
    for (const c of ['acknowledge', 'start']) expect((await api.call('POST', `/api/v1/assignments/${mine}/${c}`, { token: officer })).status).toBe(200);
    expect(
      (await api.call('POST', `/api/v1/assignments/${mine}/submit-report`, { token: officer, json: { text: 'Đã triển khai.', values: { 'ct-mot': 3 } } }))
        .status,
    ).toBe(200);
    const myReport = (await api.call('GET', `/api/v1/periods/${periodId}`, { token: officer })).body.reports[0].id;
    expect(
      (await api.call('POST', `/api/v1/unit-reports/${myReport}/submit`, { token: officer, json: { text: 'Báo cáo tháng 11', values: { 'ct-mot': 2 } } }))
        .status,
    ).toBe(200);
    // Every mail the engine wrote has gone out.
    for (let i = 0; ; i++) {
      const unsent = await t.db.selectFrom('notifications').select('status').where('status', 'not in', ['sent', 'held']).execute();
      if (unsent.length === 0) break;
      if (i > 200) throw new Error(`${unsent.length} mails not sent`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 90_000);
  afterAll(async () => {
    await api?.close();
    await follow?.stop();
    await t?.close();
  });

  /** Everything one viewer can read of it, over the API (JSON, CSV, HTML and XLSX cells) and the pages. */
  async function everythingSeenBy(email: string): Promise<string> {
    const token = await api.token(email);
    const get = async (path: string) => {
      const r = await api.call('GET', path, { token });
      return `${path} ${r.status} ${r.text}\n`;
    };
    let seen = '';
    for (const path of [
      '/api/v1/directives',
      `/api/v1/directives/${directiveId}`,
      `/api/v1/directives/${directiveId}/history`,
      `/api/v1/directives/${directiveId}/timers`,
      `/api/v1/directives/${directiveId}/periods`,
      `/api/v1/periods/${periodId}`,
      ...['json', 'csv', 'html'].map((f) => `/api/v1/periods/${periodId}/consolidated?format=${f}`),
      ...ids.assignments.flatMap((a) => [`/api/v1/assignments/${a}`, `/api/v1/assignments/${a}/history`, `/api/v1/assignments/${a}/timers`]),
    ])
      seen += await get(path);
    const xlsx = await fetch(`${api.url}/api/v1/periods/${periodId}/consolidated?format=xlsx`, { headers: { authorization: `Bearer ${token}` } });
    if (xlsx.ok) seen += await xlsxText(Buffer.from(await xlsx.arrayBuffer()));
    const web = await signIn(api, email);
    for (const path of [
      '/directives',
      `/directives/${directiveId}`,
      '/inbox',
      '/matrix',
      '/laggards',
      `/periods/${periodId}`,
      ...ids.assignments.map((a) => `/assignments/${a}`),
      ...ids.reports.map((r) => `/reports/${r}`),
    ]) {
      const r = await web.get(path);
      seen += `${path} ${r.status} ${r.text}\n`;
    }
    const csv = await web.get(`/periods/${periodId}/consolidated.csv`);
    seen += csv.text;
    const sheet = await fetch(`${api.url}/periods/${periodId}/consolidated.xlsx`, { headers: { cookie: web.cookie } });
    if (sheet.ok) seen += await xlsxText(Buffer.from(await sheet.arrayBuffer()));
    return seen;
  }

  async function xlsxText(buf: Buffer): Promise<string> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    let out = '';
    wb.eachSheet((ws) => ws.eachRow((row) => (out += `${JSON.stringify(row.values)}\n`)));
    return out;
  }

  const entitled: [string, string, string[]][] = [
    ['the Office', users.office, all],
    ['the Chairman', users.chairman, all],
    // Entitled to the content, but unit isolation still keeps another unit's task from it.
    [
      'the head of an assigned unit (the content, and its own task)',
      users.head('so-tttt'),
      [markers.subject, markers.body, markers.campaign, markers.task1, markers.target1],
    ],
    ['the focal officer of an assigned unit (its own task only)', users.officer('so-tttt'), [markers.task1, markers.target1]],
    ['the focal officer of the other assigned unit (its own task only)', users.officer('so-gtvt'), [markers.task2, markers.target2]],
    ['a monitor', users.monitor, []],
    ['the head of the monitoring unit', users.head('cong-an-tinh'), []],
    ['the focal officer of the monitoring unit', users.officer('cong-an-tinh'), []],
    ['an admin', users.admin, []],
    ['a unit it does not name', users.officer('so-tu-phap'), []],
  ];
  it.each(entitled)('shows %s exactly what they are entitled to', async (_who, email, may) => {
    const seen = await everythingSeenBy(email);
    expect(found(seen).sort()).toEqual([...may].sort());
  });

  it('keeps every protected text out of every mail, the logs, the metrics and the job data', async () => {
    const mails = follow.catcher.messages;
    expect(mails.length).toBeGreaterThan(3);
    for (const m of mails) {
      const whole = `${m.parsed.subject} ${m.parsed.text} ${m.parsed.html} ${(m.parsed.attachments ?? []).map((a) => a.content.toString('utf8')).join(' ')}`;
      expect(found(whole), `${m.envelopeTo.join(',')}: ${m.parsed.subject}`).toEqual([]);
    }
    expect(found(logs.join('')), 'logs').toEqual([]);
    expect(logs.length).toBeGreaterThan(10);
    const metrics = await api.call('GET', '/metrics', { headers: { authorization: `Bearer ${testMetricsToken}` } });
    expect(metrics.status).toBe(200);
    expect(found(metrics.text)).toEqual([]);
    let jobs = '';
    for (const q of queueNames)
      for (const j of await t.queues[q].getJobs(['wait', 'delayed', 'active', 'completed', 'failed']))
        jobs += JSON.stringify({ data: j.data, result: j.returnvalue });
    expect(jobs.length).toBeGreaterThan(100);
    expect(found(jobs)).toEqual([]);
    const board = await api.call('GET', '/admin/queues/api/queues?activeQueue=mail&status=completed&page=1', { token: await api.token(users.admin) });
    expect(board.status).toBe(200);
    expect(found(board.text)).toEqual([]);
  });
});
