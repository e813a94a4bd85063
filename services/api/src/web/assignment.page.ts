import type { FastifyReply, FastifyRequest } from 'fastify';
import { loadCalendar } from '@dondoc/db';
import { formatNumber, isAssignmentFinal } from '@dondoc/domain';
import { assignmentMachine, type AssignmentEvent } from '@dondoc/workflows';
import { canCommand } from '../auth/policy.ts';
import { assignmentView, loadDirectiveFacts } from '../views/directive.view.ts';
import { sayTo, type Web, type WebUser } from './context.ts';
import { dayOf, timeLeft } from './deadline.ts';
import { extensionStory } from './extension-story.ts';
import { shown, unplacedLine, valueInputs, type FormBody } from './form.ts';
import { html, table, type Raw } from './html.ts';

/** The actions an assignment's page offers: the unit's, then the reviewers'. */
export const unitActions = ['acknowledge', 'start', 'submit-report', 'request-extension'] as const;
export const reviewActions = ['approve', 'return', 'grant-extension', 'deny-extension'] as const;
export type AssignmentAction = (typeof unitActions)[number] | (typeof reviewActions)[number];

/** Whether the assignment machine takes this event in this state: the page offers only the commands the engine would accept. */
export const takes = (state: string, event: AssignmentEvent['type']): boolean =>
  event in ((assignmentMachine.states as Record<string, { on?: Record<string, unknown> }>)[state]?.on ?? {});

export const notYours = (web: Web, request: FastifyRequest, reply: FastifyReply) => web.refuse(reply, request, 404, 'assignment.notYours');

/** A form shown again after a refusal: which action failed, its messages by field, what was typed. */
export interface Refused {
  action: AssignmentAction;
  errors: Record<string, string>;
  form: FormBody;
}

/** The fields each action's form shows its messages beside; anything else goes at the top of the page. */
function placedFields(action: AssignmentAction, targets: { code: string }[]): string[] {
  switch (action) {
    case 'submit-report':
      return ['text', ...targets.map((g) => `values.${g.code}`)];
    case 'request-extension':
      return ['dueDate', 'reason'];
    case 'return':
    case 'deny-extension':
      return ['reason'];
    case 'approve':
    case 'grant-extension':
      return ['comment'];
    default:
      return [];
  }
}

/**
 * An assignment's page: its deadline in working days, its state, the latest
 * report with its values beside the targets set, the extension request and
 * its decision; the unit's forms for the unit, the review and extension
 * decisions for the Office and the monitoring unit, each only when the engine
 * would take it. `done` is the action just carried out, said in a notice.
 */
