import escapeHtml from 'escape-html';
import { formatDate, formatInstant, formatNumber, say, type ChairmanDigestParams, type DigestItem, type UnitDigestParams } from '@dondoc/domain';
import { linkTo, page, type Locale, type RenderedMessage } from './templates.ts';

type Item = DigestItem;
export type { ChairmanDigestParams, UnitDigestParams };

function itemLine(i: Item, locale: Locale): string {
  const t = say(locale);
  const task = t('digest.task', { ordinal: i.taskOrdinal, title: i.taskTitle });
  const due = i.dueAt ? formatInstant(new Date(i.dueAt)) : '—';
  const status = i.overdue ? t('digest.overdue', { days: formatNumber(i.workingDaysLate, locale), due }) : t('digest.due', { due });
  return `${i.numberSymbol}, ${task} — ${status}`;
}

type Section = { heading?: string; lines: string[] };

function assemble(locale: Locale, subject: string, intro: string[], sections: Section[], link: string): RenderedMessage {
  const open = say(locale)('digest.open');
  const sectionText = (s: Section) => [...(s.heading ? [s.heading] : []), ...s.lines.map((l) => `  - ${l}`), ''];
  const sectionHtml = (s: Section) =>
    `${s.heading ? `<h3 style="margin:12px 0 4px">${escapeHtml(s.heading)}</h3>` : ''}<ul>${s.lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>`;
  const text = [...intro, '', ...sections.flatMap(sectionText), `${open}: ${link}`].join('\n');
  const html = page(
    locale,
    subject,
    intro.map((l) => `<p>${escapeHtml(l)}</p>`).join('') + sections.map(sectionHtml).join('') + `<p><a href="${escapeHtml(link)}">${open}</a></p>`,
  );
  return { subject, text, html };
}

/** A unit's morning mail: everything due soon or overdue, in one place. */
export function renderUnitDigest(p: UnitDigestParams, locale: Locale, publicUrl: string): RenderedMessage {
  const overdue = p.items.filter((i) => i.overdue).length;
  const t = say(locale);
  const subject = t('digest.unit.subject', {
    day: formatDate(p.date),
    unit: p.unitName,
    items: formatNumber(p.items.length, locale),
    overdue: formatNumber(overdue, locale),
  });
  const intro = t('digest.unit.intro', { unit: p.unitName });
  return assemble(locale, subject, intro, [{ lines: p.items.map((i) => itemLine(i, locale)) }], linkTo('/', publicUrl));
}

/** The Chairman's list: lagging units, their items, how late, how often this year. */
export function renderChairmanDigest(p: ChairmanDigestParams, locale: Locale, publicUrl: string): RenderedMessage {
  const t = say(locale);
  const subject = t('digest.chairman.subject', { day: formatDate(p.date), units: formatNumber(p.units.length, locale) });
  const intro = t('digest.chairman.intro');
  const sections = p.units.map((u) => ({
    heading: t('digest.chairman.unit', { unit: u.unitName, lateThisYear: formatNumber(u.lateThisYear, locale) }),
    lines: u.items.map((i) => itemLine(i, locale)),
  }));
  return assemble(locale, subject, intro, sections, linkTo('/laggards', publicUrl));
}
