// Dates a query may ask about: from the ledger's first day (a located error before it) to its
// `as_of` (a date after it is answered, with a warning naming the as-of date, never silently).
import { scheduledFlag, timeline } from '../ledger/index.ts';
import type { Scenario } from '../model/index.ts';
import { fieldError, type FieldLabel } from './query.ts';

const firstDays = new WeakMap<Scenario, string>();

/**
 * The first day the ledger vouches for: 1 January of the year of its earliest dated event
 * (announcement, status change or rate step). Before it the scenario holds no measure, but it
 * cannot say what else was in force, so a question about an earlier day is refused.
 */
export function ledgerFirstDate(scn: Scenario): string {
  let d = firstDays.get(scn);
  if (d === undefined) {
    const first = timeline(scn)[0]?.date;
    d = first ? `${first.slice(0, 4)}-01-01` : (scn.as_of ?? '1900-01-01');
    firstDays.set(scn, d);
  }
  return d;
}

/** A located error when a queried date lies before the ledger's first day. */
export function checkLedgerDate(scn: Scenario, label: FieldLabel, field: string, date: string): void {
  const first = ledgerFirstDate(scn);
  if (date < first)
    throw fieldError(
      label,
      field,
      `${date} is before the ledger's first date (${first}): scenario "${scn.id}" records nothing earlier`,
      'before_ledger',
    );
}

/** The head every report over a date range starts with: scenario, as_of, date warnings, range. */
export interface RangeHead {
  scenario: string;
  as_of: string | null;
  warnings: string[];
  from: string;
  to: string;
}

export function rangeHead(scn: Scenario, label: FieldLabel, from: string, to: string): RangeHead {
  return { scenario: scn.id, as_of: scn.as_of ?? null, warnings: asOfWarnings(scn, label, { to }), from, to };
}

/**
 * The date range of a report over the ledger (averages, who paid): `from` defaults to the ledger's
 * first date and `to` to the scenario's as_of; `from` must not precede the ledger and `to` must
 * not precede `from` (located errors).
 */
export function reportRange(
  scn: Scenario,
  q: { from?: string; to?: string },
  label: FieldLabel,
): { from: string; to: string } {
  const from = q.from ?? ledgerFirstDate(scn);
  const to = q.to ?? scn.as_of ?? null;
  if (to === null) throw fieldError(label, 'to', `scenario "${scn.id}" has no as_of; give the last date`);
  checkLedgerDate(scn, label, 'from', from);
  if (to < from) throw fieldError(label, 'to', `${to} is before ${label('from')} ${from}`);
  return { from, to };
}

/**
 * The warning for a queried date past the scenario's as-of date, or null. Past as_of the ledger
 * applies what was scheduled (ledger/scheduled.ts); the warning names each such change up to the
 * date as "scheduled, not verified after <as_of>".
 */
export function asOfWarning(scn: Scenario, label: FieldLabel, field: string, date: string): string | null {
  const flag = scheduledFlag(scn, date);
  return flag
    ? `${label(field)}: ${date} is after the scenario's as-of date ${scn.as_of} (the last day its ledger vouches for); later days show only the changes scheduled by then (${flag})`
    : null;
}

/** Warnings for every queried date past as_of, in field order. */
export function asOfWarnings(
  scn: Scenario,
  label: FieldLabel,
  dates: Record<string, string | null | undefined>,
): string[] {
  const out: string[] = [];
  for (const [field, date] of Object.entries(dates)) {
    const w = date ? asOfWarning(scn, label, field, date) : null;
    if (w) out.push(w);
  }
  return out;
}

/**
 * A document about a scenario, with the scenario's `as_of` and the warnings its dates drew added
 * where the document does not say them itself (appended to a `warnings` list it has). Anything
 * but a plain object is returned as is.
 */
export function withAsOf(result: unknown, as_of: string | null, warnings: readonly string[]): unknown {
  if (typeof result !== 'object' || result === null || Array.isArray(result)) return result;
  const doc = result as Record<string, unknown>;
  const out: Record<string, unknown> = { ...doc };
  if (!('as_of' in doc)) out.as_of = as_of;
  if (!('warnings' in doc)) out.warnings = [...warnings];
  else if (Array.isArray(doc.warnings)) {
    const have = doc.warnings as unknown[];
    out.warnings = [...have, ...warnings.filter((w) => !have.includes(w))];
  }
  return out;
}
