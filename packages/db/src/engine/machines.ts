import type { SubjectType } from '@dondoc/domain';
import {
  ASSIGNMENT_MACHINE_ID,
  ASSIGNMENT_MACHINE_VERSION,
  DIRECTIVE_MACHINE_ID,
  DIRECTIVE_MACHINE_VERSION,
  UNIT_REPORT_MACHINE_ID,
  UNIT_REPORT_MACHINE_VERSION,
  assignmentMachine,
  directiveMachine,
  unitReportMachine,
} from '@dondoc/workflows';
import type { AnyStateMachine, SnapshotFrom } from 'xstate';

/** The machine behind each kind of subject, with the id and version stamped on its snapshots. */
export const machines = {
  assignment: { machine: assignmentMachine, id: ASSIGNMENT_MACHINE_ID, version: ASSIGNMENT_MACHINE_VERSION },
  directive: { machine: directiveMachine, id: DIRECTIVE_MACHINE_ID, version: DIRECTIVE_MACHINE_VERSION },
  unit_report: { machine: unitReportMachine, id: UNIT_REPORT_MACHINE_ID, version: UNIT_REPORT_MACHINE_VERSION },
} as const satisfies Record<MachineSubject, { machine: AnyStateMachine; id: string; version: number }>;

/** The subjects that have a machine (a report period does not: it is opened and closed by the engine). */
type MachineSubject = Exclude<SubjectType, 'report_period'>;

interface PersistedRow {
  machine_id: string;
  machine_version: number;
  snapshot: unknown;
}

type Persisted = { value: string; context: Record<string, unknown> };

/**
 * Snapshot migrations, keyed `machine@fromVersion`: each takes a snapshot one
 * version forward, so a machine can change while old snapshots are in flight.
 */
const upcasts: Record<string, (s: Persisted) => Persisted> = {
  // v2 added the escalation ladder.
  'assignment@1': (s) => ({ ...s, context: { escalationLevel: 0, ...s.context } }),
};

/** Rebuilds a machine snapshot from its row, migrating it forward if it was written by an older machine version. */
export function restore<T extends MachineSubject>(type: T, row: PersistedRow): SnapshotFrom<(typeof machines)[T]['machine']> {
  const m = machines[type];
  if (row.machine_id !== m.id || row.machine_version > m.version) {
    throw new Error(`cannot read a ${row.machine_id}@${row.machine_version} snapshot with ${m.id}@${m.version}`);
  }
  let snapshot = row.snapshot as Persisted;
  for (let v = row.machine_version; v < m.version; v++) {
    const up = upcasts[`${m.id}@${v}`];
    if (!up) throw new Error(`no snapshot migration from ${m.id}@${v}`);
    snapshot = up(snapshot);
  }
  return m.machine.resolveState({ value: snapshot.value, context: snapshot.context as never }) as SnapshotFrom<(typeof machines)[T]['machine']>;
}

export function persist(type: MachineSubject, snapshot: SnapshotFrom<AnyStateMachine>): string {
  return JSON.stringify(machines[type].machine.getPersistedSnapshot(snapshot as never));
}
