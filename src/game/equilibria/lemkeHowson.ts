import { internalError, solverError } from '../../errors/index.ts';
import { GameInputError } from '../errors.ts';
import {
  ENUMERATION_LIMIT,
  binomial,
  canonicalPairs,
  describeEquilibrium,
  isEquilibrium,
  normaliseMixed,
} from './bimatrix.ts';
import type { BimatrixGame, EquilibriumReport, ExactMixed } from './bimatrix.ts';
import { integerPivot } from './rational.ts';
import { degeneracyWitness } from './supportEnumeration.ts';
import { positiveShift } from './vertexEnumeration.ts';

/** One Lemke-Howson tableau: rows are constraints, columns are labels 0..m+n-1 then the rhs. */
interface Tableau {
  T: bigint[][];
  /** basis[r] = label of the basic variable of row r. */
  basis: number[];
  det: bigint;
  /** Columns of the initial basis, in order: the lexicographic tie-break reads these. */
  lexCols: number[];
}

export interface LemkeHowsonPath {
  equilibrium: [ExactMixed, ExactMixed];
  label: number;
  pivots: number;
  /** A ratio-test tie was met (proof the game is degenerate); the lexicographic rule resolved it. */
  tie: boolean;
}

/**
 * Lexicographic minimum ratio test (Dantzig, Orden & Wolfe 1955): among rows with a positive
 * entry in column c, minimise (rhs, then the initial-basis columns) / T[r][c]. Unique, so
 * Lemke-Howson cannot cycle even in degenerate games.
 */
function leavingRow(tb: Tableau, c: number): { row: number; tie: boolean } {
  const { T, lexCols } = tb;
  const rhs = T[0].length - 1;
  let best = -1;
  let tie = false;
  for (let r = 0; r < T.length; r++) {
    const a = T[r][c];
    if (a <= 0n) continue;
    if (best < 0) {
      best = r;
      continue;
    }
    const b = T[best][c];
    // compare T[r][col]/a with T[best][col]/b  <=>  T[r][col]*b vs T[best][col]*a
    let cmp = T[r][rhs] * b - T[best][rhs] * a;
    if (cmp < 0n) {
      best = r;
      tie = false; // a strictly smaller ratio: earlier ties were not at the minimum
      continue;
    }
    if (cmp > 0n) continue;
    tie = true; // two rows share the (current) minimum ratio
    for (const col of lexCols) {
      cmp = T[r][col] * b - T[best][col] * a;
      if (cmp !== 0n) break;
    }
    if (cmp < 0n) best = r;
  }
  return { row: best, tie };
}

/**
 * Lemke-Howson (1964) from dropped label `label` (0..m-1 a row strategy, m..m+n-1 a column),
 * with integer pivoting (exact) and the lexicographic ratio test. Tableaus (payoffs shifted
 * positive): for x, B'x + s = 1 (n rows); for y, r + A y = 1 (m rows); a variable's column is
 * its label. Follows the almost-complementary path until `label` leaves a basis.
 */
