import { createStream, deriveSeed } from '../random/index.ts';
import { GameInputError } from './errors.ts';
import { PairHistory, playInto, validateMatchOptions } from './match.ts';
import type { MatchTotals } from './match.ts';
import { instantiate, specLabel } from './registry.ts';
import type { StrategySpec } from './registry.ts';
import { symmetricStageGame } from './stageGame.ts';
import type { StageGame, Strategy } from './types.ts';

export interface MoranOptions {
  /** The initial population, one entry per individual. */
  population: readonly StrategySpec[];
  turns: number;
  noise?: number;
  seed?: number;
  /** Stop after this many birth-death steps if no strategy has fixated. */
  maxSteps?: number;
  game?: StageGame;
}

export interface MoranResult {
  /** Distinct strategies (labels), in order of first appearance. */
  strategies: string[];
  /** counts[s][k]: individuals playing strategy s after k steps (k = 0 is the start). */
  counts: number[][];
  steps: number;
  /** Label of the strategy that took over the population, or null if maxSteps was reached. */
  fixated: string | null;
  seed: number;
}

/**
 * Moran process (Moran 1958; Nowak 2006, ch. 6), birth-death, without mutation (the setting
 * of Axelrod's `MoranProcess`; its random stream and selection details are not reproduced).
 * Each step every pair of distinct individuals plays one match; an individual's fitness is
 * its total score; one individual is chosen to reproduce with probability proportional to
 * fitness (uniformly if all fitnesses are 0), one is chosen
 * uniformly at random (any individual, the parent included) to die and is replaced by a
 * copy of the parent. Repeats until one strategy remains or `maxSteps`.
 * Randomness: selection uses stream 0 of the seed; the match between individuals i < j at
 * step s uses match-stream index 1 + (s * N + i) * N + j.
 */
export function moranProcess(opts: MoranOptions): MoranResult {
  const N = opts.population.length;
  if (N < 2) throw new GameInputError(`moran: expected a population of at least 2, got ${N}`);
  validateMatchOptions(opts);
  const noise = opts.noise ?? 0;
  const seed = opts.seed ?? 0;
  const maxSteps = opts.maxSteps ?? 10_000;
  if (!Number.isInteger(maxSteps) || maxSteps < 0)
    throw new GameInputError(`maxSteps: expected a non-negative integer, got ${maxSteps}`);
  const game = opts.game ?? symmetricStageGame();
  const labels = opts.population.map(specLabel);
  const strategies = [...new Set(labels)];
  const specOf = new Map<string, StrategySpec>();
  opts.population.forEach((s, i) => specOf.set(labels[i], s));
  const typeOf = Int32Array.from(labels, (l) => strategies.indexOf(l));
  const K = strategies.length;
  const instA: Strategy[] = strategies.map((l) => instantiate(specOf.get(l) as StrategySpec));
  const instB: Strategy[] = strategies.map((l) => instantiate(specOf.get(l) as StrategySpec));
  const deterministic = noise === 0 && instA.every((s) => !s.stochastic);
  // Deterministic noise-free matches depend only on the two strategies: cache by type pair.
  const cache = new Map<number, [number, number]>();
  const hist = new PairHistory();
  const tot: MatchTotals = { turns: 0, scoreA: 0, scoreB: 0, coopA: 0, coopB: 0 };
  const rng = createStream(seed, 0);
  const counts = strategies.map(() => [] as number[]);
  const record = (): void => {
    const c = new Array<number>(K).fill(0);
    for (let i = 0; i < N; i++) c[typeOf[i]]++;
    c.forEach((x, s) => counts[s].push(x));
  };
  record();
  const fitness = new Float64Array(N);
  let step = 0;
  const fixatedType = (): number => {
    for (let i = 1; i < N; i++) if (typeOf[i] !== typeOf[0]) return -1;
    return typeOf[0];
  };
  while (fixatedType() < 0 && step < maxSteps) {
    fitness.fill(0);
    for (let i = 0; i < N; i++) {
      for (let j = i + 1; j < N; j++) {
        const ti = typeOf[i];
        const tj = typeOf[j];
        let sa: number;
        let sb: number;
        const key = ti * K + tj;
        const hit = deterministic ? cache.get(key) : undefined;
        if (hit) [sa, sb] = hit;
        else {
          playInto(
            instA[ti],
            instB[tj],
            game,
            { turns: opts.turns, probEnd: 0, noise, seed, streamIndex: 1 + (step * N + i) * N + j },
            hist,
            tot,
          );
          sa = tot.scoreA;
          sb = tot.scoreB;
          if (deterministic) cache.set(key, [sa, sb]);
        }
        fitness[i] += sa;
        fitness[j] += sb;
      }
    }
    let total = 0;
    for (let i = 0; i < N; i++) total += Math.max(0, fitness[i]);
    let parent = N - 1;
    if (total > 0) {
      let u = rng.nextDouble() * total;
      for (let i = 0; i < N; i++) {
        u -= Math.max(0, fitness[i]);
        if (u < 0) {
          parent = i;
          break;
        }
      }
    } else parent = rng.nextInt(N);
    const dead = rng.nextInt(N);
    typeOf[dead] = typeOf[parent];
    step++;
    record();
  }
  const f = fixatedType();
  return { strategies, counts, steps: step, fixated: f >= 0 ? strategies[f] : null, seed };
}

export interface MoranFixationResult {
  strategies: string[];
  runs: number;
  /** fixations[s]: runs in which strategy s took over. */
  fixations: number[];
  /** fixations / runs. */
  fixation_probability: number[];
  /** Runs that reached maxSteps without fixation. */
  unfixed: number;
  /** Mean number of steps of the runs that fixated. */
  mean_steps_to_fixation: number;
  seed: number;
}

/**
 * Fixation probabilities by replication: `runs` independent Moran processes, run r seeded
 * with deriveSeed(seed, r). In a neutral population (all payoffs equal) the probability that a
 * strategy held by i of N individuals takes over is i/N (Moran 1958), a check on the process.
 */
export function moranFixation(opts: MoranOptions & { runs: number }): MoranFixationResult {
  const { runs } = opts;
  if (!Number.isInteger(runs) || runs < 1 || runs > 1_000_000)
    throw new GameInputError(`runs: expected an integer in [1, 1000000], got ${runs}`);
  const seed = opts.seed ?? 0;
  let strategies: string[] = [];
  let fixations: number[] = [];
  let unfixed = 0;
  let steps = 0;
  for (let r = 0; r < runs; r++) {
    const res = moranProcess({ ...opts, seed: deriveSeed(seed, r) });
    if (r === 0) {
      strategies = res.strategies;
      fixations = new Array<number>(strategies.length).fill(0);
    }
    if (res.fixated === null) unfixed++;
    else {
      fixations[strategies.indexOf(res.fixated)]++;
      steps += res.steps;
    }
  }
  const fixed = runs - unfixed;
  return {
    strategies,
    runs,
    fixations,
    fixation_probability: fixations.map((f) => f / runs),
    unfixed,
    mean_steps_to_fixation: fixed > 0 ? steps / fixed : NaN,
    seed,
  };
}
