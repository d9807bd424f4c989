// Calibration of a scenario as known on a date D: ABC-SMC over its uncertain parameters (each
// labelled with a prior) and its discrete structure (China's strategy, the renewal rule), fitted
// to summary statistics of the history known on D: the view's own ledger replayed through the
// simulator from `from` to D, against the strategies playing from the same start.
import { toEpochDay, type Scenario } from '../model/index.ts';
import { createStream, deriveSeed } from '../random/index.ts';
import {
  Simulator,
  prepareScenario,
  quantileSorted,
  resolveConfig,
  scriptFromLedger,
  withStrategies,
  type PrepareOptions,
  type Prepared,
} from '../simulate/index.ts';
import { abcSmc, type AbcModel, type Prior } from './abc.ts';
import { pathStatistics, statisticNames, type StatisticInfo } from './history.ts';

/**
 * Where the compared history starts when the scenario names no warm-up: inauguration day 2025
 * (notes/validation.md). With a warm-up (the built-in: Liberation Day, 2025-04-02) the history
 * starts there: from the January state no move on the menus escalates for any prior draw, so
 * the weeks before carry no information about the parameters (measured: every statistic constant).
 */
export const DEFAULT_CALIBRATION_FROM = '2025-01-20';
export const DEFAULT_PARTICLES = 300;
export const DEFAULT_GENERATIONS = 5;
/** Alternative strategies for the second actor (China) tried as discrete structure. */
export const STRUCTURE_STRATEGIES = ['PainReactive', 'FightOrTalk'] as const;
export const STRUCTURE_RENEWAL = ['compare_costs', 'extend_if_cooperating'] as const;
const PREDICTIVE_DRAWS = 200;

export interface Structure {
  strategies: Record<string, string>;
  on_expiry: string;
}

export interface CalibrateOptions {
  seed: number;
  particles?: number;
  generations?: number;
  from?: string;
  /** Stop a generation after this many simulations. */
  maxSimulations?: number;
  supply?: PrepareOptions['supply'];
  onProgress?: (simulations: number, generation: number, accepted: number) => void;
}

export interface Quantiles3 {
  p5: number;
  p50: number;
  p95: number;
}

export interface PosteriorModel {
  structure: Structure;
  probability: number;
  parameters: {
    path: string;
    prior: string;
    posterior_mean: number | null;
    posterior_sd: number | null;
    posterior_p5: number | null;
    posterior_p95: number | null;
  }[];
}

export interface Posterior {
  kind: 'posterior';
  scenario: string;
  /** The vintage calibrated on: the scenario as known on this date. */
  as_known_on: string;
  vintage_as_of: string | null;
  seed: number;
  settings: {
    particles: number;
    generations: number;
    generations_completed: number;
    from: string;
    weeks: number;
    quantile: number;
    method: string;
  };
  simulations: number;
  tolerance: number[];
  acceptance: number[];
  statistics: (StatisticInfo & {
    observed: number;
    scale: number;
    prior_predictive: Quantiles3;
    posterior_predictive: Quantiles3;
    /** Share of posterior predictive draws at or below the observed value (near 0 or 1: a misfit). */
    predictive_tail: number;
  })[];
  models: PosteriorModel[];
  /** The final population: model index, parameter values (in its model's parameter order), weight. */
  particles: { model: number; values: number[]; weight: number }[];
  basis: string[];
}

/** The view with a structure applied (strategy of each named side, renewal rule). */
export function withStructure(view: Scenario, s: Structure): Scenario {
  const sim = view.parameters.simulation!;
  const change: Record<string, { name: string }> = {};
  for (const [a, name] of Object.entries(s.strategies))
    if (sim.strategies[a]?.name !== name) change[a] = { name };
  const scn = Object.keys(change).length ? withStrategies(view, change).scenario : view;
  const s2 = scn.parameters.simulation!;
  if (s2.agreements.on_expiry === s.on_expiry) return scn;
  return {
    ...scn,
    parameters: {
      ...scn.parameters,
      simulation: { ...s2, agreements: { ...s2.agreements, on_expiry: s.on_expiry as 'compare_costs' } },
    },
  };
}

