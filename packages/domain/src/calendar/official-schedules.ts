import type { CalendarOverride } from './working-calendar.ts';

/**
 * The Government's decisions for cán bộ, công chức, viên chức where they differ
 * from the statutory rules (holidays.ts) plus compensatory days. Each entry
 * names the decision. Swaps apply to the state sector; private employers are
 * only encouraged to follow them.
 *
 * Sources (news and legal portals quoting the decisions):
 * - 2024 Tết: Công văn 8662/VPCP-KGVX — off Thu 8/2 to Wed 14/2 (5 Tết days and 2 in lieu).
 * - 2024 30/4–1/5: Công văn 2450/VPCP-KGVX — off Sat 27/4 to Wed 1/5, Mon 29/4 swapped for Sat 4/5.
 * - 2025 Tết and 30/4: Công văn 8726/VPCP-KGVX — Tết days Mon 27/1 to Fri 31/1 (off 25/1 to 2/2);
 *   Fri 2/5 swapped for Sat 26/4.
 * - 2025 Quốc khánh: Thông báo 6150/TB-BLĐTBXH — 1/9 and 2/9 (the statutory rule's choice).
 * - 2026 Tết Dương lịch: Công văn 12729/VPCP-KGVX — Fri 2/1 swapped for Sat 10/1.
 * - 2026 Tết: off Sat 14/2 to Sun 22/2 (the statutory days 16/2–20/2 and weekends: no override).
 * - 2026 Quốc khánh: 1/9 and 2/9, Mon 31/8 swapped for Sat 22/8 (Bộ Nội vụ's plan, approved).
 * The 2024 make-up Saturday and the 2026 Quốc khánh swap rest on secondary sources; the
 * Office can correct any entry through the API or the CLI.
 */
export const officialOverrides: readonly CalendarOverride[] = [
  { date: '2024-02-08', kind: 'day_off', reason: 'Nghỉ Tết Nguyên đán Giáp Thìn (Công văn 8662/VPCP-KGVX)' },
  { date: '2024-02-15', kind: 'working_day', reason: 'Đi làm: ngày nghỉ bù Tết đã chuyển sang 8/2 (Công văn 8662/VPCP-KGVX)' },
  { date: '2024-04-29', kind: 'day_off', reason: 'Nghỉ hoán đổi dịp 30/4–1/5, làm bù thứ Bảy 4/5 (Công văn 2450/VPCP-KGVX)' },
  { date: '2024-05-04', kind: 'working_day', reason: 'Làm bù cho ngày nghỉ 29/4 (Công văn 2450/VPCP-KGVX)' },
  { date: '2025-01-27', kind: 'day_off', reason: 'Nghỉ Tết Nguyên đán Ất Tỵ, 28 tháng Chạp (Công văn 8726/VPCP-KGVX)' },
  { date: '2025-02-03', kind: 'working_day', reason: 'Đi làm: ngày nghỉ bù Tết đã chuyển sang 27/1 (Công văn 8726/VPCP-KGVX)' },
  { date: '2025-04-26', kind: 'working_day', reason: 'Làm bù cho ngày nghỉ 2/5 (Công văn 8726/VPCP-KGVX)' },
  { date: '2025-05-02', kind: 'day_off', reason: 'Nghỉ hoán đổi dịp 30/4–1/5, làm bù thứ Bảy 26/4 (Công văn 8726/VPCP-KGVX)' },
  { date: '2026-01-02', kind: 'day_off', reason: 'Nghỉ hoán đổi dịp Tết Dương lịch, làm bù thứ Bảy 10/1 (Công văn 12729/VPCP-KGVX)' },
  { date: '2026-01-10', kind: 'working_day', reason: 'Làm bù cho ngày nghỉ 2/1 (Công văn 12729/VPCP-KGVX)' },
  { date: '2026-08-22', kind: 'working_day', reason: 'Làm bù cho ngày nghỉ 31/8 (phương án Quốc khánh 2026 của Bộ Nội vụ)' },
  { date: '2026-08-31', kind: 'day_off', reason: 'Nghỉ hoán đổi dịp Quốc khánh, làm bù thứ Bảy 22/8 (phương án Quốc khánh 2026 của Bộ Nội vụ)' },
];
