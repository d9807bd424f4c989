// Effective-rate series over a date range from a compiled tariff schedule (the ledger's
// compileTariffSchedule, or anything of the same shape) and fixed base-year weights.
import { internalError } from '../errors/index.ts';
import { effectiveRate } from './effective.ts';
import type { EffectiveRate, LineGroup, RateMatrix } from './effective.ts';
import { stepSeries } from './series.ts';
import type { Step } from './series.ts';
import { HS_SECTIONS } from './hs.ts';
import { sectionIndex } from './weights.ts';
import type { BaseWeights } from './weights.ts';

/** The shape of the ledger's TariffSchedule that this module needs. */
export interface ScheduleLike {
  lines: string[];
  authorities: string[];
  breakpoints: string[];
  partialLines?: Record<string, number>;
  ratesAt(date: string): { byAuthority: Float64Array; total: Float64Array };
}

export interface RateOptions {
  /** Add MFN (column 1) rates per line to every total. */
  mfn_pct?: Float64Array | null;
  mfn_note?: string;
  groups?: readonly LineGroup[];
}

/** What every output states: weights, base year, inclusions. */
export interface RateBasis {
  importer: string;
  exporter: string;
  weights: string;
  base_year: number;
  base_usd: number;
  mfn_included: boolean;
  mfn_note: string;
  rates: string;
  notes: string[];
}

export function rateBasis(base: BaseWeights, sched: ScheduleLike, opts: RateOptions): RateBasis {
  let tot = 0;
  for (const v of base.weights_usd) tot += v;
  const notes = [...base.notes];
  const partial = Object.entries(sched.partialLines ?? {});
  if (partial.length > 0)
    notes.push(
      `lines only partly inside a measure's scope are not counted for that measure: ${partial.map(([id, n]) => `${id} (${n} lines)`).join(', ')}`,
    );
  return {
    importer: base.importer,
    exporter: base.exporter,
    weights: `fixed base-year weights (pre-substitution): ${base.description}`,
    base_year: base.base_year,
    base_usd: tot,
    mfn_included: !!opts.mfn_pct,
    mfn_note: opts.mfn_pct
      ? (opts.mfn_note ?? 'MFN included')
      : 'additional duties only (MFN / column-1 rates not included)',
    rates: 'applied (collected) rates of the scenario ledger; suspended portions excluded',
    notes,
  };
}

function checkLines(base: BaseWeights, sched: ScheduleLike): void {
  if (sched.lines.length !== base.lines.length)
    throw internalError(`schedule has ${sched.lines.length} lines, weights have ${base.lines.length}`);
}

/** Full breakdown on one date. */
export function effectiveRateAt(
  sched: ScheduleLike,
  base: BaseWeights,
  date: string,
  opts: RateOptions = {},
): EffectiveRate {
  checkLines(base, sched);
  const r = sched.ratesAt(date);
  const rates: RateMatrix = {
    authorities: sched.authorities,
    byAuthority_pct: r.byAuthority,
    total_pct: r.total,
  };
  return effectiveRate({
    weights_usd: base.weights_usd,
    rates,
    mfn_pct: opts.mfn_pct ?? null,
    duties_usd: base.duties_usd,
    sectionOf: sectionIndex(base.lines),
    sections: HS_SECTIONS,
    groups: opts.groups ?? [],
  });
}

/** 100 * sum duties / sum imports of the base weights, or null without duties. */
function realizedPct(base: BaseWeights): number | null {
  if (!base.duties_usd) return null;
  let d = 0;
  let w = 0;
  for (let i = 0; i < base.weights_usd.length; i++) {
    d += base.duties_usd[i];
    w += base.weights_usd[i];
  }
  return w > 0 ? (100 * d) / w : null;
}

export type Breakdown = 'authority' | 'section' | 'group';

export interface SeriesPoint {
  /** First day of the period. */
  from: string;
  /** Last day of the period (inclusive). */
  to: string;
  average_pct: number;
  coverage_share: number;
  revenue_usd: number;
  max_line_pct: number;
  /** Value on the period's first day (the mean is over all days of the period). */
  average_at_start_pct: number;
  by?: { name: string; average_pct: number; coverage_share: number; revenue_usd: number }[];
}

export interface EffectiveRateSeries {
  basis: RateBasis;
  step: Step;
  value: string;
  breakdown: Breakdown | null;
  /** Duties collected / imports in the base year, where the weights carry duties (else null). */
  realized_base_year_pct: number | null;
  /** Dates in range where a rate changes, each with the full-day value from then on. */
  changes: { date: string; average_pct: number; coverage_share: number }[];
  points: SeriesPoint[];
}

/**
 * Series over [from, to]. The schedule is evaluated once per breakpoint segment; each period reports
 * the day-weighted mean over its days (and the value at its first day).
 */
export function effectiveRateSeries(
  sched: ScheduleLike,
  base: BaseWeights,
  q: { from: string; to: string; step: Step; by?: Breakdown | null },
  opts: RateOptions = {},
): EffectiveRateSeries {
  checkLines(base, sched);
  const by = q.by ?? null;
  const sections = sectionIndex(base.lines);
  let names: string[] = [];
  if (by === 'authority') names = [...sched.authorities];
  else if (by === 'section') names = [...HS_SECTIONS];
  else if (by === 'group') names = (opts.groups ?? []).map((g) => g.name);
  const evaluate = (date: string): Float64Array => {
    const r = sched.ratesAt(date);
    const e = effectiveRate({
      weights_usd: base.weights_usd,
      rates: { authorities: sched.authorities, byAuthority_pct: r.byAuthority, total_pct: r.total },
      mfn_pct: opts.mfn_pct ?? null,
      sectionOf: by === 'section' ? sections : null,
      sections: by === 'section' ? HS_SECTIONS : [],
      groups: by === 'group' ? (opts.groups ?? []) : [],
    });
    const v = new Float64Array(4 + 3 * names.length);
    v[0] = e.average_pct;
    v[1] = e.coverage_share;
    v[2] = e.revenue_usd;
    v[3] = e.max_line_pct;
    const parts =
      by === 'authority'
        ? e.by_authority
        : by === 'section'
          ? e.by_section
          : by === 'group'
            ? e.by_group
            : [];
    parts.forEach((p, k) => {
      v[4 + 3 * k] = p.average_pct;
      v[5 + 3 * k] = p.coverage_share;
      v[6 + 3 * k] = p.revenue_usd;
    });
    return v;
  };
  const s = stepSeries(q.from, q.to, q.step, sched.breakpoints, evaluate);
  const points: SeriesPoint[] = s.periods.map((p, i) => {
    const m = s.mean[i];
    const pt: SeriesPoint = {
      from: p.start,
      to: p.end,
      average_pct: m[0],
      coverage_share: m[1],
      revenue_usd: m[2],
      max_line_pct: m[3],
      average_at_start_pct: s.at_start[i][0],
    };
    if (by)
      pt.by = names.map((name, k) => ({
        name,
        average_pct: m[4 + 3 * k],
        coverage_share: m[5 + 3 * k],
        revenue_usd: m[6 + 3 * k],
      }));
    return pt;
  });
  return {
    basis: rateBasis(base, sched, opts),
    step: q.step,
    value:
      q.step === 'day'
        ? 'value on each day'
        : `mean of daily values over each ${q.step} (average_at_start_pct: value on the first day); revenue is annualised at base-year flows`,
    breakdown: by,
    realized_base_year_pct: realizedPct(base),
    changes: s.segments.map((g) => ({ date: g.start, average_pct: g.value[0], coverage_share: g.value[1] })),
    points,
  };
}
