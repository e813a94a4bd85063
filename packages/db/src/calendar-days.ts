import { sql, type RawBuilder } from 'kysely';
import { addDays, TIME_ZONE, type LocalDate, type WorkingCalendar } from '@dondoc/domain';
import type { Db, DbOrTx } from './database.ts';
import { loadCalendar } from './calendar.reader.ts';

/**
 * The calendar day by day in `calendar_days`, so SQL can count working days:
 * `ordinal` is the number of working days from the start of the range up to
 * and including the day, so the working days after `a` up to `b` (the domain's
 * workingDaysBetween) are `ordinal(b) - ordinal(a)`.
 *
 * The table is derived, never edited: the calendar commands write it in the
 * transaction that changes the calendar, and every process checks it at start
 * (syncCalendarDays), which also covers a release whose holiday rules changed.
 * tests/follow-up-sql.test.ts compares it with the domain across a holiday and
 * an override.
 */

/** The range kept: the lunar calendar is checked for 1900–2100, and directives are dated from 1990. */
export const CALENDAR_DAYS_FROM: LocalDate = '1990-01-01';
export const CALENDAR_DAYS_TO: LocalDate = '2100-12-31';

function daysOf(cal: WorkingCalendar) {
  const day: LocalDate[] = [];
  const working: boolean[] = [];
  const ordinal: number[] = [];
  let count = 0;
  for (let d = CALENDAR_DAYS_FROM; d <= CALENDAR_DAYS_TO; d = addDays(d, 1)) {
    const w = cal.isWorkingDay(d);
    if (w) count++;
    day.push(d);
    working.push(w);
    ordinal.push(count);
  }
  return { day, working, ordinal };
}

/** Writes the whole table from the calendar; the caller holds the calendar's lock (or runs alone). */
export async function writeCalendarDays(tx: DbOrTx, cal: WorkingCalendar): Promise<void> {
  const d = daysOf(cal);
  await tx.deleteFrom('calendar_days').execute();
  await sql`INSERT INTO calendar_days (day, working, ordinal)
    SELECT * FROM unnest(${d.day}::date[], ${d.working}::boolean[], ${d.ordinal}::int[])`.execute(tx);
}

/** Calendar changes are rare; taking them one at a time keeps each recomputation (and this table) consistent. */
export async function lockCalendar(tx: DbOrTx): Promise<void> {
  await tx.selectFrom('calendar_settings').select('id').forUpdate().execute();
}

/** Brings the table in line with the calendar if it is not (empty, or written by other rules); true when it wrote it. */
export async function syncCalendarDays(db: Db): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    // The calendar commands' lock: no change of the calendar can slip between the read and the write.
    await lockCalendar(tx);
    const cal = await loadCalendar(tx);
    const want = daysOf(cal)
      .working.map((w) => (w ? '1' : '0'))
      .join('');
    const have = await sql<{
      bits: string | null;
    }>`SELECT string_agg(CASE WHEN working THEN '1' ELSE '0' END, '' ORDER BY day) AS bits FROM calendar_days`.execute(tx);
    if (have.rows[0]?.bits === want) return false;
    await writeCalendarDays(tx, cal);
    return true;
  });
}

/** The local date (Asia/Ho_Chi_Minh) of an instant, in SQL. */
const localDate = (instant: RawBuilder<unknown> | Date) => sql`((${instant})::timestamptz AT TIME ZONE ${TIME_ZONE})::date`;

const ordinalOf = (instant: RawBuilder<unknown> | Date) => sql<number>`(SELECT ordinal FROM calendar_days WHERE day = ${localDate(instant)})`;

/**
 * Working days from the local date of `from` to that of `to` (workingDaysBetween
 * of the two dates, negative when `to` is earlier): both instants as SQL or as values.
 */
export function workingDaysBetweenSql(from: RawBuilder<unknown> | Date, to: RawBuilder<unknown> | Date): RawBuilder<number> {
  return sql<number>`(${ordinalOf(to)} - ${ordinalOf(from)})`;
}

/** Working days an item due at `dueAt` is late at `now` (0 when not past it), as the laggards list and digests count it. */
export function workingDaysLateSql(dueAt: RawBuilder<unknown>, now: Date): RawBuilder<number> {
  return sql<number>`(CASE WHEN ${dueAt} < ${now} THEN greatest(0, ${workingDaysBetweenSql(dueAt, now)}) ELSE 0 END)`;
}
