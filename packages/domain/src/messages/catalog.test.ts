import { describe, expect, it } from 'vitest';
import { inBoth, messages, msg, say, type MessageKey } from './catalog.ts';
import { both } from './define.ts';

describe('the message catalog', () => {
  it('gives every message in both languages, Vietnamese first', () => {
    for (const [key, m] of Object.entries(messages)) {
      expect(typeof m.vi, key).toBe('function');
      expect(typeof m.en, key).toBe('function');
    }
  });

  it('gives the fixed texts non-empty in both languages', () => {
    for (const [key, m] of Object.entries(messages)) {
      if (m.vi.length > 0) continue; // a message with parameters
      const vi = (m.vi as () => string)();
      const en = (m.en as () => string)();
      expect(vi.length, key).toBeGreaterThan(0);
      expect(en.length, key).toBeGreaterThan(0);
    }
  });

  it('reads states and lights from the domain labels', () => {
    expect(msg('vi', 'state', { state: 'in_progress' })).toBe('đang thực hiện');
    expect(msg('en', 'state', { state: 'in_progress' })).toBe('in progress');
    expect(msg('vi', 'light', { light: 'due_soon' })).toBe('Sắp đến hạn');
    expect(say('en')('light', { light: 'overdue' })).toBe('Overdue');
  });

  it('fills parameters and gives both languages at once', () => {
    expect(msg('vi', 'signin.tooMany', { seconds: 30 })).toBe('Đăng nhập sai quá nhiều lần; hãy thử lại sau 30 giây.');
    expect(inBoth('directive.invalidFilter', { field: 'type', message: 'x' })).toEqual({
      vi: 'Bộ lọc không hợp lệ (type): x',
      en: 'Invalid filter (type): x',
    });
  });

  it('is checked by the typecheck: unknown keys and wrong parameters do not compile', () => {
    // @ts-expect-error: no such key
    expect(() => msg('vi', 'no.such.key')).toThrow();
    // @ts-expect-error: the message takes parameters
    void (() => msg('vi', 'signin.tooMany'));
    // @ts-expect-error: a fixed text takes none
    void (() => msg('vi', 'common.unit', { x: 1 }));
    // @ts-expect-error: no third language
    void (() => msg('fr', 'common.unit'));
    const key: MessageKey = 'common.unit';
    expect(msg('en', key as 'common.unit')).toBe('Unit');
    // @ts-expect-error: a message needs both languages
    void (() => both('Đơn vị'));
  });
});

describe('codes people never see raw', () => {
  it('names periods, types, regimes and an unacknowledged task the way people say them', () => {
    expect(msg('vi', 'periodName', { key: '2026-03' })).toBe('tháng 03/2026');
    expect(msg('vi', 'periodName', { key: '2026-Q1' })).toBe('quý I/2026');
    expect(msg('vi', 'periodName', { key: '2026-H2' })).toBe('6 tháng cuối năm 2026');
    expect(msg('vi', 'periodName', { key: '2026-W05' })).toBe('tuần 05/2026');
    expect(msg('en', 'periodName', { key: '2026-03' })).toBe('March 2026');
    expect(msg('vi', 'directiveType', { type: 'chi_thi' })).toBe('Chỉ thị');
    expect(msg('vi', 'regimeKind', { kind: 'monthly' })).toBe('Hằng tháng');
    expect(msg('vi', 'assignmentState', { state: 'issued' })).toBe('chưa tiếp nhận');
    expect(msg('vi', 'state', { state: 'issued' })).toBe('mới ban hành');
  });
});
