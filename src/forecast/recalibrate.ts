// Prequential recalibration: the printed probability is a linear pool of the simulator's share of
// runs and the three baselines (persistence, schedule, coin), with weights fitted at each origin on
// the questions already resolved by then, using only what was known on the origin (each question's
// forecasts from its own origin, its outcome as read by the view of the first origin after it resolved).
//
//   p' = w_sim p_sim + w_per p_per + w_sch p_sch + w_coin / 2,   w >= 0, sum w = 1
//
// w minimises the Brier score on the track plus a ridge towards the prior pool w0:
//
//   F(w) = sum_i (w . p_i - o_i)^2 + (k / 4) |w - w0|^2
//
// (k / 4: k pseudo-questions at full leverage, (1/2)^2 each). F is a convex quadratic on the
// simplex; its minimum is found exactly by solving the equality-constrained problem on every
// support and keeping the best feasible one (4 sources: 15 supports). Linear pools of forecasts
// with fitted weights: Ranjan & Gneiting (2010), J. R. Stat. Soc. B 72(1); prequential
// assessment: Dawid (1984), J. R. Stat. Soc. A 147(2); equal weights as the robust default of
// forecast combination: Clemen (1989), Int. J. Forecasting 5(4).
import { luFactor, luSolve } from '../supply/index.ts';
import type { ShippedTrade } from '../trade/index.ts';
import { BASELINES, baselineForecast } from './baselines.ts';
import { byOrigin, type ForecastResult, type PoolWeights, type ViewOn } from './forecast.ts';
import { resolveQuestion } from './resolve.ts';
import type { Question, QuestionFile } from './schema.ts';

export const POOL_SOURCES = ['simulated', 'persistence', 'schedule', 'coin'] as const;
export type PoolSource = (typeof POOL_SOURCES)[number];

/**
 * Assumption (fixed before any scoring, not fitted): with no track, an equal pool of the four
 * sources (the robust default of forecast combination), worth k = 4 questions of the track; k in
 * 2-8 is reasonable (one origin of the built-in set holds 6-8 questions).
 */
export const RECALIBRATION_PRIOR = {
  weights: { simulated: 0.25, persistence: 0.25, schedule: 0.25, coin: 0.25 } as PoolWeights,
  pseudo_questions: 4,
} as const;

export interface TrackPoint {
  /** The sources' probabilities, in POOL_SOURCES order. */
  p: readonly number[];
  outcome: boolean;
}

/** Solve the small dense system M x = b (M positive definite here: the ridge). */
function solve(m: number[][], b: number[]): number[] {
  const n = b.length;
  return Array.from(luSolve(luFactor(Float64Array.from(m.flat()), n, true), Float64Array.from(b)));
}

/** The pool weights minimising F on the simplex (closed form per support, best feasible support). */
export function poolWeights(
  track: readonly TrackPoint[],
  prior: { weights: PoolWeights; pseudo_questions: number } = RECALIBRATION_PRIOR,
): PoolWeights {
  const K = POOL_SOURCES.length;
  const w0 = POOL_SOURCES.map((s) => prior.weights[s]);
  const lambda = prior.pseudo_questions / 4;
  // A = sum p p^T, c = sum o p, e = sum o^2: F(w) = w^T A w - 2 c^T w + e + lambda |w - w0|^2
  const A = Array.from({ length: K }, () => new Array<number>(K).fill(0));
  const c = new Array<number>(K).fill(0);
  let e = 0;
  for (const t of track) {
    const o = t.outcome ? 1 : 0;
    e += o;
    for (let i = 0; i < K; i++) {
      c[i] += o * t.p[i];
      for (let j = 0; j < K; j++) A[i][j] += t.p[i] * t.p[j];
    }
  }
  const F = (w: number[]) => {
    let f = e;
    for (let i = 0; i < K; i++) {
      f += lambda * (w[i] - w0[i]) ** 2 - 2 * c[i] * w[i];
      for (let j = 0; j < K; j++) f += w[i] * A[i][j] * w[j];
    }
    return f;
  };
  let best: number[] | null = null;
  let bestF = Infinity;
  for (let mask = 1; mask < 1 << K; mask++) {
    const S = [...Array(K).keys()].filter((i) => mask & (1 << i));
    // stationarity on the support: (A_S + lambda I) w_S = c_S + lambda w0_S + nu 1, with 1^T w_S = 1
    const M = S.map((i) => S.map((j) => A[i][j] + (i === j ? lambda : 0)));
    const u = solve(
      M,
      S.map((i) => c[i] + lambda * w0[i]),
    );
    const v = solve(
      M,
      S.map(() => 1),
    );
    const nu = (1 - u.reduce((a, x) => a + x, 0)) / v.reduce((a, x) => a + x, 0);
    const ws = u.map((x, k) => x + nu * v[k]);
    if (ws.some((x) => x < -1e-12)) continue;
    const w = new Array<number>(K).fill(0);
    S.forEach((i, k) => (w[i] = Math.max(0, ws[k])));
    const f = F(w);
    if (f < bestF - 1e-15) {
      bestF = f;
      best = w;
    }
  }
  const w = best!;
  const sum = w.reduce((a, x) => a + x, 0);
  return Object.fromEntries(POOL_SOURCES.map((s, i) => [s, w[i] / sum])) as unknown as PoolWeights;
}

