/**
 * The histories the read-path seed gives its assignments and unit reports
 * (`seed-scale.ts`): each story is the list of events a subject went through,
 * with when each happened (days after the subject started, or after its due
 * time) and who sent it. `replayStory` walks a story through the real machine's
 * `accepts` at every step, so a story the machine would refuse stops the seed,
 * and computes the context the machine's `assign` actions leave (a mirror of
 * them, checked event by event against what the machine accepts). The
 * persisted snapshot is the machine's own `getPersistedSnapshot` of that state
 * and context, so it is what `restore` (engine/machines.ts) reads back.
 *
 * Placeholders in snapshots and payloads are filled per row in SQL:
 * `__DUE__` (the row's due time), `__EXT_DUE__` (the deadline an extension asks
 * for: the task's due time + 14 days), `__AT__` (when a unit report was sent).
 */
import { accepts, assignmentMachine, unitReportMachine, type AssignmentContext, type UnitReportContext } from '@dondoc/workflows';

export type Base = 'start' | 'due';
export type By = 'system' | 'unit' | 'reviewer' | 'timer';

export interface StoryEvent {
  type: string;
  payload?: Record<string, unknown>;
  at: [Base, number];
  by: By;
  /** A unit report sent after its due time (the machine compares `at` with dueAt). */
  late?: boolean;
}

export interface Story {
  name: string;
  subject: 'assignment' | 'unit_report';
  events: StoryEvent[];
  /** Granted extension: the assignment's due time is the task's + 14 days. */
  extended?: boolean;
  /** The timer still pending at the end of the story, if any: kind, step, days after the due time. */
  pending?: { kind: string; step: number; days: number };
}

export interface ReplayedStory extends Story {
  state: string;
  snapshot: string;
  version: number;
  context: Record<string, unknown>;
  steps: { seq: number; type: string; payload: string; from: string | null; to: string; base: Base; days: number; by: By }[];
}

const DUE = '__DUE__';
const EXT_DUE = '__EXT_DUE__';

/** The assignment machine's assign actions, event by event (assignment.machine.ts). */
function nextAssignment(value: string, c: AssignmentContext, e: StoryEvent): [string, AssignmentContext] {
  const p = e.payload ?? {};
  switch (e.type) {
    case 'ACKNOWLEDGE':
      return ['assigned', c];
    case 'START':
      return ['in_progress', c];
    case 'SUBMIT_REPORT':
      return ['reported', c];
    case 'APPROVE':
      return ['reviewed', { ...c, generation: c.generation + 1, extension: null }];
    case 'CANCEL':
      return ['cancelled', { ...c, generation: c.generation + 1, extension: null }];
    case 'RETURN':
      return ['returned', { ...c, returns: c.returns + 1, lastReturnReason: String(p.reason) }];
    case 'REQUEST_EXTENSION':
      return [value, { ...c, extension: { dueAt: String(p.dueAt), reason: String(p.reason) } }];
    case 'GRANT_EXTENSION':
      return [value, { ...c, dueAt: c.extension!.dueAt, extension: null, overdue: false, escalationLevel: 0, generation: c.generation + 1 }];
    case 'DENY_EXTENSION':
      return [value, { ...c, extension: null }];
    case 'DEADLINE_PASSED':
      return [value, { ...c, overdue: true }];
    case 'ESCALATE':
      return [value, { ...c, escalationLevel: Number(p.level) }];
  }
  throw new Error(`no mirror for assignment event ${e.type}`);
}

/** The unit report machine's (unit-report.machine.ts). */
function nextUnitReport(value: string, c: UnitReportContext, e: StoryEvent): [string, UnitReportContext] {
  const p = e.payload ?? {};
  switch (e.type) {
    case 'SUBMIT':
      // entry of submitted: finish (generation + 1)
      return ['submitted', { ...c, late: c.late || Boolean(e.late), generation: c.generation + 1 }];
    case 'ACCEPT':
      return ['accepted', c];
    case 'RETURN':
      return ['returned', { ...c, returns: c.returns + 1, lastReturnReason: String(p.reason) }];
    case 'DUE_PASSED':
      return ['late', { ...c, late: true }];
    case 'ESCALATE':
      return [value, { ...c, escalationLevel: Number(p.level) }];
    case 'CLOSE':
      return ['missing', { ...c, generation: c.generation + 1 }];
  }
  throw new Error(`no mirror for unit report event ${e.type}`);
}

