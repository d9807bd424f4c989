import {
  canonicalPairs,
  checkEnumerationSize,
  describeEquilibrium,
  forEachSubset,
  normaliseMixed,
} from './bimatrix.ts';
import type { BimatrixGame, EquilibriumReport, ExactMixed } from './bimatrix.ts';
import { solveSquare } from './rational.ts';

/** Payoffs shifted to be positive integers (adding a constant changes no best response). */
export function positiveShift(M: readonly (readonly bigint[])[]): bigint[][] {
  let min = M[0][0];
  for (const row of M) for (const x of row) if (x < min) min = x;
  const add = 1n - min;
  return M.map((row) => row.map((x) => x + add));
}

interface Vertex {
  /** Coordinates num / den (den > 0), in the un-normalised polytope. */
  num: bigint[];
  den: bigint;
  labels: Uint8Array;
}

/**
 * Vertices of { z >= 0 (labels own), W z <= 1 (labels other) } where W has `other` rows and
 * `own` columns, by trying every choice of `own` tight constraints (brute-force basis
 * enumeration, exact). Label numbering follows the caller's `labelOfOwn`/`labelOfOther`.
 */
function vertices(
  W: readonly (readonly bigint[])[],
  own: number,
  other: number,
  labelOfOwn: (i: number) => number,
  labelOfOther: (j: number) => number,
  totalLabels: number,
): Vertex[] {
  const out: Vertex[] = [];
  const seen = new Set<string>();
  forEachSubset(own + other, own, (tight) => {
    const M: bigint[][] = [];
    const b: bigint[] = [];
    for (const t of tight) {
      if (t < own) {
        const row = new Array<bigint>(own).fill(0n);
        row[t] = 1n;
        M.push(row);
        b.push(0n);
      } else {
        M.push([...W[t - own]]);
        b.push(1n);
      }
    }
    const sol = solveSquare(M, b);
    if (!sol) return;
    if (sol.num.some((v) => v < 0n)) return;
    const labels = new Uint8Array(totalLabels);
    for (let i = 0; i < own; i++) if (sol.num[i] === 0n) labels[labelOfOwn(i)] = 1;
    for (let j = 0; j < other; j++) {
      let s = 0n;
      for (let i = 0; i < own; i++) s += W[j][i] * sol.num[i];
      if (s > sol.den) return; // infeasible
      if (s === sol.den) labels[labelOfOther(j)] = 1;
    }
    const key = `${sol.num.join(',')}/${sol.den}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ num: sol.num, den: sol.den, labels });
  });
  return out;
}

/**
 * Vertex enumeration (von Stengel 2007, Alg. 3.5; nashpy's `vertex_enumeration`). With payoffs
 * shifted positive, the best-response polytopes are
 *   P = { x in R^m : x >= 0, B'x <= 1 },  Q = { y in R^n : A y <= 1, y >= 0 },
 * labels 0..m-1 for row strategies (x_i = 0 in P, (Ay)_i = 1 in Q) and m..m+n-1 for columns
 * ((B'x)_j = 1 in P, y_j = 0 in Q). Every completely labelled vertex pair other than (0, 0),
 * normalised, is an equilibrium; in a degenerate game (a vertex with more than m, resp. n,
 * labels) these are exactly the extreme equilibria (Avis et al. 2010).
 */
export function vertexEnumeration(g: BimatrixGame): EquilibriumReport {
  checkEnumerationSize(g, 'vertex enumeration');
  const { m, n } = g;
  const L = m + n;
  const Bt = positiveShift(g.Bint);
  const Ap = positiveShift(g.Aint);
  // P: own = x (m coordinates), other constraints are columns j: sum_i B[i][j] x_i <= 1.
  const WP = Array.from({ length: n }, (_, j) => Array.from({ length: m }, (_, i) => Bt[i][j]));
  const P = vertices(
    WP,
    m,
    n,
    (i) => i,
    (j) => m + j,
    L,
  );
  // Q: own = y (n coordinates), other constraints are rows i: sum_j A[i][j] y_j <= 1.
  const Q = vertices(
    Ap,
    n,
    m,
    (j) => m + j,
    (i) => i,
    L,
  );
  const notes: string[] = [];
  const overP = P.find((v) => v.labels.reduce((a, b) => a + b, 0) > m);
  const overQ = Q.find((v) => v.labels.reduce((a, b) => a + b, 0) > n);
  if (overP)
    notes.push(`degenerate game: a vertex of P has ${overP.labels.reduce((a, b) => a + b, 0)} > ${m} labels`);
  if (overQ)
    notes.push(`degenerate game: a vertex of Q has ${overQ.labels.reduce((a, b) => a + b, 0)} > ${n} labels`);
  if (overP || overQ)
    notes.push(
      'listed: the extreme equilibria; equilibria may also form convex sets (continua) spanned by them',
    );
  const pairs: [ExactMixed, ExactMixed][] = [];
  for (const x of P) {
    if (x.num.every((v) => v === 0n)) continue;
    for (const y of Q) {
      if (y.num.every((v) => v === 0n)) continue;
      let complete = true;
      for (let k = 0; k < L; k++)
        if (!x.labels[k] && !y.labels[k]) {
          complete = false;
          break;
        }
      if (complete) pairs.push([normaliseMixed(x.num), normaliseMixed(y.num)]);
    }
  }
  return {
    method: 'vertex-enumeration',
    rows: m,
    cols: n,
    equilibria: canonicalPairs(pairs).map(([x, y]) => describeEquilibrium(g, x, y)),
    degenerate: Boolean(overP || overQ),
    notes,
  };
}
