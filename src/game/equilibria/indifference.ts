import { argmaxSet, colPayoffsScaled, normaliseMixed, rowPayoffsScaled } from './bimatrix.ts';
import type { BimatrixGame, ExactMixed } from './bimatrix.ts';
import { solveSquare } from './rational.ts';

/**
 * The mixed strategy with support `support` (|support| = k) that makes the opponent
 * indifferent among the k strategies `indifferent`: solve
 *   sum_{s in support} payoff(s, t) p_s - u = 0  for t in indifferent,   sum p_s = 1.
 * `payoff(s, t)` is the opponent's payoff when we play s and they play t. Returns null if the
 * system is singular or some p_s <= 0 (the support would not be the support).
 */
export function indifferenceStrategy(
  size: number,
  support: readonly number[],
  indifferent: readonly number[],
  payoff: (s: number, t: number) => bigint,
): ExactMixed | null {
  const k = support.length;
  const M: bigint[][] = [];
  const b: bigint[] = [];
  for (const t of indifferent) {
    const row = support.map((s) => payoff(s, t));
    row.push(-1n);
    M.push(row);
    b.push(0n);
  }
  const last = new Array<bigint>(k).fill(1n);
  last.push(0n);
  M.push(last);
  b.push(1n);
  const sol = solveSquare(M, b);
  if (!sol) return null;
  const num = new Array<bigint>(size).fill(0n);
  for (let i = 0; i < k; i++) {
    if (sol.num[i] <= 0n) return null;
    num[support[i]] = sol.num[i];
  }
  return normaliseMixed(num);
}

/** Row strategy x from (support I, indifferent columns K): column player's payoffs B. */
export function rowIndifference(
  g: BimatrixGame,
  I: readonly number[],
  K: readonly number[],
): ExactMixed | null {
  return indifferenceStrategy(g.m, I, K, (i, j) => g.Bint[i][j]);
}

/** Column strategy y from (support J, indifferent rows L): row player's payoffs A. */
export function colIndifference(
  g: BimatrixGame,
  J: readonly number[],
  L: readonly number[],
): ExactMixed | null {
  return indifferenceStrategy(g.n, J, L, (j, i) => g.Aint[i][j]);
}

/** Opponent's pure best responses to x (row strategy) or y (column strategy). */
export function bestResponsesToRow(g: BimatrixGame, x: ExactMixed): number[] {
  return argmaxSet(colPayoffsScaled(g.Bint, x));
}
export function bestResponsesToCol(g: BimatrixGame, y: ExactMixed): number[] {
  return argmaxSet(rowPayoffsScaled(g.Aint, y));
}