export function lemkeHowsonPath(g: BimatrixGame, label: number): LemkeHowsonPath {
  const { m, n } = g;
  const L = m + n;
  if (!Number.isInteger(label) || label < 0 || label >= L)
    throw new GameInputError(
      `lemke-howson: label must be an integer in [0, ${L - 1}] for a ${m}x${n} game, got ${label}`,
    );
  const Bp = positiveShift(g.Bint);
  const Ap = positiveShift(g.Aint);
  // x-tableau: row j: sum_i B[i][j] x_i + s_j = 1; x_i has label i, s_j label m+j.
  const tx: Tableau = {
    T: Array.from({ length: n }, (_, j) => {
      const row = new Array<bigint>(L + 1).fill(0n);
      for (let i = 0; i < m; i++) row[i] = Bp[i][j];
      row[m + j] = 1n;
      row[L] = 1n;
      return row;
    }),
    basis: Array.from({ length: n }, (_, j) => m + j),
    det: 1n,
    lexCols: Array.from({ length: n }, (_, j) => m + j),
  };
  // y-tableau: row i: r_i + sum_j A[i][j] y_j = 1; r_i has label i, y_j label m+j.
  const ty: Tableau = {
    T: Array.from({ length: m }, (_, i) => {
      const row = new Array<bigint>(L + 1).fill(0n);
      row[i] = 1n;
      for (let j = 0; j < n; j++) row[m + j] = Ap[i][j];
      row[L] = 1n;
      return row;
    }),
    basis: Array.from({ length: m }, (_, i) => i),
    det: 1n,
    lexCols: Array.from({ length: m }, (_, i) => i),
  };
  let current = label < m ? tx : ty;
  let entering = label;
  let pivots = 0;
  let tie = false;
  const maxPivots = 1_000_000;
  for (;;) {
    const lr = leavingRow(current, entering);
    if (lr.row < 0)
      throw solverError(
        `lemke-howson: unbounded ray at label ${entering} (cannot happen with positive payoffs)`,
      );
    tie ||= lr.tie;
    const leaving = current.basis[lr.row];
    current.det = integerPivot(current.T, lr.row, entering, current.det);
    current.basis[lr.row] = entering;
    pivots++;
    if (leaving === label) break;
    if (pivots > maxPivots) throw solverError('lemke-howson: pivot limit exceeded');
    entering = leaving;
    current = current === tx ? ty : tx;
  }
  const x = new Array<bigint>(m).fill(0n);
  tx.basis.forEach((lab, r) => {
    if (lab < m) x[lab] = tx.T[r][L];
  });
  const y = new Array<bigint>(n).fill(0n);
  ty.basis.forEach((lab, r) => {
    if (lab >= m) y[lab - m] = ty.T[r][L];
  });
  // basic values are rhs/det with det > 0 (positive pivots), so signs are right; normalise.
  return { equilibrium: [normaliseMixed(x), normaliseMixed(y)], label, pivots, tie };
}

/**
 * Lemke-Howson from one label, or from every label (distinct equilibria) when `label` is
 * undefined. Degeneracy is checked exhaustively when the game is small enough, and a
 * ratio-test tie on the path also proves it.
 */
export function lemkeHowson(
  g: BimatrixGame,
  label?: number,
): EquilibriumReport & { paths: { label: number; pivots: number }[] } {
  const labels = label === undefined ? Array.from({ length: g.m + g.n }, (_, k) => k) : [label];
  const paths = labels.map((k) => lemkeHowsonPath(g, k));
  const notes: string[] = [];
  for (const p of paths)
    if (!isEquilibrium(g, p.equilibrium[0], p.equilibrium[1]))
      throw internalError(`lemke-howson: internal error, label ${p.label} ended off equilibrium`);
  let degenerate: boolean | null = null;
  if (paths.some((p) => p.tie)) {
    degenerate = true;
    notes.push('degenerate game: a ratio-test tie occurred on the path (resolved by the lexicographic rule)');
  } else if (binomial(g.m + g.n, g.m) <= Math.min(ENUMERATION_LIMIT, 20_000)) {
    const w = degeneracyWitness(g);
    degenerate = w !== null;
    if (w) notes.push(`degenerate game: ${w}`);
  } else
    notes.push(
      'degeneracy not checked exhaustively (game too large); no ratio-test tie occurred on the path',
    );
  if (degenerate)
    notes.push(
      'Lemke-Howson finds one equilibrium per label; use vertex enumeration for all extreme equilibria',
    );
  return {
    method: 'lemke-howson',
    rows: g.m,
    cols: g.n,
    equilibria: canonicalPairs(paths.map((p) => p.equilibrium)).map(([x, y]) => describeEquilibrium(g, x, y)),
    degenerate,
    notes,
    paths: paths.map((p) => ({ label: p.label, pivots: p.pivots })),
  };
}
