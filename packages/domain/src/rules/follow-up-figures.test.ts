import { describe, expect, it } from 'vitest';
import { atLocalTime as at } from '../calendar/dates.ts';
import { followUpFigures, followUpStanding, type FollowUpFacts } from './follow-up-figures.ts';

const now = at('2026-03-16', '10:00'); // a Monday morning

const a = (state: string, dueAt: Date | null, doneAt: Date | null = null, more: Partial<FollowUpFacts> = {}): FollowUpFacts => ({
  state,
  dueAt,
  originalDueAt: null,
  overdue: false,
  doneAt,
  ...more,
});

/*
 * Ten assignments, worked by hand at Monday 16/03/2026 10:00:
 *
 *  #  state        deadline (in force)     report approved, sent   counts as
 *  1  reviewed     10/03 17:00             09/03 15:00             hoàn thành đúng hạn
 *  2  reviewed     10/03 17:00             10/03 16:59             hoàn thành đúng hạn (a minute to spare)
 *  3  reviewed     10/03 17:00             11/03 09:00             hoàn thành quá hạn
 *  4  reviewed     13/03 17:00, was 06/03  12/03 10:00             hoàn thành đúng hạn, sau gia hạn
 *  5  reviewed     13/03 17:00, was 06/03  05/03 10:00             hoàn thành đúng hạn (before the original one)
 *  6  reported     20/03 17:00             (sent, not approved)    đang thực hiện trong hạn
 *  7  in_progress  12/03 17:00, marked     —                       đang thực hiện quá hạn
 *  8  issued       16/03 09:00, not marked —                       đang thực hiện quá hạn (passed an hour ago)
 *  9  cancelled    01/03 17:00             —                       not counted
 * 10  in_progress  none (standing)         —                       đang thực hiện trong hạn
 *
 * Hoàn thành đúng hạn 4 (#1, #2, #4, #5), of which 1 after an extension (#4);
 * hoàn thành quá hạn 1 (#3); đang thực hiện trong hạn 2 (#6, #10);
 * đang thực hiện quá hạn 2 (#7, #8); 9 counted; tỷ lệ đúng hạn 4 / (4 + 1) = 80%.
 */
const ten: FollowUpFacts[] = [
  a('reviewed', at('2026-03-10', '17:00'), at('2026-03-09', '15:00')),
  a('reviewed', at('2026-03-10', '17:00'), at('2026-03-10', '16:59')),
  a('reviewed', at('2026-03-10', '17:00'), at('2026-03-11', '09:00')),
  a('reviewed', at('2026-03-13', '17:00'), at('2026-03-12', '10:00'), { originalDueAt: at('2026-03-06', '17:00') }),
  a('reviewed', at('2026-03-13', '17:00'), at('2026-03-05', '10:00'), { originalDueAt: at('2026-03-06', '17:00') }),
  a('reported', at('2026-03-20', '17:00')),
  a('in_progress', at('2026-03-12', '17:00'), null, { overdue: true }),
  a('issued', at('2026-03-16', '09:00')),
  a('cancelled', at('2026-03-01', '17:00')),
  a('in_progress', null),
];

describe('the four follow-up figures and the on-time rate', () => {
  it('gives the hand-worked figures for the ten assignments', () => {
    expect(followUpFigures(ten, now)).toEqual({
      doneOnTime: 4,
      doneOnTimeAfterExtension: 1,
      doneLate: 1,
      openOnTime: 2,
      openOverdue: 2,
      total: 9,
      onTimeRate: 80,
    });
  });

  it('counts the submission of the approved report, not the approval, and the deadline in force after an extension', () => {
    expect(followUpStanding(ten[1]!, now)).toEqual({ standing: 'done_on_time', afterExtension: false });
    expect(followUpStanding(ten[3]!, now)).toEqual({ standing: 'done_on_time', afterExtension: true });
    // Late against the extended deadline too: late, and not "after extension".
    const lateEvenSo = a('reviewed', at('2026-03-13', '17:00'), at('2026-03-14', '09:00'), { originalDueAt: at('2026-03-06', '17:00') });
    expect(followUpStanding(lateEvenSo, now)).toEqual({ standing: 'done_late', afterExtension: false });
  });

  it('leaves cancelled work out and has no rate while nothing is finished', () => {
    expect(followUpStanding(ten[8]!, now)).toBeNull();
    expect(followUpFigures([ten[5]!, ten[6]!], now).onTimeRate).toBeNull();
  });

  it('gives the rate to one decimal', () => {
    const twoOfThree = [ten[0]!, ten[1]!, ten[2]!];
    expect(followUpFigures(twoOfThree, now).onTimeRate).toBe(66.7);
  });
});
