import { describe, expect, it } from 'vitest';
import { text } from './text.schema.ts';
import { checkReportValues } from './report.input.ts';

describe('text', () => {
  const t = text({ min: 1, max: 50 });
  it('keeps ordinary Vietnamese text, line breaks and a lone "<"', () => {
    expect(t.parse('  Tỷ lệ < 5%,\nđã hoàn thành.\t ')).toBe('Tỷ lệ < 5%,\nđã hoàn thành.');
  });
  it.each([
    ['<script>alert(1)</script>', /HTML/],
    ['a</p>', /HTML/],
    ['<!-- x -->', /HTML/],
    ['null\u0000byte', /điều khiển/],
    ['bell\u0007', /điều khiển/],
    ['   ', /Chưa nhập/],
    ['x'.repeat(51), /dài quá 50/],
  ])('refuses %j', (input, message) => {
    const r = t.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toMatch(message);
  });
});

describe('checkReportValues', () => {
  const targets = [
    { code: 'so-vu', unitOfMeasure: 'vụ' },
    { code: 'ty-le', unitOfMeasure: '%' },
  ];
  it('accepts values of the task’s targets', () => {
    expect(() => checkReportValues(targets, { 'so-vu': 12, 'ty-le': 100 })).not.toThrow();
  });
  it.each([
    [{ khac: 1 }, 'values.khac', /không có chỉ tiêu/],
    [{ 'so-vu': -1 }, 'values.so-vu', /không được âm/],
    [{ 'ty-le': 101 }, 'values.ty-le', /từ 0 đến 100/],
  ])('refuses %j', (values, field, message) => {
    expect(() => checkReportValues(targets, values)).toThrow(expect.objectContaining({ field, messageVi: expect.stringMatching(message) }));
  });
});
