import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWireServer } from './wire-server.ts';

describe('the wire server in front of PGlite', () => {
  let db: PGlite;
  let server: Awaited<ReturnType<typeof startWireServer>>;
  const clients: pg.Client[] = [];
  const connect = async () => {
    const c = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${server.port}/postgres` });
    c.on('error', () => {});
    await c.connect();
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    db = await PGlite.create();
    server = await startWireServer(db, { host: '127.0.0.1', port: 0, idleInTransactionMs: 1000 });
    await db.exec('CREATE TABLE t (id int PRIMARY KEY, who text)');
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end().catch(() => {})));
    await server.close();
    await db.close();
  });

  it('serves a pool running transactions and statements of many shapes at once', async () => {
    // pglite-socket 0.2's multiplexer hangs on this workload: the shape of dondoc's worker.
    const pool = new pg.Pool({ connectionString: `postgres://postgres@127.0.0.1:${server.port}/postgres`, max: 10 });
    await db.exec('CREATE TABLE shapes (id int PRIMARY KEY, v int)');
    const sum = (n: number) => {
      const params = Array.from({ length: (n % 7) + 1 }, (_, j) => n * 10 + j);
      return { sql: `SELECT ${params.map((_, j) => `$${j + 1}::int`).join(' + ')} AS s`, params, expected: params.reduce((x, y) => x + y, 0) };
    };
    try {
      const answers = await Promise.all(
        Array.from({ length: 300 }, async (_, n) => {
          const { sql, params, expected } = sum(n);
          if (n % 3 !== 0) return (await pool.query(sql, params)).rows[0].s === expected;
          const c = await pool.connect();
          try {
            await c.query('BEGIN');
            const ok = (await c.query(sql, params)).rows[0].s === expected;
            await c.query('INSERT INTO shapes VALUES ($1, $2)', [n, expected]);
            await c.query('COMMIT');
            return ok;
          } finally {
            c.release();
          }
        }),
      );
      expect(answers.every(Boolean)).toBe(true);
      expect((await pool.query('SELECT count(*)::int AS n FROM shapes')).rows[0].n).toBe(100);
    } finally {
      await pool.end();
    }
  }, 20_000);

  it("lets a transaction finish before another connection's statement runs", async () => {
    const [a, b] = [await connect(), await connect()];
    await a.query('BEGIN');
    await a.query('INSERT INTO t VALUES (1, $1)', ['a']);
    let seen: number | undefined;
    const reading = b.query('SELECT count(*)::int AS n FROM t').then((r) => (seen = r.rows[0].n));
    await new Promise((r) => setTimeout(r, 100));
    expect(seen).toBeUndefined(); // waiting for its turn
    await a.query('INSERT INTO t VALUES (2, $1)', ['a']);
    await a.query('COMMIT');
    await reading;
    expect(seen).toBe(2);
  });

  it('rolls back the transaction of a connection that vanishes, and gives the database to the next', async () => {
    const [a, b] = [await connect(), await connect()];
    await a.query('BEGIN');
    await a.query('INSERT INTO t VALUES (3, $1)', ['vanished']);
    const waiting = b.query('SELECT count(*)::int AS n FROM t WHERE id = 3');
    (a as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    expect((await waiting).rows[0].n).toBe(0);
    expect((await b.query("SELECT count(*)::int AS n FROM t WHERE who = 'vanished'")).rows[0].n).toBe(0);
  });

  it('drops a connection that sits in a transaction, so the others go on', async () => {
    const [idle, b] = [await connect(), await connect()];
    await idle.query('BEGIN');
    await idle.query('INSERT INTO t VALUES (4, $1)', ['idle']);
    const started = Date.now();
    expect((await b.query('SELECT count(*)::int AS n FROM t WHERE id = 4')).rows[0].n).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    await expect(idle.query('COMMIT')).rejects.toThrow();
  });

  it('keeps the turn through a failed transaction and a COPY, and gives it back after', async () => {
    const [a, b] = [await connect(), await connect()];
    await a.query('BEGIN');
    await expect(a.query('SELECT 1 / 0')).rejects.toThrow(/division by zero/);
    let seen: number | undefined;
    const reading = b.query('SELECT count(*)::int AS n FROM t').then((r) => (seen = r.rows[0].n));
    await new Promise((r) => setTimeout(r, 100));
    expect(seen).toBeUndefined(); // a failed transaction still holds the database until ROLLBACK
    await a.query('ROLLBACK');
    await reading;
    expect((await a.query("COPY (SELECT 'x') TO STDOUT")).rowCount).toBe(1);
    expect((await b.query('SELECT 2 AS two')).rows[0].two).toBe(2);
  });

  it('sends a notification to the connections that listen on its channel, not to the one that caused it', async () => {
    const [listener, other, sender] = [await connect(), await connect(), await connect()];
    const heard = { listener: [] as string[], other: [] as string[], sender: [] as string[] };
    listener.on('notification', (m) => heard.listener.push(`${m.channel}:${m.payload}`));
    other.on('notification', (m) => heard.other.push(`${m.channel}:${m.payload}`));
    sender.on('notification', (m) => heard.sender.push(`${m.channel}:${m.payload}`));
    await listener.query('LISTEN wake');
    await other.query('LISTEN "Wake Up"');
    await sender.query("SELECT pg_notify('wake', 'one')");
    await sender.query('NOTIFY "Wake Up", \'two\'');
    await expect.poll(() => heard.listener.length + heard.other.length).toBe(2);
    expect(heard).toEqual({ listener: ['wake:one'], other: ['Wake Up:two'], sender: [] });

    // One connection's UNLISTEN must not deafen another listening on the same channel.
    await other.query('LISTEN wake');
    await listener.query('UNLISTEN wake');
    await sender.query("SELECT pg_notify('wake', 'three')");
    await expect.poll(() => heard.other).toContain('wake:three');
    expect(heard.listener).toEqual(['wake:one']);
  });
});
