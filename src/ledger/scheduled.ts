// The ledger's one rule for dates past its as_of (docs/ledger-workflow.md "Dates past as_of"):
// scheduled changes (a suspension's end, a step-up, an expiry) apply on their dates as the last
// verified sources scheduled them, and every such change is named as "scheduled, not verified
// after <as_of>" wherever a date past as_of is answered.
import { addDays, type Measure, type Scenario } from '../model/index.ts';
import { isActiveOn, measureDates, rateOn, statusOn, uniqueSorted } from './status.ts';

/** A change the ledger applies after as_of because it was scheduled, not because a source saw it. */
export interface ScheduledChange {
  date: string;
  measure_id: string;
  /** What changes, e.g. "applied rate 10% -> 34%" or "not in force (suspended) -> in force". */
  change: string;
}

/** The measure's effect on a date in words: its applied rate for a tariff, else in force or not. */
function effectOn(m: Measure, date: string): string {
  if (!isActiveOn(m, date)) {
    const st = statusOn(m, date);
    return `not in force (${st ? st.status.replace(/_/g, ' ') : 'not yet'})`;
  }
  if (m.kind !== 'tariff') return 'in force';
  const r = rateOn(m, date);
  return r ? `applied rate ${r.applied_pct}%` : 'in force, no rate yet';
}

function effectKey(m: Measure, date: string): string {
  if (!isActiveOn(m, date)) return 'off';
  return m.kind === 'tariff' ? `${rateOn(m, date)?.applied_pct ?? 'none'}` : 'on';
}

/**
 * Every change of effect dated after the scenario's as_of and on or before `date`, in date order
 * (empty when `date` is not past as_of or the scenario has none). A dated entry that changes
 * nothing (a suspension lapsing on a measure that has already ended) is left out.
 */
export function scheduledChanges(scn: Scenario, date: string): ScheduledChange[] {
  const asOf = scn.as_of;
  if (!asOf || date <= asOf) return [];
  const out: ScheduledChange[] = [];
  for (const m of scn.measures) {
    for (const d of uniqueSorted(measureDates(m))) {
      if (d <= asOf || d > date) continue;
      const prev = addDays(d, -1);
      // Only a change of effect counts: in force or not, and a tariff's applied rate.
      if (effectKey(m, prev) === effectKey(m, d)) continue;
      out.push({ date: d, measure_id: m.id, change: `${effectOn(m, prev)} -> ${effectOn(m, d)}` });
    }
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** The flag for a date past as_of: the words, then the scheduled changes it rests on (if any). */
export function scheduledFlag(scn: Scenario, date: string): string | null {
  if (!scn.as_of || date <= scn.as_of) return null;
  const changes = scheduledChanges(scn, date);
  const list = changes.map((c) => `${c.date} ${c.measure_id} ${c.change}`).join('; ');
  return `scheduled, not verified after ${scn.as_of}${list ? `: ${list}` : ''}`;
}
