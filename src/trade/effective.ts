// Effective tariff rates at fixed (pre-substitution) base-year weights, coverage and revenue.
//   ETR_pre(d) = sum_i tau_i(d) m_i / sum_i m_i      (tracker method, shared notes "Effective rate formulas")
//   coverage_a = sum_{i: tau_{i,a} > 0} m_i / sum_i m_i   (share of base trade under layer a)
//   revenue at fixed flows = sum_i tau_i(d) m_i          (no behavioural response)
//   realized rate = sum_i duties_i / sum_i m_i         (Census calculated duties; where they exist)

/** Per-line rates by legal authority. */
import { internalError } from '../errors/index.ts';
export interface RateMatrix {
  authorities: string[];
  /** lines x authorities, row-major, percent (additional duties). */
  byAuthority_pct: Float64Array;
  /** Per line, percent, after the stacking rules (need not equal the row sum). */
  total_pct: Float64Array;
}

/** A named set of lines (HS section, product group). Groups may overlap. */
export interface LineGroup {
  name: string;
  title?: string;
  lines: Int32Array;
}

export interface EffectiveRateInput {
  /** Base-year trade value per line (the fixed weights). */
  weights_usd: Float64Array;
  rates: RateMatrix;
  /** MFN (column 1) rate per line, percent; added to totals only when given. */
  mfn_pct?: Float64Array | null;
  /** Duties actually collected per line (for the realized rate). */
  duties_usd?: Float64Array | null;
  /** Section index per line into `sections`. */
  sectionOf?: Int32Array | null;
  sections?: readonly string[];
  groups?: readonly LineGroup[];
}

export interface AuthorityRate {
  authority: string;
  /** Contribution to the average: sum_i tau_{i,a} m_i / sum_i m_i. */
  average_pct: number;
  /** Share of base trade with tau_{i,a} > 0. */
  coverage_share: number;
  covered_usd: number;
  /** Trade-weighted mean rate on the covered lines only. */
  rate_on_covered_pct: number;
  revenue_usd: number;
}

export interface BreakdownRate {
  name: string;
  title?: string;
  base_usd: number;
  share_of_base: number;
  average_pct: number;
  /** Share of this part's base trade under any additional tariff. */
  coverage_share: number;
  revenue_usd: number;
}

export interface EffectiveRate {
  base_usd: number;
  /** Trade-weighted average of the total stack (additional duties, plus MFN when included). */
  average_pct: number;
  /** Additional duties only (equals average_pct when MFN is not included). */
  additional_pct: number;
  mfn_pct: number | null;
  /** Share of base trade under any additional tariff. */
  coverage_share: number;
  covered_usd: number;
  /** Trade-weighted mean total on covered lines. */
  rate_on_covered_pct: number;
  /** Revenue at fixed flows: sum_i tau_i m_i / 100. */
  revenue_usd: number;
  /** Highest line total (the "top stack"). */
  max_line_pct: number;
  /** average_pct - mfn - sum of authority contributions (non-zero when stacking rules exclude layers). */
  stacking_residual_pct: number;
  realized_pct: number | null;
  by_authority: AuthorityRate[];
  by_section: BreakdownRate[];
  by_group: BreakdownRate[];
}

/** Sum row values into lines: weights[lineOf[r]] += value[r]. Rows with lineOf < 0 are counted apart. */
export function aggregateRowsToLines(
  lineOf: Int32Array,
  value: Float64Array,
  nLines: number,
  out: Float64Array = new Float64Array(nLines),
): { weights_usd: Float64Array; unmatched_usd: number; unmatched_rows: number } {
  let unmatched = 0;
  let unmatchedRows = 0;
  const n = lineOf.length;
  for (let r = 0; r < n; r++) {
    const i = lineOf[r];
    if (i >= 0) out[i] += value[r];
    else {
      unmatched += value[r];
      unmatchedRows++;
    }
  }
  return { weights_usd: out, unmatched_usd: unmatched, unmatched_rows: unmatchedRows };
}

