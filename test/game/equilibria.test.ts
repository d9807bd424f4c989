import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  makeBimatrix,
  parseBimatrix,
  supportEnumeration,
  vertexEnumeration,
  lemkeHowson,
  lemkeHowsonPath,
  degeneracyWitness,
  namedStageGame,
} from '../../src/game/index.ts';
import type { EquilibriumReport } from '../../src/game/index.ts';

type M = number[][];
const T = (A: M): M => A[0].map((_, j) => A.map((r) => r[j]));
/** Equilibria as "x|y" strings of exact fractions, sorted, for set comparison. */
const eqSet = (r: EquilibriumReport): string[] =>
  r.equilibria.map((e) => `${e.row_exact.join(',')}|${e.col_exact.join(',')}`).sort();
const all3 = (A: M, B: M): EquilibriumReport[] => {
  const g = makeBimatrix(A, B);
  return [supportEnumeration(g), vertexEnumeration(g), lemkeHowson(g)];
};

/** Independent exact check (plain BigInt, not the library's): x, y are mutual best responses. */
function parseFrac(s: string): [bigint, bigint] {
  const [n, d] = s.split('/');
  return [BigInt(n), BigInt(d ?? '1')];
}
function checkNash(A: M, B: M, rowExact: string[], colExact: string[]): void {
  const x = rowExact.map(parseFrac);
  const y = colExact.map(parseFrac);
  const sumIs1 = (v: [bigint, bigint][]): boolean => {
    const L = v.reduce((l, [, d]) => l * d, 1n);
    return v.reduce((s, [n, d]) => s + (n * L) / d, 0n) === L && v.every(([n]) => n >= 0n);
  };
  assert.ok(sumIs1(x) && sumIs1(y), 'probability vectors');
  // scale payoffs by 1000 to make decimal inputs integral in these tests
  const Ai = A.map((r) => r.map((a) => BigInt(Math.round(a * 1000))));
  const Bi = B.map((r) => r.map((b) => BigInt(Math.round(b * 1000))));
  const Ly = y.reduce((l, [, d]) => l * d, 1n);
  const Lx = x.reduce((l, [, d]) => l * d, 1n);
  const rowPay = Ai.map((r) => r.reduce((s, a, j) => s + (a * y[j][0] * Ly) / y[j][1], 0n));
  const colPay = Bi[0].map((_, j) => Bi.reduce((s, r, i) => s + (r[j] * x[i][0] * Lx) / x[i][1], 0n));
  const maxR = rowPay.reduce((a, b) => (b > a ? b : a));
  const maxC = colPay.reduce((a, b) => (b > a ? b : a));
  x.forEach(([n], i) => assert.ok(n === 0n || rowPay[i] === maxR, `row ${i} played but not a best response`));
  y.forEach(([n], j) =>
    assert.ok(n === 0n || colPay[j] === maxC, `column ${j} played but not a best response`),
  );
}

