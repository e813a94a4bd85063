import {
  DuplicateError,
  ValidationError,
  directiveInputSchema,
  resolveDeadline,
  toValidationError,
  type Actor,
  type AssignmentRole,
  type DirectiveInput,
} from '@dondoc/domain';
import type { Db, DbOrTx } from './database.ts';
import { start } from './engine/advance.ts';
import { inEngineStep } from './engine/apply.ts';
import type { EngineStep } from './engine/step.ts';
import { countDirectiveProgress } from './engine/directive-progress.ts';
import { primeUnitPeople } from './engine/notifications.ts';
import { assignmentKind } from './engine/subjects/assignment.kind.ts';
import { directiveKind } from './engine/subjects/directive.kind.ts';

export interface IssuedDirective {
  directiveId: string;
  taskIds: string[];
  assignmentIds: string[];
}

/**
 * Issues a directive in one transaction: the document, its tasks and targets,
 * and one assignment per unit each task names, groups fanned out to their
 * members. Each new assignment starts its machine, which notifies the unit and
 * schedules the deadline.
 */
export async function issueDirective(db: Db, raw: unknown, actor: Actor, opts: { requestId?: string } = {}): Promise<IssuedDirective> {
  const input = parseDirectiveInput(raw);
  return db.transaction().execute((tx) => issueDirectiveInTransaction(tx, input, actor, opts));
}

export function parseDirectiveInput(raw: unknown): DirectiveInput {
  const parsed = directiveInputSchema.safeParse(raw);
  if (!parsed.success) throw toValidationError(parsed.error.issues[0]!);
  return parsed.data;
}

/** The same, inside a transaction the caller owns (the API stores its idempotent answer in it). */
export async function issueDirectiveInTransaction(
  tx: DbOrTx,
  input: DirectiveInput,
  actor: Actor,
  opts: { requestId?: string } = {},
): Promise<IssuedDirective> {
  return inEngineStep(tx, actor, opts.requestId, (step) => issueInStep(step, input));
}

