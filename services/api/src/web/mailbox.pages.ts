import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Mailbox } from '../deps.ts';
import { formatNumber, say } from '@dondoc/domain';
import { readsMailbox, sayTo, type Web } from './context.ts';
import { html, table, type Lang, type Raw } from './html.ts';
import { linkify } from './mail-links.ts';

const messageParams = z.strictObject({ n: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });
type Caught = Mailbox['messages'][number];

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
    const m = params.success ? box.messages.find((x) => x.id === params.data.n) : undefined;
    const t = sayTo(request);
    if (!m) return web.send(reply, request, t('mailbox.noSuchMessage'), html`<p><a href="/mail">${t('mailbox.back')}</a></p>`, 404);
    // Links to this site are clickable: PUBLIC_URL's origin, and the one this page was opened on.
    const origins = [...(deps.publicOrigin ? [deps.publicOrigin] : []), `${request.protocol}://${request.host}`];
    const p = mailboxMessage(m, request.lang, origins);
    return web.send(reply, request, p.title, p.body);
  });
}

const subjectOf = (m: Caught, lang: Lang) => m.parsed.subject ?? say(lang)('mailbox.noSubject');

/**
 * The embedded mail catcher, readable in the browser: when dondoc runs without
 * an SMTP server, this is where a trial user sees the reminders it sent.
 * Newest first; each message keeps its number (the order it came in), so links stay put across restarts.
 */
function mailboxList(box: Mailbox, lang: Lang): { title: string; body: Raw } {
  const t = say(lang);
  const rows = [...box.messages].reverse();
  const row = (m: Caught) => html`<tr><td>${m.at}</td><td>${m.envelopeTo.join(', ')}</td><td><a href="/mail/${m.id}">${subjectOf(m, lang)}</a></td></tr>`;
  return {
    title: t('common.caughtMail'),
    body: html`<p class="notice">${t('mailbox.noServer')}</p>
      ${table({
        head: [t('mailbox.time'), t('mailbox.to'), t('mailbox.subject')],
        body: rows.map(row),
        caption: t('mailbox.count', { count: formatNumber(box.messages.length, lang) }),
      })}`,
  };
}

function mailboxMessage(m: Caught, lang: Lang, origins: string[]): { title: string; body: Raw } {
  const t = say(lang);
  const to = html`<dt>${t('mailbox.to')}</dt><dd>${m.envelopeTo.join(', ')}</dd>`;
  return {
    title: subjectOf(m, lang),
    body: html`<p><a href="/mail">${t('mailbox.back')}</a></p>
      <dl class="card"><dt>${t('mailbox.from')}</dt><dd>${m.parsed.from?.text ?? ''}</dd>${to}<dt>${t('mailbox.time')}</dt><dd>${m.at}</dd></dl>
      <div class="card pre">${linkify(m.parsed.text ?? '', origins)}</div>`,
  };
}