/** Check shapes once, with a message naming the array. */
function checkShapes(inp: EffectiveRateInput): number {
  const n = inp.weights_usd.length;
  const a = inp.rates.authorities.length;
  if (inp.rates.total_pct.length !== n)
    throw internalError(`rates.total_pct has ${inp.rates.total_pct.length} lines, weights_usd has ${n}`);
  if (inp.rates.byAuthority_pct.length !== n * a)
    throw internalError(
      `rates.byAuthority_pct has ${inp.rates.byAuthority_pct.length} cells, expected lines x authorities = ${n * a}`,
    );
  if (inp.mfn_pct && inp.mfn_pct.length !== n)
    throw internalError(`mfn_pct has ${inp.mfn_pct.length} lines, expected ${n}`);
  if (inp.duties_usd && inp.duties_usd.length !== n)
    throw internalError(`duties_usd has ${inp.duties_usd.length} lines, expected ${n}`);
  if (inp.sectionOf && inp.sectionOf.length !== n)
    throw internalError(`sectionOf has ${inp.sectionOf.length} lines, expected ${n}`);
  return n;
}

/**
 * Effective rate, coverage and revenue at fixed weights. One pass over lines; allocation is
 * O(authorities + sections + groups), independent of the number of lines.
 */
export function effectiveRate(inp: EffectiveRateInput): EffectiveRate {
  const n = checkShapes(inp);
  const auths = inp.rates.authorities;
  const a = auths.length;
  const w = inp.weights_usd;
  const tot = inp.rates.total_pct;
  const byA = inp.rates.byAuthority_pct;
  const mfn = inp.mfn_pct ?? null;
  const sections = inp.sections ?? [];
  const secOf = inp.sectionOf ?? null;
  const ns = sections.length;
  const aCov = new Float64Array(a);
  const aSum = new Float64Array(a);
  const sW = new Float64Array(ns);
  const sT = new Float64Array(ns);
  const sC = new Float64Array(ns);
  let W = 0;
  let T = 0;
  let TM = 0;
  let C = 0;
  let CT = 0;
  let maxLine = 0;
  for (let i = 0; i < n; i++) {
    const wi = w[i];
    const add = tot[i];
    const m = mfn === null ? 0 : mfn[i];
    const t = add + m;
    W += wi;
    T += wi * add;
    TM += wi * m;
    if (t > maxLine) maxLine = t;
    if (add > 0) {
      C += wi;
      CT += wi * t;
    }
    const base = i * a;
    for (let j = 0; j < a; j++) {
      const r = byA[base + j];
      if (r > 0) {
        aCov[j] += wi;
        aSum[j] += wi * r;
      }
    }
    if (secOf !== null) {
      const s = secOf[i];
      if (s >= 0) {
        sW[s] += wi;
        sT[s] += wi * t;
        if (add > 0) sC[s] += wi;
      }
    }
  }
  const pct = (x: number, d: number) => (d > 0 ? x / d : 0);
  let contrib = 0;
  const by_authority: AuthorityRate[] = auths.map((authority, j) => {
    contrib += pct(aSum[j], W);
    return {
      authority,
      average_pct: pct(aSum[j], W),
      coverage_share: pct(aCov[j], W),
      covered_usd: aCov[j],
      rate_on_covered_pct: pct(aSum[j], aCov[j]),
      revenue_usd: aSum[j] / 100,
    };
  });
  const by_section: BreakdownRate[] = sections.map((name, s) => ({
    name,
    base_usd: sW[s],
    share_of_base: pct(sW[s], W),
    average_pct: pct(sT[s], sW[s]),
    coverage_share: pct(sC[s], sW[s]),
    revenue_usd: sT[s] / 100,
  }));
  const by_group: BreakdownRate[] = (inp.groups ?? []).map((g) => {
    let gw = 0;
    let gt = 0;
    let gc = 0;
    for (let k = 0; k < g.lines.length; k++) {
      const i = g.lines[k];
      const wi = w[i];
      const add = tot[i];
      gw += wi;
      gt += wi * (add + (mfn === null ? 0 : mfn[i]));
      if (add > 0) gc += wi;
    }
    return {
      name: g.name,
      title: g.title,
      base_usd: gw,
      share_of_base: pct(gw, W),
      average_pct: pct(gt, gw),
      coverage_share: pct(gc, gw),
      revenue_usd: gt / 100,
    };
  });
  let realized: number | null = null;
  if (inp.duties_usd) {
    let d = 0;
    for (let i = 0; i < n; i++) d += inp.duties_usd[i];
    realized = W > 0 ? (100 * d) / W : null;
  }
  const additional = pct(T, W);
  const mfnAvg = mfn === null ? null : pct(TM, W);
  return {
    base_usd: W,
    average_pct: additional + (mfnAvg ?? 0),
    additional_pct: additional,
    mfn_pct: mfnAvg,
    coverage_share: pct(C, W),
    covered_usd: C,
    rate_on_covered_pct: pct(CT, C),
    revenue_usd: (T + TM) / 100,
    max_line_pct: maxLine,
    stacking_residual_pct: additional - contrib,
    realized_pct: realized,
    by_authority,
    by_section,
    by_group,
  };
}

