import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  directiveAssignmentsPage,
  directiveLightCounts,
  directiveTrail,
  loadCalendar,
  periodsWithSubmissions,
  reportedValuesOfDirective,
  type TaskLightCount,
} from '@dondoc/db';
import { formatDate, formatNumber, lightClock, localDateOf, trafficLights } from '@dondoc/domain';
import { directiveMachine } from '@dondoc/workflows';
import { canIssue } from '../auth/policy.ts';
import { directiveOutline } from '../views/directive.view.ts';
import { sayTo, sees, type Web, type WebUser } from './context.ts';
import { assignmentListQuery, PAGE_SIZE, unitsFilter, unitsForm } from './directive-units.filter.ts';
import { formKit } from './form-kit.ts';
import type { FormBody } from './form.ts';
import { html, legend, table, type Raw } from './html.ts';
import { badge } from './labels.ts';
import { pager, withQuery } from './pager.ts';

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
 * Office the withdraw and close actions the engine would take. Counts come from
 * PostgreSQL; a task of more than PAGE_SIZE units (a Kế hoạch to every commune)
 * adds counts by light, the units' filters and a pager, one page of each task.
 */
export async function directivePage(web: Web, request: FastifyRequest, reply: FastifyReply, u: WebUser, id: string, state: DirectivePageState = {}) {
  const t = sayTo(request);
  const lang = request.lang;
  const { db } = web.deps;
  const [outline, cal] = await Promise.all([directiveOutline(db, u, id).catch(() => null), loadCalendar(db)]);
  if (!outline) return web.refuse(reply, request, 404, 'directive.notFound');
  const d = outline.view;
  // Those who see every unit's part read it from PostgreSQL a page at a time; a unit, its own.
  const scope = outline.seesAll ? {} : { unitId: u.unitId };
  const q = assignmentListQuery.parse(request.query ?? {});
  const filter = unitsFilter(q);
  const clock = lightClock(cal, new Date());
  const page = q.page ?? 1;
  const [counts, rows, reported, periods, trail] = await Promise.all([
    directiveLightCounts(db, id, clock, scope, filter),
    directiveAssignmentsPage(db, id, clock, scope, filter, { order: q.sort ?? 'unit', page, pageSize: PAGE_SIZE }),
    reportedValuesOfDirective(db, id, scope),
    periodsWithSubmissions(db, id),
    sees(u) ? directiveTrail(db, id) : Promise.resolve([]),
  ]);
  const n = (x: number) => formatNumber(x, lang);
  const tally = (of: TaskLightCount[], light: string, k: 'all' | 'matching' = 'all') => of.filter((c) => c.light === light).reduce((s, c) => s + c[k], 0);
  const sum = (of: TaskLightCount[], k: 'all' | 'matching') => of.reduce((s, c) => s + c[k], 0);

  const overdue = tally(counts, 'overdue');
  const open = overdue + tally(counts, 'due_soon') + tally(counts, 'on_time');
  const done = tally(counts, 'done');
  const counted = sum(counts, 'all') - tally(counts, 'cancelled');
  const countsLine = [
    open && overdue ? t('directive.overdueOf', { overdue: n(overdue), open: n(open) }) : '',
    open && !overdue ? t('directive.noneOverdue', { open: n(open) }) : '',
    counted ? t('directive.doneOf', { done: n(done), total: n(counted) }) : '',
  ].filter(Boolean);
  const status = html`<p id="directive-state">${t('common.state')}: <strong>${t('directive.state', { state: d.state })}</strong>${countsLine.length ? html` · <span id="directive-counts">${countsLine.join(' · ')}</span>` : ''}</p>`;

  // A list longer than a page gets the clerk's tools: counts by status, filters and a pager. A short one reads as it always did.
  const ofTask = (taskId: string) => counts.filter((c) => c.taskId === taskId);
  const longest = Math.max(0, ...d.tasks.map((task) => sum(ofTask(task.id), 'all')));
  const filtered = Object.values(filter).some((v) => v !== undefined) || q.sort !== undefined || page > 1;
  const tools = longest > PAGE_SIZE || filtered;
  const pages = Math.max(1, ...d.tasks.map((task) => Math.ceil(sum(ofTask(task.id), 'matching') / PAGE_SIZE)));
  const here = `/directives/${d.id}`;
  const lightLinks = (of: TaskLightCount[]) =>
    html`<ul class="statuses">${trafficLights
      .filter((l) => tally(of, l) > 0)
      .map(
        (l) =>
          html`<li><a href="${withQuery(here, request.query, { light: l, page: null, notice: null })}#units-filter">${badge(l, lang)}</a> ${n(tally(of, l))}</li>`,
      )}</ul>`;
  const whole = tools && d.tasks.length > 1 ? html`<p class="muted">${t('directive.wholeDirective')}:</p>${lightLinks(counts)}` : '';

  const facts = html`<div class="card spaced">
    <p>${t('directiveType', { type: d.type })} ${d.numberSymbol} · ${t('directive.issueDate')}: ${formatDate(d.issuedOn)} · ${t('directive.issuedBy')}: ${d.issuer.name}</p>
    <p>${t('directive.signer')}: ${d.signer} · ${t('directive.classification')}: ${t('classification', { classification: d.classification })} · ${t('directive.monitoringUnit')}: ${d.monitoringUnit.name}</p>
    ${status}${whole}
  </div>`;

  type Task = (typeof d.tasks)[number];
  const deadline = (task: Task) => {
    const due = task.dueAt ? formatDate(localDateOf(new Date(task.dueAt))) : '';
    if (task.deadline.kind === 'standing') return t('directive.standingTask');
    if (task.deadline.kind === 'working_days') return `${t('directive.dueInWorkingDays', { days: task.deadline.workingDays ?? 0 })} (${due})`;
    return t('directive.dueOn', { date: due });
  };
  type Row = (typeof rows)[number];
  const assignmentRow = (a: Row) =>
    html`<tr data-unit="${a.unitCode}"><td><a href="/assignments/${a.id}">${a.unitName}</a></td><td>${t('role', { role: a.role as 'lead' | 'coordinate' })}</td><td>${a.dueAt ?? '—'}</td><td class="state">${t('assignmentState', { state: a.state })}</td><td>${badge(a.light, lang)}</td></tr>`;
  const targetRow = (g: Task['targets'][number]) =>
    html`<tr><td>${g.name ?? g.code}</td><td>${n(g.targetValue)} ${g.unitOfMeasure}</td><td>${n(reported.get(g.code) ?? 0)} ${g.unitOfMeasure}</td></tr>`;
  const assignmentsOf = (task: Task) => {
    const mine = rows.filter((a) => a.taskId === task.id);
    const all = sum(ofTask(task.id), 'all');
    const matching = sum(ofTask(task.id), 'matching');
    if (tools && matching === 0) return html`<p class="muted">${t('directive.noneMatch')}</p>`;
    if (tools && mine.length === 0) return html`<p class="muted">${t('directive.noneOnThisPage')}</p>`;
    const from = (page - 1) * PAGE_SIZE + 1;
    const shown = t('directive.unitsShown', { from: n(from), to: n(from + mine.length - 1), total: n(matching) });
    const caption = tools
      ? `${t('common.assignments')} · ${shown}${matching < all ? ` · ${t('directive.ofAll', { all: n(all) })}` : ''}`
      : t('common.assignments');
    return table({
      head: [t('common.unit'), t('directive.role'), t('common.due'), t('common.state'), t('common.status')],
      body: mine.map(assignmentRow),
      caption,
    });
  };
  const taskSection = (
    task: Task,
  ) => html`<section class="card spaced" id="task-${task.ordinal}"><h2>${t('directive.taskN', { n: task.ordinal })}${task.title ? `: ${task.title}` : ''}</h2>
    <p class="muted">${deadline(task)}</p>
    ${tools ? lightLinks(ofTask(task.id)) : ''}
    ${assignmentsOf(task)}
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
    html`${facts}${legend(lang)}${tools ? unitsForm(request, here, q, filtered) : ''}${d.tasks.map(taskSection)}${tools ? pager(here, request.query, page, pages, t, '#units-filter') : ''}${periodsPart}${canIssue(u) ? officeActions(request, u, d, state) : ''}${timeline}`,
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
