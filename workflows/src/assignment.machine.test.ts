import { describe, expect, it } from 'vitest';
import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import { assignmentMachine, type AssignmentEvent, type AssignmentState } from './assignment.machine.ts';

type Snap = SnapshotFrom<typeof assignmentMachine>;
const DUE = '2024-02-02T10:00:00.000Z';
const LATER = '2024-02-09T10:00:00.000Z';

const events: Record<AssignmentEvent['type'], AssignmentEvent> = {
  ACKNOWLEDGE: { type: 'ACKNOWLEDGE' },
  START: { type: 'START' },
  SUBMIT_REPORT: { type: 'SUBMIT_REPORT', text: 'Đã triển khai', values: { 'so-vu': 3 } },
  APPROVE: { type: 'APPROVE' },
  RETURN: { type: 'RETURN', reason: 'Thiếu số liệu' },
  REQUEST_EXTENSION: { type: 'REQUEST_EXTENSION', dueAt: LATER, reason: 'Chờ số liệu cấp xã' },
  GRANT_EXTENSION: { type: 'GRANT_EXTENSION' },
  DENY_EXTENSION: { type: 'DENY_EXTENSION', reason: 'Không có căn cứ' },
  CANCEL: { type: 'CANCEL', reason: 'Thu hồi' },
  DEADLINE_PASSED: { type: 'DEADLINE_PASSED', generation: 1 },
  REMIND: { type: 'REMIND', generation: 1, step: 0 },
  ESCALATE: { type: 'ESCALATE', generation: 1, level: 1 }, // refused until the deadline has passed
  RESCHEDULE: { type: 'RESCHEDULE', dueAt: LATER, previousDueAt: DUE, reason: 'Lịch làm việc thay đổi' },
};

function run(...types: AssignmentEvent['type'][]): Snap {
  let [snap] = initialTransition(assignmentMachine, { dueAt: DUE });
  for (const t of types) {
    expect(snap.can(events[t]), `${t} from ${String(snap.value)}`).toBe(true);
    [snap] = transition(assignmentMachine, snap, events[t]);
  }
  return snap;
}

const paths: Record<AssignmentState, AssignmentEvent['type'][]> = {
  issued: [],
  assigned: ['ACKNOWLEDGE'],
  in_progress: ['ACKNOWLEDGE', 'START'],
  reported: ['ACKNOWLEDGE', 'START', 'SUBMIT_REPORT'],
  returned: ['ACKNOWLEDGE', 'START', 'SUBMIT_REPORT', 'RETURN'],
  reviewed: ['ACKNOWLEDGE', 'START', 'SUBMIT_REPORT', 'APPROVE'],
  cancelled: ['CANCEL'],
};

/** Every event each state accepts, without a pending extension, and where it leads. */
const legal: Record<AssignmentState, Partial<Record<AssignmentEvent['type'], AssignmentState>>> = {
  issued: { ACKNOWLEDGE: 'assigned', REQUEST_EXTENSION: 'issued', REMIND: 'issued', DEADLINE_PASSED: 'issued', CANCEL: 'cancelled', RESCHEDULE: 'issued' },
  assigned: {
    START: 'in_progress',
    REQUEST_EXTENSION: 'assigned',
    REMIND: 'assigned',
    DEADLINE_PASSED: 'assigned',
    CANCEL: 'cancelled',
    RESCHEDULE: 'assigned',
  },
  in_progress: {
    SUBMIT_REPORT: 'reported',
    REQUEST_EXTENSION: 'in_progress',
    REMIND: 'in_progress',
    DEADLINE_PASSED: 'in_progress',
    CANCEL: 'cancelled',
    RESCHEDULE: 'in_progress',
  },
  reported: { APPROVE: 'reviewed', RETURN: 'returned', DEADLINE_PASSED: 'reported', CANCEL: 'cancelled', RESCHEDULE: 'reported' },
  returned: {
    SUBMIT_REPORT: 'reported',
    REQUEST_EXTENSION: 'returned',
    REMIND: 'returned',
    DEADLINE_PASSED: 'returned',
    CANCEL: 'cancelled',
    RESCHEDULE: 'returned',
  },
  reviewed: {},
  cancelled: {},
};

