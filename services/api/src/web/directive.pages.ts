import type { FastifyReply, FastifyRequest } from 'fastify';
import { createRegime, history, issueDirectiveInTransaction, loadCalendar, reportedValuesByTarget, unitsAndGroupsByName } from '@dondoc/db';
import { DomainError, directiveInputSchema, directiveTypes, inBoth, regimeInputSchema, type RegimeKind } from '@dondoc/domain';

/** The regimes the issue form offers: the periodic ones. */
const periodicRegimes = ['weekly', 'monthly', 'quarterly', 'half_yearly', 'yearly'] as const satisfies readonly RegimeKind[];
import { canIssue } from '../auth/policy.ts';
import { directiveListQuery, idParams } from '../http/schemas.ts';
import { directiveView, listDirectivesView } from '../views/directive.view.ts';
import { errorTexts, fieldErrors, parseOr404, sayTo, sees, type Web } from './context.ts';
import { formFields, numberField, shown, type FormBody } from './form.ts';
import { cells, html, option, row, thead, type Lang } from './html.ts';
import { badge, stateText } from './labels.ts';
import { light } from './queries.ts';

/** The directive list with its search, the issue form, and a directive's page (tasks × units, targets, timeline). */
export function directivePages(web: Web): void {
  const { app, deps } = web;

  app.get('/directives', async (request, reply) => {
    const u = web.user(request, reply);
    if (!u) return;
    const t = sayTo(request);
    // The API's filters, less the page's language and empty fields of the search form.
    const sent = Object.entries((request.query ?? {}) as Record<string, unknown>).filter(([, v]) => v !== '');
    const { lang: _, ...given } = Object.fromEntries(sent) as Record<string, unknown>;
    const parsed = directiveListQuery.safeParse({ pageSize: '100', ...given });
    if (!parsed.success) {
      const [field, message] = Object.entries(fieldErrors(parsed.error, request.lang))[0]!;
      return web.refuse(reply, request, 400, inBoth('directive.invalidFilter', { field, message }));
    }
    const { q, ...filter } = parsed.data;
    const list = await listDirectivesView(deps.db, u, { ...filter, ...(q && { search: q }) });
    const types = directiveTypes.map((k) => option(k, k, filter.type === k));
    const overdueOnly = html`<input type="checkbox" class="check" name="overdue" value="true" ${filter.overdue === true ? html`checked` : ''}>`;
    const overdue = (n: number) => (n ? html`<span class="s s-overdue">${n}</span>` : '0');
    const link = (d: (typeof list.items)[number]) => html`<a href="/directives/${d.id}">${d.numberSymbol}</a>`;
    const directiveRow = (d: (typeof list.items)[number]) =>
      row(link(d), d.issuedOn, d.subject ?? t('directive.classifiedSubject'), stateText(d.state, request.lang), overdue(d.overdue));
    return web.send(
      reply,
      request,
      t('directive.directives'),
      html`
        <form method="get" action="/directives" class="card" role="search">
          <label for="q">${t('directive.search')}</label><input id="q" name="q" value="${q ?? ''}">
          <label for="type">${t('directive.type')}</label><select id="type" name="type"><option value="">${t('directive.all')}</option>${types}</select>
          <label>${overdueOnly} ${t('directive.onlyOverdue')}</label>
          <p><button type="submit">${t('directive.filter')}</button></p>
        </form>
        <div class="wrap"><table><caption class="muted">${list.total} ${t('directive.count')}</caption>
        ${thead(t('directive.number'), t('directive.date'), t('directive.subject'), t('common.state'), t('common.overdue'))}
        <tbody>${list.items.map(directiveRow)}</tbody></table></div>`,
    );
  });

  app.get('/directives/new', async (request, reply) => {
    const u = web.user(request, reply);
    if (!u) return;
    if (!canIssue(u)) return web.refuse(reply, request, 403, 'directive.officeIssues');
    return issueForm(web, request, reply, {}, {});
  });

  app.post('/directives/new', async (request, reply) => {
    const u = web.user(request, reply);
    if (!u) return;
    if (!canIssue(u)) return web.refuse(reply, request, 403, 'directive.officeIssues');
    const form = formFields(request.body);
    const parsed = directiveInputSchema.safeParse(formToDirective(form, request.lang));
    if (!parsed.success) return issueForm(web, request, reply, form, fieldErrors(parsed.error, request.lang), 400);
    const regimeKind = form.regime;
    const dueRule = { kind: 'working_days_after_end', days: numberField(form.regimeDays, request.lang) ?? 5 };
    const regime = regimeKind ? regimeInputSchema.safeParse({ kind: regimeKind, dueRule }) : null;
    if (regime && !regime.success) {
      return issueForm(web, request, reply, form, { 'regime.days': Object.values(fieldErrors(regime.error, request.lang))[0]! }, 400);
    }
    try {
      const issued = await deps.db.transaction().execute(async (tx) => {
        const done = await issueDirectiveInTransaction(tx, parsed.data, { kind: 'user', userId: u.userId }, { requestId: request.id });
        if (regime?.success) await createRegime(tx, done.directiveId, regime.data);
        return done;
      });
      return reply.redirect(`/directives/${issued.directiveId}`);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      return issueForm(web, request, reply, form, { [e.field ?? '']: errorTexts(e)[request.lang] }, 400);
    }
  });

  app.get('/directives/:id', async (request, reply) => {
    const u = web.user(request, reply);
    if (!u) return;
    const t = sayTo(request);
    const params = parseOr404(web, idParams, request.params, request, reply);
    if (!params) return;
    const d = await directiveView(deps.db, u, params.id).catch(() => null);
    if (!d) return web.refuse(reply, request, 404, 'directive.notFound');
    const cal = await loadCalendar(deps.db);
    const now = new Date();
    const trail = sees(u) ? await history(deps.db, { type: 'directive', id: params.id }) : [];
    const reported = await reportedValuesByTarget(
      deps.db,
      d.tasks.flatMap((t) => t.assignments.map((a) => a.id)),
    );
    const state = html`${t('common.state')}: <strong>${stateText(d.state, request.lang)}</strong>`;
    const assignmentsHead = thead(t('common.unit'), t('directive.role'), t('common.due'), t('common.state'), t('common.status'));
    type Assignment = (typeof d.tasks)[number]['assignments'][number];
    const assignmentRow = (a: Assignment) => {
      const dueAt = a.dueAt ? new Date(a.dueAt) : null;
      const status = badge(light(cal, now, { state: a.state, overdue: a.overdue, due_at: dueAt }), request.lang);
      const unit = html`<td><a href="/assignments/${a.id}">${a.unit.name}</a></td>`;
      const role = a.role === 'lead' ? t('directive.lead') : t('directive.coordinate');
      const state = html`<td class="state">${stateText(a.state, request.lang)}</td>`;
      return html`<tr data-unit="${a.unit.code}">${unit}${cells(role, dueAt ?? '—')}${state}<td>${status}</td></tr>`;
    };
    const targetsHead = thead(t('common.target'), t('common.set'), t('common.reported'));
    type Target = (typeof d.tasks)[number]['targets'][number];
    const targetRow = (g: Target) => row(g.name ?? g.code, `${g.targetValue} ${g.unitOfMeasure}`, reported.get(g.code) ?? 0);
    const targetsTable = (targets: Target[]) => html`<table>${targetsHead}<tbody>${targets.map(targetRow)}</tbody></table>`;
    const step = (e: (typeof trail)[number]) => html`<li>${e.created_at} — ${e.type} → ${stateText(e.to_state, request.lang)}</li>`;
    return web.send(
      reply,
      request,
      `${d.numberSymbol}${d.subject ? `: ${d.subject}` : ''}`,
      html`
        <p class="muted">${t('directive.issued')} ${d.issuedOn} · ${d.issuer.name} · ${t('directive.monitoringUnit')}: ${d.monitoringUnit.name} · ${state}</p>
        ${d.tasks.map(
          (task) => html`<section class="card spaced"><h2>${t('directive.task')} ${task.ordinal}${task.title ? `: ${task.title}` : ''}</h2>
          <div class="wrap"><table>${assignmentsHead}<tbody>
          ${task.assignments.map(assignmentRow)}
          </tbody></table></div>
          ${task.targets.length ? html`<h3 class="small">${t('common.targets')}</h3>${targetsTable(task.targets)}` : ''}
        </section>`,
        )}
        ${trail.length ? html`<h2>${t('directive.timeline')}</h2><ol>${trail.map(step)}</ol>` : ''}`,
    );
  });
}

