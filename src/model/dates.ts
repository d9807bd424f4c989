/** Calendar dates are ISO strings 'YYYY-MM-DD' throughout: they sort and compare as strings. */
export type IsoDate = string;

export const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Dates Leverage accepts in files and options: modern trade policy, not year 0 or 2999 typos. */
export const FIRST_DATE = '1900-01-01';
export const LAST_DATE = '2100-12-31';

export function inDateRange(d: IsoDate): boolean {
  return d >= FIRST_DATE && d <= LAST_DATE;
}

/** A real calendar day written YYYY-MM-DD (proleptic Gregorian, as Date reads it). */
export function isIsoDate(s: unknown): s is IsoDate {
  if (typeof s !== 'string' || !ISO_DATE_PATTERN.test(s)) return false;
  // by arithmetic: a Date and its ISO string per call cost about 1 us, 30x this; a large
  // scenario checks tens of thousands of dates
  const y = digits(s, 0, 4);
  const m = digits(s, 5, 2);
  const d = digits(s, 8, 2);
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

function digits(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) v = v * 10 + (s.charCodeAt(i) - 48);
  return v;
}

/** Days in month m (1-12) of year y: Gregorian leap years (every 4th, not centuries unless by 400). */
function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

const DAY_MS = 86_400_000;

export function toEpochDay(date: IsoDate): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

export function fromEpochDay(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromEpochDay(toEpochDay(date) + days);
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** Dates from `from` to `to` inclusive, every `step` ('day' | 'week' | 'month'); months keep the day of month where it exists. */
export function dateGrid(from: IsoDate, to: IsoDate, step: 'day' | 'week' | 'month'): IsoDate[] {
  const out: IsoDate[] = [];
  if (step === 'month') {
    const [y0, m0, d0] = from.split('-').map(Number);
    for (let k = 0; ; k++) {
      const y = y0 + Math.floor((m0 - 1 + k) / 12);
      const m = ((m0 - 1 + k) % 12) + 1;
      const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
      const d = `${y}-${String(m).padStart(2, '0')}-${String(Math.min(d0, last)).padStart(2, '0')}`;
      if (d > to) break;
      out.push(d);
    }
    return out;
  }
  const inc = step === 'week' ? 7 : 1;
  for (let day = toEpochDay(from), end = toEpochDay(to); day <= end; day += inc) out.push(fromEpochDay(day));
  return out;
}
