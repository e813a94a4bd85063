/**
 * Seeds a database for the read-path benchmark (`reads.bench.ts`) at a given
 * size, fast: the demo province through the real seed (`seedDemo`, which gives
 * the demo users and their argon2id password hash), then everything else with
 * set-based SQL (`insert … select … from generate_series`), a few statements
 * for a million assignments. Fixture building: written here in bulk, not
 * through the engine (which would take hours at this size); how each invariant
 * of the schema and of the engine is kept:
 *
 * - Units: ~3,400 (the demo's 29, 20 more provincial departments, 57 more
 *   districts, 3,316 more communes: 3,321 communes in all, each under a
 *   district), each with a head and a focal officer (users with the demo
 *   password hash), and in the unit group of its kind as the demo's are.
 * - Directives: `--directives` of them (default 2,000), numbered per issuer and
 *   year (the unique key), issued over 2022–2026 on working days; those issued
 *   before August 2026 mostly closed (some withdrawn, a few still open), the
 *   later ones open. Their reminder and escalation policies are the province's
 *   defaults, as `issueDirective` stores them.
 * - Tasks: 1–4 per directive, each addressed to a run of units of one tier
 *   (provincial bodies, districts or communes), so every assignment belongs to
 *   a task of its own directive and a real unit, once per task (the unique key);
 *   `addressees` lists those units as the text would, `lead_unit_id` is set when
 *   the task has one lead. Deadlines are `date` or `working_days` specs resolved
 *   with the real calendar (`resolveDeadline`), at least 10 days after issue.
 * - Assignments: each gets a story (stories.ts): the events it went through,
 *   replayed through the real machine's `accepts`, its final state and context,
 *   and the machine's own persisted snapshot of that state (restored by
 *   `restore` as it is); the read-model columns (state, due_at, overdue,
 *   escalation_level), `version` (= its number of events) and the audit trail
 *   (`events`, seq 1…version, from/to states, payload as the engine writes it:
 *   the event without its type, timer events with their generation) are all
 *   derived from that one story, so they agree. The story is drawn by the
 *   directive's fate and the deadline: closed directives' assignments are all
 *   reviewed (some late, up the ladder; some after a return; some after a
 *   granted extension, whose due_at is then the extension's); a withdrawn
 *   directive's are cancelled; an open directive's are in progress, reported,
 *   returned, with an extension pending, or (past the deadline) overdue and up
 *   the ladder as far as the days since allow. A directive's state is then its
 *   assignments' `rollupStage` (closed and withdrawn kept), its snapshot the
 *   directive machine's, its trail ISSUE, ROLLUP, CLOSE or WITHDRAW.
 * - Event times follow the story (days after issue or after the deadline),
 *   capped at a few minutes before now so that no event is in the future and seq
 *   order is time order. The ladder's rungs are placed at 0, 2 and 5 calendar
 *   days after the deadline (the policy counts working days): an approximation
 *   of when, not of what.
 * - The columns the engine keeps from the trail (reported_at: the latest
 *   SUBMIT_REPORT's time, returns, extended) come from the same story, and
 *   closed directives' figures are counted as the engine counts them at close.
 * - Timers: the one timer each open assignment has pending (its deadline, or
 *   the next rung of the ladder), of its current generation. Timers already
 *   fired or cancelled, reminders, notifications and outbox rows are not
 *   written: no page reads them, and the benchmark runs no worker.
 * - Periodic reports: one Kế hoạch addressed to the 3,321 communes (two tasks,
 *   with targets), a monthly regime, and two closed periods (2026-09 and
 *   2026-10, due and closing times from the regime's rule and the calendar),
 *   each with a report from every commune, stories as for assignments (accepted,
 *   late, returned, still submitted, missing) with values for the targets.
 */
import { randomUUID } from 'node:crypto';
import type { PoolClient } from 'pg';
import { countClosedDirectiveFigures, countDirectiveProgress, createDb, createPool, loadCalendar, seedDemo } from '@dondoc/db';
import { periodDeadlines, periodOf, resolveDeadline, type DeadlineSpec } from '@dondoc/domain';
import { ASSIGNMENT_MACHINE_VERSION, UNIT_REPORT_MACHINE_VERSION, DIRECTIVE_MACHINE_VERSION, DIRECTIVE_STATES, directiveMachine } from '@dondoc/workflows';
import { assignmentStories, replayStory, unitReportStories, type ReplayedStory } from './stories.ts';

type Pool = ReturnType<typeof createPool>;

export interface SeedOptions {
  assignments: number;
  directives: number;
  log: (line: string) => void;
}

/** 3,321 communes: the Kế hoạch's audience and its consolidated report. */
export const COMMUNES = 3321;
/** The largest directive: two tasks to every commune. */
export const PERIODIC_ASSIGNMENTS = 2 * COMMUNES;
export const PERIODIC_NUMBER = '1/KH-UBND';
export const MEASURED_PERIOD = '2026-10';

/** A small deterministic PRNG (mulberry32), so the same size seeds the same plan. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const addDaysIso = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
/** A weekday on or before the date. */
const weekday = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? addDaysIso(date, -2) : d === 6 ? addDaysIso(date, -1) : date;
};

interface PlanDirective {
  id: string;
  type: string;
  numberSymbol: string;
  issuer: string;
  monitoring: string;
  issuedOn: string;
  fate: 'closed' | 'open' | 'withdrawn';
  subject: string;
  classification: string;
}