/** The issue form's fields, turned into the directive input the schema checks. */
function formToDirective(f: FormBody, lang: Lang): unknown {
  // A field sent twice stays an array, which the schema refuses.
  const one = (k: string): string => (typeof f[k] === 'string' ? (f[k] as string).trim() : ((f[k] as unknown as string) ?? ''));
  const many = (k: string) => [f[k] ?? []].flat().filter(Boolean);
  const tasks = [];
  for (let i = 0; i < 3; i++) {
    const title = one(`task${i}.title`);
    if (!title && i > 0) continue;
    const kind = one(`task${i}.deadlineKind`) || 'date';
    const target = one(`task${i}.targetCode`);
    tasks.push({
      ordinal: i + 1,
      title,
      body: one(`task${i}.body`),
      deadline:
        kind === 'working_days'
          ? { kind, days: numberField(f[`task${i}.days`], lang) }
          : kind === 'standing'
            ? { kind }
            : { kind: 'date', date: one(`task${i}.date`) },
      addressees: many(`task${i}.addressees`).map((a) => (a.startsWith('group:') ? { group: a.slice(6), role: 'lead' } : { unit: a, role: 'lead' })),
      targets: target
        ? [
            {
              code: target,
              name: one(`task${i}.targetName`),
              unitOfMeasure: one(`task${i}.targetUnit`),
              targetValue: numberField(f[`task${i}.targetValue`], lang),
            },
          ]
        : [],
    });
  }
  const reminder = one('reminders');
  return {
    type: one('type'),
    numberSymbol: one('numberSymbol'),
    issuerUnit: 'ubnd-tinh',
    signer: one('signer'),
    issuedOn: one('issuedOn'),
    subject: one('subject'),
    body: one('body'),
    classification: one('classification') || 'thuong',
    monitoringUnit: one('monitoringUnit'),
    ...(reminder && {
      reminderPolicy: {
        reminders: String(reminder)
          .split(',')
          .map((d) => ({ workingDaysBefore: numberField(d, lang) })),
      },
    }),
    tasks,
  };
}

