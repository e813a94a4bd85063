/**
 * Local dates and times in Asia/Ho_Chi_Minh. Vietnam has kept UTC+7 without
 * daylight saving since 1975, so a local date and time map to an instant by a
 * fixed offset.
 */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';
const OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A calendar date in Vietnam, `yyyy-mm-dd`. */
export type LocalDate = string;

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

function toUtcMidnight(date: LocalDate): number {
  const m = datePattern.exec(date);
  if (!m) throw new RangeError(`not a yyyy-mm-dd date: ${date}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== date) throw new RangeError(`no such date: ${date}`);
  return ms;
}

const daysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/**
 * Whether `mm-dd` is a day every year has: a yearly holiday on 30 February
 * (or 29 February) would break every year's calendar. The settings schema and
 * the holiday list both ask this, so nothing saved can fail to read.
 */
export function isYearlyMonthDay(monthDay: string): boolean {
  const m = /^(\d{2})-(\d{2})$/.exec(monthDay);
  if (!m) return false;
  const month = Number(m[1]);
  const day = Number(m[2]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth[month - 1]!;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return new Date(toUtcMidnight(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: LocalDate): number {
  return new Date(toUtcMidnight(date)).getUTCDay();
}

export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((toUtcMidnight(to) - toUtcMidnight(from)) / DAY_MS);
}

export function ymd(y: number, m: number, d: number): LocalDate {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The local date in Vietnam at an instant. */
export function localDateOf(instant: Date): LocalDate {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** Minutes since local midnight at an instant. */
export function localMinutesOf(instant: Date): number {
  const ms = (instant.getTime() + OFFSET_MS) % DAY_MS;
  return Math.floor((ms < 0 ? ms + DAY_MS : ms) / 60_000);
}

/** `hh:mm` → minutes since midnight; `24:00` is the end of the day. */
export function minutesOf(time: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(time);
  if (!m || Number(m[2]) > 59 || Number(m[1]) > 24 || (Number(m[1]) === 24 && Number(m[2]) !== 0)) throw new RangeError(`not a hh:mm time: ${time}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** The instant of a local wall-clock time (`hh:mm`) on a local date. */
export function atLocalTime(date: LocalDate, time: string): Date {
  return new Date(toUtcMidnight(date) + minutesOf(time) * 60_000 - OFFSET_MS);
}

const displayFormat = new Intl.DateTimeFormat('vi-VN', {
  timeZone: TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** An instant as people here read it: `dd/mm/yyyy hh:mm`, Vietnam time. */
export function formatInstant(instant: Date): string {
  const p = Object.fromEntries(displayFormat.formatToParts(instant).map((x) => [x.type, x.value]));
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** A local date as people here read it: `dd/mm/yyyy`. */
export function formatDate(date: LocalDate): string {
  const m = datePattern.exec(date);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : date;
}
