/**
 * The Vietnamese lunisolar calendar (âm lịch), computed astronomically.
 *
 * Method: the rules as Hồ Ngọc Đức set them out for the Vietnamese calendar
 * ("Thuật toán tính âm lịch", 2004), with new moons from the full series of
 * Jean Meeus, "Astronomical Algorithms" (2nd ed., 1998), ch. 49, ΔT from
 * Espenak and Meeus, and the Sun's longitude from Meeus ch. 25. The rules of
 * the Chinese-style calendar: a month begins on the local day of a new moon; the month holding
 * the winter solstice is month 11; in a year with 13 months the first month
 * without a major solar term is the leap month. Vietnam counts in UTC+7, China
 * in UTC+8, which is why Tết differs in some years (1968, 1985, 2007, 2030...).
 *
 * Checked for 1900–2100, the range this project uses (see lunar.test.ts).
 */

const PI = Math.PI;
const DR = PI / 180;
const sin = (degrees: number) => Math.sin(degrees * DR);
/** Days in a mean synodic month. */
const SYNODIC = 29.530588861;
/** Julian Ephemeris Day of the mean new moon numbered 0 (6 January 2000). */
const EPOCH = 2451550.09766;

/** Vietnam's time zone for the calendar, in hours east of UTC. */
export const VIETNAM_TZ = 7;

export function julianDay(y: number, m: number, d: number): number {
  const a = Math.floor((14 - m) / 12);
  const yy = y + 4800 - a;
  const mm = m + 12 * a - 3;
  return d + Math.floor((153 * mm + 2) / 5) + 365 * yy + Math.floor(yy / 4) - Math.floor(yy / 100) + Math.floor(yy / 400) - 32045;
}

export function fromJulianDay(jd: number): { y: number; m: number; d: number } {
  const a = jd + 32044;
  const b = Math.floor((4 * a + 3) / 146097);
  const c = a - Math.floor((146097 * b) / 4);
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  const m = Math.floor((5 * e + 2) / 153);
  return { d: e - Math.floor((153 * m + 2) / 5) + 1, m: m + 3 - 12 * Math.floor(m / 10), y: b * 100 + d - 4800 + Math.floor(m / 10) };
}

/**
 * ΔT = TT − UT in seconds: the polynomials of Espenak and Meeus (NASA, 2006)
 * for 1860–2150. Beyond today it is a forecast, which is why a new moon within
 * a minute of midnight decades ahead cannot be placed on a day with certainty.
 */
function deltaT(year: number): number {
  let t: number;
  if (year < 1900) {
    t = year - 1860;
    return 7.62 + 0.5737 * t - 0.251754 * t ** 2 + 0.01680668 * t ** 3 - 0.0004473624 * t ** 4 + t ** 5 / 233174;
  }
  if (year < 1920) {
    t = year - 1900;
    return -2.79 + 1.494119 * t - 0.0598939 * t ** 2 + 0.0061966 * t ** 3 - 0.000197 * t ** 4;
  }
  if (year < 1941) {
    t = year - 1920;
    return 21.2 + 0.84493 * t - 0.0761 * t ** 2 + 0.0020936 * t ** 3;
  }
  if (year < 1961) {
    t = year - 1950;
    return 29.07 + 0.407 * t - t ** 2 / 233 + t ** 3 / 2547;
  }
  if (year < 1986) {
    t = year - 1975;
    return 45.45 + 1.067 * t - t ** 2 / 260 - t ** 3 / 718;
  }
  if (year < 2005) {
    t = year - 2000;
    return 63.86 + 0.3345 * t - 0.060374 * t ** 2 + 0.0017275 * t ** 3 + 0.000651814 * t ** 4 + 0.00002373599 * t ** 5;
  }
  if (year < 2050) {
    t = year - 2000;
    return 62.92 + 0.32217 * t + 0.005589 * t ** 2;
  }
  const u = (year - 1820) / 100;
  return -20 + 32 * u * u - 0.5628 * (2150 - year);
}