interface PlanTask {
  id: string;
  directiveId: string;
  ordinal: number;
  title: string;
  isRequest: boolean;
  spec: DeadlineSpec;
  dueAt: Date;
  startAt: Date;
  fate: PlanDirective['fate'];
  audStart: number;
  audSize: number;
  offset: number;
  count: number;
  lead: boolean;
  targets: 'none' | 'generic' | 'periodic';
}

const suffix: Record<string, string> = { chi_thi: 'CT-UBND', cong_van: 'UBND-VX', ke_hoach: 'KH-UBND', thong_bao: 'TB-UBND', quyet_dinh: 'QĐ-UBND' };
const topics = [
  'tăng cường công tác phòng, chống thiên tai',
  'đẩy mạnh cải cách hành chính',
  'bảo đảm trật tự an toàn giao thông',
  'phòng, chống dịch bệnh trên gia súc, gia cầm',
  'chuyển đổi số trong cơ quan nhà nước',
  'giải ngân vốn đầu tư công',
  'phòng cháy, chữa cháy trong mùa khô',
  'quản lý đất đai và trật tự xây dựng',
  'bảo vệ môi trường và xử lý rác thải',
  'chấn chỉnh kỷ luật, kỷ cương hành chính',
];

/** Does the database already hold this size? (assignments and directives, and the measured period's reports.) */
export async function seededSize(pool: Pool): Promise<{ assignments: number; directives: number; reports: number }> {
  const { rows } = await pool.query(`
    SELECT (SELECT count(*) FROM assignments)::int AS assignments, (SELECT count(*) FROM directives)::int AS directives,
      (SELECT count(*) FROM unit_reports r JOIN report_periods p ON p.id = r.period_id WHERE p.period_key = '${MEASURED_PERIOD}')::int AS reports`);
  return rows[0];
}

