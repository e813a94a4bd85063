import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listDirectives } from '@dondoc/db';
import type { DirectiveInput } from '@dondoc/domain';
import { createTestContext, type TestContext } from './support/context.ts';
import { startApi, users, type TestApi } from './support/api.ts';
import { drive } from './support/commands.ts';

/**
 * The directive list's counts and search as the caller's scope shapes them: a
 * monitoring unit counts every assignment of what it monitors, every page counts
 * its directives as the whole list does, and the search reads the number and
 * symbol and the subject of ordinary directives only.
 */
describe('listing directives: scope, pages and search', () => {
  let t: TestContext;
  let api: TestApi;
  let office: string;
  let monitor: string;

  const task = (ordinal: number, date: string, addressees: DirectiveInput['tasks'][number]['addressees']) => ({
    ordinal,
    title: `Nhiệm vụ ${ordinal}`,
    body: '',
    request: false,
    deadline: { kind: 'date' as const, date },
    addressees,
    targets: [],
  });
  /** Monitored by Sở Giao thông vận tải, which holds none of its assignments. */
  const monitored: DirectiveInput = {
    type: 'ke_hoach',
    numberSymbol: '7/KH-UBND',
    issuerUnit: 'ubnd-tinh',
    signer: 'Trần Minh Quang, Chủ tịch UBND tỉnh',
    issuedOn: '2024-05-20',
    subject: 'Bảo đảm trật tự an toàn giao thông mùa mưa bão',
    body: '',
    classification: 'thuong',
    monitoringUnit: 'so-gtvt',
    tasks: [
      task(1, '2024-06-14', [
        { unit: 'so-ldtbxh', role: 'lead' },
        { unit: 'so-tttt', role: 'coordinate' },
      ]),
      task(2, '2024-09-30', [{ unit: 'so-tttt', role: 'lead' }]),
      task(3, '2024-06-03', [{ unit: 'so-ldtbxh', role: 'lead' }]),
    ],
  };
  const classified: DirectiveInput = {
    ...monitored,
    type: 'cong_van',
    numberSymbol: '8/CV-UBND',
    issuedOn: '2024-05-21',
    subject: 'Phương án bảo vệ mục tiêu trọng yếu',
    classification: 'mat',
    monitoringUnit: 'so-tttt',
    tasks: [task(1, '2024-07-01', [{ unit: 'so-ldtbxh', role: 'lead' }])],
  };

  beforeAll(async () => {
    t = await createTestContext();
    await t.seed(); // 25/CT-UBND
    api = await startApi(t);
    office = await api.token(users.office);
    monitor = await api.token(users.officer('so-gtvt'));
    for (const d of [monitored, classified]) expect((await api.call('POST', '/api/v1/directives', { token: office, json: d })).status).toBe(201);
    // At Sở LĐTBXH the plan's first task passes its deadline; its third passes
    // its own and is cancelled: finished, it is neither overdue nor due.
    const atLdtbxh = (ordinal: number) =>
      t.db
        .selectFrom('assignments as a')
        .innerJoin('directives as d', 'd.id', 'a.directive_id')
        .innerJoin('tasks as k', 'k.id', 'a.task_id')
        .innerJoin('units as u', 'u.id', 'a.unit_id')
        .select('a.id')
        .where('d.number_symbol', '=', monitored.numberSymbol)
        .where('u.code', '=', 'so-ldtbxh')
        .where('k.ordinal', '=', ordinal)
        .executeTakeFirstOrThrow();
    await drive(t.db, (await atLdtbxh(1)).id, { type: 'DEADLINE_PASSED', generation: 1 });
    const cancelled = (await atLdtbxh(3)).id;
    await drive(t.db, cancelled, { type: 'DEADLINE_PASSED', generation: 1 }, 'CANCEL');
    expect(await t.db.selectFrom('assignments').select(['state', 'overdue']).where('id', '=', cancelled).executeTakeFirst()).toEqual({
      state: 'cancelled',
      overdue: true,
    });
  });
  afterAll(async () => {
    await api?.close();
    await t?.close();
  });

  type Item = { numberSymbol: string; assignments: number; overdue: number; nextDueAt: string | null };
  const list = async (query: string, token = office) => {
    const r = await api.call('GET', `/api/v1/directives${query}`, { token });
    expect(r.status, r.text).toBe(200);
    return r.body as { total: number; items: Item[] };
  };
  const numbers = async (query: string, token = office) => (await list(query, token)).items.map((d) => d.numberSymbol);

  it('counts every assignment of a directive its unit monitors, and only its own of the others', async () => {
    const all = (await list('?pageSize=100')).items.find((d) => d.numberSymbol === monitored.numberSymbol);
    expect(all).toMatchObject({ assignments: 4, overdue: 1, nextDueAt: '2024-06-14T10:00:00.000Z' });
    const seen = (await list('?pageSize=100', monitor)).items;
    expect(seen.find((d) => d.numberSymbol === monitored.numberSymbol)).toEqual(all);
    // Sở GTVT monitors nothing else; what else it lists is what it was assigned, counted alone.
    const office25 = (await list('?unit=so-gtvt&pageSize=100')).items.map((d) => d.numberSymbol);
    expect(seen.map((d) => d.numberSymbol).sort()).toEqual([monitored.numberSymbol, ...office25.filter((n) => n !== monitored.numberSymbol)].sort());
    expect(await numbers('?overdue=true', monitor)).toEqual([monitored.numberSymbol]);
    expect(await numbers('?unit=so-ldtbxh', monitor)).toEqual([monitored.numberSymbol]);
  });

  it('counts the directives of every page as the whole list does', async () => {
    for (const token of [office, monitor, await api.token(users.officer('so-tttt'))]) {
      const whole = await list('?pageSize=100', token);
      expect(whole.total).toBe(whole.items.length);
      const paged: Item[] = [];
      for (let page = 1; page <= whole.total; page++) {
        const one = await list(`?pageSize=1&page=${page}`, token);
        expect(one.total).toBe(whole.total);
        paged.push(...one.items);
      }
      expect(paged).toEqual(whole.items);
    }
  });

  it('searches the number and symbol, and the subject of ordinary directives only', async () => {
    expect(await numbers('?q=kh-ubnd')).toEqual([monitored.numberSymbol]);
    expect(await numbers(`?q=${encodeURIComponent('an toàn giao thông')}`)).toEqual([monitored.numberSymbol]);
    expect(await numbers(`?q=${encodeURIComponent('mục tiêu trọng yếu')}`)).toEqual([]);
    expect(await numbers('?q=8%2FCV')).toEqual([classified.numberSymbol]);
    // The wildcards of LIKE are searched as themselves.
    expect(await numbers('?q=%25')).toEqual([]);
    expect(await numbers('?q=_%2F')).toEqual([]);
    expect((await list('?q=UBND&pageSize=1&page=2')).total).toBe(3);
  });

  it('lists every directive for the command line, newest first, with its counts', async () => {
    const rows = await listDirectives(t.db);
    expect(rows.map((d) => d.numberSymbol)).toEqual(['8/CV-UBND', '7/KH-UBND', '25/CT-UBND']);
    expect(rows[1]).toMatchObject({ assignments: 4 });
    expect(rows[0]).toMatchObject({ assignments: 1, overdue: 0 });
    expect((await listDirectives(t.db, { state: rows[0]!.state })).map((d) => d.numberSymbol)).toContain('8/CV-UBND');
    expect(await listDirectives(t.db, { state: 'withdrawn' })).toEqual([]);
  });
});
