import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { claimIdempotencyKey, storedIdempotentAnswer, storeIdempotentAnswer, type Db, type DbOrTx } from '@dondoc/db';
import { HttpError } from './errors.ts';

interface Outcome {
  status: number;
  body: unknown;
}

const keyPattern = /^[\x21-\x7E]{1,200}$/;

/**
 * Runs a POST in one transaction. With an `Idempotency-Key` header the answer is
 * stored in that same transaction, so a retry with the same key and body gets
 * the stored answer (header `Idempotent-Replayed: true`) and applies nothing;
 * the same key with another body is a conflict. A concurrent retry waits on the
 * key's row until the first commits, then replays it. Failures are not stored:
 * their transaction rolled back, so a retry runs again.
 */
export async function runPost(db: Db, request: FastifyRequest, reply: FastifyReply, fn: (tx: DbOrTx) => Promise<Outcome>): Promise<void> {
  const raw = request.headers['idempotency-key'];
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (key !== undefined && !keyPattern.test(key)) {
    throw new HttpError(
      400,
      'VALIDATION',
      'Idempotency-Key phải gồm 1–200 ký tự ASCII in được.',
      'Idempotency-Key must be 1–200 printable ASCII characters.',
      'Idempotency-Key',
    );
  }
  const outcome = await db.transaction().execute(async (tx) => {
    if (key === undefined) return { ...(await fn(tx)), replayed: false };
    const userId = request.principal.userId;
    const hash = createHash('sha256')
      .update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`)
      .digest();
    if (!(await claimIdempotencyKey(tx, userId, key, hash))) {
      const stored = await storedIdempotentAnswer(tx, userId, key);
      if (!stored.request_hash.equals(hash)) {
        throw new HttpError(
          409,
          'IDEMPOTENCY_KEY_REUSED',
          'Idempotency-Key này đã dùng cho một yêu cầu khác.',
          'This Idempotency-Key was used for a different request.',
          'Idempotency-Key',
        );
      }
      return { status: stored.status, body: stored.response, replayed: true };
    }
    const result = await fn(tx);
    await storeIdempotentAnswer(tx, userId, key, result);
    return { ...result, replayed: false };
  });
  if (outcome.replayed) void reply.header('Idempotent-Replayed', 'true');
  void reply.status(outcome.status).send(outcome.body);
}
