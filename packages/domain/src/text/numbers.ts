import type { Language } from '../messages/define.ts';

/**
 * Numbers as people here write and read them. In Vietnamese the point groups
 * thousands and the comma marks decimals (`1.250` is one thousand two hundred
 * and fifty, `12,5` is twelve and a half); in English the other way round.
 */
const formats: Record<Language, Intl.NumberFormat> = {
  vi: new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }),
};

/** A number for display: `12.000` in Vietnamese, `12,000` in English; at most two decimals. */
export const formatNumber = (n: number, lang: Language): string => formats[lang].format(n);

const marks: Record<Language, { group: string; decimal: string }> = { vi: { group: '.', decimal: ',' }, en: { group: ',', decimal: '.' } };

/**
 * A number typed by a person, or undefined when it does not read as one.
 * Thousands groups must be whole (`1.250.000`, not `1.25`); a single point or
 * comma that cannot be a group separator is read as the decimal mark, so
 * `12.5` typed on a Vietnamese page is still twelve and a half. Spaces
 * (including the narrow no-break space) are ignored. A leading zero is never
 * a group (`0.500` is a half).
 */
export function parseNumber(text: string, lang: Language): number | undefined {
  const t = text.replace(/[\s\u00a0\u202f]/g, '');
  if (!/^[+-]?[\d.,]+$/.test(t) || !/\d/.test(t)) return undefined;
  const { group, decimal } = marks[lang];
  const g = group === '.' ? '\\.' : ',';
  const d = decimal === '.' ? '\\.' : ',';
  // Grouped thousands with an optional decimal part, in the page's language.
  const grouped = new RegExp(`^([+-]?[1-9]\\d{0,2}(?:${g}\\d{3})+)(?:${d}(\\d+))?$`).exec(t);
  if (grouped) return Number(`${grouped[1]!.replaceAll(group, '')}${grouped[2] ? `.${grouped[2]}` : ''}`);
  // No grouping: one decimal mark at most, either sign accepted.
  const plain = /^([+-]?\d+)(?:[.,](\d+))?$/.exec(t);
  if (plain) return Number(`${plain[1]}${plain[2] ? `.${plain[2]}` : ''}`);
  return undefined;
}
