import type { FastifyReply, FastifyRequest } from 'fastify';
import { createRegime, history, issueDirectiveInTransaction, loadCalendar, reportedValuesByTarget, unitsAndGroupsByName } from '@dondoc/db';
import { DomainError, directiveInputSchema, directiveTypes, regimeInputSchema } from '@dondoc/domain';
import { canIssue } from '../auth/policy.ts';
import { directiveListQuery, idParams } from '../http/schemas.ts';
import { directiveView, listDirectivesView } from '../views/directive.view.ts';
import { fieldErrors, isVi, parseOr404, sees, type Web } from './context.ts';
import { formFields, numberField, shown, type FormBody } from './form.ts';
import { html } from './html.ts';
import { badge, stateText } from './labels.ts';
import { light } from './queries.ts';

/** The directive list with its search, the issue form, and a directive's page (tasks × units, targets, timeline). */
export function directivePages(web: Web): void {
  const { app, deps } = web;

  app.get('/directives', async (request, reply) => {
    const u = web.user(request, reply);
    if (!u) return;
    const L = isVi(request);
    // The API's filters, less the page's language and empty fields of the search form.
    const { lang: _, ...given } = Object.fromEntries(Object.entries((request.query ?? {}) as Record<string, unknown>).filter(([, v]) => v !== '')) as Record<string, unknown>;
    const parsed = directiveListQuery.safeParse({ pageSize: '100', ...given });
    if (!parsed.success) {
      const [field, message] = Object.entries(fieldErrors(parsed.error, request.lang))[0]!;
      return web.refuse(reply, request, 400, `Bộ lọc không hợp lệ (${field}): ${message}`, `Invalid filter (${field}): ${message}`);
    }
    const { q, ...filter } = parsed.data;
    const list = await listDirectivesView(deps.db, u, { ...filter, ...(q && { search: q }) });
    return web.send(reply, request, L ? 'Văn bản chỉ đạo' : 'Directives', html`
        <form method="get" action="/directives" class="card" role="search">
          <label for="q">${L ? 'Tìm theo số, ký hiệu hoặc trích yếu' : 'Search number or subject'}</label><input id="q" name="q" value="${q ?? ''}">
          <label for="type">${L ? 'Loại văn bản' : 'Type'}</label><select id="type" name="type"><option value="">${L ? 'Tất cả' : 'All'}</option>${directiveTypes.map((t) => html`<option value="${t}" ${filter.type === t ? html`selected` : ''}>${t}</option>`)}</select>
          <label><input type="checkbox" class="check" name="overdue" value="true" ${filter.overdue === true ? html`checked` : ''}> ${L ? 'Chỉ văn bản có nhiệm vụ quá hạn' : 'Only with overdue tasks'}</label>
          <p><button type="submit">${L ? 'Lọc' : 'Filter'}</button></p>
        </form>
        <div class="wrap"><table><caption class="muted">${list.total} ${L ? 'văn bản' : 'directives'}</caption>
        <thead><tr><th scope="col">${L ? 'Số, ký hiệu' : 'Number'}</th><th scope="col">${L ? 'Ngày' : 'Date'}</th><th scope="col">${L ? 'Trích yếu' : 'Subject'}</th><th scope="col">${L ? 'Trạng thái' : 'State'}</th><th scope="col">${L ? 'Quá hạn' : 'Overdue'}</th></tr></thead>
        <tbody>${list.items.map((d) => html`<tr><td><a href="/directives/${d.id}">${d.numberSymbol}</a></td><td>${d.issuedOn}</td><td>${d.subject ?? (L ? '(mật)' : '(classified)')}</td><td>${stateText(d.state, request.lang)}</td><td>${d.overdue ? html`<span class="s s-overdue">${d.overdue}</span>` : '0'}</td></tr>`)}</tbody></table></div>`);
  });

  app.get('/directives/new', async (request, reply) => {
    const u = web.user(request, reply);
    if (!u) return;
    if (!canIssue(u)) return web.refuse(reply, request, 403, 'Chỉ Văn phòng UBND tỉnh được ban hành văn bản.', 'Only the Office issues directives.');
    return issueForm(web, request, reply, {}, {});
  });

  app.post('/directives/new', async (request, reply) => {
    const u = web.user(request, reply);
    if (!u) return;
    if (!canIssue(u)) return web.refuse(reply, request, 403, 'Chỉ Văn phòng UBND tỉnh được ban hành văn bản.', 'Only the Office issues directives.');
    const form = formFields(request.body);
    const parsed = directiveInputSchema.safeParse(formToDirective(form));
    if (!parsed.success) return issueForm(web, request, reply, form, fieldErrors(parsed.error, request.lang), 400);
    const regimeKind = form.regime;
    const regime = regimeKind ? regimeInputSchema.safeParse({ kind: regimeKind, dueRule: { kind: 'working_days_after_end', days: numberField(form.regimeDays) ?? 5 } }) : null;
    if (regime && !regime.success) return issueForm(web, request, reply, form, { 'regime.days': Object.values(fieldErrors(regime.error, request.lang))[0]! }, 400);
    try {
      const issued = await deps.db.transaction().execute(async (tx) => {
        const done = await issueDirectiveInTransaction(tx, parsed.data, { kind: 'user', userId: u.userId }, { requestId: request.id });
        if (regime?.success) await createRegime(tx, done.directiveId, regime.data);
        return done;
      });
      return reply.redirect(`/directives/${issued.directiveId}`);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      return issueForm(web, request, reply, form, { [e.field ?? '']: isVi(request) ? e.messageVi : e.message }, 400);
    }
  });

  app.get('/directives/:id', async (request, reply) => {
    const u = web.user(request, reply);
    if (!u) return;
    const L = isVi(request);
    const params = parseOr404(web, idParams, request.params, request, reply);
    if (!params) return;
    const d = await directiveView(deps.db, u, params.id).catch(() => null);
    if (!d) return web.refuse(reply, request, 404, 'Không có văn bản này, hoặc bạn không được xem.', 'No such directive, or not yours to see.');
    const cal = await loadCalendar(deps.db);
    const now = new Date();
    const trail = sees(u) ? await history(deps.db, { type: 'directive', id: params.id }) : [];
    const reported = await reportedValuesByTarget(deps.db, d.tasks.flatMap((t) => t.assignments.map((a) => a.id)));
    return web.send(reply, request, `${d.numberSymbol}${d.subject ? `: ${d.subject}` : ''}`, html`
        <p class="muted">${L ? 'Ban hành' : 'Issued'} ${d.issuedOn} · ${d.issuer.name} · ${L ? 'Cơ quan theo dõi' : 'Monitoring unit'}: ${d.monitoringUnit.name} · ${L ? 'Trạng thái' : 'State'}: <strong>${stateText(d.state, request.lang)}</strong></p>
        ${d.tasks.map((t) => html`<section class="card spaced"><h2>${L ? 'Nhiệm vụ' : 'Task'} ${t.ordinal}${t.title ? `: ${t.title}` : ''}</h2>
          <div class="wrap"><table><thead><tr><th scope="col">${L ? 'Đơn vị' : 'Unit'}</th><th scope="col">${L ? 'Vai trò' : 'Role'}</th><th scope="col">${L ? 'Hạn' : 'Due'}</th><th scope="col">${L ? 'Trạng thái' : 'State'}</th><th scope="col">${L ? 'Tình hình' : 'Status'}</th></tr></thead><tbody>
          ${t.assignments.map((a) => html`<tr data-unit="${a.unit.code}"><td><a href="/assignments/${a.id}">${a.unit.name}</a></td><td>${a.role === 'lead' ? (L ? 'Chủ trì' : 'Lead') : L ? 'Phối hợp' : 'Coordinate'}</td><td>${a.dueAt ? new Date(a.dueAt) : '—'}</td><td class="state">${stateText(a.state, request.lang)}</td><td>${badge(light(cal, now, { state: a.state, overdue: a.overdue, due_at: a.dueAt ? new Date(a.dueAt) : null }), request.lang)}</td></tr>`)}
          </tbody></table></div>
          ${t.targets.length ? html`<h3 class="small">${L ? 'Chỉ tiêu' : 'Targets'}</h3><table><thead><tr><th scope="col">${L ? 'Chỉ tiêu' : 'Target'}</th><th scope="col">${L ? 'Giao' : 'Set'}</th><th scope="col">${L ? 'Đã báo cáo' : 'Reported'}</th></tr></thead><tbody>${t.targets.map((g) => html`<tr><td>${g.name ?? g.code}</td><td>${g.targetValue} ${g.unitOfMeasure}</td><td>${reported.get(g.code) ?? 0}</td></tr>`)}</tbody></table>` : ''}
        </section>`)}
        ${trail.length ? html`<h2>${L ? 'Diễn biến' : 'Timeline'}</h2><ol>${trail.map((e) => html`<li>${e.created_at} — ${e.type} → ${stateText(e.to_state, request.lang)}</li>`)}</ol>` : ''}`);
  });
}

