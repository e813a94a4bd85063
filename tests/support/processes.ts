import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '@dondoc/embedded';

/**
 * dondoc's own API and worker processes (their real `main.ts`), started the way
 * an operator would start them: configuration in the environment only.
 */
export interface ServiceProcess {
  name: string;
  child: ChildProcess;
  /** The HTTP port: the API's, or the worker's ops endpoint. */
  port: number;
  url: string;
  /** Everything it wrote to stderr and stdout, for a failing test's message. */
  output(): string;
  exited: Promise<number | null>;
}

const root = fileURLToPath(new URL('../..', import.meta.url));
/** What each kind runs: the API process, the worker process, or `dondoc start` (both in one, with embedded servers). */
const mains = { api: ['services/api/src/main.ts'], worker: ['services/worker/src/main.ts'], start: ['services/cli/src/main.ts', 'start'] } as const;

/**
 * Starts one and resolves once its /readyz answers 200. With `inherit: false` the
 * process sees only `env` (no DATABASE_URL or PATH of the test's own).
 */
export async function startService(
  kind: keyof typeof mains,
  name: string,
  env: Record<string, string>,
  opts: { inherit?: boolean; readyWithinMs?: number } = {},
): Promise<ServiceProcess> {
  const port = await freePort();
  const portEnv = kind === 'worker' ? { WORKER_OPS_HOST: '127.0.0.1', WORKER_OPS_PORT: String(port) } : { API_HOST: '127.0.0.1', API_PORT: String(port) };
  const base = opts.inherit === false ? {} : process.env;
  const child = spawn(process.execPath, [...mains[kind]], {
    cwd: root,
    env: { ...base, LOG_LEVEL: 'warn', ...env, ...portEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (b: Buffer) => {
    out = (out + b.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  // If the test process ends without stopping it (a crash, a timeout), the service must not outlive it.
  const orphanGuard = () => child.kill('SIGKILL');
  process.on('exit', orphanGuard);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      process.off('exit', orphanGuard);
      resolve(code);
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const svc: ServiceProcess = { name, child, port, url, output: () => out, exited };
  const readyWithinMs = opts.readyWithinMs ?? 30_000;
  const deadline = Date.now() + readyWithinMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${out}`);
    const ok = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return svc;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} was not ready within ${readyWithinMs / 1000} s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** SIGTERM and wait; a process that outstays `graceMs` is killed. */
export async function stopService(svc: ServiceProcess, graceMs = 15_000): Promise<number | null> {
  if (svc.child.exitCode !== null || svc.child.signalCode !== null) return svc.child.exitCode;
  svc.child.kill('SIGTERM');
  const timer = setTimeout(() => svc.child.kill('SIGKILL'), graceMs);
  const code = await svc.exited;
  clearTimeout(timer);
  return code;
}
