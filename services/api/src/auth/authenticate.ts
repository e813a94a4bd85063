import type { FastifyInstance, FastifyRequest } from 'fastify';
import { findPrincipalByToken, type Db, type Principal } from '@dondoc/db';
import { UnauthenticatedError } from '@dondoc/domain';
import { HttpError } from '../http/errors.ts';
import type { FailedAuthLimiter } from './failed-auth.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
  }
}

/** Every route registered after this needs `Authorization: Bearer <token>` of a live token and an enabled user. */
export function requireBearerToken(app: FastifyInstance, db: Db, limiter: FailedAuthLimiter): void {
  app.decorateRequest('principal', null as unknown as Principal);
  app.addHook('onRequest', async (request: FastifyRequest, reply) => {
    const principal = await authenticateBearer(db, limiter, request.ip, request.headers.authorization, (s) => void reply.header('retry-after', String(s)));
    request.principal = principal;
  });
}

/** A 429 for an address that failed to authenticate too often. */
const tooManyFailures = (seconds: number) =>
  new HttpError(
    429,
    'RATE_LIMITED',
    `Xác thực sai quá nhiều lần; hãy thử lại sau ${seconds} giây.`,
    `Too many failed authentications; try again in ${seconds} seconds.`,
  );

/**
 * The user of a bearer token, or an error: 401 for a missing, unknown or
 * revoked token (counted against the address), 429 once the address has
 * failed too often (before the token is even looked up).
 */
export async function authenticateBearer(
  db: Db,
  limiter: FailedAuthLimiter,
  ip: string,
  header: string | undefined,
  retryAfter: (seconds: number) => void,
): Promise<Principal> {
  const blocked = await limiter.tokenBlocked(ip);
  if (blocked) {
    retryAfter(blocked);
    throw tooManyFailures(blocked);
  }
  const match = header?.match(/^Bearer ([A-Za-z0-9_-]{1,200})$/);
  const principal = match ? await findPrincipalByToken(db, match[1]!) : undefined;
  if (principal) return principal;
  await limiter.tokenFailed(ip);
  if (!match)
    throw new UnauthenticatedError(
      'Cần đăng nhập: thiếu mã truy cập (Authorization: Bearer ...).',
      'Authentication required: no bearer token.',
      'Authorization',
    );
  throw new UnauthenticatedError('Mã truy cập không hợp lệ hoặc đã bị thu hồi.', 'The token is invalid or revoked.', 'Authorization');
}
