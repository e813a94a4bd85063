import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { loadCalendar, openAssignmentsOfUnit, waitingReportsOfUnit } from '@dondoc/db';
import { DomainError } from '@dondoc/domain';
import { assignmentMachine, type AssignmentEvent } from '@dondoc/workflows';
import { runAssignmentCommand } from '../routes/assignments.routes.ts';
import { assignmentCommands, idParams } from '../http/schemas.ts';
import { assignmentView } from '../views/directive.view.ts';
import { errorTexts, fieldErrors, parseOr404, sayTo, type Web, type WebUser } from './context.ts';
import { formFields, shown, valueInputs, valuesFields, type FormBody, type ShownAgain } from './form.ts';
import { html, thead, type Lang } from './html.ts';
import { badge, stateText } from './labels.ts';
import { light } from './queries.ts';

/** The commands a unit gives from its assignment page. */
const unitActions = ['acknowledge', 'start', 'submit-report', 'request-extension'] as const;
const actionParams = idParams.extend({ action: z.enum(unitActions) });

/** A form's fields as the command's API body: the same schema then checks both. */
function commandBody(action: (typeof unitActions)[number], form: FormBody, lang: Lang): unknown {
  switch (action) {
    case 'submit-report':
      return { text: form.text, values: valuesFields(form, lang) };
    case 'request-extension':
      return { dueDate: form.dueDate, reason: form.reason };
    default:
      return Object.keys(form).length ? form : null;
  }
}

/** Whether the assignment machine takes this event in this state: the page offers only the commands the engine would accept. */
const takes = (state: string, event: AssignmentEvent['type']): boolean =>
  event in ((assignmentMachine.states as Record<string, { on?: Record<string, unknown> }>)[state]?.on ?? {});

const notYours = (web: Web, request: FastifyRequest, reply: FastifyReply) => web.refuse(reply, request, 404, 'assignment.notYours');

/** A unit's inbox (its open assignments and report periods by deadline) and an assignment's page with the unit's actions. */
export function assignmentPages(web: Web): void {
  const { app, deps } = web;

  app.get('/inbox', async (request, reply) => {
    const u = web.user(request, reply);
    if (!u) return;
    const t = sayTo(request);
    const cal = await loadCalendar(deps.db);
    const now = new Date();
    const rows = await openAssignmentsOfUnit(deps.db, u.unitId);
    const reports = await waitingReportsOfUnit(deps.db, u.unitId);
    type Row = (typeof rows)[number];
    const title = (a: Row) => `${a.number_symbol} – ${t('assignment.task')} ${a.ordinal}${a.classification === 'thuong' ? `: ${a.title}` : ''}`;
    const status = (a: Row) => html`<td>${stateText(a.state, request.lang)}</td><td>${badge(light(cal, now, a), request.lang)}</td>`;
    const row = (a: Row) => html`<tr><td>${a.due_at ?? '—'}</td><td><a href="/assignments/${a.id}">${title(a)}</a></td>${status(a)}</tr>`;
    const report = (r: (typeof reports)[number]) => {
      const link = html`<a href="/reports/${r.id}">${r.number_symbol}, ${t('common.period')} ${r.period_key}</a>`;
      return html`<li>${link} — ${t('assignment.dueWord')} ${r.due_at} (${stateText(r.state, request.lang)})</li>`;
    };
    return web.send(
      reply,
      request,
      t('common.inbox'),
      html`
      <h2>${t('common.assignments')}</h2>
      <div class="wrap"><table>${thead(t('common.due'), t('assignment.directiveTask'), t('common.state'), t('common.status'))}
      <tbody>${rows.map(row)}</tbody></table></div>
      <h2>${t('assignment.periodicReports')}</h2>
      ${reports.length ? html`<ul>${reports.map(report)}</ul>` : html`<p class="muted">${t('assignment.noOpenPeriods')}</p>`}`,
    );
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
    const parsed = body.safeParse(commandBody(params.action, form, request.lang));
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
        if (e.code === 'FORBIDDEN') return web.refuse(reply, request, 403, errorTexts(e));
        errors[e.field ?? ''] = errorTexts(e)[request.lang];
      }
    }
    return assignmentPage(web, request, reply, u, params.id, errors, form, 400);
  });
}

