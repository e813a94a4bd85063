import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '@dondoc/db';
import { findOnPath } from '@dondoc/embedded';
import { startService, stopService, type ServiceProcess } from './support/processes.ts';

/**
 * `dondoc start` on a machine with nothing but Node: no DATABASE_URL, no
 * REDIS_URL, no redis-server on the PATH, no SMTP server. It runs on embedded
 * PGlite, with its queues on BullMQ's PostgreSQL backend in the same database,
 * and catches mail in-process. A user issues a directive over the API and reads
 * its reminder on the web app's mail page, as the start banner tells them to.
 */
const root = fileURLToPath(new URL('..', import.meta.url));

describe('dondoc start with only Node', () => {
  let dataDir: string;
  let env: Record<string, string>;
  let dondoc: ServiceProcess;
  /** The reminder caught in the first start, looked for again after the restart. */
  let caught: { cookie: string; n: string; link: string };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'dondoc-embedded-'));
    // A PATH with Node on it and nothing else, wherever this machine keeps its programs.
    const bin = join(dataDir, 'bin');
    mkdirSync(bin);
    symlinkSync(process.execPath, join(bin, 'node'));
    env = { PATH: bin, HOME: dataDir, DONDOC_DATA_DIR: join(dataDir, 'data'), LOG_LEVEL: 'warn', WORKER_OPS_PORT: '0' };
    dondoc = await startService('start', 'dondoc start', env, { inherit: false, readyWithinMs: 120_000 });
  }, 150_000);
  afterAll(async () => {
    if (dondoc) await stopService(dondoc);
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** A CLI command as the user runs it beside `start`, with the same environment; resolves with its stdout. */
  const cli = (...args: string[]) =>
    new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['services/cli/src/main.ts', ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (b: Buffer) => (out += b));
      child.stderr.on('data', (b: Buffer) => (err += b));
      child.once('exit', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`dondoc ${args.join(' ')} exited with ${code}: ${err}`))));
    });

  // The JSON answers are read field by field.
  const api = async (token: string, method: string, path: string, body?: unknown): Promise<any> => {
    const res = await fetch(`${dondoc.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const json = await res.json();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };

  it('says what it embedded, and that the PostgreSQL queue backend is for trying dondoc out', async () => {
    expect(findOnPath('redis-server', env.PATH)).toBeNull();
    const out = dondoc.output();
    expect(out).toContain('PGlite nhúng / embedded PGlite in');
    expect(out).toContain("BullMQ's PostgreSQL backend");
    expect(out).toContain('Không có Redis: hàng đợi chạy trên PostgreSQL, chỉ phù hợp để dùng thử');
    expect(out).toContain('sudo apt-get install redis-server');
    expect(out).toContain(`${'http://127.0.0.1:'}${dondoc.port}/mail`);
    // Its steps in words, then where to go and every demo sign-in, the monitoring unit's included.
    for (const step of ['▸ Mở cơ sở dữ liệu nhúng', '▸ Cập nhật cấu trúc cơ sở dữ liệu / migrating the database…', '▸ Nạp dữ liệu mẫu / loading the demo data'])
      expect(out).toContain(step);
    expect(out).toContain(`Sẵn sàng / ready: http://127.0.0.1:${dondoc.port}/`);
    for (const email of ['vanphong@', 'chutich@', 'theodoi.congan@', 'so-tttt.daumoi@', 'quantri@']) expect(out).toContain(`${email}hoa-an.example`);
    expect(await (await fetch(`${dondoc.url}/readyz`)).json()).toEqual({ status: 'ready', checks: { postgres: true, queues: true, migrations: true } });
  });

  it("delivers a new directive's reminder to the mail page", async () => {
    // Tokens from the CLI, which finds the running start's embedded database.
    const admin = await cli('token', 'create', 'quantri@hoa-an.example');
    const office = await cli('token', 'create', 'vanphong@hoa-an.example');
    // Every hour of every day is working time, so a reminder can be seconds away whenever this runs.
    await api(admin, 'PATCH', '/calendar/settings', { weekend: [], workingHours: [['00:00', '23:59']] });
    // Today and tomorrow in Asia/Ho_Chi_Minh are working days even if they are holidays (as an admin would record).
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 7 * 3600_000 + 24 * 3600_000).toISOString().slice(0, 10);
    for (const date of [today, tomorrow]) await api(admin, 'POST', '/calendar/overrides', { date, kind: 'working_day', reason: 'Kiểm thử / smoke test' });
    // The deadline is the end of tomorrow's working day (24:00 there); remind 15 s from now.
    const dueAt = new Date(`${tomorrow}T23:59:00+07:00`).getTime(); // the end of tomorrow's working day, as set above
    const hoursBefore = (dueAt - Date.now() - 15_000) / 3600_000;
    const directive = await api(office, 'POST', '/directives', {
      type: 'cong_van',
      numberSymbol: '4711/UBND-KT',
      issuerUnit: 'ubnd-tinh',
      signer: 'Chủ tịch UBND tỉnh',
      issuedOn: today,
      subject: 'Về việc kiểm tra chạy thử dondoc',
      monitoringUnit: 'so-tttt',
      reminderPolicy: { reminders: [{ hoursBefore }] },
      tasks: [{ ordinal: 1, title: 'Báo cáo kết quả chạy thử', deadline: { kind: 'date', date: tomorrow }, addressees: [{ unit: 'so-gtvt' }] }],
    });
    expect(directive.numberSymbol).toBe('4711/UBND-KT');

    const signIn = await fetch(`${dondoc.url}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: 'vanphong@hoa-an.example', password: DEMO_PASSWORD }).toString(),
    });
    expect(signIn.status).toBe(302);
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;

    const reminderLink = async () => {
      const page = await (await fetch(`${dondoc.url}/mail`, { headers: { cookie } })).text();
      return [...page.matchAll(/<a href="\/mail\/(\d+)">([^<]+)<\/a>/g)].find(
        ([, , subject]) => subject!.includes('Nhắc hạn') && subject!.includes('4711/UBND-KT'),
      )?.[1];
    };
    await expect
      .poll(reminderLink, { timeout: 60_000, interval: 500 })
      .toBeTruthy()
      .catch((err: Error) => {
        throw new Error(`${err.message}\n--- dondoc start said ---\n${dondoc.output()}`);
      });
    const mail = await (await fetch(`${dondoc.url}/mail/${await reminderLink()}`, { headers: { cookie } })).text();
    expect(mail).toContain('4711/UBND-KT');
    expect(mail).toContain('Báo cáo kết quả chạy thử');
    expect(mail).toContain('so-gtvt.daumoi@hoa-an.example');
    // No PUBLIC_URL is set: the mail's link names the port this start serves on, and the mail page makes it an anchor.
    const link = mail.match(/<a href="(http:\/\/127\.0\.0\.1:(\d+)\/assignments\/[0-9a-f-]{36})">/);
    expect(link?.[2]).toBe(String(dondoc.port));
    expect(dondoc.port).not.toBe(3000);
    expect((await fetch(link![1]!, { headers: { cookie } })).status).toBe(200);
    caught = { cookie, n: (await reminderLink())!, link: link![1]! };
  }, 90_000);

  it('says which setting to change when its port is taken, and leaves nothing running', async () => {
    const other = spawn(process.execPath, ['services/cli/src/main.ts', 'start'], {
      cwd: root,
      env: { ...env, DONDOC_DATA_DIR: join(dataDir, 'other'), API_PORT: String(dondoc.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    other.stdout.on('data', (b: Buffer) => (out += b));
    other.stderr.on('data', (b: Buffer) => (out += b));
    const code = await new Promise<number | null>((resolve) => other.once('exit', resolve));
    expect(code).toBe(1);
    expect(out).toContain(`Cổng ${dondoc.port} đang được chương trình khác dùng: đặt API_PORT sang cổng khác.`);
    expect(out).toContain(`Port ${dondoc.port} is in use by another program: set API_PORT to another port.`);
    expect(existsSync(join(dataDir, 'other', 'dondoc.pid'))).toBe(false); // its embedded database was stopped and the claim let go
  }, 90_000);

  it('stops on SIGTERM and keeps its data on disk for the next start, the caught mail included; logs JSON when not on a terminal', async () => {
    expect(await stopService(dondoc)).toBe(0);
    // It comes back on another port; PUBLIC_URL names the first one, which the kept mail's links point to.
    const first = `http://127.0.0.1:${dondoc.port}`;
    dondoc = await startService('start', 'dondoc start again', { ...env, LOG_LEVEL: 'info', PUBLIC_URL: first }, { inherit: false, readyWithinMs: 120_000 });
    expect(dondoc.output()).toContain(`Liên kết trong thư / links in mail: ${first} (PUBLIC_URL)`);
    const office = await cli('token', 'create', 'vanphong@hoa-an.example');
    const list = await api(office, 'GET', '/directives?pageSize=50');
    expect(list.items.map((d: { numberSymbol: string }) => d.numberSymbol)).toEqual(expect.arrayContaining(['4711/UBND-KT', '25/CT-UBND']));
    expect(dondoc.output()).not.toContain('▸ Nạp dữ liệu mẫu'); // loaded once

    const signIn = await fetch(`${dondoc.url}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: 'vanphong@hoa-an.example', password: DEMO_PASSWORD }).toString(),
    });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const page = await (await fetch(`${dondoc.url}/mail`, { headers: { cookie } })).text();
    expect(page).toContain(`<a href="/mail/${caught.n}">`);
    const mail = await (await fetch(`${dondoc.url}/mail/${caught.n}`, { headers: { cookie } })).text();
    expect(mail).toContain('4711/UBND-KT');
    expect(mail).toContain(`<a href="${caught.link}">`);

    // stdout is a pipe here: log entries are JSON lines, not the terminal's readable ones.
    const entries = dondoc
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'));
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) expect(JSON.parse(e)).toMatchObject({ level: expect.any(Number), msg: expect.any(String) });
    expect(dondoc.output()).not.toMatch(/^\d{2}:\d{2}:\d{2} (INFO|WARN) /m);
  }, 150_000);
});
