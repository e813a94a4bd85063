import { createHash } from 'node:crypto';
import type { AssignmentRole, NotificationParams, UserRole } from '@dondoc/domain';
import type { AssignmentContext, NotifyTarget } from '@dondoc/workflows';
import type { DbOrTx } from '../database.ts';
import type { Directive } from '../tables/directive.table.ts';
import type { EffectContext } from './effects.ts';
import type { EngineStep } from './step.ts';

interface AssignmentFacts {
  id: string;
  unit_id: string;
  task_id: string;
  requested: boolean;
  role: AssignmentRole;
}

/** Mails a recipient on the daily digest does not get one by one: the digest covers them. */
const foldedIntoDigest = new Set(['reminder', 'overdue', 'escalation_1', 'escalation_2', 'escalation_3', 'report_reminder', 'report_late']);
/** Free text written by people, left out of mail about a classified directive. */
const freeText = new Set(['reason', 'comment', 'text', 'values']);

interface Recipient {
  userId: string | null;
  email: string;
  locale: 'vi' | 'en';
  digest: boolean;
}

/**
 * Writes one notification row per recipient of a message, in the engine's
 * transaction, and a mail job for each that is to be sent now. The dedupe key
 * (event, template, address) makes the same message impossible to write twice.
 */
export async function planNotifications(
  step: EngineStep,
  ctx: EffectContext,
  req: {
    template: string;
    to: NotifyTarget | 'assignees' | 'chairman';
    directive: Directive;
    assignment?: AssignmentFacts;
    context?: AssignmentContext;
    /** The unit concerned when the subject is not an assignment (a unit's periodic report). */
    unitId?: string;
    /** More for the template (a report period, its targets) and the page to open. */
    extra?: Pick<NotificationParams, 'period' | 'targets'> & { path?: string };
  },
): Promise<void> {
  const { tx } = step;
  const d = req.directive;
  const classified = d.classification !== 'thuong';
  const a = req.assignment;
  const unitId = a?.unit_id ?? req.unitId;
  const [task, people, taskTargets] = await Promise.all([
    a
      ? step.once(`task:${a.task_id}`, () => tx.selectFrom('tasks').select(['ordinal', 'title']).where('id', '=', a.task_id).executeTakeFirstOrThrow())
      : undefined,
    unitId ? unitPeople(step, unitId) : undefined,
    // The new-task mail states what the task is to reach.
    a && req.template === 'assigned' ? step.once(`targets:${a.task_id}`, () => targetsOfTask(tx, a.task_id)) : undefined,
  ]);
  const unit = people && { code: people.unit.code, name: people.unit.name };
  const targets = req.extra?.targets ?? taskTargets;
  const params: NotificationParams = {
    template: req.template,
    directive: { id: d.id, numberSymbol: d.number_symbol, type: d.type, classified, ...(classified ? {} : { subject: d.subject }) },
    ...(task && { task: { ordinal: task.ordinal, ...(classified ? {} : { title: task.title }) } }),
    ...(unit && { unit }),
    ...(a &&
      req.context && {
        assignment: { id: a.id, dueAt: req.context.dueAt, escalationLevel: req.context.escalationLevel, requested: a.requested, role: a.role },
      }),
    ...(req.extra?.period && { period: req.extra.period }),
    // Target names are content: mail about a classified directive leaves them out (the report page lists them to whom they are due).
    ...(targets?.length && !classified && { targets }),
    event: Object.fromEntries(Object.entries(ctx.payload).filter(([k]) => !(classified && freeText.has(k)))),
    path: req.extra?.path ?? (a ? `/assignments/${a.id}` : `/directives/${d.id}`),
  };

  const json = JSON.stringify(params);
  for (const r of await recipients(step, req.to, d, unitId)) {
    const dedupeKey = `${ctx.subject.type}:${ctx.subject.id}:${ctx.eventSeq}:${req.template}:${r.email}`;
    const status = r.digest && foldedIntoDigest.has(req.template) ? 'held' : 'pending';
    step.batch.notification(
      {
        dedupe_key: dedupeKey,
        template: req.template,
        subject_type: ctx.subject.type,
        subject_id: ctx.subject.id,
        user_id: r.userId,
        to_address: r.email,
        locale: r.locale,
        params: json,
        status,
        message_id: messageId(dedupeKey),
        request_id: ctx.requestId ?? null,
      },
      status === 'pending',
    );
  }
}

interface UnitPeople {
  unit: { id: string; code: string; name: string; head_email: string | null; focal_email: string | null };
  /** Its active users, by email. */
  users: { id: string; email: string; locale: 'vi' | 'en'; mail_digest: boolean; role: UserRole }[];
}

