import { internalError } from '../errors/index.ts';
import { RandomStream, createStream } from '../random/index.ts';
import { GameInputError } from './errors.ts';
import { instantiate, specLabel } from './registry.ts';
import type { StrategySpec } from './registry.ts';
import { ownPayoffs, symmetricStageGame } from './stageGame.ts';
import { actionChar } from './types.ts';
import type { Action, History, MatchContext, StageGame, Strategy } from './types.ts';

/**
 * Per-turn pain supplied from outside (e.g. the weekly simulation's harms): called after both
 * moves of turn `turn` are known (post-noise); write player 1's pain to out[0], player 2's to
 * out[1]. Pain-driven strategies (TACO) then read it instead of their payoff shortfall.
 */
export type PainSignal = (turn: number, a: Action, b: Action, out: Float64Array) => void;

export interface MatchOptions {
  /** Number of turns; with `probEnd`, the cap on the sampled length. */
  turns: number;
  /** Probability that the match ends after any turn (Axelrod's prob_end); 0 = fixed length. */
  probEnd?: number;
  /** Probability that each chosen action is flipped before it is played and recorded. */
  noise?: number;
  seed?: number;
  /**
   * Random streams used: 4k (noise), 4k+1 (length), 4k+2 (player 1), 4k+3 (player 2) with
   * k = streamIndex, so every match of a tournament has its own streams.
   */
  streamIndex?: number;
  game?: StageGame;
  pain?: PainSignal;
}

export interface MatchResult {
  players: [string, string];
  turns: number;
  /** Played (post-noise) actions as C/D strings. */
  actions: [string, string];
  scores: [number, number];
  /** Mean payoff per turn. */
  scores_per_turn: [number, number];
  cooperation_rate: [number, number];
  seed: number;
  noise: number;
}

/**
 * Given to strategies that declare `stochastic: false`: drawing from it is a bug in the
 * strategy (its results would depend on other matches), so it throws instead.
 */
class NoRandom extends RandomStream {
  private fail(): never {
    throw internalError('a strategy declared stochastic: false drew a random number; declare it stochastic');
  }
  override nextUint32(): number {
    return this.fail();
  }
  override nextDouble(): number {
    return this.fail();
  }
  override nextInt(): number {
    return this.fail();
  }
}
const NO_RANDOM: RandomStream = new NoRandom(0, 0);

/**
 * The shared record of a two-player match, with each player's own view (`a`, `b`) as the
 * `History` its strategy reads. Buffers are typed arrays reused from match to match: no
 * allocation per turn. The weekly simulation can drive strategies with it directly:
 * `start(turns)`, then each turn `a.next(h.a, ...)`, `b.next(h.b, ...)`, `record(...)`.
 */
export class PairHistory {
  a!: History;
  b!: History;
  private capacity = 0;
  private movesA = new Uint8Array(0);
  private movesB = new Uint8Array(0);
  private payA = new Float64Array(0);
  private payB = new Float64Array(0);
  private painA = new Float64Array(0);
  private painB = new Float64Array(0);

  constructor(turns = 0, withPain = false) {
    this.start(turns, withPain);
  }

  /** Begin a new match of at most `turns` turns; `withPain` exposes the pain arrays. */
  start(turns: number, withPain: boolean): void {
    if (turns > this.capacity) {
      this.capacity = turns;
      this.movesA = new Uint8Array(turns);
      this.movesB = new Uint8Array(turns);
      this.payA = new Float64Array(turns);
      this.payB = new Float64Array(turns);
      this.painA = new Float64Array(turns);
      this.painB = new Float64Array(turns);
    }
    this.a = {
      turn: 0,
      own: this.movesA,
      opp: this.movesB,
      ownPayoff: this.payA,
      oppPayoff: this.payB,
      pain: withPain ? this.painA : null,
      ownDefections: 0,
      oppDefections: 0,
    };
    this.b = {
      turn: 0,
      own: this.movesB,
      opp: this.movesA,
      ownPayoff: this.payB,
      oppPayoff: this.payA,
      pain: withPain ? this.painB : null,
      ownDefections: 0,
      oppDefections: 0,
    };
  }

  /** Record one played turn (post-noise actions, payoffs, optional pain). */
  record(x: Action, y: Action, payA: number, payB: number, painA = 0, painB = 0): void {
    const t = this.a.turn;
    if (t >= this.capacity) throw internalError(`PairHistory: more than ${this.capacity} turns recorded`);
    this.movesA[t] = x;
    this.movesB[t] = y;
    this.payA[t] = payA;
    this.payB[t] = payB;
    this.painA[t] = painA;
    this.painB[t] = painB;
    const a = this.a;
    const b = this.b;
    a.turn = b.turn = t + 1;
    a.ownDefections = b.oppDefections = a.ownDefections + x;
    a.oppDefections = b.ownDefections = a.oppDefections + y;
  }

  /** The first `n` moves of player 1 (side 0) or 2 (side 1) as a C/D string. */
  actions(side: 0 | 1, n = this.a.turn): string {
    const m = side === 0 ? this.movesA : this.movesB;
    let s = '';
    for (let i = 0; i < n; i++) s += actionChar(m[i]);
    return s;
  }
}

/** Summary of one played match, filled in place by `playInto`. */
export interface MatchTotals {
  turns: number;
  scoreA: number;
  scoreB: number;
  coopA: number;
  coopB: number;
}

