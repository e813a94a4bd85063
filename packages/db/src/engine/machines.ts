import type { SubjectType } from '@dondoc/domain';
import {
  ASSIGNMENT_MACHINE_ID,
  ASSIGNMENT_MACHINE_VERSION,
  DIRECTIVE_MACHINE_ID,
  DIRECTIVE_MACHINE_VERSION,
  assignmentMachine,
  directiveMachine,
} from '@dondoc/workflows';
import type { AnyStateMachine, SnapshotFrom } from 'xstate';

/** The machine behind each kind of subject, with the id and version stamped on its snapshots. */
export const machines = {
  assignment: { machine: assignmentMachine, id: ASSIGNMENT_MACHINE_ID, version: ASSIGNMENT_MACHINE_VERSION },
  directive: { machine: directiveMachine, id: DIRECTIVE_MACHINE_ID, version: DIRECTIVE_MACHINE_VERSION },
} as const satisfies Record<SubjectType, { machine: AnyStateMachine; id: string; version: number }>;

export interface PersistedRow {
  machine_id: string;
  machine_version: number;
  snapshot: unknown;
}

/**
 * Rebuilds a machine snapshot from its row. A row written by another machine
 * version needs a snapshot migration; none exists yet, so it is refused loudly
 * rather than run through a machine that may not understand it.
 */
export function restore<T extends SubjectType>(type: T, row: PersistedRow): SnapshotFrom<(typeof machines)[T]['machine']> {
  const m = machines[type];
  if (row.machine_id !== m.id || row.machine_version !== m.version) {
    throw new Error(`no snapshot migration from ${row.machine_id}@${row.machine_version} to ${m.id}@${m.version}`);
  }
  const { value, context } = row.snapshot as { value: string; context: never };
  return m.machine.resolveState({ value, context }) as SnapshotFrom<(typeof machines)[T]['machine']>;
}

export function persist(type: SubjectType, snapshot: SnapshotFrom<AnyStateMachine>): string {
  return JSON.stringify(machines[type].machine.getPersistedSnapshot(snapshot as never));
}
