import type { FastifyReply, FastifyRequest } from 'fastify';
import { directiveTrail, loadCalendar, periodsWithSubmissions, reportedValuesByTarget } from '@dondoc/db';
import { formatDate, formatNumber, isAssignmentFinal, localDateOf, type Light } from '@dondoc/domain';
import { directiveMachine } from '@dondoc/workflows';
import { canIssue } from '../auth/policy.ts';
import { directiveView } from '../views/directive.view.ts';
import { sayTo, sees, type Web, type WebUser } from './context.ts';
import { formKit } from './form-kit.ts';
import type { FormBody } from './form.ts';
import { html, legend, table, type Raw } from './html.ts';
import { badge } from './labels.ts';
import { light } from './queries.ts';

/** Whether the directive machine takes this event in this state: the page offers only what the engine would accept. */
export const directiveTakes = (state: string, event: 'WITHDRAW' | 'CLOSE'): boolean =>
  event in ((directiveMachine.states as Record<string, { on?: Record<string, unknown> }>)[state]?.on ?? {});

export interface DirectivePageState {
  /** A refused action: its messages by field, and what was typed. */
  errors?: Record<string, string>;
  form?: FormBody;
  status?: number;
}

/**
 * A directive's page: what it is, how it stands (its state in words and the
 * counts behind it), per task the units with their role, state and light and
 * the targets set and reported, its report periods, its timeline, and for the
 * Office the withdraw and close actions the engine would take.
 */
export async function directivePage(web: Web, request: FastifyRequest, reply: FastifyReply, u: WebUser, id: string, state: DirectivePageState = {}) {
  const t = sayTo(request);
  const lang = request.lang;
  const { db } = web.deps;
  const d = await directiveView(db, u, id).catch(() => null);
  if (!d) return web.refuse(reply, request, 404, 'directive.notFound');
  const cal = await loadCalendar(db);
  const now = new Date();
  const all = d.tasks.flatMap((task) => task.assignments);
  const [reported, periods, trail] = await Promise.all([
    reportedValuesByTarget(
      db,
      all.map((a) => a.id),
    ),
    periodsWithSubmissions(db, id),
    sees(u) ? directiveTrail(db, id) : Promise.resolve([]),
  ]);
  const n = (x: number) => formatNumber(x, lang);
  const lightOf = (a: (typeof all)[number]): Light => light(cal, now, { state: a.state, overdue: a.overdue, due_at: a.dueAt ? new Date(a.dueAt) : null });

  const open = all.filter((a) => !isAssignmentFinal(a.state));
  const overdue = open.filter((a) => lightOf(a) === 'overdue').length;
  const counted = all.filter((a) => a.state !== 'cancelled');
  const done = counted.filter((a) => a.state === 'reviewed').length;
  const counts = [
    open.length && overdue ? t('directive.overdueOf', { overdue: n(overdue), open: n(open.length) }) : '',
    open.length && !overdue ? t('directive.noneOverdue', { open: n(open.length) }) : '',
    counted.length ? t('directive.doneOf', { done: n(done), total: n(counted.length) }) : '',
  ].filter(Boolean);
  const status = html`<p id="directive-state">${t('common.state')}: <strong>${t('directive.state', { state: d.state })}</strong>${counts.length ? html` · <span id="directive-counts">${counts.join(' · ')}</span>` : ''}</p>`;

  const facts = html`<div class="card spaced">
    <p>${t('directiveType', { type: d.type })} ${d.numberSymbol} · ${t('directive.issueDate')}: ${formatDate(d.issuedOn)} · ${t('directive.issuedBy')}: ${d.issuer.name}</p>
    <p>${t('directive.signer')}: ${d.signer} · ${t('directive.classification')}: ${t('classification', { classification: d.classification })} · ${t('directive.monitoringUnit')}: ${d.monitoringUnit.name}</p>
    ${status}
  </div>`;

  type Task = (typeof d.tasks)[number];
  const deadline = (task: Task) => {
    const due = task.dueAt ? formatDate(localDateOf(new Date(task.dueAt))) : '';
    if (task.deadline.kind === 'standing') return t('directive.standingTask');
    if (task.deadline.kind === 'working_days') return `${t('directive.dueInWorkingDays', { days: task.deadline.workingDays ?? 0 })} (${due})`;
    return t('directive.dueOn', { date: due });
  };
  const assignmentRow = (a: Task['assignments'][number]) =>
    html`<tr data-unit="${a.unit.code}"><td><a href="/assignments/${a.id}">${a.unit.name}</a></td><td>${t('role', { role: a.role as 'lead' | 'coordinate' })}</td><td>${a.dueAt ? new Date(a.dueAt) : '—'}</td><td class="state">${t('assignmentState', { state: a.state })}</td><td>${badge(lightOf(a), lang)}</td></tr>`;
  const targetRow = (g: Task['targets'][number]) =>
    html`<tr><td>${g.name ?? g.code}</td><td>${n(g.targetValue)} ${g.unitOfMeasure}</td><td>${n(reported.get(g.code) ?? 0)} ${g.unitOfMeasure}</td></tr>`;
  const taskSection = (
    task: Task,
  ) => html`<section class="card spaced"><h2>${t('directive.taskN', { n: task.ordinal })}${task.title ? `: ${task.title}` : ''}</h2>
    <p class="muted">${deadline(task)}</p>
    ${table({
      head: [t('common.unit'), t('directive.role'), t('common.due'), t('common.state'), t('common.status')],
      body: task.assignments.map(assignmentRow),
      caption: t('common.assignments'),
    })}
    ${
      task.targets.length
        ? table({
            head: [t('common.target'), t('directive.setValue'), t('directive.reportedValue')],
            body: task.targets.map(targetRow),
            caption: t('common.targets'),
          })
        : ''
    }
  </section>`;

  // How many units have reported is for those who see every unit's part: the province-wide roles and the monitoring unit.
  const seesCounts = sees(u) || d.monitoringUnit.code === u.unitCode;
  const periodRow = (p: (typeof periods)[number]) =>
    html`<tr><td><a href="/periods/${p.id}">${t('periodName', { key: p.period_key })}</a></td><td>${t('regimeKind', { kind: p.kind })}</td><td>${p.due_at}</td><td>${t('directive.periodState', { state: p.state })}</td>${seesCounts ? html`<td>${t('directive.xOfY', { x: n(p.submitted), y: n(p.reports) })}</td>` : ''}</tr>`;
  const periodsPart = html`<h2>${t('directive.periods')}</h2>${
    periods.length
      ? table({
          head: [t('directive.period'), t('directive.regime'), t('directive.reportsDue'), t('common.state'), ...(seesCounts ? [t('directive.submitted')] : [])],
          body: periods.map(periodRow),
          id: 'periods',
        })
      : html`<p class="muted">${t('directive.noPeriods')}</p>`
  }`;

  const what = (e: (typeof trail)[number]) => {
    const label =
      e.type === 'ISSUE' ? t('directive.eventIssue') : e.type === 'CONSOLIDATION_APPROVED' ? t('directive.eventApproval') : t('event', { type: e.type });
    const reason = (e.payload as { reason?: unknown }).reason;
    return typeof reason === 'string' ? `${label} (${t('common.reasonLine', { reason })})` : label;
  };
  const step = (e: (typeof trail)[number]) =>
    html`<tr><td>${e.created_at}</td><td>${what(e)}</td><td>${e.user_name ?? t('directive.system')}</td><td>${t('directive.state', { state: e.to_state })}</td></tr>`;
  const timeline = trail.length
    ? html`<h2>${t('directive.timeline')}</h2>${table({ head: [t('directive.when'), t('directive.what'), t('directive.who'), t('directive.after')], body: trail.map(step), id: 'timeline' })}`
    : '';

  return web.send(
    reply,
    request,
    `${d.numberSymbol}${d.subject ? `: ${d.subject}` : ''}`,
    html`${facts}${legend(lang)}${d.tasks.map(taskSection)}${periodsPart}${canIssue(u) ? officeActions(request, u, d, state) : ''}${timeline}`,
    state.status ?? 200,
  );
}

