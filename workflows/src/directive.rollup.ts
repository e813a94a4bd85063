import type { AssignmentState } from './assignment.machine.ts';

/** Where a directive stands, as far as its assignments can tell. */
export type RollupStage = 'issued' | 'assigned' | 'in_progress' | 'reported' | 'reviewed';

const rank: Record<Exclude<AssignmentState, 'cancelled'>, number> = {
  issued: 0,
  assigned: 1,
  in_progress: 2,
  returned: 2, // rework: the unit is working again
  reported: 3,
  reviewed: 4,
};

/**
 * Rolls the assignments' states up into the directive's stage: all assigned,
 * any started, all reported, all reviewed. Cancelled assignments do not count;
 * with none left the directive stays issued.
 */
export function rollupStage(states: readonly AssignmentState[]): RollupStage {
  const live = states.filter((s): s is Exclude<AssignmentState, 'cancelled'> => s !== 'cancelled').map((s) => rank[s]);
  if (live.length === 0) return 'issued';
  const min = Math.min(...live);
  if (min >= 4) return 'reviewed';
  if (min >= 3) return 'reported';
  if (Math.max(...live) >= 2) return 'in_progress';
  return min >= 1 ? 'assigned' : 'issued';
}