export async function assignmentPage(
  web: Web,
  request: FastifyRequest,
  reply: FastifyReply,
  u: WebUser,
  id: string,
  opts: { refused?: Refused; done?: AssignmentAction } = {},
) {
  const { lang } = request;
  const t = sayTo(request);
  const a = await assignmentView(web.deps.db, u, id).catch(() => null);
  if (!a) return notYours(web, request, reply);
  const [loaded, story, cal] = await Promise.all([
    loadDirectiveFacts(web.deps.db, a.directive.id),
    extensionStory(web.deps.db, a.id),
    loadCalendar(web.deps.db),
  ]);
  const { refused } = opts;
  const errors = refused?.errors ?? {};
  const form = refused?.form ?? {};
  const placed = new Set(refused ? placedFields(refused.action, a.task.targets) : []);
  const unplaced = Object.entries(errors).filter(([f]) => !placed.has(f));
  const mine = a.unit.code === u.unitCode && ['unit_officer', 'unit_head'].includes(u.role);
  const reviewer = !!loaded && canCommand(u, loaded.facts, '', 'APPROVE');
  const csrf = html`<input type="hidden" name="_csrf" value="${u.csrf}">`;
  /** A field's message, in the form of the action that failed only. */
  const errOf = (action: AssignmentAction) => (f: string) =>
    refused?.action === action && errors[f] ? html`<p class="err" id="err-${action}-${f.replace(/\W/g, '-')}">${errors[f]}</p>` : '';
  const described = (action: AssignmentAction, f: string) => (refused?.action === action && errors[f] ? `err-${action}-${f.replace(/\W/g, '-')}` : '');
  const typed = (action: AssignmentAction, f: string) => (refused?.action === action ? shown(form, f) : '');
  const act = (action: AssignmentAction, label: string) =>
    html`<form class="inline" method="post" action="/assignments/${a.id}/${action}">${csrf}<button type="submit">${label}</button></form> `;
  const due = a.dueAt
    ? html`${dayOf(a.dueAt)}${isAssignmentFinal(a.state) ? '' : html` (<span id="time-left">${timeLeft(cal, new Date(), a.dueAt, lang)}</span>)`}`
    : '—';
  const state = html`<strong id="state">${t('assignmentState', { state: a.state })}</strong>`;
  // Said under the title by the page frame.
  const notice = !opts.done
    ? undefined
    : opts.done === 'grant-extension'
      ? t('assignment.done.grant-extension', { date: a.dueAt ? dayOf(a.dueAt) : '—' })
      : t(`assignment.done.${opts.done}`);

  const unitForms = () => {
    const text = html`<textarea id="text" name="text" rows="4" aria-describedby="${described('submit-report', 'text')}">${typed('submit-report', 'text')}</textarea>`;
    const report = html`<form method="post" action="/assignments/${a.id}/submit-report" class="card spaced"><h2>${t('common.sendTheReport')}</h2>${csrf}
      <label for="text">${t('common.reportText')}</label>${errOf('submit-report')('text')}${text}
      ${valueInputs(a.task.targets, t('common.targetWord'), errOf('submit-report'), refused?.action === 'submit-report' ? form : {}, lang)}
      <p><button type="submit">${t('common.sendButton')}</button></p></form>`;
    const err = errOf('request-extension');
    const extension = html`<form method="post" action="/assignments/${a.id}/request-extension" class="card spaced"><h2>${t('assignment.askForMoreTime')}</h2>${csrf}
      <label for="dueDate">${t('assignment.newDate')}</label>${err('dueDate')}<input id="dueDate" name="dueDate" type="date" value="${typed('request-extension', 'dueDate')}">
      <label for="reason">${t('common.reason')}</label>${err('reason')}<input id="reason" name="reason" value="${typed('request-extension', 'reason')}">
      <p><button type="submit">${t('assignment.ask')}</button></p></form>`;
    return html`${takes(a.state, 'ACKNOWLEDGE') ? act('acknowledge', t('assignment.acknowledge')) : ''}
      ${takes(a.state, 'START') ? act('start', t('assignment.start')) : ''}
      ${takes(a.state, 'SUBMIT_REPORT') ? report : ''}
      ${takes(a.state, 'REQUEST_EXTENSION') && a.dueAt && !a.extensionRequest ? extension : ''}`;
  };

  /** A decision: a button with a comment it may carry, or a reason it must give. */
  const decision = (action: AssignmentAction, field: 'comment' | 'reason', label: string, button: string, secondary = false) => {
    const inputId = `${action}-${field}`;
    return html`<form method="post" action="/assignments/${a.id}/${action}" class="spaced">${csrf}
      <label for="${inputId}">${label}</label>${errOf(action)(field)}
      <input id="${inputId}" name="${field}" value="${typed(action, field)}" ${field === 'reason' ? html`required` : ''} aria-describedby="${described(action, field)}">
      <p><button type="submit"${secondary ? html` class="secondary"` : ''}>${button}</button></p></form>`;
  };
  const extensionDecision = () =>
    html`<section class="card spaced" aria-labelledby="decide-extension"><h2 id="decide-extension">${t('assignment.decideExtension')}</h2>
      ${decision('grant-extension', 'comment', t('assignment.comment'), t('assignment.grantExtension'))}
      ${decision('deny-extension', 'reason', t('assignment.denyReason'), t('assignment.denyExtension'), true)}</section>`;
  const reviewForms = () =>
    html`<section class="card spaced" aria-labelledby="review"><h2 id="review">${t('assignment.reviewReport')}</h2>
      ${decision('approve', 'comment', t('assignment.comment'), t('assignment.approve'))}
      ${decision('return', 'reason', t('assignment.returnReason'), t('assignment.return'), true)}</section>`;

  return web.send(
    reply,
    request,
    `${a.directive.numberSymbol} – ${t('assignment.task')} ${a.task.ordinal}`,
    html`
    <p>${a.task.title ?? ''}</p>
    <p>${t('assignment.directive')}: <a href="/directives/${a.directive.id}">${a.directive.numberSymbol}</a>${a.directive.subject ? html` – ${a.directive.subject}` : ''}</p>
    <p>${t('common.unit')}: <strong>${a.unit.name}</strong> · ${t('common.due')}: ${due} · ${t('common.state')}: ${state}</p>
    ${a.lastReturnReason && a.state === 'returned' ? html`<p class="notice" id="returned">${t('assignment.reportReturned')}. ${t('common.reasonLine', { reason: a.lastReturnReason })}</p>` : ''}
    ${extensionNotice(t, story, a.extensionRequest)}
    ${unplaced.length ? html`<div class="err" role="alert">${unplaced.map(([f, m]) => unplacedLine(f, m, request.lang))}</div>` : ''}
    ${reviewer && a.extensionRequest && takes(a.state, 'GRANT_EXTENSION') ? extensionDecision() : ''}
    ${a.lastReport ? latestReport(t, a, lang) : ''}
    ${reviewer && takes(a.state, 'APPROVE') ? reviewForms() : ''}
    ${mine ? unitForms() : ''}`,
    { status: refused ? 400 : 200, ...(notice && { notice }) },
  );
}