export async function seedScale(databaseUrl: string, opts: SeedOptions): Promise<void> {
  const N = opts.assignments;
  const D = opts.directives;
  if (N < PERIODIC_ASSIGNMENTS + D) throw new Error(`--assignments must be at least ${PERIODIC_ASSIGNMENTS + D} for ${D} directives`);
  const t0 = Date.now();
  const lap = (what: string) => opts.log(`  ${what} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);

  // The demo province (units, groups, users with the demo password hash) through the real seed.
  const db = createDb(databaseUrl, { max: 2 });
  await seedDemo(db, { directive: false });
  const cal = await loadCalendar(db);
  await db.destroy();
  lap('demo province');

  const stories = assignmentStories.map(replayStory);
  const reportStories = unitReportStories.map(replayStory);
  const rand = prng(16);

  // ---- the plan: directives and tasks (a few thousand rows, made here) ----
  const directives: PlanDirective[] = [];
  const tasks: PlanTask[] = [];
  const counters = new Map<string, number>();
  const numberOf = (issuer: string, year: string, type: string) => {
    const k = `${issuer}/${year}`;
    const n = (counters.get(k) ?? 0) + 1;
    counters.set(k, n);
    return `${n}/${suffix[type]}`;
  };
  const provincialDepartments = ['so-cong-thuong', 'so-tttt', 'so-noi-vu', 'so-ldtbxh', 'so-gtvt', 'so-tu-phap'];

  // The periodic Kế hoạch first (number 1 of 2026).
  counters.set('ubnd-tinh/2026', 1);
  const periodic: PlanDirective = {
    id: randomUUID(),
    type: 'ke_hoach',
    numberSymbol: PERIODIC_NUMBER,
    issuer: 'ubnd-tinh',
    monitoring: 'cong-an-tinh',
    issuedOn: '2026-01-05',
    fate: 'open',
    subject: 'Kế hoạch thực hiện công tác bảo đảm an ninh, trật tự cơ sở năm 2026',
    classification: 'thuong',
  };
  directives.push(periodic);

  // Sizes of the others: log-normal weights, scaled to the rest of N, at most 6,000 (the Kế hoạch stays the largest).
  const rest = N - PERIODIC_ASSIGNMENTS;
  const weights = Array.from({ length: D - 1 }, () => Math.exp(Math.sqrt(-2 * Math.log(rand() || 1e-9)) * Math.cos(2 * Math.PI * rand())));
  const total = weights.reduce((s, w) => s + w, 0);
  const sizes = weights.map((w) => Math.max(1, Math.min(6000, Math.round((w / total) * rest))));
  let diff = rest - sizes.reduce((s, n) => s + n, 0);
  for (let i = 0; diff !== 0; i = (i + 1) % sizes.length) {
    if (diff > 0 && sizes[i]! < 6000) {
      const add = Math.min(diff, 6000 - sizes[i]!, Math.ceil(diff / sizes.length) + 1);
      sizes[i]! += add;
      diff -= add;
    } else if (diff < 0 && sizes[i]! > 1) {
      const sub = Math.min(-diff, sizes[i]! - 1, Math.ceil(-diff / sizes.length) + 1);
      sizes[i]! -= sub;
      diff += sub;
    }
  }

  const first = Date.parse('2022-01-03T00:00:00Z');
  const last = Date.parse('2026-11-27T00:00:00Z');
  for (let i = 0; i < D - 1; i++) {
    const issuedOn = weekday(new Date(first + ((last - first) * i) / (D - 2 || 1)).toISOString().slice(0, 10));
    const r = rand();
    const type = r < 0.3 ? 'chi_thi' : r < 0.6 ? 'cong_van' : r < 0.8 ? 'ke_hoach' : r < 0.95 ? 'thong_bao' : 'quyet_dinh';
    const issuer = type === 'thong_bao' && rand() < 0.5 ? 'van-phong-ubnd' : 'ubnd-tinh';
    const m = rand();
    const monitoring = m < 0.6 ? 'van-phong-ubnd' : m < 0.8 ? 'cong-an-tinh' : provincialDepartments[Math.floor(rand() * provincialDepartments.length)]!;
    const f = rand();
    const fate = issuedOn < '2026-08-01' ? (f < 0.96 ? 'closed' : f < 0.97 ? 'withdrawn' : 'open') : f < 0.99 ? 'open' : 'withdrawn';
    const topic = topics[i % topics.length]!;
    directives.push({
      id: randomUUID(),
      type,
      numberSymbol: numberOf(issuer, issuedOn.slice(0, 4), type),
      issuer,
      monitoring,
      issuedOn,
      fate,
      subject: `Về việc ${topic} (đợt ${1 + Math.floor(i / topics.length)})`,
      classification: rand() < 0.03 ? 'mat' : 'thuong',
    });
  }

  // ---- units ----
  const pool = createPool(databaseUrl, { max: 1 });
  const c = await pool.connect();
  try {
    await c.query(`SET synchronous_commit = off; SET work_mem = '64MB'; SET maintenance_work_mem = '256MB'`);
    await c.query('BEGIN');
    await c.query(
      `CREATE FUNCTION pg_temp.iso(timestamptz) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT to_char($1 AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') $$`,
    );
    await c.query(`
      INSERT INTO units (code, name, kind, parent_id, head_name, head_email, focal_name, focal_email)
      SELECT code, name, kind, (SELECT id FROM units WHERE code = 'ubnd-tinh'), 'Thủ trưởng ' || name, code || '.lanhdao@hoa-an.example', 'Cán bộ đầu mối ' || name, code || '.daumoi@hoa-an.example'
      FROM (SELECT 'so-b' || i AS code, 'Sở chuyên ngành số ' || i AS name, 'department' AS kind FROM generate_series(1, 20) i
            UNION ALL SELECT 'h-b' || i, 'UBND huyện số ' || i, 'district' FROM generate_series(1, 57) i) x;
      INSERT INTO units (code, name, kind, parent_id, head_name, head_email, focal_name, focal_email)
      SELECT 'x-b' || i, 'UBND xã số ' || i, 'commune', d.id, 'Chủ tịch UBND xã số ' || i, 'x-b' || i || '.lanhdao@hoa-an.example', 'Cán bộ đầu mối UBND xã số ' || i, 'x-b' || i || '.daumoi@hoa-an.example'
      FROM generate_series(1, ${COMMUNES - 5}) i
      JOIN (SELECT id, row_number() OVER (ORDER BY code) - 1 AS k, count(*) OVER () AS n FROM units WHERE kind = 'district') d ON d.k = i % d.n;
      INSERT INTO users (unit_id, role, email, name, password_hash)
      SELECT u.id, r.role, CASE r.role WHEN 'unit_head' THEN u.head_email ELSE u.focal_email END, CASE r.role WHEN 'unit_head' THEN u.head_name ELSE u.focal_name END,
        (SELECT password_hash FROM users WHERE email = 'vanphong@hoa-an.example')
      FROM units u CROSS JOIN (VALUES ('unit_head'), ('unit_officer')) r(role)
      WHERE u.code ~ '^(so|h|x)-b[0-9]+$';
      INSERT INTO unit_group_members (group_code, unit_id)
      SELECT CASE kind WHEN 'department' THEN 'so-ban-nganh' WHEN 'district' THEN 'ubnd-cap-huyen' ELSE 'ubnd-cap-xa' END, id FROM units WHERE code ~ '^(so|h|x)-b[0-9]+$';
      -- Every unit but the province, ranked by tier: provincial bodies, districts, communes.
      CREATE TEMP TABLE bench_units AS
      SELECT (row_number() OVER (ORDER BY CASE u.kind WHEN 'district' THEN 1 WHEN 'commune' THEN 2 ELSE 0 END, u.code) - 1)::int AS rank, u.id, u.code, u.kind, u.commanded,
        (SELECT id FROM users WHERE unit_id = u.id AND role = 'unit_officer' ORDER BY created_at LIMIT 1) AS officer_id
      FROM units u WHERE u.kind <> 'province';
      CREATE UNIQUE INDEX ON bench_units (rank);`);
    const { rows: tiers } = await c.query(
      `SELECT kind = 'district' AS d, kind = 'commune' AS x, min(rank)::int AS lo, count(*)::int AS n FROM bench_units GROUP BY 1, 2`,
    );
    const tier = (d: boolean, x: boolean) => tiers.find((t) => t.d === d && t.x === x) as { lo: number; n: number };
    const bodies = tier(false, false);
    const districts = tier(true, false);
    const communes = tier(false, true);
    if (communes.n !== COMMUNES) throw new Error(`expected ${COMMUNES} communes, found ${communes.n}`);
    const U = bodies.n + districts.n + communes.n;
    lap(`${U + 1} units and their users`);

    // ---- tasks (planned here, deadlines from the calendar) ----
    const startOf = (d: PlanDirective) => new Date(`${d.issuedOn}T01:00:00Z`);
    const periodicTask = (ordinal: number, title: string, date: string, targets: PlanTask['targets']): PlanTask => ({
      id: randomUUID(),
      directiveId: periodic.id,
      ordinal,
      title,
      isRequest: false,
      spec: { kind: 'date', date },
      dueAt: resolveDeadline(cal, { kind: 'date', date }, periodic.issuedOn)!,
      startAt: startOf(periodic),
      fate: 'open',
      audStart: communes.lo,
      audSize: communes.n,
      offset: 0,
      count: communes.n,
      lead: false,
      targets,
    });
    tasks.push(periodicTask(1, 'Triển khai các biện pháp bảo đảm an ninh, trật tự tại cơ sở; báo cáo hằng tháng', '2026-12-31', 'periodic'));
    tasks.push(periodicTask(2, 'Báo cáo sơ kết 6 tháng', '2026-06-30', 'none'));
    for (const [i, d] of directives.slice(1).entries()) {
      const size = sizes[i]!;
      const nTasks = Math.max(Math.ceil(size / U), Math.min(size, 1 + Math.floor(rand() * 4)));
      for (let k = 0; k < nTasks; k++) {
        const count = Math.floor(size / nTasks) + (k < size % nTasks ? 1 : 0);
        const a = rand();
        let aud = a < 0.4 ? bodies : a < 0.6 ? districts : communes;
        if (count > aud.n) aud = { lo: 0, n: U };
        const spec: DeadlineSpec =
          rand() < 0.8
            ? { kind: 'date', date: addDaysIso(d.issuedOn, 10 + Math.floor(rand() * 66)) }
            : { kind: 'working_days', days: 8 + Math.floor(rand() * 23) };
        tasks.push({
          id: randomUUID(),
          directiveId: d.id,
          ordinal: k + 1,
          title: `Nhiệm vụ ${k + 1}: ${topics[(i + k) % topics.length]}`,
          isRequest: rand() < 0.05,
          spec,
          dueAt: resolveDeadline(cal, spec, d.issuedOn)!,
          startAt: startOf(d),
          fate: d.fate,
          audStart: aud.lo,
          audSize: aud.n,
          offset: Math.floor(rand() * aud.n),
          count,
          lead: rand() < 0.5,
          targets: rand() < 0.15 ? 'generic' : 'none',
        });
      }
    }

    // ---- directives ----
    const directiveSnapshot = (state: string) =>
      JSON.stringify(directiveMachine.getPersistedSnapshot(directiveMachine.resolveState({ value: state, context: {} } as never)));
    const col = <T, V>(rows: T[], f: (r: T) => V) => rows.map(f);
    await c.query(
      `INSERT INTO directives (id, type, number_symbol, issuer_unit_id, signer, issued_on, subject, body, classification, monitoring_unit_id,
         reminder_policy, escalation_policy, machine_id, machine_version, snapshot, version, state, created_at, updated_at)
       SELECT x.id, x.type, x.num, iu.id, 'Trần Minh Quang', x.issued_on, x.subject, 'Nội dung văn bản ' || x.num || '.', x.cls, mu.id,
         s.reminder_policy, s.escalation_policy, 'directive', $9, $10::jsonb, 1, 'issued', (x.issued_on + time '01:00') AT TIME ZONE 'UTC', (x.issued_on + time '01:00') AT TIME ZONE 'UTC'
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::date[], $7::text[], $8::text[]) AS x(id, type, num, issuer, monitoring, issued_on, subject, cls)
       JOIN units iu ON iu.code = x.issuer JOIN units mu ON mu.code = x.monitoring CROSS JOIN province_settings s`,
      [
        col(directives, (d) => d.id),
        col(directives, (d) => d.type),
        col(directives, (d) => d.numberSymbol),
        col(directives, (d) => d.issuer),
        col(directives, (d) => d.monitoring),
        col(directives, (d) => d.issuedOn),
        col(directives, (d) => d.subject),
        col(directives, (d) => d.classification),
        DIRECTIVE_MACHINE_VERSION,
        directiveSnapshot('issued'),
      ],
    );
    await c.query(
      `CREATE TEMP TABLE bench_tasks AS
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::text[], $5::boolean[], $6::text[], $7::date[], $8::int[], $9::timestamptz[], $10::timestamptz[],
         $11::text[], $12::int[], $13::int[], $14::int[], $15::int[], $16::boolean[], $17::text[])
         AS x(id, directive_id, ordinal, title, is_request, deadline_kind, deadline_date, deadline_working_days, due_at, start_at, fate, aud_start, aud_size, off, count, lead, targets)`,
      [
        col(tasks, (t) => t.id),
        col(tasks, (t) => t.directiveId),
        col(tasks, (t) => t.ordinal),
        col(tasks, (t) => t.title),
        col(tasks, (t) => t.isRequest),
        col(tasks, (t) => t.spec.kind),
        col(tasks, (t) => (t.spec.kind === 'date' ? t.spec.date : null)),
        col(tasks, (t) => (t.spec.kind === 'working_days' ? t.spec.days : null)),
        col(tasks, (t) => t.dueAt.toISOString()),
        col(tasks, (t) => t.startAt.toISOString()),
        col(tasks, (t) => t.fate),
        col(tasks, (t) => t.audStart),
        col(tasks, (t) => t.audSize),
        col(tasks, (t) => t.offset),
        col(tasks, (t) => t.count),
        col(tasks, (t) => t.lead),
        col(tasks, (t) => t.targets),
      ],
    );
    lap(`${directives.length} directives, ${tasks.length} tasks planned`);

    // ---- stories ----
    await insertStories(c, 'bench_story', 'bench_story_event', stories);
    await insertStories(c, 'bench_rstory', 'bench_rstory_event', reportStories);
    const reviewer = (await c.query(`SELECT id FROM users WHERE email = 'vanphong@hoa-an.example'`)).rows[0].id as string;

    // ---- assignments: one row per (task, unit of its run), a story each ----
    await c.query(`SELECT setseed(0.16)`);
    await c.query(`
      CREATE TEMP TABLE bench_a AS
      WITH x AS MATERIALIZED (
        SELECT gen_random_uuid() AS id, t.id AS task_id, t.directive_id, u.id AS unit_id, u.officer_id,
          CASE WHEN t.lead AND g = 0 THEN 'lead' ELSE 'coordinate' END AS role,
          (t.is_request OR NOT u.commanded) AS requested, t.due_at AS task_due, t.start_at, t.fate, t.targets,
          extract(epoch FROM now() - t.due_at) / 86400 AS since_due, random() AS r
        FROM bench_tasks t CROSS JOIN LATERAL generate_series(0, t.count - 1) g
        JOIN bench_units u ON u.rank = t.aud_start + ((t.off + g) % t.aud_size)
      )
      SELECT x.*, CASE
        WHEN fate = 'withdrawn' THEN 'cancelled'
        WHEN fate = 'closed' THEN CASE WHEN r < 0.76 THEN 'reviewed' WHEN r < 0.80 THEN 'reviewed_late:L1' WHEN r < 0.83 THEN 'reviewed_late:L2'
          WHEN r < 0.88 THEN 'reviewed_late:L3' WHEN r < 0.94 THEN 'reviewed_after_return' WHEN r < 0.97 THEN 'reviewed_extended' ELSE 'reviewed' END
        WHEN since_due > 12 THEN CASE WHEN r < 0.45 THEN 'reviewed' WHEN r < 0.50 THEN 'reviewed_late:L3' WHEN r < 0.53 THEN 'reviewed_after_return'
          WHEN r < 0.55 THEN 'reviewed_extended' WHEN r < 0.62 THEN 'overdue_reported:L3' WHEN r < 0.72 THEN 'overdue_in_progress:L3'
          WHEN r < 0.78 THEN 'overdue_assigned:L3' WHEN r < 0.84 THEN 'overdue_issued:L3' WHEN r < 0.90 THEN 'overdue_returned:L3'
          WHEN r < 0.94 THEN 'overdue_extension_requested:L3' ELSE 'reviewed' END
        WHEN since_due > 0 THEN CASE WHEN r < 0.40 THEN 'reviewed' ELSE CASE WHEN r < 0.55 THEN 'overdue_reported' WHEN r < 0.75 THEN 'overdue_in_progress'
          WHEN r < 0.82 THEN 'overdue_assigned' WHEN r < 0.88 THEN 'overdue_issued' WHEN r < 0.93 THEN 'overdue_returned' ELSE 'overdue_extension_requested' END
          || CASE WHEN since_due >= 5 THEN ':L3' WHEN since_due >= 2 THEN ':L2' ELSE ':L1' END END
        ELSE CASE WHEN r < 0.10 THEN 'issued' WHEN r < 0.22 THEN 'assigned' WHEN r < 0.57 THEN 'in_progress' WHEN r < 0.72 THEN 'reported'
          WHEN r < 0.82 THEN 'reviewed_early' WHEN r < 0.88 THEN 'returned' WHEN r < 0.94 THEN 'extension_requested' ELSE 'in_progress' END
      END AS story
      FROM x`);
    const missing = await c.query(`SELECT DISTINCT story FROM bench_a EXCEPT SELECT name FROM bench_story`);
    if (missing.rowCount) throw new Error(`stories drawn but not defined: ${missing.rows.map((r) => r.story).join(', ')}`);
    lap('assignments planned');

    // Tasks, with the addressees the text named (the units of the run) and their targets.
    await c.query(`
      INSERT INTO tasks (id, directive_id, ordinal, title, body, is_request, lead_unit_id, addressees, deadline_kind, deadline_date, deadline_working_days, due_at)
      SELECT t.id, t.directive_id, t.ordinal, t.title, '', t.is_request, l.unit_id,
        CASE WHEN t.targets = 'periodic' OR t.directive_id = (SELECT directive_id FROM bench_tasks WHERE targets = 'periodic')
          THEN jsonb_build_array(jsonb_build_object('group', 'ubnd-cap-xa', 'role', 'coordinate')) ELSE a.addressees END,
        t.deadline_kind, t.deadline_date, t.deadline_working_days, t.due_at
      FROM bench_tasks t
      LEFT JOIN LATERAL (SELECT unit_id FROM bench_a WHERE task_id = t.id AND role = 'lead') l ON true
      JOIN (SELECT a.task_id, jsonb_agg(jsonb_build_object('unit', u.code, 'role', a.role) ORDER BY u.rank) AS addressees
            FROM bench_a a JOIN bench_units u ON u.id = a.unit_id GROUP BY a.task_id) a ON a.task_id = t.id;
      INSERT INTO task_targets (task_id, code, name, unit_of_measure, target_value, aggregate)
      SELECT id, 'ket-qua', 'Số lượt thực hiện', 'lượt', 100, 'sum' FROM bench_tasks WHERE targets = 'generic'
      UNION ALL SELECT id, 'so-vu', 'Số vụ việc được giải quyết', 'vụ', 9000, 'sum' FROM bench_tasks WHERE targets = 'periodic'
      UNION ALL SELECT id, 'ty-le-dung-han', 'Tỷ lệ hồ sơ giải quyết đúng hạn', '%', 90, 'latest' FROM bench_tasks WHERE targets = 'periodic';`);
    lap('tasks and targets');

    // The time of each step of a row's story: after its start or its deadline, capped before now in seq order.
    const at = (start: string, due: string, e = 'e') =>
      `least(CASE ${e}.base WHEN 'start' THEN ${start} ELSE ${due} END + ${e}.days * interval '1 day', now() - (s.version - ${e}.seq + 1) * interval '2 minutes')`;
    // The read-model columns the engine keeps from the events (reported_at, returns, extended) come from the same story.
    await c.query(`
      WITH sx AS (SELECT story, count(*) FILTER (WHERE type = 'RETURN')::int AS returns, bool_or(type = 'GRANT_EXTENSION') AS extended,
          max(seq) FILTER (WHERE type = 'SUBMIT_REPORT') AS submit_seq FROM bench_story_event GROUP BY story)
      INSERT INTO assignments (id, task_id, directive_id, unit_id, role, requested, machine_id, machine_version, snapshot, version, state, due_at, overdue, escalation_level,
        reported_at, returns, extended, created_at, updated_at)
      SELECT a.id, a.task_id, a.directive_id, a.unit_id, a.role, a.requested, 'assignment', ${ASSIGNMENT_MACHINE_VERSION},
        replace(replace(s.snapshot, '__EXT_DUE__', pg_temp.iso(a.task_due + interval '14 days')), '__DUE__', pg_temp.iso(CASE WHEN s.extended THEN a.task_due + interval '14 days' ELSE a.task_due END))::jsonb,
        s.version, s.state, CASE WHEN s.extended THEN a.task_due + interval '14 days' ELSE a.task_due END, s.overdue, s.escalation_level,
        CASE WHEN r.seq IS NOT NULL THEN ${at('a.start_at', 'a.task_due', 'r')} END, sx.returns, sx.extended, a.start_at, ${at('a.start_at', 'a.task_due')}
      FROM bench_a a JOIN bench_story s ON s.name = a.story JOIN bench_story_event e ON e.story = s.name AND e.seq = s.version
      JOIN sx ON sx.story = s.name LEFT JOIN bench_story_event r ON r.story = s.name AND r.seq = sx.submit_seq`);
    lap(`${N.toLocaleString('en')} assignments`);
    await c.query(
      `INSERT INTO events (subject_type, subject_id, seq, type, actor, actor_user_id, payload, from_state, to_state, created_at)
      SELECT 'assignment', a.id, e.seq, e.type,
        CASE e.by WHEN 'unit' THEN 'user:' || a.officer_id WHEN 'reviewer' THEN 'user:${reviewer}' WHEN 'timer' THEN 'system:timer' ELSE 'system:bench-seed' END,
        CASE e.by WHEN 'unit' THEN a.officer_id WHEN 'reviewer' THEN '${reviewer}'::uuid END,
        CASE WHEN e.seq = 1 THEN jsonb_build_object('role', a.role)
          WHEN e.type = 'SUBMIT_REPORT' AND a.targets = 'generic' THEN e.payload::jsonb || jsonb_build_object('values', jsonb_build_object('ket-qua', (abs(hashtext(a.id::text)) % 100)))
          WHEN e.type = 'SUBMIT_REPORT' AND a.targets = 'periodic' THEN e.payload::jsonb || jsonb_build_object('values', jsonb_build_object('so-vu', (abs(hashtext(a.id::text)) % 9), 'ty-le-dung-han', 60 + (abs(hashtext(a.id::text)) % 41)))
          ELSE replace(e.payload, '__EXT_DUE__', pg_temp.iso(a.task_due + interval '14 days'))::jsonb END,
        e.from_state, e.to_state, ${at('a.start_at', 'a.task_due')}
      FROM bench_a a JOIN bench_story s ON s.name = a.story JOIN bench_story_event e ON e.story = s.name`,
    );
    lap('their audit trail');
    await c.query(`
      INSERT INTO timers (subject_type, subject_id, kind, generation, step, fire_at, status)
      SELECT 'assignment', a.id, s.timer_kind, s.generation, s.timer_step,
        CASE WHEN s.extended THEN a.task_due + interval '14 days' ELSE a.task_due END + s.timer_days * interval '1 day', 'pending'
      FROM bench_a a JOIN bench_story s ON s.name = a.story WHERE s.timer_kind IS NOT NULL`);
    lap('pending timers');

    // ---- directives: rolled up from their assignments ----
    const states = [...DIRECTIVE_STATES];
    await c.query(`CREATE TEMP TABLE bench_dsnap AS SELECT * FROM unnest($1::text[], $2::text[]) AS x(state, snapshot)`, [
      states,
      states.map(directiveSnapshot),
    ]);
    await c.query(`
      CREATE TEMP TABLE bench_d AS
      SELECT d.id, d.created_at, f.fate, r.last_at,
        CASE f.fate WHEN 'closed' THEN 'closed' WHEN 'withdrawn' THEN 'withdrawn' ELSE
          CASE WHEN r.mn IS NULL THEN 'issued' WHEN r.mn >= 4 THEN 'reviewed' WHEN r.mn >= 3 THEN 'reported' WHEN r.mx >= 2 THEN 'in_progress' WHEN r.mn >= 1 THEN 'assigned' ELSE 'issued' END END AS state,
        CASE WHEN r.mn IS NULL THEN 'issued' WHEN r.mn >= 4 THEN 'reviewed' WHEN r.mn >= 3 THEN 'reported' WHEN r.mx >= 2 THEN 'in_progress' WHEN r.mn >= 1 THEN 'assigned' ELSE 'issued' END AS stage,
        (SELECT count(*) FROM bench_tasks t WHERE t.directive_id = d.id)::int AS tasks
      FROM directives d
      JOIN (SELECT DISTINCT directive_id, fate FROM bench_tasks) f ON f.directive_id = d.id
      LEFT JOIN (SELECT directive_id, max(updated_at) AS last_at,
          min(CASE state WHEN 'issued' THEN 0 WHEN 'assigned' THEN 1 WHEN 'in_progress' THEN 2 WHEN 'returned' THEN 2 WHEN 'reported' THEN 3 WHEN 'reviewed' THEN 4 END) AS mn,
          max(CASE state WHEN 'issued' THEN 0 WHEN 'assigned' THEN 1 WHEN 'in_progress' THEN 2 WHEN 'returned' THEN 2 WHEN 'reported' THEN 3 WHEN 'reviewed' THEN 4 END) AS mx
        FROM assignments WHERE state <> 'cancelled' GROUP BY directive_id) r ON r.directive_id = d.id;
      -- The rollup stage the assignments add up to (rollupStage): ISSUE, a ROLLUP to it, and the Office's CLOSE or WITHDRAW.
      INSERT INTO events (subject_type, subject_id, seq, type, actor, actor_user_id, payload, from_state, to_state, created_at)
      SELECT 'directive', b.id, 1, 'ISSUE', 'system:bench-seed', NULL::uuid, jsonb_build_object('numberSymbol', d.number_symbol, 'tasks', b.tasks), NULL, 'issued', b.created_at
      FROM bench_d b JOIN directives d ON d.id = b.id
      UNION ALL SELECT 'directive', id, 2, 'ROLLUP', 'system:bench-seed', NULL, jsonb_build_object('stage', stage), 'issued', stage, least(last_at, now() - interval '2 minutes')
      FROM bench_d WHERE state NOT IN ('issued', 'withdrawn')
      UNION ALL SELECT 'directive', id, 3, 'CLOSE', 'user:${reviewer}', '${reviewer}', '{}', 'reviewed', 'closed', least(last_at + interval '1 day', now() - interval '1 minute')
      FROM bench_d WHERE state = 'closed'
      UNION ALL SELECT 'directive', id, 2, 'WITHDRAW', 'user:${reviewer}', '${reviewer}', '{"reason":"Ban hành nhầm"}', 'issued', 'withdrawn', created_at + interval '3 days'
      FROM bench_d WHERE state = 'withdrawn';
      UPDATE directives d SET state = b.state, snapshot = s.snapshot::jsonb,
        version = CASE b.state WHEN 'issued' THEN 1 WHEN 'closed' THEN 3 ELSE 2 END,
        updated_at = CASE b.state WHEN 'closed' THEN least(b.last_at + interval '1 day', now() - interval '1 minute') WHEN 'withdrawn' THEN b.created_at + interval '3 days'
          ELSE coalesce(least(b.last_at, now() - interval '2 minutes'), b.created_at) END
      FROM bench_d b JOIN bench_dsnap s ON s.state = b.state WHERE d.id = b.id;`);
    lap('directives rolled up');

    // ---- the Kế hoạch's monthly regime, two closed periods, a report from every commune ----
    const dueRule = { kind: 'working_days_after_end' as const, days: 5 };
    const periods = ['2026-09-15', '2026-10-15'].map((date) => {
      const p = periodOf('monthly', date);
      return { ...p, ...periodDeadlines(cal, dueRule, p, 5) };
    });
    await c.query(
      `INSERT INTO reporting_regimes (directive_id, kind, due_rule, close_after_working_days, created_at) VALUES ($1, 'monthly', $2, 5, '2026-01-05T02:00:00Z')`,
      [periodic.id, JSON.stringify(dueRule)],
    );
    await c.query(
      `CREATE TEMP TABLE bench_periods AS
       SELECT gen_random_uuid() AS id, x.* FROM unnest($1::text[], $2::date[], $3::date[], $4::timestamptz[], $5::timestamptz[]) AS x(key, starts_on, ends_on, due_at, closes_at)`,
      [
        periods.map((p) => p.key),
        periods.map((p) => p.startsOn),
        periods.map((p) => p.endsOn),
        periods.map((p) => p.dueAt.toISOString()),
        periods.map((p) => p.closesAt.toISOString()),
      ],
    );
    await c.query(`
      INSERT INTO report_periods (id, regime_id, directive_id, period_key, starts_on, ends_on, due_at, closes_at, state, version, created_at)
      SELECT p.id, (SELECT id FROM reporting_regimes WHERE directive_id = '${periodic.id}'), '${periodic.id}', p.key, p.starts_on, p.ends_on, p.due_at, p.closes_at, 'closed', 2,
        (p.starts_on + time '01:00') AT TIME ZONE 'UTC'
      FROM bench_periods p;
      INSERT INTO events (subject_type, subject_id, seq, type, actor, payload, from_state, to_state, created_at)
      SELECT 'report_period', id, 1, 'OPEN', 'system:scheduler', jsonb_build_object('period', key), NULL, 'open', (starts_on + time '01:00') AT TIME ZONE 'UTC' FROM bench_periods
      UNION ALL SELECT 'report_period', id, 2, 'CLOSE', 'system:timer', '{"why":"deadline"}', 'open', 'closed', closes_at FROM bench_periods;`);
    await c.query(`
      CREATE TEMP TABLE bench_r AS
      WITH x AS MATERIALIZED (
        SELECT gen_random_uuid() AS id, p.id AS period_id, p.key, p.due_at, (p.starts_on + time '01:00') AT TIME ZONE 'UTC' AS start_at, u.unit_id, u.officer_id, u.requested,
          random() AS r, (random() * 8)::int AS so_vu, 60 + (random() * 40)::int AS ty_le
        FROM bench_periods p
        CROSS JOIN (SELECT unit_id, officer_id, bool_and(requested) AS requested FROM bench_a WHERE directive_id = '${periodic.id}' AND story <> 'cancelled' GROUP BY 1, 2) u
      )
      SELECT x.*, CASE WHEN r < 0.70 THEN 'accepted' WHEN r < 0.80 THEN 'accepted_late' WHEN r < 0.86 THEN 'submitted' WHEN r < 0.90 THEN 'accepted_after_return' ELSE 'missing' END AS story
      FROM x`);
    const rat = at('r.start_at', 'r.due_at');
    await c.query(`
      INSERT INTO unit_reports (id, period_id, unit_id, requested, machine_id, machine_version, snapshot, version, state, late, escalation_level, submitted_at, text, "values", created_at, updated_at)
      SELECT r.id, r.period_id, r.unit_id, r.requested, 'unit_report', ${UNIT_REPORT_MACHINE_VERSION}, replace(s.snapshot, '__DUE__', pg_temp.iso(r.due_at))::jsonb, s.version, s.state,
        (s.context->>'late')::boolean, s.escalation_level,
        (SELECT ${rat} FROM bench_rstory_event e WHERE e.story = s.name AND e.type = 'SUBMIT' ORDER BY e.seq DESC LIMIT 1),
        CASE WHEN s.state IN ('submitted', 'accepted') THEN 'Báo cáo kết quả thực hiện nhiệm vụ.' END,
        CASE WHEN s.state IN ('submitted', 'accepted') THEN jsonb_build_object('so-vu', r.so_vu, 'ty-le-dung-han', r.ty_le) END,
        r.start_at, (SELECT ${rat} FROM bench_rstory_event e WHERE e.story = s.name AND e.seq = s.version)
      FROM bench_r r JOIN bench_rstory s ON s.name = r.story;
      INSERT INTO events (subject_type, subject_id, seq, type, actor, actor_user_id, payload, from_state, to_state, created_at)
      SELECT 'unit_report', r.id, e.seq, e.type,
        CASE e.by WHEN 'unit' THEN 'user:' || r.officer_id WHEN 'reviewer' THEN 'user:' || (SELECT id FROM users WHERE email = 'theodoi.congan@hoa-an.example') WHEN 'timer' THEN 'system:timer' ELSE 'system:scheduler' END,
        CASE e.by WHEN 'unit' THEN r.officer_id WHEN 'reviewer' THEN (SELECT id FROM users WHERE email = 'theodoi.congan@hoa-an.example') END,
        CASE WHEN e.seq = 1 THEN jsonb_build_object('period', r.key)
          WHEN e.type = 'SUBMIT' THEN replace(e.payload, '__AT__', pg_temp.iso(${rat}))::jsonb || jsonb_build_object('values', jsonb_build_object('so-vu', r.so_vu, 'ty-le-dung-han', r.ty_le))
          ELSE e.payload::jsonb END,
        e.from_state, e.to_state, ${rat}
      FROM bench_r r JOIN bench_rstory s ON s.name = r.story JOIN bench_rstory_event e ON e.story = s.name;`);
    lap(`${periods.length} periods of ${COMMUNES} unit reports`);
    await c.query('COMMIT');
    // Closed directives' figures, counted once as the engine counts them when a directive closes.
    const counter = createDb(databaseUrl, { max: 1 });
    await countClosedDirectiveFigures(counter);
    await countDirectiveProgress(counter);
    await counter.destroy();
    lap('closed directives’ figures, every directive’s progress counts');
  } catch (e) {
    await c.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    c.release();
  }
  // Fresh statistics and visibility maps, as a database that has been running would have.
  await pool.query('VACUUM (ANALYZE)');
  await pool.end();
  lap('vacuum analyze');
}

