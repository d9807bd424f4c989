// ABC-SMC with model choice (Toni et al. 2009, J. R. Soc. Interface 6:187; weights and the
// kernel width of Beaumont et al. 2009, Biometrika 96:983): a population of particles (a model
// and its parameter vector) is moved towards the observed summary statistics through a falling
// tolerance; each generation's tolerance is a quantile of the previous generation's distances.
// Pure: the caller supplies each model's prior and simulator; one seeded stream per draw, so the
// result depends on the seed only.
import { createStream, deriveSeed, type RandomStream } from '../random/index.ts';
import { drawUncertain, type ResolvedUncertain } from '../simulate/index.ts';

/** A prior: a distribution truncated to [lo, hi] (the simulator's uncertain-parameter shape). */
export type Prior = Pick<ResolvedUncertain, 'path' | 'distribution' | 'lo' | 'hi'> & { integer?: boolean };

export interface AbcModel {
  name: string;
  priors: Prior[];
  /** Summary statistics of one simulation with these parameter values (`draw` seeds its noise). */
  simulate: (values: Float64Array, draw: number) => Float64Array;
}

export interface AbcOptions {
  particles: number;
  generations: number;
  seed: number;
  /** Quantile of the previous generation's distances that sets the next tolerance (0.5: the median). */
  quantile?: number;
  /** Stop early when a generation needs more than this many simulations (the budget). */
  maxSimulations?: number;
  /** Probability that a perturbed particle keeps its model (Toni et al.'s model kernel). */
  modelStay?: number;
  onProgress?: (simulations: number, generation: number, accepted: number) => void;
}

export interface Particle {
  model: number;
  values: number[];
  weight: number;
  distance: number;
  stats: number[];
}

export interface Generation {
  tolerance: number;
  simulations: number;
  acceptance: number;
  model_probabilities: number[];
  particles: Particle[];
}

export interface AbcResult {
  /** Scale of each statistic in the distance: its median absolute deviation under the prior predictive. */
  scale: number[];
  generations: Generation[];
  simulations: number;
}

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

