// Property tests on random productive systems: accounting identities and closed forms against
// brute force (independent Gauss-Jordan in helpers.ts).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  csrToDense,
  exportCut,
  exposureIndex,
  ghoshB,
  ghoshInverse,
  hypotheticalExtraction,
  leontiefInverse,
  luFactor,
  luInverseDiagonal,
  prepareModel,
  solveLeontief,
  spmvT,
  supplyShock,
  csrFromDense,
  valueAddedInTrade,
  type IOModel,
} from '../../src/supply/index.ts';
import { close, closeArr, identity, invert, matmul, matvec, smallSystem, sum, vecmat } from './helpers.ts';

/** Random productive system: n sectors in 2 regions, column sums of A in [0.1, 0.8]. */
const systemArb = fc
  .record({
    n: fc.integer({ min: 2, max: 7 }),
    seed: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), {
      minLength: 49 + 7 + 14,
      maxLength: 49 + 7 + 14,
    }),
  })
  .map(({ n, seed }) => {
    const x = Array.from({ length: n }, (_, i) => 100 + 900 * seed[49 + i]);
    const raw = Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, j) => (seed[i * 7 + j] < 0.2 ? 0 : seed[i * 7 + j])),
    );
    const colTarget = Array.from({ length: n }, (_, j) => 0.1 + 0.7 * seed[56 + j]);
    const A = raw.map((r) => r.slice());
    for (let j = 0; j < n; j++) {
      const cs = raw.reduce((s, r) => s + r[j], 0);
      for (let i = 0; i < n; i++) A[i][j] = cs === 0 ? 0 : (raw[i][j] / cs) * colTarget[j];
    }
    const Z = A.map((r) => r.map((a, j) => a * x[j]));
    // y = x - Z e, split into two categories by a seed share
    const Y = Z.map((r, i) => {
      const yi = x[i] - r.reduce((s, v) => s + v, 0);
      const share = seed[63 + i];
      return [share * yi, (1 - share) * yi];
    });
    const regions = Array.from({ length: n }, (_, i) => (i < Math.ceil(n / 2) ? 'R1' : 'R2'));
    return { n, Z, Y, A, regions };
  })
  .filter(({ Z, Y }) => Z.every((r, i) => r.reduce((s, v) => s + v, 0) + Y[i][0] + Y[i][1] > 0));

const model = (s: { Z: number[][]; Y: number[][]; regions: string[] }): IOModel =>
  prepareModel(smallSystem(s.Z, s.Y, { regions: s.regions }));
const dense = (a: Float64Array, n: number): number[][] =>
  Array.from({ length: n }, (_, i) => Array.from(a.subarray(i * n, (i + 1) * n)));
const runs = { numRuns: 60, seed: 20250610 };

describe('accounting identities', () => {
  test('x = Z e + Y e, (I - A) x = y, L = I + A L, L y = x', () => {
    fc.assert(
      fc.property(systemArb, (s) => {
        const m = model(s);
        const n = s.n;
        const Z = dense(csrToDense(m.Z), n);
        for (let i = 0; i < n; i++) close(m.x[i], sum(Z[i]) + s.Y[i][0] + s.Y[i][1], 1e-12, 'x');
        const A = dense(csrToDense(m.A), n);
        const Ax = matvec(A, Array.from(m.x));
        for (let i = 0; i < n; i++) close(m.x[i] - Ax[i], m.y[i], 1e-9, '(I-A)x');
        const L = dense(leontiefInverse(m), n);
        const AL = matmul(A, L);
        const I = identity(n);
        for (let i = 0; i < n; i++)
          for (let j = 0; j < n; j++) close(L[i][j], I[i][j] + AL[i][j], 1e-10, 'L = I + AL');
        closeArr(solveLeontief(m, m.y).dx, m.x, 1e-10, 'Ly');
      }),
      runs,
    );
  });

  test('Ghosh: v^T G = x^T (primary inputs times G give x), G = x^-1 L x = (I - B)^-1', () => {
    fc.assert(
      fc.property(systemArb, (s) => {
        const m = model(s);
        const n = s.n;
        const G = dense(ghoshInverse(m), n);
        closeArr(vecmat(Array.from(m.v), G), m.x, 1e-10, 'v^T G');
        const B = dense(ghoshB(m), n);
        const ref = invert(identity(n).map((r, i) => r.map((d, j) => d - B[i][j])));
        for (let i = 0; i < n; i++) closeArr(G[i], ref[i], 1e-10, 'G');
        // Ghosh exposure columns sum to 1: sum_i v_c,i l_ij = 1
        const L = dense(leontiefInverse(m), n);
        for (let j = 0; j < n; j++)
          close(
            L.reduce((a, r, i) => a + m.vc[i] * r[j], 0),
            1,
            1e-10,
            'v_c^T L',
          );
      }),
      runs,
    );
  });

  test('value added in trade sums to total value added = total final demand', () => {
    fc.assert(
      fc.property(systemArb, (s) => {
        const m = model(s);
        const va = valueAddedInTrade(m);
        const total = va.valueAdded.flat().reduce((a, b) => a + b, 0);
        close(total, sum(m.v), 1e-9, 'Σ VA = Σ v');
        close(total, sum(m.y), 1e-9, 'Σ VA = Σ y');
      }),
      runs,
    );
  });
});