/** The replayed stories as two tables the seeding SQL joins on. */
async function insertStories(c: PoolClient, table: string, eventTable: string, stories: ReplayedStory[]): Promise<void> {
  await c.query(
    `CREATE TEMP TABLE ${table} AS SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::boolean[], $6::int[], $7::int[], $8::boolean[], $9::text[], $10::int[], $11::float8[], $12::jsonb[])
       AS x(name, state, snapshot, version, overdue, escalation_level, generation, extended, timer_kind, timer_step, timer_days, context)`,
    [
      stories.map((s) => s.name),
      stories.map((s) => s.state),
      stories.map((s) => s.snapshot),
      stories.map((s) => s.version),
      stories.map((s) => Boolean(s.context.overdue)),
      stories.map((s) => Number(s.context.escalationLevel)),
      stories.map((s) => Number(s.context.generation)),
      stories.map((s) => Boolean(s.extended)),
      stories.map((s) => s.pending?.kind ?? null),
      stories.map((s) => s.pending?.step ?? null),
      stories.map((s) => s.pending?.days ?? null),
      stories.map((s) => JSON.stringify(s.context)),
    ],
  );
  const steps = stories.flatMap((s) => s.steps.map((e) => ({ story: s.name, ...e })));
  await c.query(
    `CREATE TEMP TABLE ${eventTable} AS SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::float8[], $9::text[])
       AS x(story, seq, type, payload, from_state, to_state, base, days, by)`,
    [
      steps.map((e) => e.story),
      steps.map((e) => e.seq),
      steps.map((e) => e.type),
      steps.map((e) => e.payload),
      steps.map((e) => e.from),
      steps.map((e) => e.to),
      steps.map((e) => e.base),
      steps.map((e) => e.days),
      steps.map((e) => e.by),
    ],
  );
}