function logGamma(x: number): number {
  // Lanczos approximation (g = 7, n = 9), accurate to ~1e-15 for x > 0
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let a = c[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Log density of a prior at x (-Infinity outside its support or its [lo, hi] range; truncation mass ignored). */
export function logPrior(u: Prior, x: number): number {
  if (!(x >= u.lo && x <= u.hi)) return -Infinity;
  const d = u.distribution;
  switch (d.kind) {
    case 'normal':
      return -LOG_SQRT_2PI - Math.log(d.sd) - 0.5 * ((x - d.mean) / d.sd) ** 2;
    case 'lognormal':
      if (x <= 0) return -Infinity;
      return -LOG_SQRT_2PI - Math.log(d.sigma * x) - 0.5 * ((Math.log(x) - d.mu) / d.sigma) ** 2;
    case 'uniform':
      return x < d.low || x > d.high ? -Infinity : -Math.log(d.high - d.low);
    case 'triangular': {
      if (x < d.min || x > d.max) return -Infinity;
      const f =
        x <= d.mode
          ? (2 * (x - d.min)) / ((d.max - d.min) * (d.mode - d.min || 1))
          : (2 * (d.max - x)) / ((d.max - d.min) * (d.max - d.mode || 1));
      return f > 0 ? Math.log(f) : -Infinity;
    }
    case 'beta': {
      const lo = d.low ?? 0;
      const hi = d.high ?? 1;
      const z = (x - lo) / (hi - lo);
      if (z <= 0 || z >= 1) return -Infinity;
      const lb = logGamma(d.alpha) + logGamma(d.beta) - logGamma(d.alpha + d.beta);
      return (d.alpha - 1) * Math.log(z) + (d.beta - 1) * Math.log(1 - z) - lb - Math.log(hi - lo);
    }
  }
}

function drawPrior(u: Prior, rng: RandomStream): number {
  return drawUncertain({ ...u, slot: -1, provenance: '' }, rng);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? NaN : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return Infinity;
  const h = (s.length - 1) * q;
  const i = Math.floor(h);
  return i + 1 < s.length ? s[i] + (h - i) * (s[i + 1] - s[i]) : s[i];
}

/** Scaled Euclidean distance between statistics. */
export function distance(sim: ArrayLike<number>, obs: ArrayLike<number>, scale: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < obs.length; i++) {
    const z = (sim[i] - obs[i]) / scale[i];
    s += z * z;
  }
  return Math.sqrt(s);
}

/** Pick an index with probability proportional to w (w sums to total). */
function pick(w: number[], total: number, u: number): number {
  let acc = 0;
  const target = u * total;
  for (let i = 0; i < w.length; i++) {
    acc += w[i];
    if (target < acc) return i;
  }
  return w.length - 1;
}

/** Run ABC-SMC. Generation 0 samples the priors (uniform over models) and accepts everything. */
export function abcSmc(models: AbcModel[], observed: ArrayLike<number>, o: AbcOptions): AbcResult {
  const N = o.particles;
  const M = models.length;
  const q = o.quantile ?? 0.5;
  const stay = M > 1 ? (o.modelStay ?? 0.7) : 1;
  const budget = o.maxSimulations ?? Infinity;
  let sims = 0;
  // draw streams: one per proposal, numbered in order, so the result is the seed's alone; the
  // proposals use a child seed so that they never share a stream with the simulations
  const proposals = deriveSeed(o.seed, 1);
  const stream = (g: number, k: number) => createStream(proposals, g * 1_000_000_007 + k);
  const simulate = (m: number, v: Float64Array, g: number, k: number) => {
    sims++;
    return models[m].simulate(v, g * 1_000_000_007 + k);
  };

  // generation 0: the prior predictive
  const g0: Particle[] = [];
  for (let k = 0; k < N; k++) {
    const rng = stream(0, k);
    const m = Math.min(M - 1, Math.floor(rng.nextDouble() * M));
    const v = Float64Array.from(models[m].priors, (u) => drawPrior(u, rng));
    const s = simulate(m, v, 0, k);
    g0.push({ model: m, values: [...v], weight: 1 / N, distance: NaN, stats: [...s] });
    o.onProgress?.(sims, 0, g0.length);
  }
  const scale = Array.from(observed, (_, i) => {
    const col = g0.map((p) => p.stats[i]);
    const med = median(col);
    const mad = median(col.map((x) => Math.abs(x - med)));
    // a statistic the prior barely moves still counts, on the scale of its own spread or of 1
    if (mad > 0) return mad;
    const sd = Math.sqrt(col.reduce((a, x) => a + (x - med) ** 2, 0) / Math.max(1, col.length));
    return sd > 0 ? sd : 1;
  });
  for (const p of g0) p.distance = distance(p.stats, observed, scale);
  const gens: Generation[] = [
    {
      tolerance: Infinity,
      simulations: N,
      acceptance: 1,
      model_probabilities: modelProbabilities(g0, M),
      particles: g0,
    },
  ];

  for (let g = 1; g < o.generations; g++) {
    const prev = gens[g - 1];
    const eps = quantile(
      prev.particles.map((p) => p.distance),
      q,
    );
    const pm = prev.model_probabilities;
    const alive = pm.map((x) => x > 0);
    const nAlive = alive.filter(Boolean).length;
    // per model: its particles, normalised weights and the kernel's sd (twice the weighted variance)
    const byModel = models.map((mod, m) => {
      const ps = prev.particles.filter((p) => p.model === m);
      const tot = ps.reduce((a, p) => a + p.weight, 0);
      const w = ps.map((p) => p.weight / (tot || 1));
      const sd = mod.priors.map((_, i) => {
        const mean = ps.reduce((a, p, j) => a + w[j] * p.values[i], 0);
        const v = ps.reduce((a, p, j) => a + w[j] * (p.values[i] - mean) ** 2, 0);
        return v > 0 ? Math.sqrt(2 * v) : 1e-3 * Math.max(1, Math.abs(mean));
      });
      return { ps, w, sd };
    });
    const modelKernel = (to: number, from: number) =>
      !alive[to] ? 0 : nAlive === 1 ? 1 : to === from ? stay : (1 - stay) / (nAlive - 1);
    const next: Particle[] = [];
    const start = sims;
    let k = 0;
    while (next.length < N) {
      if (sims - start >= budget) break;
      const rng = stream(g, k);
      // a model from the previous marginal, moved by the model kernel
      const from = pick(pm, 1, rng.nextDouble());
      let m = from;
      if (nAlive > 1 && rng.nextDouble() >= stay) {
        const others = alive.map((a, i) => (a && i !== from ? i : -1)).filter((i) => i >= 0);
        m = others[Math.min(others.length - 1, Math.floor(rng.nextDouble() * others.length))];
      }
      const bm = byModel[m];
      const j = pick(bm.w, 1, rng.nextDouble());
      const base = bm.ps[j].values;
      const v = Float64Array.from(base, (x, i) => x + bm.sd[i] * rng.normal(0, 1));
      const pri = models[m].priors;
      let lp = 0;
      for (let i = 0; i < pri.length; i++) lp += logPrior(pri[i], v[i]);
      k++;
      if (lp === -Infinity) continue; // outside the prior: no simulation spent
      const s = simulate(m, v, g, k);
      const d = distance(s, observed, scale);
      if (d <= eps) {
        // importance weight: prior over the proposal density
        let qm = 0;
        for (let m2 = 0; m2 < M; m2++) qm += pm[m2] * modelKernel(m, m2);
        let kern = 0;
        for (let jj = 0; jj < bm.ps.length; jj++) {
          let lk = 0;
          for (let i = 0; i < pri.length; i++) {
            const z = (v[i] - bm.ps[jj].values[i]) / bm.sd[i];
            lk += -0.5 * z * z - Math.log(bm.sd[i]) - LOG_SQRT_2PI;
          }
          kern += bm.w[jj] * Math.exp(lk);
        }
        const w = Math.exp(lp) / (M * qm * kern);
        next.push({
          model: m,
          values: [...v],
          weight: Number.isFinite(w) && w > 0 ? w : 0,
          distance: d,
          stats: [...s],
        });
      }
      o.onProgress?.(sims, g, next.length);
    }
    if (next.length < N) break; // the budget ran out: keep the last complete generation
    const tot = next.reduce((a, p) => a + p.weight, 0);
    for (const p of next) p.weight = tot > 0 ? p.weight / tot : 1 / N;
    gens.push({
      tolerance: eps,
      simulations: sims - start,
      acceptance: N / (sims - start),
      model_probabilities: modelProbabilities(next, M),
      particles: next,
    });
  }
  return { scale, generations: gens, simulations: sims };
}

function modelProbabilities(ps: Particle[], M: number): number[] {
  const out = new Array<number>(M).fill(0);
  let tot = 0;
  for (const p of ps) {
    out[p.model] += p.weight;
    tot += p.weight;
  }
  return out.map((x) => (tot > 0 ? x / tot : 0));
}

/** Weighted mean and sd of a parameter over a population's particles of one model. */
export function weightedMoments(ps: Particle[], model: number, i: number): { mean: number; sd: number } {
  const sel = ps.filter((p) => p.model === model);
  const tot = sel.reduce((a, p) => a + p.weight, 0);
  const mean = sel.reduce((a, p) => a + p.weight * p.values[i], 0) / tot;
  const v = sel.reduce((a, p) => a + p.weight * (p.values[i] - mean) ** 2, 0) / tot;
  return { mean, sd: Math.sqrt(v) };
}
