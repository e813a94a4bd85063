import type { Mailbox } from '../deps.ts';
import { html, type Lang, type Raw } from './html.ts';

/**
 * The embedded mail catcher, readable in the browser: when dondoc runs without
 * an SMTP server, this is where a trial user sees the reminders it sent.
 * Newest first; message n is the n-th caught (1-based), so links stay put.
 */
export function mailboxList(box: Mailbox, lang: Lang): { title: string; body: Raw } {
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

export function mailboxMessage(box: Mailbox, n: number, lang: Lang): { title: string; body: Raw } | null {
  const m = Number.isInteger(n) && n >= 1 ? box.messages[n - 1] : undefined;
  if (!m) return null;
  const L = lang === 'vi';
  return {
    title: m.parsed.subject ?? (L ? '(không có tiêu đề)' : '(no subject)'),
    body: html`<p><a href="/mail">${L ? '← Hộp thư thử nghiệm' : '← Caught mail'}</a></p>
      <dl class="card"><dt>${L ? 'Người gửi' : 'From'}</dt><dd>${m.parsed.from?.text ?? ''}</dd><dt>${L ? 'Người nhận' : 'To'}</dt><dd>${m.envelopeTo.join(', ')}</dd><dt>${L ? 'Thời gian' : 'Time'}</dt><dd>${m.at}</dd></dl>
      <pre class="card" style="white-space:pre-wrap">${m.parsed.text ?? ''}</pre>`,
  };
}
