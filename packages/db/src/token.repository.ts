import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { NotFoundError, type UserRole } from '@dondoc/domain';
import type { DbOrTx } from './database.ts';

const PREFIX = 'ddk_';
/** Bearer tokens and session tokens are stored as their SHA-256, never as they are. */
export const tokenHash = (token: string) => createHash('sha256').update(token).digest();

export interface Principal {
  userId: string;
  email: string;
  name: string;
  role: UserRole;
  unitId: string;
  unitCode: string;
}

/** Creates a bearer token for a user; the plain token is returned once and only its hash is kept. */
export async function createToken(db: DbOrTx, userId: string, label = ''): Promise<{ id: string; token: string }> {
  const user = await db.selectFrom('users').select('id').where('id', '=', userId).where('disabled_at', 'is', null).executeTakeFirst();
  if (!user) throw new NotFoundError('người dùng', 'user', userId);
  const token = PREFIX + randomBytes(32).toString('base64url');
  const { id } = await db
    .insertInto('api_tokens')
    .values({ user_id: userId, token_hash: tokenHash(token), label, last_used_at: null, revoked_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id, token };
}

export async function revokeToken(db: DbOrTx, tokenId: string): Promise<void> {
  const r = await db
    .updateTable('api_tokens')
    .set({ revoked_at: sql<Date>`now()` })
    .where('id', '=', tokenId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (r.numUpdatedRows === 0n) throw new NotFoundError('mã truy cập', 'token', tokenId);
}

/**
 * The user behind a live token, or undefined. `last_used_at` is brought up to
 * date at most once a minute: a read stays a read, not a write per request.
 */
export async function findPrincipalByToken(db: DbOrTx, token: string): Promise<Principal | undefined> {
  if (!token.startsWith(PREFIX) || token.length > 100) return undefined;
  const row = await db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .innerJoin('units as n', 'n.id', 'u.unit_id')
    .where('t.token_hash', '=', tokenHash(token))
    .where('t.revoked_at', 'is', null)
    .where('u.disabled_at', 'is', null)
    .select(['t.id as token_id', 't.last_used_at', 'u.id', 'u.email', 'u.name', 'u.role', 'u.unit_id', 'n.code'])
    .executeTakeFirst();
  if (!row) return undefined;
  if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > 60_000) {
    await db
      .updateTable('api_tokens')
      .set({ last_used_at: sql<Date>`now()` })
      .where('id', '=', row.token_id)
      .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', sql<Date>`now() - interval '1 minute'`)]))
      .execute();
  }
  return principalOf(row);
}

/** A user row joined with its unit, as the caller of a request. */
export function principalOf(row: { id: string; email: string; name: string; role: UserRole; unit_id: string; code: string }): Principal {
  return { userId: row.id, email: row.email, name: row.name, role: row.role, unitId: row.unit_id, unitCode: row.code };
}