/** Coefficients and arguments of the planetary corrections to a new moon (Meeus, table 49.A, "additional corrections"). */
const planetary: readonly [number, number, number][] = [
  [0.000325, 299.77, 0.107408],
  [0.000165, 251.88, 0.016321],
  [0.000164, 251.83, 26.651886],
  [0.000126, 349.42, 36.412478],
  [0.00011, 84.66, 18.206239],
  [0.000062, 141.74, 53.303771],
  [0.00006, 207.14, 2.453732],
  [0.000056, 154.84, 7.30686],
  [0.000047, 34.52, 27.261239],
  [0.000042, 207.19, 0.121824],
  [0.00004, 291.34, 1.844379],
  [0.000037, 161.72, 24.198154],
  [0.000035, 239.56, 25.513099],
  [0.000023, 331.55, 3.592518],
];

/** The instant (Julian Day, UT) of the new moon numbered k (k = 0 on 6 January 2000): Meeus, ch. 49. */
function newMoonJd(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  const T4 = T3 * T;
  let jde = EPOCH + SYNODIC * k + 0.00015437 * T2 - 0.00000015 * T3 + 0.00000000073 * T4;
  const E = 1 - 0.002516 * T - 0.0000074 * T2;
  const M = 2.5534 + 29.1053567 * k - 0.0000014 * T2 - 0.00000011 * T3; // the Sun's mean anomaly
  const Mp = 201.5643 + 385.81693528 * k + 0.0107582 * T2 + 0.00001238 * T3 - 0.000000058 * T4; // the Moon's
  const F = 160.7108 + 390.67050284 * k - 0.0016118 * T2 - 0.00000227 * T3 + 0.000000011 * T4; // its argument of latitude
  const Om = 124.7746 - 1.56375588 * k + 0.0020672 * T2 + 0.00000215 * T3; // longitude of its ascending node
  jde +=
    -0.4072 * sin(Mp) +
    0.17241 * E * sin(M) +
    0.01608 * sin(2 * Mp) +
    0.01039 * sin(2 * F) +
    0.00739 * E * sin(Mp - M) -
    0.00514 * E * sin(Mp + M) +
    0.00208 * E * E * sin(2 * M) -
    0.00111 * sin(Mp - 2 * F) -
    0.00057 * sin(Mp + 2 * F) +
    0.00056 * E * sin(2 * Mp + M) -
    0.00042 * sin(3 * Mp) +
    0.00042 * E * sin(M + 2 * F) +
    0.00038 * E * sin(M - 2 * F) -
    0.00024 * E * sin(2 * Mp - M) -
    0.00017 * sin(Om) -
    0.00007 * sin(Mp + 2 * M) +
    0.00004 * sin(2 * Mp - 2 * F) +
    0.00004 * sin(3 * M) +
    0.00003 * sin(Mp + M - 2 * F) +
    0.00003 * sin(2 * Mp + 2 * F) -
    0.00003 * sin(Mp + M + 2 * F) +
    0.00003 * sin(Mp - M + 2 * F) -
    0.00002 * sin(Mp - M - 2 * F) -
    0.00002 * sin(3 * Mp + M) +
    0.00002 * sin(4 * Mp);
  jde += planetary.reduce((sum, [w, a, b], i) => sum + w * sin(a + b * k - (i === 0 ? 0.009173 * T2 : 0)), 0);
  return jde - deltaT(2000 + k / 12.3685) / 86400;
}

/** The local day (Julian day number) of the new moon numbered k. */
function newMoonDay(k: number, tz: number): number {
  return Math.floor(newMoonJd(k) + 0.5 + tz / 24);
}

