/**
 * How fast does dondoc take users' commands, against PostgreSQL alone doing
 * the same writes? (issue 17, the write path)
 *
 *   pnpm bench:commands [--directives 10] [--units 200] [--big 2000] [--concurrency 16] [--seconds 30]
 *                       [--pgbench-seconds 20] [--snapshot-bytes 1200] [--scenario small|big|both] [--keep]
 *
 * Stands on bench-stack.ts: a database, Redis prefix and SMTP sink of its
 * own, dondoc's real API and worker processes as children (the API's rate
 * limit raised to 1,000,000, and said so), `max(units, big)` bench communes
 * with a focal officer each and an API token per officer, so the commands
 * come from many users as in a province.
 *
 * Scenarios: `small` issues `--directives` directives to `--units` units each
 * (many small), `big` one directive to `--big` units. Each directive is issued
 * through the API as the Office (POST /api/v1/directives, one task, no targets,
 * due 20 working days later so that no timer fires during the run), timed to
 * its answer and to the moment all the timers it scheduled were delayed jobs in
 * Redis (the last of its timer outbox rows published by the relay). Once the
 * issue's mails are sent, `--concurrency` clients each take the next
 * assignment (round-robin over the directives, so commands on one directive run
 * concurrently) and send, with its unit officer's token, acknowledge, start and
 * submit-report in order, for `--seconds` or until every assignment is done.
 * Every command's wall time (client on loopback, request sent to last byte
 * read) and status are recorded; a non-2xx answer is an error (the first few
 * bodies are printed). Then, for the outbox rows and mails those commands made:
 * commit-to-effect, from the row's created_at (its transaction's start) to its
 * published_at (the relay put the job in Redis) and to the mail's arrival in
 * the sink. During the command phase it samples pg_stat_activity (what
 * sessions wait on), counts PostgreSQL commits, and the CPU time of the API,
 * the worker, the database's backends and this process.
 *
 * The anchor, in the same run after each scenario: pgbench on the same
 * database (commands.anchor.ts) with the same write shape and as many clients;
 * its snapshot is the run's largest real one (~0.3 KB), padded to
 * `--snapshot-bytes` (1.2 KB, what issue 17's anchor wrote).
 * Target (issue 17): commands/s ≥ 0.25× its TPS, p99 ≤ 100 ms, on the big
 * directive as on the small ones. Needs PostgreSQL, Redis (BENCH_POSTGRES_URL,
 * REDIS_URL, as the tests) and /usr/bin/pgbench.
 *
 * It lives beside the timers bench in services/worker because the SMTP sink
 * (`@dondoc/mail`) is the worker's to import, not the API's.
 */
import { parseArgs } from 'node:util';
import { effectsDrained, fmt, pct, postDirective, startBenchStack, timersDelayedAfter } from './bench-stack.ts';
import { prepareAnchor, runAnchor, type AnchorFigures } from './commands.anchor.ts';
import { startPhaseProbe, type PhaseProbe } from './commands.probes.ts';

const { values } = parseArgs({
  options: {
    directives: { type: 'string', default: '10' },
    units: { type: 'string', default: '200' },
    big: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '16' },
    seconds: { type: 'string', default: '30' },
    'pgbench-seconds': { type: 'string', default: '20' },
    scenario: { type: 'string', default: 'both' },
    'snapshot-bytes': { type: 'string', default: '1200' },
    keep: { type: 'boolean', default: false },
  },
});
const SMALL_DIRECTIVES = Number(values.directives);
const SMALL_UNITS = Number(values.units);
const BIG_UNITS = Number(values.big);
const CONCURRENCY = Number(values.concurrency);
const PHASE_MS = Number(values.seconds) * 1000;
const PGBENCH_SECONDS = Number(values['pgbench-seconds']);
if (!['small', 'big', 'both'].includes(values.scenario)) throw new Error(`--scenario must be small, big or both, not ${values.scenario}`);
/** The anchor's snapshot size: issue 17's anchor wrote 1.2 KB; a real one is padded up to it (0: as it is). */
const SNAPSHOT_BYTES = Number(values['snapshot-bytes']);
/** How long to wait for effects (mails sent, jobs published) before going on without them. */
const DRAIN_CAP_MS = 300_000;
const TARGET = { ratio: 0.25, p99: 100 };
const log = (line: string) => console.log(line);

