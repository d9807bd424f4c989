// GMRES with the fused Arnoldi sweeps (src/supply/linalg.ts) against a dense LU solve and,
// bit for bit, against the two-pass modified Gram-Schmidt it replaced (its outputs recorded
// below from the previous code on the same problems).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { csrFromDense, gmres, luFactor, luSolve, spmv } from '../../src/supply/index.ts';

function uniform(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** Sparse A (30 % of entries, row sums below 0.8), operator z - A z, and a right-hand side. */
function problem(n: number) {
  const r = uniform(500 + n);
  const D = new Float64Array(n * n);
  for (let k = 0; k < n * n; k++) D[k] = r() < 0.3 ? (0.8 * r()) / Math.max(1, 0.3 * n) : 0;
  const A = csrFromDense(D, n, n);
  const tmp = new Float64Array(n);
  const op = (x: Float64Array, y: Float64Array) => {
    spmv(A, x, tmp);
    for (let i = 0; i < n; i++) y[i] = x[i] - tmp[i];
  };
  const b = Float64Array.from({ length: n }, () => r() - 0.3);
  const M = new Float64Array(n * n);
  for (let k = 0; k < n * n; k++) M[k] = (k % (n + 1) === 0 ? 1 : 0) - D[k];
  return { op, b, M };
}

// [iterations, relative residual, sum_i (i + 1) x_i, x_0, x_{n-1}] from the two-pass code,
// GMRES(5), tol 1e-12 (restarts exercised from n = 63 on)
const PREVIOUS: Record<number, [number, number, number, number, number]> = {
  1: [1, 0, 0.4211532553192228, 0.4211532553192228, 0.4211532553192228],
  2: [2, 5.627299050988135e-16, 4.210266928002489, 0.672662764601409, 1.76880208170054],
  3: [2, 4.2937975928107243e-16, 3.9947837460128683, 0.8265267201186067, 0.6595946986317596],
  63: [15, 8.230443701865264e-14, 719.336104124136, 0.6557389345602037, 0.4708346880417729],
  64: [15, 7.138186512285428e-14, 723.483841903565, 0.36972369008523076, 0.43111348032945657],
  65: [15, 3.4285518567283096e-14, 806.6436036349503, 0.2849304192924251, 0.09770434780763933],
  130: [14, 1.291653648895421e-14, 3373.1031159438508, 0.1560207542265024, 0.3385715120025556],
};

describe('GMRES with fused Arnoldi sweeps', () => {
  for (const n of [1, 2, 3, 63, 64, 65, 130]) {
    test(`n = ${n}: same bits as the two-pass Gram-Schmidt, and the LU solution within 1e-10`, () => {
      const { op, b, M } = problem(n);
      const r = gmres(op, b, { tol: 1e-12, restart: 5, maxIter: 500 });
      assert.ok(r.converged);
      let h = 0;
      for (let i = 0; i < n; i++) h += r.x[i] * (i + 1);
      assert.deepEqual([r.iterations, r.relativeResidual, h, r.x[0], r.x[n - 1]], PREVIOUS[n]);
      const z = luSolve(luFactor(M, n), b);
      let d = 0;
      let s = 0;
      for (let i = 0; i < n; i++) {
        d = Math.max(d, Math.abs(r.x[i] - z[i]));
        s = Math.max(s, Math.abs(z[i]));
      }
      assert.ok(d <= 1e-10 * s, `max |x - z| = ${d}`);
    });
  }
});