/** The candidate structures of a view: its own first, then the alternatives. */
export function structuresOf(view: Scenario): Structure[] {
  const cfg = resolveConfig(view);
  const sim = view.parameters.simulation!;
  const [a, b] = cfg.actors;
  const own: Structure = {
    strategies: { [a]: cfg.strategies[0].name, [b]: cfg.strategies[1].name },
    on_expiry: sim.agreements.on_expiry,
  };
  const strat = [own.strategies[b], ...STRUCTURE_STRATEGIES.filter((x) => x !== own.strategies[b])];
  // without a tracked truce no expiry is known by D: the renewal rule cannot be told apart
  const renew =
    sim.agreements.truce === undefined
      ? [own.on_expiry]
      : [own.on_expiry, ...STRUCTURE_RENEWAL.filter((x) => x !== own.on_expiry)];
  const out: Structure[] = [];
  for (const s of strat)
    for (const r of renew) out.push({ strategies: { [a]: own.strategies[a], [b]: s }, on_expiry: r });
  return out;
}

function describePrior(u: Prior): string {
  const d = u.distribution as unknown as Record<string, unknown>;
  return `${d.kind}(${Object.entries(d)
    .filter(([k]) => k !== 'kind')
    .map(([k, v]) => `${k} ${String(v)}`)
    .join(', ')})`;
}

function q3(xs: number[]): Quantiles3 {
  const s = Float64Array.from(xs).sort();
  return { p5: quantileSorted(s, 0.05), p50: quantileSorted(s, 0.5), p95: quantileSorted(s, 0.95) };
}

/** Replay the view's ledger from the start through the simulator: the observed path's statistics. */
export function observedStatistics(view: Scenario, p: Prepared): Float64Array {
  const sim = new Simulator(p);
  sim.reset();
  const script = scriptFromLedger(view, p);
  let next = 0;
  while (next < script.length && script[next].date <= p.start) next++;
  sim.play(createStream(0, 0), (w) => {
    const date = p.week_dates[w];
    while (next < script.length && script[next].date <= date) script[next++].apply(sim);
  });
  return pathStatistics(sim);
}