/** The snapshot as compact JSON, with a `benchPadding` field that brings it to `bytes` when it is smaller. */
function padSnapshot(snapshot: string, bytes: number): string {
  const value = JSON.parse(snapshot) as Record<string, unknown>;
  const compact = JSON.stringify(value);
  const missing = bytes - Buffer.byteLength(compact) - ',"benchPadding":""'.length;
  return missing <= 0 ? compact : JSON.stringify({ ...value, benchPadding: 'x'.repeat(missing) });
}

interface Scenario {
  name: 'small' | 'big';
  directives: number;
  units: number;
  group: string;
}

interface CommandResult {
  kind: string;
  ms: number;
  status: number;
}

interface ScenarioFigures {
  scenario: Scenario;
  posts: { ms: number; timers: number; timersMs: number | null }[];
  /** Delayed jobs in the timers queue after the scenario's directives were issued (the run's so far). */
  delayed: number;
  issueDrainMs: number | null;
  issueMails: number;
  results: CommandResult[];
  phaseMs: number;
  assignmentsDone: number;
  assignments: number;
  errors: Map<string, number>;
  effects: { queue: string; ms: number }[];
  effectsDrainMs: number | null;
  mails: number[];
  transactions: number;
  probed: Awaited<ReturnType<PhaseProbe['stop']>>;
  snapshotBytes: { real: number; anchor: number };
  anchor: AnchorFigures;
}

const COMMANDS = [
  { kind: 'acknowledge', body: undefined },
  { kind: 'start', body: undefined },
  { kind: 'submit-report', body: { text: 'Đơn vị đã triển khai và hoàn thành nhiệm vụ (báo cáo của bench).' } },
] as const;

