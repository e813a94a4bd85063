import escapeHtml from 'escape-html';
import { formatDate, formatNumber, localDateOf, msg, type DigestItem, type OfficeReminderParams } from '@dondoc/domain';
import { buttonStyle, linkTo, page, type Locale, type RenderedMessage } from './templates.ts';

export type { OfficeReminderParams };

/** An overdue item as the list reads it: "25/CT-UBND, nhiệm vụ 3: … — hạn 02/02/2024, quá hạn 1.250 ngày làm việc". */
function itemLine(i: DigestItem, locale: Locale): string {
  return msg(locale, 'mail.office_reminder.item', {
    numberSymbol: i.numberSymbol,
    task: msg(locale, 'digest.task', { ordinal: i.taskOrdinal, title: i.taskTitle }),
    due: i.dueAt ? formatDate(localDateOf(new Date(i.dueAt))) : '—',
    days: formatNumber(i.workingDaysLate, locale),
  });
}

/**
 * "Nhắc ngay": the Office of the Provincial People's Committee urges a unit now,
 * "Kính gửi <unit>:", the overdue items, who sent it and a link to the unit's inbox.
 */
export function renderOfficeReminder(p: OfficeReminderParams, locale: Locale, publicUrl: string): RenderedMessage {
  const w = msg(locale, 'mail.office_reminder', {
    unit: p.unitName,
    n: p.items.length,
    count: formatNumber(p.items.length, locale),
    sender: p.remindedBy?.name?.trim() || null,
  });
  const lines = p.items.map((i) => itemLine(i, locale));
  const link = linkTo(p.path || '/inbox', publicUrl);
  const footer = msg(locale, 'mail.footer');
  const text = [...w.intro, '', ...lines.map((l) => `  - ${l}`), '', ...w.outro, '', `${w.open}: ${link}`, '', footer].join('\n');
  const paragraphs = (ls: string[]) => ls.map((l) => `<p>${escapeHtml(l)}</p>`).join('');
  const html = page(
    locale,
    w.subject,
    paragraphs(w.intro) +
      `<ul>${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>` +
      paragraphs(w.outro) +
      `<p><a href="${escapeHtml(link)}" style="${buttonStyle}">${escapeHtml(w.open)}</a></p>` +
      `<p style="color:#777;font-size:12px">${escapeHtml(footer)}</p>`,
  );
  return { subject: w.subject, text, html };
}