describe('assignment machine', () => {
  it('starts issued, notifies the unit and schedules the deadline', () => {
    const [snap, actions] = initialTransition(assignmentMachine, { dueAt: DUE });
    expect(snap.value).toBe('issued');
    expect(snap.context).toMatchObject({ dueAt: DUE, generation: 1, overdue: false, escalationLevel: 0, extension: null });
    expect(actions.map((a) => [a.type, a.params])).toEqual([
      ['notify', { to: 'unit', template: 'assigned' }],
      ['scheduleTimers', undefined],
    ]);
  });

  for (const [state, path] of Object.entries(paths) as [AssignmentState, AssignmentEvent['type'][]][]) {
    describe(`in ${state}`, () => {
      for (const type of Object.keys(events) as AssignmentEvent['type'][]) {
        const target = legal[state][type];
        if (target) {
          it(`accepts ${type} → ${target}`, () => {
            const [next] = transition(assignmentMachine, run(...path), events[type]);
            expect(next.value).toBe(target);
          });
        } else {
          it(`refuses ${type}`, () => {
            const snap = run(...path);
            expect(snap.can(events[type])).toBe(false);
            const [next, actions] = transition(assignmentMachine, snap, events[type]);
            expect(next.value).toBe(state);
            expect(next.context).toEqual(snap.context);
            expect(actions).toEqual([]);
          });
        }
      }
    });
  }

  it('ends for good when reviewed or cancelled, cancelling pending timers', () => {
    for (const path of [paths.reviewed, paths.cancelled]) {
      let [snap] = initialTransition(assignmentMachine, { dueAt: DUE });
      let last: ReturnType<typeof transition<typeof assignmentMachine>>[1] = [];
      for (const t of path) [snap, last] = transition(assignmentMachine, snap, events[t]);
      expect(snap.status).toBe('done');
      expect(snap.context.generation).toBe(2);
      expect(last.map((a) => a.type)).toContain('cancelTimers');
    }
  });

  it('decides an extension request: a grant moves the deadline and reschedules under a new generation', () => {
    const requested = run('ACKNOWLEDGE', 'START', 'REQUEST_EXTENSION');
    expect(requested.context.extension).toEqual({ dueAt: LATER, reason: 'Chờ số liệu cấp xã' });
    expect(requested.can(events.REQUEST_EXTENSION)).toBe(false); // one request at a time

    const [granted, actions] = transition(assignmentMachine, requested, events.GRANT_EXTENSION);
    expect(granted.value).toBe('in_progress');
    expect(granted.context).toMatchObject({ dueAt: LATER, extension: null, generation: 2 });
    expect(actions.map((a) => a.type)).toEqual(['cancelTimers', 'scheduleTimers', 'notify']);

    const [denied] = transition(assignmentMachine, requested, events.DENY_EXTENSION);
    expect(denied.context).toMatchObject({ dueAt: DUE, extension: null, generation: 1 });
  });

  it('lets a pending request be decided after the report is in', () => {
    const snap = run('ACKNOWLEDGE', 'START', 'REQUEST_EXTENSION', 'SUBMIT_REPORT');
    expect(snap.can(events.GRANT_EXTENSION)).toBe(true);
    expect(snap.can(events.DENY_EXTENSION)).toBe(true);
    expect(snap.can(events.REQUEST_EXTENSION)).toBe(false);
  });

  it('marks the assignment overdue only for the current timer generation', () => {
    const snap = run('ACKNOWLEDGE');
    const [overdue, actions] = transition(assignmentMachine, snap, events.DEADLINE_PASSED);
    expect(overdue.context.overdue).toBe(true);
    expect(actions.map((a) => [a.type, a.params])).toEqual([
      ['notify', { to: 'unit', template: 'overdue' }],
      ['scheduleEscalation', { level: 1 }],
    ]);
    expect(overdue.can(events.REMIND)).toBe(false); // a reminder that comes late is dropped

    const moved = run('ACKNOWLEDGE', 'REQUEST_EXTENSION', 'GRANT_EXTENSION');
    expect(moved.can({ type: 'DEADLINE_PASSED', generation: 1 })).toBe(false); // stale timer
    expect(moved.can({ type: 'DEADLINE_PASSED', generation: 2 })).toBe(true);
  });

  it('climbs the ladder one rung at a time once overdue: head, monitoring unit, Chairman’s list', () => {
    const escalate = (level: number, generation = 1) => ({ type: 'ESCALATE', generation, level }) as const;
    let [snap] = transition(assignmentMachine, run('ACKNOWLEDGE'), events.DEADLINE_PASSED);
    expect(snap.can(escalate(2))).toBe(false); // no skipping
    const expected = [
      [1, 'unit_head', 'escalation_1', [['scheduleEscalation', { level: 2 }]]],
      [2, 'monitor', 'escalation_2', [['scheduleEscalation', { level: 3 }]]],
      [3, 'unit_head', 'escalation_3', []],
    ] as const;
    for (const [level, to, template, then] of expected) {
      expect(snap.can(escalate(level, 2))).toBe(false); // another generation's timer
      const [next, actions] = transition(assignmentMachine, snap, escalate(level));
      expect(next.context.escalationLevel).toBe(level);
      expect(actions.map((a) => [a.type, a.params])).toEqual([['notify', { to, template }], ...then]);
      expect(next.can(escalate(level))).toBe(false); // each rung once
      snap = next;
    }
    // A report keeps the ladder standing until it is approved; approval ends it.
    const [reported] = transition(assignmentMachine, transition(assignmentMachine, snap, { type: 'START' })[0], events.SUBMIT_REPORT);
    expect(reported.can(events.REMIND)).toBe(false);
    const [approved] = transition(assignmentMachine, reported, events.APPROVE);
    expect(approved.status).toBe('done');
  });

  it('starts the ladder again after an extension', () => {
    const [overdue] = transition(assignmentMachine, run('ACKNOWLEDGE'), events.DEADLINE_PASSED);
    const [up] = transition(assignmentMachine, overdue, { type: 'ESCALATE', generation: 1, level: 1 });
    const [asked] = transition(assignmentMachine, up, events.REQUEST_EXTENSION);
    const [granted] = transition(assignmentMachine, asked, events.GRANT_EXTENSION);
    expect(granted.context).toMatchObject({ overdue: false, escalationLevel: 0, generation: 2 });
    expect(granted.can({ type: 'REMIND', generation: 2, step: 0 })).toBe(true);
    expect(granted.can({ type: 'REMIND', generation: 1, step: 0 })).toBe(false);
  });

  it('has no deadline to pass or move for a standing task', () => {
    const [snap] = initialTransition(assignmentMachine, { dueAt: null });
    expect(snap.can(events.DEADLINE_PASSED)).toBe(false);
    expect(snap.can(events.REMIND)).toBe(false);
    expect(snap.can(events.RESCHEDULE)).toBe(false);
  });

  it('moves the deadline when the calendar changes, under a new generation, clearing overdue', () => {
    const [overdue] = transition(assignmentMachine, run('ACKNOWLEDGE'), events.DEADLINE_PASSED);
    const [moved, actions] = transition(assignmentMachine, overdue, events.RESCHEDULE);
    expect(moved.context).toMatchObject({ dueAt: LATER, overdue: false, generation: 2 });
    expect(actions.map((a) => [a.type, a.params])).toEqual([
      ['cancelTimers', undefined],
      ['scheduleTimers', undefined],
      ['notify', { to: 'unit', template: 'deadline_moved' }],
    ]);
  });

  it('counts rework and keeps the reason', () => {
    const snap = run('ACKNOWLEDGE', 'START', 'SUBMIT_REPORT', 'RETURN', 'SUBMIT_REPORT', 'RETURN');
    expect(snap.value).toBe('returned');
    expect(snap.context).toMatchObject({ returns: 2, lastReturnReason: 'Thiếu số liệu' });
  });

  it('restores from a persisted snapshot', () => {
    const snap = run('ACKNOWLEDGE', 'START', 'REQUEST_EXTENSION');
    const persisted = JSON.parse(JSON.stringify(assignmentMachine.getPersistedSnapshot(snap))) as { value: string; context: Snap['context'] };
    const restored = assignmentMachine.resolveState({ value: persisted.value, context: persisted.context });
    expect(restored.value).toBe('in_progress');
    expect(restored.can(events.GRANT_EXTENSION)).toBe(true);
  });
});
