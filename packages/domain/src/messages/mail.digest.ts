import { both, by } from './define.ts';

/** The digests: a unit's morning mail and the Chairman's list. Counts come formatted (12.000). */
export const digestMail = {
  'digest.task': by(
    (p: { ordinal: number; title?: string | undefined }) => `nhiệm vụ ${p.ordinal}${p.title ? `: ${p.title}` : ''}`,
    (p) => `task ${p.ordinal}${p.title ? `: ${p.title}` : ''}`,
  ),
  'digest.overdue': by(
    (p: { days: string; due: string }) => `quá hạn ${p.days} ngày làm việc (hạn ${p.due})`,
    (p) => `${p.days} working days late (due ${p.due})`,
  ),
  'digest.due': by(
    (p: { due: string }) => `hạn ${p.due}`,
    (p) => `due ${p.due}`,
  ),
  'digest.open': both('Mở dondoc', 'Open dondoc'),
  'digest.unit.subject': by(
    (p: { day: string; unit: string; items: string; overdue: string }) =>
      `[dondoc] Tổng hợp ngày ${p.day}: ${p.unit} — ${p.items} nhiệm vụ cần xử lý, ${p.overdue} quá hạn`,
    (p) => `[dondoc] Digest for ${p.day}: ${p.unit} — ${p.items} tasks to handle, ${p.overdue} overdue`,
  ),
  'digest.unit.intro': by(
    (p: { unit: string }) => [`Các nhiệm vụ của ${p.unit} sắp đến hạn hoặc đã quá hạn:`],
    (p) => [`${p.unit}'s tasks due soon or overdue:`],
  ),
  'digest.chairman.subject': by(
    (p: { day: string; units: string }) => `[dondoc] Danh sách đơn vị chậm thực hiện ngày ${p.day}: ${p.units} đơn vị`,
    (p) => `[dondoc] Lagging units, ${p.day}: ${p.units}`,
  ),
  /** The salutation on a line of its own, then the sentence, as an official letter has it. */
  'digest.chairman.intro': by<void, string[]>(
    () => ['Kính gửi Chủ tịch UBND tỉnh:', 'Các đơn vị sau đây chậm thực hiện nhiệm vụ được giao.'],
    () => ['To the Chairman:', 'These units are late with their tasks.'],
  ),
  'digest.chairman.unit': by(
    (p: { unit: string; lateThisYear: string }) => `${p.unit} (chậm ${p.lateThisYear} lần trong năm)`,
    (p) => `${p.unit} (late ${p.lateThisYear} times this year)`,
  ),
} as const;
