/**
 * The four figures every Vietnamese follow-up report gives, and the on-time
 * rate, written once for the Office's and the Chairman's first pages, the
 * lagging units and each unit's scorecard:
 *
 *   hoàn thành đúng hạn      finished, its approved report sent by the deadline
 *   hoàn thành quá hạn       finished, its approved report sent after the deadline
 *   đang thực hiện trong hạn not finished, the deadline not yet passed (or none)
 *   đang thực hiện quá hạn   not finished, the deadline passed
 *   tỷ lệ đúng hạn           finished on time among all finished, in percent
 *
 * "Finished" is the state `reviewed` (đã duyệt): a report sent but not yet
 * approved is still in hand, as the assignment machine has it ("overdue" means
 * no approved report by the deadline). Cancelled work (`cancelled`) is left out;
 * withdrawn and closed directives are left out by whoever gathers the rows.
 *
 * The instant that counts as done is the SUBMISSION of the report that was
 * then approved, not the approval: a unit is not late because the reviewer
 * took a week, which is how a provincial office counts it.
 *
 * Against which deadline: the one in force, so an extension that was granted
 * counts. Work finished after its original deadline but by the extended one is
 * on time, and counted again on its own as "đúng hạn sau gia hạn" (a part of
 * hoàn thành đúng hạn, as the reports write "trong đó … sau gia hạn").
 */

/** What the rule needs of one assignment. */
export interface FollowUpFacts {
  state: string;
  /** The deadline in force (after any extension); null for standing work. */
  dueAt: Date | null;
  /** The deadline before the first extension granted; null when none was granted. */
  originalDueAt: Date | null;
  /** The engine's overdue mark (set when the deadline timer fired). */
  overdue: boolean;
  /** When the report that was approved was submitted; null while not finished. */
  doneAt: Date | null;
}

export const followUpStandings = ['done_on_time', 'done_late', 'open_on_time', 'open_overdue'] as const;
export type FollowUpStanding = (typeof followUpStandings)[number];

export interface Standing {
  standing: FollowUpStanding;
  /** Finished on time only because an extension was granted. */
  afterExtension: boolean;
}

/** Where one assignment stands at `now`, or null when it does not count (cancelled). */
export function followUpStanding(a: FollowUpFacts, now: Date): Standing | null {
  if (a.state === 'cancelled') return null;
  if (a.state === 'reviewed') {
    // A finished assignment with no recorded report time (should not happen) is judged as done when the rows were read.
    const done = a.doneAt ?? now;
    if (a.dueAt && done > a.dueAt) return { standing: 'done_late', afterExtension: false };
    const afterExtension = a.originalDueAt !== null && done > a.originalDueAt;
    return { standing: 'done_on_time', afterExtension };
  }
  const late = a.overdue || (a.dueAt !== null && a.dueAt < now);
  return { standing: late ? 'open_overdue' : 'open_on_time', afterExtension: false };
}

export interface FollowUpFigures {
  doneOnTime: number;
  /** Of doneOnTime, those on time only by an extended deadline. */
  doneOnTimeAfterExtension: number;
  doneLate: number;
  openOnTime: number;
  openOverdue: number;
  /** Everything counted (the four figures added up). */
  total: number;
  /** doneOnTime ÷ (doneOnTime + doneLate) in percent, one decimal; null when nothing is finished. */
  onTimeRate: number | null;
}

export const noFigures = (): FollowUpFigures => ({
  doneOnTime: 0,
  doneOnTimeAfterExtension: 0,
  doneLate: 0,
  openOnTime: 0,
  openOverdue: 0,
  total: 0,
  onTimeRate: null,
});

const field: Record<FollowUpStanding, 'doneOnTime' | 'doneLate' | 'openOnTime' | 'openOverdue'> = {
  done_on_time: 'doneOnTime',
  done_late: 'doneLate',
  open_on_time: 'openOnTime',
  open_overdue: 'openOverdue',
};

/** The four figures and the on-time rate of a set of assignments at `now`. */
export function followUpFigures(list: Iterable<FollowUpFacts>, now: Date): FollowUpFigures {
  const f = noFigures();
  for (const a of list) {
    const s = followUpStanding(a, now);
    if (!s) continue;
    f[field[s.standing]]++;
    if (s.afterExtension) f.doneOnTimeAfterExtension++;
  }
  return figuresOfCounts(f);
}

export type FigureCounts = Pick<FollowUpFigures, 'doneOnTime' | 'doneOnTimeAfterExtension' | 'doneLate' | 'openOnTime' | 'openOverdue'>;

/** The figures from the four counts (counted elsewhere, e.g. by PostgreSQL): their total and the on-time rate. */
export function figuresOfCounts(c: FigureCounts): FollowUpFigures {
  const total = c.doneOnTime + c.doneLate + c.openOnTime + c.openOverdue;
  const finished = c.doneOnTime + c.doneLate;
  return { ...c, total, onTimeRate: finished ? Math.round((c.doneOnTime / finished) * 1000) / 10 : null };
}

/** Counts added up (a directive's frozen figures and the live ones, say). */
export function addCounts(...all: readonly FigureCounts[]): FigureCounts {
  const sum = (k: keyof FigureCounts) => all.reduce((n, c) => n + c[k], 0);
  return {
    doneOnTime: sum('doneOnTime'),
    doneOnTimeAfterExtension: sum('doneOnTimeAfterExtension'),
    doneLate: sum('doneLate'),
    openOnTime: sum('openOnTime'),
    openOverdue: sum('openOverdue'),
  };
}
