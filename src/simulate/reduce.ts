// Reduction of the raw Monte Carlo buffers, in run order: weekly bands, outcome odds, who
// concedes first, sensitivity. Pure: the same buffers give the same result byte for byte.
import { GENERATOR_NAME } from '../random/index.ts';
import { NM, NS, WEEK_METRICS } from './loop.ts';
import type { Prepared } from './prepared.ts';

/** Raw results indexed by run: weekly[(m * W + w) * R + r], scalars[r * NS + i], samples[r * U + u]. */
export interface RawResults {
  runs: number;
  weeks: number;
  weekly: Float32Array;
  scalars: Float64Array;
  samples: Float64Array;
}

export function allocateRaw(runs: number, weeks: number, uncertain: number, shared: boolean): RawResults {
  const buf = (bytes: number) => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  return {
    runs,
    weeks,
    weekly: new Float32Array(buf(4 * NM * weeks * runs)),
    scalars: new Float64Array(buf(8 * NS * runs)).fill(-1),
    samples: new Float64Array(buf(8 * Math.max(1, uncertain) * runs)),
  };
}

export interface Band {
  p5: number;
  p50: number;
  p95: number;
  mean: number;
}

export interface Probability {
  probability: number;
  /** Monte Carlo standard error sqrt(p (1 - p) / n). */
  se: number;
}

export interface SensitivityRow {
  parameter: string;
  outcome: string;
  /** P(outcome | parameter in its upper quartile) - P(outcome | lower quartile), same sample. */
  effect: number;
  p_low_quartile: number;
  p_high_quartile: number;
  /** Spearman rank correlation between the parameter and the outcome (0/1). */
  rank_correlation: number;
}

export interface WeekRow {
  week: number;
  date: string;
  [metric: string]: number | string | Band;
}

export interface MonteCarloResult {
  scenario: string;
  seed: number;
  generator: string;
  runs_requested: number;
  runs_completed: number;
  complete: boolean;
  actors: [string, string];
  start: string;
  horizon_weeks: number;
  metrics: Record<string, string>;
  weeks: WeekRow[];
  outcomes: {
    framework: { agreement: string | null; by: string } & Probability;
    framework_within_horizon: Probability;
    truce_collapses: { agreement: string | null } & Probability;
    escalation_above_april_2025_peak: Probability & {
      peak_pct: Record<string, number>;
      peak_dates: Record<string, string>;
    };
    first_concession: Record<string, number>;
    /** A court ruling put layers of a pending challenge (parameters.simulation.litigation) out of force within the horizon. */
    struck_down: { challenges: string[] } & Probability;
  };
  curves: {
    framework_approved_by_week: number[];
    truce_ended_by_week: number[];
    escalated_by_week: number[];
    struck_down_by_week: number[];
  };
  sensitivity: SensitivityRow[];
  /** The strategies played (before any uncertain parameter is drawn). */
  strategies: Record<string, { name: string; params: Record<string, number | string> }>;
  uncertain: { path: string; distribution: unknown; provenance: string }[];
  basis: string[];
}

