import type { DbOrTx } from './database.ts';

/**
 * Claims an idempotency key for a user, in the caller's transaction; false when
 * the key is already held (a concurrent claim waits on its row until that commits).
 */
export async function claimIdempotencyKey(tx: DbOrTx, userId: string, key: string, requestHash: Buffer): Promise<boolean> {
  const claimed = await tx
    .insertInto('idempotency_keys')
    .values({ user_id: userId, key, request_hash: requestHash, status: 0, response: 'null' })
    .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  return claimed !== undefined;
}

/** The request hash and answer stored under a user's idempotency key. */
export async function storedIdempotentAnswer(tx: DbOrTx, userId: string, key: string) {
  return tx.selectFrom('idempotency_keys').selectAll().where('user_id', '=', userId).where('key', '=', key).executeTakeFirstOrThrow();
}

/** Stores the answer under a claimed key; in the command's transaction, so both commit or neither does. */
export async function storeIdempotentAnswer(tx: DbOrTx, userId: string, key: string, answer: { status: number; body: unknown }): Promise<void> {
  await tx
    .updateTable('idempotency_keys')
    .set({ status: answer.status, response: JSON.stringify(answer.body) })
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .execute();
}
