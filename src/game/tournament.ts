import { GameInputError } from './errors.ts';
import { PairHistory, playInto, validateMatchOptions } from './match.ts';
import type { MatchTotals, PainSignal } from './match.ts';
import { instantiate, specLabel } from './registry.ts';
import type { StrategySpec } from './registry.ts';
import { symmetricStageGame } from './stageGame.ts';
import type { StageGame, Strategy } from './types.ts';

export interface TournamentOptions {
  players: readonly StrategySpec[];
  turns: number;
  repetitions: number;
  noise?: number;
  probEnd?: number;
  seed?: number;
  game?: StageGame;
  /**
   * When every player is deterministic, noise = 0 and the length is fixed, all repetitions
   * of a pair are provably identical (same code, same inputs, no randomness), so each pair is
   * played once and its result counted `repetitions` times. Default true; false forces the
   * full loop. The result says which was done (`pairs_played_once`).
   */
  shortcutDeterministic?: boolean;
  pain?: PainSignal;
}

export interface TournamentResult {
  players: string[];
  turns: number;
  repetitions: number;
  noise: number;
  prob_end: number;
  seed: number;
  /** Matches represented, self-play included (n(n+1)/2 x repetitions). */
  matches: number;
  /** True when the deterministic shortcut was used (each pair simulated once). */
  pairs_played_once: boolean;
  /** scores[i][r]: total payoff of i over its matches against others (self-play excluded) in repetition r. */
  scores: number[][];
  /** normalised_scores[i][r]: i's mean per-turn payoff, averaged over its n-1 opponents (Axelrod). */
  normalised_scores: number[][];
  median_normalised_score: number[];
  /** Player indices, best first: by median normalised score, ties by player order (Axelrod). */
  ranking: number[];
  ranked_players: string[];
  /** wins[i][r]: matches i won outright (strictly higher score) against others in repetition r. */
  wins: number[][];
  /** payoff_matrix[i][j]: i's mean per-turn payoff against j over repetitions (self-play on the diagonal). */
  payoff_matrix: number[][];
  /** cooperation_matrix[i][j]: share of turns on which i cooperated against j. */
  cooperation_matrix: number[][];
  /** Share of i's turns that were C, self-play excluded. */
  cooperation_rate: number[];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** A validated tournament: who plays, how, and the list of matches by index k. */
export interface TournamentPlan {
  readonly opts: TournamentOptions;
  readonly n: number;
  readonly repetitions: number;
  readonly noise: number;
  readonly probEnd: number;
  readonly seed: number;
  readonly game: StageGame;
  /** Deterministic shortcut in force: one match per pair. */
  readonly once: boolean;
  /** Number of matches to simulate: pairs (shortcut) or pairs x repetitions. */
  readonly matchCount: number;
  /** pairI[p], pairJ[p]: the players of pair p, in order (0,0), (0,1), ..., (n-1,n-1). */
  readonly pairI: Int32Array;
  readonly pairJ: Int32Array;
}

/** Values stored per simulated match by `playTournamentMatches`. */
export const TOTALS_STRIDE = 5; // turns, scoreA, scoreB, coopA, coopB

/** Validate options and lay out the matches. */
export function planTournament(opts: TournamentOptions): TournamentPlan {
  const n = opts.players.length;
  if (n < 2) throw new GameInputError(`tournament: expected at least 2 players, got ${n}`);
  validateMatchOptions(opts);
  const R = opts.repetitions;
  if (!Number.isInteger(R) || R < 1 || R > 1_000_000)
    throw new GameInputError(`repetitions: expected an integer in [1, 1000000], got ${R}`);
  const noise = opts.noise ?? 0;
  const probEnd = opts.probEnd ?? 0;
  const allDeterministic = opts.players.every((p) => !instantiate(p).stochastic);
  const once =
    (opts.shortcutDeterministic ?? true) && allDeterministic && noise === 0 && probEnd === 0 && !opts.pain;
  const pairs = (n * (n + 1)) / 2;
  const pairI = new Int32Array(pairs);
  const pairJ = new Int32Array(pairs);
  let p = 0;
  for (let i = 0; i < n; i++)
    for (let j = i; j < n; j++, p++) {
      pairI[p] = i;
      pairJ[p] = j;
    }
  return {
    opts,
    n,
    repetitions: R,
    noise,
    probEnd,
    seed: opts.seed ?? 0,
    game: opts.game ?? symmetricStageGame(),
    once,
    matchCount: once ? pairs : pairs * R,
    pairI,
    pairJ,
  };
}

/**
 * Simulate matches k in [from, to). Match k is pair floor(k / R), repetition k mod R (pair k
 * under the shortcut) and uses random-stream index pair * R + repetition, so its outcome
 * depends only on (plan, k): any split of the range across threads gives the same totals.
 */
export function playTournamentMatches(plan: TournamentPlan, from: number, to: number): Float64Array {
  const out = new Float64Array((to - from) * TOTALS_STRIDE);
  // Two instances per player so self-play has two independent objects (Axelrod clones).
  const first: Strategy[] = plan.opts.players.map(instantiate);
  const second: Strategy[] = plan.opts.players.map(instantiate);
  const hist = new PairHistory();
  const tot: MatchTotals = { turns: 0, scoreA: 0, scoreB: 0, coopA: 0, coopB: 0 };
  const R = plan.repetitions;
  const settings = {
    turns: plan.opts.turns,
    probEnd: plan.probEnd,
    noise: plan.noise,
    seed: plan.seed,
    streamIndex: 0,
    pain: plan.opts.pain,
  };
  for (let k = from; k < to; k++) {
    const pair = plan.once ? k : Math.floor(k / R);
    const rep = plan.once ? 0 : k % R;
    const i = plan.pairI[pair];
    const j = plan.pairJ[pair];
    settings.streamIndex = pair * R + rep;
    playInto(first[i], i === j ? second[j] : first[j], plan.game, settings, hist, tot);
    const o = (k - from) * TOTALS_STRIDE;
    out[o] = tot.turns;
    out[o + 1] = tot.scoreA;
    out[o + 2] = tot.scoreB;
    out[o + 3] = tot.coopA;
    out[o + 4] = tot.coopB;
  }
  return out;
}

/** Turn per-match totals (all matches, in k order) into Axelrod-style results. */
export function aggregateTournament(plan: TournamentPlan, totals: Float64Array): TournamentResult {
  const { n, once } = plan;
  const R = plan.repetitions;
  const scores = Array.from({ length: n }, () => new Array<number>(R).fill(0));
  const wins = Array.from({ length: n }, () => new Array<number>(R).fill(0));
  const norm = Array.from({ length: n }, () => new Array<number>(R).fill(0));
  const paySum = Array.from({ length: n }, () => new Float64Array(n));
  const coopTurns = Array.from({ length: n }, () => new Float64Array(n));
  const turnsPlayed = Array.from({ length: n }, () => new Float64Array(n));
  for (let k = 0; k < plan.matchCount; k++) {
    const pair = once ? k : Math.floor(k / R);
    const i = plan.pairI[pair];
    const j = plan.pairJ[pair];
    const o = k * TOTALS_STRIDE;
    const turns = totals[o];
    const scoreA = totals[o + 1];
    const scoreB = totals[o + 2];
    const coopA = totals[o + 3];
    const coopB = totals[o + 4];
    const copies = once ? R : 1;
    for (let c = 0; c < copies; c++) {
      const rep = once ? c : k % R;
      paySum[i][j] += scoreA / turns;
      coopTurns[i][j] += coopA;
      turnsPlayed[i][j] += turns;
      if (i !== j) {
        paySum[j][i] += scoreB / turns;
        coopTurns[j][i] += coopB;
        turnsPlayed[j][i] += turns;
        scores[i][rep] += scoreA;
        scores[j][rep] += scoreB;
        norm[i][rep] += scoreA / turns;
        norm[j][rep] += scoreB / turns;
        if (scoreA > scoreB) wins[i][rep]++;
        else if (scoreB > scoreA) wins[j][rep]++;
      } else {
        // self-play: both seats are player i; record both seats in the diagonal
        coopTurns[i][i] += coopB;
        turnsPlayed[i][i] += turns;
        paySum[i][i] += scoreB / turns;
      }
    }
  }
  const normalisedScores = norm.map((row) => row.map((x) => x / (n - 1)));
  const medianNormalisedScore = normalisedScores.map(median);
  const ranking = [...Array(n).keys()].sort(
    (x, y) => medianNormalisedScore[y] - medianNormalisedScore[x] || x - y,
  );
  const labels = plan.opts.players.map(specLabel);
  const payoffMatrix = paySum.map((row, i) => Array.from(row, (s, j) => s / (i === j ? 2 * R : R)));
  const cooperationMatrix = coopTurns.map((row, i) => Array.from(row, (c, j) => c / turnsPlayed[i][j]));
  const cooperationRate = coopTurns.map((row, i) => {
    let c = 0;
    let t = 0;
    for (let j = 0; j < n; j++)
      if (j !== i) {
        c += row[j];
        t += turnsPlayed[i][j];
      }
    return c / t;
  });
  return {
    players: labels,
    turns: plan.opts.turns,
    repetitions: R,
    noise: plan.noise,
    prob_end: plan.probEnd,
    seed: plan.seed,
    matches: ((n * (n + 1)) / 2) * R,
    pairs_played_once: once,
    scores,
    normalised_scores: normalisedScores,
    median_normalised_score: medianNormalisedScore,
    ranking,
    ranked_players: ranking.map((i) => labels[i]),
    wins,
    payoff_matrix: payoffMatrix,
    cooperation_matrix: cooperationMatrix,
    cooperation_rate: cooperationRate,
  };
}

/**
 * Round-robin tournament with Axelrod-Python's conventions: every pair (i <= j) including
 * self-play plays `repetitions` matches; self-play is recorded in the payoff matrix but
 * excluded from scores, wins and cooperation rates. Each match's random streams derive from
 * (seed, match index) only, so results do not depend on execution order or thread count
 * (see `roundRobinParallel`).
 */
export function roundRobin(opts: TournamentOptions): TournamentResult {
  const plan = planTournament(opts);
  return aggregateTournament(plan, playTournamentMatches(plan, 0, plan.matchCount));
}
