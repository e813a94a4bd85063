import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { loadCalendar, openAssignmentsOfUnit, waitingReportsOfUnit } from '@dondoc/db';
import { DomainError } from '@dondoc/domain';
import { runAssignmentCommand } from '../routes/assignments.routes.ts';
import { assignmentCommands, idParams } from '../http/schemas.ts';
import { assignmentView } from '../views/directive.view.ts';
import { fieldErrors, isVi, parseOr404, type Web, type WebUser } from './context.ts';
import { formFields, shown, valuesFields, type FormBody } from './form.ts';
import { html } from './html.ts';
import { badge, stateText } from './labels.ts';
import { light } from './queries.ts';

/** The commands a unit gives from its assignment page. */
const unitActions = ['acknowledge', 'start', 'submit-report', 'request-extension'] as const;
const actionParams = idParams.extend({ action: z.enum(unitActions) });

/** A form's fields as the command's API body: the same schema then checks both. */
function commandBody(action: (typeof unitActions)[number], form: FormBody): unknown {
  switch (action) {
    case 'submit-report':
      return { text: form.text, values: valuesFields(form) };
    case 'request-extension':
      return { dueDate: form.dueDate, reason: form.reason };
    default:
      return Object.keys(form).length ? form : null;
  }
}

const notYours = (web: Web, request: FastifyRequest, reply: FastifyReply) =>
  web.refuse(reply, request, 404, 'Không có nhiệm vụ này, hoặc nhiệm vụ không thuộc đơn vị của bạn.', 'No such assignment, or not your unit’s.');

/** A unit's inbox (its open assignments and report periods by deadline) and an assignment's page with the unit's actions. */
export function assignmentPages(web: Web): void {
  const { app, deps } = web;

  app.get('/inbox', async (request, reply) => {
    const u = web.user(request, reply);
    if (!u) return;
    const L = isVi(request);
    const cal = await loadCalendar(deps.db);
    const now = new Date();
    const rows = await openAssignmentsOfUnit(deps.db, u.unitId);
    const reports = await waitingReportsOfUnit(deps.db, u.unitId);
    return web.send(reply, request, L ? 'Việc cần làm' : 'Inbox', html`
      <h2>${L ? 'Nhiệm vụ được giao' : 'Assignments'}</h2>
      <div class="wrap"><table><thead><tr><th scope="col">${L ? 'Hạn' : 'Due'}</th><th scope="col">${L ? 'Văn bản, nhiệm vụ' : 'Directive, task'}</th><th scope="col">${L ? 'Trạng thái' : 'State'}</th><th scope="col">${L ? 'Tình hình' : 'Status'}</th></tr></thead>
      <tbody>${rows.map((a) => html`<tr><td>${a.due_at ?? '—'}</td><td><a href="/assignments/${a.id}">${a.number_symbol} – ${L ? 'nhiệm vụ' : 'task'} ${a.ordinal}${a.classification === 'thuong' ? `: ${a.title}` : ''}</a></td><td>${stateText(a.state, request.lang)}</td><td>${badge(light(cal, now, a), request.lang)}</td></tr>`)}</tbody></table></div>
      <h2>${L ? 'Báo cáo định kỳ' : 'Periodic reports'}</h2>
      ${reports.length ? html`<ul>${reports.map((r) => html`<li><a href="/reports/${r.id}">${r.number_symbol}, ${L ? 'kỳ' : 'period'} ${r.period_key}</a> — ${L ? 'hạn' : 'due'} ${r.due_at} (${stateText(r.state, request.lang)})</li>`)}</ul>` : html`<p class="muted">${L ? 'Không có kỳ báo cáo đang mở.' : 'No open report periods.'}</p>`}`);
  });

  app.get('/assignments/:id', async (request, reply) => {
    const u = web.user(request, reply);
    if (!u) return;
    const params = idParams.safeParse(request.params);
    if (!params.success) return notYours(web, request, reply);
    return assignmentPage(web, request, reply, u, params.data.id);
  });

  app.post('/assignments/:id/:action', async (request, reply) => {
    const u = web.user(request, reply);
    if (!u) return;
    const params = parseOr404(web, actionParams, request.params, request, reply);
    if (!params) return;
    const form = formFields(request.body);
    const { event, body } = assignmentCommands[params.action];
    const parsed = body.safeParse(commandBody(params.action, form));
    let errors: Record<string, string> = {};
    if (!parsed.success) {
      errors = fieldErrors(parsed.error, request.lang);
    } else {
      const { expectedVersion: _, ...fields } = (parsed.data ?? {}) as Record<string, unknown>;
      try {
        await deps.db.transaction().execute((tx) => runAssignmentCommand(tx, u, params.id, event, fields, { requestId: request.id }));
        return reply.redirect(`/assignments/${params.id}`);
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        if (e.code === 'NOT_FOUND') return notYours(web, request, reply);
        if (e.code === 'FORBIDDEN') return web.refuse(reply, request, 403, e.messageVi, e.message);
        errors[e.field ?? ''] = isVi(request) ? e.messageVi : e.message;
      }
    }
    return assignmentPage(web, request, reply, u, params.id, errors, form, 400);
  });
}