async function main() {
  const t0 = Date.now();
  const scenarios: Scenario[] = [
    { name: 'small' as const, directives: SMALL_DIRECTIVES, units: SMALL_UNITS, group: 'bench-xa-small' },
    { name: 'big' as const, directives: 1, units: BIG_UNITS, group: 'bench-xa-big' },
  ].filter((s) => values.scenario === 'both' || values.scenario === s.name);
  const benchUnits = Math.max(...scenarios.map((s) => s.units));

  const stack = await startBenchStack({
    name: 'commands',
    units: benchUnits,
    groups: scenarios.map((sc) => ({ code: sc.group, name: `Các xã thử tải (${sc.name}, ${sc.units})`, size: sc.units })),
    officerTokens: true,
    keep: values.keep,
  });
  const { pool, redis, catcher, base, api, worker, tokens, prefix: PREFIX, dbUrl } = stack;
  try {
    const header = stack.header(
      'bench:commands',
      `Sizes: ${scenarios.map((s) => `${s.name} = ${s.directives} × ${s.units} units`).join(', ')}; concurrency ${CONCURRENCY}; command phase ≤ ${PHASE_MS / 1000} s; pgbench ${PGBENCH_SECONDS} s.`,
    );
    log(header);

    let numberSeq = 100;
    const all: ScenarioFigures[] = [];
    for (const scenario of scenarios) {
      log(`\n## ${scenario.name}: ${scenario.directives} × ${scenario.units}`);
      // ---- issue ----
      const posts: ScenarioFigures['posts'] = [];
      const perDirective: { id: string; code: string }[][] = [];
      for (let d = 0; d < scenario.directives; d++) {
        const requestId = `bc-issue-${scenario.name}-${d}`;
        const numberSymbol = `${++numberSeq}/CT-UBND`;
        const subject = `Chỉ thị thử tải số ${numberSeq} (${scenario.name})`;
        // Due 20 working days later, so that no timer fires during the run.
        const { ms, sent, assignments } = await postDirective(stack, { numberSymbol, subject, group: scenario.group, requestId, days: 20 });
        perDirective.push(assignments);
        // All its timers are delayed jobs in Redis once the relay has published every timer outbox row the POST wrote.
        const { timers, timersMs } = await timersDelayedAfter(pool, requestId, sent, DRAIN_CAP_MS);
        posts.push({ ms, timers, timersMs });
        log(
          `  POST ${numberSymbol} to ${assignments.length} units: answered in ${ms} ms; ${timers} timers delayed in Redis ${timersMs === null ? 'not within the cap' : `${timersMs} ms after it was sent`}`,
        );
      }
      // The issue's mails (one per unit) go out before the command phase, so that it measures commands, not the fan-out's tail.
      // What Redis holds: every timer of the run so far should be a delayed job of the timers queue (none falls due during it).
      const delayed = await redis.zcard(`${PREFIX}:timers:delayed`);
      const issueMails = (await pool.query(`SELECT count(*)::int AS n FROM notifications WHERE request_id LIKE $1`, [`bc-issue-${scenario.name}-%`])).rows[0]
        .n as number;
      const issueDrainMs = await effectsDrained(pool, `bc-issue-${scenario.name}-%`, DRAIN_CAP_MS);
      log(
        `  the issue's ${issueMails} mails sent ${issueDrainMs === null ? 'not within the cap' : `${(issueDrainMs / 1000).toFixed(1)} s after the last POST`}`,
      );

      // ---- commands ----
      const order: { id: string; code: string }[] = [];
      const longest = Math.max(...perDirective.map((a) => a.length));
      for (let k = 0; k < longest; k++) for (const list of perDirective) if (list[k]) order.push(list[k]!);
      const results: CommandResult[] = [];
      const errors = new Map<string, number>();
      let shown = 0;
      let next = 0;
      let done = 0;
      let requestSeq = 0;
      const probe = await startPhaseProbe(pool, { api: api.pid, worker: worker.pid });
      const phaseStart = performance.now();
      const deadline = phaseStart + PHASE_MS;
      const client = async () => {
        while (performance.now() < deadline) {
          const a = order[next++];
          if (!a) return;
          let ok = true;
          for (const c of COMMANDS) {
            if (performance.now() >= deadline) return;
            const s = performance.now();
            let status = 0;
            let text = '';
            try {
              const res = await fetch(`${base}/api/v1/assignments/${a.id}/${c.kind}`, {
                method: 'POST',
                headers: {
                  authorization: `Bearer ${tokens.get(a.code)}`,
                  'x-request-id': `bc-${scenario.name}-${++requestSeq}`,
                  ...(c.body && { 'content-type': 'application/json' }),
                },
                ...(c.body && { body: JSON.stringify(c.body) }),
              });
              status = res.status;
              text = await res.text();
            } catch (e) {
              text = (e as Error).message;
            }
            results.push({ kind: c.kind, ms: performance.now() - s, status });
            if (status < 200 || status > 299) {
              const key = `${c.kind} ${status || 'network error'}`;
              errors.set(key, (errors.get(key) ?? 0) + 1);
              if (shown++ < 5) log(`  error: ${c.kind} ${a.id} → ${status}: ${text.slice(0, 400)}`);
              ok = false;
              break;
            }
          }
          if (ok) done++;
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, client));
      const phaseMs = performance.now() - phaseStart;
      const probed = await probe.stop();
      log(`  command phase: ${results.length} commands in ${(phaseMs / 1000).toFixed(1)} s, ${done} of ${order.length} assignments reported`);

      // ---- commit to effect ----
      const like = `bc-${scenario.name}-%`;
      const effectsDrainMs = await effectsDrained(pool, like, 120_000);
      const transactions = await probe.transactions();
      const effects = (
        await pool.query(
          `SELECT queue, extract(epoch FROM published_at - created_at) * 1000 AS ms FROM outbox WHERE request_id LIKE $1 AND published_at IS NOT NULL`,
          [like],
        )
      ).rows.map((r) => ({ queue: r.queue as string, ms: Number(r.ms) }));
      const arrivals = new Map(catcher.messages.map((m) => [m.parsed.messageId?.replace(/^<|>$/g, ''), m.at.getTime()]));
      const mails = (await pool.query(`SELECT message_id, created_at FROM notifications WHERE request_id LIKE $1`, [like])).rows
        .map((r) => {
          const at = arrivals.get(String(r.message_id).replace(/^<|>$/g, ''));
          return at === undefined ? Number.NaN : at - (r.created_at as Date).getTime();
        })
        .filter((v) => !Number.isNaN(v));

      // ---- the anchor ----
      const real = (
        await pool.query(
          `SELECT a.snapshot::text AS s FROM assignments a JOIN unit_group_members m ON m.unit_id = a.unit_id AND m.group_code = $1
           ORDER BY a.version DESC, length(a.snapshot::text) DESC LIMIT 1`,
          [scenario.group],
        )
      ).rows[0].s as string;
      const snapshot = padSnapshot(real, SNAPSHOT_BYTES);
      const rows = scenario.directives * scenario.units;
      await prepareAnchor(pool, rows, scenario.units, snapshot);
      const anchor = await runAnchor(dbUrl, { rows, snapshot, clients: CONCURRENCY, seconds: PGBENCH_SECONDS });
      log(`  pgbench: ${anchor.tps.toFixed(0)} TPS, latency average ${anchor.latencyMs.toFixed(1)} ms (${anchor.transactions} transactions)`);

      all.push({
        scenario,
        posts,
        delayed,
        issueDrainMs,
        issueMails,
        results,
        phaseMs,
        assignmentsDone: done,
        assignments: order.length,
        errors,
        effects,
        effectsDrainMs,
        mails,
        transactions,
        probed,
        snapshotBytes: { real: Buffer.byteLength(padSnapshot(real, 0)), anchor: Buffer.byteLength(snapshot) },
        anchor,
      });
    }

    log(`\n${header}\n`);
    for (const f of all) log(table(f));
    if (all.length > 1) {
      log('\n| scenario | commands/s | p99 ms | pgbench TPS | ratio | verdict |\n| --- | --- | --- | --- | --- | --- |');
      for (const f of all) {
        const s = summary(f);
        log(
          `| ${f.scenario.name} (${f.scenario.directives} × ${f.scenario.units}) | ${fmt(s.rate)} | ${fmt(s.p99)} | ${fmt(f.anchor.tps)} | ${s.ratio.toFixed(3)}× | ${s.verdict} |`,
        );
      }
    }
    log(`\nRun took ${((Date.now() - t0) / 1000).toFixed(0)} s. Figures from a shared machine are noisy: compare the ratio, not the absolute rates.`);
  } finally {
    await stack.close();
  }
}

