import { GameInputError } from '../errors.ts';
import { formatRational, gcd, rational, rationalFromNumber, toIntegerMatrix, toNumber } from './rational.ts';
import type { Rational } from './rational.ts';

/** A bimatrix game: row player's payoffs A (m x n), column player's B (m x n). */
export interface BimatrixGame {
  readonly m: number;
  readonly n: number;
  readonly A: readonly (readonly number[])[];
  readonly B: readonly (readonly number[])[];
  /** Exact integer versions: A = Aint / scaleA, B = Bint / scaleB. */
  readonly Aint: readonly (readonly bigint[])[];
  readonly Bint: readonly (readonly bigint[])[];
  readonly scaleA: bigint;
  readonly scaleB: bigint;
}

/** An exact mixed strategy: probabilities num[i] / den, den > 0, in lowest terms. */
export interface ExactMixed {
  num: bigint[];
  den: bigint;
}

export interface Equilibrium {
  /** Row player's mixed strategy. */
  row: number[];
  /** Column player's mixed strategy. */
  col: number[];
  row_exact: string[];
  col_exact: string[];
  /** Expected payoffs x'Ay and x'By. */
  row_payoff: number;
  col_payoff: number;
  row_payoff_exact: string;
  col_payoff_exact: string;
}

export interface EquilibriumReport {
  method: 'support-enumeration' | 'vertex-enumeration' | 'lemke-howson';
  rows: number;
  cols: number;
  equilibria: Equilibrium[];
  /** true: degenerate; false: checked non-degenerate; null: not checked (too large). */
  degenerate: boolean | null;
  notes: string[];
}

/** Most support / basis combinations we are willing to enumerate (C(m+n, m)). */
export const ENUMERATION_LIMIT = 200_000;

export function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}

/**
 * Read a game from data `{"A": [[...]], "B": [[...]]}`; `where` (a file name) prefixes errors.
 * Checks: both present, non-empty, rectangular, same shape, every entry a finite number.
 */
export function parseBimatrix(data: unknown, where = 'game'): BimatrixGame {
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw new GameInputError(
      `${where}: expected a JSON object {"A": [[...]], "B": [[...]]}, got ${Array.isArray(data) ? 'an array' : JSON.stringify(data)}`,
    );
  const obj = data as Record<string, unknown>;
  const read = (key: 'A' | 'B'): number[][] => {
    const M = obj[key];
    if (M === undefined)
      throw new GameInputError(
        `${where}: missing "${key}" (the ${key === 'A' ? 'row' : 'column'} player's payoff matrix)`,
      );
    if (!Array.isArray(M) || M.length === 0)
      throw new GameInputError(`${where}: ${key} must be a non-empty array of rows`);
    let width = -1;
    return M.map((row: unknown, i) => {
      if (!Array.isArray(row) || row.length === 0)
        throw new GameInputError(
          `${where}: ${key}[${i}] must be a non-empty array of numbers, got ${JSON.stringify(row)}`,
        );
      if (width < 0) width = row.length;
      else if (row.length !== width)
        throw new GameInputError(
          `${where}: ${key} is not rectangular: row 0 has ${width} entries but row ${i} has ${row.length}`,
        );
      return row.map((x: unknown, j) => {
        if (typeof x !== 'number' || !Number.isFinite(x))
          throw new GameInputError(
            `${where}: ${key}[${i}][${j}] must be a finite number, got ${JSON.stringify(x)}`,
          );
        return x;
      });
    });
  };
  const A = read('A');
  const B = read('B');
  if (A.length !== B.length || A[0].length !== B[0].length)
    throw new GameInputError(
      `${where}: A is ${A.length}x${A[0].length} but B is ${B.length}x${B[0].length}; they must have the same shape`,
    );
  return makeBimatrix(A, B);
}

/** Build a game from number matrices (assumed rectangular, same shape, finite). */
export function makeBimatrix(
  A: readonly (readonly number[])[],
  B: readonly (readonly number[])[],
): BimatrixGame {
  const ra = toIntegerMatrix(A.map((r) => r.map(rationalFromNumber)));
  const rb = toIntegerMatrix(B.map((r) => r.map(rationalFromNumber)));
  return {
    m: A.length,
    n: A[0].length,
    A,
    B,
    Aint: ra.int,
    Bint: rb.int,
    scaleA: ra.scale,
    scaleB: rb.scale,
  };
}

export function normaliseMixed(num: bigint[]): ExactMixed {
  let den = 0n;
  for (const x of num) den += x;
  let g = den;
  for (const x of num) g = gcd(g, x);
  if (g === 0n) g = 1n;
  return { num: num.map((x) => x / g), den: den / g };
}

