import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { applyInTransaction, findAssignmentForCommand, history, loadCalendar, pendingTimers, type DbOrTx, type EngineEvent, type Principal } from '@dondoc/db';
import { ForbiddenError, resolveDeadline } from '@dondoc/domain';
import { canCommand, canSeeAssignment, canSeeTimers, type AssignmentCommand } from '../auth/policy.ts';
import { runPost } from '../http/idempotency.ts';
import { assignmentCommands as commands, idParams } from '../http/schemas.ts';
import type { ApiDeps } from '../deps.ts';
import { assignmentNotFound, assignmentView, loadDirectiveFacts } from '../views/directive.view.ts';
import { eventView } from './shared.ts';

const forbidden: Record<AssignmentCommand, [string, string]> = {
  ACKNOWLEDGE: ['Chỉ đơn vị được giao mới tiếp nhận nhiệm vụ này.', 'Only the assigned unit acknowledges this task.'],
  START: ['Chỉ đơn vị được giao mới bắt đầu thực hiện nhiệm vụ này.', 'Only the assigned unit starts this task.'],
  SUBMIT_REPORT: ['Chỉ đơn vị được giao mới gửi báo cáo nhiệm vụ này.', 'Only the assigned unit reports on this task.'],
  REQUEST_EXTENSION: ['Chỉ đơn vị được giao mới xin gia hạn nhiệm vụ này.', 'Only the assigned unit asks for an extension.'],
  APPROVE: ['Chỉ cơ quan theo dõi hoặc Văn phòng UBND tỉnh được duyệt báo cáo.', 'Only the monitoring unit or the Office approves reports.'],
  RETURN: ['Chỉ cơ quan theo dõi hoặc Văn phòng UBND tỉnh được trả lại báo cáo.', 'Only the monitoring unit or the Office returns reports.'],
  GRANT_EXTENSION: ['Chỉ cơ quan theo dõi hoặc Văn phòng UBND tỉnh được cho gia hạn.', 'Only the monitoring unit or the Office grants extensions.'],
  DENY_EXTENSION: ['Chỉ cơ quan theo dõi hoặc Văn phòng UBND tỉnh được từ chối gia hạn.', 'Only the monitoring unit or the Office denies extensions.'],
  CANCEL: ['Chỉ Văn phòng UBND tỉnh được hủy phân công.', 'Only the Office cancels assignments.'],
};

/**
 * One assignment command as a user gives it (the API and the web pages): the
 * caller may see and do it; then the engine applies it and enforces its rules
 * (report values fit the task's targets, an extension moves the deadline
 * later), as it does for the CLI. Returns the assignment as the caller sees it afterwards.
 */
export async function runAssignmentCommand(
  tx: DbOrTx,
  caller: Principal,
  id: string,
  type: AssignmentCommand,
  fields: Record<string, unknown>,
  opts: { expectedVersion?: number; requestId?: string } = {},
) {
  await authorise(tx, caller, id, type);
  let event = { type, ...fields } as EngineEvent;
  if (type === 'REQUEST_EXTENSION') {
    // A form gives a day; the deadline is the end of that working day. The engine checks it is later than the current one.
    const dueAt = resolveDeadline(await loadCalendar(tx), { kind: 'date', date: fields.dueDate as string }, fields.dueDate as string)!;
    event = { type, dueAt: dueAt.toISOString(), reason: fields.reason as string };
  }
  await applyInTransaction(tx, {
    subject: { type: 'assignment', id },
    event,
    actor: { kind: 'user', userId: caller.userId },
    expectedVersion: opts.expectedVersion,
    requestId: opts.requestId,
  });
  return assignmentView(tx, caller, id);
}

async function authorise(tx: DbOrTx, caller: Principal, id: string, command: AssignmentCommand) {
  const a = await findAssignmentForCommand(tx, id);
  const loaded = a && (await loadDirectiveFacts(tx, a.directive_id));
  if (!a || !loaded || !canSeeAssignment(caller, loaded.facts, a.unit_id)) throw assignmentNotFound(id);
  if (!canCommand(caller, loaded.facts, a.unit_id, command)) throw new ForbiddenError(...forbidden[command]);
  return a;
}

export function assignmentRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/assignments/:id', { schema: { params: idParams } }, async (request) => assignmentView(deps.db, request.principal, request.params.id));

  r.get('/assignments/:id/timers', { schema: { params: idParams, summary: 'Pending timers: when each fires and why' } }, async (request) => {
    if (!canSeeTimers(request.principal)) {
      throw new ForbiddenError('Chỉ Văn phòng, cơ quan theo dõi và quản trị xem lịch hẹn giờ.', 'Only the Office, monitors and admins see timers.');
    }
    await assignmentView(deps.db, request.principal, request.params.id);
    return (await pendingTimers(deps.db, { type: 'assignment', id: request.params.id })).map((t) => ({ ...t, fireAt: t.fireAt.toISOString() }));
  });

  r.get('/assignments/:id/history', { schema: { params: idParams } }, async (request) => {
    await assignmentView(deps.db, request.principal, request.params.id); // 404 unless the caller may see it
    return (await history(deps.db, { type: 'assignment', id: request.params.id })).map(eventView);
  });

  for (const [path, { event: type, body }] of Object.entries(commands)) {
    r.post(`/assignments/:id/${path}`, { schema: { params: idParams, body } }, async (request, reply) => {
      const { expectedVersion: version, ...fields } = (request.body ?? {}) as Record<string, unknown> & { expectedVersion?: number };
      await runPost(deps.db, request, reply, async (tx) => ({
        status: 200,
        body: await runAssignmentCommand(tx, request.principal, request.params.id, type, fields, { expectedVersion: version, requestId: request.id }),
      }));
    });
  }
}
