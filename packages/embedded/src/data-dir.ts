import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * One process at a time opens an embedded database. The one that does writes
 * `dondoc.pid` in the data directory with its pid and the database's URL, so a
 * second `dondoc start` refuses and other CLI commands connect to it instead.
 */
export interface Holder {
  pid: number;
  databaseUrl: string;
}

const file = (dataDir: string) => join(dataDir, 'dondoc.pid');

/** The live process holding `dataDir`, if any (a holder that died leaves a stale file, ignored here). */
export function holderOf(dataDir: string): Holder | null {
  let holder: Holder;
  try {
    holder = JSON.parse(readFileSync(file(dataDir), 'utf8')) as Holder;
  } catch {
    return null;
  }
  if (holder.pid === process.pid) return holder;
  try {
    process.kill(holder.pid, 0);
    return holder;
  } catch {
    return null;
  }
}

export function claim(dataDir: string, databaseUrl: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file(dataDir), JSON.stringify({ pid: process.pid, databaseUrl } satisfies Holder));
  return () => {
    if (holderOf(dataDir)?.pid === process.pid) rmSync(file(dataDir), { force: true });
  };
}
