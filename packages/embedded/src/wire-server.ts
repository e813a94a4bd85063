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
export async function startWireServer(db: PGlite, opts: { host: string; port: number }): Promise<{ port: number; close(): Promise<void> }> {
  const turns = new Turns();
  const listeners = new Listeners();
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    serve(db, turns, listeners, socket);
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
/** Messages after which the client waits for an answer. */
const ANSWERED = new Set(['S', 'Q', 'H', 'X', 'c', 'f'].map((c) => c.charCodeAt(0)));
const SYNC = Uint8Array.from([0x53, 0, 0, 0, 4]);

function serve(db: PGlite, turns: Turns, listeners: Listeners, socket: Socket): void {
  let buffer = Buffer.alloc(0);
  let started = false;
  let pending: Buffer[] = [];
  let holding: (() => void) | null = null;
  let work = Promise.resolve();
  socket.setNoDelay(true);

  const run = (messages: Buffer, last: number, lastMessage?: Buffer) =>
    (work = work.then(async () => {
      if (socket.destroyed) return;
      holding ??= await turns.take();
      try {
        const reply = Buffer.from(await db.execProtocolRaw(new Uint8Array(messages)));
        if (socket.writable) socket.write(listeners.route(reply));
        if (last === 0x51 && lastMessage) await listeners.follow(db, socket, lastMessage.subarray(5, -1).toString('utf8'));
      } catch (err) {
        socket.destroy(err as Error);
      }
      if ((last === 0x53 || last === 0x51 || last === 0) && !db.isInTransaction()) release();
    }));
  const release = () => {
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
        else if (code === CANCEL_REQUEST) continue; // not supported; the query runs to its end
        else {
          started = true;
          run(Buffer.from(message), 0);
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
        run(batch, type, message);
      }
    }
  });
  socket.on('error', () => {}); // a client that vanishes is handled on close
  socket.on('close', () => {
    listeners.forget(socket);
    work = work.then(async () => {
      if (!holding) return;
      // Leave the session as the next connection expects it: no half-done exchange, no open transaction.
      await db.execProtocolRaw(SYNC).catch(() => {});
      if (db.isInTransaction()) await db.exec('ROLLBACK').catch(() => {});
      release();
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

  /** Sends each notification in `reply` to the channel's listeners; returns the rest of the reply. */
  route(reply: Buffer): Buffer {
    if (!reply.includes(0x41)) return reply;
    const kept: Buffer[] = [];
    for (let at = 0; at + 5 <= reply.length; ) {
      const end = at + 1 + reply.readInt32BE(at + 1);
      const message = reply.subarray(at, end);
      if (message[0] === 0x41) {
        const channelEnd = message.indexOf(0, 9);
        const channel = message.subarray(9, channelEnd).toString('utf8');
        for (const s of this.byChannel.get(channel) ?? []) if (s.writable) s.write(message);
      } else {
        kept.push(message);
      }
      at = end;
    }
    return Buffer.concat(kept);
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
