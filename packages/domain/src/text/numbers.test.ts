import { describe, expect, it } from 'vitest';
import { formatNumber, parseNumber } from './numbers.ts';
import { byName, compareVi } from './order.ts';

describe('numbers as people write them', () => {
  it('reads the Vietnamese way on a Vietnamese page: the point groups thousands, the comma marks decimals', () => {
    expect(parseNumber('1.250', 'vi')).toBe(1250);
    expect(parseNumber('1.250.000', 'vi')).toBe(1_250_000);
    expect(parseNumber('1.250,5', 'vi')).toBe(1250.5);
    expect(parseNumber('12,5', 'vi')).toBe(12.5);
    expect(parseNumber(' 12 000 ', 'vi')).toBe(12000);
    expect(parseNumber('-3', 'vi')).toBe(-3);
  });
  it('reads a point that cannot group thousands as a decimal mark, and a leading zero is never a group', () => {
    expect(parseNumber('12.5', 'vi')).toBe(12.5);
    expect(parseNumber('1.25', 'vi')).toBe(1.25);
    expect(parseNumber('0.500', 'vi')).toBe(0.5);
  });
  it('reads the English way on an English page', () => {
    expect(parseNumber('1,250', 'en')).toBe(1250);
    expect(parseNumber('1,250.5', 'en')).toBe(1250.5);
    expect(parseNumber('1.250', 'en')).toBe(1.25);
  });
  it('refuses what is not a number', () => {
    for (const s of ['', 'abc', '1.2.3,4,5', '12a', '1..2', '.', ',']) expect(parseNumber(s, 'vi'), s).toBeUndefined();
  });
  it('shows numbers grouped in each language', () => {
    expect(formatNumber(12000, 'vi')).toBe('12.000');
    expect(formatNumber(1250.5, 'vi')).toBe('1.250,5');
    expect(formatNumber(12000, 'en')).toBe('12,000');
    expect(parseNumber(formatNumber(98765.43, 'vi'), 'vi')).toBe(98765.43);
  });
});

describe('Vietnamese order', () => {
  it('sorts by the Vietnamese alphabet, not by bytes', () => {
    const names = ['Tòa án nhân dân tỉnh', 'Tỉnh Đoàn', 'Đài Phát thanh', 'Dân tộc', 'Ủy ban MTTQ', 'Sở Y tế'];
    expect(byName(names, (n) => n)).toEqual(['Dân tộc', 'Đài Phát thanh', 'Sở Y tế', 'Tỉnh Đoàn', 'Tòa án nhân dân tỉnh', 'Ủy ban MTTQ']);
    expect(compareVi('Xã 2', 'Xã 10')).toBeLessThan(0);
  });
});
