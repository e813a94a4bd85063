import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '@dondoc/domain';
import { dayOf, timeLeft } from './deadline.ts';

describe('working days to a deadline, as the inbox and the assignment page say them', () => {
  const cal = new WorkingCalendar();
  // Thursday 03/12/2026, 10:00 in Hà Nội.
  const now = new Date('2026-12-03T03:00:00Z');

  it('counts working days ahead, skipping the weekend', () => {
    // Fri 04, Mon 07, Tue 08: three working days to Tuesday.
    expect(timeLeft(cal, now, new Date('2026-12-08T10:30:00Z'), 'vi')).toBe('còn 3 ngày làm việc');
    expect(timeLeft(cal, now, new Date('2026-12-08T10:30:00Z'), 'en')).toBe('3 working days left');
  });

  it('counts working days overdue, grouped the Vietnamese way', () => {
    expect(timeLeft(cal, now, new Date('2026-12-01T10:30:00Z'), 'vi')).toBe('quá hạn 2 ngày làm việc');
    // About five working years back: the number is grouped (1.234), not 1234.
    expect(timeLeft(cal, now, new Date('2022-01-04T10:00:00Z'), 'vi')).toMatch(/^quá hạn \d\.\d{3} ngày làm việc$/);
  });

  it('on the deadline’s own day, due today until its hour passes', () => {
    expect(timeLeft(cal, now, new Date('2026-12-03T10:30:00Z'), 'vi')).toBe('đến hạn hôm nay');
    expect(timeLeft(cal, now, new Date('2026-12-03T02:00:00Z'), 'vi')).toBe('quá hạn chưa đến 1 ngày làm việc');
  });

  it('a later deadline with no working day before it (on a Saturday) has under a day left', () => {
    // Friday 04/12, 10:00: a deadline on Saturday 05/12 has no working day before it.
    const friday = new Date('2026-12-04T03:00:00Z');
    expect(timeLeft(cal, friday, new Date('2026-12-05T03:00:00Z'), 'vi')).toBe('còn chưa đến 1 ngày làm việc');
  });

  it('says nothing without a deadline, and writes days dd/mm/yyyy in Hà Nội', () => {
    expect(timeLeft(cal, now, null, 'vi')).toBe('');
    // 17:30 UTC on the 31st is already 1 January in Hà Nội.
    expect(dayOf('2026-12-31T17:30:00Z')).toBe('01/01/2027');
  });
});
