import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface EmbeddedServer {
  /** A connection URL on the loopback interface. */
  readonly url: string;
  /** The server's process. */
  readonly pid: number;
  /** Stops the server; resolves once it has exited. */
  close(): Promise<void>;
}

/**
 * Starts PGlite on `dataDir` (created if missing) in a child process and resolves
 * with its URL. One process at a time may open a data directory; the caller
 * guards that (see `data-dir.ts`).
 */
export async function startEmbeddedPostgres(opts: { dataDir: string; port?: number }): Promise<EmbeddedServer> {
  const child = fork(fileURLToPath(new URL('./postgres.child.ts', import.meta.url)), [], {
    env: { ...process.env, DONDOC_PGLITE_DIR: opts.dataDir, DONDOC_PGLITE_PORT: String(opts.port ?? 0) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m: { url?: string }) => (m.url ? resolve(m.url) : reject(new Error('embedded PostgreSQL sent no URL'))));
    child.once('exit', (code) => reject(new Error(`embedded PostgreSQL (PGlite, ${opts.dataDir}) exited with code ${code} before it was ready`)));
  });
  child.on('error', () => {}); // a send to a child that already died; `exited` tells
  return {
    url,
    pid: child.pid!,
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.send('stop');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
