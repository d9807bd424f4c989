// Trade-weighted rates of one direction as piecewise-constant segments over a date range: the
// ledger's schedule changes only at its breakpoints, so one evaluation per segment gives every
// day. Shared by the daily averages, the "since then" story and the who-paid estimate.
import { compileTariffSchedule } from '../ledger/index.ts';
import type { Scenario } from '../model/index.ts';
import {
  baseWeightsFor,
  effectiveRateAt,
  fromDay,
  mfnFor,
  rateBasis,
  toDay,
  type BaseWeights,
  type EffectiveRate,
  type RateBasis,
  type RateOptions,
  type ScheduleLike,
  type ShippedTrade,
} from '../trade/index.ts';

/** The two directions of the built-in conflict, with the key each report uses for them. */
export const BOTH_DIRECTIONS = [
  { key: 'us_on_cn', importer: 'US', exporter: 'CN', label: 'US on goods from China' },
  { key: 'cn_on_us', importer: 'CN', exporter: 'US', label: 'China on goods from the US' },
] as const;

export type DirectionKey = (typeof BOTH_DIRECTIONS)[number]['key'];
/** Which direction a report's row is about (one of BOTH_DIRECTIONS, as the report prints it). */
export interface DirectionId {
  key: DirectionKey;
  label: string;
  importer: string;
  exporter: string;
}

export interface Segment {
  /** First day of the segment (inclusive). */
  from: string;
  /** Last day of the segment (inclusive). */
  to: string;
  days: number;
  /** Rates with MFN included: `additional_pct` is the additional duties, `average_pct` adds MFN. */
  rate: EffectiveRate;
}

export interface DirectionRates {
  importer: string;
  exporter: string;
  base: BaseWeights;
  basis: RateBasis;
  segments: Segment[];
  /** The compiled schedule and MFN rates behind the segments (to re-weight the same lines). */
  schedule: ScheduleLike;
  mfn: RateOptions;
}

/** Rates on [from, to] (inclusive), one segment per stretch of days with the same schedule. */
export function directionSegments(
  scn: Scenario,
  data: ShippedTrade,
  importer: string,
  exporter: string,
  from: string,
  to: string,
): DirectionRates {
  const base = baseWeightsFor(importer, exporter, data);
  const sched = compileTariffSchedule(scn, { importer, exporter, lines: base.lines });
  const opts = mfnFor(base, data);
  const starts = [from, ...sched.breakpoints.filter((b) => b > from && b <= to)];
  const segments = starts.map((d, i) => {
    const end = i + 1 < starts.length ? fromDay(toDay(starts[i + 1]) - 1) : to;
    return {
      from: d,
      to: end,
      days: toDay(end) - toDay(d) + 1,
      rate: effectiveRateAt(sched, base, d, opts),
    };
  });
  return {
    importer,
    exporter,
    base,
    basis: rateBasis(base, sched, opts),
    segments,
    schedule: sched,
    mfn: opts,
  };
}

/** The segment holding a date (the date must lie inside the range the segments cover). */
export function segmentOn(segs: readonly Segment[], date: string): Segment {
  let lo = 0;
  for (let i = 0; i < segs.length; i++) if (segs[i].from <= date) lo = i;
  return segs[lo];
}

/** Round once, for output. */
export const round = (x: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};