function summary(f: ScenarioFigures) {
  const ok = f.results.filter((r) => r.status >= 200 && r.status < 300);
  const sorted = f.results.map((r) => r.ms).sort((a, b) => a - b);
  const rate = ok.length / (f.phaseMs / 1000);
  const ratio = rate / f.anchor.tps;
  const p99 = pct(sorted, 99);
  const why = [...(ratio < TARGET.ratio ? ['ratio'] : []), ...(p99 > TARGET.p99 ? ['p99'] : []), ...(ok.length < f.results.length ? ['errors'] : [])];
  return { ok, sorted, rate, ratio, p99, verdict: why.length ? `FAIL (${why.join(', ')})` : 'PASS' };
}

function table(f: ScenarioFigures): string {
  const s = summary(f);
  const { scenario: sc } = f;
  const ms = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return `${fmt(pct(sorted, 50))} / ${fmt(pct(sorted, 99))} ms (n ${xs.length})`;
  };
  const byKind = COMMANDS.map((c) => {
    const xs = f.results.filter((r) => r.kind === c.kind).map((r) => r.ms);
    return `${c.kind} ${ms(xs)}`;
  }).join('; ');
  const queues = [...new Set(f.effects.map((e) => e.queue))].sort();
  const postMs = f.posts.map((p) => p.ms).sort((a, b) => a - b);
  const timersMs = f.posts.map((p) => p.timersMs ?? Number.NaN).sort((a, b) => a - b);
  const timers = f.posts.reduce((n, p) => n + p.timers, 0);
  const posts =
    f.posts.length === 1
      ? [`${fmt(postMs[0]!)} ms`, `${fmt(timersMs[0]!)} ms (${timers} timers)`]
      : [`p50 ${fmt(pct(postMs, 50))}, max ${fmt(postMs.at(-1)!)} ms`, `p50 ${fmt(pct(timersMs, 50))}, max ${fmt(timersMs.at(-1)!)} ms (${timers} timers)`];
  const waitShare = (n: number) => `${((100 * n) / Math.max(1, f.probed.samples * f.probed.busySessions)).toFixed(0)}%`;
  const core = (sec: number) => `${sec.toFixed(1)} s (${((100 * sec) / (f.phaseMs / 1000)).toFixed(0)}% of a core)`;
  const rows: [string, string, string][] = [
    [`directive POST to ${sc.units} units`, posts[0]!, ''],
    ['POST sent → all its timers delayed in Redis', posts[1]!, `the timers queue holds ${f.delayed} delayed jobs (the run's so far)`],
    [
      `the issue's mails sent (${f.issueMails})`,
      f.issueDrainMs === null ? 'not within the cap' : `${(f.issueDrainMs / 1000).toFixed(1)} s after the last POST`,
      '',
    ],
    [
      'commands (2xx / sent)',
      `${s.ok.length} / ${f.results.length} in ${(f.phaseMs / 1000).toFixed(1)} s; ${f.assignmentsDone} of ${f.assignments} assignments reported`,
      '',
    ],
    ['**commands/s**', `**${fmt(s.rate)}**`, `≥ ${fmt(TARGET.ratio * f.anchor.tps)} (0.25 × pgbench)`],
    [
      'latency p50 / p95 / p99',
      `${fmt(pct(s.sorted, 50))} / ${fmt(pct(s.sorted, 95))} / **${fmt(s.p99)}** ms`,
      `p99 ≤ ${TARGET.p99} ms ${s.p99 <= TARGET.p99 ? 'PASS' : 'FAIL'}`,
    ],
    ['by command, p50 / p99', byKind, ''],
    ['errors', f.errors.size ? [...f.errors.entries()].map(([k, n]) => `${k} × ${n}`).join(', ') : '0', '0'],
    ...queues.map(
      (q) => [`commit → relay published (${q} outbox rows)`, ms(f.effects.filter((e) => e.queue === q).map((e) => e.ms)), ''] as [string, string, string],
    ),
    ['commit → mail in the SMTP sink', f.mails.length ? ms(f.mails) : '–', ''],
    ["the commands' effects drained", f.effectsDrainMs === null ? 'not within 120 s' : `${(f.effectsDrainMs / 1000).toFixed(1)} s after the phase`, ''],
    [
      'pgbench, same write shape',
      `**${fmt(f.anchor.tps)} TPS**, latency average ${fmt(f.anchor.latencyMs)} ms (${CONCURRENCY} clients, ${sc.directives * sc.units} rows, ${fmt(f.snapshotBytes.anchor / 1024)} KB snapshot: the run's largest assignment snapshot, ${fmt(f.snapshotBytes.real / 1024)} KB${f.snapshotBytes.anchor > f.snapshotBytes.real ? ', padded' : ''})`,
      '',
    ],
    ['**ratio** commands/s ÷ TPS', `**${s.ratio.toFixed(3)}×**`, `≥ ${TARGET.ratio}× ${s.ratio >= TARGET.ratio ? 'PASS' : 'FAIL'}`],
    [
      'PostgreSQL transactions per command',
      f.results.length ? (f.transactions / f.results.length).toFixed(2) : '–',
      "all sessions (API and worker, until the effects drained), the bench's own left out",
    ],
    ['non-idle PostgreSQL sessions (mean)', fmt(f.probed.busySessions), 'sampled every 200 ms'],
    ['what they were doing', f.probed.waits.map(([k, n]) => `${k} ${waitShare(n)}`).join('; '), ''],
    ['statements waiting on a lock', f.probed.lockStatements.map(([q, n]) => `\`${q}\` ${waitShare(n)}`).join('; ') || '–', ''],
    [
      'CPU during the phase',
      `API ${core(f.probed.cpu.api)}, worker ${core(f.probed.cpu.worker)}, PostgreSQL backends ${core(f.probed.cpu.postgres)}, bench ${core(f.probed.cpu.bench)}`,
      '',
    ],
  ];
  return [
    `\n### ${sc.name}: ${sc.directives} directive${sc.directives === 1 ? '' : 's'} × ${sc.units} units — ${s.verdict}\n`,
    '| figure | value | target |',
    '| --- | --- | --- |',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

await main();
