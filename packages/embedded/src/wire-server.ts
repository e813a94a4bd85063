import { createServer, type Server, type Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';

/**
 * Serves one PGlite over the PostgreSQL wire protocol to many connections.
 *
 * PGlite is a single session, so connections take turns: a connection holds the
 * database from its first message until PGlite is idle again after a Sync or a
 * simple Query — a whole extended-protocol exchange (Parse, Bind, Execute, Sync)
 * or a whole transaction runs without another connection's messages in between.
 * (pglite-socket's multiplexer interleaves single messages, which breaks the
 * unnamed statements of concurrent pg clients.) Session settings are shared by
 * all connections. PGlite hands a notification to whichever statement committed
 * the NOTIFY; the server passes it on to the connections that LISTEN on its
 * channel instead, so a waiting BullMQ worker or outbox relay wakes at once.
 */
export async function startWireServer(
  db: PGlite,
  opts: { host: string; port: number; idleInTransactionMs?: number },
): Promise<{ port: number; close(): Promise<void> }> {
  const turns = new Turns();
  const listeners = new Listeners();
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    serve(db, turns, listeners, socket, opts.idleInTransactionMs ?? 60_000);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  return {
    port: (server.address() as { port: number }).port,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
/** Messages after which the client waits for an answer: Sync, Query, Flush, FunctionCall, CopyDone, CopyFail. */
const ANSWERED = new Set(['S', 'Q', 'H', 'F', 'c', 'f'].map((c) => c.charCodeAt(0)));
const SYNC = Uint8Array.from([0x53, 0, 0, 0, 4]);

function serve(db: PGlite, turns: Turns, listeners: Listeners, socket: Socket, idleInTransactionMs: number): void {
  let buffer = Buffer.alloc(0);
  let started = false;
  let pending: Buffer[] = [];
  let holding: (() => void) | null = null;
  let idle: NodeJS.Timeout | undefined;
  let work = Promise.resolve();
  socket.setNoDelay(true);

  // Runs a batch once this connection has the database; gives it back when PGlite says it is idle
  // (ReadyForQuery 'I'), not while a transaction, an unsynced exchange or a COPY is open.
  const run = (messages: Buffer, lastMessage: Buffer) =>
    (work = work
      .then(async () => {
        if (socket.destroyed) return;
        holding ??= await turns.take();
        if (socket.destroyed) return; // the close handler, queued behind this, gives the turn back
        clearTimeout(idle);
        const reply = listeners.route(Buffer.from(await db.execProtocolRaw(new Uint8Array(messages))));
        if (socket.writable) socket.write(reply.rest);
        if (lastMessage[0] === 0x51 && !reply.failed) await listeners.follow(db, socket, lastMessage.subarray(5, -1).toString('utf8'));
        if (reply.ready === 0x49) release();
        // A holder that goes quiet would stop every other connection: drop it (its transaction is rolled back).
        else idle = setTimeout(() => socket.destroy(), idleInTransactionMs);
      })
      .catch((err: Error) => void socket.destroy(err)));
  const release = () => {
    clearTimeout(idle);
    holding?.();
    holding = null;
  };

  socket.on('data', (chunk) => {
    buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
    for (;;) {
      if (!started) {
        if (buffer.length < 8) return;
        const length = buffer.readInt32BE(0);
        const code = buffer.readInt32BE(4);
        if (buffer.length < length) return;
        const message = buffer.subarray(0, length);
        buffer = buffer.subarray(length);
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) socket.write('N');
        else if (code === CANCEL_REQUEST)
          continue; // not supported; the query runs to its end
        else {
          started = true;
          run(Buffer.from(message), Buffer.from(message));
        }
        continue;
      }
      if (buffer.length < 5) return;
      const length = 1 + buffer.readInt32BE(1);
      if (buffer.length < length) return;
      const type = buffer[0]!;
      const message = Buffer.from(buffer.subarray(0, length));
      pending.push(message);
      buffer = buffer.subarray(length);
      if (type === 0x58) {
        socket.end(); // Terminate: the close handler gives the database back
        return;
      }
      if (ANSWERED.has(type)) {
        const batch = Buffer.concat(pending);
        pending = [];
        run(batch, message);
      }
    }
  });
  socket.on('error', () => {}); // a client that vanishes is handled on close
  socket.on('close', () => {
    listeners.forget(socket);
    clearTimeout(idle);
    work = work.then(async () => {
      if (!holding) return;
      try {
        // Leave the session as the next connection expects it: no half-done exchange, no COPY, no open transaction.
        await db.execProtocolRaw(Uint8Array.from([0x66, 0, 0, 0, 5, 0])).catch(() => {}); // CopyFail, ignored outside COPY
        await db.execProtocolRaw(SYNC).catch(() => {});
        if (db.isInTransaction()) await db.exec('ROLLBACK').catch(() => {});
      } finally {
        release();
      }
    });
  });
}

/** First come, first served: one holder at a time. */
class Turns {
  private busy = false;
  private waiting: (() => void)[] = [];
  take(): Promise<() => void> {
    return new Promise((resolve) => {
      const grant = () => {
        this.busy = true;
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          const next = this.waiting.shift();
          if (next) next();
          else this.busy = false;
        });
      };
      if (this.busy) this.waiting.push(grant);
      else grant();
    });
  }
}