/** The Office's withdraw (a reason required) and close forms, offered when the directive machine would take them. */
function officeActions(request: FastifyRequest, u: WebUser, d: { id: string; state: string; version: number }, state: DirectivePageState): Raw | '' {
  const t = sayTo(request);
  const kit = formKit(state.form ?? {}, state.errors ?? {});
  const hidden = html`<input type="hidden" name="_csrf" value="${u.csrf}"><input type="hidden" name="expectedVersion" value="${d.version}">`;
  const withdraw = directiveTakes(d.state, 'WITHDRAW')
    ? html`<form method="post" action="/directives/${d.id}/withdraw" class="card spaced"><h2>${t('directive.withdrawTitle')}</h2>${hidden}
      <p class="muted">${t('directive.withdrawHint')}</p>
      ${kit.textarea('reason', t('directive.withdrawReason'), 2, !!state.errors)}
      <p><button type="submit">${t('directive.withdraw')}</button></p></form>`
    : '';
  const close = directiveTakes(d.state, 'CLOSE')
    ? html`<form method="post" action="/directives/${d.id}/close" class="card spaced"><h2>${t('directive.closeTitle')}</h2>${hidden}
      <p class="muted">${t('directive.closeHint')}</p>
      ${kit.input('comment', t('directive.closeComment'))}
      <p><button type="submit">${t('directive.close')}</button></p></form>`
    : '';
  const later = !close && withdraw ? html`<p class="muted">${t('directive.closeNotYet')}</p>` : '';
  const unplaced = kit.unplaced();
  const top = unplaced.length ? html`<div class="err" role="alert">${unplaced.map(([, m]) => html`<p>${m}</p>`)}</div>` : '';
  return html`${top}${withdraw}${close}${later}`;
}
