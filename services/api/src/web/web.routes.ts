import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { checkPassword, createRegime, createSession, endSession, history, issueDirectiveInTransaction, loadCalendar, type Principal } from '@dondoc/db';
import { DomainError, directiveInputSchema, describeIssue, directiveTypes, regimeInputSchema, stateLabelsVi } from '@dondoc/domain';
import type { ApiDeps } from '../deps.ts';
import { canIssue, seesEveryDirective } from '../auth/policy.ts';
import { runAssignmentCommand } from '../routes/assignments.routes.ts';
import { assignmentView, directiveView, listDirectivesView } from '../views/directive.view.ts';
import { html, page, type Lang, type Raw } from './html.ts';
import { mailboxList, mailboxMessage } from './mailbox.page.ts';
import { complianceMatrix, laggards, light, scorecard, type Light } from './queries.ts';
import { SESSION_COOKIE, requireUser, webSession } from './session.ts';

const lightLabel: Record<Light, [string, string]> = {
  done: ['Hoàn thành', 'Done'],
  on_time: ['Trong hạn', 'On time'],
  due_soon: ['Sắp đến hạn', 'Due soon'],
  overdue: ['Quá hạn', 'Overdue'],
  cancelled: ['Đã hủy', 'Cancelled'],
};
const badge = (l: Light | null, lang: Lang) => (l ? html`<span class="s s-${l}">${lightLabel[l][lang === 'vi' ? 0 : 1]}</span>` : html`<span class="s s-none">—</span>`);
const stateText = (state: string, lang: Lang) => (lang === 'vi' ? (stateLabelsVi[state] ?? state) : state.replace('_', ' '));
const sees = (p: Principal) => seesEveryDirective(p.role);

/**
 * The web app: server-rendered pages for the Office, the Chairman and the
 * units, on the same data, rules and engine as the API. Forms post back with
 * the session's CSRF token.
 */
