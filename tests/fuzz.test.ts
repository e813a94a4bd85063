import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { accessTable, type Audience } from '@dondoc/api';
import { createDb, createToken, DEMO_PASSWORD, ensureDatabase, migrateToLatest, openPeriod, seedDemo, type Db } from '@dondoc/db';
import { createQueues, createRedis, queueNames, redisQueueStore } from '@dondoc/queue';
import { createLogger } from '@dondoc/observability';
import type { TestContext } from './support/context.ts';
import { databaseFingerprint, startApi, type TestApi } from './support/api.ts';
import { testEnv } from './support/env.ts';
import { officeActor } from './support/commands.ts';
import { startPrivatePostgres, type PrivatePostgres } from './support/private-postgres.ts';
import { formBody } from './support/web.ts';
import { Random, nasty } from './support/fuzz/random.ts';
import { generate, type Pools, type Schema } from './support/fuzz/schema.ts';

/**
 * A seeded, bounded fuzz of every operation of the served OpenAPI document and
 * of every web form and page, as every kind of user and signed out: valid
 * requests, requests with a nasty value in a field, and malformed ones
 * (broken %-encoding, invalid UTF-8, wrong media types, repeated fields,
 * impossible dates, huge and deeply nested bodies). Every answer must be below
 * 500, every API error in the documented shape, and a refused request must
 * write nothing (on a PostgreSQL of its own, a refused request that took no
 * transaction id wrote nothing; one that did is checked against a fingerprint
 * of every table). FUZZ_REQUESTS (default 5000) and FUZZ_SEED set the run.
 */
const total = Number(process.env.FUZZ_REQUESTS ?? 5000);
const seed = Number(process.env.FUZZ_SEED ?? 20261203);

const emails = {
  admin: 'quantri@hoa-an.example',
  office: 'vanphong@hoa-an.example',
  chairman: 'chutich@hoa-an.example',
  monitor: 'theodoi.congan@hoa-an.example',
  monitoringHead: 'so-ldtbxh.lanhdao@hoa-an.example',
  unitHead: 'tp-hoa-an.lanhdao@hoa-an.example',
  unitOfficer: 'tp-hoa-an.daumoi@hoa-an.example',
  otherUnit: 'so-tttt.daumoi@hoa-an.example',
};
type Who = keyof typeof emails | 'anonymous';
const whoOf: Record<Audience, Who> = {
  anonymous: 'anonymous',
  admin: 'admin',
  office: 'office',
  chairman: 'chairman',
  monitor: 'monitor',
  monitoring_head: 'monitoringHead',
  unit_head: 'unitHead',
  unit_officer: 'unitOfficer',
  other_unit: 'otherUnit',
};
/** Who the access table lets use an OpenAPI path (`/api/v1/units/{code}`), so most requests get past authorisation. */
const allowedFor = (method: string, path: string): Who[] =>
  accessTable.find((a) => a.method === method && a.path === path.replace(/\{(\w+)\}/g, ':$1'))?.allowed.map((a) => whoOf[a]) ?? [];

/** %-encodes, and sends the raw (invalid) bytes of a lone surrogate, which encodeURIComponent refuses. */
const enc = (v: string) => {
  try {
    return encodeURIComponent(v);
  } catch {
    return '%ED%A0%80';
  }
};

interface Operation {
  method: string;
  path: string;
  params: { name: string; in: string; schema: Schema; required?: boolean }[];
  body?: Schema;
}

