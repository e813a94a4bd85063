import type { FastifyRequest } from 'fastify';
import type { AuditEvent } from '@dondoc/db';
import type { Actor } from '@dondoc/domain';

export const actorOf = (request: FastifyRequest): Actor => ({ kind: 'user', userId: request.principal.userId });

export const eventView = (e: AuditEvent) => ({
  seq: e.seq,
  type: e.type,
  from: e.from_state,
  to: e.to_state,
  actor: e.actor,
  payload: e.payload,
  at: e.created_at.toISOString(),
});