/** Sample quantile, type 7 (linear interpolation between order statistics; R's default). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Rearrange a[lo..hi] so that a[k] is the k-th smallest (Hoare's quickselect, median-of-three pivot). */
function select(a: Float64Array, lo: number, hi: number, k: number): void {
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // median of three as pivot
    if (a[mid] < a[lo]) swap(a, mid, lo);
    if (a[hi] < a[lo]) swap(a, hi, lo);
    if (a[hi] < a[mid]) swap(a, hi, mid);
    const pivot = a[mid];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/** Order statistic k (0-based) of a[from..n) when a[..from) holds the smaller ones already. */
function kth(a: Float64Array, n: number, from: number, k: number): number {
  select(a, from, n - 1, k);
  return a[k];
}

/**
 * 5th, 50th, 95th percentiles (type 7) and mean, by selection: O(n) instead of a sort. Each
 * selection leaves the smaller values to its left, so the next one searches only to the right.
 */
function band(values: Float32Array, scratch: Float64Array): Band {
  const n = values.length;
  if (n === 0) return { p5: NaN, p50: NaN, p95: NaN, mean: NaN };
  let s = 0;
  for (let i = 0; i < n; i++) {
    scratch[i] = values[i];
    s += values[i];
  }
  const a = scratch.subarray(0, n);
  const q = (p: number, from: number): [number, number] => {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    const x = kth(a, n, from, lo);
    if (lo + 1 >= n || h === lo) return [x, lo + 1];
    // the next order statistic is the smallest value to the right of lo
    let y = Infinity;
    for (let i = lo + 1; i < n; i++) if (a[i] < y) y = a[i];
    return [x + (h - lo) * (y - x), lo + 1];
  };
  const [p5, f1] = q(0.05, 0);
  const [p50, f2] = q(0.5, f1);
  const [p95] = q(0.95, f2);
  return { p5: round(p5), p50: round(p50), p95: round(p95), mean: round(s / n) };
}

/** Round to 6 significant digits: the JSON shows what the model resolves, not float noise. */
export function round(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x === 0 ? 0 : x;
  return Number(x.toPrecision(6));
}

function prob(hits: number, n: number): Probability {
  const p = n > 0 ? hits / n : 0;
  return { probability: round(p), se: round(n > 0 ? Math.sqrt((p * (1 - p)) / n) : 0) };
}

/** Average ranks (ties share the mean rank), 1-based: a native sort and two binary searches per value. */
export function ranks(
  x: ArrayLike<number>,
  sorted: Float64Array = Float64Array.from(x).sort(),
): Float64Array {
  const n = x.length;
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = x[i];
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const m = (lo + hi) >>> 1;
      if (sorted[m] < v) lo = m + 1;
      else hi = m;
    }
    const first = lo;
    hi = n;
    while (lo < hi) {
      const m = (lo + hi) >>> 1;
      if (sorted[m] <= v) lo = m + 1;
      else hi = m;
    }
    r[i] = (first + lo - 1) / 2 + 1;
  }
  return r;
}

/** ranks() of 0/1 flags by counting: the zeros share ranks 1..z, the ones z+1..n (same formula). */
function flagRanks(y: Uint8Array): Float64Array {
  const n = y.length;
  let ones = 0;
  for (let i = 0; i < n; i++) ones += y[i];
  const z = n - ones;
  // ranks(): (first + last - 1) / 2 + 1 with first = index of the value's first copy, last = after its last
  const r0 = (0 + z - 1) / 2 + 1;
  const r1 = (z + n - 1) / 2 + 1;
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) r[i] = y[i] ? r1 : r0;
  return r;
}

/** Pearson correlation of two rank vectors. */
function pearson(rx: Float64Array, ry: Float64Array): number {
  const n = rx.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += rx[i];
    my += ry[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const a = rx[i] - mx;
    const b = ry[i] - my;
    sxy += a * b;
    sxx += a * a;
    syy += b * b;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
}

export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length < 3) return 0;
  return pearson(ranks(x), ranks(y));
}

/** Binary outcomes per run used by the odds and the sensitivity table. */
export function outcomeFlags(p: Prepared, raw: RawResults, n: number): Record<string, Uint8Array> {
  const f = {
    framework: new Uint8Array(n),
    truce_collapses: new Uint8Array(n),
    escalation: new Uint8Array(n),
    [`${p.actors[0]}_concedes_first`]: new Uint8Array(n),
  };
  const c0 = f[`${p.actors[0]}_concedes_first`];
  for (let r = 0; r < n; r++) {
    const fw = raw.scalars[r * NS];
    f.framework[r] = fw >= 0 && fw <= p.framework_by_week ? 1 : 0;
    f.truce_collapses[r] = raw.scalars[r * NS + 1] >= 0 ? 1 : 0;
    f.escalation[r] = raw.scalars[r * NS + 2] >= 0 ? 1 : 0;
    c0[r] = raw.scalars[r * NS + 4] === 1 ? 1 : 0;
  }
  return f;
}

/**
 * Sensitivity: for each uncertain parameter and each outcome, the difference in the outcome's
 * probability between runs with the parameter in its upper and lower quartile (same Monte
 * Carlo sample), and the rank correlation. Sorted by |effect|, then parameter, then outcome.
 */
