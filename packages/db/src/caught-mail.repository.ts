import { sql } from 'kysely';
import type { Db } from './database.ts';

/** A message the embedded catcher received, as PostgreSQL keeps it. */
export interface StoredCaughtMail {
  id: number;
  at: Date;
  envelopeTo: string[];
  from: string;
  subject: string | null;
  text: string | null;
  raw: string;
}

/** How much caught mail is kept: a trial mailbox, not an archive. */
export const caughtMailLimits = { max: 5000, days: 30 };

/** Stores one message and drops what falls outside the limits; resolves with its number. */
export async function saveCaughtMail(db: Db, m: Omit<StoredCaughtMail, 'id'>, limits = caughtMailLimits): Promise<number> {
  const row = await db
    .insertInto('caught_mail')
    .values({ caught_at: m.at, envelope_to: m.envelopeTo, from_text: m.from, subject: m.subject, text_body: m.text, raw: m.raw })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .deleteFrom('caught_mail')
    .where((eb) =>
      eb.or([
        eb('caught_at', '<', sql<Date>`now() - make_interval(days => ${limits.days})`),
        eb('id', '<=', eb.selectFrom('caught_mail').select('id').orderBy('id', 'desc').offset(limits.max).limit(1)),
      ]),
    )
    .execute();
  return Number(row.id);
}

/** The kept messages, oldest first. */
export async function loadCaughtMail(db: Db, limits = caughtMailLimits): Promise<StoredCaughtMail[]> {
  const rows = await db
    .selectFrom('caught_mail')
    .selectAll()
    .where('caught_at', '>=', sql<Date>`now() - make_interval(days => ${limits.days})`)
    .orderBy('id', 'desc')
    .limit(limits.max)
    .execute();
  return rows.reverse().map((r) => ({
    id: Number(r.id),
    at: r.caught_at,
    envelopeTo: r.envelope_to,
    from: r.from_text,
    subject: r.subject,
    text: r.text_body,
    raw: r.raw,
  }));
}
