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

/** How many ranks there are: the length of a directive's counts by rank. */
export const ROLLUP_RANKS = 5;

/** An assignment state's rank in the roll-up; null for a cancelled one, which does not count. */
export const rollupRank = (state: AssignmentState): number | null => (state === 'cancelled' ? null : rank[state]);

/**
 * The stage from how many live assignments stand at each rank (index = rank):
 * all assigned, any started, all reported, all reviewed; with none left the
 * directive stays issued. The engine keeps these counts per directive
 * (directive_progress) so that a command need not read every assignment.
 */
export function rollupStageOfCounts(counts: readonly number[]): RollupStage {
  const min = counts.findIndex((n) => n > 0);
  if (min < 0) return 'issued';
  const max = counts.length - 1 - [...counts].reverse().findIndex((n) => n > 0);
  if (min >= 4) return 'reviewed';
  if (min >= 3) return 'reported';
  if (max >= 2) return 'in_progress';
  return min >= 1 ? 'assigned' : 'issued';
}

/** Counts by rank of a list of assignment states. */
export function rollupCounts(states: readonly AssignmentState[]): number[] {
  const counts = Array.from({ length: ROLLUP_RANKS }, () => 0);
  for (const s of states) {
    const r = rollupRank(s);
    if (r !== null) counts[r]!++;
  }
  return counts;
}

/** Rolls the assignments' states up into the directive's stage (cancelled ones do not count). */
export const rollupStage = (states: readonly AssignmentState[]): RollupStage => rollupStageOfCounts(rollupCounts(states));