/** Payoffs of each row against y (scaled: row i gets (Aint y.num)_i / (y.den * scale)). */
export function rowPayoffsScaled(Aint: readonly (readonly bigint[])[], y: ExactMixed): bigint[] {
  return Aint.map((row) => {
    let s = 0n;
    for (let j = 0; j < row.length; j++) s += row[j] * y.num[j];
    return s;
  });
}

/** Column payoffs against x: (B' x)_j, scaled like rowPayoffsScaled. */
export function colPayoffsScaled(Bint: readonly (readonly bigint[])[], x: ExactMixed): bigint[] {
  const n = Bint[0].length;
  const out = new Array<bigint>(n).fill(0n);
  for (let i = 0; i < Bint.length; i++) {
    if (x.num[i] === 0n) continue;
    for (let j = 0; j < n; j++) out[j] += Bint[i][j] * x.num[i];
  }
  return out;
}

/** Indices attaining the maximum. */
export function argmaxSet(v: readonly bigint[]): number[] {
  let best = v[0];
  for (const x of v) if (x > best) best = x;
  const out: number[] = [];
  v.forEach((x, i) => {
    if (x === best) out.push(i);
  });
  return out;
}

/** Exact Nash check: every strategy played with positive probability is a best response. */
export function isEquilibrium(g: BimatrixGame, x: ExactMixed, y: ExactMixed): boolean {
  const ry = rowPayoffsScaled(g.Aint, y);
  const cx = colPayoffsScaled(g.Bint, x);
  const brRow = new Set(argmaxSet(ry));
  const brCol = new Set(argmaxSet(cx));
  return x.num.every((p, i) => p === 0n || brRow.has(i)) && y.num.every((q, j) => q === 0n || brCol.has(j));
}

function expected(
  Mint: readonly (readonly bigint[])[],
  scale: bigint,
  x: ExactMixed,
  y: ExactMixed,
): Rational {
  let s = 0n;
  for (let i = 0; i < Mint.length; i++) {
    if (x.num[i] === 0n) continue;
    let r = 0n;
    for (let j = 0; j < Mint[i].length; j++) r += Mint[i][j] * y.num[j];
    s += x.num[i] * r;
  }
  return rational(s, x.den * y.den * scale);
}

export function describeEquilibrium(g: BimatrixGame, x: ExactMixed, y: ExactMixed): Equilibrium {
  const u = expected(g.Aint, g.scaleA, x, y);
  const v = expected(g.Bint, g.scaleB, x, y);
  return {
    row: x.num.map((p) => toNumber(p, x.den)),
    col: y.num.map((q) => toNumber(q, y.den)),
    row_exact: x.num.map((p) => formatRational(p, x.den)),
    col_exact: y.num.map((q) => formatRational(q, y.den)),
    row_payoff: toNumber(u.n, u.d),
    col_payoff: toNumber(v.n, v.d),
    row_payoff_exact: formatRational(u.n, u.d),
    col_payoff_exact: formatRational(v.n, v.d),
  };
}

function cmpMixed(a: ExactMixed, b: ExactMixed): number {
  // descending probabilities on the first strategies: pure "first row" equilibria come first
  for (let i = 0; i < a.num.length; i++) {
    const l = a.num[i] * b.den;
    const r = b.num[i] * a.den;
    if (l !== r) return l > r ? -1 : 1;
  }
  return 0;
}

/** Distinct pairs in a canonical order, so methods can be compared entry by entry. */
export function canonicalPairs(pairs: readonly [ExactMixed, ExactMixed][]): [ExactMixed, ExactMixed][] {
  const key = (p: [ExactMixed, ExactMixed]): string =>
    `${p[0].num.join(',')}/${p[0].den}|${p[1].num.join(',')}/${p[1].den}`;
  const seen = new Map<string, [ExactMixed, ExactMixed]>();
  for (const p of pairs) if (!seen.has(key(p))) seen.set(key(p), p);
  return [...seen.values()].sort((p, q) => cmpMixed(p[0], q[0]) || cmpMixed(p[1], q[1]));
}

/** Every k-subset of 0..n-1 in lexicographic order, passed to `visit` (reused array). */
export function forEachSubset(n: number, k: number, visit: (s: readonly number[]) => void): void {
  const s = Array.from({ length: k }, (_, i) => i);
  if (k > n) return;
  for (;;) {
    visit(s);
    let i = k - 1;
    while (i >= 0 && s[i] === n - k + i) i--;
    if (i < 0) return;
    s[i]++;
    for (let j = i + 1; j < k; j++) s[j] = s[j - 1] + 1;
  }
}

export function checkEnumerationSize(g: BimatrixGame, method: string): void {
  const count = binomial(g.m + g.n, g.m);
  if (count > ENUMERATION_LIMIT)
    throw new GameInputError(
      `${method}: a ${g.m}x${g.n} game has C(${g.m + g.n}, ${g.m}) = ${count.toExponential(2)} supports/bases to enumerate (limit ${ENUMERATION_LIMIT}); use lemke-howson`,
    );
}