/** Which twelfth of the ecliptic (0–11) the Sun is in at the start of the local day `jdn`; 9 means past the winter solstice. */
function sunSector(jdn: number, tz: number): number {
  const T = (jdn - 2451545.5 - tz / 24) / 36525;
  const T2 = T * T;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  let dl = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(DR * M);
  dl += (0.019993 - 0.000101 * T) * Math.sin(DR * 2 * M) + 0.00029 * Math.sin(DR * 3 * M);
  let l = (L0 + dl) * DR;
  l -= 2 * PI * Math.floor(l / (2 * PI));
  return Math.floor((l / PI) * 6);
}

/** The first day of lunar month 11 (the month holding the winter solstice) that starts in Gregorian year `y`. */
function month11Start(y: number, tz: number): number {
  const k = Math.floor((julianDay(y, 12, 31) - EPOCH) / SYNODIC);
  const nm = newMoonDay(k, tz);
  return sunSector(nm, tz) >= 9 ? newMoonDay(k - 1, tz) : nm;
}

/** In a 13-month year starting at month 11 `a11`, how many months after it the leap month comes. */
function leapMonthOffset(a11: number, tz: number): number {
  const k = Math.floor((a11 - EPOCH) / SYNODIC + 0.5);
  let i = 1;
  let arc = sunSector(newMoonDay(k + i, tz), tz);
  let last: number;
  do {
    last = arc;
    i++;
    arc = sunSector(newMoonDay(k + i, tz), tz);
  } while (arc !== last && i < 14);
  return i - 1;
}

export interface LunarDate {
  year: number;
  month: number;
  day: number;
  leap: boolean;
}

/** The Gregorian date (`yyyy-mm-dd`) of a lunar date, or undefined if that lunar date does not exist. */
export function lunarToSolar(l: LunarDate, tz = VIETNAM_TZ): string | undefined {
  const [a11, b11] = l.month < 11 ? [month11Start(l.year - 1, tz), month11Start(l.year, tz)] : [month11Start(l.year, tz), month11Start(l.year + 1, tz)];
  const k = Math.floor(0.5 + (a11 - EPOCH) / SYNODIC);
  let off = l.month - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11, tz);
    let leapMonth = leapOff - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (l.leap && l.month !== leapMonth) return undefined;
    if (l.leap || off >= leapOff) off += 1;
  } else if (l.leap) {
    return undefined;
  }
  const start = newMoonDay(k + off, tz);
  const { y, m, d } = fromJulianDay(start + l.day - 1);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The lunar date of a Gregorian date. */
export function solarToLunar(date: string, tz = VIETNAM_TZ): LunarDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const jd = julianDay(y, m, d);
  const k = Math.floor((jd - EPOCH) / SYNODIC);
  let monthStart = newMoonDay(k + 1, tz);
  if (monthStart > jd) monthStart = newMoonDay(k, tz);
  let a11 = month11Start(y, tz);
  let b11 = a11;
  let year: number;
  if (a11 >= monthStart) {
    year = y;
    a11 = month11Start(y - 1, tz);
  } else {
    year = y + 1;
    b11 = month11Start(y + 1, tz);
  }
  const day = jd - monthStart + 1;
  const diff = Math.floor((monthStart - a11) / 29);
  let leap = false;
  let month = diff + 11;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11, tz);
    if (diff >= leapDiff) {
      month = diff + 10;
      if (diff === leapDiff) leap = true;
    }
  }
  if (month > 12) month -= 12;
  if (month >= 11 && diff < 4) year -= 1;
  return { year, month, day, leap };
}

/** Mùng 1 Tết of lunar year `y` (the year whose first month begins in Gregorian year `y`). */
export function tetNguyenDan(y: number, tz = VIETNAM_TZ): string {
  return lunarToSolar({ year: y, month: 1, day: 1, leap: false }, tz)!;
}

/** Giỗ Tổ Hùng Vương: the 10th day of the 3rd lunar month. */
export function gioToHungVuong(y: number, tz = VIETNAM_TZ): string {
  return lunarToSolar({ year: y, month: 3, day: 10, leap: false }, tz)!;
}
