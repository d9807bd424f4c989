// Reference values for the textbook systems of Miller & Blair (2009), ch. 2 and 12, derived by
// hand (2-sector, exact fractions written out below) and by exact BigInt Gauss-Jordan (3-sector).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ghoshInverse,
  hypotheticalExtraction,
  leontiefInverse,
  linkages,
  multipliers,
  prepareModel,
  solveGhosh,
  solveLeontief,
} from '../../src/supply/index.ts';
import { close, closeArr, Frac, invertExact, smallSystem } from './helpers.ts';

describe('Miller & Blair 2-sector example (ch. 2: Z = [[150,500],[200,100]], f = [350,1700], x = [1000,2000])', () => {
  const sys = smallSystem(
    [
      [150, 500],
      [200, 100],
    ],
    [[350], [1700]],
  );
  const m = prepareModel(sys);
  // By hand: A = [[0.15, 0.25], [0.2, 0.05]], det(I - A) = 0.85*0.95 - 0.25*0.2 = 0.7575 = 303/400,
  // L = (400/303) [[0.95, 0.25], [0.2, 0.85]] = [[380, 100], [80, 340]] / 303.
  const L = [380 / 303, 100 / 303, 80 / 303, 340 / 303];

  test('x, A and v', () => {
    closeArr(m.x, [1000, 2000], 1e-12, 'x');
    closeArr(m.v, [650, 1400], 1e-12, 'v');
    closeArr(
      Float64Array.from([0.15, 0.25, 0.2, 0.05]),
      [m.A.values[0], m.A.values[1], m.A.values[2], m.A.values[3]],
      1e-12,
      'A',
    );
  });

  test('Leontief inverse equals the hand-derived fractions', () => {
    closeArr(leontiefInverse(m), L, 1e-12, 'L');
  });

  test('new final demand f = [600, 1500] gives x = [378000, 558000] / 303 (M&B: 1247.52, 1841.58)', () => {
    for (const method of ['dense', 'gmres'] as const) {
      const { dx, report } = solveLeontief(m, Float64Array.from([600, 1500]), { method });
      closeArr(dx, [378000 / 303, 558000 / 303], 1e-12, method);
      assert.ok(report.relative_residual < 1e-12);
    }
  });

  test('output multipliers = column sums of L = [460, 440] / 303', () => {
    const mu = multipliers(m);
    closeArr(mu.output, [460 / 303, 440 / 303], 1e-12, 'output');
    closeArr(mu.valueAdded, [1, 1], 1e-12, 'value added (balancing v)');
  });

  test('employment multipliers: jobs f = [100, 300], s = f / x = [0.1, 0.15], s^T L = [50, 61] / 303', () => {
    const withJobs = prepareModel({
      ...sys,
      factors: [{ name: 'employment', rows: ['jobs'], F: Float64Array.from([100, 300]) }],
    });
    const f = multipliers(withJobs).factors[0];
    assert.equal(f.row, 'jobs');
    closeArr(f.total, [50 / 303, 61 / 303], 1e-12, 'total');
    closeArr(f.typeI, [50 / 303 / 0.1, 61 / 303 / 0.15], 1e-12, 'type I');
  });

  test('Ghosh: B = [[0.15, 0.5], [0.1, 0.05]], G = [[380, 200], [40, 340]] / 303, v^T G = x^T', () => {
    closeArr(ghoshInverse(m), [380 / 303, 200 / 303, 40 / 303, 340 / 303], 1e-12, 'G');
    // a primary-input cut of 100 in sector 1 lowers outputs by 100 * row 1 of G
    const { dx } = solveGhosh(m, Float64Array.from([-100, 0]));
    closeArr(dx, [(-100 * 380) / 303, (-100 * 200) / 303], 1e-12, 'Δx');
  });

  test('extractions: complete T_1 = 3000 - 1700 / 0.95; backward and forward by hand', () => {
    const e = hypotheticalExtraction(m);
    // complete extraction of 1: x2 = (1 - a22)^-1 y2 = 1700 / 0.95
    close(e.complete[0], 3000 - 1700 / 0.95, 1e-12, 'T_1');
    // complete extraction of 2: x1 = 350 / 0.85
    close(e.complete[1], 3000 - 350 / 0.85, 1e-12, 'T_2');
    // backward extraction of 1 (column 1 of A zeroed): I - Ā = [[1, -0.25], [0, 0.95]]
    // x̄2 = 1700 / 0.95, x̄1 = 350 + 0.25 x̄2
    const x2 = 1700 / 0.95;
    close(e.backward[0], 3000 - (350 + 0.25 * x2 + x2), 1e-12, 'BL_1');
    // forward extraction of 1 (row 1 of B zeroed): x̄^T (I - B̄) = v^T with B̄ = [[0, 0], [0.1, 0.05]]
    // x̄1 = v1 + 0.1 x̄2, x̄2 = v2 / 0.95
    const fx2 = 1400 / 0.95;
    close(e.forward[0], 3000 - (650 + 0.1 * fx2 + fx2), 1e-12, 'FL_1');
  });

  test('linkages: direct backward = column sums of A, direct forward = row sums of B', () => {
    const lk = linkages(m);
    closeArr(lk.directBackward, [0.35, 0.3], 1e-12, 'BL direct');
    closeArr(lk.directForward, [0.65, 0.15], 1e-12, 'FL direct');
    closeArr(lk.totalForward, [580 / 303, 380 / 303], 1e-12, 'G e');
    // Rasmussen: n c_j / sum c
    closeArr(lk.normalizedBackward, [(2 * 460) / 900, (2 * 440) / 900], 1e-12, 'power of dispersion');
  });
});