describe('classic games: all equilibria, three methods agree', () => {
  const cases: { name: string; A: M; B: M; eq: string[] }[] = [
    {
      name: "prisoner's dilemma",
      A: [
        [3, 0],
        [5, 1],
      ],
      B: T([
        [3, 0],
        [5, 1],
      ]),
      eq: ['0,1|0,1'],
    },
    // chicken: mixed y0 solves -y1 = y0 - 10 y1 -> y0 = 9/10
    {
      name: 'chicken',
      A: [
        [0, -1],
        [1, -10],
      ],
      B: T([
        [0, -1],
        [1, -10],
      ]),
      eq: ['0,1|1,0', '1,0|0,1', '9/10,1/10|9/10,1/10'],
    },
    // battle of the sexes: x0 = 3/5 makes column indifferent (2 x0 = 3 x1), y0 = 2/5 (3 y0 = 2 y1)
    {
      name: 'battle of the sexes',
      A: [
        [3, 0],
        [0, 2],
      ],
      B: [
        [2, 0],
        [0, 3],
      ],
      eq: ['0,1|0,1', '1,0|1,0', '3/5,2/5|2/5,3/5'],
    },
    {
      name: 'matching pennies',
      A: [
        [1, -1],
        [-1, 1],
      ],
      B: [
        [-1, 1],
        [1, -1],
      ],
      eq: ['1/2,1/2|1/2,1/2'],
    },
    {
      name: 'rock-paper-scissors',
      A: [
        [0, -1, 1],
        [1, 0, -1],
        [-1, 1, 0],
      ],
      B: [
        [0, 1, -1],
        [-1, 0, 1],
        [1, -1, 0],
      ],
      eq: ['1/3,1/3,1/3|1/3,1/3,1/3'],
    },
    // stag hunt: 4 y0 + (1 - y0) = 3 -> y0 = 2/3
    {
      name: 'stag hunt',
      A: [
        [4, 1],
        [3, 3],
      ],
      B: T([
        [4, 1],
        [3, 3],
      ]),
      eq: ['0,1|0,1', '1,0|1,0', '2/3,1/3|2/3,1/3'],
    },
    // von Stengel (2007) fig. 3.3 non-degenerate 3x2 example
    {
      name: 'von Stengel 3x2',
      A: [
        [3, 3],
        [2, 5],
        [0, 6],
      ],
      B: [
        [3, 2],
        [2, 6],
        [3, 1],
      ],
      eq: ['0,1/3,2/3|1/3,2/3', '1,0,0|1,0', '4/5,1/5,0|2/3,1/3'],
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const [se, ve, lh] = all3(c.A, c.B);
      assert.deepEqual(eqSet(se), [...c.eq].sort());
      assert.deepEqual(eqSet(ve), [...c.eq].sort());
      assert.equal(se.degenerate, false);
      assert.equal(ve.degenerate, false);
      // LH from every label finds equilibria in the set (not necessarily all)
      for (const e of eqSet(lh)) assert.ok(c.eq.includes(e), e);
      for (const r of [se, ve, lh])
        for (const e of r.equilibria) checkNash(c.A, c.B, e.row_exact, e.col_exact);
    });
  }

  test('named trade-war stage games: deadlock and harmony have one pure equilibrium, chicken three', () => {
    const eqOf = (name: string): string[] => {
      const g = namedStageGame(name);
      assert.ok(g);
      return eqSet(
        supportEnumeration(
          makeBimatrix(
            g.A.map((r) => [...r]),
            g.B.map((r) => [...r]),
          ),
        ),
      );
    };
    assert.deepEqual(eqOf('deadlock'), ['0,1|0,1']); // both escalate
    assert.deepEqual(eqOf('harmony'), ['1,0|1,0']); // both talk
    assert.deepEqual(eqOf('prisoners-dilemma'), ['0,1|0,1']);
    // chicken (3,2,4,1): 3y + 2(1-y) = 4y + (1-y) -> y = 1/2
    assert.deepEqual(eqOf('chicken'), ['0,1|1,0', '1,0|0,1', '1/2,1/2|1/2,1/2']);
    // stag hunt (4,1,3,2): 4y + (1-y) = 3y + 2(1-y) -> y = 1/2
    assert.deepEqual(eqOf('Stag-Hunt'), ['0,1|0,1', '1,0|1,0', '1/2,1/2|1/2,1/2']);
    assert.equal(namedStageGame('poker'), null);
  });

  test('payoffs are reported exactly (battle of the sexes mixed: 6/5 each)', () => {
    const se = supportEnumeration(
      makeBimatrix(
        [
          [3, 0],
          [0, 2],
        ],
        [
          [2, 0],
          [0, 3],
        ],
      ),
    );
    const mixed = se.equilibria.find((e) => e.row_exact[0] === '3/5');
    assert.equal(mixed?.row_payoff_exact, '6/5');
    assert.equal(mixed?.col_payoff_exact, '6/5');
  });

  test('decimal payoffs are read exactly: a 0.1-scaled game has the same equilibria', () => {
    const A = [
      [3, 0],
      [0, 2],
    ];
    const B = [
      [2, 0],
      [0, 3],
    ];
    // written as decimals (3 * 0.1 would be the double 0.30000000000000004, a different game)
    const A10 = [
      [0.3, 0],
      [0, 0.2],
    ];
    const B10 = [
      [0.2, 0],
      [0, 0.3],
    ];
    assert.deepEqual(
      eqSet(supportEnumeration(makeBimatrix(A10, B10))),
      eqSet(supportEnumeration(makeBimatrix(A, B))),
    );
  });

  test('Lemke-Howson labels: BoS from label 0 reaches a pure equilibrium, every label ends at an equilibrium', () => {
    const g = makeBimatrix(
      [
        [3, 0],
        [0, 2],
      ],
      [
        [2, 0],
        [0, 3],
      ],
    );
    for (let k = 0; k < 4; k++) {
      const p = lemkeHowsonPath(g, k);
      assert.ok(p.pivots >= 1);
    }
    assert.throws(() => lemkeHowsonPath(g, 4), /label must be an integer in \[0, 3\] for a 2x2 game, got 4/);
  });
});