/** The issue form's fields, turned into the directive input the schema checks. */
function formToDirective(f: FormBody): unknown {
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
      deadline: kind === 'working_days' ? { kind, days: numberField(f[`task${i}.days`]) } : kind === 'standing' ? { kind } : { kind: 'date', date: one(`task${i}.date`) },
      addressees: many(`task${i}.addressees`).map((a) => (a.startsWith('group:') ? { group: a.slice(6), role: 'lead' } : { unit: a, role: 'lead' })),
      targets: target ? [{ code: target, name: one(`task${i}.targetName`), unitOfMeasure: one(`task${i}.targetUnit`), targetValue: numberField(f[`task${i}.targetValue`]) }] : [],
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
    ...(reminder && { reminderPolicy: { reminders: String(reminder).split(',').map((d) => ({ workingDaysBefore: numberField(d) })) } }),
    tasks,
  };
}

async function issueForm(web: Web, request: FastifyRequest, reply: FastifyReply, form: FormBody, errors: Record<string, string>, status = 200) {
  const { deps } = web;
  const L = request.lang === 'vi';
  const { units, groups } = await unitsAndGroupsByName(deps.db);
  const v = (k: string) => shown(form, k);
  const err = (field: string) => (errors[field] ? html`<p class="err" id="err-${field.replace(/\W/g, '-')}" role="alert">${errors[field]}</p>` : '');
  const described = (field: string) => (errors[field] ? html` aria-invalid="true" aria-describedby="err-${field.replace(/\W/g, '-')}"` : '');
  const input = (name: string, field: string, label: string, type = 'text') => html`<label for="${name}">${label}</label>${err(field)}<input id="${name}" name="${name}" type="${type}" value="${v(name)}"${described(field)}>`;
  const task = (i: number) => html`<fieldset class="card spaced"><legend>${L ? 'Nhiệm vụ' : 'Task'} ${i + 1}</legend>
    ${input(`task${i}.title`, `tasks.${i}.title`, L ? 'Tên nhiệm vụ' : 'Title')}
    <label for="task${i}.addressees">${L ? 'Đơn vị thực hiện (giữ Ctrl để chọn nhiều)' : 'Units (Ctrl to pick several)'}</label>${err(`tasks.${i}.addressees`)}${err(`tasks.${i}.addressees.0.unit`)}
    <select id="task${i}.addressees" name="task${i}.addressees" multiple size="6"${described(`tasks.${i}.addressees`)}>${groups.map((g) => html`<option value="group:${g.code}" ${[form[`task${i}.addressees`] ?? []].flat().includes(`group:${g.code}`) ? html`selected` : ''}>${L ? 'Nhóm' : 'Group'}: ${g.name}</option>`)}${units.map((u) => html`<option value="${u.code}" ${[form[`task${i}.addressees`] ?? []].flat().includes(u.code) ? html`selected` : ''}>${u.name}</option>`)}</select>
    <label for="task${i}.deadlineKind">${L ? 'Loại hạn' : 'Deadline'}</label><select id="task${i}.deadlineKind" name="task${i}.deadlineKind"><option value="date" ${v(`task${i}.deadlineKind`) !== 'working_days' && v(`task${i}.deadlineKind`) !== 'standing' ? html`selected` : ''}>${L ? 'Ngày cụ thể' : 'A date'}</option><option value="working_days" ${v(`task${i}.deadlineKind`) === 'working_days' ? html`selected` : ''}>${L ? 'Số ngày làm việc kể từ ngày ban hành' : 'Working days from issue'}</option><option value="standing" ${v(`task${i}.deadlineKind`) === 'standing' ? html`selected` : ''}>${L ? 'Thường xuyên' : 'Standing'}</option></select>
    ${input(`task${i}.date`, `tasks.${i}.deadline.date`, L ? 'Hạn (ngày)' : 'Due date', 'date')}
    ${input(`task${i}.days`, `tasks.${i}.deadline.days`, L ? 'Số ngày làm việc' : 'Working days', 'number')}
    ${input(`task${i}.targetCode`, `tasks.${i}.targets.0.code`, L ? 'Mã chỉ tiêu (tùy chọn)' : 'Target code (optional)')}
    ${input(`task${i}.targetName`, `tasks.${i}.targets.0.name`, L ? 'Tên chỉ tiêu' : 'Target name')}
    ${input(`task${i}.targetUnit`, `tasks.${i}.targets.0.unitOfMeasure`, L ? 'Đơn vị tính' : 'Unit of measure')}
    ${input(`task${i}.targetValue`, `tasks.${i}.targets.0.targetValue`, L ? 'Chỉ tiêu giao' : 'Target value', 'number')}
  </fieldset>`;
  return web.send(reply, request, L ? 'Ban hành văn bản' : 'Issue a directive', html`
    <form method="post" action="/directives/new" novalidate>
      <input type="hidden" name="_csrf" value="${request.web!.csrf}">
      ${errors[''] ? html`<p class="err" role="alert">${errors['']}</p>` : ''}
      <label for="type">${L ? 'Loại văn bản' : 'Type'}</label>${err('type')}<select id="type" name="type">${directiveTypes.map((t) => html`<option value="${t}" ${v('type') === t ? html`selected` : ''}>${t}</option>`)}</select>
      ${input('numberSymbol', 'numberSymbol', L ? 'Số, ký hiệu (ví dụ 30/CT-UBND)' : 'Number and symbol (e.g. 30/CT-UBND)')}
      ${input('issuedOn', 'issuedOn', L ? 'Ngày ban hành' : 'Issue date', 'date')}
      ${input('signer', 'signer', L ? 'Người ký' : 'Signer')}
      ${input('subject', 'subject', L ? 'Trích yếu' : 'Subject')}
      <label for="body">${L ? 'Nội dung' : 'Body'}</label>${err('body')}<textarea id="body" name="body" rows="3">${v('body')}</textarea>
      <label for="classification">${L ? 'Độ mật' : 'Classification'}</label><select id="classification" name="classification"><option value="thuong">${L ? 'Thường' : 'Ordinary'}</option><option value="mat" ${v('classification') === 'mat' ? html`selected` : ''}>${L ? 'Mật' : 'Confidential'}</option></select>
      <label for="monitoringUnit">${L ? 'Cơ quan theo dõi' : 'Monitoring unit'}</label>${err('monitoringUnit')}<select id="monitoringUnit" name="monitoringUnit"><option value="">—</option>${units.map((u) => html`<option value="${u.code}" ${v('monitoringUnit') === u.code ? html`selected` : ''}>${u.name}</option>`)}</select>
      <label for="regime">${L ? 'Chế độ báo cáo định kỳ' : 'Reporting regime'}</label><select id="regime" name="regime"><option value="">${L ? 'Không' : 'None'}</option>${['weekly', 'monthly', 'quarterly', 'half_yearly', 'yearly'].map((k) => html`<option value="${k}" ${v('regime') === k ? html`selected` : ''}>${k}</option>`)}</select>
      ${input('regimeDays', 'regime.days', L ? 'Hạn báo cáo: số ngày làm việc sau khi hết kỳ' : 'Report due: working days after the period', 'number')}
      <label for="reminders">${L ? 'Nhắc hạn trước (số ngày làm việc, cách nhau bởi dấu phẩy)' : 'Reminders (working days before, comma separated)'}</label><input id="reminders" name="reminders" value="${v('reminders') || '3,1,0'}">
      ${[0, 1, 2].map(task)}
      <p><button type="submit">${L ? 'Ban hành' : 'Issue'}</button></p>
    </form>`, status);
}