/** Which connection LISTENs on which channel, and the routing of NotificationResponse messages to them. */
class Listeners {
  private byChannel = new Map<string, Set<Socket>>();

  /**
   * Sends each notification in PGlite's `reply` to the channel's listeners.
   * Returns the rest of the reply, the status of its last ReadyForQuery ('I'
   * idle, 'T' in a transaction, 'E' in a failed one; null if none), and
   * whether it holds an ErrorResponse.
   */
  route(reply: Buffer): { rest: Buffer; ready: number | null; failed: boolean } {
    const kept: Buffer[] = [];
    let ready: number | null = null;
    let failed = false;
    for (let at = 0; at + 5 <= reply.length; ) {
      const end = at + 1 + reply.readInt32BE(at + 1);
      const message = reply.subarray(at, end);
      if (message[0] === 0x41) {
        const channel = message.subarray(9, message.indexOf(0, 9)).toString('utf8');
        for (const s of this.byChannel.get(channel) ?? []) if (s.writable) s.write(message);
      } else {
        kept.push(message);
        if (message[0] === 0x5a) ready = message[5]!;
        if (message[0] === 0x45) failed = true;
      }
      at = end;
    }
    return { rest: kept.length === 1 ? kept[0]! : Buffer.concat(kept), ready, failed };
  }

  /**
   * Notes the LISTEN and UNLISTEN statements of a simple query. PGlite's one
   * session stops listening on UNLISTEN even while other connections still
   * want the channel, so it listens again for them.
   */
  async follow(db: PGlite, socket: Socket, query: string): Promise<void> {
    for (const statement of query.replace(/--[^\n]*/g, '').split(';')) {
      const m = /^\s*(UN)?LISTEN\s+("(?:[^"]|"")+"|[A-Za-z_][\w$]*|\*)\s*$/i.exec(statement);
      if (!m) continue;
      const channel = m[2]!.startsWith('"') ? m[2]!.slice(1, -1).replaceAll('""', '"') : m[2]!.toLowerCase();
      if (!m[1]) {
        if (!this.byChannel.has(channel)) this.byChannel.set(channel, new Set());
        this.byChannel.get(channel)!.add(socket);
        continue;
      }
      for (const [name, sockets] of this.byChannel) {
        if (channel !== '*' && name !== channel) continue;
        sockets.delete(socket);
        if (sockets.size > 0) await db.exec(`LISTEN "${name.replaceAll('"', '""')}"`);
      }
    }
  }

  forget(socket: Socket): void {
    for (const sockets of this.byChannel.values()) sockets.delete(socket);
  }
}
