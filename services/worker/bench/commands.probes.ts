/**
 * Where the time of `bench:commands`' command phase goes: what the bench
 * database's sessions were doing (pg_stat_activity sampled every 200 ms: the
 * wait of the active ones, "idle in transaction" meaning the session waits on
 * its Node process, and the statements that waited on a lock), how many
 * transactions PostgreSQL committed (all sessions, the bench's own queries
 * left out), and the CPU time of the API, the worker, the database's backends
 * and the bench itself.
 */
import { readFileSync } from 'node:fs';
import type { Pool } from 'pg';

export interface PhaseProbe {
  /** Stops sampling and reads the CPU times; call when the last command has answered. */
  stop(): Promise<{ waits: [string, number][]; lockStatements: [string, number][]; samples: number; busySessions: number; cpu: PhaseCpu }>;
  /** Transactions committed or rolled back since the start by everyone but the bench's pool. */
  transactions(): Promise<number>;
}

export interface PhaseCpu {
  api: number;
  worker: number;
  postgres: number;
  bench: number;
}

/** CPU seconds (user + system) a process has used, from /proc; 0 once it is gone. */
function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100 on Linux)
  } catch {
    return 0;
  }
}

const top = (m: Map<string, number>, n: number): [string, number][] => [...m.entries()].sort((x, y) => y[1] - x[1]).slice(0, n);

export async function startPhaseProbe(pool: Pool, pids: { api: number; worker: number }): Promise<PhaseProbe> {
  const backendPids = async () =>
    (await pool.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`)).rows.map((r) => r.pid as number);
  const counted = async () =>
    Number((await pool.query(`SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()`)).rows[0].n);
  // Each pool.query checks a client out once and is one transaction: the bench's own, left out of the count.
  let own = 0;
  const onAcquire = () => {
    own++;
  };
  const pgBefore = new Map((await backendPids()).map((pid) => [pid, cpuSeconds(pid)]));
  const before = { api: cpuSeconds(pids.api), worker: cpuSeconds(pids.worker), bench: process.cpuUsage() };
  const transactionsBefore = await counted();
  pool.on('acquire', onAcquire);

  const waits = new Map<string, number>();
  const lockStatements = new Map<string, number>();
  let samples = 0;
  let busy = 0;
  let sampling = true;
  const sampler = (async () => {
    const client = await pool.connect();
    try {
      while (sampling) {
        const { rows } = await client.query(
          `SELECT state, coalesce(wait_event_type || '/' || wait_event, 'on CPU') AS wait, regexp_replace(left(query, 90), '\\s+', ' ', 'g') AS query
           FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle' AND backend_type = 'client backend'`,
        );
        samples++;
        busy += rows.length;
        for (const r of rows) {
          const key = `${r.state} · ${r.state === 'idle in transaction' ? 'waiting on Node' : r.wait}`;
          waits.set(key, (waits.get(key) ?? 0) + 1);
          if (String(r.wait).startsWith('Lock/')) lockStatements.set(r.query, (lockStatements.get(r.query) ?? 0) + 1);
        }
        await new Promise((r) => setTimeout(r, 200));
      }
    } finally {
      client.release();
    }
  })();

  return {
    async stop() {
      const bench = process.cpuUsage(before.bench);
      const api = cpuSeconds(pids.api) - before.api;
      const worker = cpuSeconds(pids.worker) - before.worker;
      const postgres = (await backendPids()).reduce((sum, pid) => sum + cpuSeconds(pid) - (pgBefore.get(pid) ?? 0), 0);
      sampling = false;
      await sampler;
      return {
        waits: top(waits, 6),
        lockStatements: top(lockStatements, 3),
        samples,
        busySessions: samples ? busy / samples : 0,
        cpu: { api, worker, postgres, bench: (bench.user + bench.system) / 1e6 },
      };
    },
    async transactions() {
      await new Promise((r) => setTimeout(r, 1500)); // sessions report their transactions to the statistics within a second
      pool.off('acquire', onAcquire);
      return (await counted()) - transactionsBefore - own - samples;
    },
  };
}
