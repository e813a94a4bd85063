import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apply } from '@dondoc/db';
import type { DirectiveInput } from '@dondoc/domain';
import { createTestContext, type TestContext } from './support/context.ts';
import { startApi, users, type TestApi } from './support/api.ts';

/** The directive list: each filter, pagination, and counts over what the caller may see. */
describe('listing directives', () => {
  let t: TestContext;
  let api: TestApi;
  let office: string;

  const plan: DirectiveInput = {
    type: 'ke_hoach',
    numberSymbol: '146/KH-UBND',
    issuerUnit: 'ubnd-tinh',
    signer: 'Trần Minh Quang, Chủ tịch UBND tỉnh',
    issuedOn: '2024-05-20',
    subject: 'Thực hiện công tác cai nghiện ma túy và quản lý sau cai nghiện năm 2024',
    body: '',
    classification: 'thuong',
    monitoringUnit: 'so-ldtbxh',
    tasks: [
      {
        ordinal: 1,
        title: 'Tổ chức cai nghiện ma túy',
        body: '',
        request: false,
        deadline: { kind: 'date', date: '2024-12-15' },
        addressees: [
          { unit: 'so-ldtbxh', role: 'lead' },
          { group: 'ubnd-cap-huyen', role: 'coordinate' },
        ],
        targets: [{ code: 'cai-nghien', name: 'Cai nghiện ma túy', unitOfMeasure: 'lượt người', targetValue: 900 }],
      },
    ],
  };
  const partyLetter: DirectiveInput = {
    type: 'cong_van',
    numberSymbol: '792-CV/TU',
    issuerUnit: 'tinh-uy',
    signer: 'Chu Văn Thịnh, Phó Bí thư Thường trực',
    issuedOn: '2024-01-08',
    subject: 'Về tăng cường lãnh đạo bảo đảm an ninh, trật tự dịp Tết',
    body: '',
    classification: 'thuong',
    monitoringUnit: 'cong-an-tinh',
    tasks: [
      {
        ordinal: 1,
        title: 'Báo cáo kết quả',
        body: '',
        request: false,
        deadline: { kind: 'standing' },
        addressees: [{ unit: 'cong-an-tinh', role: 'lead' }],
        targets: [],
      },
    ],
  };

  beforeAll(async () => {
    t = await createTestContext();
    const { directiveId } = await t.seed(); // 25/CT-UBND, deadlines in Feb 2024
    api = await startApi(t);
    office = await api.token(users.office);
    for (const d of [plan, partyLetter]) expect((await api.call('POST', '/api/v1/directives', { token: office, json: d })).status).toBe(201);
    // One of the Chỉ thị's assignments (so-tttt, task 6) passes its deadline.
    const a = await t.db
      .selectFrom('assignments as a')
      .innerJoin('tasks as k', 'k.id', 'a.task_id')
      .innerJoin('units as u', 'u.id', 'a.unit_id')
      .select('a.id')
      .where('a.directive_id', '=', directiveId)
      .where('u.code', '=', 'so-tttt')
      .where('k.ordinal', '=', 6)
      .executeTakeFirstOrThrow();
    await apply(t.db, {
      subject: { type: 'assignment', id: a.id },
      event: { type: 'DEADLINE_PASSED', generation: 1 },
      actor: { kind: 'system', label: 'timer' },
    });
  });
  afterAll(async () => {
    await api?.close();
    await t?.close();
  });

  const numbers = async (query: string, token = office) => {
    const r = await api.call('GET', `/api/v1/directives${query}`, { token });
    expect(r.status, r.text).toBe(200);
    return r.body.items.map((d: { numberSymbol: string }) => d.numberSymbol);
  };

  it('lists newest first, filtered by type, issuer and state', async () => {
    expect(await numbers('')).toEqual(['146/KH-UBND', '792-CV/TU', '25/CT-UBND']);
    expect(await numbers('?type=ke_hoach')).toEqual(['146/KH-UBND']);
    expect(await numbers('?issuer=tinh-uy')).toEqual(['792-CV/TU']);
    expect(await numbers('?state=issued')).toHaveLength(3);
    expect(await numbers('?state=reviewed')).toEqual([]);
  });

  it('filters by the units named, by what falls due before a date, and by overdue', async () => {
    expect(await numbers('?unit=so-tttt')).toEqual(['25/CT-UBND']);
    expect(await numbers('?unit=tp-hoa-an')).toEqual(['146/KH-UBND', '25/CT-UBND']);
    expect(await numbers('?dueBefore=2024-03-01')).toEqual(['25/CT-UBND']);
    expect(await numbers('?dueBefore=2025-01-01')).toEqual(['146/KH-UBND', '25/CT-UBND']); // standing tasks fall due never
    expect(await numbers('?overdue=true')).toEqual(['25/CT-UBND']);
    expect(await numbers('?overdue=false')).toEqual(['146/KH-UBND', '792-CV/TU']);
    expect(await numbers('?overdue=true&type=ke_hoach')).toEqual([]);
  });

  it('pages', async () => {
    const r = await api.call('GET', '/api/v1/directives?pageSize=1&page=2', { token: office });
    expect(r.body).toMatchObject({ page: 2, pageSize: 1, total: 3 });
    expect(r.body.items.map((d: { numberSymbol: string }) => d.numberSymbol)).toEqual(['792-CV/TU']);
    expect((await api.call('GET', '/api/v1/directives?pageSize=1&page=4', { token: office })).body.items).toEqual([]);
  });

  it('counts only what the caller may see', async () => {
    const all = (await api.call('GET', '/api/v1/directives?unit=so-tttt', { token: office })).body.items[0];
    expect(all).toMatchObject({ assignments: 35, overdue: 1 });
    const officer = await api.token(users.officer('so-tttt'));
    const mine = (await api.call('GET', '/api/v1/directives', { token: officer })).body.items;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ numberSymbol: '25/CT-UBND', assignments: 2, overdue: 1, nextDueAt: '2024-02-02T10:00:00.000Z' });
    // The district sees the plan it coordinates and the Chỉ thị, not the Party letter.
    expect(await numbers('', await api.token(users.officer('tp-hoa-an')))).toEqual(['146/KH-UBND', '25/CT-UBND']);
  });
});