describe('hypothetical extraction: closed forms equal brute force', () => {
  test('complete, backward, forward and partial extraction of every sector', () => {
    fc.assert(
      fc.property(systemArb, fc.double({ min: 0.05, max: 1, noNaN: true }), (s, phi) => {
        const m = model(s);
        const n = s.n;
        const A = dense(csrToDense(m.A), n);
        const B = dense(ghoshB(m), n);
        const y = Array.from(m.y);
        const v = Array.from(m.v);
        const T = sum(m.x);
        const full = hypotheticalExtraction(m);
        const part = hypotheticalExtraction(m, { share: phi });
        for (let j = 0; j < n; j++) {
          // complete: drop row and column j
          const keep = [...Array(n).keys()].filter((i) => i !== j);
          const Lr = invert(keep.map((i) => keep.map((k) => (i === k ? 1 : 0) - A[i][k])));
          const xr = matvec(
            Lr,
            keep.map((i) => y[i]),
          );
          close(full.complete[j], T - sum(xr), 1e-9, `complete ${j}`);
          for (const [res, f] of [
            [full, 1],
            [part, phi],
          ] as const) {
            // backward: column j of A scaled by 1 - f
            const Ab = A.map((r) => r.map((a, k) => (k === j ? a * (1 - f) : a)));
            const xb = matvec(invert(identity(n).map((r, i) => r.map((d, k) => d - Ab[i][k]))), y);
            close(res.backward[j], T - sum(xb), 1e-9, `backward ${j} φ=${f}`);
            // forward: row j of B scaled by 1 - f
            const Bf = B.map((r, i) => (i === j ? r.map((b) => b * (1 - f)) : r));
            const xf = vecmat(v, invert(identity(n).map((r, i) => r.map((d, k) => d - Bf[i][k]))));
            close(res.forward[j], T - sum(xf), 1e-9, `forward ${j} φ=${f}`);
          }
        }
      }),
      { numRuns: 40, seed: 7 },
    );
  });

  test('diag(L) from the LU factors equals the diagonal of the explicit inverse', () => {
    fc.assert(
      fc.property(systemArb, (s) => {
        const m = model(s);
        const n = s.n;
        const M = new Float64Array(n * n);
        const A = csrToDense(m.A);
        for (let k = 0; k < n * n; k++) M[k] = (k % (n + 1) === 0 ? 1 : 0) - A[k];
        const d = luInverseDiagonal(luFactor(M, n));
        const ref = invert(dense(M, n));
        closeArr(
          d,
          ref.map((r, i) => r[i]),
          1e-12,
          'diag',
        );
      }),
      runs,
    );
  });
});

