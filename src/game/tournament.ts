import { GameInputError } from './errors.ts';
import { MatchBuffers, playInto, validateMatchOptions } from './match.ts';
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
   * full loop. The result says which was done (`pairsPlayedOnce`).
   */
  shortcutDeterministic?: boolean;
  pain?: PainSignal;
}

export interface TournamentResult {
  players: string[];
  turns: number;
  repetitions: number;
  noise: number;
  probEnd: number;
  seed: number;
  /** Matches represented, self-play included (n(n+1)/2 x repetitions). */
  matches: number;
  /** True when the deterministic shortcut was used (each pair simulated once). */
  pairsPlayedOnce: boolean;
  /** scores[i][r]: total payoff of i over its matches against others (self-play excluded) in repetition r. */
  scores: number[][];
  /** normalisedScores[i][r]: i's mean per-turn payoff, averaged over its n-1 opponents (Axelrod). */
  normalisedScores: number[][];
  medianNormalisedScore: number[];
  /** Player indices, best first: by median normalised score, ties by player order (Axelrod). */
  ranking: number[];
  rankedPlayers: string[];
  /** wins[i][r]: matches i won outright (strictly higher score) against others in repetition r. */
  wins: number[][];
  /** payoffMatrix[i][j]: i's mean per-turn payoff against j over repetitions (self-play on the diagonal). */
  payoffMatrix: number[][];
  /** cooperationMatrix[i][j]: share of turns on which i cooperated against j. */
  cooperationMatrix: number[][];
  /** Share of i's turns that were C, self-play excluded. */
  cooperationRate: number[];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Round-robin tournament with Axelrod-Python's conventions: every pair (i <= j) including
 * self-play plays `repetitions` matches; self-play is recorded in the payoff matrix but
 * excluded from scores, wins and cooperation rates. Match k (pairs in order (0,0), (0,1), ...,
 * repetition-major inside a pair) uses random streams derived from (seed, k) only, so
 * results do not depend on execution order or thread count.
 */
export function roundRobin(opts: TournamentOptions): TournamentResult {
  const n = opts.players.length;
  if (n < 2) throw new GameInputError(`tournament: expected at least 2 players, got ${n}`);
  validateMatchOptions(opts);
  const R = opts.repetitions;
  if (!Number.isInteger(R) || R < 1 || R > 1_000_000)
    throw new GameInputError(`repetitions: expected an integer in [1, 1000000], got ${R}`);
  const noise = opts.noise ?? 0;
  const probEnd = opts.probEnd ?? 0;
  const seed = opts.seed ?? 0;
  const game = opts.game ?? symmetricStageGame();
  // Two instances per player so self-play has two independent objects (Axelrod clones).
  const first: Strategy[] = opts.players.map(instantiate);
  const second: Strategy[] = opts.players.map(instantiate);
  const allDeterministic = first.every((s) => !s.stochastic);
  const once = (opts.shortcutDeterministic ?? true) && allDeterministic && noise === 0 && probEnd === 0 && !opts.pain;

  const scores = Array.from({ length: n }, () => new Array<number>(R).fill(0));
  const wins = Array.from({ length: n }, () => new Array<number>(R).fill(0));
  const norm = Array.from({ length: n }, () => new Array<number>(R).fill(0));
  const paySum = Array.from({ length: n }, () => new Float64Array(n));
  const coopTurns = Array.from({ length: n }, () => new Float64Array(n));
  const turnsPlayed = Array.from({ length: n }, () => new Float64Array(n));
  const buf = new MatchBuffers();
  const tot: MatchTotals = { turns: 0, scoreA: 0, scoreB: 0, coopA: 0, coopB: 0 };
  let pairIndex = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++, pairIndex++) {
      const a = first[i];
      const b = i === j ? second[j] : first[j];
      const reps = once ? 1 : R;
      for (let r = 0; r < reps; r++) {
        playInto(a, b, game, { turns: opts.turns, probEnd, noise, seed, streamIndex: pairIndex * R + r, pain: opts.pain }, buf, tot);
        const copies = once ? R : 1;
        for (let c = 0; c < copies; c++) {
          const rep = once ? c : r;
          paySum[i][j] += tot.scoreA / tot.turns;
          coopTurns[i][j] += tot.coopA;
          turnsPlayed[i][j] += tot.turns;
          if (i !== j) {
            paySum[j][i] += tot.scoreB / tot.turns;
            coopTurns[j][i] += tot.coopB;
            turnsPlayed[j][i] += tot.turns;
            scores[i][rep] += tot.scoreA;
            scores[j][rep] += tot.scoreB;
            norm[i][rep] += tot.scoreA / tot.turns;
            norm[j][rep] += tot.scoreB / tot.turns;
            if (tot.scoreA > tot.scoreB) wins[i][rep]++;
            else if (tot.scoreB > tot.scoreA) wins[j][rep]++;
          } else {
            // self-play: both seats are player i; record both seats' moves in the diagonal
            coopTurns[i][i] += tot.coopB;
            turnsPlayed[i][i] += tot.turns;
            paySum[i][i] += tot.scoreB / tot.turns;
          }
        }
      }
    }
  }
  const normalisedScores = norm.map((row) => row.map((x) => x / (n - 1)));
  const medianNormalisedScore = normalisedScores.map(median);
  const ranking = [...Array(n).keys()].sort((x, y) => medianNormalisedScore[y] - medianNormalisedScore[x] || x - y);
  const labels = opts.players.map(specLabel);
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
    turns: opts.turns,
    repetitions: R,
    noise,
    probEnd,
    seed,
    matches: ((n * (n + 1)) / 2) * R,
    pairsPlayedOnce: once,
    scores,
    normalisedScores,
    medianNormalisedScore,
    ranking,
    rankedPlayers: ranking.map((i) => labels[i]),
    wins,
    payoffMatrix,
    cooperationMatrix,
    cooperationRate,
  };
}