export async function webRoutes(app: FastifyInstance, deps: ApiDeps): Promise<void> {
  await app.register(async (web) => {
    await web.register(cookie);
    await web.register(formbody);
    webSession(web, deps.db, deps.secureCookies ?? false);
    // The embedded mail catcher, for the Office and admins (whoever runs the trial); 404 when mail goes to a real server.
    const readsMailbox = (role: string) => ['office', 'admin'].includes(role);
    const send = (reply: FastifyReply, request: FastifyRequest, title: string, body: Raw, status = 200) =>
      reply.status(status).type('text/html; charset=utf-8').send(page({ lang: request.lang, title, body, ...(request.web && { viewer: { name: request.web.name, role: request.web.role, csrf: request.web.csrf, mailbox: !!deps.mailbox && readsMailbox(request.web.role) } }) }));
    const vi = (r: FastifyRequest) => r.lang === 'vi';
    /** The signed-in user if they are the Office or the Committee's leadership; otherwise the answer is sent and null returned. */
    const requireLeadership = (request: FastifyRequest, reply: FastifyReply) => {
      const u = requireUser(request, reply);
      if (u && !sees(u)) {
        void send(reply, request, '403', html`<p>${vi(request) ? 'Trang này dành cho Văn phòng và lãnh đạo.' : 'For the Office and the Committee.'}</p>`, 403);
        return null;
      }
      return u;
    };

    web.get('/', async (request, reply) => {
      const u = requireUser(request, reply);
      if (u) return reply.redirect(sees(u) ? '/matrix' : '/inbox');
    });

    web.get('/login', async (request, reply) => loginPage(request, reply, send));
    web.post('/login', { config: { rateLimit: { max: deps.loginAttemptsPerMinute ?? 5, timeWindow: 60_000, keyGenerator: (r: FastifyRequest) => `login:${r.ip}` } } }, async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, string>;
      const userId = await checkPassword(deps.db, String(body.email ?? ''), String(body.password ?? ''));
      if (!userId) return loginPage(request, reply, send, vi(request) ? 'Sai địa chỉ thư hoặc mật khẩu.' : 'Wrong email or password.', 401);
      const session = await createSession(deps.db, userId);
      void reply.setCookie(SESSION_COOKIE, session.token, { path: '/', httpOnly: true, sameSite: 'lax', secure: deps.secureCookies ?? false, maxAge: 12 * 3600 });
      const next = String((request.query as Record<string, string>).next ?? '/');
      return reply.redirect(next.startsWith('/') && !next.startsWith('//') ? next : '/');
    });
    web.post('/logout', async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await endSession(deps.db, token);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.redirect('/login');
    });

    web.get('/directives', async (request, reply) => {
      const u = requireUser(request, reply);
      if (!u) return;
      const q = request.query as Record<string, string>;
      const filter = {
        page: 1,
        pageSize: 100,
        ...(q.state && { state: q.state }),
        ...(q.type && (directiveTypes as readonly string[]).includes(q.type) && { type: q.type }),
        ...(q.overdue === 'true' && { overdue: true }),
        ...(q.q && { search: q.q.slice(0, 100) }),
      };
      const list = await listDirectivesView(deps.db, u, filter);
      const L = vi(request);
      return send(reply, request, L ? 'Văn bản chỉ đạo' : 'Directives', html`
        <form method="get" action="/directives" class="card" role="search">
          <label for="q">${L ? 'Tìm theo số, ký hiệu hoặc trích yếu' : 'Search number or subject'}</label><input id="q" name="q" value="${q.q ?? ''}">
          <label for="type">${L ? 'Loại văn bản' : 'Type'}</label><select id="type" name="type"><option value="">${L ? 'Tất cả' : 'All'}</option>${directiveTypes.map((t) => html`<option value="${t}" ${q.type === t ? html`selected` : ''}>${t}</option>`)}</select>
          <label><input type="checkbox" name="overdue" value="true" ${q.overdue === 'true' ? html`checked` : ''} style="width:auto"> ${L ? 'Chỉ văn bản có nhiệm vụ quá hạn' : 'Only with overdue tasks'}</label>
          <p><button type="submit">${L ? 'Lọc' : 'Filter'}</button></p>
        </form>
        <div class="wrap"><table><caption class="muted">${list.total} ${L ? 'văn bản' : 'directives'}</caption>
        <thead><tr><th scope="col">${L ? 'Số, ký hiệu' : 'Number'}</th><th scope="col">${L ? 'Ngày' : 'Date'}</th><th scope="col">${L ? 'Trích yếu' : 'Subject'}</th><th scope="col">${L ? 'Trạng thái' : 'State'}</th><th scope="col">${L ? 'Quá hạn' : 'Overdue'}</th></tr></thead>
        <tbody>${list.items.map((d) => html`<tr><td><a href="/directives/${d.id}">${d.numberSymbol}</a></td><td>${d.issuedOn}</td><td>${d.subject ?? (L ? '(mật)' : '(classified)')}</td><td>${stateText(d.state, request.lang)}</td><td>${d.overdue ? html`<span class="s s-overdue">${d.overdue}</span>` : '0'}</td></tr>`)}</tbody></table></div>`);
    });

    web.get('/directives/new', async (request, reply) => {
      const u = requireUser(request, reply);
      if (!u) return;
      if (!canIssue(u)) return send(reply, request, '403', html`<p>${vi(request) ? 'Chỉ Văn phòng UBND tỉnh được ban hành văn bản.' : 'Only the Office issues directives.'}</p>`, 403);
      return issueForm(request, reply, send, deps, {}, {});
    });
    web.post('/directives/new', async (request, reply) => {
      const u = requireUser(request, reply);
      if (!u) return;
      if (!canIssue(u)) return reply.status(403).send();
      const form = (request.body ?? {}) as Record<string, string | string[]>;
      const input = formToDirective(form);
      const parsed = directiveInputSchema.safeParse(input);
      if (!parsed.success) {
        const errors: Record<string, string> = {};
        for (const issue of parsed.error.issues) {
          const d = describeIssue(issue);
          errors[d.field] ??= vi(request) ? d.vi : d.en;
        }
        return issueForm(request, reply, send, deps, form, errors, 400);
      }
      const regimeKind = String(form.regime ?? '');
      const regime = regimeKind ? regimeInputSchema.safeParse({ kind: regimeKind, dueRule: { kind: 'working_days_after_end', days: Number(form.regimeDays || 5) } }) : null;
      if (regime && !regime.success) return issueForm(request, reply, send, deps, form, { 'regime.days': describeIssue(regime.error.issues[0]!)[vi(request) ? 'vi' : 'en'] }, 400);
      try {
        const issued = await deps.db.transaction().execute(async (tx) => {
          const done = await issueDirectiveInTransaction(tx, parsed.data, { kind: 'user', userId: u.userId }, { requestId: request.id });
          if (regime?.success) await createRegime(tx, done.directiveId, regime.data);
          return done;
        });
        return reply.redirect(`/directives/${issued.directiveId}`);
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        return issueForm(request, reply, send, deps, form, { [e.field ?? '']: vi(request) ? e.messageVi : e.message }, 400);
      }
    });

    web.get('/directives/:id', async (request, reply) => {
      const u = requireUser(request, reply);
      if (!u) return;
      const id = (request.params as { id: string }).id;
      const d = await directiveView(deps.db, u, id).catch(() => null);
      const L = vi(request);
      if (!d) return send(reply, request, L ? 'Không tìm thấy' : 'Not found', html`<p>${L ? 'Không có văn bản này, hoặc bạn không được xem.' : 'No such directive, or not yours to see.'}</p>`, 404);
      const cal = await loadCalendar(deps.db);
      const now = new Date();
      const trail = sees(u) ? await history(deps.db, { type: 'directive', id }) : [];
      const reported = await reportedValues(deps, d.tasks.flatMap((t) => t.assignments.map((a) => a.id)));
      return send(reply, request, `${d.numberSymbol}${d.subject ? `: ${d.subject}` : ''}`, html`
        <p class="muted">${L ? 'Ban hành' : 'Issued'} ${d.issuedOn} · ${d.issuer.name} · ${L ? 'Cơ quan theo dõi' : 'Monitoring unit'}: ${d.monitoringUnit.name} · ${L ? 'Trạng thái' : 'State'}: <strong>${stateText(d.state, request.lang)}</strong></p>
        ${d.tasks.map((t) => html`<section class="card" style="margin:.8rem 0"><h2>${L ? 'Nhiệm vụ' : 'Task'} ${t.ordinal}${t.title ? `: ${t.title}` : ''}</h2>
          <div class="wrap"><table><thead><tr><th scope="col">${L ? 'Đơn vị' : 'Unit'}</th><th scope="col">${L ? 'Vai trò' : 'Role'}</th><th scope="col">${L ? 'Hạn' : 'Due'}</th><th scope="col">${L ? 'Trạng thái' : 'State'}</th><th scope="col">${L ? 'Tình hình' : 'Status'}</th></tr></thead><tbody>
          ${t.assignments.map((a) => html`<tr data-unit="${a.unit.code}"><td><a href="/assignments/${a.id}">${a.unit.name}</a></td><td>${a.role === 'lead' ? (L ? 'Chủ trì' : 'Lead') : L ? 'Phối hợp' : 'Coordinate'}</td><td>${a.dueAt ? new Date(a.dueAt) : '—'}</td><td class="state">${stateText(a.state, request.lang)}</td><td>${badge(light(cal, now, { state: a.state, overdue: a.overdue, due_at: a.dueAt ? new Date(a.dueAt) : null }), request.lang)}</td></tr>`)}
          </tbody></table></div>
          ${t.targets.length ? html`<h3 style="font-size:1rem">${L ? 'Chỉ tiêu' : 'Targets'}</h3><table><thead><tr><th scope="col">${L ? 'Chỉ tiêu' : 'Target'}</th><th scope="col">${L ? 'Giao' : 'Set'}</th><th scope="col">${L ? 'Đã báo cáo' : 'Reported'}</th></tr></thead><tbody>${t.targets.map((g) => html`<tr><td>${g.name ?? g.code}</td><td>${g.targetValue} ${g.unitOfMeasure}</td><td>${reported.get(g.code) ?? 0}</td></tr>`)}</tbody></table>` : ''}
        </section>`)}
        ${trail.length ? html`<h2>${L ? 'Diễn biến' : 'Timeline'}</h2><ol>${trail.map((e) => html`<li>${e.created_at} — ${e.type} → ${stateText(e.to_state, request.lang)}</li>`)}</ol>` : ''}`);
    });

    web.get('/matrix', async (request, reply) => {
      const u = requireLeadership(request, reply);
      if (!u) return reply;
      const L = vi(request);
      const m = await complianceMatrix(deps.db, await loadCalendar(deps.db), new Date());
      const byName = (request.query as Record<string, string>).sort === 'name';
      if (byName) m.units.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
      return send(reply, request, L ? 'Ma trận thực hiện' : 'Compliance matrix', html`
        <p class="muted">${L ? 'Mỗi ô: tình hình xấu nhất của đơn vị trong văn bản.' : "Each cell: the unit's worst status in the directive."}
          ${L ? 'Sắp xếp' : 'Sort'}: ${byName ? html`<a href="/matrix">${L ? 'chậm nhiều nhất trước' : 'most overdue first'}</a> · <strong>${L ? 'theo tên' : 'by name'}</strong>` : html`<strong>${L ? 'chậm nhiều nhất trước' : 'most overdue first'}</strong> · <a href="/matrix?sort=name">${L ? 'theo tên' : 'by name'}</a>`}</p>
        <div class="wrap"><table id="matrix"><thead><tr><th scope="col">${L ? 'Đơn vị' : 'Unit'}</th><th scope="col">${L ? 'Quá hạn' : 'Overdue'}</th>${m.directives.map(([id, n]) => html`<th scope="col"><a href="/directives/${id}">${n}</a></th>`)}</tr></thead>
        <tbody>${m.units.map((r) => html`<tr data-unit="${r.code}"><th scope="row"><a href="/units/${r.code}/scorecard">${r.name}</a></th><td>${r.overdue}</td>${r.cells.map((c) => html`<td class="cell" data-light="${c ?? 'none'}">${badge(c, request.lang)}</td>`)}</tr>`)}</tbody></table></div>`);
    });

    web.get('/laggards', async (request, reply) => {
      const u = requireLeadership(request, reply);
      if (!u) return reply;
      const L = vi(request);
      const list = await laggards(deps.db, await loadCalendar(deps.db), new Date());
      return send(reply, request, L ? 'Đơn vị chậm thực hiện' : 'Lagging units', html`<div class="wrap"><table><thead><tr><th scope="col">${L ? 'Đơn vị' : 'Unit'}</th><th scope="col">${L ? 'Việc quá hạn' : 'Overdue items'}</th><th scope="col">${L ? 'Chậm nhất (ngày làm việc)' : 'Worst (working days)'}</th><th scope="col">${L ? 'Số lần chậm trong năm' : 'Late this year'}</th><th scope="col">${L ? 'Danh sách Chủ tịch' : "Chairman's list"}</th></tr></thead>
        <tbody>${list.map((r) => html`<tr><th scope="row"><a href="/units/${r.code}/scorecard">${r.name}</a></th><td>${r.items}</td><td>${r.worst}</td><td>${r.lateThisYear}</td><td>${r.onChairmansList ? (L ? 'Có' : 'Yes') : r.requested ? (L ? 'Cơ quan được đề nghị' : 'Requested body') : '—'}</td></tr>`)}</tbody></table></div>`);
    });

    web.get('/units/:code/scorecard', async (request, reply) => {
      const u = requireUser(request, reply);
      if (!u) return;
      const L = vi(request);
      const code = (request.params as { code: string }).code;
      if (!sees(u) && u.unitCode !== code) return send(reply, request, '403', html`<p>${L ? 'Không được xem đơn vị khác.' : 'Not your unit.'}</p>`, 403);
      const s = await scorecard(deps.db, await loadCalendar(deps.db), new Date(), code);
      if (!s) return send(reply, request, L ? 'Không tìm thấy' : 'Not found', html``, 404);
      const max = Math.max(1, ...s.trend.map((t) => t.late));
      const bars = s.trend.map((t, i) => html`<g><rect x="${i * 44 + 4}" y="${110 - (t.late / max) * 100}" width="34" height="${(t.late / max) * 100}" fill="#8a1c14"></rect><text x="${i * 44 + 21}" y="126" font-size="10" text-anchor="middle">${t.month.slice(2)}</text><text x="${i * 44 + 21}" y="${104 - (t.late / max) * 100}" font-size="10" text-anchor="middle">${t.late}</text></g>`);
      return send(reply, request, `${L ? 'Kết quả thực hiện' : 'Scorecard'}: ${s.unit.name}`, html`
        <div class="grid">
          <div class="card"><div class="muted">${L ? 'Tỷ lệ đúng hạn' : 'On-time rate'}</div><div class="big">${s.onTimeRate === null ? '—' : `${s.onTimeRate}%`}</div></div>
          <div class="card"><div class="muted">${L ? 'Chậm trung bình (ngày làm việc)' : 'Average delay (working days)'}</div><div class="big">${s.averageDelay}</div></div>
          <div class="card"><div class="muted">${L ? 'Đang quá hạn' : 'Open overdue'}</div><div class="big">${s.openOverdue}</div></div>
          <div class="card"><div class="muted">${L ? 'Nhiệm vụ được giao' : 'Assignments'}</div><div class="big">${s.assignments}</div></div>
        </div>
        <h2>${L ? 'Số lần quá hạn theo tháng' : 'Deadlines missed by month'}</h2>
        <svg role="img" aria-label="${L ? 'Biểu đồ số lần quá hạn theo tháng' : 'Chart of deadlines missed by month'}" viewBox="0 0 ${Math.max(1, s.trend.length) * 44 + 8} 132" width="100%" style="max-width:640px;background:#fff;border:1px solid #d0d0cc">${bars}</svg>`);
    });

    /** The mailbox when this viewer may read it; otherwise the reply is sent (sign-in, 404 or 403) and null returned. */
    const openMailbox = (request: FastifyRequest, reply: FastifyReply) => {
      const u = requireUser(request, reply);
      if (!u) return null;
      if (!deps.mailbox) {
        void reply.callNotFound();
        return null;
      }
      if (!readsMailbox(u.role)) {
        void send(reply, request, '403', html`<p>${vi(request) ? 'Chỉ Văn phòng và quản trị viên xem hộp thư thử nghiệm.' : 'Only the Office and admins read the caught mail.'}</p>`, 403);
        return null;
      }
      return deps.mailbox;
    };
    web.get('/mail', async (request, reply) => {
      const box = openMailbox(request, reply);
      if (!box) return reply;
      const p = mailboxList(box, request.lang);
      return send(reply, request, p.title, p.body);
    });
    web.get('/mail/:n', async (request, reply) => {
      const box = openMailbox(request, reply);
      if (!box) return reply;
      const p = mailboxMessage(box, Number((request.params as { n: string }).n), request.lang);
      if (!p) return send(reply, request, vi(request) ? 'Không có thư này' : 'No such message', html`<p><a href="/mail">${vi(request) ? '← Hộp thư thử nghiệm' : '← Caught mail'}</a></p>`, 404);
      return send(reply, request, p.title, p.body);
    });

    web.get('/inbox', async (request, reply) => {
      const u = requireUser(request, reply);
      if (!u) return;
      const L = vi(request);
      const cal = await loadCalendar(deps.db);
      const now = new Date();
      const rows = await deps.db
        .selectFrom('assignments as a')
        .innerJoin('tasks as t', 't.id', 'a.task_id')
        .innerJoin('directives as d', 'd.id', 'a.directive_id')
        .select(['a.id', 'a.state', 'a.overdue', 'a.due_at', 't.ordinal', 't.title', 'd.number_symbol', 'd.classification'])
        .where('a.unit_id', '=', u.unitId)
        .where('a.state', 'not in', ['reviewed', 'cancelled'])
        .where('d.state', 'not in', ['withdrawn', 'closed'])
        .orderBy('a.due_at')
        .execute();
      const reports = await deps.db
        .selectFrom('unit_reports as r')
        .innerJoin('report_periods as p', 'p.id', 'r.period_id')
        .innerJoin('directives as d', 'd.id', 'p.directive_id')
        .select(['r.id', 'r.state', 'p.period_key', 'p.due_at', 'd.number_symbol'])
        .where('r.unit_id', '=', u.unitId)
        .where('r.state', 'in', ['open', 'late', 'returned'])
        .orderBy('p.due_at')
        .execute();
      return send(reply, request, L ? 'Việc cần làm' : 'Inbox', html`
        <h2>${L ? 'Nhiệm vụ được giao' : 'Assignments'}</h2>
        <div class="wrap"><table><thead><tr><th scope="col">${L ? 'Hạn' : 'Due'}</th><th scope="col">${L ? 'Văn bản, nhiệm vụ' : 'Directive, task'}</th><th scope="col">${L ? 'Trạng thái' : 'State'}</th><th scope="col">${L ? 'Tình hình' : 'Status'}</th></tr></thead>
        <tbody>${rows.map((a) => html`<tr><td>${a.due_at ?? '—'}</td><td><a href="/assignments/${a.id}">${a.number_symbol} – ${L ? 'nhiệm vụ' : 'task'} ${a.ordinal}${a.classification === 'thuong' ? `: ${a.title}` : ''}</a></td><td>${stateText(a.state, request.lang)}</td><td>${badge(light(cal, now, a), request.lang)}</td></tr>`)}</tbody></table></div>
        <h2>${L ? 'Báo cáo định kỳ' : 'Periodic reports'}</h2>
        ${reports.length ? html`<ul>${reports.map((r) => html`<li>${r.number_symbol}, ${L ? 'kỳ' : 'period'} ${r.period_key} — ${L ? 'hạn' : 'due'} ${r.due_at} (${r.state})</li>`)}</ul>` : html`<p class="muted">${L ? 'Không có kỳ báo cáo đang mở.' : 'No open report periods.'}</p>`}`);
    });

    web.get('/assignments/:id', async (request, reply) => assignmentPage(request, reply, send, deps));
    web.post('/assignments/:id/:action', async (request, reply) => {
      const u = requireUser(request, reply);
      if (!u) return;
      const { id, action } = request.params as { id: string; action: string };
      const form = (request.body ?? {}) as Record<string, string>;
      const types: Record<string, 'ACKNOWLEDGE' | 'START' | 'SUBMIT_REPORT' | 'REQUEST_EXTENSION'> = { acknowledge: 'ACKNOWLEDGE', start: 'START', 'submit-report': 'SUBMIT_REPORT', 'request-extension': 'REQUEST_EXTENSION' };
      const type = types[action];
      if (!type) return reply.status(404).send();
      const fields: Record<string, unknown> = {};
      const errors: Record<string, string> = {};
      if (type === 'SUBMIT_REPORT') {
        fields.text = (form.text ?? '').trim();
        if (!fields.text) errors.text = vi(request) ? 'Cần nhập nội dung báo cáo.' : 'Write the report.';
        const values: Record<string, number> = {};
        for (const [k, v] of Object.entries(form)) {
          if (!k.startsWith('value:') || String(v).trim() === '') continue;
          const n = Number(String(v).replace(',', '.'));
          if (!Number.isFinite(n)) errors[`values.${k.slice(6)}`] = vi(request) ? 'Phải là số.' : 'Must be a number.';
          else values[k.slice(6)] = n;
        }
        fields.values = values;
      }
      if (type === 'REQUEST_EXTENSION') Object.assign(fields, { dueDate: form.dueDate, reason: (form.reason ?? '').trim() });
      if (Object.keys(errors).length === 0) {
        try {
          await deps.db.transaction().execute((tx) => runAssignmentCommand(tx, u, id, type, fields, { requestId: request.id }));
          return reply.redirect(`/assignments/${id}`);
        } catch (e) {
          if (!(e instanceof DomainError)) throw e;
          errors[e.field ?? ''] = vi(request) ? e.messageVi : e.message;
        }
      }
      return assignmentPage(request, reply, send, deps, errors, form, 400);
    });
  });
}