/** The pooled probability of sources given in POOL_SOURCES order. */
export function pooled(p: readonly number[], w: PoolWeights): number {
  let s = 0;
  POOL_SOURCES.forEach((src, i) => (s += w[src] * p[i]));
  return Math.min(1, Math.max(0, s));
}

export const REFERENCE_TRACK_BASIS =
  "the pool's track also holds the built-in question set's questions resolved before each origin (the same scenario; what the forecaster had answered and seen resolve by then); origins[].recalibration.reference_questions counts them";

export const RECALIBRATION_BASIS =
  'P(yes) is recalibrated prequentially: a linear pool of the simulated share of runs (p_simulated) and the persistence, schedule and coin baselines, with weights on the simplex fitted at each origin on the questions of the set resolved before it (least squares on Brier with a ridge towards an equal pool worth 4 questions; an assumption), origins[].recalibration gives the weights';

/**
 * Questions of another file about the same scenario whose track also counts (the built-in set
 * when a held-out file is scored): what the forecaster knew at an origin is every question it
 * had answered and seen resolve by then, not only this file's. Their own forecasts (shares of
 * runs from their own origins) come with them.
 */
export interface ReferenceTrack {
  questions: QuestionFile;
  result: Pick<ForecastResult, 'forecasts'>;
}

// a question's identity apart from its id and wording: a held-out file that repeats a reference
// question counts it once
const signature = (q: Question) => JSON.stringify([q.asked, q.resolves, q.measure]);

/**
 * Recalibrate a forecast document origin by origin. Returns a new document: p_yes pooled,
 * p_simulated the share of runs, origins[].recalibration the weights and the track's size.
 */
export function recalibrateForecast(
  file: QuestionFile,
  result: ForecastResult,
  viewOn: ViewOn,
  data: ShippedTrade,
  reference?: ReferenceTrack,
): ForecastResult {
  const own = [...byOrigin(file).values()].flat();
  const seen = new Set(own.map(signature));
  const refQuestions = reference
    ? [...byOrigin(reference.questions).values()].flat().filter((q) => !seen.has(signature(q)))
    : [];
  // keys: own ids as they are, reference ids prefixed (ids may repeat across files)
  const entries: { key: string; q: Question; reference: boolean }[] = [
    ...own.map((q) => ({ key: q.id, q, reference: false })),
    ...refQuestions.map((q) => ({ key: `reference:${q.id}`, q, reference: true })),
  ];
  const ownById = new Map(result.forecasts.map((f) => [f.id, f]));
  const refById = new Map((reference?.result.forecasts ?? []).map((f) => [f.id, f]));
  // each question's sources, from its own origin's view
  const sources = new Map(
    entries.map(({ key, q, reference: isRef }) => {
      const f = (isRef ? refById : ownById).get(q.id);
      if (!f) throw new Error(`recalibration: no forecast for question ${q.id}`);
      const view = viewOn(q.asked);
      const base = Object.fromEntries(
        BASELINES.map((b) => [b, baselineForecast(b, q, view, data, undefined).p_yes]),
      ) as Record<(typeof BASELINES)[number], number>;
      return [key, [f.p_simulated ?? f.p_yes, base.persistence, base.schedule, base.coin]];
    }),
  );
  // each resolved question read once, on the view of the first origin after it resolves: what
  // was known then (a later origin's fit reads it as it was first known, never a later ledger)
  const origins = result.origins.map((o) => o.origin).sort();
  const outcome = new Map<string, boolean>();
  for (const { key, q } of entries) {
    const first = origins.find((d) => q.resolves < d);
    if (first === undefined) continue;
    const r = resolveQuestion(q, viewOn(first), data);
    if (r.outcome !== 'unresolved') outcome.set(key, r.outcome);
  }
  const fitted = new Map<string, NonNullable<ForecastResult['origins'][number]['recalibration']>>();
  for (const d of origins) {
    const known = entries.filter((e) => e.q.resolves < d && outcome.has(e.key));
    const track: TrackPoint[] = known.map((e) => ({ p: sources.get(e.key)!, outcome: outcome.get(e.key)! }));
    fitted.set(d, {
      weights: poolWeights(track),
      track_questions: track.length,
      reference_questions: known.filter((e) => e.reference).length,
      prior_weights: RECALIBRATION_PRIOR.weights,
      prior_pseudo_questions: RECALIBRATION_PRIOR.pseudo_questions,
    });
  }
  const basis = reference ? [RECALIBRATION_BASIS, REFERENCE_TRACK_BASIS] : [RECALIBRATION_BASIS];
  return {
    ...result,
    origins: result.origins.map((o) => ({ ...o, recalibration: fitted.get(o.origin)! })),
    forecasts: result.forecasts.map((f) => {
      const p = sources.get(f.id)!;
      return { ...f, p_yes: pooled(p, fitted.get(f.asked)!.weights), p_simulated: p[0] };
    }),
    basis: [
      ...result.basis.filter((b) => b !== RECALIBRATION_BASIS && b !== REFERENCE_TRACK_BASIS),
      ...basis,
    ],
  };
}
