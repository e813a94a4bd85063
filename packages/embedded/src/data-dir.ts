import { existsSync, linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * One process at a time opens an embedded database. The one that does claims
 * the data directory by creating `dondoc.pid` (exclusively and whole, by a hard
 * link of a finished file, so two starting at once cannot both win and nobody
 * reads half a claim) and then records the database's URL in it. A second
 * `dondoc start` refuses; CLI commands connect to a running start's database,
 * and wait for a CLI command that has it open to finish.
 */
export interface Holder {
  /** The process that claimed the directory; 0 when the file cannot be read. */
  pid: number;
  /** The PGlite child process, once started: it may outlive a killed holder by a moment. */
  childPid?: number;
  kind: 'start' | 'cli';
  /** Empty while the holder is still starting its database. */
  databaseUrl: string;
}

const claimFile = (dataDir: string) => join(dataDir, 'dondoc.pid');

const alive = (pid: number | undefined) => {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The live process holding `dataDir`, if any. A claim whose processes are gone is stale and ignored. */
export function holderOf(dataDir: string): Holder | null {
  let text: string;
  try {
    text = readFileSync(claimFile(dataDir), 'utf8');
  } catch {
    return null;
  }
  let holder: Holder;
  try {
    holder = JSON.parse(text) as Holder;
  } catch {
    // Claims are written whole (link, rename), so this one is damaged: held, to be safe, and the message says to delete it.
    return { pid: 0, kind: 'start', databaseUrl: '' };
  }
  return holder.pid === process.pid || alive(holder.pid) || alive(holder.childPid) ? holder : null;
}

export class DataDirInUse extends Error {
  constructor(dataDir: string, pid: number) {
    const file = claimFile(dataDir);
    super(
      pid
        ? `Cơ sở dữ liệu nhúng ở ${dataDir} đang được tiến trình ${pid} dùng: dondoc đang chạy rồi. / The embedded database in ${dataDir} is in use by process ${pid}: dondoc is already running (stop it, or set DONDOC_DATA_DIR to another directory; if no dondoc runs, delete ${file}).`
        : `Không đọc được ${file}: nếu không có dondoc nào đang chạy, hãy xóa tệp này. / ${file} cannot be read: if no dondoc is running, delete it.`,
    );
  }
}

/** Claims `dataDir` for this process, or throws DataDirInUse. */
export function claim(dataDir: string, kind: Holder['kind']): { record(databaseUrl: string, childPid: number): void; release(): void } {
  mkdirSync(dataDir, { recursive: true });
  const file = claimFile(dataDir);
  const holder = holderOf(dataDir);
  if (holder) throw new DataDirInUse(dataDir, holder.pid);
  if (existsSync(file)) rmSync(file, { force: true }); // a stale claim
  const content = (h: Holder) => JSON.stringify(h);
  const draft = `${file}.${process.pid}`;
  writeFileSync(draft, content({ pid: process.pid, kind, databaseUrl: '' }));
  try {
    linkSync(draft, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new DataDirInUse(dataDir, holderOf(dataDir)?.pid ?? 0);
    throw err;
  } finally {
    rmSync(draft, { force: true });
  }
  return {
    record(databaseUrl, childPid) {
      // Written aside and renamed, so a reader never sees half a file.
      writeFileSync(`${file}.tmp`, content({ pid: process.pid, childPid, kind, databaseUrl }));
      renameSync(`${file}.tmp`, file);
    },
    release() {
      if (holderOf(dataDir)?.pid === process.pid) rmSync(file, { force: true });
    },
  };
}
