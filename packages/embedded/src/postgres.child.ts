/**
 * The embedded PostgreSQL: PGlite (PostgreSQL compiled to WebAssembly) on an
 * on-disk data directory, served over the PostgreSQL wire protocol on a loopback
 * port, in a process of its own so its queries do not block the API's and the
 * worker's event loop. Started by `startEmbeddedPostgres`; stops cleanly when
 * told to, or when its parent goes away (the IPC channel closes).
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { startWireServer } from './wire-server.ts';

const dataDir = process.env.DONDOC_PGLITE_DIR;
if (!dataDir || !process.send) throw new Error('postgres.child.ts is started by startEmbeddedPostgres');

mkdirSync(dataDir, { recursive: true });
const db = await PGlite.create(dataDir);
// Every connection shares PGlite's one session, and PGlite ignores per-connection
// start-up options, so BullMQ's `search_path` (its own schema) is set here for all:
// dondoc's tables first, then BullMQ's (their names do not overlap).
await db.exec('SET search_path TO public, bullmq');
const server = await startWireServer(db, { host: '127.0.0.1', port: Number(process.env.DONDOC_PGLITE_PORT ?? 0) });

let stopping: Promise<void> | undefined;
function stop(): Promise<void> {
  stopping ??= (async () => {
    await server.close();
    await db.close();
  })().finally(() => process.exit(0));
  return stopping;
}
process.on('message', (m) => {
  if (m === 'stop') void stop();
});
process.on('disconnect', () => void stop());
// The parent decides when to stop: Ctrl+C or a service manager's SIGTERM reaches the whole process
// group, and the database must outlive the parent's finishing of in-flight work. If the parent dies,
// the IPC channel closes and this stops.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => {});
process.send({ url: `postgres://postgres@127.0.0.1:${server.port}/postgres` });