export function sensitivity(p: Prepared, raw: RawResults, n: number): SensitivityRow[] {
  const U = p.uncertain.length;
  if (U === 0 || n < 4) return [];
  const flags = outcomeFlags(p, raw, n);
  const rows: SensitivityRow[] = [];
  const x = new Float64Array(n);
  const ry = Object.fromEntries(Object.entries(flags).map(([k, y]) => [k, flagRanks(y)]));
  for (let u = 0; u < U; u++) {
    for (let r = 0; r < n; r++) x[r] = raw.samples[r * U + u];
    const sorted = Float64Array.from(x).sort();
    const rx = ranks(x, sorted);
    const q1 = quantileSorted(sorted, 0.25);
    const q3 = quantileSorted(sorted, 0.75);
    for (const [name, y] of Object.entries(flags)) {
      let lo = 0;
      let loN = 0;
      let hi = 0;
      let hiN = 0;
      for (let r = 0; r < n; r++) {
        if (x[r] <= q1) {
          loN++;
          lo += y[r];
        }
        if (x[r] >= q3) {
          hiN++;
          hi += y[r];
        }
      }
      const pl = loN ? lo / loN : 0;
      const ph = hiN ? hi / hiN : 0;
      rows.push({
        parameter: p.uncertain[u].path,
        outcome: name,
        effect: round(ph - pl),
        p_low_quartile: round(pl),
        p_high_quartile: round(ph),
        rank_correlation: round(pearson(rx, ry[name])),
      });
    }
  }
  return rows.sort(
    (a, b) =>
      Math.abs(b.effect) - Math.abs(a.effect) ||
      a.parameter.localeCompare(b.parameter) ||
      a.outcome.localeCompare(b.outcome),
  );
}

/** Metric names as shown to users, with the actor ids filled in. */
export function metricNames(p: Prepared): string[] {
  const [a, b] = p.actors;
  return WEEK_METRICS.map((m) =>
    m
      .replace('tariff_0_on_1', `tariff_${a}_on_${b}`)
      .replace('tariff_1_on_0', `tariff_${b}_on_${a}`)
      .replace('_0_', `_${a}_`)
      .replace(/_0$/, `_${a}`)
      .replace('pain_1', `pain_${b}`)
      .replace('pain_0', `pain_${a}`),
  );
}

export function describeMetrics(p: Prepared): Record<string, string> {
  const [a, b] = p.actors;
  const n = metricNames(p);
  return {
    [n[0]]: `trade-weighted average additional duty of ${a} on imports from ${b}, percent (base-year ${a} imports from ${b})`,
    [n[1]]: `trade-weighted average additional duty of ${b} on imports from ${a}, percent`,
    [n[2]]: `share of normal rare-earth exports that gets through the licence regime (0..1; 1 = no cut)`,
    [n[3]]: p.supply.bottleneck
      ? `gross output lost by ${a}'s own rare-earth users to the cut, USD a week (bottleneck stock-flow model, as \`leverage exposure --model bottleneck\` on the same weeks; not the linear IO model's smaller \`exposure --at\` figure)`
      : `output lost in ${a}'s industries to the rare-earth cut, USD a week (linear IO model: cut x full-cut loss)`,
    [n[4]]:
      p.branches.weeks > 0
        ? `${a}'s leverage: shift of its Nash bargaining share implied by each side's loss from breakdown over the next ${p.branches.weeks} weeks (branches "agreement holds" / "breakdown" from every ${p.branches.every}th week, held between; disagreement payoff = -loss), in [-0.5, 0.5]`
        : `${a}'s leverage: shift of its Nash bargaining share from the two sides' current weekly pain (d_i = -pain_i; --leverage-branches N for the breakdown-branch version), in [-0.5, 0.5]`,
    [n[5]]: `${a}'s objective-weighted pain, USD a week`,
    [n[6]]: `${b}'s objective-weighted pain, USD a week`,
  };
}

/** Values stored per (metric, week) slice by computeBands: p5, p50, p95, mean. */
export const BAND_FIELDS = 4;

/**
 * Weekly bands of slices [from, to) (slice = metric * weeks + week) over the first n runs,
 * into out[slice * 4 + (0: p5, 1: p50, 2: p95, 3: mean)]. Pure per slice, so threads can
 * share the work and the result is the same.
 */
export function computeBands(raw: RawResults, n: number, from: number, to: number, out: Float64Array): void {
  const scratch = new Float64Array(Math.max(1, n));
  const R = raw.runs;
  for (let s = from; s < to; s++) {
    const b = band(raw.weekly.subarray(s * R, s * R + n), scratch);
    out[s * BAND_FIELDS] = b.p5;
    out[s * BAND_FIELDS + 1] = b.p50;
    out[s * BAND_FIELDS + 2] = b.p95;
    out[s * BAND_FIELDS + 3] = b.mean;
  }
}