async function issueForm(web: Web, request: FastifyRequest, reply: FastifyReply, form: FormBody, errors: Record<string, string>, status = 200) {
  const { deps } = web;
  const t = sayTo(request);
  const { units, groups } = await unitsAndGroupsByName(deps.db);
  const v = (k: string) => shown(form, k);
  const err = (field: string) => (errors[field] ? html`<p class="err" id="err-${field.replace(/\W/g, '-')}" role="alert">${errors[field]}</p>` : '');
  const described = (field: string) => (errors[field] ? html` aria-invalid="true" aria-describedby="err-${field.replace(/\W/g, '-')}"` : '');
  const input = (name: string, field: string, label: string, type = 'text') =>
    html`<label for="${name}">${label}</label>${err(field)}<input id="${name}" name="${name}" type="${type}" value="${v(name)}"${described(field)}>`;
  const select = (name: string, options: unknown) => html`<select id="${name}" name="${name}">${options}</select>`;
  const chosen = (i: number) => [form[`task${i}.addressees`] ?? []].flat();
  const addressees = (i: number) => [
    ...groups.map((g) => option(`group:${g.code}`, `${t('directive.group')}: ${g.name}`, chosen(i).includes(`group:${g.code}`))),
    ...units.map((u) => option(u.code, u.name, chosen(i).includes(u.code))),
  ];
  const deadlineKinds = (i: number) => {
    const k = v(`task${i}.deadlineKind`);
    return [
      option('date', t('directive.aDate'), k !== 'working_days' && k !== 'standing'),
      option('working_days', t('directive.workingDaysFromIssue'), k === 'working_days'),
      option('standing', t('directive.standing'), k === 'standing'),
    ];
  };
  const task = (i: number) => html`<fieldset class="card spaced"><legend>${t('directive.task')} ${i + 1}</legend>
    ${input(`task${i}.title`, `tasks.${i}.title`, t('directive.title'))}
    <label for="task${i}.addressees">${t('directive.addressees')}</label>${err(`tasks.${i}.addressees`)}${err(`tasks.${i}.addressees.0.unit`)}
    <select id="task${i}.addressees" name="task${i}.addressees" multiple size="6"${described(`tasks.${i}.addressees`)}>${addressees(i)}</select>
    <label for="task${i}.deadlineKind">${t('directive.deadline')}</label>${select(`task${i}.deadlineKind`, deadlineKinds(i))}
    ${input(`task${i}.date`, `tasks.${i}.deadline.date`, t('directive.dueDate'), 'date')}
    ${input(`task${i}.days`, `tasks.${i}.deadline.days`, t('directive.workingDays'), 'number')}
    ${input(`task${i}.targetCode`, `tasks.${i}.targets.0.code`, t('directive.targetCode'))}
    ${input(`task${i}.targetName`, `tasks.${i}.targets.0.name`, t('directive.targetName'))}
    ${input(`task${i}.targetUnit`, `tasks.${i}.targets.0.unitOfMeasure`, t('directive.unitOfMeasure'))}
    ${input(`task${i}.targetValue`, `tasks.${i}.targets.0.targetValue`, t('directive.targetValue'), 'number')}
  </fieldset>`;
  const secret = option('mat', t('directive.confidential'), v('classification') === 'mat');
  const classifications = html`<option value="thuong">${t('directive.ordinary')}</option>${secret}`;
  const monitoring = html`<option value="">—</option>${units.map((u) => option(u.code, u.name, v('monitoringUnit') === u.code))}`;
  const regimes = html`<option value="">${t('directive.none')}</option>${periodicRegimes.map((k) => option(k, k, v('regime') === k))}`;
  return web.send(
    reply,
    request,
    t('directive.issueADirective'),
    html`
    <form method="post" action="/directives/new" novalidate>
      <input type="hidden" name="_csrf" value="${request.web!.csrf}">
      ${errors[''] ? html`<p class="err" role="alert">${errors['']}</p>` : ''}
      <label for="type">${t('directive.type')}</label>${err('type')}${select(
        'type',
        directiveTypes.map((k) => option(k, k, v('type') === k)),
      )}
      ${input('numberSymbol', 'numberSymbol', t('directive.numberSymbol'))}
      ${input('issuedOn', 'issuedOn', t('directive.issueDate'), 'date')}
      ${input('signer', 'signer', t('directive.signer'))}
      ${input('subject', 'subject', t('directive.subject'))}
      <label for="body">${t('directive.body')}</label>${err('body')}<textarea id="body" name="body" rows="3">${v('body')}</textarea>
      <label for="classification">${t('directive.classification')}</label><select id="classification" name="classification">${classifications}</select>
      <label for="monitoringUnit">${t('directive.monitoringUnit')}</label>${err('monitoringUnit')}${select('monitoringUnit', monitoring)}
      <label for="regime">${t('directive.reportingRegime')}</label><select id="regime" name="regime">${regimes}</select>
      ${input('regimeDays', 'regime.days', t('directive.regimeDays'), 'number')}
      <label for="reminders">${t('directive.reminders')}</label><input id="reminders" name="reminders" value="${v('reminders') || '3,1,0'}">
      ${[0, 1, 2].map(task)}
      <p><button type="submit">${t('directive.issue')}</button></p>
    </form>`,
    status,
  );
}
