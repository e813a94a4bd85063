import { addDays, dayOfWeek, isYearlyMonthDay, ymd, type LocalDate } from './dates.ts';
import { gioToHungVuong, tetNguyenDan } from './lunar.ts';

/**
 * The public holidays of the Labor Code 2019, art. 112(1), as the law sets them
 * before the Government's yearly decisions: Tết Dương lịch (1/1); Tết Nguyên
 * đán (5 days: the last day of the old lunar year and the first four of the
 * new); Giỗ Tổ Hùng Vương (10/3 lunar); 30/4; 1/5; Quốc khánh (2/9 and one
 * adjacent day). The Prime Minister fixes the Tết days and the adjacent 2/9 day
 * each year, and often swaps a working day for a Saturday; those decisions are
 * entered as overrides (see official-schedules.ts).
 */
export interface Holiday {
  date: LocalDate;
  nameVi: string;
  nameEn: string;
}

/**
 * The adjacent Quốc khánh day when no decision says otherwise: the one that
 * joins 2/9 to a weekend, as the Government has chosen in recent years
 * (2/9 on Mon → 3/9, Tue → 1/9, Wed → 1/9, Thu → 3/9, Fri → 1/9, Sat → 1/9, Sun → 3/9).
 */
function nationalDayAdjacent(year: number): LocalDate {
  const after = [0, 1, 4].includes(dayOfWeek(ymd(year, 9, 2)));
  return ymd(year, 9, after ? 3 : 1);
}

/** The statutory holidays of a Gregorian year, in date order. */
export function statutoryHolidays(year: number, extra: readonly { monthDay: string; nameVi: string; nameEn: string }[] = []): Holiday[] {
  const tet = tetNguyenDan(year);
  const list: Holiday[] = [
    { date: ymd(year, 1, 1), nameVi: 'Tết Dương lịch', nameEn: "New Year's Day" },
    { date: addDays(tet, -1), nameVi: 'Tết Nguyên đán (ngày cuối năm âm lịch)', nameEn: 'Lunar New Year (last day of the old year)' },
    ...[0, 1, 2, 3].map((i) => ({ date: addDays(tet, i), nameVi: `Tết Nguyên đán (mùng ${i + 1})`, nameEn: `Lunar New Year (day ${i + 1})` })),
    { date: gioToHungVuong(year), nameVi: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', nameEn: "Hung Kings' Commemoration" },
    { date: ymd(year, 4, 30), nameVi: 'Ngày Chiến thắng (30/4)', nameEn: 'Reunification Day' },
    { date: ymd(year, 5, 1), nameVi: 'Ngày Quốc tế Lao động (1/5)', nameEn: "International Workers' Day" },
    { date: ymd(year, 9, 2), nameVi: 'Quốc khánh (2/9)', nameEn: 'National Day' },
    { date: nationalDayAdjacent(year), nameVi: 'Quốc khánh (ngày liền kề)', nameEn: 'National Day (adjacent day)' },
    // A day that not every year has was refused when saved; one stored before that rule is skipped, not fatal.
    ...extra.filter((e) => isYearlyMonthDay(e.monthDay)).map((e) => ({ date: `${year}-${e.monthDay}`, nameVi: e.nameVi, nameEn: e.nameEn })),
  ];
  // Mùng 1 Tết falls between 21 January and 20 February, so every holiday lies in its own Gregorian year.
  return list.sort((a, b) => a.date.localeCompare(b.date));
}
