// "What changed since London?" Today's tariffs (the scenario's as_of) against 11 June 2025 in
// both directions: the average, each layer's part of it, and every date on which the average
// moved with the ledger events of that day (the ruling that ended IEEPA, Section 122 and its
// lapse, the new Section 301 and 232 actions). All from the ledger; `npm start` prints it after
// the London story.
import type { Scenario } from '../model/index.ts';
import { changesBetween } from '../ledger/index.ts';
import type { RateBasis, ShippedTrade } from '../trade/index.ts';
import { BOTH_DIRECTIONS, directionSegments, round, segmentOn, type DirectionId } from './segments.ts';
import { fieldError, type FieldLabel } from './query.ts';

export interface LayerChange {
  authority: string;
  /** Contribution to the average on each date, percentage points (additional duties). */
  then_pp: number;
  now_pp: number;
  change_pp: number;
  /** Share of base trade the layer covers today, and its mean rate there (percent). */
  now_coverage_share: number;
  now_rate_on_covered_pct: number;
}

export interface AverageMove {
  date: string;
  before_pct: number;
  after_pct: number;
  change_pp: number;
  /** Layers whose contribution moved on that day. */
  layers: { authority: string; change_pp: number }[];
  /** The ledger's events of that day on this importer's tariffs (what moved the average). */
  events: { id: string; kind: string; title: string; event: string; source: string | null }[];
}

export interface SinceThenDirection extends DirectionId {
  then_pct: number;
  now_pct: number;
  then_with_mfn_pct: number;
  now_with_mfn_pct: number;
  change_pp: number;
  layers: LayerChange[];
  moves: AverageMove[];
  basis: RateBasis;
}

export interface SinceThenReport {
  scenario: string;
  as_of: string | null;
  warnings: string[];
  /** The scenario's views.date (2025-06-11, the London talks, in the built-in scenario). */
  then: string;
  /** The scenario's as_of. */
  now: string;
  unit: string;
  directions: SinceThenDirection[];
}

const DIGITS = 2;
/** Moves smaller than this (percentage points) are rounding noise, not a change. */
const MOVE_EPS_PP = 0.005;

export function sinceThenReport(
  scn: Scenario,
  data: ShippedTrade,
  label: FieldLabel,
  then = scn.views.date,
): SinceThenReport {
  if (!then)
    throw fieldError(
      label,
      'scenario',
      `scenario "${scn.id}" has no views.date: no "then" to compare against`,
    );
  const now = scn.as_of;
  if (!now) throw fieldError(label, 'scenario', `scenario "${scn.id}" has no as_of: no "today" to compare`);
  if (now <= then)
    throw fieldError(label, 'scenario', `scenario "${scn.id}" is as of ${now}, not after ${then}`);
  const byId = new Map(scn.measures.map((m) => [m.id, m]));
  const events = changesBetween(scn, then, now).filter((e) => {
    const m = byId.get(e.id);
    return m && (m.kind === 'tariff' || m.kind === 'tariff_exemption') && e.kind !== 'expires';
  });
  const directions = BOTH_DIRECTIONS.map((d): SinceThenDirection => {
    const r = directionSegments(scn, data, d.importer, d.exporter, then, now);
    const first = r.segments[0].rate;
    const last = segmentOn(r.segments, now).rate;
    const contrib = (rate: typeof first) => new Map(rate.by_authority.map((a) => [a.authority, a]));
    const c0 = contrib(first);
    const c1 = contrib(last);
    const authorities = [...new Set([...c0.keys(), ...c1.keys()])];
    const layers = authorities
      .map((a) => {
        const t = c0.get(a)?.average_pct ?? 0;
        const n = c1.get(a)?.average_pct ?? 0;
        return {
          authority: a,
          then_pp: round(t, DIGITS),
          now_pp: round(n, DIGITS),
          change_pp: round(n - t, DIGITS),
          now_coverage_share: round(c1.get(a)?.coverage_share ?? 0, 4),
          now_rate_on_covered_pct: round(c1.get(a)?.rate_on_covered_pct ?? 0, DIGITS),
        };
      })
      .filter((l) => l.then_pp !== 0 || l.now_pp !== 0)
      .sort((a, b) => b.now_pp - a.now_pp || a.authority.localeCompare(b.authority));
    const moves: AverageMove[] = [];
    for (let i = 1; i < r.segments.length; i++) {
      const a = r.segments[i - 1].rate;
      const b = r.segments[i].rate;
      if (Math.abs(b.additional_pct - a.additional_pct) < MOVE_EPS_PP) continue;
      const ca = contrib(a);
      const cb = contrib(b);
      const date = r.segments[i].from;
      moves.push({
        date,
        before_pct: round(a.additional_pct, DIGITS),
        after_pct: round(b.additional_pct, DIGITS),
        change_pp: round(b.additional_pct - a.additional_pct, DIGITS),
        layers: [...new Set([...ca.keys(), ...cb.keys()])]
          .map((x) => ({
            authority: x,
            change_pp: round((cb.get(x)?.average_pct ?? 0) - (ca.get(x)?.average_pct ?? 0), DIGITS),
          }))
          .filter((x) => Math.abs(x.change_pp) >= 0.01),
        events: events
          .filter((e) => e.date === date && byId.get(e.id)!.actor === d.importer)
          .map((e) => ({
            id: e.id,
            kind: e.kind,
            title: e.title,
            event: e.event,
            source: e.sources[0] ?? null,
          })),
      });
    }
    return {
      key: d.key,
      label: d.label,
      importer: d.importer,
      exporter: d.exporter,
      then_pct: round(first.additional_pct, DIGITS),
      now_pct: round(last.additional_pct, DIGITS),
      then_with_mfn_pct: round(first.average_pct, DIGITS),
      now_with_mfn_pct: round(last.average_pct, DIGITS),
      change_pp: round(last.additional_pct - first.additional_pct, DIGITS),
      layers,
      moves,
      basis: r.basis,
    };
  });
  return {
    scenario: scn.id,
    as_of: now,
    warnings: [],
    then,
    now,
    unit: 'percent ad valorem, trade-weighted at fixed 2024 weights; averages and layer parts are additional duties over MFN (with_mfn adds pre-war MFN)',
    directions,
  };
}
