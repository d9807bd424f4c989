// Date grids and step series: evaluate only where rates change (breakpoints), then fill the grid.

import { inputError } from '../errors/index.ts';
export type Step = 'day' | 'week' | 'month';

const DAY_MS = 86_400_000;

export function toDay(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}

export function fromDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export interface Period {
  /** First day of the period (ISO). */
  start: string;
  /** Last day of the period, inclusive (ISO); clipped to `to`. */
  end: string;
}

/**
 * Periods covering [from, to]: one per day; weeks of 7 days starting at `from`; calendar months
 * (the first period starts at `from`, later ones on the 1st). The last period is clipped to `to`.
 */
export function periods(from: string, to: string, step: Step): Period[] {
  const a = toDay(from);
  const b = toDay(to);
  if (!(b >= a)) throw inputError(`--to (${to}) is before --from (${from})`);
  const out: Period[] = [];
  if (step === 'day') for (let d = a; d <= b; d++) out.push({ start: fromDay(d), end: fromDay(d) });
  else if (step === 'week')
    for (let d = a; d <= b; d += 7) out.push({ start: fromDay(d), end: fromDay(Math.min(d + 6, b)) });
  else {
    let d = a;
    while (d <= b) {
      const dt = new Date(d * DAY_MS);
      const next = Math.round(Date.UTC(dt.getUTCFullYear(), dt.getUTCMonth() + 1, 1) / DAY_MS);
      out.push({ start: fromDay(d), end: fromDay(Math.min(next - 1, b)) });
      d = next;
    }
  }
  return out;
}

/**
 * Piecewise-constant evaluation. `breakpoints` are the sorted dates where the value may change;
 * `evaluate(date)` is called once per distinct segment overlapping [from, to] (not once per day).
 * Returns, per period, the value at the period start, the day-weighted mean over the period, and
 * the min and max of the segment values in the period. Values are flat numeric vectors so that
 * means can be taken component-wise.
 */
export function stepSeries(
  from: string,
  to: string,
  step: Step,
  breakpoints: readonly string[],
  evaluate: (date: string) => Float64Array,
): {
  periods: Period[];
  at_start: Float64Array[];
  mean: Float64Array[];
  segments: { start: string; value: Float64Array }[];
} {
  const a = toDay(from);
  const b = toDay(to);
  const cuts = [...new Set(breakpoints.map(toDay))].filter((d) => d > a && d <= b).sort((x, y) => x - y);
  const segStart = [a, ...cuts];
  const segVal = segStart.map((d) => evaluate(fromDay(d)));
  const ps = periods(from, to, step);
  const atStart: Float64Array[] = [];
  const mean: Float64Array[] = [];
  let k = 0;
  for (const p of ps) {
    const ps0 = toDay(p.start);
    const pe = toDay(p.end);
    while (k + 1 < segStart.length && segStart[k + 1] <= ps0) k++;
    atStart.push(segVal[k]);
    const len = segVal[k].length;
    const m = new Float64Array(len);
    let j = k;
    let day = ps0;
    while (day <= pe) {
      const segEnd = j + 1 < segStart.length ? Math.min(segStart[j + 1] - 1, pe) : pe;
      const days = segEnd - day + 1;
      const v = segVal[j];
      for (let q = 0; q < len; q++) m[q] += v[q] * days;
      day = segEnd + 1;
      j++;
    }
    const n = pe - ps0 + 1;
    for (let q = 0; q < len; q++) m[q] /= n;
    mean.push(m);
  }
  return {
    periods: ps,
    at_start: atStart,
    mean,
    segments: segStart.map((d, i) => ({ start: fromDay(d), value: segVal[i] })),
  };
}
