import escapeHtml from 'escape-html';
import { formatInstant, type ChairmanDigestParams, type DigestItem, type UnitDigestParams } from '@dondoc/domain';
import { page, type Locale, type RenderedMessage } from './templates.ts';

type Item = DigestItem;
export type { ChairmanDigestParams, UnitDigestParams };

const day = (date: string) => date.split('-').reverse().join('/');

function itemLine(i: Item, locale: Locale): string {
  const task = locale === 'vi' ? `nhiệm vụ ${i.taskOrdinal}${i.taskTitle ? `: ${i.taskTitle}` : ''}` : `task ${i.taskOrdinal}${i.taskTitle ? `: ${i.taskTitle}` : ''}`;
  const due = i.dueAt ? formatInstant(new Date(i.dueAt)) : '—';
  const status = i.overdue
    ? locale === 'vi'
      ? `quá hạn ${i.workingDaysLate} ngày làm việc (hạn ${due})`
      : `${i.workingDaysLate} working days late (due ${due})`
    : locale === 'vi'
      ? `hạn ${due}`
      : `due ${due}`;
  return `${i.numberSymbol}, ${task} — ${status}`;
}

function assemble(locale: Locale, subject: string, intro: string, sections: { heading?: string; lines: string[] }[], link: string): RenderedMessage {
  const open = locale === 'vi' ? 'Mở dondoc' : 'Open dondoc';
  const text = [intro, '', ...sections.flatMap((s) => [...(s.heading ? [s.heading] : []), ...s.lines.map((l) => `  - ${l}`), '']), `${open}: ${link}`].join('\n');
  const html = page(
    locale,
    subject,
    `<p>${escapeHtml(intro)}</p>` +
      sections.map((s) => `${s.heading ? `<h3 style="margin:12px 0 4px">${escapeHtml(s.heading)}</h3>` : ''}<ul>${s.lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`).join('') +
      `<p><a href="${escapeHtml(link)}">${open}</a></p>`,
  );
  return { subject, text, html };
}

/** A unit's morning mail: everything due soon or overdue, in one place. */
export function renderUnitDigest(p: UnitDigestParams, locale: Locale, publicUrl: string): RenderedMessage {
  const overdue = p.items.filter((i) => i.overdue).length;
  const subject =
    locale === 'vi'
      ? `[dondoc] Tổng hợp ngày ${day(p.date)}: ${p.unitName} — ${p.items.length} nhiệm vụ cần xử lý, ${overdue} quá hạn`
      : `[dondoc] Digest for ${day(p.date)}: ${p.unitName} — ${p.items.length} tasks to handle, ${overdue} overdue`;
  const intro = locale === 'vi' ? `Các nhiệm vụ của ${p.unitName} đến hạn hoặc đã quá hạn:` : `${p.unitName}'s tasks due soon or overdue:`;
  return assemble(locale, subject, intro, [{ lines: p.items.map((i) => itemLine(i, locale)) }], new URL('/', publicUrl).toString());
}

/** The Chairman's list: lagging units, their items, how late, how often this year. */
export function renderChairmanDigest(p: ChairmanDigestParams, locale: Locale, publicUrl: string): RenderedMessage {
  const subject =
    locale === 'vi'
      ? `[dondoc] Danh sách đơn vị chậm thực hiện ngày ${day(p.date)}: ${p.units.length} đơn vị`
      : `[dondoc] Lagging units, ${day(p.date)}: ${p.units.length}`;
  const intro = locale === 'vi' ? 'Kính gửi Chủ tịch UBND tỉnh, các đơn vị sau chậm thực hiện nhiệm vụ:' : 'To the Chairman: these units are late with their tasks:';
  const sections = p.units.map((u) => ({
    heading: locale === 'vi' ? `${u.unitName} (chậm ${u.lateThisYear} lần trong năm)` : `${u.unitName} (late ${u.lateThisYear} times this year)`,
    lines: u.items.map((i) => itemLine(i, locale)),
  }));
  return assemble(locale, subject, intro, sections, new URL('/laggards', publicUrl).toString());
}