describe(`fuzz: ${total} requests (seed ${seed})`, () => {
  let pgc: PrivatePostgres;
  let db: Db;
  let api: TestApi;
  let close: () => Promise<void>;
  const tokens = new Map<Who, string>();
  const sessions = new Map<Who, { cookie: string; csrf: string }>();
  const pools: Pools = {
    uuid: [],
    code: ['so-tttt', 'tp-hoa-an', 'so-ldtbxh', 'cong-an-tinh', 'ubnd-cap-huyen', 'ubnd-tinh', 'khong-co'],
    date: ['2026-12-31', '2027-01-15', '2024-02-29', '2030-06-01', '2027-02-30', '2026-13-01', '1900-01-01'],
  };
  let operations: Operation[] = [];

  beforeAll(async () => {
    pgc = await startPrivatePostgres();
    const url = pgc.url('dondoc');
    await ensureDatabase(url);
    db = createDb(url, { max: 6, onConnectionError: () => {} });
    await migrateToLatest(db);
    await seedDemo(db);
    const regime = await db.selectFrom('reporting_regimes').select('id').executeTakeFirstOrThrow();
    await openPeriod(
      db,
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
    const report = await db.selectFrom('unit_reports').select('id').orderBy('id').executeTakeFirstOrThrow();
    await db
      .insertInto('report_attachments')
      .values({ unit_report_id: report.id, filename: 'so-lieu.csv', content_type: 'text/csv', size: 3, data: Buffer.from('a,b') })
      .execute();
    for (const table of ['directives', 'assignments', 'unit_reports', 'report_periods', 'reporting_regimes', 'report_attachments', 'tasks'] as const) {
      pools.uuid.push(...(await db.selectFrom(table).select('id').limit(6).execute()).map((r) => r.id));
    }
    // Users the fuzz may change: not the ones it signs in as.
    pools.uuid.push(...(await db.selectFrom('users').select('id').where('email', 'like', 'so-gtvt%').execute()).map((r) => r.id));

    const prefix = `{dondoc-fuzz-${randomBytes(4).toString('hex')}}`;
    const redis = createRedis(testEnv.redisUrl, 'worker');
    const queues = createQueues({ store: redisQueueStore({ producer: redis, prefix }) });
    const t = { db, queues, prefix, logger: createLogger('silent', 'fuzz') } as unknown as TestContext;
    api = await startApi(t);
    close = async () => {
      await api.close();
      for (const q of queueNames) await queues[q].obliterate({ force: true });
      await queues.close();
      redis.disconnect();
    };
    for (const [who, email] of Object.entries(emails) as [Who, string][]) {
      const user = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
      tokens.set(who, (await createToken(db, user.id, 'fuzz')).token);
      const login = await fetch(`${api.url}/login`, {
        method: 'POST',
        redirect: 'manual',
        body: formBody({ email, password: DEMO_PASSWORD }),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const page = await (await fetch(`${api.url}/inbox`, { headers: { cookie } })).text();
      sessions.set(who, { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(page)![1]! });
    }
    const doc = (await (await fetch(`${api.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { parameters?: Operation['params']; requestBody?: { content?: Record<string, { schema: Schema }> } }>>;
    };
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        params: op.parameters ?? [],
        body: op.requestBody?.content?.['application/json']?.schema,
      })),
    );
  }, 120_000);
  afterAll(async () => {
    await close?.();
    await db?.destroy();
    await pgc?.close();
  });

  const nextXid = async () => (await sql<{ x: string }>`SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS x`.execute(db)).rows[0]!.x;

  interface Request {
    method: string;
    path: string;
    headers: Record<string, string>;
    body?: string | Buffer;
    api: boolean;
    label: string;
  }

  /** An operation of the OpenAPI document with generated params and body, as some user, sometimes broken on the wire. */
  function apiRequest(r: Random): Request {
    const op = r.pick(operations);
    const mutate = r.pick([0, 0.02, 0.1, 0.3]);
    let path = op.path;
    const query = new URLSearchParams();
    for (const p of op.params) {
      const v = generate(r, p.schema, pools, mutate);
      const s = typeof v === 'string' ? v : JSON.stringify(v);
      if (p.in === 'path') path = path.replace(`{${p.name}}`, enc(s));
      else if (p.in === 'query' && (p.required || r.chance(0.4))) {
        query.append(p.name, s);
        if (r.chance(0.05)) query.append(p.name, s); // a repeated parameter
      }
    }
    if (r.chance(0.03)) path = path.replace(/\/[^/]*$/, '/%E0%A4%A');
    if (r.chance(0.02)) path += `/${'a'.repeat(r.int(101, 3000))}`;
    if (r.chance(0.02)) query.append(r.pick(['sort', 'admin', 'lang', 'x']), r.pick(nasty) as string);
    const allowed = allowedFor(op.method, op.path).filter((w) => w !== 'anonymous');
    const who: Who = r.chance(0.06) ? 'anonymous' : allowed.length && r.chance(0.7) ? r.pick(allowed) : r.pick([...tokens.keys()]);
    const headers: Record<string, string> = {};
    if (who !== 'anonymous') headers.authorization = r.chance(0.03) ? 'Bearer ddk_revoked' : `Bearer ${tokens.get(who)}`;
    if (r.chance(0.1)) headers['idempotency-key'] = r.pick(['k1', 'k2', 'two words', 'ü', 'k'.repeat(300)]);
    let body: string | Buffer | undefined;
    if (op.method !== 'GET' && (op.body || r.chance(0.1))) {
      const shape = r.next();
      headers['content-type'] = 'application/json';
      if (shape < 0.8) body = JSON.stringify(generate(r, op.body, pools, mutate));
      else if (shape < 0.84) body = Buffer.concat([Buffer.from('{"text":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]);
      else if (shape < 0.87) body = '{"text": "mở ngoặc",';
      else if (shape < 0.9) body = JSON.stringify({ text: 'x'.repeat(2 * 1024 * 1024) });
      else if (shape < 0.93) body = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
      else if (shape < 0.96) {
        headers['content-type'] = r.pick(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml']);
        body = 'text=a&text=b';
      } else body = '';
    }
    const qs = query.toString();
    return { method: op.method, path: `${path}${qs ? `?${qs}` : ''}`, headers, body, api: true, label: `${who} ${op.method} ${op.path}` };
  }

  const formTargets: { path: () => string; fields: string[] }[] = [
    { path: () => '/login', fields: ['email', 'password'] },
    {
      path: () => '/directives/new',
      fields: [
        'type',
        'numberSymbol',
        'issuedOn',
        'signer',
        'subject',
        'body',
        'classification',
        'monitoringUnit',
        'reminders.unit',
        'reminders.offsets',
        'reminders.at',
        'regime.kind',
        'regime.dueRule.kind',
        'regime.dueRule.days',
        'regime.dueRule.day',
        'regime.dueRule.weekday',
        'regime.dueRule.date',
        'regime.dueRule.at',
        'regime.closeAfterWorkingDays',
        'tasks.0.title',
        'tasks.0.body',
        'tasks.0.request',
        'tasks.0.lead',
        'tasks.0.coordinate',
        'tasks.0.deadline.kind',
        'tasks.0.deadline.date',
        'tasks.0.deadline.days',
        'tasks.0.targets.0.code',
        'tasks.0.targets.0.name',
        'tasks.0.targets.0.unitOfMeasure',
        'tasks.0.targets.0.targetValue',
        'tasks.1.targets.3.name',
        'tasks.12.title',
        '_add',
      ],
    },
    { path: () => '/assignments/{uuid}/{action}', fields: ['text', 'value:cai-nghien', 'value:x', 'dueDate', 'reason', 'expectedVersion'] },
    { path: () => '/reports/{uuid}/submit', fields: ['text', 'value:cai-nghien', 'value:viec-lam', 'value:x'] },
    { path: () => '/reports/{uuid}/{review}', fields: ['reason', 'comment'] },
    { path: () => '/logout', fields: [] },
  ];
  const pages = [
    '/',
    '/inbox',
    '/matrix',
    '/matrix?sort={text}',
    '/laggards',
    '/directives',
    '/directives?q={text}&type={text}&overdue={text}&state={text}',
    '/directives/{uuid}',
    '/directives/new',
    '/assignments/{uuid}',
    '/reports/{uuid}',
    '/reports/{uuid}/attachments/{uuid}',
    '/periods/{uuid}',
    '/periods/{uuid}/consolidated.{format}',
    '/units/{code}/scorecard',
    '/mail',
    '/mail/{text}',
    '/login?next={text}',
    '/x/{text}',
  ];

  /** A web form post or a page, with the user's session (or none, or a wrong CSRF token), its fields sometimes repeated or nasty. */
  function webRequest(r: Random): Request {
    const who: Who = r.chance(0.08) ? 'anonymous' : r.pick([...sessions.keys()]);
    const s = sessions.get(who);
    const fill = (tpl: string) =>
      tpl
        .replaceAll('{uuid}', () => (r.chance(0.85) ? r.pick(pools.uuid) : enc(String(r.pick(nasty)))))
        .replaceAll('{action}', () => r.pick(['acknowledge', 'start', 'submit-report', 'request-extension', 'approve', 'nope']))
        .replaceAll('{review}', () => r.pick(['accept', 'return', 'delete']))
        .replaceAll('{format}', () => r.pick(['csv', 'xlsx', 'pdf']))
        .replaceAll('{code}', () => r.pick(pools.code))
        .replaceAll('{text}', () => enc(String(r.pick([...nasty.filter((x) => typeof x === 'string' && x.length < 1000), 'true', 'name', '25/CT']) as string)));
    const headers: Record<string, string> = s && who !== 'anonymous' ? { cookie: s.cookie } : {};
    if (r.chance(0.4)) {
      const target = r.pick(formTargets);
      const fields: Record<string, string | string[]> = {};
      for (const f of target.fields) {
        if (!r.chance(0.7)) continue;
        const good =
          f === 'email'
            ? emails.office
            : f === 'password'
              ? DEMO_PASSWORD
              : f.includes('date') || f === 'issuedOn'
                ? r.pick(pools.date)
                : f.startsWith('value:') || f.endsWith('days') || f.endsWith('Value')
                  ? String(r.int(0, 500))
                  : f === 'type'
                    ? 'chi_thi'
                    : f.endsWith('addressees') || f === 'monitoringUnit'
                      ? r.pick(pools.code)
                      : 'Báo cáo kết quả thực hiện';
        const v = r.chance(0.3) ? String(r.pick(nasty)) : good;
        fields[f] = r.chance(0.1) ? [v, good] : v;
      }
      if (s && r.chance(0.9)) fields._csrf = r.chance(0.95) ? s.csrf : 'forged';
      headers['content-type'] = r.chance(0.95) ? 'application/x-www-form-urlencoded' : 'application/json';
      const path = fill(target.path()).replace('{uuid}', r.pick(pools.uuid));
      return {
        method: 'POST',
        path,
        headers,
        body: headers['content-type'] === 'application/json' ? JSON.stringify(fields) : formBody(fields),
        api: false,
        label: `${who} POST ${target.path()}`,
      };
    }
    const tpl = r.pick(pages);
    return { method: 'GET', path: fill(tpl), headers, api: false, label: `${who} GET ${tpl}` };
  }

  it('answers every request below 500, every API error in the documented shape, and writes nothing for a refused request', async () => {
    const r = new Random(seed);
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let baseline = await databaseFingerprint({ db });
    let xid = await nextXid();
    for (let i = 0; i < total && failures.length < 20; i++) {
      const req = r.chance(0.65) ? apiRequest(r) : webRequest(r);
      const res = await fetch(api.url + req.path, { method: req.method, headers: req.headers, body: req.body, redirect: 'manual' }).catch((e: Error) => e);
      if (res instanceof Error) {
        failures.push(`#${i} ${req.label}: no answer (${res.message})`);
        continue;
      }
      const text = await res.text();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const where = `#${i} ${req.label} → ${res.status}: ${req.path.slice(0, 200)} ${String(req.body ?? '').slice(0, 200)} ⇒ ${text.slice(0, 200)}`;
      if (res.status >= 500) failures.push(where);
      if (req.api && res.status >= 400 && req.path.startsWith('/api/v1')) {
        let body: { code?: unknown; field?: unknown; message?: { vi?: unknown; en?: unknown } } | undefined;
        try {
          body = JSON.parse(text);
        } catch {
          body = undefined;
        }
        const shaped =
          !!body &&
          typeof body.code === 'string' &&
          (body.field === null || typeof body.field === 'string') &&
          typeof body.message?.vi === 'string' &&
          typeof body.message?.en === 'string';
        if (!shaped) failures.push(`${where} (not the error shape)`);
      }
      const now = await nextXid();
      if (now !== xid) {
        const fp = await databaseFingerprint({ db });
        const refused = res.status >= 400;
        if (refused) {
          const changed = Object.keys(fp).filter((k) => fp[k] !== baseline[k]);
          if (changed.length) failures.push(`${where} (refused, yet wrote ${changed.join(', ')})`);
        }
        baseline = fp;
        xid = now;
      }
    }
    console.log(
      `fuzz seed ${seed}: ${total} requests, answers ${[...statuses]
        .sort((a, b) => a[0] - b[0])
        .map(([s, n]) => `${s}×${n}`)
        .join(' ')}`,
    );
    expect(failures).toEqual([]);
    // The run reached the work itself, not only the refusals.
    expect([...statuses].filter(([s]) => s < 400).reduce((a, [, n]) => a + n, 0)).toBeGreaterThan(total / 10);
  }, 900_000);
});
