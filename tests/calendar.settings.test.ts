import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chiThiTetGiapThin2024, openPeriod, seedDemo } from '@dondoc/db';
import { createTestContext, type TestContext } from './support/context.ts';
import { databaseFingerprint, startApi, users, type TestApi } from './support/api.ts';
import { officeActor } from './support/commands.ts';
import { signIn, type WebClient } from './support/web.ts';

/**
 * A property over the whole app: whatever calendar setting the admin's PATCH
 * accepts, every page and the calendar API still answer 200 and a directive
 * with a working-day deadline can still be issued; whatever it refuses, it
 * refuses with a 400 and changes nothing.
 */
describe('calendar settings through the API', () => {
  let t: TestContext;
  let api: TestApi;
  let office: WebClient;
  let admin: string;
  let officeToken: string;
  let plan: string;
  let period: string;
  let n = 500;
  beforeAll(async () => {
    t = await createTestContext();
    await seedDemo(t.db);
    api = await startApi(t);
    office = await signIn(api, users.office);
    admin = await api.token(users.admin);
    officeToken = await api.token(users.office);
    plan = (await t.db.selectFrom('directives').select('id').where('number_symbol', '=', '146/KH-UBND').executeTakeFirstOrThrow()).id;
    const regime = await t.db.selectFrom('reporting_regimes').select('id').executeTakeFirstOrThrow();
    period = (
      await openPeriod(
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
      )
    ).periodId;
  });
  afterAll(async () => {
    await api?.close();
    await t?.close();
  });

  const time = fc.constantFrom('00:00', '06:59', '07:00', '07:30', '11:30', '12:00', '13:30', '17:00', '23:59', '24:00', '25:00', '7:30');
  const setting = fc.record(
    {
      weekend: fc.oneof(fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { maxLength: 6 }), fc.array(fc.integer({ min: -1, max: 8 }), { maxLength: 8 })),
      workingHours: fc.array(fc.tuple(time, time), { minLength: 0, maxLength: 3 }),
      extraHolidays: fc.array(
        fc.record({
          monthDay: fc.constantFrom('01-02', '11-24', '12-31', '02-28', '02-29', '02-30', '04-31', '13-01'),
          nameVi: fc.constant('Ngày lễ của tỉnh'),
          nameEn: fc.constant('Province day'),
        }),
        { maxLength: 3 },
      ),
    },
    { requiredKeys: [] },
  );

  it('leaves every page and the calendar API answering 200 when accepted, and changes nothing when refused', async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(setting, async (s) => {
        const before = await databaseFingerprint(t);
        const r = await api.call('PATCH', '/api/v1/calendar/settings', { token: admin, json: s });
        if (r.status !== 200) {
          expect(r.status, r.text).toBe(400);
          expect(r.body).toMatchObject({ code: 'VALIDATION' });
          expect(await databaseFingerprint(t)).toEqual(before);
          return;
        }
        accepted++;
        for (const year of [2024, 2026, 2027, 2100])
          expect((await api.call('GET', `/api/v1/calendar/${year}`, { token: officeToken })).status, `calendar ${year} after ${JSON.stringify(s)}`).toBe(200);
        for (const path of ['/matrix', '/laggards', '/directives', `/directives/${plan}`, '/units/so-ldtbxh/scorecard', `/periods/${period}`, '/inbox']) {
          expect((await office.get(path)).status, `${path} after ${JSON.stringify(s)}`).toBe(200);
        }
        expect((await api.call('GET', `/api/v1/periods/${period}/consolidated`, { token: officeToken })).status).toBe(200);
        const issued = await api.call('POST', '/api/v1/directives', {
          token: officeToken,
          json: {
            ...chiThiTetGiapThin2024,
            numberSymbol: `${n++}/CT-UBND`,
            issuedOn: '2026-11-20',
            campaign: undefined,
            tasks: [{ ...chiThiTetGiapThin2024.tasks[1]!, deadline: { kind: 'working_days', days: 5 } }],
          },
        });
        expect(issued.status, `issuing after ${JSON.stringify(s)}: ${issued.text.slice(0, 300)}`).toBe(201);
      }),
      { numRuns: 60, seed: 20261203 },
    );
    expect(accepted).toBeGreaterThan(5);
  }, 120_000);
});