describe('shocks against brute force', () => {
  test('mixed models: Leontief upstream and Ghosh downstream with one sector fixed', () => {
    fc.assert(
      fc.property(
        systemArb,
        fc.double({ min: -0.9, max: -0.05, noNaN: true }),
        fc.nat(),
        (s, change, pick) => {
          const m = model(s);
          const n = s.n;
          const k = pick % n;
          const A = dense(csrToDense(m.A), n);
          const E = [...Array(n).keys()].filter((i) => i !== k);
          const xK = m.x[k] * (1 + change);
          // Leontief: x_E = (I - A_EE)^-1 (y_E + A_EK x_K)
          const LEE = invert(E.map((i) => E.map((j) => (i === j ? 1 : 0) - A[i][j])));
          const xE = matvec(
            LEE,
            E.map((i) => m.y[i] + A[i][k] * xK),
          );
          const le = supplyShock(m, [{ index: k, change }], 'leontief');
          close(le.dx[k], xK - m.x[k], 1e-9, 'fixed');
          E.forEach((i, a) => close(le.dx[i], xE[a] - m.x[i], 1e-9, `leontief ${i}`));
          // Ghosh: x_E^T = (v_E^T + x_K b_KE)(I - B_EE)^-1
          const B = dense(ghoshB(m), n);
          const GEE = invert(E.map((i) => E.map((j) => (i === j ? 1 : 0) - B[i][j])));
          const rhs = E.map((j) => m.v[j] + xK * B[k][j]);
          const gE = vecmat(rhs, GEE);
          const gh = supplyShock(m, [{ index: k, change }], 'ghosh');
          close(gh.dx[k], xK - m.x[k], 1e-9, 'fixed');
          E.forEach((j, a) => close(gh.dx[j], gE[a] - m.x[j], 1e-9, `ghosh ${j}`));
        },
      ),
      runs,
    );
  });

  test('Ghosh mixed model in relative terms = Leontief cost-push price model: Δp_E^T = π a_k,E (I - A_EE)^-1', () => {
    fc.assert(
      fc.property(systemArb, fc.double({ min: 0.01, max: 2, noNaN: true }), fc.nat(), (s, pi, pick) => {
        const m = model(s);
        const n = s.n;
        const k = pick % n;
        const A = dense(csrToDense(m.A), n);
        const E = [...Array(n).keys()].filter((i) => i !== k);
        const inv = invert(E.map((i) => E.map((j) => (i === j ? 1 : 0) - A[i][j])));
        const dp = vecmat(
          E.map((j) => pi * A[k][j]),
          inv,
        );
        const g = supplyShock(m, [{ index: k, change: pi }], 'ghosh');
        E.forEach((j, a) => close(g.dx[j] / m.x[j], dp[a], 1e-9, `Δp ${j}`));
      }),
      runs,
    );
  });

  test('export cut (Woodbury) equals re-inverting the cut system', () => {
    fc.assert(
      fc.property(
        systemArb,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        (s, phi, w) => {
          const m = model(s);
          const n = s.n;
          const ks = [0, n - 1];
          const mask = Uint8Array.from(m.labels.map((l) => (l.region === 'R2' ? 1 : 0)));
          const chokepoints = ks.map((index, i) => ({ index, weight: i === 0 ? w : w / 2 }));
          const cut = exportCut(m, chokepoints, mask);
          const B = dense(ghoshB(m), n);
          const A = dense(csrToDense(m.A), n);
          const Bc = B.map((r, i) =>
            r.map((b, j) => (ks.includes(i) && mask[j] ? b * (1 - phi * (i === 0 ? w : w / 2)) : b)),
          );
          const Ac = A.map((r, i) =>
            r.map((a, j) => (ks.includes(i) && mask[j] ? a * (1 - phi * (i === 0 ? w : w / 2)) : a)),
          );
          const xd = vecmat(
            Array.from(m.v),
            invert(identity(n).map((r, i) => r.map((d, j) => d - Bc[i][j]))),
          );
          const xu = matvec(
            invert(identity(n).map((r, i) => r.map((d, j) => d - Ac[i][j]))),
            Array.from(m.y),
          );
          const dd = cut.downstream(phi);
          const du = cut.upstream(phi);
          for (let j = 0; j < n; j++) {
            close(dd[j], xd[j] - m.x[j], 1e-9, `downstream ${j}`);
            close(du[j], xu[j] - m.x[j], 1e-9, `upstream ${j}`);
          }
        },
      ),
      runs,
    );
  });

  test('exposure: face value = w^T A, look-through = w^T (L - I), shares in [0, 1]', () => {
    fc.assert(
      fc.property(systemArb, fc.double({ min: 0, max: 1, noNaN: true }), (s, w) => {
        const m = model(s);
        const n = s.n;
        const A = dense(csrToDense(m.A), n);
        const L = dense(leontiefInverse(m), n);
        const ex = exposureIndex(m, [{ index: 0, weight: w }]);
        for (let j = 0; j < n; j++) {
          close(ex.faceValue[j], w * A[0][j], 1e-12, 'face');
          close(ex.lookThrough[j], w * (L[0][j] - (j === 0 ? 1 : 0)), 1e-10, 'look-through');
          assert.ok(ex.lookThroughShare[j] >= -1e-12 && ex.lookThroughShare[j] <= 1 + 1e-12);
          // look-through >= face value (indirect requirements are non-negative)
          assert.ok(ex.lookThrough[j] >= ex.faceValue[j] - 1e-12);
        }
      }),
      runs,
    );
  });

  test('spmvT is the transpose of the CSR matrix', () => {
    const M = Float64Array.from([1, 0, 2, 0, 3, 0, 4, 5, 6]);
    const c = csrFromDense(M, 3, 3);
    const out = new Float64Array(3);
    spmvT(c, Float64Array.from([1, 10, 100]), out);
    // column j: sum_i M_ij x_i
    closeArr(out, [1 + 400, 30 + 500, 2 + 600], 0, 'M^T x');
  });
});
