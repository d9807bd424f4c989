import {
  ACTIVE_STATUSES,
  type Measure,
  type RateStep,
  type Scenario,
  type StatusChange,
  type TariffMeasure,
} from '../model/index.ts';

/** The last dated entry on or before `date` (entries sorted by `key`), or undefined. */
export function lastOnOrBefore<T>(entries: readonly T[], date: string, key: (e: T) => string): T | undefined {
  let found: T | undefined;
  for (const e of entries) {
    if (key(e) <= date) found = e;
    else break;
  }
  return found;
}

/** The status of a measure on a date, taking `effective`/`expires` into account; undefined before its first status. */
export function statusOn(m: Measure, date: string): StatusChange | undefined {
  const st = lastOnOrBefore(m.status, date, (s) => s.date);
  if (!st) return undefined;
  if (m.expires && date >= m.expires) return { date: m.expires, status: 'expired' };
  return st;
}

export function isActiveOn(m: Measure, date: string): boolean {
  if (m.effective && date < m.effective) return false;
  const st = statusOn(m, date);
  return st !== undefined && ACTIVE_STATUSES.includes(st.status);
}

/** A tariff's rate on a date: statutory, suspended part and the applied (collected) rate, all percent. */
export interface RateOn {
  step: RateStep;
  statutory_pct: number;
  suspended_pct: number;
  applied_pct: number;
}

export function rateOn(m: TariffMeasure, date: string): RateOn | undefined {
  const step = lastOnOrBefore(m.rates, date, (r) => r.from);
  if (!step) return undefined;
  // A suspension lapses on `suspended_until`: from then on the statutory rate applies in full.
  const suspended =
    step.suspended_pct !== undefined && (!step.suspended_until || date < step.suspended_until)
      ? step.suspended_pct
      : 0;
  return {
    step,
    statutory_pct: step.rate_pct,
    suspended_pct: suspended,
    applied_pct: step.rate_pct - suspended,
  };
}

/**
 * The note of the rate step in force. Once the step's suspension has lapsed its own note ("suspension
 * extended one year") is stale: say that the suspension ended, and, past as_of, that this is scheduled.
 */
export function rateStepNote(scn: Pick<Scenario, 'as_of'>, r: RateOn): string | undefined {
  const { step } = r;
  if (!step.suspended_pct || !step.suspended_until) return step.note;
  const past =
    scn.as_of && step.suspended_until > scn.as_of ? `; scheduled, not verified after ${scn.as_of}` : '';
  return `the suspension of ${step.suspended_pct} points ended on ${step.suspended_until}${past}`;
}

/** Every date at which a measure's state can change: statuses, rate steps, suspensions, bounds. */
export function measureDates(m: Measure): string[] {
  const d = m.status.map((s) => s.date);
  if (m.effective) d.push(m.effective);
  if (m.expires) d.push(m.expires);
  if (m.kind === 'tariff') {
    for (const r of m.rates) {
      d.push(r.from);
      if (r.suspended_until) d.push(r.suspended_until);
    }
  }
  if (m.kind === 'export_control') for (const p of m.licensing.path ?? []) d.push(p.from);
  if (m.kind === 'licensing') for (const p of m.path ?? []) d.push(p.from);
  return d;
}

export function uniqueSorted(dates: Iterable<string>): string[] {
  return [...new Set(dates)].sort();
}
