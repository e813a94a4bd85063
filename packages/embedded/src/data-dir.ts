import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * One process at a time opens an embedded database. The one that does claims
 * the data directory by creating `dondoc.pid` (exclusively, so two starting at
 * once cannot both win) and then records the database's URL in it; a second
 * `dondoc start` refuses, and other CLI commands connect to that URL instead.
 */
export interface Holder {
  pid: number;
  /** Empty while the holder is still starting its database. */
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

export class DataDirInUse extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `Cơ sở dữ liệu nhúng ở ${dataDir} đang được tiến trình ${pid} dùng: dondoc đang chạy rồi. / The embedded database in ${dataDir} is in use by process ${pid}: dondoc is already running (stop it, or set DONDOC_DATA_DIR to another directory).`,
    );
  }
}

/** Claims `dataDir` for this process, or throws DataDirInUse. */
export function claim(dataDir: string): { record(databaseUrl: string): void; release(): void } {
  mkdirSync(dataDir, { recursive: true });
  const holder = holderOf(dataDir);
  if (holder) throw new DataDirInUse(dataDir, holder.pid);
  rmSync(file(dataDir), { force: true }); // a stale claim
  const write = (databaseUrl: string, flag: 'w' | 'wx') => writeFileSync(file(dataDir), JSON.stringify({ pid: process.pid, databaseUrl } satisfies Holder), { flag });
  try {
    write('', 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new DataDirInUse(dataDir, holderOf(dataDir)?.pid ?? 0);
    throw err;
  }
  return {
    record: (databaseUrl) => write(databaseUrl, 'w'),
    release() {
      if (holderOf(dataDir)?.pid === process.pid) rmSync(file(dataDir), { force: true });
    },
  };
}