export function checkProbability(name: string, p: number): void {
  if (typeof p !== 'number' || !Number.isFinite(p) || p < 0 || p > 1)
    throw new GameInputError(`${name}: expected a probability in [0, 1], got ${p}`);
}

/** Sampled length for probabilistic ending: 1 + Geometric(probEnd), capped. */
function sampleLength(probEnd: number, cap: number, rng: RandomStream): number {
  if (probEnd >= 1) return 1;
  const u = rng.nextDouble();
  const n = 1 + Math.floor(Math.log(1 - u) / Math.log(1 - probEnd));
  return Math.min(cap, n);
}

/**
 * The engine: plays `a` (player 1) against `b` (player 2) into `hist`, writing totals to `out`.
 * Both choose simultaneously each turn; noise flips each chosen action with probability
 * `noise` after the choice, and the flipped action is what both histories record (Axelrod's
 * semantics). Resets both strategies first.
 */
export function playInto(
  a: Strategy,
  b: Strategy,
  game: StageGame,
  opts: {
    turns: number;
    probEnd: number;
    noise: number;
    seed: number;
    streamIndex: number;
    pain?: PainSignal;
  },
  hist: PairHistory,
  out: MatchTotals,
): void {
  const { noise, probEnd, seed } = opts;
  const k = opts.streamIndex * 4;
  const noiseRng = noise > 0 ? createStream(seed, k) : NO_RANDOM;
  const turns = probEnd > 0 ? sampleLength(probEnd, opts.turns, createStream(seed, k + 1)) : opts.turns;
  const rngA = a.stochastic ? createStream(seed, k + 2) : NO_RANDOM;
  const rngB = b.stochastic ? createStream(seed, k + 3) : NO_RANDOM;
  const pain = opts.pain;
  hist.start(turns, pain !== undefined);
  const known = probEnd > 0 ? -1 : turns;
  a.reset({ turns: known, payoffs: ownPayoffs(game, 0), noise } satisfies MatchContext);
  b.reset({ turns: known, payoffs: ownPayoffs(game, 1), noise } satisfies MatchContext);
  const ha = hist.a;
  const hb = hist.b;
  const gA0 = game.A[0];
  const gA1 = game.A[1];
  const gB0 = game.B[0];
  const gB1 = game.B[1];
  const painOut = pain ? new Float64Array(2) : null;
  let scoreA = 0;
  let scoreB = 0;
  for (let t = 0; t < turns; t++) {
    let x = a.next(ha, rngA);
    let y = b.next(hb, rngB);
    if (noise > 0) {
      if (noiseRng.nextDouble() < noise) x = (1 - x) as Action;
      if (noiseRng.nextDouble() < noise) y = (1 - y) as Action;
    }
    const pa = x === 0 ? gA0[y] : gA1[y];
    const pb = x === 0 ? gB0[y] : gB1[y];
    scoreA += pa;
    scoreB += pb;
    if (pain && painOut) {
      pain(t, x, y, painOut);
      hist.record(x, y, pa, pb, painOut[0], painOut[1]);
    } else hist.record(x, y, pa, pb);
  }
  const defA = ha.ownDefections;
  const defB = hb.ownDefections;
  out.turns = turns;
  out.scoreA = scoreA;
  out.scoreB = scoreB;
  out.coopA = turns - defA;
  out.coopB = turns - defB;
}

export function validateMatchOptions(o: {
  turns: number;
  noise?: number;
  probEnd?: number;
  seed?: number;
}): void {
  if (!Number.isInteger(o.turns) || o.turns < 1 || o.turns > 10_000_000)
    throw new GameInputError(`turns: expected an integer in [1, 10000000], got ${o.turns}`);
  checkProbability('noise', o.noise ?? 0);
  checkProbability('probEnd', o.probEnd ?? 0);
  const seed = o.seed ?? 0;
  if (!Number.isSafeInteger(seed) || seed < 0)
    throw new GameInputError(`seed: expected a non-negative integer, got ${seed}`);
}

/** Play one match between two strategies (fresh instances) and return both action strings and scores. */
export function playMatch(a: StrategySpec, b: StrategySpec, opts: MatchOptions): MatchResult {
  validateMatchOptions(opts);
  const game = opts.game ?? symmetricStageGame();
  const hist = new PairHistory();
  const tot: MatchTotals = { turns: 0, scoreA: 0, scoreB: 0, coopA: 0, coopB: 0 };
  const sa = instantiate(a);
  const sb = instantiate(b);
  const seed = opts.seed ?? 0;
  const noise = opts.noise ?? 0;
  playInto(
    sa,
    sb,
    game,
    {
      turns: opts.turns,
      probEnd: opts.probEnd ?? 0,
      noise,
      seed,
      streamIndex: opts.streamIndex ?? 0,
      pain: opts.pain,
    },
    hist,
    tot,
  );
  const n = tot.turns;
  return {
    players: [specLabel(a), specLabel(b)],
    turns: n,
    actions: [hist.actions(0, n), hist.actions(1, n)],
    scores: [tot.scoreA, tot.scoreB],
    scores_per_turn: [tot.scoreA / n, tot.scoreB / n],
    cooperation_rate: [tot.coopA / n, tot.coopB / n],
    seed,
    noise,
  };
}
