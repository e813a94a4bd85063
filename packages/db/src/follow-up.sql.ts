import { sql, type RawBuilder } from 'kysely';
import { trafficLights, type Light, type LightClock } from '@dondoc/domain';

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