describe('Miller & Blair 3-sector example (A = [[.2,.3,.2],[.4,.1,.2],[.1,.3,.2]], exact reference)', () => {
  const Aq = [
    ['0.2', '0.3', '0.2'],
    ['0.4', '0.1', '0.2'],
    ['0.1', '0.3', '0.2'],
  ].map((r) => r.map(Frac.of));
  const x = [1000, 2000, 1500];
  // Z = A x̂, y = x - Z e so that x is the model's output
  const Z = Aq.map((r) => r.map((a, j) => a.toNumber() * x[j]));
  const y = Z.map((r, i) => [x[i] - r.reduce((s, v) => s + v, 0)]);
  const m = prepareModel(smallSystem(Z, y));
  const one = new Frac(1n);
  const zero = new Frac(0n);
  const IminusA = Aq.map((r, i) => r.map((a, j) => (i === j ? one : zero).sub(a)));
  const Lq = invertExact(IminusA);

  test('L equals the exact rational inverse to 1e-12', () => {
    closeArr(
      leontiefInverse(m),
      Lq.flat().map((f) => f.toNumber()),
      1e-12,
      'L',
    );
  });

  test('multipliers and Ghosh inverse equal the exact reference', () => {
    const colSums = [0, 1, 2].map((j) => Lq.reduce((s, r) => s.add(r[j]), zero).toNumber());
    closeArr(multipliers(m).output, colSums, 1e-12, 'output multipliers');
    const G = ghoshInverse(m);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++)
        close(G[i * 3 + j], (Lq[i][j].toNumber() * x[j]) / x[i], 1e-12, `G[${i}][${j}]`);
  });

  test('demand shock Δy = [100, 0, -50] equals L Δy exactly (both solvers)', () => {
    const dy = [new Frac(100n), zero, new Frac(-50n)];
    const ref = Lq.map((r) => r.reduce((s, l, j) => s.add(l.mul(dy[j])), zero).toNumber());
    for (const method of ['dense', 'gmres'] as const)
      closeArr(solveLeontief(m, Float64Array.from([100, 0, -50]), { method }).dx, ref, 1e-12, method);
  });
});