async function issueInStep(step: EngineStep, input: DirectiveInput): Promise<IssuedDirective> {
  const { tx } = step;
  const { calendar, defaults } = await step.followUp();
  const units = await resolveUnits(tx, input);

  const existing = await tx
    .selectFrom('directives')
    .select('id')
    .where('issuer_unit_id', '=', units.issuer)
    .where('number_symbol', '=', input.numberSymbol)
    .where('issue_year', '=', Number(input.issuedOn.slice(0, 4)))
    .executeTakeFirst();
  if (existing) {
    throw new DuplicateError(
      `Số, ký hiệu "${input.numberSymbol}" đã được dùng trong năm ${input.issuedOn.slice(0, 4)}.`,
      `Number "${input.numberSymbol}" is already used in ${input.issuedOn.slice(0, 4)}.`,
      'numberSymbol',
    );
  }

  const { row: directive } = await start(
    step,
    directiveKind,
    {
      input,
      issuerUnitId: units.issuer,
      monitoringUnitId: units.monitoring,
      reminderPolicy: input.reminderPolicy ?? defaults.reminderPolicy,
      escalationPolicy: input.escalationPolicy ?? defaults.escalationPolicy,
    },
    undefined,
    { type: 'ISSUE', numberSymbol: input.numberSymbol, tasks: input.tasks.length },
  );
  const directiveId = directive.id;

  // Every unit the directive names, with its users, in two queries: the new-task mails need each.
  await primeUnitPeople(step, [...new Set(input.tasks.flatMap((t) => [...fanOut(units, t.addressees).keys()]))]);
  const taskIds: string[] = [];
  const assignmentIds: string[] = [];
  for (const task of input.tasks) {
    const dueAt = resolveDeadline(calendar, task.deadline, input.issuedOn);
    const assignees = fanOut(units, task.addressees);
    const leads = [...assignees].filter(([, a]) => a.role === 'lead');
    const { id: taskId } = await tx
      .insertInto('tasks')
      .values({
        directive_id: directiveId,
        ordinal: task.ordinal,
        title: task.title,
        body: task.body,
        is_request: task.request,
        lead_unit_id: leads.length === 1 ? leads[0]![0] : null,
        addressees: JSON.stringify(task.addressees),
        deadline_kind: task.deadline.kind,
        deadline_date: task.deadline.kind === 'date' ? task.deadline.date : null,
        deadline_working_days: task.deadline.kind === 'working_days' ? task.deadline.days : null,
        due_at: dueAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    taskIds.push(taskId);
    if (task.targets.length > 0) {
      await tx
        .insertInto('task_targets')
        .values(
          task.targets.map((t) => ({
            task_id: taskId,
            code: t.code,
            name: t.name,
            unit_of_measure: t.unitOfMeasure,
            target_value: t.targetValue,
            aggregate: t.aggregate ?? (t.unitOfMeasure === '%' ? 'latest' : 'sum'),
          })),
        )
        .execute();
    }

    for (const [unitId, a] of assignees) {
      const requested = task.request || !a.commanded;
      const facts = { directive, taskId, unitId, role: a.role, requested };
      const { row } = await start(step, assignmentKind, facts, { dueAt: dueAt?.toISOString() ?? null }, { type: 'ISSUE', role: a.role });
      assignmentIds.push(row.id);
    }
  }
  await countDirectiveProgress(tx, [directiveId]);
  return { directiveId, taskIds, assignmentIds };
}

interface ResolvedUnits {
  issuer: string;
  monitoring: string;
  byCode: Map<string, { id: string; commanded: boolean }>;
  groups: Map<string, { id: string; commanded: boolean }[]>;
}

async function resolveUnits(tx: DbOrTx, input: DirectiveInput): Promise<ResolvedUnits> {
  const codes = new Set([input.issuerUnit, input.monitoringUnit]);
  const groupCodes = new Set<string>();
  for (const t of input.tasks) for (const a of t.addressees) a.unit ? codes.add(a.unit) : groupCodes.add(a.group!);

  const rows = await tx
    .selectFrom('units')
    .select(['id', 'code', 'commanded'])
    .where('code', 'in', [...codes])
    .execute();
  const byCode = new Map(rows.map((r) => [r.code, { id: r.id, commanded: r.commanded }]));
  const groups = new Map<string, { id: string; commanded: boolean }[]>();
  if (groupCodes.size > 0) {
    const members = await tx
      .selectFrom('unit_group_members as m')
      .innerJoin('units as u', 'u.id', 'm.unit_id')
      .select(['m.group_code', 'u.id', 'u.commanded'])
      .where('m.group_code', 'in', [...groupCodes])
      .orderBy('u.code')
      .execute();
    for (const m of members) groups.set(m.group_code, [...(groups.get(m.group_code) ?? []), { id: m.id, commanded: m.commanded }]);
  }

  const missingUnit = (code: string, field: string) => new ValidationError(`Không có đơn vị mã "${code}".`, `There is no unit with code "${code}".`, field);
  if (!byCode.has(input.issuerUnit)) throw missingUnit(input.issuerUnit, 'issuerUnit');
  if (!byCode.has(input.monitoringUnit)) throw missingUnit(input.monitoringUnit, 'monitoringUnit');
  for (const [ti, t] of input.tasks.entries()) {
    for (const [ai, a] of t.addressees.entries()) {
      const field = `tasks.${ti}.addressees.${ai}`;
      if (a.unit && !byCode.has(a.unit)) throw missingUnit(a.unit, `${field}.unit`);
      if (a.group && !groups.has(a.group)) {
        throw new ValidationError(
          `Không có nhóm đơn vị "${a.group}" hoặc nhóm chưa có đơn vị nào.`,
          `There is no unit group "${a.group}", or it has no members.`,
          `${field}.group`,
        );
      }
    }
  }
  return { issuer: byCode.get(input.issuerUnit)!.id, monitoring: byCode.get(input.monitoringUnit)!.id, byCode, groups };
}

/** One entry per unit; a unit named both as lead and as coordinator leads. */
function fanOut(units: ResolvedUnits, addressees: DirectiveInput['tasks'][number]['addressees']): Map<string, { role: AssignmentRole; commanded: boolean }> {
  const out = new Map<string, { role: AssignmentRole; commanded: boolean }>();
  for (const a of addressees) {
    const members = a.unit ? [units.byCode.get(a.unit)!] : units.groups.get(a.group!)!;
    for (const m of members) {
      const prev = out.get(m.id);
      if (!prev || (prev.role === 'coordinate' && a.role === 'lead')) out.set(m.id, { role: a.role, commanded: m.commanded });
    }
  }
  return out;
}
