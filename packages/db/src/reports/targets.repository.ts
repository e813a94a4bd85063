import type { DbOrTx } from '../database.ts';

/** The targets a directive sets, in task and code order. */
export async function directiveTargets(tx: DbOrTx, directiveId: string) {
  return tx
    .selectFrom('task_targets as g')
    .innerJoin('tasks as t', 't.id', 'g.task_id')
    .select(['g.code', 'g.name', 'g.unit_of_measure', 'g.target_value', 'g.aggregate'])
    .where('t.directive_id', '=', directiveId)
    .orderBy('t.ordinal')
    .orderBy('g.code')
    .execute();
}

/**
 * The targets a unit reports on: those of the directive's tasks it holds an
 * assignment of. A unit is neither asked about nor told of other units' tasks
 * (for a classified directive, their target names are not its to read).
 */
export async function unitTargets(tx: DbOrTx, directiveId: string, unitId: string) {
  return tx
    .selectFrom('task_targets as g')
    .innerJoin('tasks as t', 't.id', 'g.task_id')
    .select(['g.code', 'g.name', 'g.unit_of_measure', 'g.target_value', 'g.aggregate'])
    .where('t.directive_id', '=', directiveId)
    .where((eb) =>
      eb.exists(
        eb.selectFrom('assignments as a').select('a.id').whereRef('a.task_id', '=', 't.id').where('a.unit_id', '=', unitId).where('a.state', '!=', 'cancelled'),
      ),
    )
    .orderBy('t.ordinal')
    .orderBy('g.code')
    .execute();
}