/** Calibrate the view as known on D (view.as_known_on). */
export async function calibrate(view: Scenario, o: CalibrateOptions): Promise<Posterior> {
  const D = view.as_known_on;
  if (!D) throw new Error('calibrate: the scenario is not a vintage view (load it with asKnownOn)');
  const from = o.from ?? view.parameters.simulation?.warmup_from ?? DEFAULT_CALIBRATION_FROM;
  const weeks = Math.floor((toEpochDay(D) - toEpochDay(from)) / 7) + 1;
  const N = o.particles ?? DEFAULT_PARTICLES;
  const G = o.generations ?? DEFAULT_GENERATIONS;
  const structures = structuresOf(view);
  const prepared: Prepared[] = [];
  for (const s of structures)
    prepared.push(
      await prepareScenario(withStructure(view, s), {
        start: from,
        weeks,
        ...(o.supply ? { supply: o.supply } : {}),
      }),
    );
  const p0 = prepared[0];
  const truce = p0.truce >= 0;
  const names = statisticNames(p0.actors as [string, string], truce);
  const observed = observedStatistics(view, p0);
  const models: AbcModel[] = prepared.map((p, m) => {
    const sim = new Simulator(p);
    return {
      name: JSON.stringify(structures[m]),
      priors: p.uncertain.map((u) => ({
        path: u.path,
        distribution: u.distribution,
        lo: u.lo,
        hi: u.hi,
        ...(u.integer ? { integer: true } : {}),
      })),
      simulate: (values, draw) => {
        sim.run(o.seed, draw, values);
        return pathStatistics(sim);
      },
    };
  });
  const quantile = 0.5;
  const res = abcSmc(models, observed, {
    particles: N,
    generations: G,
    seed: o.seed,
    quantile,
    ...(o.maxSimulations !== undefined ? { maxSimulations: o.maxSimulations } : {}),
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
  });
  const gens = res.generations;
  const last = gens[gens.length - 1];
  // posterior predictive: fresh simulations from particles resampled by weight (own streams)
  const rng = createStream(deriveSeed(o.seed, 3), 0);
  const tot = last.particles.reduce((a, p) => a + p.weight, 0);
  const pp: Float64Array[] = [];
  for (let i = 0; i < PREDICTIVE_DRAWS; i++) {
    let u = rng.nextDouble() * tot;
    let j = 0;
    while (j < last.particles.length - 1 && u >= last.particles[j].weight) u -= last.particles[j++].weight;
    const pt = last.particles[j];
    pp.push(models[pt.model].simulate(Float64Array.from(pt.values), 2_000_000_000_000 + i));
  }
  const statistics = names.map((n, i) => {
    const post = pp.map((s) => s[i]);
    return {
      ...n,
      observed: observed[i],
      scale: res.scale[i],
      prior_predictive: q3(gens[0].particles.map((p) => p.stats[i])),
      posterior_predictive: q3(post),
      predictive_tail: post.filter((x) => x <= observed[i]).length / post.length,
    };
  });
  const modelsOut: PosteriorModel[] = structures.map((s, m) => {
    const sel = last.particles.filter((p) => p.model === m);
    const wt = sel.reduce((a, p) => a + p.weight, 0);
    return {
      structure: s,
      probability: last.model_probabilities[m],
      parameters: models[m].priors.map((u, i) => {
        if (!sel.length || !(wt > 0))
          return {
            path: u.path,
            prior: describePrior(u),
            posterior_mean: null,
            posterior_sd: null,
            posterior_p5: null,
            posterior_p95: null,
          };
        const mean = sel.reduce((a, p) => a + p.weight * p.values[i], 0) / wt;
        const sd = Math.sqrt(sel.reduce((a, p) => a + p.weight * (p.values[i] - mean) ** 2, 0) / wt);
        const sorted = [...sel].sort((x, y) => x.values[i] - y.values[i]);
        const wq = (q: number) => {
          let acc = 0;
          for (const p of sorted) {
            acc += p.weight / wt;
            if (acc >= q) return p.values[i];
          }
          return sorted[sorted.length - 1].values[i];
        };
        return {
          path: u.path,
          prior: describePrior(u),
          posterior_mean: mean,
          posterior_sd: sd,
          posterior_p5: wq(0.05),
          posterior_p95: wq(0.95),
        };
      }),
    };
  });
  return {
    kind: 'posterior',
    scenario: view.id,
    as_known_on: D,
    vintage_as_of: view.as_of ?? null,
    seed: o.seed,
    settings: {
      particles: N,
      generations: G,
      generations_completed: gens.length,
      from,
      weeks,
      quantile,
      method:
        'ABC-SMC with model choice (Toni et al. 2009); Gaussian kernel, sd sqrt(2) x weighted sd (Beaumont et al. 2009); distance: Euclidean on statistics scaled by their prior-predictive MAD',
    },
    simulations: res.simulations + PREDICTIVE_DRAWS,
    tolerance: gens.map((g) => g.tolerance),
    acceptance: gens.map((g) => g.acceptance),
    statistics,
    models: modelsOut,
    particles: last.particles.map((p) => ({ model: p.model, values: p.values, weight: p.weight })),
    basis: [
      `history: the view as known on ${D} replayed through the simulator from ${from} (${weeks} weeks), its ledger's own steps; nothing announced after ${D} is read`,
      'simulations: the same weeks with the strategies playing, the uncertain parameters set to each particle',
      "structure: the second side's strategy and the renewal rule are models in the ABC model choice, each a priori equally likely",
      'question outcomes are never read',
    ],
  };
}