describe('degenerate games are reported, never silently wrong', () => {
  test('von Stengel degenerate 3x2: a continuum (top, y0 in [2/3,1]) plus an isolated equilibrium', () => {
    // top row gives the column player 3 and 3: two best responses to a pure strategy.
    const A = [
      [3, 3],
      [2, 5],
      [0, 6],
    ];
    const B = [
      [3, 3],
      [2, 6],
      [3, 1],
    ];
    const want = ['0,1/3,2/3|1/3,2/3', '1,0,0|1,0', '1,0,0|2/3,1/3'];
    const [se, ve, lh] = all3(A, B);
    assert.deepEqual(eqSet(se), want);
    assert.deepEqual(eqSet(ve), want);
    for (const r of [se, ve, lh]) {
      assert.equal(r.degenerate, true);
      assert.ok(r.notes.some((n) => n.startsWith('degenerate game')));
      for (const e of r.equilibria) checkNash(A, B, e.row_exact, e.col_exact);
    }
    assert.match(
      degeneracyWitness(makeBimatrix(A, B)) ?? '',
      /row strategy with support \{0\} has 2 pure best responses/,
    );
  });

  test('a constant game: every profile is an equilibrium; the four pure ones are the extreme points', () => {
    const A = [
      [1, 1],
      [1, 1],
    ];
    const want = ['0,1|0,1', '0,1|1,0', '1,0|0,1', '1,0|1,0'];
    const [se, ve] = all3(A, A);
    assert.deepEqual(eqSet(se), want);
    assert.deepEqual(eqSet(ve), want);
  });

  test('unequal support sizes: pure row against a mixed column', () => {
    // Row 0 is dominant for the row player only weakly against col mix; column player indifferent vs row 0.
    const A = [
      [2, 2],
      [3, 0],
    ];
    const B = [
      [1, 1],
      [0, 2],
    ];
    // Row player: row 0 gives 2; row 1 gives 3 y0. Row 0 best iff y0 <= 2/3. Column player vs row 0: indifferent.
    const se = supportEnumeration(makeBimatrix(A, B));
    assert.equal(se.degenerate, true);
    assert.ok(eqSet(se).includes('1,0|2/3,1/3'), eqSet(se).join(' '));
    assert.ok(eqSet(se).includes('1,0|0,1'));
  });
});