type Send = (reply: FastifyReply, request: FastifyRequest, title: string, body: Raw, status?: number) => FastifyReply;

function loginPage(request: FastifyRequest, reply: FastifyReply, send: Send, error?: string, status = 200) {
  const L = request.lang === 'vi';
  return send(reply, request, L ? 'Đăng nhập' : 'Sign in', html`
    <form method="post" action="/login${request.url.includes('next=') ? `?${request.url.split('?')[1]}` : ''}" class="card" style="max-width:28rem">
      ${error ? html`<p class="err" role="alert">${error}</p>` : ''}
      <label for="email">${L ? 'Địa chỉ thư' : 'Email'}</label><input id="email" name="email" type="email" autocomplete="username" required>
      <label for="password">${L ? 'Mật khẩu' : 'Password'}</label><input id="password" name="password" type="password" autocomplete="current-password" required>
      <p><button type="submit">${L ? 'Đăng nhập' : 'Sign in'}</button></p>
    </form>`, status);
}

async function reportedValues(deps: ApiDeps, assignmentIds: string[]): Promise<Map<string, number>> {
  const sums = new Map<string, number>();
  if (assignmentIds.length === 0) return sums;
  const latest = await deps.db
    .selectFrom('events')
    .select(['subject_id', 'payload', 'seq'])
    .where('subject_type', '=', 'assignment')
    .where('subject_id', 'in', assignmentIds)
    .where('type', '=', 'SUBMIT_REPORT')
    .orderBy('seq', 'desc')
    .execute();
  const seen = new Set<string>();
  for (const e of latest) {
    if (seen.has(e.subject_id)) continue;
    seen.add(e.subject_id);
    for (const [k, v] of Object.entries((e.payload as { values?: Record<string, number> }).values ?? {})) sums.set(k, (sums.get(k) ?? 0) + v);
  }
  return sums;
}

