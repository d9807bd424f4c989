// Proper scores of binary and continuous forecasts, bootstrap intervals over questions, and a
// reliability table. Every forecaster (the model and each baseline) is scored by the same code.
import { inputError } from '../errors/index.ts';
import { createStream } from '../random/index.ts';

/** Log loss clips probabilities to [0.001, 0.999] (issue 13), so one confident miss costs at most ln 1000. */
export const CLIP_LO = 0.001;
export const CLIP_HI = 0.999;

/** Brier score of one binary forecast: (p - o)^2. */
export function brier(p: number, outcome: boolean): number {
  const o = outcome ? 1 : 0;
  return (p - o) * (p - o);
}

/** Log loss of one binary forecast: -ln p' if it happened, -ln(1 - p') if not; p' = p clipped. */
export function logLoss(p: number, outcome: boolean): number {
  const c = p < CLIP_LO ? CLIP_LO : p > CLIP_HI ? CLIP_HI : p;
  return -Math.log(outcome ? c : 1 - c);
}

/**
 * CRPS of an equally weighted ensemble x against the outcome y, in closed form
 * CRPS = E|X - y| - 0.5 E|X - X'| (Gneiting & Raftery 2007, eq. 21), with the pair sum from
 * the sorted sample: sum_i sum_j |x_i - x_j| = 2 sum_i x_(i) (2i - n - 1), i = 1..n.
 */
export function crpsEnsemble(x: ArrayLike<number>, y: number): number {
  const n = x.length;
  if (n === 0) throw inputError('CRPS needs at least one ensemble member');
  const s = Float64Array.from(x).sort();
  let abs = 0;
  let pairs = 0;
  for (let i = 0; i < n; i++) {
    abs += Math.abs(s[i] - y);
    pairs += s[i] * (2 * (i + 1) - n - 1);
  }
  return abs / n - pairs / (n * n);
}

export function mean(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/** 1 - S / S_ref (a skill score; > 0 beats the reference). Null when the reference scores perfectly. */
export function skill(score: number, ref: number): number | null {
  return ref > 0 ? 1 - score / ref : null;
}

export interface Interval {
  lo: number;
  hi: number;
}

/**
 * Percentile bootstrap over questions: resample the n questions with replacement B times and
 * take the 5th and 95th percentiles of `stat` over the resamples (a 90% interval). The resample
 * indices come from the seeded stream, so the interval is reproducible.
 */
export function bootstrap(
  n: number,
  stat: (idx: Int32Array) => number | null,
  seed: number,
  stream: number,
  B = 1000,
): Interval | null {
  if (n === 0) return null;
  const rng = createStream(seed, stream);
  const idx = new Int32Array(n);
  const vals: number[] = [];
  for (let b = 0; b < B; b++) {
    for (let i = 0; i < n; i++) idx[i] = Math.min(n - 1, Math.floor(rng.uniform(0, n)));
    const v = stat(idx);
    if (v !== null && Number.isFinite(v)) vals.push(v);
  }
  if (vals.length === 0) return null;
  vals.sort((a, b) => a - b);
  const q = (p: number) => {
    const h = (vals.length - 1) * p;
    const lo = Math.floor(h);
    const hi = Math.min(vals.length - 1, lo + 1);
    return vals[lo] + (h - lo) * (vals[hi] - vals[lo]);
  };
  return { lo: q(0.05), hi: q(0.95) };
}

export interface ReliabilityBin {
  bin: string;
  lo: number;
  hi: number;
  count: number;
  mean_forecast: number | null;
  observed_share: number | null;
}

/** Forecasts in ten bins of width 0.1 (the last includes 1) against the observed frequency of yes. */
export function reliability(ps: readonly number[], outcomes: readonly boolean[]): ReliabilityBin[] {
  const bins: ReliabilityBin[] = [];
  for (let b = 0; b < 10; b++) {
    const lo = b / 10;
    const hi = (b + 1) / 10;
    let n = 0;
    let sp = 0;
    let so = 0;
    ps.forEach((p, i) => {
      const k = Math.min(9, Math.floor(p * 10 + 1e-12));
      if (k !== b) return;
      n++;
      sp += p;
      so += outcomes[i] ? 1 : 0;
    });
    bins.push({
      bin: `${lo.toFixed(1)}-${hi.toFixed(1)}`,
      lo,
      hi,
      count: n,
      mean_forecast: n ? sp / n : null,
      observed_share: n ? so / n : null,
    });
  }
  return bins;
}
