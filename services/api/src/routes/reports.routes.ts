import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  addReportAttachments,
  applyInTransaction,
  approvedCounts,
  createRegime,
  findRegime,
  openPeriod,
  periodToOpen,
  periodsWithRegime,
  reportsOfPeriod,
} from '@dondoc/db';
import { ForbiddenError, NotFoundError, ValidationError, localDate, localDateOf, regimeInputSchema, text } from '@dondoc/domain';
import { consolidationCsv, consolidationHtml, consolidationXlsx } from '@dondoc/reports';
import { canCommand, canIssue, canSeeDirective } from '../auth/policy.ts';
import { runPost } from '../http/idempotency.ts';
import { idParams, unitReportAcceptBody, unitReportReturnBody, unitReportSubmitBody as submitBody } from '../http/schemas.ts';
import type { ApiDeps } from '../deps.ts';
import { loadDirectiveFacts } from '../views/directive.view.ts';
import { attachmentList, attachmentOf, consolidationView, periodAccess, reportAccess } from '../views/report.view.ts';
import { sendAttachment } from '../http/download.ts';
import { attachmentFiles } from '../http/attachments.ts';
import { actorOf } from './shared.ts';

const periodBody = z
  .strictObject({
    date: localDate.optional(),
    period: z.strictObject({ key: z.string().regex(/^[A-Za-z0-9-]{1,40}$/), startsOn: localDate, endsOn: localDate }).optional(),
  })
  .nullish();

