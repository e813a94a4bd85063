import { sql, type RawBuilder } from 'kysely';
import { LADDER_RUNGS, trafficLights, type FigureCounts, type Light, type LightClock } from '@dondoc/domain';

/**
 * The follow-up rules of packages/domain (rules/follow-up-status.ts) as SQL
 * expressions, so that pages at a province's scale count and sort in
 * PostgreSQL instead of loading every assignment into Node. Each takes the
 * alias of an `assignments` row; tests/follow-up-sql.test.ts holds them to the
 * domain's answer row by row.
 */

const col = (alias: string, name: string) => sql.ref(`${alias}.${name}`);

/** The assignment's light by the clock (lightAt): done, cancelled, overdue, due soon, on time. */
export function lightSql(alias: string, clock: LightClock): RawBuilder<Light> {
  const state = col(alias, 'state');
  const due = col(alias, 'due_at');
  return sql<Light>`(CASE WHEN ${state} = 'reviewed' THEN 'done' WHEN ${state} = 'cancelled' THEN 'cancelled'
    WHEN ${col(alias, 'overdue')} OR ${due} < ${clock.now} THEN 'overdue'
    WHEN ${due} <= ${clock.dueSoonBy} THEN 'due_soon' ELSE 'on_time' END)`;
}

/** The light's rank, worst first (0 overdue … 4 cancelled), so `min()` over a group is its worst light. */
export function lightRankSql(alias: string, clock: LightClock): RawBuilder<number> {
  const whens = trafficLights.map((l, i) => sql`WHEN ${sql.lit(l)} THEN ${sql.lit(i)}`);
  return sql<number>`(CASE ${lightSql(alias, clock)} ${sql.join(whens, sql` `)} END)`;
}

/** The light of a rank from lightRankSql (a group's worst), or null for no rank (no row). */
export const lightOfRank = (rank: number | null): Light | null => (rank === null ? null : (trafficLights[rank] ?? null));

/**
 * The four figures (rules/follow-up-figures.ts followUpStanding) as counts over
 * assignment rows `a` joined with their task `t` (whose due_at is the deadline as
 * issued when an extension was granted), at `now`. Select them with
 * `.select(figureCountsSql('a', 't', now))` and read the row with countsOf.
 */
export function figureCountsSql(a: string, t: string, now: Date) {
  const state = col(a, 'state');
  const due = col(a, 'due_at');
  const done = sql`coalesce(${col(a, 'reported_at')}, ${now}::timestamptz)`;
  const reviewed = sql`${state} = 'reviewed'`;
  const open = sql`${state} NOT IN ('reviewed', 'cancelled')`;
  const late = sql`(${col(a, 'overdue')} OR ${due} < ${now})`;
  const doneLate = sql`(${due} IS NOT NULL AND ${done} > ${due})`;
  const count = (cond: RawBuilder<unknown>) => sql<string>`count(*) FILTER (WHERE ${cond})`;
  return [
    count(sql`${reviewed} AND NOT ${doneLate}`).as('done_on_time'),
    count(sql`${reviewed} AND NOT ${doneLate} AND ${col(a, 'extended')} AND ${done} > ${col(t, 'due_at')}`).as('done_after_extension'),
    count(sql`${reviewed} AND ${doneLate}`).as('done_late'),
    count(sql`${open} AND NOT coalesce(${late}, false)`).as('open_on_time'),
    count(sql`${open} AND coalesce(${late}, false)`).as('open_overdue'),
  ];
}

/** The counts of a row selected with figureCountsSql (PostgreSQL returns count() as text). */
export function countsOf(r: {
  done_on_time: string | number;
  done_after_extension: string | number;
  done_late: string | number;
  open_on_time: string | number;
  open_overdue: string | number;
}): FigureCounts {
  return {
    doneOnTime: Number(r.done_on_time),
    doneOnTimeAfterExtension: Number(r.done_after_extension),
    doneLate: Number(r.done_late),
    openOnTime: Number(r.open_on_time),
    openOverdue: Number(r.open_overdue),
  };
}

/** Open (neither approved nor cancelled) and past its deadline or marked overdue at `now`: the figures' "đang thực hiện quá hạn". */
export function openOverdueSql(a: string, now: Date): RawBuilder<boolean> {
  return sql<boolean>`(${col(a, 'state')} NOT IN ('reviewed', 'cancelled') AND (${col(a, 'overdue')} OR ${col(a, 'due_at')} < ${now}))`;
}

/** Approved, its approved report sent after the deadline in force (as done at `now` when no time was recorded): "hoàn thành quá hạn". */
export function doneLateSql(a: string, now: Date): RawBuilder<boolean> {
  const due = col(a, 'due_at');
  return sql<boolean>`(${col(a, 'state')} = 'reviewed' AND ${due} IS NOT NULL AND coalesce(${col(a, 'reported_at')}, ${now}::timestamptz) > ${due})`;
}

/** onChairmansList (rules/follow-up-status.ts): the ladder's last rung reached, and not a requested body. */
export function onChairmansListSql(a: string): RawBuilder<boolean> {
  return sql<boolean>`(${col(a, 'escalation_level')} >= ${sql.lit(LADDER_RUNGS.chairmansList)} AND NOT ${col(a, 'requested')})`;
}