type Say = ReturnType<typeof sayTo>;
type Assignment = Awaited<ReturnType<typeof assignmentView>>;

/** The extension request: pending (who asked, for which day, why), or how it was decided. */
function extensionNotice(t: Say, story: Awaited<ReturnType<typeof extensionStory>>, pending: Assignment['extensionRequest']): Raw | '' {
  if (!story) return '';
  const reason = t('common.reasonLine', { reason: story.asked.reason });
  if (pending) {
    const asked = t('assignment.extensionAsked', { who: story.asked.by, date: dayOf(story.asked.dueAt), at: html`${story.asked.at}`.value });
    return html`<div class="notice" id="extension"><p>${t('assignment.extensionPending', { date: dayOf(pending.dueAt) })}</p><p>${asked}</p><p>${reason}</p></div>`;
  }
  if (!story.decision) return '';
  return story.decision.granted
    ? html`<p class="notice" id="extension">${t('assignment.extensionGranted', { date: dayOf(story.asked.dueAt) })}</p>`
    : html`<p class="notice" id="extension">${t('assignment.extensionRefused')} ${t('common.reasonLine', { reason: story.decision.reason })}</p>`;
}

/** The latest report: its text, and each target's reported value beside the value set. */
function latestReport(t: Say, a: Assignment, lang: Parameters<typeof formatNumber>[1]): Raw {
  const r = a.lastReport!;
  const value = (n: number | undefined) => (n === undefined ? '—' : formatNumber(n, lang));
  const rows = a.task.targets.map(
    (g) => html`<tr><td>${g.name ?? g.code}</td><td>${formatNumber(g.targetValue, lang)} ${g.unitOfMeasure}</td><td>${value(r.values[g.code])}</td></tr>`,
  );
  const head = [t('common.target'), t('common.set'), t('common.reported')];
  return html`<h2>${t('assignment.latestReport')}</h2><p class="muted">${t('assignment.reportedAt', { at: html`${new Date(r.at)}`.value })}</p>
    <p class="card pre" id="report-text">${r.text}</p>${rows.length ? table({ head, body: rows, id: 'reported-values' }) : ''}`;
}
