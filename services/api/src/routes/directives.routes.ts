import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { applyInTransaction, history, issueDirectiveInTransaction, pendingTimers, type DbOrTx, type Principal } from '@dondoc/db';
import { ForbiddenError, directiveInputSchema, text } from '@dondoc/domain';
import { canIssue, canSeeTimers, seesAllAssignments } from '../auth/policy.ts';
import { runPost } from '../http/idempotency.ts';
import { directiveListQuery, expectedVersion, idParams } from '../http/schemas.ts';
import type { ApiDeps } from '../deps.ts';
import { directiveNotFound, directiveView, listDirectivesView, loadDirectiveFacts } from '../views/directive.view.ts';
import { actorOf, eventView } from './shared.ts';

export const withdrawBody = z.strictObject({ reason: text({ min: 1, max: 2000 }), expectedVersion });
export const closeBody = z.strictObject({ comment: text({ max: 2000 }).optional(), expectedVersion }).nullish();

const refusals = {
  WITHDRAW: ['Chỉ Văn phòng UBND tỉnh được thu hồi văn bản.', 'Only the Office withdraws directives.'],
  CLOSE: ['Chỉ Văn phòng UBND tỉnh được kết thúc theo dõi văn bản.', 'Only the Office closes directives.'],
} as const;

/** The Office's commands on a directive (withdraw, close), for the API and the directive page alike. */
export async function runDirectiveCommand(
  tx: DbOrTx,
  caller: Principal,
  id: string,
  event: { type: 'WITHDRAW'; reason: string } | { type: 'CLOSE'; comment?: string | undefined },
  opts: { expectedVersion?: number | undefined; requestId?: string } = {},
): Promise<void> {
  if (!canIssue(caller)) {
    const [vi, en] = refusals[event.type];
    throw new ForbiddenError(vi, en);
  }
  await applyInTransaction(tx, {
    subject: { type: 'directive', id },
    event,
    actor: { kind: 'user', userId: caller.userId },
    expectedVersion: opts.expectedVersion,
    requestId: opts.requestId,
  });
}

export function directiveRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/directives', { schema: { body: directiveInputSchema } }, async (request, reply) => {
    if (!canIssue(request.principal)) throw new ForbiddenError('Chỉ Văn phòng UBND tỉnh được ban hành văn bản.', 'Only the Office issues directives.');
    const input = request.body;
    await runPost(deps.db, request, reply, async (tx) => {
      const issued = await issueDirectiveInTransaction(tx, input, actorOf(request), { requestId: request.id });
      return { status: 201, body: await directiveView(tx, request.principal, issued.directiveId) };
    });
  });

  r.get('/directives', { schema: { querystring: directiveListQuery } }, async (request) => {
    const { q, ...filter } = request.query;
    return listDirectivesView(deps.db, request.principal, { ...filter, ...(q && { search: q }) });
  });

  r.get('/directives/:id', { schema: { params: idParams } }, async (request) => directiveView(deps.db, request.principal, request.params.id));

  r.get('/directives/:id/history', { schema: { params: idParams } }, async (request) => {
    const loaded = await loadDirectiveFacts(deps.db, request.params.id);
    if (!loaded || !seesAllAssignments(request.principal, loaded.facts)) throw directiveNotFound(request.params.id);
    return (await history(deps.db, { type: 'directive', id: request.params.id })).map(eventView);
  });

  r.get('/directives/:id/timers', { schema: { params: idParams, summary: 'Pending timers of every assignment: when each fires and why' } }, async (request) => {
    if (!canSeeTimers(request.principal))
      throw new ForbiddenError('Chỉ Văn phòng, cơ quan theo dõi và quản trị xem lịch hẹn giờ.', 'Only the Office, monitors and admins see timers.');
    const loaded = await loadDirectiveFacts(deps.db, request.params.id);
    if (!loaded) throw directiveNotFound(request.params.id);
    return (await pendingTimers(deps.db, { type: 'directive', id: request.params.id })).map((t) => ({ ...t, fireAt: t.fireAt.toISOString() }));
  });

  r.post('/directives/:id/withdraw', { schema: { params: idParams, body: withdrawBody } }, async (request, reply) => {
    if (!canIssue(request.principal)) throw new ForbiddenError(...refusals.WITHDRAW);
    const { reason, expectedVersion } = request.body;
    await runPost(deps.db, request, reply, async (tx) => {
      await runDirectiveCommand(tx, request.principal, request.params.id, { type: 'WITHDRAW', reason }, { expectedVersion, requestId: request.id });
      return { status: 200, body: await directiveView(tx, request.principal, request.params.id) };
    });
  });

  r.post('/directives/:id/close', { schema: { params: idParams, body: closeBody } }, async (request, reply) => {
    if (!canIssue(request.principal)) throw new ForbiddenError(...refusals.CLOSE);
    await runPost(deps.db, request, reply, async (tx) => {
      const event = { type: 'CLOSE', comment: request.body?.comment } as const;
      await runDirectiveCommand(tx, request.principal, request.params.id, event, { expectedVersion: request.body?.expectedVersion, requestId: request.id });
      return { status: 200, body: await directiveView(tx, request.principal, request.params.id) };
    });
  });
}
