import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '@dondoc/db';
import { createTestContext, type TestContext } from './support/context.ts';
import { databaseFingerprint, startApi, users, type TestApi } from './support/api.ts';
import { signIn, type WebClient } from './support/web.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

/** `dondoc apply` against the test database, as an operator would run it. */
function cli(databaseUrl: string, ...args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['services/cli/src/main.ts', ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

/**
 * The rules a command must obey live in the engine, so the API, the web pages
 * and the CLI cannot differ: one bad command through each gets the same
 * refusal, in the same words, and stores nothing.
 */
describe('one engine behind the API, the web and the CLI', () => {
  let t: TestContext;
  let api: TestApi;
  let officer: WebClient;
  let token: string;
  let assignmentId: string;
  beforeAll(async () => {
    t = await createTestContext();
    await seedDemo(t.db, { plan: false });
    api = await startApi(t);
    officer = await signIn(api, users.officer('so-tttt'));
    token = await api.token(users.officer('so-tttt'));
    const a = await t.db
      .selectFrom('assignments as a')
      .innerJoin('units as u', 'u.id', 'a.unit_id')
      .select('a.id')
      .where('u.code', '=', 'so-tttt')
      .where('a.due_at', 'is not', null)
      .orderBy('a.id')
      .executeTakeFirstOrThrow();
    assignmentId = a.id;
    expect((await officer.post(`/assignments/${assignmentId}/acknowledge`, {})).status).toBe(302);
    expect((await officer.post(`/assignments/${assignmentId}/start`, {})).status).toBe(302);
  });
  afterAll(async () => {
    await api?.close();
    await t?.close();
  });

  const cases = [
    {
      name: 'an extension to a day before the current deadline',
      message: 'Hạn mới phải sau hạn hiện tại.',
      api: ['request-extension', { dueDate: '2020-01-02', reason: 'Chờ số liệu' }],
      web: ['request-extension', { dueDate: '2020-01-02', reason: 'Chờ số liệu' }],
      cli: ['REQUEST_EXTENSION', { dueAt: '2020-01-02T10:00:00.000Z', reason: 'Chờ số liệu' }],
    },
    {
      name: 'a report with a value for a target the task does not have',
      message: 'Nhiệm vụ không có chỉ tiêu "khong-co".',
      api: ['submit-report', { text: 'Đã làm.', values: { 'khong-co': 5 } }],
      web: ['submit-report', { text: 'Đã làm.', 'value:khong-co': '5' }],
      cli: ['SUBMIT_REPORT', { text: 'Đã làm.', values: { 'khong-co': 5 } }],
    },
  ] as const;

  for (const c of cases) {
    it(`refuses ${c.name} the same way everywhere, storing nothing`, async () => {
      const before = await databaseFingerprint(t);

      const viaApi = await api.call('POST', `/api/v1/assignments/${assignmentId}/${c.api[0]}`, { token, json: c.api[1] });
      expect(viaApi.status, viaApi.text).toBe(400);
      expect(viaApi.body.message.vi).toBe(c.message);

      const viaWeb = await officer.post(`/assignments/${assignmentId}/${c.web[0]}`, c.web[1] as Record<string, string>);
      expect(viaWeb.status).toBe(400);
      expect(viaWeb.text).toContain(c.message.replaceAll('"', '&quot;'));

      const viaCli = await cli(t.databaseUrl, 'apply', assignmentId, c.cli[0], '--data', JSON.stringify(c.cli[1]));
      expect(viaCli.code).not.toBe(0);
      expect(viaCli.stderr).toContain(c.message);

      expect(await databaseFingerprint(t)).toEqual(before);
    });
  }
});
