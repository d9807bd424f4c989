import type { RandomStream } from '../random/index.ts';

/** Cooperate: talk, hold, de-escalate. Stored as 0 in histories. */
export const C = 0;
/** Defect: escalate, fight. Stored as 1 in histories. */
export const D = 1;
export type Action = 0 | 1;

export function actionChar(a: number): 'C' | 'D' {
  return a === C ? 'C' : 'D';
}

/**
 * A two-action stage game. `A[a1][a2]` is player 1's payoff and `B[a1][a2]` player 2's when
 * player 1 plays a1 and player 2 plays a2 (index 0 = C, 1 = D).
 */
export interface StageGame {
  readonly A: readonly [readonly [number, number], readonly [number, number]];
  readonly B: readonly [readonly [number, number], readonly [number, number]];
}

/** One player's own-perspective payoffs: R (C,C), S (C,D), T (D,C), P (D,D). */
export interface OwnPayoffs {
  readonly R: number;
  readonly S: number;
  readonly T: number;
  readonly P: number;
}

/** What a strategy is told before a match starts (Axelrod's "match attributes"). */
export interface MatchContext {
  /** Number of turns, or -1 when the match ends probabilistically (length unknown to players). */
  readonly turns: number;
  /** The stage game from this player's point of view. */
  readonly payoffs: OwnPayoffs;
  /** Flip probability applied to every chosen action. */
  readonly noise: number;
}

/**
 * What a strategy sees when choosing its move for turn `turn` (0-based): the first `turn`
 * entries of each array are the record so far. Actions are the *played* (post-noise) ones,
 * exactly what both players observed. The arrays are owned by the match engine and reused:
 * read, never keep or write them.
 */
export interface History {
  /** Number of completed turns. */
  turn: number;
  readonly own: Uint8Array;
  readonly opp: Uint8Array;
  readonly ownPayoff: Float64Array;
  readonly oppPayoff: Float64Array;
  /**
   * Optional externally supplied pain this player suffered on each completed turn (e.g. real
   * harms fed by the trade and supply engines). `null` when nobody supplies it; pain-driven
   * strategies then derive pain from their own payoffs.
   */
  readonly pain: Float64Array | null;
  /** Running counts over the completed turns. */
  ownDefections: number;
  oppDefections: number;
}

export type ParamValue = number | string;

/** A declared strategy parameter: its range is enforced by `createStrategy`. */
export interface ParameterSpec {
  readonly name: string;
  readonly kind: 'number' | 'integer' | 'string';
  readonly description: string;
  readonly default: ParamValue;
  /** Inclusive bounds for numbers. */
  readonly min?: number;
  readonly max?: number;
  /** Allowed values (strings). */
  readonly choices?: readonly string[];
  /** Whole-string pattern for free strings, with a human description of it. */
  readonly pattern?: RegExp;
  readonly pattern_text?: string;
  /** No default: the caller must give it. */
  readonly required?: boolean;
}

/**
 * A strategy instance. Stateful strategies keep their state in fields; `reset` restores the
 * initial state, so the engine can reuse one instance for many matches. A strategy never
 * sees the opponent's object, only the history.
 */
export interface Strategy {
  readonly name: string;
  readonly stochastic: boolean;
  readonly parameters: Readonly<Record<string, ParamValue>>;
  reset(ctx: MatchContext): void;
  /** The intended move for turn `h.turn`; the engine may flip it (noise). */
  next(h: History, rng: RandomStream): Action;
}

/** A registry entry: documentation plus a factory taking already-validated parameters. */
export interface StrategyInfo {
  readonly name: string;
  /** The Axelrod-Python class whose semantics this reproduces, when there is one. */
  readonly axelrod?: string;
  readonly description: string;
  readonly stochastic: boolean;
  readonly parameters: readonly ParameterSpec[];
  readonly create: (params: Readonly<Record<string, ParamValue>>) => Strategy;
}