/** Runs a story through the machine; throws if the machine refuses one of its events. */
export function replayStory(story: Story): ReplayedStory {
  const machine = story.subject === 'assignment' ? assignmentMachine : unitReportMachine;
  let value = story.subject === 'assignment' ? 'issued' : 'open';
  let context: Record<string, unknown> =
    story.subject === 'assignment'
      ? ({ dueAt: DUE, generation: 1, overdue: false, escalationLevel: 0, extension: null, returns: 0, lastReturnReason: null } satisfies AssignmentContext)
      : ({ dueAt: DUE, generation: 1, late: false, escalationLevel: 0, returns: 0, lastReturnReason: null } satisfies UnitReportContext);
  const steps: ReplayedStory['steps'] = [
    { seq: 1, type: story.subject === 'assignment' ? 'ISSUE' : 'OPEN', payload: '{}', from: null, to: value, base: 'start', days: 0, by: 'system' },
  ];
  for (const e of story.events) {
    const payload: Record<string, unknown> = { ...e.payload };
    // Timer events carry the generation they were armed under.
    if (['DEADLINE_PASSED', 'DUE_PASSED', 'ESCALATE', 'REMIND'].includes(e.type)) payload.generation = context.generation;
    const event = { type: e.type, ...payload } as never;
    const snapshot = (machine as typeof assignmentMachine).resolveState({ value, context } as never);
    if (!accepts(snapshot, event)) throw new Error(`story ${story.name}: the ${story.subject} machine refuses ${e.type} in ${value}`);
    const from = value;
    const [v, c] =
      story.subject === 'assignment'
        ? nextAssignment(value, context as unknown as AssignmentContext, { ...e, payload })
        : nextUnitReport(value, context as unknown as UnitReportContext, { ...e, payload });
    value = v;
    context = c as unknown as Record<string, unknown>;
    steps.push({ seq: steps.length + 1, type: e.type, payload: JSON.stringify(payload), from, to: value, base: e.at[0], days: e.at[1], by: e.by });
  }
  // A granted extension moved the deadline to the one it asked for; the row's due time is then that one.
  if (context.dueAt === EXT_DUE) context = { ...context, dueAt: DUE };
  const resolved = (machine as typeof assignmentMachine).resolveState({ value, context } as never);
  const snapshot = JSON.stringify((machine as typeof assignmentMachine).getPersistedSnapshot(resolved));
  return { ...story, state: value, snapshot, version: steps.length, context, steps };
}

const ext = { dueAt: EXT_DUE, reason: 'Chờ số liệu của các đơn vị trực thuộc' };
const report = { text: 'Báo cáo kết quả thực hiện nhiệm vụ.' };
const returned = { reason: 'Báo cáo chưa đủ số liệu; đề nghị bổ sung.' };
const ack: StoryEvent[] = [
  { type: 'ACKNOWLEDGE', at: ['start', 1], by: 'unit' },
  { type: 'START', at: ['start', 2], by: 'unit' },
];
const passed = (days = 0): StoryEvent => ({ type: 'DEADLINE_PASSED', at: ['due', days], by: 'timer' });
/** The rungs of the ladder up to `level`, at the province's default 0, 2 and 5 working days after the deadline (counted here in calendar days). */
const rungs = (level: number): StoryEvent[] =>
  [0.05, 2, 5].slice(0, level).map((days, i) => ({ type: 'ESCALATE', payload: { level: i + 1 }, at: ['due', days] as [Base, number], by: 'timer' as By }));
/** The timer pending after `level` rungs: the next rung, if any. */
const nextRung = (level: number) => (level < 3 ? { kind: 'escalation', step: level + 1, days: [0.05, 2, 5][level]! } : undefined);

const a = (s: Omit<Story, 'subject'>): Story => ({ ...s, subject: 'assignment' });

