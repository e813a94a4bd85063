import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Mailbox } from '../deps.ts';
import { say } from '@dondoc/domain';
import { readsMailbox, sayTo, type Web } from './context.ts';
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
      void web.refuse(reply, request, 403, 'mailbox.officeOnly');
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
    const t = sayTo(request);
    if (!p) return web.send(reply, request, t('mailbox.noSuchMessage'), html`<p><a href="/mail">${t('mailbox.back')}</a></p>`, 404);
    return web.send(reply, request, p.title, p.body);
  });
}

/**
 * The embedded mail catcher, readable in the browser: when dondoc runs without
 * an SMTP server, this is where a trial user sees the reminders it sent.
 * Newest first; message n is the n-th caught (1-based), so links stay put.
 */
function mailboxList(box: Mailbox, lang: Lang): { title: string; body: Raw } {
  const t = say(lang);
  const rows = box.messages.map((m, i) => ({ m, n: i + 1 })).reverse();
  const subject = (m: Mailbox['messages'][number]) => m.parsed.subject ?? t('mailbox.noSubject');
  const row = ({ m, n }: (typeof rows)[number]) =>
    html`<tr><td>${m.at}</td><td>${m.envelopeTo.join(', ')}</td><td><a href="/mail/${n}">${subject(m)}</a></td></tr>`;
  return {
    title: t('common.caughtMail'),
    body: html`<p class="notice">${t('mailbox.noServer')}</p>
      <div class="wrap"><table><caption class="muted">${box.messages.length} ${t('mailbox.messages')}</caption>
      <thead><tr><th scope="col">${t('mailbox.time')}</th><th scope="col">${t('mailbox.to')}</th><th scope="col">${t('mailbox.subject')}</th></tr></thead>
      <tbody>${rows.map(row)}</tbody></table></div>`,
  };
}

function mailboxMessage(box: Mailbox, n: number, lang: Lang): { title: string; body: Raw } | null {
  const m = Number.isInteger(n) && n >= 1 ? box.messages[n - 1] : undefined;
  if (!m) return null;
  const t = say(lang);
  const to = html`<dt>${t('mailbox.to')}</dt><dd>${m.envelopeTo.join(', ')}</dd>`;
  return {
    title: m.parsed.subject ?? t('mailbox.noSubject'),
    body: html`<p><a href="/mail">${t('mailbox.back')}</a></p>
      <dl class="card"><dt>${t('mailbox.from')}</dt><dd>${m.parsed.from?.text ?? ''}</dd>${to}<dt>${t('mailbox.time')}</dt><dd>${m.at}</dd></dl>
      <pre class="card pre">${m.parsed.text ?? ''}</pre>`,
  };
}
