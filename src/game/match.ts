import { createStream } from '../random/index.ts';
import type { RandomStream } from '../random/index.ts';
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
  scoresPerTurn: [number, number];
  cooperationRate: [number, number];
  seed: number;
  noise: number;
}

/** Never drawn from: deterministic strategies get it so `next` has a stream argument. */
const UNUSED_STREAM = createStream(0, 0);

/** Reusable buffers for one match at a time: no allocation per turn or per match. */
export class MatchBuffers {
  capacity = 0;
  movesA = new Uint8Array(0);
  movesB = new Uint8Array(0);
  payA = new Float64Array(0);
  payB = new Float64Array(0);
  painA = new Float64Array(0);
  painB = new Float64Array(0);
  ensure(turns: number): void {
    if (turns <= this.capacity) return;
    this.capacity = turns;
    this.movesA = new Uint8Array(turns);
    this.movesB = new Uint8Array(turns);
    this.payA = new Float64Array(turns);
    this.payB = new Float64Array(turns);
    this.painA = new Float64Array(turns);
    this.painB = new Float64Array(turns);
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
 * The engine: plays `a` (player 1) against `b` (player 2) into `buf`, writing totals to `out`.
 * Both choose simultaneously each turn; noise flips each chosen action with probability
 * `noise` after the choice, and the flipped action is what both histories record (Axelrod's
 * semantics). Resets both strategies first.
 */
export function playInto(
  a: Strategy,
  b: Strategy,
  game: StageGame,
  opts: { turns: number; probEnd: number; noise: number; seed: number; streamIndex: number; pain?: PainSignal },
  buf: MatchBuffers,
  out: MatchTotals,
): void {
  const { noise, probEnd, seed } = opts;
  const k = opts.streamIndex * 4;
  const noiseRng = noise > 0 ? createStream(seed, k) : UNUSED_STREAM;
  const turns = probEnd > 0 ? sampleLength(probEnd, opts.turns, createStream(seed, k + 1)) : opts.turns;
  const rngA = a.stochastic ? createStream(seed, k + 2) : UNUSED_STREAM;
  const rngB = b.stochastic ? createStream(seed, k + 3) : UNUSED_STREAM;
  buf.ensure(turns);
  const known = probEnd > 0 ? -1 : turns;
  a.reset({ turns: known, payoffs: ownPayoffs(game, 0), noise } satisfies MatchContext);
  b.reset({ turns: known, payoffs: ownPayoffs(game, 1), noise } satisfies MatchContext);
  const pain = opts.pain;
  const ha: History = {
    turn: 0,
    own: buf.movesA,
    opp: buf.movesB,
    ownPayoff: buf.payA,
    oppPayoff: buf.payB,
    pain: pain ? buf.painA : null,
    ownDefections: 0,
    oppDefections: 0,
  };
  const hb: History = {
    turn: 0,
    own: buf.movesB,
    opp: buf.movesA,
    ownPayoff: buf.payB,
    oppPayoff: buf.payA,
    pain: pain ? buf.painB : null,
    ownDefections: 0,
    oppDefections: 0,
  };
  const gA0 = game.A[0];
  const gA1 = game.A[1];
  const gB0 = game.B[0];
  const gB1 = game.B[1];
  const painOut = pain ? new Float64Array(2) : null;
  let scoreA = 0;
  let scoreB = 0;
  let defA = 0;
  let defB = 0;
  for (let t = 0; t < turns; t++) {
    let x = a.next(ha, rngA);
    let y = b.next(hb, rngB);
    if (noise > 0) {
      if (noiseRng.nextDouble() < noise) x = (1 - x) as Action;
      if (noiseRng.nextDouble() < noise) y = (1 - y) as Action;
    }
    const pa = x === 0 ? gA0[y] : gA1[y];
    const pb = x === 0 ? gB0[y] : gB1[y];
    buf.movesA[t] = x;
    buf.movesB[t] = y;
    buf.payA[t] = pa;
    buf.payB[t] = pb;
    scoreA += pa;
    scoreB += pb;
    defA += x;
    defB += y;
    if (pain && painOut) {
      pain(t, x, y, painOut);
      buf.painA[t] = painOut[0];
      buf.painB[t] = painOut[1];
    }
    ha.turn = hb.turn = t + 1;
    ha.ownDefections = hb.oppDefections = defA;
    ha.oppDefections = hb.ownDefections = defB;
  }
  out.turns = turns;
  out.scoreA = scoreA;
  out.scoreB = scoreB;
  out.coopA = turns - defA;
  out.coopB = turns - defB;
}

export function validateMatchOptions(o: { turns: number; noise?: number; probEnd?: number; seed?: number }): void {
  if (!Number.isInteger(o.turns) || o.turns < 1 || o.turns > 10_000_000)
    throw new GameInputError(`turns: expected an integer in [1, 10000000], got ${o.turns}`);
  checkProbability('noise', o.noise ?? 0);
  checkProbability('probEnd', o.probEnd ?? 0);
  const seed = o.seed ?? 0;
  if (!Number.isSafeInteger(seed) || seed < 0) throw new GameInputError(`seed: expected a non-negative integer, got ${seed}`);
}

function movesString(m: Uint8Array, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += actionChar(m[i]);
  return s;
}

/** Play one match between two strategies (fresh instances) and return both action strings and scores. */
export function playMatch(a: StrategySpec, b: StrategySpec, opts: MatchOptions): MatchResult {
  validateMatchOptions(opts);
  const game = opts.game ?? symmetricStageGame();
  const buf = new MatchBuffers();
  const tot: MatchTotals = { turns: 0, scoreA: 0, scoreB: 0, coopA: 0, coopB: 0 };
  const sa = instantiate(a);
  const sb = instantiate(b);
  const seed = opts.seed ?? 0;
  const noise = opts.noise ?? 0;
  playInto(
    sa,
    sb,
    game,
    { turns: opts.turns, probEnd: opts.probEnd ?? 0, noise, seed, streamIndex: opts.streamIndex ?? 0, pain: opts.pain },
    buf,
    tot,
  );
  const n = tot.turns;
  return {
    players: [specLabel(a), specLabel(b)],
    turns: n,
    actions: [movesString(buf.movesA, n), movesString(buf.movesB, n)],
    scores: [tot.scoreA, tot.scoreB],
    scoresPerTurn: [tot.scoreA / n, tot.scoreB / n],
    cooperationRate: [tot.coopA / n, tot.coopB / n],
    seed,
    noise,
  };
}
