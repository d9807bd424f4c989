import {
  canonicalPairs,
  checkEnumerationSize,
  describeEquilibrium,
  forEachSubset,
  isEquilibrium,
} from './bimatrix.ts';
import type { BimatrixGame, EquilibriumReport, ExactMixed } from './bimatrix.ts';
import { bestResponsesToCol, bestResponsesToRow, colIndifference, rowIndifference } from './indifference.ts';

interface Candidate {
  s: ExactMixed;
  support: number[];
  best: Set<number>;
}

/**
 * Every strategy of one player that is pinned down by its support S and an equal-sized set T
 * of opponent strategies it makes indifferent, with T among the opponent's best responses.
 * Every extreme point of an equilibrium component is such a strategy.
 */
function candidates(g: BimatrixGame, side: 'row' | 'col'): Candidate[] {
  const [mine, theirs] = side === 'row' ? [g.m, g.n] : [g.n, g.m];
  const out: Candidate[] = [];
  const seen = new Set<string>();
  for (let k = 1; k <= Math.min(mine, theirs); k++) {
    forEachSubset(mine, k, (S) => {
      forEachSubset(theirs, k, (T) => {
        const s = side === 'row' ? rowIndifference(g, S, T) : colIndifference(g, S, T);
        if (!s) return;
        const key = `${s.num.join(',')}/${s.den}`;
        if (seen.has(key)) return;
        const best = new Set(side === 'row' ? bestResponsesToRow(g, s) : bestResponsesToCol(g, s));
        if (!T.every((t) => best.has(t))) return;
        seen.add(key);
        out.push({ s, support: [...S], best });
      });
    });
  }
  return out;
}

/**
 * Degeneracy test (von Stengel 2007, def. 3.2): a game is degenerate iff some mixed strategy
 * with support size k has more than k pure best responses. It suffices to check the
 * candidate strategies above (a witness can be moved to a vertex of the set of witnesses).
 */
export function degeneracyWitness(g: BimatrixGame): string | null {
  checkEnumerationSize(g, 'degeneracy check');
  for (const side of ['row', 'col'] as const) {
    for (const c of candidates(g, side)) {
      if (c.best.size > c.support.length) {
        const who = side === 'row' ? 'row' : 'column';
        const other = side === 'row' ? 'column' : 'row';
        return `the ${who} strategy with support {${c.support.join(',')}} has ${c.best.size} pure best responses {${[...c.best].join(',')}} of the ${other} player, more than its support size ${c.support.length}`;
      }
    }
  }
  return null;
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
  const witness = degeneracyWitness(g);
  const pairs: [ExactMixed, ExactMixed][] = [];
  const notes: string[] = [];
  if (witness === null) {
    for (let k = 1; k <= Math.min(g.m, g.n); k++) {
      forEachSubset(g.m, k, (I) => {
        forEachSubset(g.n, k, (J) => {
          const x = rowIndifference(g, I, J);
          if (!x) return;
          const y = colIndifference(g, J, I);
          if (!y) return;
          if (isEquilibrium(g, x, y)) pairs.push([x, y]);
        });
      });
    }
  } else {
    notes.push(`degenerate game: ${witness}`);
    const X = candidates(g, 'row');
    const Y = candidates(g, 'col');
    for (const x of X)
      for (const y of Y)
        if (y.support.every((j) => x.best.has(j)) && x.support.every((i) => y.best.has(i))) pairs.push([x.s, y.s]);
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