async function assignmentPage(request: FastifyRequest, reply: FastifyReply, send: Send, deps: ApiDeps, errors: Record<string, string> = {}, form: Record<string, string> = {}, status = 200) {
  const u = requireUser(request, reply);
  if (!u) return;
  const L = request.lang === 'vi';
  const a = await assignmentView(deps.db, u, (request.params as { id: string }).id).catch(() => null);
  if (!a) return send(reply, request, L ? 'Không tìm thấy' : 'Not found', html`<p>${L ? 'Không có nhiệm vụ này, hoặc nhiệm vụ không thuộc đơn vị của bạn.' : 'No such assignment, or not your unit’s.'}</p>`, 404);
  const mine = a.unit.code === u.unitCode && ['unit_officer', 'unit_head'].includes(u.role);
  const csrf = html`<input type="hidden" name="_csrf" value="${u.csrf}">`;
  const err = (f: string) => (errors[f] ? html`<p class="err" id="err-${f.replace(/\W/g, '-')}">${errors[f]}</p>` : '');
  const act = (action: string, label: string) => html`<form class="inline" method="post" action="/assignments/${a.id}/${action}">${csrf}<button type="submit">${label}</button></form> `;
  return send(reply, request, `${a.directive.numberSymbol} – ${L ? 'nhiệm vụ' : 'task'} ${a.task.ordinal}`, html`
    <p>${a.task.title ?? ''}</p>
    <p>${L ? 'Đơn vị' : 'Unit'}: <strong>${a.unit.name}</strong> · ${L ? 'Hạn' : 'Due'}: ${a.dueAt ? new Date(a.dueAt) : '—'} · ${L ? 'Trạng thái' : 'State'}: <strong id="state">${stateText(a.state, request.lang)}</strong></p>
    ${a.lastReturnReason && a.state === 'returned' ? html`<p class="notice">${L ? 'Báo cáo bị trả lại' : 'Report returned'}: ${a.lastReturnReason}</p>` : ''}
    ${errors[''] ? html`<p class="err" role="alert">${errors['']}</p>` : ''}
    ${mine && a.state === 'issued' ? act('acknowledge', L ? 'Tiếp nhận' : 'Acknowledge') : ''}
    ${mine && a.state === 'assigned' ? act('start', L ? 'Bắt đầu thực hiện' : 'Start') : ''}
    ${mine && ['in_progress', 'returned'].includes(a.state)
      ? html`<form method="post" action="/assignments/${a.id}/submit-report" class="card" style="margin-top:1rem"><h2>${L ? 'Gửi báo cáo' : 'Send the report'}</h2>${csrf}
          <label for="text">${L ? 'Nội dung báo cáo' : 'Report'}</label>${err('text')}<textarea id="text" name="text" rows="4" aria-describedby="${errors.text ? 'err-text' : ''}">${form.text ?? ''}</textarea>
          ${a.task.targets.map((g) => html`<label for="value-${g.code}">${g.name} (${g.unitOfMeasure}; ${L ? 'chỉ tiêu' : 'target'} ${g.targetValue})</label>${err(`values.${g.code}`)}<input id="value-${g.code}" name="value:${g.code}" inputmode="decimal" value="${form[`value:${g.code}`] ?? ''}">`)}
          <p><button type="submit">${L ? 'Gửi báo cáo' : 'Send'}</button></p></form>`
      : ''}
    ${mine && ['issued', 'assigned', 'in_progress', 'returned'].includes(a.state) && a.dueAt && !a.extensionRequest
      ? html`<form method="post" action="/assignments/${a.id}/request-extension" class="card" style="margin-top:1rem"><h2>${L ? 'Xin gia hạn' : 'Ask for more time'}</h2>${csrf}
          <label for="dueDate">${L ? 'Hạn mới' : 'New date'}</label>${err('dueDate')}<input id="dueDate" name="dueDate" type="date" value="${form.dueDate ?? ''}">
          <label for="reason">${L ? 'Lý do' : 'Reason'}</label>${err('reason')}<input id="reason" name="reason" value="${form.reason ?? ''}">
          <p><button type="submit">${L ? 'Gửi đề nghị' : 'Ask'}</button></p></form>`
      : ''}
    ${a.extensionRequest ? html`<p class="notice">${L ? 'Đang chờ quyết định gia hạn đến' : 'Extension requested to'} ${new Date(a.extensionRequest.dueAt)}</p>` : ''}
    ${a.lastReport ? html`<h2>${L ? 'Báo cáo gần nhất' : 'Latest report'}</h2><p>${a.lastReport.text}</p>` : ''}`, status);
}