async function assignmentPage(web: Web, request: FastifyRequest, reply: FastifyReply, u: WebUser, id: string, errors: Record<string, string> = {}, form: FormBody = {}, status = 200) {
  const L = isVi(request);
  const a = await assignmentView(web.deps.db, u, id).catch(() => null);
  if (!a) return notYours(web, request, reply);
  // Messages for fields the page shows next to them; the rest (a field sent that the form does not have) at the top.
  const placed = new Set(['text', 'dueDate', 'reason', ...a.task.targets.map((g) => `values.${g.code}`)]);
  const unplaced = Object.entries(errors).filter(([f]) => !placed.has(f));
  const mine = a.unit.code === u.unitCode && ['unit_officer', 'unit_head'].includes(u.role);
  const csrf = html`<input type="hidden" name="_csrf" value="${u.csrf}">`;
  const err = (f: string) => (errors[f] ? html`<p class="err" id="err-${f.replace(/\W/g, '-')}">${errors[f]}</p>` : '');
  const act = (action: string, label: string) => html`<form class="inline" method="post" action="/assignments/${a.id}/${action}">${csrf}<button type="submit">${label}</button></form> `;
  return web.send(reply, request, `${a.directive.numberSymbol} – ${L ? 'nhiệm vụ' : 'task'} ${a.task.ordinal}`, html`
    <p>${a.task.title ?? ''}</p>
    <p>${L ? 'Đơn vị' : 'Unit'}: <strong>${a.unit.name}</strong> · ${L ? 'Hạn' : 'Due'}: ${a.dueAt ? new Date(a.dueAt) : '—'} · ${L ? 'Trạng thái' : 'State'}: <strong id="state">${stateText(a.state, request.lang)}</strong></p>
    ${a.lastReturnReason && a.state === 'returned' ? html`<p class="notice">${L ? 'Báo cáo bị trả lại' : 'Report returned'}: ${a.lastReturnReason}</p>` : ''}
    ${unplaced.length ? html`<div class="err" role="alert">${unplaced.map(([f, m]) => html`<p>${f ? `${f}: ` : ''}${m}</p>`)}</div>` : ''}
    ${mine && a.state === 'issued' ? act('acknowledge', L ? 'Tiếp nhận' : 'Acknowledge') : ''}
    ${mine && a.state === 'assigned' ? act('start', L ? 'Bắt đầu thực hiện' : 'Start') : ''}
    ${mine && ['in_progress', 'returned'].includes(a.state)
      ? html`<form method="post" action="/assignments/${a.id}/submit-report" class="card spaced"><h2>${L ? 'Gửi báo cáo' : 'Send the report'}</h2>${csrf}
          <label for="text">${L ? 'Nội dung báo cáo' : 'Report'}</label>${err('text')}<textarea id="text" name="text" rows="4" aria-describedby="${errors.text ? 'err-text' : ''}">${shown(form, 'text')}</textarea>
          ${a.task.targets.map((g) => html`<label for="value-${g.code}">${g.name} (${g.unitOfMeasure}; ${L ? 'chỉ tiêu' : 'target'} ${g.targetValue})</label>${err(`values.${g.code}`)}<input id="value-${g.code}" name="value:${g.code}" inputmode="decimal" value="${shown(form, `value:${g.code}`)}">`)}
          <p><button type="submit">${L ? 'Gửi báo cáo' : 'Send'}</button></p></form>`
      : ''}
    ${mine && ['issued', 'assigned', 'in_progress', 'returned'].includes(a.state) && a.dueAt && !a.extensionRequest
      ? html`<form method="post" action="/assignments/${a.id}/request-extension" class="card spaced"><h2>${L ? 'Xin gia hạn' : 'Ask for more time'}</h2>${csrf}
          <label for="dueDate">${L ? 'Hạn mới' : 'New date'}</label>${err('dueDate')}<input id="dueDate" name="dueDate" type="date" value="${shown(form, 'dueDate')}">
          <label for="reason">${L ? 'Lý do' : 'Reason'}</label>${err('reason')}<input id="reason" name="reason" value="${shown(form, 'reason')}">
          <p><button type="submit">${L ? 'Gửi đề nghị' : 'Ask'}</button></p></form>`
      : ''}
    ${a.extensionRequest ? html`<p class="notice">${L ? 'Đang chờ quyết định gia hạn đến' : 'Extension requested to'} ${new Date(a.extensionRequest.dueAt)}</p>` : ''}
    ${a.lastReport ? html`<h2>${L ? 'Báo cáo gần nhất' : 'Latest report'}</h2><p>${a.lastReport.text}</p>` : ''}`, status);
}

