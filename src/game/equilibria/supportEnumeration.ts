import { canonicalPairs, checkEnumerationSize, describeEquilibrium, forEachSubset } from './bimatrix.ts';
import type { BimatrixGame, EquilibriumReport, ExactMixed } from './bimatrix.ts';
import { bestResponsesToCol, bestResponsesToRow, colIndifference, rowIndifference } from './indifference.ts';

interface Candidate {
  s: ExactMixed;
  support: number[];
  best: Set<number>;
}

interface Scan {
  /** Row / column strategies pinned down by a support and an equal-sized indifference set. */
  X: Candidate[];
  Y: Candidate[];
  /** Equilibria found with equal-sized supports (the textbook algorithm). */
  pairs: [ExactMixed, ExactMixed][];
  /** Why the game is degenerate, or null. */
  witness: string | null;
}

/**
 * One pass over every pair of equal-sized supports (I, J). It solves the two indifference
 * systems (x from I with J indifferent, y from J with I indifferent) and records three things:
 * - the textbook equilibria;
 * - every strategy pinned down by some system whose indifferent set is among its best
 *   responses (every extreme point of an equilibrium component is one of these);
 * - a degeneracy witness: such a strategy with more best responses than its support size
 *   (von Stengel 2007, def. 3.2). A witness, if any exists, can be moved to a vertex of the set
 *   of witnesses, so checking these strategies suffices.
 */
function scan(g: BimatrixGame): Scan {
  const X: Candidate[] = [];
  const Y: Candidate[] = [];
  const seenX = new Set<string>();
  const seenY = new Set<string>();
  const pairs: [ExactMixed, ExactMixed][] = [];
  let witness: string | null = null;
  const keep = (
    s: ExactMixed | null,
    support: readonly number[],
    indifferent: readonly number[],
    best: (s: ExactMixed) => number[],
    list: Candidate[],
    seen: Set<string>,
    who: string,
  ): ExactMixed | null => {
    if (!s) return null;
    const br = new Set(best(s));
    if (!indifferent.every((t) => br.has(t))) return null;
    const key = `${s.num.join(',')}/${s.den}`;
    if (!seen.has(key)) {
      seen.add(key);
      list.push({ s, support: [...support], best: br });
      if (witness === null && br.size > support.length)
        witness = `the ${who} strategy with support {${support.join(',')}} has ${br.size} pure best responses {${[...br].join(',')}} of the other player, more than its support size ${support.length}`;
    }
    return s;
  };
  for (let k = 1; k <= Math.min(g.m, g.n); k++) {
    forEachSubset(g.m, k, (I) => {
      forEachSubset(g.n, k, (J) => {
        const x = keep(rowIndifference(g, I, J), I, J, (s) => bestResponsesToRow(g, s), X, seenX, 'row');
        const y = keep(colIndifference(g, J, I), J, I, (s) => bestResponsesToCol(g, s), Y, seenY, 'column');
        // J is among x's best responses and I among y's: (x, y) is an equilibrium.
        if (x && y) pairs.push([x, y]);
      });
    });
  }
  return { X, Y, pairs, witness };
}

/** Why the game is degenerate (exact check), or null if it is not. */
export function degeneracyWitness(g: BimatrixGame): string | null {
  checkEnumerationSize(g, 'degeneracy check');
  return scan(g).witness;
}

/**
 * Support enumeration (von Stengel 2007, Alg. 3.4; nashpy's `support_enumeration`). For each
 * pair of supports I, J of equal size k, solve the indifference equations
 *   x: sum_i B[i][j] x_i = u for j in J,  sum x = 1;   y: sum_j A[i][j] y_j = v for i in I,  sum y = 1
 * exactly, keep solutions positive on their supports whose supports are best responses.
 * In a non-degenerate game this finds every equilibrium. If the game is degenerate, equal
 * sizes are not enough (equilibria can have supports of unequal sizes and form continua):
 * we then pair every strategy pinned down by its support and an equal-sized indifference set
 * (any support sizes) and keep the pairs that are equilibria. That lists every extreme
 * equilibrium (vertex of an equilibrium component); a continuum between them is reported in
 * `notes`, never silently dropped.
 */
export function supportEnumeration(g: BimatrixGame): EquilibriumReport {
  checkEnumerationSize(g, 'support enumeration');
  const { X, Y, pairs: textbook, witness } = scan(g);
  const notes: string[] = [];
  let pairs = textbook;
  if (witness !== null) {
    notes.push(`degenerate game: ${witness}`);
    pairs = [];
    for (const x of X)
      for (const y of Y)
        if (y.support.every((j) => x.best.has(j)) && x.support.every((i) => y.best.has(i)))
          pairs.push([x.s, y.s]);
    notes.push(
      'listed: every extreme equilibrium (supports of any sizes); where two listed equilibria share a best-response structure, the segment between them may also consist of equilibria (use vertex enumeration to see the labels)',
    );
  }
  return {
    method: 'support-enumeration',
    rows: g.m,
    cols: g.n,
    equilibria: canonicalPairs(pairs).map(([x, y]) => describeEquilibrium(g, x, y)),
    degenerate: witness !== null,
    notes,
  };
}
