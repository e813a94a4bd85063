import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { apply, createRegime, history, issueDirective, keHoach146, loadConsolidation, openPeriod } from '@dondoc/db';
import { consolidationCsv, consolidationXlsx } from '@dondoc/reports';
import { formatInstant } from '@dondoc/domain';
import { createTestContext, type TestContext } from './support/context.ts';
import { alwaysWorking, seconds, startFollowUp, type FollowUp } from './support/follow-up.ts';
import { officeActor } from './support/commands.ts';
import { databaseFingerprint, startApi, users, type TestApi } from './support/api.ts';

/**
 * Two monthly periods of Kế hoạch 146/KH-UBND with time scaled to seconds:
 * requests go out, units report, one late, one never; the missing unit is
 * reminded and escalated; the consolidation adds up as computed by hand.
 */
describe('periodic reports and their consolidation', () => {
  let t: TestContext;
  let f: FollowUp;
  let directiveId: string;
  let regimeId: string;
  const periods: string[] = [];
  const units = ['so-ldtbxh', 'tp-hoa-an', 'tx-ben-may', 'h-son-lam'] as const;
  type Values = Record<'cai-nghien' | 'cai-nghien-tap-trung' | 'cai-nghien-cong-dong' | 'dao-tao-nghe' | 'viec-lam', number>;
  const v = (tapTrung: number, congDong: number, daoTao: number, viecLam: number): Values => ({
    'cai-nghien': tapTrung + congDong,
    'cai-nghien-tap-trung': tapTrung,
    'cai-nghien-cong-dong': congDong,
    'dao-tao-nghe': daoTao,
    'viec-lam': viecLam,
  });

  beforeAll(async () => {
    t = await createTestContext();
    await t.seedUnits();
    await alwaysWorking(t);
    f = await startFollowUp(t);
    const issued = await issueDirective(
      t.db,
      {
        ...keHoach146,
        tasks: [keHoach146.tasks[0]!],
        reminderPolicy: { reminders: [{ hoursBefore: seconds(2) }] },
        escalationPolicy: { steps: [{ hoursAfter: seconds(1) }, { hoursAfter: seconds(2) }, { hoursAfter: seconds(3) }] },
      },
      officeActor,
    );
    directiveId = issued.directiveId;
    regimeId = (await createRegime(t.db, directiveId, { kind: 'monthly', dueRule: { kind: 'working_days_after_end', days: 5 }, closeAfterWorkingDays: 5 })).id;
  });
  afterAll(async () => {
    await f?.stop();
    await t?.close();
  });

  const reportOf = async (periodId: string, unit: string) =>
    await t.db
      .selectFrom('unit_reports as r')
      .innerJoin('units as u', 'u.id', 'r.unit_id')
      .select(['r.id', 'r.state', 'r.late'])
      .where('r.period_id', '=', periodId)
      .where('u.code', '=', unit)
      .executeTakeFirstOrThrow();
  const submit = async (periodId: string, unit: string, values: Values) =>
    apply(t.db, {
      subject: { type: 'unit_report', id: (await reportOf(periodId, unit)).id },
      event: { type: 'SUBMIT', at: new Date().toISOString(), text: `Báo cáo của ${unit}`, values },
      actor: { kind: 'system', label: `test:${unit}` },
    });
  const subjectsTo = (to: string, pattern: RegExp) => f.mails(to).filter((m) => pattern.test(m.parsed.subject ?? ''));
  const sleepUntil = (at: number) => new Promise((r) => setTimeout(r, Math.max(0, at - Date.now())));

  it('period 1: two on time, one late, one missing — reminded, escalated, consolidated and mailed', async () => {
    const t0 = Date.now();
    const opened = await openPeriod(
      t.db,
      { regimeId, key: '2026-05', startsOn: '2026-05-01', endsOn: '2026-05-31', dueAt: new Date(t0 + 5000), closesAt: new Date(t0 + 10_000) },
      officeActor,
    );
    periods.push(opened.periodId);
    const p1 = opened.periodId;

    // Every unit is asked, with the targets to report on.
    for (const u of units)
      await expect.poll(() => subjectsTo(users.officer(u), /Yêu cầu báo cáo – 146\/KH-UBND – Kỳ báo cáo tháng 05\/2026/).length, { timeout: 5000 }).toBe(1);
    const request = subjectsTo(users.officer('tp-hoa-an'), /Yêu cầu báo cáo/)[0]!.parsed.text!;
    expect(request).toContain('Cai nghiện tập trung: 750 lượt người');
    expect(request).toContain('Giải quyết việc làm cho người sau cai nghiện: 420 người');
    // The new-task mail said each unit's part (lead or coordinating), the deadline and what the task is to reach.
    const assigned = (u: string) => subjectsTo(users.officer(u), /Giao nhiệm vụ/)[0]?.parsed.text ?? '';
    await expect.poll(() => assigned('tp-hoa-an'), { timeout: 5000 }).toContain('- Cai nghiện tập trung: 750 lượt người');
    expect(assigned('so-ldtbxh')).toContain('được giao chủ trì thực hiện nhiệm vụ này.');
    expect(assigned('tp-hoa-an')).toContain('được giao phối hợp thực hiện nhiệm vụ này.');
    const [due] = await t.db
      .selectFrom('assignments as a')
      .innerJoin('units as u', 'u.id', 'a.unit_id')
      .select('a.due_at')
      .where('a.directive_id', '=', directiveId)
      .where('u.code', '=', 'tp-hoa-an')
      .execute();
    expect(assigned('tp-hoa-an')).toContain(`Thời hạn hoàn thành: ${formatInstant(due!.due_at!)}.`);
    expect(assigned('tp-hoa-an')).toContain('- Đào tạo nghề cho người nghiện ma túy: 360 người');

    await submit(p1, 'so-ldtbxh', v(60, 10, 25, 30));
    await submit(p1, 'tp-hoa-an', v(40, 12, 15, 20));
    await sleepUntil(t0 + 6500);
    await submit(p1, 'tx-ben-may', v(20, 5, 8, 10)); // after the due time
    expect(await reportOf(p1, 'tx-ben-may')).toMatchObject({ state: 'submitted', late: true });

    // h-son-lam never reports: reminded before the due time, told it is late, then the ladder, then missing.
    await expect.poll(async () => (await reportOf(p1, 'h-son-lam')).state, { timeout: 12_000 }).toBe('missing');
    expect(subjectsTo(users.officer('h-son-lam'), /Nhắc gửi báo cáo/)).toHaveLength(1);
    expect(subjectsTo(users.officer('h-son-lam'), /Chậm báo cáo/)).toHaveLength(1);
    expect(subjectsTo(users.head('h-son-lam'), /Báo cáo Thủ trưởng về việc chậm báo cáo/)).toHaveLength(1);
    expect(subjectsTo(users.head('so-ldtbxh'), /Đơn vị chậm báo cáo/)).toHaveLength(1);
    expect(subjectsTo(users.head('h-son-lam'), /Chậm báo cáo, báo cáo Chủ tịch/)).toHaveLength(1);
    await expect.poll(() => subjectsTo(users.head('h-son-lam'), /Không báo cáo/).length, { timeout: 5000 }).toBe(1);
    const trail = (await history(t.db, { type: 'unit_report', id: (await reportOf(p1, 'h-son-lam')).id })).map((e) => e.type);
    expect(trail).toEqual(['OPEN', 'REMIND', 'DUE_PASSED', 'ESCALATE', 'ESCALATE', 'ESCALATE', 'CLOSE']);
    // Units that reported were not reminded.
    expect(subjectsTo(users.officer('so-ldtbxh'), /Nhắc gửi báo cáo/)).toEqual([]);

    const c = await loadConsolidation(t.db, p1);
    expect(c.counts).toEqual({ units: 4, onTime: 2, late: 1, missing: 1, pending: 0 });
    expect(c.units.map((u) => [u.unitCode, u.status])).toEqual([
      ['h-son-lam', 'missing'],
      ['tx-ben-may', 'late'],
      ['so-ldtbxh', 'on_time'],
      ['tp-hoa-an', 'on_time'],
    ]);
    // By hand: 60+40+20 = 120 of 750 (16%); 10+12+5 = 27 of 150 (18%); 147 of 900 (16.3%); 25+15+8 = 48 of 360 (13.3%); 30+20+10 = 60 of 420 (14.3%).
    expect(c.targets.map((x) => [x.code, x.periodValue, x.cumulative, x.percentAchieved, x.previousPeriodValue, x.change])).toEqual([
      ['cai-nghien', 147, 147, 16.3, null, null],
      ['cai-nghien-cong-dong', 27, 27, 18, null, null],
      ['cai-nghien-tap-trung', 120, 120, 16, null, null],
      ['dao-tao-nghe', 48, 48, 13.3, null, null],
      ['viec-lam', 60, 60, 14.3, null, null],
    ]);

    // The monitoring unit gets the consolidation with the XLSX and CSV; the Chairman a summary.
    await expect
      .poll(() => subjectsTo(users.head('so-ldtbxh'), /Báo cáo tổng hợp – 146\/KH-UBND – Kỳ báo cáo tháng 05\/2026/).length, { timeout: 5000 })
      .toBe(1);
    const mail = subjectsTo(users.head('so-ldtbxh'), /Báo cáo tổng hợp/)[0]!.parsed;
    expect(mail.attachments.map((a) => a.filename)).toEqual(['tong-hop-146-KH-UBND-2026-05.xlsx', 'tong-hop-146-KH-UBND-2026-05.csv']);
    await expect.poll(() => subjectsTo(users.chairman, /Tóm tắt báo cáo tổng hợp/).length, { timeout: 5000 }).toBe(1);
    expect(subjectsTo(users.chairman, /Tóm tắt/)[0]!.parsed.text).toContain('Đúng hạn 2, chậm 1, không báo cáo 1 trên 4 đơn vị.');
  });

  it('period 2: everyone on time closes the period early, with the change from period 1', async () => {
    const t1 = Date.now();
    const opened = await openPeriod(
      t.db,
      { regimeId, key: '2026-06', startsOn: '2026-06-01', endsOn: '2026-06-30', dueAt: new Date(t1 + 4000), closesAt: new Date(t1 + 8000) },
      officeActor,
    );
    periods.push(opened.periodId);
    const p2 = opened.periodId;
    await submit(p2, 'so-ldtbxh', v(65, 15, 30, 35));
    await submit(p2, 'tp-hoa-an', v(45, 10, 20, 25));
    await submit(p2, 'tx-ben-may', v(25, 5, 10, 12));
    await submit(p2, 'h-son-lam', v(18, 6, 6, 8));
    const period = await t.db.selectFrom('report_periods').select('state').where('id', '=', p2).executeTakeFirstOrThrow();
    expect(period.state).toBe('closed'); // all in: closed at once

    const c = await loadConsolidation(t.db, p2);
    expect(c.counts).toEqual({ units: 4, onTime: 4, late: 0, missing: 0, pending: 0 });
    // By hand: 65+45+25+18 = 153 (was 120: +33), running 273 of 750 = 36.4%; 15+10+5+6 = 36 (+9), 63 of 150 = 42%;
    // 189 (+42), 336 of 900 = 37.3%; 30+20+10+6 = 66 (+18), 114 of 360 = 31.7%; 35+25+12+8 = 80 (+20), 140 of 420 = 33.3%.
    expect(c.targets.map((x) => [x.code, x.periodValue, x.cumulative, x.percentAchieved, x.previousPeriodValue, x.change])).toEqual([
      ['cai-nghien', 189, 336, 37.3, 147, 42],
      ['cai-nghien-cong-dong', 36, 63, 42, 27, 9],
      ['cai-nghien-tap-trung', 153, 273, 36.4, 120, 33],
      ['dao-tao-nghe', 66, 114, 31.7, 48, 18],
      ['viec-lam', 80, 140, 33.3, 60, 20],
    ]);
    await expect
      .poll(() => subjectsTo(users.head('so-ldtbxh'), /Kỳ báo cáo tháng 06\/2026/).filter((m) => /tổng hợp/.test(m.parsed.subject!)).length, { timeout: 5000 })
      .toBe(1);
    await sleepUntil(t1 + 5000);
    expect(subjectsTo(users.officer('h-son-lam'), /Chậm báo cáo.*tháng 06\/2026/)).toEqual([]); // nobody late
  });

  it('exports an XLSX that reads back cell by cell, and a CSV Excel opens in Vietnamese', async () => {
    const c = await loadConsolidation(t.db, periods[0]!);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await consolidationXlsx(c)) as never);
    const sheet = wb.getWorksheet('Chỉ tiêu')!;
    expect(sheet.getCell('A1').value).toBe('Báo cáo tổng hợp 146/KH-UBND, kỳ 2026-05 (2026-05-01 – 2026-05-31)');
    expect(sheet.getRow(2).values).toEqual([
      undefined,
      'Mã chỉ tiêu',
      'Chỉ tiêu',
      'Đơn vị tính',
      'Chỉ tiêu giao',
      'Kỳ này',
      'Lũy kế',
      'Tỷ lệ đạt (%)',
      'Kỳ trước',
      'Tăng/giảm',
      'Số đơn vị báo cáo',
    ]);
    expect(sheet.getRow(5).values).toEqual([undefined, 'cai-nghien-tap-trung', 'Cai nghiện tập trung', 'lượt người', 750, 120, 120, 16, '', '', 3]);
    const unitsSheet = wb.getWorksheet('Đơn vị')!;
    expect(unitsSheet.getCell('A3').value).toBe('UBND huyện Sơn Lâm');
    expect(unitsSheet.getCell('B3').value).toBe('Không báo cáo');

    const csv = consolidationCsv(c);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(csv.subarray(3));
    expect(text).toContain('UBND thị xã Bến Mây,Chậm,');
    expect(text).toContain('cai-nghien-cong-dong,"Cai nghiện tại gia đình, cộng đồng",lượt người,150,27,27,18,,,3');
  });

  describe('over the API', () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await startApi(t);
    });
    afterAll(() => api?.close());

    it('refuses bad submissions field by field and changes nothing', async () => {
      const t2 = Date.now();
      const { periodId } = await openPeriod(
        t.db,
        { regimeId, key: '2026-07', startsOn: '2026-07-01', endsOn: '2026-07-31', dueAt: new Date(t2 + 60_000), closesAt: new Date(t2 + 120_000) },
        officeActor,
      );
      const mine = (await reportOf(periodId, 'tp-hoa-an')).id;
      const theirs = (await reportOf(periodId, 'tx-ben-may')).id;
      const closed = (await reportOf(periods[0]!, 'h-son-lam')).id;
      const officer = await api.token(users.officer('tp-hoa-an'));
      const lateOfficer = await api.token(users.officer('h-son-lam'));
      const cases: [string, string, string, unknown, number, string, string | null][] = [
        ['a negative count', officer, mine, { text: 'x', values: { 'dao-tao-nghe': -3 } }, 400, 'VALIDATION', 'values.dao-tao-nghe'],
        ['text in a number field', officer, mine, { text: 'x', values: { 'viec-lam': 'mười' } }, 400, 'VALIDATION', 'values.viec-lam'],
        ['a target the directive lacks', officer, mine, { text: 'x', values: { 'so-vu-an': 2 } }, 400, 'VALIDATION', 'values.so-vu-an'],
        ['no text', officer, mine, { values: {} }, 400, 'VALIDATION', 'text'],
        // Unit isolation, as for assignments: another unit's report is not there for it.
        ['another unit’s report', officer, theirs, { text: 'x', values: {} }, 404, 'NOT_FOUND', null],
        ['a closed period', lateOfficer, closed, { text: 'Gửi muộn', values: {} }, 409, 'PERIOD_CLOSED', 'periodId'],
        [
          'an oversized attachment',
          officer,
          mine,
          {
            text: 'x',
            attachments: [{ filename: 'bang.xlsx', contentType: 'application/octet-stream', dataBase64: Buffer.alloc(2 * 1024 * 1024 + 1).toString('base64') }],
          },
          400,
          'VALIDATION',
          'attachments.0',
        ],
      ];
      for (const [name, token, id, json, status, code, field] of cases) {
        const before = await databaseFingerprint(t, { except: ['notifications'] });
        const r = await api.call('POST', `/api/v1/unit-reports/${id}/submit`, { token, json });
        expect(r.status, `${name}: ${r.text.slice(0, 300)}`).toBe(status);
        expect(r.body, name).toMatchObject({ code, field });
        expect(await databaseFingerprint(t, { except: ['notifications'] }), name).toEqual(before);
      }
      const ok = await api.call('POST', `/api/v1/unit-reports/${mine}/submit`, {
        token: officer,
        json: {
          text: 'Báo cáo tháng 7',
          values: v(30, 8, 12, 15),
          attachments: [{ filename: 'bảng số liệu.csv', contentType: 'text/csv', dataBase64: Buffer.from('xã,số\nHòa Bình,3').toString('base64') }],
        },
      });
      expect(ok.status, ok.text).toBe(200);
      expect(ok.body).toMatchObject({ state: 'submitted', attachments: 1 });
    });

    it('serves the consolidation as JSON, CSV and XLSX to the monitoring unit, and records its approval in the directive’s trail', async () => {
      const head = await api.token(users.head('so-ldtbxh'));
      const json = await api.call('GET', `/api/v1/periods/${periods[1]}/consolidated`, { token: head });
      expect(json.body.targets[0]).toMatchObject({ code: 'cai-nghien', periodValue: 189, change: 42 });
      const csv = await api.call('GET', `/api/v1/periods/${periods[1]}/consolidated?format=csv`, { token: head });
      expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const xlsx = await fetch(`${api.url}/api/v1/periods/${periods[1]}/consolidated?format=xlsx`, { headers: { authorization: `Bearer ${head}` } });
      expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect((await xlsx.arrayBuffer()).byteLength).toBeGreaterThan(1000);
      expect((await api.call('GET', `/api/v1/periods/${periods[1]}/consolidated`, { token: await api.token(users.officer('tp-hoa-an')) })).status).toBe(403);

      expect((await api.call('POST', `/api/v1/periods/${periods[1]}/approve`, { token: await api.token(users.officer('tp-hoa-an')) })).status).toBe(403);
      const approved = await api.call('POST', `/api/v1/periods/${periods[1]}/approve`, { token: head, json: { comment: 'Đồng ý' } });
      expect(approved.status, approved.text).toBe(200);
      const trail = await api.call('GET', `/api/v1/directives/${directiveId}/history`, { token: await api.token(users.office) });
      expect(trail.body.at(-1)).toMatchObject({ type: 'CONSOLIDATION_APPROVED', payload: { period: '2026-06', comment: 'Đồng ý', counts: { onTime: 4 } } });
      expect((await api.call('POST', `/api/v1/periods/${periods[1]}/approve`, { token: head })).status).toBe(400); // once
    });
  });
});
