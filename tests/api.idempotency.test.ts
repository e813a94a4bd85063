import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chiThiTetGiapThin2024 } from '@dondoc/db';
import { createTestContext, type TestContext } from './support/context.ts';
import { databaseFingerprint, startApi, users, type TestApi } from './support/api.ts';

describe('Idempotency-Key', () => {
  let t: TestContext;
  let api: TestApi;
  let office: string;

  beforeAll(async () => {
    t = await createTestContext();
    await t.seedUnits();
    api = await startApi(t);
    office = await api.token(users.office);
  });
  afterAll(async () => {
    await api?.close();
    await t?.close();
  });

  const count = async (table: 'directives' | 'events') =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('applies a POST sent twice with one key once, and answers the same both times', async () => {
    const send = () => api.call('POST', '/api/v1/directives', { token: office, json: chiThiTetGiapThin2024, headers: { 'idempotency-key': 'ct-25-2023' } });
    const first = await send();
    expect(first.status, first.text).toBe(201);
    const before = await databaseFingerprint(t);
    const second = await send();
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(await databaseFingerprint(t)).toEqual(before);
    expect(await count('directives')).toBe(1);
  });

  it('replays a command instead of refusing the repeat, even when the retries race', async () => {
    const d = await api.call('GET', '/api/v1/directives', { token: office });
    const detail = await api.call('GET', `/api/v1/directives/${d.body.items[0].id}`, { token: office });
    const a = detail.body.tasks[1].assignments[0];
    const officer = await api.token(users.officer(a.unit.code));
    const events = await count('events');

    const replies = await Promise.all(
      Array.from({ length: 5 }, () => api.call('POST', `/api/v1/assignments/${a.id}/acknowledge`, { token: officer, headers: { 'idempotency-key': 'ack-1' } })),
    );
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    for (const r of replies) expect(r.body).toEqual(replies[0]!.body);
    expect(replies.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(4);
    expect(replies[0]!.body.state).toBe('assigned');
    expect(await count('events')).toBe(events + 1);

    // Without a key the repeat is a new command, and the machine refuses it.
    const again = await api.call('POST', `/api/v1/assignments/${a.id}/acknowledge`, { token: officer });
    expect(again.status).toBe(409);
  });

  it('refuses the same key with a different request, and keeps keys per user', async () => {
    const d = await api.call('GET', '/api/v1/directives', { token: office });
    const id = d.body.items[0].id;
    const r = await api.call('POST', `/api/v1/directives/${id}/close`, { token: office, json: {}, headers: { 'idempotency-key': 'ct-25-2023' } });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'Idempotency-Key' });

    // Another user's identical key is theirs alone: the Chairman may not issue, and is told so.
    const chairman = await api.call('POST', '/api/v1/directives', {
      token: await api.token(users.chairman),
      json: chiThiTetGiapThin2024,
      headers: { 'idempotency-key': 'ct-25-2023' },
    });
    expect(chairman.status).toBe(403);
  });

  it('does not store a failure, so a corrected retry with the key goes through', async () => {
    const bad = { ...chiThiTetGiapThin2024, numberSymbol: '30/CT-UBND', issuedOn: '2024-13-01' };
    const first = await api.call('POST', '/api/v1/directives', { token: office, json: bad, headers: { 'idempotency-key': 'retry-me' } });
    expect(first.status).toBe(400);
    const fixed = await api.call('POST', '/api/v1/directives', {
      token: office,
      json: { ...bad, issuedOn: '2024-01-02', campaign: undefined },
      headers: { 'idempotency-key': 'retry-me' },
    });
    expect(fixed.status, fixed.text).toBe(201);
  });
});
