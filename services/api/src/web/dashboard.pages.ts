import { z } from 'zod';
import { loadCalendar } from '@dondoc/db';
import { code as unitCode } from '@dondoc/domain';
import { isVi, parseOr404, sees, type Web } from './context.ts';
import { html } from './html.ts';
import { badge } from './labels.ts';
import { complianceMatrix, laggards, scorecard } from './queries.ts';

const unitParams = z.strictObject({ code: unitCode });

/** The province-wide pages (the compliance matrix, the lagging units) and a unit's scorecard. */
export function dashboardPages(web: Web): void {
  const { app, deps } = web;

  app.get('/matrix', async (request, reply) => {
    const u = web.provinceWide(request, reply);
    if (!u) return reply;
    const L = isVi(request);
    const m = await complianceMatrix(deps.db, await loadCalendar(deps.db), new Date());
    const byName = (request.query as Record<string, unknown>).sort === 'name';
    if (byName) m.units.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    return web.send(reply, request, L ? 'Ma trận thực hiện' : 'Compliance matrix', html`
      <p class="muted">${L ? 'Mỗi ô: tình hình xấu nhất của đơn vị trong văn bản.' : "Each cell: the unit's worst status in the directive."}
        ${L ? 'Sắp xếp' : 'Sort'}: ${byName ? html`<a href="/matrix">${L ? 'chậm nhiều nhất trước' : 'most overdue first'}</a> · <strong>${L ? 'theo tên' : 'by name'}</strong>` : html`<strong>${L ? 'chậm nhiều nhất trước' : 'most overdue first'}</strong> · <a href="/matrix?sort=name">${L ? 'theo tên' : 'by name'}</a>`}</p>
      <div class="wrap"><table id="matrix"><thead><tr><th scope="col">${L ? 'Đơn vị' : 'Unit'}</th><th scope="col">${L ? 'Quá hạn' : 'Overdue'}</th>${m.directives.map(([id, n]) => html`<th scope="col"><a href="/directives/${id}">${n}</a></th>`)}</tr></thead>
      <tbody>${m.units.map((r) => html`<tr data-unit="${r.code}"><th scope="row"><a href="/units/${r.code}/scorecard">${r.name}</a></th><td>${r.overdue}</td>${r.cells.map((c) => html`<td class="cell" data-light="${c ?? 'none'}">${badge(c, request.lang)}</td>`)}</tr>`)}</tbody></table></div>`);
  });

  app.get('/laggards', async (request, reply) => {
    const u = web.provinceWide(request, reply);
    if (!u) return reply;
    const L = isVi(request);
    const list = await laggards(deps.db, await loadCalendar(deps.db), new Date());
    return web.send(reply, request, L ? 'Đơn vị chậm thực hiện' : 'Lagging units', html`<div class="wrap"><table><thead><tr><th scope="col">${L ? 'Đơn vị' : 'Unit'}</th><th scope="col">${L ? 'Việc quá hạn' : 'Overdue items'}</th><th scope="col">${L ? 'Chậm nhất (ngày làm việc)' : 'Worst (working days)'}</th><th scope="col">${L ? 'Số lần chậm trong năm' : 'Late this year'}</th><th scope="col">${L ? 'Danh sách Chủ tịch' : "Chairman's list"}</th></tr></thead>
      <tbody>${list.map((r) => html`<tr><th scope="row"><a href="/units/${r.code}/scorecard">${r.name}</a></th><td>${r.items}</td><td>${r.worst}</td><td>${r.lateThisYear}</td><td>${r.onChairmansList ? (L ? 'Có' : 'Yes') : r.requested ? (L ? 'Cơ quan được đề nghị' : 'Requested body') : '—'}</td></tr>`)}</tbody></table></div>`);
  });

  app.get('/units/:code/scorecard', async (request, reply) => {
    const u = web.user(request, reply);
    if (!u) return;
    const L = isVi(request);
    const params = parseOr404(web, unitParams, request.params, request, reply);
    if (!params) return;
    const { code } = params;
    if (!sees(u) && u.unitCode !== code) return web.refuse(reply, request, 403, 'Không được xem đơn vị khác.', 'Not your unit.');
    const s = await scorecard(deps.db, await loadCalendar(deps.db), new Date(), code);
    if (!s) return web.refuse(reply, request, 404, 'Không có đơn vị này.', 'No such unit.');
    const max = Math.max(1, ...s.trend.map((t) => t.late));
    const bars = s.trend.map((t, i) => html`<g><rect x="${i * 44 + 4}" y="${110 - (t.late / max) * 100}" width="34" height="${(t.late / max) * 100}" fill="#8a1c14"></rect><text x="${i * 44 + 21}" y="126" font-size="10" text-anchor="middle">${t.month.slice(2)}</text><text x="${i * 44 + 21}" y="${104 - (t.late / max) * 100}" font-size="10" text-anchor="middle">${t.late}</text></g>`);
    return web.send(reply, request, `${L ? 'Kết quả thực hiện' : 'Scorecard'}: ${s.unit.name}`, html`
      <div class="grid">
        <div class="card"><div class="muted">${L ? 'Tỷ lệ đúng hạn' : 'On-time rate'}</div><div class="big">${s.onTimeRate === null ? '—' : `${s.onTimeRate}%`}</div></div>
        <div class="card"><div class="muted">${L ? 'Chậm trung bình (ngày làm việc)' : 'Average delay (working days)'}</div><div class="big">${s.averageDelay}</div></div>
        <div class="card"><div class="muted">${L ? 'Đang quá hạn' : 'Open overdue'}</div><div class="big">${s.openOverdue}</div></div>
        <div class="card"><div class="muted">${L ? 'Nhiệm vụ được giao' : 'Assignments'}</div><div class="big">${s.assignments}</div></div>
      </div>
      <h2>${L ? 'Số lần quá hạn theo tháng' : 'Deadlines missed by month'}</h2>
      <svg role="img" aria-label="${L ? 'Biểu đồ số lần quá hạn theo tháng' : 'Chart of deadlines missed by month'}" viewBox="0 0 ${Math.max(1, s.trend.length) * 44 + 8} 132" width="100%" class="chart">${bars}</svg>`);
  });
}
