import { sql } from 'kysely';
import {
  ASSIGNMENT_FINAL_STATES,
  DIRECTIVE_FINAL_STATES,
  LADDER_RUNGS,
  localDateOf,
  workingDaysBetween,
  type ChairmanDigestUnit,
  type DigestItem,
  type WorkingCalendar,
} from '@dondoc/domain';
import type { Db, DbOrTx } from './database.ts';
import { WriteBatch } from './engine/write-batch.ts';
import { messageId } from './engine/notifications.ts';

interface ItemFilter {
  unitId?: string;
  chairmanList?: boolean;
  dueBefore?: Date;
}

async function items(db: DbOrTx, cal: WorkingCalendar, now: Date, filter: ItemFilter): Promise<DigestItem[]> {
  let q = db
    .selectFrom('assignments as a')
    .innerJoin('tasks as t', 't.id', 'a.task_id')
    .innerJoin('directives as d', 'd.id', 'a.directive_id')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .select(['a.id', 'a.unit_id', 'd.number_symbol', 'd.classification', 't.ordinal', 't.title', 'u.name'])
    .select(['a.due_at', 'a.state', 'a.overdue', 'a.escalation_level'])
    .where('a.state', 'not in', ASSIGNMENT_FINAL_STATES)
    .where('d.state', 'not in', DIRECTIVE_FINAL_STATES)
    .orderBy('a.due_at')
    .orderBy('d.number_symbol')
    .orderBy('t.ordinal');
  if (filter.unitId) q = q.where('a.unit_id', '=', filter.unitId);
  // The domain's onChairmansList, as a filter: the last rung reached, and not a requested body.
  if (filter.chairmanList) q = q.where('a.escalation_level', '>=', LADDER_RUNGS.chairmansList).where('a.requested', '=', false);
  if (filter.dueBefore) {
    const before = filter.dueBefore;
    q = q.where((eb) => eb.or([eb('a.overdue', '=', true), eb('a.due_at', '<=', before)]));
  }
  const today = localDateOf(now);
  return (await q.execute()).map((r) => ({
    assignmentId: r.id,
    numberSymbol: r.number_symbol,
    taskOrdinal: r.ordinal,
    ...(r.classification === 'thuong' ? { taskTitle: r.title } : {}),
    unitName: r.name,
    dueAt: r.due_at?.toISOString() ?? null,
    state: r.state,
    overdue: r.overdue,
    workingDaysLate: r.overdue && r.due_at ? Math.max(0, workingDaysBetween(cal, localDateOf(r.due_at), today)) : 0,
    escalationLevel: r.escalation_level,
  }));
}

type DigestRecipient = { id: string; email: string; locale: 'vi' | 'en' };

async function writeDigest(tx: DbOrTx, user: DigestRecipient, template: string, date: string, params: Record<string, unknown>): Promise<boolean> {
  const dedupeKey = `digest:${template}:${user.id}:${date}`;
  const batch = new WriteBatch();
  batch.notification(
    {
      dedupe_key: dedupeKey,
      template,
      user_id: user.id,
      to_address: user.email.toLowerCase(),
      locale: user.locale,
      params: JSON.stringify({ template, date, ...params }),
      message_id: messageId(dedupeKey),
      subject_type: null,
      subject_id: null,
      request_id: null,
    },
    true,
  );
  return (await batch.flush(tx)).notifications > 0;
}

/**
 * The morning mail of every recipient on the digest: everything of their unit
 * that is overdue or falls due within `horizonWorkingDays`. One mail a day at
 * most (the dedupe key carries the date); nothing to say, no mail.
 */
export async function writeUnitDigests(db: Db, cal: WorkingCalendar, now: Date, horizon: Date): Promise<number> {
  const date = localDateOf(now);
  const recipients = await db
    .selectFrom('users')
    .select(['id', 'email', 'locale', 'unit_id'])
    .where('mail_digest', '=', true)
    .where('disabled_at', 'is', null)
    .execute();
  let written = 0;
  for (const u of recipients) {
    const list = await items(db, cal, now, { unitId: u.unit_id, dueBefore: horizon });
    if (list.length === 0) continue;
    const unit = await db.selectFrom('units').select('name').where('id', '=', u.unit_id).executeTakeFirstOrThrow();
    if (await db.transaction().execute((tx) => writeDigest(tx, u, 'digest_unit', date, { unitName: unit.name, items: list, path: '/' }))) written++;
  }
  return written;
}

/**
 * The Chairman's list on a working morning: units on the last rung of the
 * ladder (requested bodies are not on it), their items, how late, and how
 * often they were late this year.
 */
/** How many of each unit's assignments went past their deadline since 1 January (Asia/Ho_Chi_Minh) of `now`'s year. */
export async function lateThisYearByUnit(db: Db, now: Date): Promise<{ code: string; name: string; n: number }[]> {
  const rows = await db
    .selectFrom('events as e')
    .innerJoin('assignments as a', (j) => j.onRef('a.id', '=', 'e.subject_id').on('e.subject_type', '=', 'assignment'))
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .select(['u.code', 'u.name', sql<string>`count(DISTINCT a.id)`.as('n')])
    .where('e.type', '=', 'DEADLINE_PASSED')
    .where('e.created_at', '>=', new Date(`${localDateOf(now).slice(0, 4)}-01-01T00:00:00+07:00`))
    .groupBy(['u.code', 'u.name'])
    .execute();
  return rows.map((r) => ({ code: r.code, name: r.name, n: Number(r.n) }));
}

const worstLate = (u: ChairmanDigestUnit) => Math.max(...u.items.map((i) => i.workingDaysLate));

export async function writeChairmanDigest(db: Db, cal: WorkingCalendar, now: Date): Promise<number> {
  const date = localDateOf(now);
  const list = await items(db, cal, now, { chairmanList: true });
  if (list.length === 0) return 0;
  const byUnit = new Map<string, DigestItem[]>();
  for (const i of list) byUnit.set(i.unitName, [...(byUnit.get(i.unitName) ?? []), i]);
  const late = await lateThisYearByUnit(db, now);
  const units: ChairmanDigestUnit[] = [...byUnit.entries()]
    .map(([unitName, unitItems]) => ({ unitName, items: unitItems, lateThisYear: late.find((l) => l.name === unitName)?.n ?? unitItems.length }))
    .sort((a, b) => worstLate(b) - worstLate(a) || a.unitName.localeCompare(b.unitName));
  const chairmen = await db.selectFrom('users').select(['id', 'email', 'locale']).where('role', '=', 'chairman').where('disabled_at', 'is', null).execute();
  let written = 0;
  for (const c of chairmen) if (await db.transaction().execute((tx) => writeDigest(tx, c, 'digest_chairman', date, { units, path: '/laggards' }))) written++;
  return written;
}
