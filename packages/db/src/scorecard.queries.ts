import { sql } from 'kysely';
import { figuresOfCounts, TIME_ZONE, type FollowUpFigures } from '@dondoc/domain';
import type { DbOrTx } from './database.ts';
import { workingDaysBetweenSql } from './calendar-days.ts';
import { countsOf, doneLateSql, figureCountsSql, openOverdueSql } from './follow-up.sql.ts';

/**
 * A unit's record as PostgreSQL counts it, over its work in every directive not
 * withdrawn (closed ones too: it was done, or not, by its deadlines): the four
 * figures, the average delay of late work in working days, and the deadlines it
 * missed counted BY THE DEADLINE'S MONTH (done late, or still open past it),
 * over the latest twelve months in which one of its deadlines fell.
 * tests/scorecard.sql.test.ts holds it to the rule over the same rows.
 */
export interface UnitRecord {
  figures: FollowUpFigures;
  /** Mean working days from the deadline to the approved report (or to now while open) of the work that missed it, one decimal. */
  averageDelay: number;
  /** `yyyy-mm` (Asia/Ho_Chi_Minh) and the deadlines missed in it, oldest first. */
  months: { month: string; missed: number }[];
}

/** How many months of deadlines the record shows. */
export const RECORD_MONTHS = 12;

export async function unitRecord(db: DbOrTx, now: Date, unitId: string): Promise<UnitRecord> {
  const rows = db
    .selectFrom('assignments as a')
    .innerJoin('directives as d', 'd.id', 'a.directive_id')
    .where('a.unit_id', '=', unitId)
    .where('d.state', '!=', 'withdrawn');
  // Missed: a deadline, and done after it or open past it (the figures' done late and open overdue).
  const missed = sql<boolean>`(a.due_at IS NOT NULL AND (${doneLateSql('a', now)} OR ${openOverdueSql('a', now)}))`;
  const doneOrNow = sql`coalesce(CASE WHEN a.state = 'reviewed' THEN a.reported_at END, ${now}::timestamptz)`;
  const month = sql<string>`to_char(a.due_at AT TIME ZONE ${sql.lit(TIME_ZONE)}, 'YYYY-MM')`;
  const [whole, months] = await Promise.all([
    rows
      .innerJoin('tasks as t', 't.id', 'a.task_id')
      .select(figureCountsSql('a', 't', now))
      .select([
        sql<string | null>`sum(${workingDaysBetweenSql(sql.ref('a.due_at'), doneOrNow)}) FILTER (WHERE ${missed})`.as('delay'),
        sql<string>`count(*) FILTER (WHERE ${missed})`.as('missed'),
      ])
      .executeTakeFirstOrThrow(),
    rows
      .select([month.as('month'), sql<string>`count(*) FILTER (WHERE ${missed})`.as('missed')])
      .where('a.due_at', 'is not', null)
      .where('a.state', '!=', 'cancelled')
      .groupBy(month)
      .orderBy(month, 'desc')
      .limit(RECORD_MONTHS)
      .execute(),
  ]);
  const n = Number(whole.missed);
  return {
    figures: figuresOfCounts(countsOf(whole)),
    averageDelay: n ? Math.round((Number(whole.delay) / n) * 10) / 10 : 0,
    months: months.map((m) => ({ month: m.month, missed: Number(m.missed) })).reverse(),
  };
}