async function assignmentPage(web: Web, request: FastifyRequest, reply: FastifyReply, u: WebUser, id: string, ...again: ShownAgain) {
  const [errors = {}, form = {}, status = 200] = again;
  const t = sayTo(request);
  const a = await assignmentView(web.deps.db, u, id).catch(() => null);
  if (!a) return notYours(web, request, reply);
  // Messages for fields the page shows next to them; the rest (a field sent that the form does not have) at the top.
  const placed = new Set(['text', 'dueDate', 'reason', ...a.task.targets.map((g) => `values.${g.code}`)]);
  const unplaced = Object.entries(errors).filter(([f]) => !placed.has(f));
  const mine = a.unit.code === u.unitCode && ['unit_officer', 'unit_head'].includes(u.role);
  const csrf = html`<input type="hidden" name="_csrf" value="${u.csrf}">`;
  const err = (f: string) => (errors[f] ? html`<p class="err" id="err-${f.replace(/\W/g, '-')}">${errors[f]}</p>` : '');
  const act = (action: string, label: string) =>
    html`<form class="inline" method="post" action="/assignments/${a.id}/${action}">${csrf}<button type="submit">${label}</button></form> `;
  const state = html`<strong id="state">${stateText(a.state, request.lang)}</strong>`;
  const text = html`<textarea id="text" name="text" rows="4" aria-describedby="${errors.text ? 'err-text' : ''}">${shown(form, 'text')}</textarea>`;
  const newDate = html`<input id="dueDate" name="dueDate" type="date" value="${shown(form, 'dueDate')}">`;
  return web.send(
    reply,
    request,
    `${a.directive.numberSymbol} – ${t('assignment.task')} ${a.task.ordinal}`,
    html`
    <p>${a.task.title ?? ''}</p>
    <p>${t('common.unit')}: <strong>${a.unit.name}</strong> · ${t('common.due')}: ${a.dueAt ? new Date(a.dueAt) : '—'} · ${t('common.state')}: ${state}</p>
    ${a.lastReturnReason && a.state === 'returned' ? html`<p class="notice">${t('assignment.reportReturned')}: ${a.lastReturnReason}</p>` : ''}
    ${unplaced.length ? html`<div class="err" role="alert">${unplaced.map(([f, m]) => html`<p>${f ? `${f}: ` : ''}${m}</p>`)}</div>` : ''}
    ${mine && takes(a.state, 'ACKNOWLEDGE') ? act('acknowledge', t('assignment.acknowledge')) : ''}
    ${mine && takes(a.state, 'START') ? act('start', t('assignment.start')) : ''}
    ${
      mine && takes(a.state, 'SUBMIT_REPORT')
        ? html`<form method="post" action="/assignments/${a.id}/submit-report" class="card spaced"><h2>${t('common.sendTheReport')}</h2>${csrf}
          <label for="text">${t('common.reportText')}</label>${err('text')}${text}
          ${valueInputs(a.task.targets, t('common.targetWord'), err, form)}
          <p><button type="submit">${t('common.sendButton')}</button></p></form>`
        : ''
    }
    ${
      mine && takes(a.state, 'REQUEST_EXTENSION') && a.dueAt && !a.extensionRequest
        ? html`<form method="post" action="/assignments/${a.id}/request-extension" class="card spaced"><h2>${t('assignment.askForMoreTime')}</h2>${csrf}
          <label for="dueDate">${t('assignment.newDate')}</label>${err('dueDate')}${newDate}
          <label for="reason">${t('common.reason')}</label>${err('reason')}<input id="reason" name="reason" value="${shown(form, 'reason')}">
          <p><button type="submit">${t('assignment.ask')}</button></p></form>`
        : ''
    }
    ${a.extensionRequest ? html`<p class="notice">${t('assignment.extensionPending')} ${new Date(a.extensionRequest.dueAt)}</p>` : ''}
    ${a.lastReport ? html`<h2>${t('assignment.latestReport')}</h2><p>${a.lastReport.text}</p>` : ''}`,
    status,
  );
}