describe('random games (property tests)', () => {
  const game = (m: number, n: number) =>
    fc.tuple(
      fc.array(fc.array(fc.integer({ min: -50, max: 50 }), { minLength: n, maxLength: n }), {
        minLength: m,
        maxLength: m,
      }),
      fc.array(fc.array(fc.integer({ min: -50, max: 50 }), { minLength: n, maxLength: n }), {
        minLength: m,
        maxLength: m,
      }),
    );
  const shapes = fc
    .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }))
    .chain(([m, n]) => game(m, n));

  test('every equilibrium of every method is a mutual best response; non-degenerate: methods agree, count is odd, LH is in the set', () => {
    fc.assert(
      fc.property(shapes, ([A, B]) => {
        const g = makeBimatrix(A, B);
        const se = supportEnumeration(g);
        const ve = vertexEnumeration(g);
        const lh = lemkeHowson(g);
        for (const r of [se, ve, lh]) {
          assert.ok(r.equilibria.length >= 1, 'Nash: at least one equilibrium');
          for (const e of r.equilibria) checkNash(A, B, e.row_exact, e.col_exact);
        }
        assert.equal(se.degenerate, ve.degenerate);
        assert.equal(lh.degenerate, se.degenerate, 'Lemke-Howson degeneracy report agrees');
        if (!se.degenerate) {
          assert.deepEqual(eqSet(se), eqSet(ve));
          assert.equal(se.equilibria.length % 2, 1, 'oddness theorem (Wilson 1971)');
          for (const e of eqSet(lh)) assert.ok(eqSet(se).includes(e));
        } else {
          // extreme equilibria: support enumeration's degenerate mode and vertex enumeration coincide
          assert.deepEqual(eqSet(se), eqSet(ve));
        }
      }),
      { numRuns: 150 },
    );
  });

  test('degenerate small-range games too (entries in 0..2 are often degenerate)', () => {
    const small = fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })).chain(([m, n]) =>
      fc.tuple(
        fc.array(fc.array(fc.integer({ min: 0, max: 2 }), { minLength: n, maxLength: n }), {
          minLength: m,
          maxLength: m,
        }),
        fc.array(fc.array(fc.integer({ min: 0, max: 2 }), { minLength: n, maxLength: n }), {
          minLength: m,
          maxLength: m,
        }),
      ),
    );
    fc.assert(
      fc.property(small, ([A, B]) => {
        const g = makeBimatrix(A, B);
        const se = supportEnumeration(g);
        const ve = vertexEnumeration(g);
        assert.deepEqual(eqSet(se), eqSet(ve));
        assert.equal(se.degenerate, ve.degenerate);
        const lh = lemkeHowson(g);
        assert.equal(lh.degenerate, se.degenerate);
        for (const e of lh.equilibria) checkNash(A, B, e.row_exact, e.col_exact);
      }),
      { numRuns: 150 },
    );
  });

  test('Lemke-Howson on a 12x12 random game from every label ends at exact equilibria', () => {
    const A = Array.from({ length: 12 }, (_, i) =>
      Array.from({ length: 12 }, (_, j) => ((i * 37 + j * 11) % 23) - 11),
    );
    const B = Array.from({ length: 12 }, (_, i) =>
      Array.from({ length: 12 }, (_, j) => ((i * 13 + j * 29) % 19) - 9),
    );
    const lh = lemkeHowson(makeBimatrix(A, B));
    for (const e of lh.equilibria) checkNash(A, B, e.row_exact, e.col_exact);
  });
});

describe('bad game input', () => {
  test('non-rectangular, non-numeric, missing, mismatched', () => {
    assert.throws(
      () =>
        parseBimatrix(
          {
            A: [[1, 2], [3]],
            B: [
              [1, 2],
              [3, 4],
            ],
          },
          'g.json',
        ),
      /g\.json: A is not rectangular: row 0 has 2 entries but row 1 has 1/,
    );
    assert.throws(
      () => parseBimatrix({ A: [[1, 'x']], B: [[1, 2]] }, 'g.json'),
      /g\.json: A\[0\]\[1\] must be a finite number, got "x"/,
    );
    assert.throws(() => parseBimatrix({ A: [[1, 2]] }, 'g.json'), /g\.json: missing "B"/);
    assert.throws(() => parseBimatrix({ A: [[1, 2]], B: [[1], [2]] }, 'g.json'), /A is 1x2 but B is 2x1/);
    assert.throws(() => parseBimatrix([1, 2], 'g.json'), /expected a JSON object/);
  });

  test('enumeration refuses games too large, naming the count and the alternative', () => {
    const big = Array.from({ length: 30 }, () => new Array<number>(30).fill(0).map((_, j) => j));
    assert.throws(
      () => vertexEnumeration(makeBimatrix(big, big)),
      /vertex enumeration: a 30x30 game has C\(60, 30\).*use lemke-howson/,
    );
  });
});