/** Reduce the first `n` runs (a complete run prefix) in run order; `bands` if computeBands already ran. */
export function reduce(
  p: Prepared,
  raw: RawResults,
  n: number,
  o: { seed: number; runs_requested: number; basis: string[] },
  bands?: Float64Array,
): MonteCarloResult {
  const W = p.horizon_weeks;
  const names = metricNames(p);
  const weeks: WeekRow[] = [];
  let bd = bands;
  if (!bd) {
    bd = new Float64Array(BAND_FIELDS * NM * W);
    computeBands(raw, n, 0, NM * W, bd);
  }
  for (let w = 0; w < W; w++) {
    const row: WeekRow = { week: w, date: p.week_dates[w] };
    for (let m = 0; m < NM; m++) {
      const s = (m * W + w) * BAND_FIELDS;
      row[names[m]] = { p5: bd[s], p50: bd[s + 1], p95: bd[s + 2], mean: bd[s + 3] };
    }
    weeks.push(row);
  }
  let fwBy = 0;
  let fwAny = 0;
  let truce = 0;
  let esc = 0;
  const first = [0, 0, 0, 0];
  const fwCurve = new Float64Array(W);
  const truceCurve = new Float64Array(W);
  const escCurve = new Float64Array(W);
  let struck = 0;
  const struckCurve = new Float64Array(W);
  for (let r = 0; r < n; r++) {
    const fw = raw.scalars[r * NS];
    const te = raw.scalars[r * NS + 1];
    const es = raw.scalars[r * NS + 2];
    if (fw >= 0) {
      fwAny++;
      if (fw <= p.framework_by_week) fwBy++;
      fwCurve[fw]++;
    }
    if (te >= 0) {
      truce++;
      truceCurve[te]++;
    }
    if (es >= 0) {
      esc++;
      escCurve[es]++;
    }
    first[raw.scalars[r * NS + 4]]++;
    const sd = raw.scalars[r * NS + 3];
    if (sd >= 0) {
      struck++;
      struckCurve[sd]++;
    }
  }
  const cum = (c: Float64Array) => {
    const out: number[] = [];
    let s = 0;
    for (let w = 0; w < W; w++) {
      s += c[w];
      out.push(round(n ? s / n : 0));
    }
    return out;
  };
  const [a, b] = p.actors;
  return {
    scenario: p.scenario_id,
    seed: o.seed,
    generator: GENERATOR_NAME,
    runs_requested: o.runs_requested,
    runs_completed: n,
    complete: n === o.runs_requested,
    actors: p.actors,
    start: p.start,
    horizon_weeks: W,
    metrics: describeMetrics(p),
    weeks,
    outcomes: {
      framework: { agreement: p.agreements.ids[p.framework] ?? null, by: p.framework_by, ...prob(fwBy, n) },
      framework_within_horizon: prob(fwAny, n),
      truce_collapses: { agreement: p.agreements.ids[p.truce] ?? null, ...prob(truce, n) },
      escalation_above_april_2025_peak: {
        ...prob(esc, n),
        peak_pct: { [`${a}_on_${b}`]: round(p.peak_pct[0]), [`${b}_on_${a}`]: round(p.peak_pct[1]) },
        peak_dates: { [`${a}_on_${b}`]: p.peak_dates[0], [`${b}_on_${a}`]: p.peak_dates[1] },
      },
      first_concession: {
        [a]: round(n ? first[1] / n : 0),
        [b]: round(n ? first[2] / n : 0),
        same_week: round(n ? first[3] / n : 0),
        neither: round(n ? first[0] / n : 0),
      },
      struck_down: { challenges: [...p.litigation.ids], ...prob(struck, n) },
    },
    curves: {
      framework_approved_by_week: cum(fwCurve),
      truce_ended_by_week: cum(truceCurve),
      escalated_by_week: cum(escCurve),
      struck_down_by_week: cum(struckCurve),
    },
    sensitivity: sensitivity(p, raw, n),
    strategies: { [a]: { ...p.strategies[0] }, [b]: { ...p.strategies[1] } },
    uncertain: p.uncertain.map((u) => ({
      path: u.path,
      distribution: u.distribution,
      provenance: u.provenance,
    })),
    basis: o.basis,
  };
}