/** Indices of lines whose code starts with any of the prefixes (dots ignored). */
export function linesMatching(lines: readonly string[], prefixes: readonly string[]): Int32Array {
  const ps = prefixes.map((p) => p.replace(/[.\s]/g, ''));
  const out: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const c = lines[i];
    for (const p of ps) {
      if (c.startsWith(p)) {
        out.push(i);
        break;
      }
    }
  }
  return Int32Array.from(out);
}

/**
 * Rates for many dates in one line-major block, for row-level scans:
 * total[i*D + d], byAuthority[(i*D + d)*A + a] (percent).
 */
export interface MultiDateRates {
  nLines: number;
  nDates: number;
  nAuthorities: number;
  total: Float64Array;
  byAuthority: Float64Array;
}

/** Accumulator layout for accumulateRows: [W, unmatched, then per date: T, C, then per authority: S, Cov]. */
export function rowAccumulator(r: MultiDateRates): Float64Array {
  return new Float64Array(2 + r.nDates * (2 + 2 * r.nAuthorities));
}

/**
 * One pass over rows [start, end) of a flow table (line index + value per row), accumulating
 * weighted sums for every date at once; no allocation. Partial accumulators add up, so row ranges
 * can be scanned on different threads and summed.
 */
export function accumulateRows(
  lineOf: Int32Array,
  value: Float64Array,
  start: number,
  end: number,
  r: MultiDateRates,
  acc: Float64Array,
): void {
  const D = r.nDates;
  const A = r.nAuthorities;
  const stride = 2 + 2 * A;
  const tot = r.total;
  const byA = r.byAuthority;
  let W = acc[0];
  let un = acc[1];
  for (let k = start; k < end; k++) {
    const i = lineOf[k];
    const w = value[k];
    if (i < 0 || i >= r.nLines) {
      un += w;
      continue;
    }
    W += w;
    let o = 2;
    let tb = i * D;
    let ab = tb * A;
    for (let d = 0; d < D; d++, o += stride, tb++) {
      const t = tot[tb];
      acc[o] += w * t;
      if (t > 0) acc[o + 1] += w;
      for (let a = 0; a < A; a++, ab++) {
        const x = byA[ab];
        if (x > 0) {
          acc[o + 2 + 2 * a] += w * x;
          acc[o + 3 + 2 * a] += w;
        }
      }
    }
  }
  acc[0] = W;
  acc[1] = un;
}

/** Turn an accumulator into per-date averages and coverage. */
export function finishRows(
  r: MultiDateRates,
  acc: Float64Array,
): {
  base_usd: number;
  unmatched_usd: number;
  dates: {
    average_pct: number;
    coverage_share: number;
    by_authority: { average_pct: number; coverage_share: number }[];
  }[];
} {
  const W = acc[0];
  const stride = 2 + 2 * r.nAuthorities;
  const dates = [];
  for (let d = 0; d < r.nDates; d++) {
    const o = 2 + d * stride;
    const by = [];
    for (let a = 0; a < r.nAuthorities; a++)
      by.push({
        average_pct: W > 0 ? acc[o + 2 + 2 * a] / W : 0,
        coverage_share: W > 0 ? acc[o + 3 + 2 * a] / W : 0,
      });
    dates.push({
      average_pct: W > 0 ? acc[o] / W : 0,
      coverage_share: W > 0 ? acc[o + 1] / W : 0,
      by_authority: by,
    });
  }
  return { base_usd: W, unmatched_usd: acc[1], dates };
}