/** A unit and its active users, read once per step (primed for all a fan-out's units at once by `primeUnitPeople`). */
function unitPeople(step: EngineStep, unitId: string): Promise<UnitPeople> {
  return step.once(`people:${unitId}`, async () => (await readUnitPeople(step.tx, [unitId])).get(unitId)!);
}

/** Reads the units and users of many units in two queries, for a step that will notify each of them. */
export async function primeUnitPeople(step: EngineStep, unitIds: readonly string[]): Promise<void> {
  const missing = unitIds.filter((id) => !step.known(`people:${id}`));
  if (missing.length === 0) return;
  const read = await readUnitPeople(step.tx, missing);
  for (const [id, people] of read) void step.once(`people:${id}`, () => Promise.resolve(people));
}

async function readUnitPeople(tx: DbOrTx, unitIds: readonly string[]): Promise<Map<string, UnitPeople>> {
  const [units, users] = await Promise.all([
    tx.selectFrom('units').select(['id', 'code', 'name', 'head_email', 'focal_email']).where('id', 'in', unitIds).execute(),
    tx
      .selectFrom('users')
      .select(['id', 'email', 'locale', 'mail_digest', 'unit_id', 'role'])
      .where('unit_id', 'in', unitIds)
      .where('disabled_at', 'is', null)
      .orderBy('email')
      .execute(),
  ]);
  const out = new Map<string, UnitPeople>(units.map((unit) => [unit.id, { unit, users: [] }]));
  for (const u of users) out.get(u.unit_id!)?.users.push(u);
  for (const id of unitIds) if (!out.has(id)) throw new Error(`unit ${id} not found`);
  return out;
}

async function targetsOfTask(tx: DbOrTx, taskId: string): Promise<NonNullable<NotificationParams['targets']>> {
  const rows = await tx
    .selectFrom('task_targets')
    .select(['code', 'name', 'unit_of_measure', 'target_value'])
    .where('task_id', '=', taskId)
    .orderBy('code')
    .execute();
  return rows.map((r) => ({ code: r.code, name: r.name, unitOfMeasure: r.unit_of_measure, targetValue: Number(r.target_value) }));
}

/** A Message-ID fixed by the dedupe key, so a mail sent twice (a crash after the SMTP server took it) is recognisably the same. */
export function messageId(dedupeKey: string): string {
  return `<${createHash('sha256').update(dedupeKey).digest('hex').slice(0, 32)}@dondoc>`;
}

const rolesFor: Record<NotifyTarget | 'assignees' | 'chairman', { roles: UserRole[]; contact: 'focal' | 'head' }> = {
  chairman: { roles: ['chairman'], contact: 'head' },
  unit: { roles: ['unit_officer'], contact: 'focal' },
  unit_head: { roles: ['unit_head'], contact: 'head' },
  monitor: { roles: ['monitor', 'unit_head'], contact: 'head' },
  assignees: { roles: ['unit_officer'], contact: 'focal' },
};

/** The people a target means: the users with the right role in the right units, or the unit's contact address if it has none. */
async function recipients(step: EngineStep, to: NotifyTarget | 'assignees' | 'chairman', d: Directive, unitId: string | undefined): Promise<Recipient[]> {
  const unitIds =
    to === 'chairman'
      ? [d.issuer_unit_id]
      : to === 'monitor'
        ? [d.monitoring_unit_id]
        : to === 'assignees'
          ? (await step.tx.selectFrom('assignments').select('unit_id').distinct().where('directive_id', '=', d.id).orderBy('unit_id').execute()).map(
              (r) => r.unit_id,
            )
          : [unitId!];
  const { roles, contact } = rolesFor[to];
  await primeUnitPeople(step, unitIds);
  const byEmail = new Map<string, Recipient>();
  const people = await Promise.all(unitIds.map((id) => unitPeople(step, id)));
  const users = people.flatMap((p) => p.users.filter((u) => roles.includes(u.role)).map((u) => ({ ...u, unitId: p.unit.id })));
  for (const u of users.sort((x, y) => (x.email < y.email ? -1 : x.email > y.email ? 1 : 0))) {
    byEmail.set(u.email.toLowerCase(), { userId: u.id, email: u.email.toLowerCase(), locale: u.locale, digest: u.mail_digest });
  }
  for (const { unit } of people) {
    if (users.some((u) => u.unitId === unit.id)) continue;
    const email = contact === 'head' ? unit.head_email : unit.focal_email;
    if (email && !byEmail.has(email.toLowerCase())) byEmail.set(email.toLowerCase(), { userId: null, email: email.toLowerCase(), locale: 'vi', digest: false });
  }
  return [...byEmail.values()];
}
