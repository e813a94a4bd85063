import { sql } from 'kysely';
import type { DigestItem, OfficeReminderParams } from '@dondoc/domain';
import type { Db, DbOrTx } from './database.ts';
import { WriteBatch } from './engine/write-batch.ts';
import { messageId } from './engine/notifications.ts';

/**
 * "Nhắc ngay": the Office reminds a lagging unit now of its overdue items, one
 * mail to each of its officers (the unit's focal address when it has none) in
 * the Office's own words (template `office_reminder`: "Văn phòng UBND tỉnh đôn
 * đốc", the items, who sent it, a link to the unit's inbox), through the
 * notification rows and the outbox the timers use. The rows are the record of
 * it: the dedupe key names the unit and the moment, the params who sent it and
 * which items, the request id the request. A second reminder to the same unit
 * within `minIntervalMs` is refused, decided under a lock on the unit's row so
 * two presses at once send one.
 */
export const REMIND_NOW_PREFIX = 'remind-now';

export type RemindOutcome = { sent: number } | { refusedUntil: Date };

export async function remindUnitNow(
  db: Db,
  req: { unitId: string; items: DigestItem[]; sentBy: { userId: string; name: string }; now: Date; date: string; minIntervalMs: number; requestId?: string },
): Promise<RemindOutcome> {
  return db.transaction().execute(async (tx) => {
    const unit = await tx.selectFrom('units').select(['id', 'name', 'focal_email']).where('id', '=', req.unitId).forUpdate().executeTakeFirstOrThrow();
    const last = await lastReminder(tx, req.unitId);
    if (last && req.now.getTime() - last.getTime() < req.minIntervalMs) return { refusedUntil: new Date(last.getTime() + req.minIntervalMs) };
    const officers = await tx
      .selectFrom('users')
      .select(['id', 'email', 'locale'])
      .where('unit_id', '=', req.unitId)
      .where('role', '=', 'unit_officer')
      .where('disabled_at', 'is', null)
      .orderBy('email')
      .execute();
    const to: { id: string | null; email: string; locale: 'vi' | 'en' }[] = officers.length
      ? officers
      : unit.focal_email
        ? [{ id: null, email: unit.focal_email, locale: 'vi' }]
        : [];
    const batch = new WriteBatch();
    const params: OfficeReminderParams = {
      template: 'office_reminder',
      date: req.date,
      unitName: unit.name,
      items: req.items,
      path: '/inbox',
      remindedBy: req.sentBy,
    };
    for (const r of to) {
      const dedupeKey = `${REMIND_NOW_PREFIX}:${unit.id}:${req.now.toISOString()}:${r.email.toLowerCase()}`;
      batch.notification(
        {
          dedupe_key: dedupeKey,
          template: params.template,
          subject_type: null,
          subject_id: null,
          user_id: r.id,
          to_address: r.email.toLowerCase(),
          locale: r.locale,
          params: JSON.stringify(params),
          message_id: messageId(dedupeKey),
          request_id: req.requestId ?? null,
          created_at: req.now,
        },
        true,
      );
    }
    await batch.flush(tx);
    return { sent: to.length };
  });
}

/** When the unit was last reminded by hand ("Nhắc ngay"), or undefined. */
export async function lastReminder(db: DbOrTx, unitId: string): Promise<Date | undefined> {
  const row = await db
    .selectFrom('notifications')
    .select(sql<Date | null>`max(created_at)`.as('at'))
    .where('dedupe_key', 'like', `${REMIND_NOW_PREFIX}:${unitId}:%`)
    .executeTakeFirst();
  return row?.at ?? undefined;
}

/** How many were sent the unit's last reminder by hand, and when; undefined when it never was. */
export async function lastReminderSent(db: DbOrTx, unitId: string): Promise<{ at: Date; recipients: number } | undefined> {
  const at = await lastReminder(db, unitId);
  if (!at) return undefined;
  const row = await db
    .selectFrom('notifications')
    .select(sql<string>`count(*)`.as('n'))
    .where('dedupe_key', 'like', `${REMIND_NOW_PREFIX}:${unitId}:${at.toISOString()}:%`)
    .executeTakeFirstOrThrow();
  return { at, recipients: Number(row.n) };
}