/** The issue form's fields, turned into the directive input the schema checks. */
function formToDirective(f: Record<string, string | string[]>): unknown {
  const one = (k: string) => (Array.isArray(f[k]) ? (f[k] as string[])[0] : (f[k] as string | undefined))?.trim() ?? '';
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
      deadline: kind === 'working_days' ? { kind, days: Number(one(`task${i}.days`)) } : kind === 'standing' ? { kind } : { kind: 'date', date: one(`task${i}.date`) },
      addressees: many(`task${i}.addressees`).map((a) => (a.startsWith('group:') ? { group: a.slice(6), role: 'lead' } : { unit: a, role: 'lead' })),
      targets: target ? [{ code: target, name: one(`task${i}.targetName`), unitOfMeasure: one(`task${i}.targetUnit`), targetValue: Number(one(`task${i}.targetValue`)) }] : [],
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
    ...(reminder && { reminderPolicy: { reminders: reminder.split(',').map((d) => ({ workingDaysBefore: Number(d) })) } }),
    tasks,
  };
}

async function issueForm(request: FastifyRequest, reply: FastifyReply, send: Send, deps: ApiDeps, form: Record<string, string | string[]>, errors: Record<string, string>, status = 200) {
  const L = request.lang === 'vi';
  const units = await deps.db.selectFrom('units').select(['code', 'name']).orderBy('name').execute();
  const groups = await deps.db.selectFrom('unit_groups').select(['code', 'name']).orderBy('name').execute();
  const v = (k: string) => [form[k] ?? ''].flat()[0] ?? '';
  const err = (field: string) => (errors[field] ? html`<p class="err" id="err-${field.replace(/\W/g, '-')}" role="alert">${errors[field]}</p>` : '');
  const described = (field: string) => (errors[field] ? html` aria-invalid="true" aria-describedby="err-${field.replace(/\W/g, '-')}"` : '');
  const input = (name: string, field: string, label: string, type = 'text') => html`<label for="${name}">${label}</label>${err(field)}<input id="${name}" name="${name}" type="${type}" value="${v(name)}"${described(field)}>`;
  const task = (i: number) => html`<fieldset class="card" style="margin:.8rem 0"><legend>${L ? 'Nhiệm vụ' : 'Task'} ${i + 1}</legend>
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
  return send(reply, request, L ? 'Ban hành văn bản' : 'Issue a directive', html`
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
