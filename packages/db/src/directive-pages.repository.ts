import { sql } from 'kysely';
import type { DbOrTx } from './database.ts';

/** Reads of the Office's directive pages: the issue form's pickers, the list's filter choices, a directive's periods and trail. */

/** Every unit with its kind, and every unit group, for the issue form's addressee and monitoring-unit pickers. */
export async function unitsAndGroupsForIssue(db: DbOrTx) {
  const units = await db.selectFrom('units').select(['code', 'name', 'kind']).execute();
  const groups = await db.selectFrom('unit_groups').select(['code', 'name']).execute();
  return { units, groups };
}

/** The issue years and issuing units that directives have, for the list's filters. */
export async function directiveFilterChoices(db: DbOrTx) {
  const years = await db.selectFrom('directives').select('issue_year').distinct().orderBy('issue_year', 'desc').execute();
  const issuers = await db.selectFrom('directives as d').innerJoin('units as u', 'u.id', 'd.issuer_unit_id').select(['u.code', 'u.name']).distinct().execute();
  return { years: years.map((y) => y.issue_year), issuers };
}

/** A directive's report periods in the order they run, each with how many units' reports it holds and how many were submitted. */
export async function periodsWithSubmissions(db: DbOrTx, directiveId: string) {
  const rows = await db
    .selectFrom('report_periods as p')
    .innerJoin('reporting_regimes as g', 'g.id', 'p.regime_id')
    .select(['p.id', 'g.kind', 'p.period_key', 'p.due_at', 'p.closes_at', 'p.state'])
    .select((eb) => [
      eb.selectFrom('unit_reports as r').whereRef('r.period_id', '=', 'p.id').select(eb.fn.countAll<string>().as('n')).as('reports'),
      eb
        .selectFrom('unit_reports as r')
        .whereRef('r.period_id', '=', 'p.id')
        .where('r.state', 'in', ['submitted', 'accepted'])
        .select(eb.fn.countAll<string>().as('n'))
        .as('submitted'),
    ])
    .where('p.directive_id', '=', directiveId)
    .orderBy('p.starts_on')
    .orderBy('g.kind')
    .execute();
  return rows.map((r) => ({ ...r, reports: Number(r.reports), submitted: Number(r.submitted) }));
}

/** A directive's audit trail, oldest first, with the name of the user behind each event (null for the system's). */
export async function directiveTrail(db: DbOrTx, directiveId: string) {
  return db
    .selectFrom('events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_user_id')
    .select(['e.seq', 'e.type', 'e.actor', 'e.from_state', 'e.to_state', 'e.created_at', 'e.payload', sql<string | null>`u.name`.as('user_name')])
    .where('e.subject_type', '=', 'directive')
    .where('e.subject_id', '=', directiveId)
    .orderBy('e.seq')
    .execute();
}