export function reportRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;

  r.post('/directives/:id/regimes', { schema: { params: idParams, body: regimeInputSchema } }, async (request, reply) => {
    if (!canIssue(request.principal)) throw new ForbiddenError('Chỉ Văn phòng UBND tỉnh đặt chế độ báo cáo.', 'Only the Office sets reporting regimes.');
    const input = request.body;
    await runPost(db, request, reply, async (tx) => {
      const regime = await createRegime(tx, request.params.id, input);
      return { status: 201, body: { id: regime.id, kind: regime.kind, dueRule: regime.due_rule, closeAfterWorkingDays: regime.close_after_working_days } };
    });
  });

  r.post('/regimes/:id/periods', { schema: { params: idParams, body: periodBody } }, async (request, reply) => {
    const regime = await findRegime(db, request.params.id);
    const loaded = regime && (await loadDirectiveFacts(db, regime.directive_id));
    if (!regime || !loaded || !canSeeDirective(request.principal, loaded.facts))
      throw new NotFoundError('chế độ báo cáo', 'reporting regime', request.params.id);
    if (!canIssue(request.principal) && !canCommand(request.principal, loaded.facts, '', 'APPROVE')) {
      throw new ForbiddenError('Chỉ Văn phòng UBND tỉnh hoặc cơ quan theo dõi mở kỳ báo cáo.', 'Only the Office or the monitoring unit opens a period.');
    }
    const body = request.body ?? {};
    if ((regime.kind === 'ad_hoc' || regime.kind === 'end_of_campaign') && !body.period) {
      throw new ValidationError(
        'Kỳ báo cáo đột xuất hoặc cuối đợt cần ghi rõ kỳ (period).',
        'An ad hoc or end-of-campaign period must be given (period).',
        'period',
      );
    }
    const p = await periodToOpen(db, regime, { date: body.date ?? localDateOf(new Date()), ...(body.period && { period: body.period }) });
    await runPost(db, request, reply, async () => {
      const opened = await openPeriod(db, { regimeId: regime.id, ...p }, actorOf(request));
      return {
        status: opened.opened ? 201 : 200,
        body: {
          id: opened.periodId,
          key: p.key,
          startsOn: p.startsOn,
          endsOn: p.endsOn,
          dueAt: p.dueAt.toISOString(),
          closesAt: p.closesAt.toISOString(),
          opened: opened.opened,
        },
      };
    });
  });

  r.get('/directives/:id/periods', { schema: { params: idParams } }, async (request) => {
    const loaded = await loadDirectiveFacts(db, request.params.id);
    if (!loaded || !canSeeDirective(request.principal, loaded.facts)) throw new NotFoundError('văn bản chỉ đạo', 'directive', request.params.id);
    const rows = await periodsWithRegime(db, request.params.id);
    return rows.map((p) => ({
      id: p.id,
      kind: p.kind,
      key: p.period_key,
      startsOn: p.starts_on,
      endsOn: p.ends_on,
      dueAt: p.due_at.toISOString(),
      closesAt: p.closes_at.toISOString(),
      state: p.state,
      approved: p.approved_at !== null,
    }));
  });

  r.get('/periods/:id', { schema: { params: idParams } }, async (request) => {
    const { period, seesAll } = await periodAccess(db, request.principal, request.params.id);
    const reports = await reportsOfPeriod(db, period.id, seesAll ? undefined : request.principal.unitId);
    return {
      id: period.id,
      key: period.period_key,
      startsOn: period.starts_on,
      endsOn: period.ends_on,
      dueAt: period.due_at.toISOString(),
      closesAt: period.closes_at.toISOString(),
      state: period.state,
      reports: await Promise.all(
        reports.map(async (x) => ({
          id: x.id,
          unit: { code: x.code, name: x.name },
          state: x.state,
          late: x.late,
          escalationLevel: x.escalation_level,
          version: x.version,
          submittedAt: x.submitted_at?.toISOString() ?? null,
          text: x.text,
          values: x.values,
          attachments: await attachmentList(db, x.id),
        })),
      ),
    };
  });

  r.get(
    '/unit-reports/:id/attachments/:attachmentId',
    { schema: { params: z.strictObject({ id: z.uuid(), attachmentId: z.uuid() }), summary: 'Download an attachment of a unit report' } },
    async (request, reply) => {
      const a = await attachmentOf(db, request.principal, request.params.id, request.params.attachmentId);
      return sendAttachment(reply, a.filename, a.content_type, a.data);
    },
  );

  r.post('/unit-reports/:id/submit', { schema: { params: idParams, body: submitBody }, bodyLimit: 8 * 1024 * 1024 }, async (request, reply) => {
    const { report } = await reportAccess(db, request.principal, request.params.id);
    const caller = request.principal;
    if (!['unit_officer', 'unit_head'].includes(caller.role) || report.unit_id !== caller.unitId) {
      throw new ForbiddenError(
        'Báo cáo này thuộc đơn vị khác; chỉ đơn vị được yêu cầu mới gửi.',
        'This report belongs to another unit; only that unit sends it.',
        'unitReportId',
      );
    }
    const { text: body, values, attachments, expectedVersion } = request.body;
    const files = attachmentFiles(attachments);
    await runPost(db, request, reply, async (tx) => {
      const event = { type: 'SUBMIT', at: new Date().toISOString(), text: body, values } as const;
      const r = await applyInTransaction(tx, {
        subject: { type: 'unit_report', id: report.id },
        event,
        actor: actorOf(request),
        expectedVersion,
        requestId: request.id,
      });
      await addReportAttachments(tx, report.id, files);
      return { status: 200, body: { id: report.id, version: r.version, state: r.toState, attachments: files.length } };
    });
  });

  for (const [path, type] of [
    ['return', 'RETURN'],
    ['accept', 'ACCEPT'],
  ] as const) {
    const body = type === 'RETURN' ? unitReportReturnBody : unitReportAcceptBody;
    r.post(`/unit-reports/:id/${path}`, { schema: { params: idParams, body } }, async (request, reply) => {
      const { report, reviews } = await reportAccess(db, request.principal, request.params.id);
      if (!reviews)
        throw new ForbiddenError('Chỉ cơ quan theo dõi hoặc Văn phòng UBND tỉnh xem xét báo cáo.', 'Only the monitoring unit or the Office reviews reports.');
      const fields = (request.body ?? {}) as { reason?: string; comment?: string; expectedVersion?: number };
      await runPost(db, request, reply, async (tx) => {
        const event = type === 'RETURN' ? { type, reason: fields.reason! } : { type, ...(fields.comment ? { comment: fields.comment } : {}) };
        const subject = { type: 'unit_report', id: report.id } as const;
        const r = await applyInTransaction(tx, { subject, event, actor: actorOf(request), expectedVersion: fields.expectedVersion, requestId: request.id });
        return { status: 200, body: { id: report.id, version: r.version, state: r.toState } };
      });
    });
  }

  r.get(
    '/periods/:id/consolidated',
    { schema: { params: idParams, querystring: z.strictObject({ format: z.enum(['json', 'csv', 'xlsx', 'html']).default('json') }) } },
    async (request, reply) => {
      const access = await periodAccess(db, request.principal, request.params.id);
      const { period, seesAll } = access;
      if (!seesAll)
        throw new ForbiddenError(
          'Báo cáo tổng hợp dành cho cơ quan theo dõi, Văn phòng và lãnh đạo UBND tỉnh.',
          'The consolidated report is for the monitoring unit, the Office and the Committee.',
        );
      const c = await consolidationView(db, access);
      const name = `tong-hop-${period.period_key}`;
      switch (request.query.format) {
        case 'csv':
          return reply
            .header('content-type', 'text/csv; charset=utf-8')
            .header('content-disposition', `attachment; filename="${name}.csv"`)
            .send(consolidationCsv(c));
        case 'xlsx':
          return reply
            .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
            .header('content-disposition', `attachment; filename="${name}.xlsx"`)
            .send(await consolidationXlsx(c));
        case 'html':
          return reply.header('content-type', 'text/html; charset=utf-8').send(consolidationHtml(c));
        default:
          return c;
      }
    },
  );

  r.post(
    '/periods/:id/approve',
    { schema: { params: idParams, body: z.strictObject({ comment: text({ max: 2000 }).optional() }).nullish() } },
    async (request, reply) => {
      const { period, reviews } = await periodAccess(db, request.principal, request.params.id);
      if (!reviews)
        throw new ForbiddenError(
          'Chỉ cơ quan theo dõi hoặc Văn phòng UBND tỉnh phê duyệt báo cáo tổng hợp.',
          'Only the monitoring unit or the Office approves the consolidated report.',
        );
      await runPost(db, request, reply, async (tx) => {
        const event = { type: 'APPROVE', ...(request.body?.comment ? { comment: request.body.comment } : {}) } as const;
        await applyInTransaction(tx, { subject: { type: 'report_period', id: period.id }, event, actor: actorOf(request), requestId: request.id });
        return { status: 200, body: { periodId: period.id, approved: true, counts: await approvedCounts(tx, period.id) } };
      });
    },
  );
}
