/**
 * The anchor of `bench:commands`: pgbench on the bench database, with tables of
 * its own (`bench_anchor_*`) and a script of a command's write shape. One
 * transaction = UPDATE one assignment-like row (the jsonb snapshot the bench
 * gives it, its version bumped), INSERT the event with the new version as its
 * seq, INSERT an outbox row; a random row each time.
 * It is what PostgreSQL alone does with that shape on this machine, in the same
 * run, so a ratio to it survives a noisy machine better than absolute figures.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pool } from 'pg';

export interface AnchorFigures {
  tps: number;
  latencyMs: number;
  transactions: number;
}

/** The anchor's tables, emptied and filled with `rows` assignment-like rows, `perDirective` to a "directive". */
export async function prepareAnchor(pool: Pool, rows: number, perDirective: number, snapshot: string): Promise<void> {
  await pool.query(`
    CREATE TABLE IF NOT EXISTS bench_anchor_assignments (
      id int PRIMARY KEY, directive_no int NOT NULL, state text NOT NULL, snapshot jsonb NOT NULL,
      version int NOT NULL DEFAULT 1, updated_at timestamptz NOT NULL DEFAULT now());
    CREATE TABLE IF NOT EXISTS bench_anchor_events (
      id bigserial PRIMARY KEY, subject_id int NOT NULL, seq int NOT NULL, type text NOT NULL, payload jsonb NOT NULL,
      to_state text NOT NULL, created_at timestamptz NOT NULL DEFAULT now(), UNIQUE (subject_id, seq));
    CREATE TABLE IF NOT EXISTS bench_anchor_outbox (
      id bigserial PRIMARY KEY, queue text NOT NULL, job_name text NOT NULL, job_id text UNIQUE, payload jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(), published_at timestamptz);
    CREATE INDEX IF NOT EXISTS bench_anchor_outbox_unpublished_idx ON bench_anchor_outbox (id) WHERE published_at IS NULL;
    TRUNCATE bench_anchor_assignments, bench_anchor_events, bench_anchor_outbox;`);
  await pool.query(
    `INSERT INTO bench_anchor_assignments (id, directive_no, state, snapshot)
     SELECT i, (i - 1) / $2, 'assigned', $3::jsonb FROM generate_series(1, $1) i`,
    [rows, perDirective, snapshot],
  );
  await pool.query('VACUUM ANALYZE bench_anchor_assignments');
}

/** The pgbench script: one command's writes in one transaction. Single quotes doubled for the SQL literal. */
function script(rows: number, snapshot: string): string {
  const literal = (s: string) => `'${s.replaceAll("'", "''")}'`;
  return [
    `\\set aid random(1, ${rows})`,
    'BEGIN;',
    `UPDATE bench_anchor_assignments SET snapshot = ${literal(snapshot)}::jsonb, state = 'in_progress', version = version + 1, updated_at = now() WHERE id = :aid RETURNING version AS ver \\gset`,
    `INSERT INTO bench_anchor_events (subject_id, seq, type, payload, to_state) VALUES (:aid, :ver, 'SUBMIT_REPORT', '{"text": "Bench report", "values": {}}', 'reported');`,
    `INSERT INTO bench_anchor_outbox (queue, job_name, payload) VALUES ('mail', 'send', '{"notificationId": "1"}');`,
    'END;',
    '',
  ].join('\n');
}

/** Runs pgbench (`-c clients -j 2 -T seconds -n -f script`) against `dbUrl` and reads its TPS (without connection time) and latency average. */
export async function runAnchor(dbUrl: string, opts: { rows: number; snapshot: string; clients: number; seconds: number }): Promise<AnchorFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'dondoc-bench-anchor-'));
  const file = join(dir, 'command.sql');
  writeFileSync(file, script(opts.rows, opts.snapshot));
  const u = new URL(dbUrl);
  const args = ['-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username || 'postgres')];
  args.push('-c', String(opts.clients), '-j', '2', '-T', String(opts.seconds), '-n', '-f', file, u.pathname.slice(1));
  try {
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn('/usr/bin/pgbench', args, {
        env: { ...process.env, ...(u.password && { PGPASSWORD: decodeURIComponent(u.password) }) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let text = '';
      child.stdout.on('data', (b: Buffer) => {
        text += b.toString();
      });
      child.stderr.on('data', (b: Buffer) => {
        text += b.toString();
      });
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`pgbench exited with ${code}:\n${text.slice(-2000)}`))));
    });
    const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(out);
    const latency = /latency average = ([\d.]+) ms/.exec(out);
    const done = /number of transactions actually processed: (\d+)/.exec(out);
    if (!tps || !latency || !done) throw new Error(`could not read pgbench's figures:\n${out.slice(-2000)}`);
    return { tps: Number(tps[1]), latencyMs: Number(latency[1]), transactions: Number(done[1]) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
