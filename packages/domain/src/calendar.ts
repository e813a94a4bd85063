/**
 * Working-day arithmetic in Asia/Ho_Chi_Minh.
 *
 * Vietnam has kept UTC+7 without daylight saving since 1975, so a local date and
 * time map to an instant by a fixed offset. This first calendar knows weekends
 * and explicit days off only; the statutory and lunar holidays plug in through
 * `daysOff` (see the calendar issue).
 */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';
const OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A calendar date in Vietnam, `yyyy-mm-dd`. */
export type LocalDate = string;

export interface WorkingCalendar {
  /** Days of the week that are not worked, 0 = Sunday. Default Saturday and Sunday. */
  weekend: ReadonlySet<number>;
  /** Extra days off (holidays, compensatory days). */
  daysOff: ReadonlySet<LocalDate>;
  /** Weekend days that are worked (make-up Saturdays). */
  workingWeekendDays: ReadonlySet<LocalDate>;
  /** Local end of the working day, `hh:mm`. Default 17:00. */
  endOfDay: string;
}

export function weekendCalendar(overrides: Partial<WorkingCalendar> = {}): WorkingCalendar {
  return {
    weekend: new Set([0, 6]),
    daysOff: new Set(),
    workingWeekendDays: new Set(),
    endOfDay: '17:00',
    ...overrides,
  };
}

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

function toUtcMidnight(date: LocalDate): number {
  const m = datePattern.exec(date);
  if (!m) throw new RangeError(`not a yyyy-mm-dd date: ${date}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== date) throw new RangeError(`no such date: ${date}`);
  return ms;
}

function fromUtcMidnight(ms: number): LocalDate {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromUtcMidnight(toUtcMidnight(date) + days * DAY_MS);
}

export function dayOfWeek(date: LocalDate): number {
  return new Date(toUtcMidnight(date)).getUTCDay();
}

/** The local date in Vietnam at an instant. */
export function localDateOf(instant: Date): LocalDate {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant of a local wall-clock time (`hh:mm`) on a local date. */
export function atLocalTime(date: LocalDate, time: string): Date {
  const [h, m] = time.split(':').map(Number);
  return new Date(toUtcMidnight(date) + ((h ?? 0) * 60 + (m ?? 0)) * 60_000 - OFFSET_MS);
}

export function isWorkingDay(cal: WorkingCalendar, date: LocalDate): boolean {
  if (cal.daysOff.has(date)) return false;
  if (cal.workingWeekendDays.has(date)) return true;
  return !cal.weekend.has(dayOfWeek(date));
}

/** The N-th working day after `date` (N >= 1); N = 0 gives `date` itself. */
export function addWorkingDays(cal: WorkingCalendar, date: LocalDate, n: number): LocalDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number >= 0: ${n}`);
  let d = date;
  for (let left = n; left > 0; ) {
    d = addDays(d, 1);
    if (isWorkingDay(cal, d)) left--;
  }
  return d;
}

/** The end of the working day on `date`, as an instant. */
export function endOfWorkingDay(cal: WorkingCalendar, date: LocalDate): Date {
  return atLocalTime(date, cal.endOfDay);
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
