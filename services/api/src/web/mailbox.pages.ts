import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Mailbox } from '../deps.ts';
import { isVi, readsMailbox, type Web } from './context.ts';
import { html, type Lang, type Raw } from './html.ts';

const messageParams = z.strictObject({ n: z.coerce.number().int().min(1).max(1_000_000) });

/** `/mail` and `/mail/:n` for the Office and admins while `start` runs the mail catcher; 404 when mail goes to a real server. */
export function mailboxPages(web: Web): void {
  const { app, deps } = web;
  const openMailbox = (request: FastifyRequest, reply: FastifyReply): Mailbox | null => {
    const u = web.user(request, reply);
    if (!u) return null;
    if (!deps.mailbox) {
      void reply.callNotFound();
      return null;
    }
    if (!readsMailbox(u.role)) {
      void web.refuse(reply, request, 403, 'Chỉ Văn phòng và quản trị viên xem hộp thư thử nghiệm.', 'Only the Office and admins read the caught mail.');
      return null;
    }
    return deps.mailbox;
  };
  app.get('/mail', async (request, reply) => {
    const box = openMailbox(request, reply);
    if (!box) return reply;
    const p = mailboxList(box, request.lang);
    return web.send(reply, request, p.title, p.body);
  });
  app.get('/mail/:n', async (request, reply) => {
    const box = openMailbox(request, reply);
    if (!box) return reply;
    const params = messageParams.safeParse(request.params);
    const p = params.success ? mailboxMessage(box, params.data.n, request.lang) : null;
    if (!p) return web.send(reply, request, isVi(request) ? 'Không có thư này' : 'No such message', html`<p><a href="/mail">${isVi(request) ? '← Hộp thư thử nghiệm' : '← Caught mail'}</a></p>`, 404);
    return web.send(reply, request, p.title, p.body);
  });
}

/**
 * The embedded mail catcher, readable in the browser: when dondoc runs without
 * an SMTP server, this is where a trial user sees the reminders it sent.
 * Newest first; message n is the n-th caught (1-based), so links stay put.
 */
function mailboxList(box: Mailbox, lang: Lang): { title: string; body: Raw } {
  const L = lang === 'vi';
  const rows = box.messages.map((m, i) => ({ m, n: i + 1 })).reverse();
  return {
    title: L ? 'Hộp thư thử nghiệm' : 'Caught mail',
    body: html`<p class="notice">${L ? 'dondoc đang chạy không có máy chủ thư: thư được giữ lại trong máy, không gửi ra ngoài. Đặt SMTP_HOST để gửi thật.' : 'dondoc runs without a mail server: mail is kept here and not sent out. Set SMTP_HOST to send it.'}</p>
      <div class="wrap"><table><caption class="muted">${box.messages.length} ${L ? 'thư' : 'messages'}</caption>
      <thead><tr><th scope="col">${L ? 'Thời gian' : 'Time'}</th><th scope="col">${L ? 'Người nhận' : 'To'}</th><th scope="col">${L ? 'Tiêu đề' : 'Subject'}</th></tr></thead>
      <tbody>${rows.map(({ m, n }) => html`<tr><td>${m.at}</td><td>${m.envelopeTo.join(', ')}</td><td><a href="/mail/${n}">${m.parsed.subject ?? (L ? '(không có tiêu đề)' : '(no subject)')}</a></td></tr>`)}</tbody></table></div>`,
  };
}

function mailboxMessage(box: Mailbox, n: number, lang: Lang): { title: string; body: Raw } | null {
  const m = Number.isInteger(n) && n >= 1 ? box.messages[n - 1] : undefined;
  if (!m) return null;
  const L = lang === 'vi';
  return {
    title: m.parsed.subject ?? (L ? '(không có tiêu đề)' : '(no subject)'),
    body: html`<p><a href="/mail">${L ? '← Hộp thư thử nghiệm' : '← Caught mail'}</a></p>
      <dl class="card"><dt>${L ? 'Người gửi' : 'From'}</dt><dd>${m.parsed.from?.text ?? ''}</dd><dt>${L ? 'Người nhận' : 'To'}</dt><dd>${m.envelopeTo.join(', ')}</dd><dt>${L ? 'Thời gian' : 'Time'}</dt><dd>${m.at}</dd></dl>
      <pre class="card pre">${m.parsed.text ?? ''}</pre>`,
  };
}
