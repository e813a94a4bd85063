import type { FastifyInstance, FastifyRequest } from 'fastify';
import { findPrincipalByToken, type Db, type Principal } from '@dondoc/db';
import { UnauthenticatedError } from '@dondoc/domain';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
  }
}

/** Every route registered after this needs `Authorization: Bearer <token>` of a live token and an enabled user. */
export function requireBearerToken(app: FastifyInstance, db: Db): void {
  app.decorateRequest('principal', null as unknown as Principal);
  app.addHook('onRequest', async (request: FastifyRequest) => {
    const header = request.headers.authorization;
    const match = header?.match(/^Bearer (\S+)$/);
    if (!match) {
      throw new UnauthenticatedError('Cần đăng nhập: thiếu mã truy cập (Authorization: Bearer ...).', 'Authentication required: no bearer token.', 'Authorization');
    }
    const principal = await findPrincipalByToken(db, match[1]!);
    if (!principal) throw new UnauthenticatedError('Mã truy cập không hợp lệ hoặc đã bị thu hồi.', 'The token is invalid or revoked.', 'Authorization');
    request.principal = principal;
  });
}
