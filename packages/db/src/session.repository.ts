import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { sql } from 'kysely';
import type { DbOrTx } from './database.ts';
import { principalOf, tokenHash, type Principal } from './token.repository.ts';
const SESSION_HOURS = 12;

export const hashPassword = (password: string) => hash(password);

/** The user if the email and password match an enabled account; the same answer time either way. */
export async function checkPassword(db: DbOrTx, email: string, password: string): Promise<string | undefined> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'password_hash'])
    .where(sql`lower(email)`, '=', email.trim().toLowerCase())
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  // Verify against a dummy hash when there is no user, so a wrong email takes as long as a wrong password.
  const ok = await verify(user?.password_hash ?? DUMMY, password).catch(() => false);
  return ok && user?.password_hash ? user.id : undefined;
}
const DUMMY = '$argon2id$v=19$m=19456,t=2,p=1$ZG9uZG9jZG9uZG9j$2l8a0uE7f1M0m4P0q8d2bQ9h3mVbq0pJ2wA6o1rX8sE';

export async function createSession(db: DbOrTx, userId: string): Promise<{ token: string; csrf: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrf = randomBytes(24).toString('base64url');
  await db
    .insertInto('sessions')
    .values({ token_hash: tokenHash(token), user_id: userId, csrf_token: csrf, expires_at: new Date(Date.now() + SESSION_HOURS * 3600_000) })
    .execute();
  return { token, csrf };
}

export async function findSession(db: DbOrTx, token: string): Promise<(Principal & { csrf: string }) | undefined> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('units as n', 'n.id', 'u.unit_id')
    .select(['u.id', 'u.email', 'u.name', 'u.role', 'u.unit_id', 'n.code', 's.csrf_token'])
    .where('s.token_hash', '=', tokenHash(token))
    .where('s.expires_at', '>', sql<Date>`now()`)
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
  return row && { ...principalOf(row), csrf: row.csrf_token };
}

export async function endSession(db: DbOrTx, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash(token)).execute();
}
