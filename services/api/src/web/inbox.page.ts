import { loadCalendar, openAssignmentsOfUnit, waitingReportsOfUnit } from '@dondoc/db';
import { say } from '@dondoc/domain';
import type { Web } from './context.ts';
import { dayOf, timeLeft } from './deadline.ts';
import { html, table } from './html.ts';
import { badge } from './labels.ts';
import { light } from './queries.ts';

/** A unit's inbox: its open assignments and the periodic reports it still owes, by deadline, each a link to the page that does it. */
export function inboxPage(web: Web): void {
  const { app, deps } = web;
  app.get('/inbox', async (request, reply) => {
    const u = web.user(request, reply);
    if (!u) return;
    const { lang } = request;
    const t = say(lang);
    const cal = await loadCalendar(deps.db);
    const now = new Date();
    const [rows, reports] = await Promise.all([openAssignmentsOfUnit(deps.db, u.unitId), waitingReportsOfUnit(deps.db, u.unitId)]);
    type Row = (typeof rows)[number];
    const title = (a: Row) => `${a.number_symbol} – ${t('assignment.task')} ${a.ordinal}${a.classification === 'thuong' ? `: ${a.title}` : ''}`;
    /** Under the title: why a returned report came back, or the day a pending extension asks for. */
    const aside = (a: Row) =>
      a.state === 'returned' && a.last_return_reason
        ? html`<br><span class="muted">${t('assignment.reportReturned')}. ${t('common.reasonLine', { reason: a.last_return_reason })}</span>`
        : a.extension_due_at
          ? html`<br><span class="muted">${t('assignment.extensionPending', { date: dayOf(a.extension_due_at) })}</span>`
          : '';
    const row = (a: Row) =>
      html`<tr><td>${a.due_at ? dayOf(a.due_at) : '—'}</td><td><a href="/assignments/${a.id}">${title(a)}</a>${aside(a)}</td>
      <td>${t('assignmentState', { state: a.state })}</td><td>${timeLeft(cal, now, a.due_at, lang)}</td><td>${badge(light(cal, now, a), lang)}</td></tr>`;
    type Report = (typeof reports)[number];
    const late = (r: Report) => r.state === 'late' || r.due_at.getTime() < now.getTime();
    const report = (r: Report) =>
      html`<tr><td><a href="/reports/${r.id}">${r.number_symbol}, ${t('periodName', { key: r.period_key })}</a></td><td>${dayOf(r.due_at)}</td>
      <td>${t('report.state', { state: r.state })}</td><td>${timeLeft(cal, now, r.due_at, lang)}</td>
      <td>${late(r) ? html`<span class="s s-overdue">${t('report.late')}</span>` : html`<span class="s s-on_time">${t('light', { light: 'on_time' })}</span>`}</td></tr>`;
    const head = [t('common.due'), t('assignment.directiveTask'), t('common.state'), t('assignment.timeLeft'), t('common.status')];
    const reportHead = [t('assignment.period'), t('report.due'), t('common.state'), t('assignment.timeLeft'), t('common.status')];
    return web.send(
      reply,
      request,
      t('common.inbox'),
      html`
      <h2>${t('common.assignments')}</h2>
      ${rows.length ? table({ head, body: rows.map(row), id: 'assignments' }) : html`<p class="muted">${t('assignment.noAssignments')}</p>`}
      <h2>${t('assignment.periodicReports')}</h2>
      ${reports.length ? table({ head: reportHead, body: reports.map(report), id: 'reports' }) : html`<p class="muted">${t('assignment.noOpenPeriods')}</p>`}`,
    );
  });
}