/** Assignment stories. Names ending in `:L1`…`:L3` are chosen by how long ago the deadline passed. */
export const assignmentStories: Story[] = [
  a({
    name: 'reviewed',
    events: [...ack, { type: 'SUBMIT_REPORT', payload: report, at: ['due', -3], by: 'unit' }, { type: 'APPROVE', at: ['due', -1], by: 'reviewer' }],
  }),
  ...[1, 2, 3].map((level) =>
    a({
      name: `reviewed_late:L${level}`,
      events: [
        ...ack,
        passed(),
        ...rungs(level),
        { type: 'SUBMIT_REPORT', payload: report, at: ['due', [1, 3, 7][level - 1]!], by: 'unit' },
        { type: 'APPROVE', at: ['due', [2, 4, 9][level - 1]!], by: 'reviewer' },
      ],
    }),
  ),
  a({
    name: 'reviewed_after_return',
    events: [
      ...ack,
      { type: 'SUBMIT_REPORT', payload: report, at: ['due', -5], by: 'unit' },
      { type: 'RETURN', payload: returned, at: ['due', -4], by: 'reviewer' },
      { type: 'SUBMIT_REPORT', payload: report, at: ['due', -2], by: 'unit' },
      { type: 'APPROVE', at: ['due', -1], by: 'reviewer' },
    ],
  }),
  a({
    name: 'reviewed_extended',
    extended: true,
    events: [
      ...ack,
      { type: 'REQUEST_EXTENSION', payload: ext, at: ['due', -3], by: 'unit' },
      { type: 'GRANT_EXTENSION', at: ['due', -2], by: 'reviewer' },
      { type: 'SUBMIT_REPORT', payload: report, at: ['due', 10], by: 'unit' },
      { type: 'APPROVE', at: ['due', 11], by: 'reviewer' },
    ],
  }),
  a({
    name: 'cancelled',
    events: [
      { type: 'ACKNOWLEDGE', at: ['start', 1], by: 'unit' },
      { type: 'CANCEL', payload: { reason: 'Chỉ thị bị thu hồi' }, at: ['start', 3], by: 'reviewer' },
    ],
  }),
  // Not yet due.
  a({ name: 'issued', events: [], pending: { kind: 'deadline', step: 0, days: 0 } }),
  a({ name: 'assigned', events: [ack[0]!], pending: { kind: 'deadline', step: 0, days: 0 } }),
  a({ name: 'in_progress', events: [...ack], pending: { kind: 'deadline', step: 0, days: 0 } }),
  a({
    name: 'reported',
    events: [...ack, { type: 'SUBMIT_REPORT', payload: report, at: ['due', -3], by: 'unit' }],
    pending: { kind: 'deadline', step: 0, days: 0 },
  }),
  a({
    name: 'returned',
    events: [
      ...ack,
      { type: 'SUBMIT_REPORT', payload: report, at: ['due', -5], by: 'unit' },
      { type: 'RETURN', payload: returned, at: ['due', -4], by: 'reviewer' },
    ],
    pending: { kind: 'deadline', step: 0, days: 0 },
  }),
  a({
    name: 'extension_requested',
    events: [...ack, { type: 'REQUEST_EXTENSION', payload: ext, at: ['due', -3], by: 'unit' }],
    pending: { kind: 'deadline', step: 0, days: 0 },
  }),
  a({
    name: 'reviewed_early',
    events: [...ack, { type: 'SUBMIT_REPORT', payload: report, at: ['due', -3], by: 'unit' }, { type: 'APPROVE', at: ['due', -2], by: 'reviewer' }],
  }),
  // Past their deadline, no approved report: overdue, up the ladder as far as the time since allows.
  ...[1, 2, 3].flatMap((level) => [
    a({ name: `overdue_issued:L${level}`, events: [passed(), ...rungs(level)], pending: nextRung(level) }),
    a({ name: `overdue_assigned:L${level}`, events: [ack[0]!, passed(), ...rungs(level)], pending: nextRung(level) }),
    a({ name: `overdue_in_progress:L${level}`, events: [...ack, passed(), ...rungs(level)], pending: nextRung(level) }),
    a({
      name: `overdue_reported:L${level}`,
      events: [...ack, { type: 'SUBMIT_REPORT', payload: report, at: ['due', -3], by: 'unit' }, passed(), ...rungs(level)],
      pending: nextRung(level),
    }),
    a({
      name: `overdue_returned:L${level}`,
      events: [
        ...ack,
        { type: 'SUBMIT_REPORT', payload: report, at: ['due', -5], by: 'unit' },
        { type: 'RETURN', payload: returned, at: ['due', -4], by: 'reviewer' },
        passed(),
        ...rungs(level),
      ],
      pending: nextRung(level),
    }),
    a({
      name: `overdue_extension_requested:L${level}`,
      events: [...ack, { type: 'REQUEST_EXTENSION', payload: ext, at: ['due', -3], by: 'unit' }, passed(), ...rungs(level)],
      pending: nextRung(level),
    }),
  ]),
];

const r = (s: Omit<Story, 'subject'>): Story => ({ ...s, subject: 'unit_report' });
const sent = (days: number, late = false): StoryEvent => ({ type: 'SUBMIT', payload: { at: '__AT__', ...report }, at: ['due', days], by: 'unit', late });

/** Unit report stories, for closed periods (every report settled or missing). */
export const unitReportStories: Story[] = [
  r({ name: 'accepted', events: [sent(-2), { type: 'ACCEPT', at: ['due', 1], by: 'reviewer' }] }),
  r({
    name: 'accepted_late',
    events: [
      { type: 'DUE_PASSED', at: ['due', 0], by: 'timer' },
      { type: 'ESCALATE', payload: { level: 1 }, at: ['due', 0.05], by: 'timer' },
      sent(1.5, true),
      { type: 'ACCEPT', at: ['due', 3], by: 'reviewer' },
    ],
  }),
  r({ name: 'submitted', events: [sent(-1)] }),
  r({
    name: 'accepted_after_return',
    events: [sent(-3), { type: 'RETURN', payload: returned, at: ['due', -2], by: 'reviewer' }, sent(-1), { type: 'ACCEPT', at: ['due', 1], by: 'reviewer' }],
  }),
  r({
    name: 'missing',
    events: [
      { type: 'DUE_PASSED', at: ['due', 0], by: 'timer' },
      { type: 'ESCALATE', payload: { level: 1 }, at: ['due', 0.05], by: 'timer' },
      { type: 'ESCALATE', payload: { level: 2 }, at: ['due', 2], by: 'timer' },
      { type: 'CLOSE', at: ['due', 6], by: 'timer' },
    ],
  }),
];
