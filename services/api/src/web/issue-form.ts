import type { FastifyReply, FastifyRequest } from 'fastify';
import { issueDirectiveInTransaction, createRegime, openPeriod, periodToOpen, unitsAndGroupsForIssue } from '@dondoc/db';
import { DomainError, classifications, directiveInputSchema, directiveTypes, localDateOf, regimeInputSchema } from '@dondoc/domain';
import { errorTexts, fieldErrors, sayTo, type Web, type WebUser } from './context.ts';
import { formKit } from './form-kit.ts';
import { formFields, unplacedLine, type FormBody } from './form.ts';
import { html, option } from './html.ts';
import { directiveInput, formShape, placeErrors, regimeInput, type FormShape } from './issue-form.fields.ts';
import { regimeFieldset, remindersFieldset } from './issue-form.follow-up.ts';
import { taskSection, unitsByKind, type Added } from './issue-form.tasks.ts';

/**
 * The issue form (`/directives/new`): any number of tasks, several targets per
 * task, lead and coordinating units per task. Without script (the CSP forbids
 * it), the "add" buttons post the form back and it comes back one section
 * longer with everything typed kept; the issue button sends it to the schema.
 */
export async function showIssueForm(web: Web, request: FastifyRequest, reply: FastifyReply, form: FormBody, opts: IssueFormState = {}) {
  const t = sayTo(request);
  const lang = request.lang;
  const errors = opts.errors ?? {};
  const shape = opts.shape ?? formShape(form);
  const who = await unitsAndGroupsForIssue(web.deps.db);
  const kit = formKit(form, errors);
  const monitoring = html`<option value="">${t('directive.pickMonitoringUnit')}</option>${unitsByKind(who.units).map(
    ([kind, units]) =>
      html`<optgroup label="${t('directive.unitKind', { kind })}">${units.map((u) => option(u.code, u.name, kit.v('monitoringUnit') === u.code))}</optgroup>`,
  )}`;
  const type = kit.v('type') || 'chi_thi';
  const classification = kit.v('classification') || 'thuong';
  const document = html`<fieldset class="card spaced"><legend>${t('directive.document')}</legend>
    ${kit.select(
      'type',
      t('directive.type'),
      directiveTypes.map((k) => option(k, t('directiveType', { type: k }), type === k)),
    )}
    ${kit.input('numberSymbol', t('directive.numberSymbol'))}
    ${kit.input('issuedOn', t('directive.issueDate'), { type: 'date' })}
    ${kit.input('signer', t('directive.signer'))}
    ${kit.input('subject', t('directive.subject'))}
    ${kit.textarea('body', t('directive.body'))}
    ${kit.select(
      'classification',
      t('directive.classification'),
      classifications.map((c) => option(c, t('classification', { classification: c }), classification === c)),
    )}
    ${kit.select('monitoringUnit', t('directive.monitoringUnit'), monitoring)}
  </fieldset>`;
  const follow = html`${remindersFieldset(kit, lang)}${regimeFieldset(kit, lang)}`;
  const tasks = html`<h2>${t('directive.tasks')}</h2><p class="muted">${t('directive.blankIgnored')}</p>${kit.err('tasks')}
    ${shape.map((targets, i) => taskSection(kit, form, lang, i, targets, who, opts.added ?? {}))}
    <p><button type="submit" class="secondary" name="_add" value="task">${t('directive.addTask')}</button></p>`;
  // Rendered last, so it lists what no field above showed.
  const unplaced = kit.unplaced();
  const top = Object.keys(errors).length
    ? html`<div class="err" role="alert"><p>${t('directive.notIssued')}</p>${unplaced.map(([f, m]) => unplacedLine(f, m, request.lang))}</div>`
    : '';
  // Enter in a field presses the form's first submit button: a hidden "issue" one, so that Enter never adds a section.
  return web.send(
    reply,
    request,
    t('directive.issueADirective'),
    html`
    <form method="post" action="/directives/new" novalidate>
      <input type="hidden" name="_csrf" value="${request.web!.csrf}">
      <input type="submit" hidden tabindex="-1" value="${t('directive.issue')}">
      ${top}${document}${follow}${tasks}
      <p><button type="submit">${t('directive.issue')}</button></p>
    </form>`,
    opts.status ?? 200,
  );
}

export interface IssueFormState {
  errors?: Record<string, string>;
  shape?: FormShape;
  added?: Added;
  status?: number;
}

/** A post of the issue form: an "add" button's (shown again, one section longer) or the issue button's (checked, then issued). */
export async function postIssueForm(web: Web, request: FastifyRequest, reply: FastifyReply, u: WebUser) {
  const { _add: add, ...form } = formFields(request.body);
  const lang = request.lang;
  if (typeof add === 'string' && add !== '') {
    const shape = formShape(form, add);
    const target = /^target:(\d+)$/.exec(add);
    const added: Added = add === 'task' ? { task: shape.length - 1 } : target ? { target: [Number(target[1]), (shape[Number(target[1])] ?? 1) - 1] } : {};
    return showIssueForm(web, request, reply, form, { shape, added });
  }
  const shape = formShape(form);
  const read = directiveInput(form, shape, lang);
  const parsed = directiveInputSchema.safeParse(read.directive);
  const regimeRaw = regimeInput(form, lang);
  const regime = regimeRaw === null ? null : regimeInputSchema.safeParse(regimeRaw);
  const errors = {
    ...(parsed.success ? {} : placeErrors(fieldErrors(parsed.error, lang), read.places)),
    ...(regime && !regime.success ? placeErrors(fieldErrors(regime.error, lang), [], 'regime') : {}),
  };
  if (!parsed.success || (regime && !regime.success)) return showIssueForm(web, request, reply, form, { errors, shape, status: 400 });
  let issued: { directiveId: string; regime: Awaited<ReturnType<typeof createRegime>> | null };
  try {
    issued = await web.deps.db.transaction().execute(async (tx) => {
      const done = await issueDirectiveInTransaction(tx, parsed.data, { kind: 'user', userId: u.userId }, { requestId: request.id });
      return { directiveId: done.directiveId, regime: regime?.success ? await createRegime(tx, done.directiveId, regime.data) : null };
    });
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    const placed = placeErrors({ [e.field ?? '']: errorTexts(e)[lang] }, read.places);
    return showIssueForm(web, request, reply, form, { errors: placed, shape, status: 400 });
  }
  // The current period opens now rather than at the scheduler's next hourly run, so the directive's page lists it at once;
  // should that fail, the scheduler opens it.
  const r = issued.regime;
  if (r && r.kind !== 'ad_hoc' && r.kind !== 'end_of_campaign') {
    try {
      const p = await periodToOpen(web.deps.db, r, { date: localDateOf(new Date()) });
      await openPeriod(web.deps.db, { regimeId: r.id, ...p }, { kind: 'user', userId: u.userId });
    } catch (e) {
      request.log.warn({ err: e, regimeId: r.id }, 'the first report period did not open; the scheduler will open it');
    }
  }
  return reply.redirect(`/directives/${issued.directiveId}?notice=directive.issued`);
}
