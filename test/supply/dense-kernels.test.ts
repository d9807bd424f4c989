// The blocked dense kernels (src/supply/dense.ts) against the previous unblocked ones
// (reference-lu.ts, verbatim) on awkward sizes around the block edges, against a naive
// triple loop for the update, and against closed forms.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  gemmKernel,
  gemmSub,
  luFactor,
  luInverse,
  luInverseDiagonal,
  luSolve,
  SolveError,
  type GemmKernel,
} from '../../src/supply/index.ts';
import { refLuFactor, refLuInverse, refLuInverseDiagonal } from './reference-lu.ts';

/** Deterministic uniform [0, 1) stream (LCG; the tests need no statistical quality). */
function uniform(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/**
 * Random n x n matrix in [-1, 1) plus sqrt(n) + 1 on a random permutation: well conditioned,
 * and partial pivoting has to swap rows to find those entries.
 */
function pivotingMatrix(n: number, seed: number): Float64Array {
  const r = uniform(seed);
  const M = new Float64Array(n * n);
  for (let k = 0; k < n * n; k++) M[k] = 2 * r() - 1;
  const sigma = [...Array(n).keys()];
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [sigma[i], sigma[j]] = [sigma[j], sigma[i]];
  }
  for (let i = 0; i < n; i++) M[i * n + sigma[i]] += Math.sqrt(n) + 1;
  return M;
}

/** Leontief-like I - A with column sums of A below 0.9 (no pivoting needed). */
function leontiefMatrix(n: number, seed: number): Float64Array {
  const r = uniform(seed);
  const M = new Float64Array(n * n);
  for (let k = 0; k < n * n; k++) M[k] = (-0.9 * r()) / n;
  for (let i = 0; i < n; i++) M[i * n + i] += 1;
  return M;
}

/** max |a - b| <= rel * max |b| (normwise relative, entrywise for a vector of nonzeros). */
function assertClose(actual: Float64Array, expected: Float64Array, rel: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  let scale = 0;
  for (const v of expected) scale = Math.max(scale, Math.abs(v));
  for (let k = 0; k < expected.length; k++) {
    const d = Math.abs(actual[k] - expected[k]);
    if (!(d <= rel * scale))
      assert.fail(
        `${what}: entry ${k} is ${actual[k]}, expected ${expected[k]} (|diff| ${d} > ${rel * scale})`,
      );
  }
}

const SIZES = [1, 2, 3, 63, 64, 65, 130];

describe('blocked LU, inverse and diag(inverse) equal the unblocked kernels', () => {
  for (const n of SIZES) {
    for (const [kind, make] of [
      ['pivoting', pivotingMatrix],
      ['Leontief', leontiefMatrix],
    ] as const) {
      test(`n = ${n}, ${kind} matrix`, () => {
        const M = make(n, 1000 + n);
        const f = luFactor(M, n);
        const g = refLuFactor(M, n);
        assert.deepEqual([...f.perm], [...g.perm], 'same pivots');
        assertClose(f.lu, g.lu, 1e-10, 'LU factors');
        const inv = luInverse(f);
        assertClose(inv, refLuInverse(g), 1e-10, 'inverse');
        const diag = luInverseDiagonal(f);
        assertClose(diag, refLuInverseDiagonal(g), 1e-10, 'diag(inverse)');
        for (let j = 0; j < n; j++) assert.equal(diag[j], diag[j], 'finite');
        // M M^-1 = I: an invariant independent of both implementations
        let worst = 0;
        for (let i = 0; i < n; i++)
          for (let j = 0; j < n; j++) {
            let s = 0;
            for (let k = 0; k < n; k++) s += M[i * n + k] * inv[k * n + j];
            worst = Math.max(worst, Math.abs(s - (i === j ? 1 : 0)));
          }
        assert.ok(worst < 1e-12, `|M M^-1 - I| = ${worst}`);
      });
    }
  }

  test('P M = L U is reconstructed from the blocked factors (n = 130)', () => {
    const n = 130;
    const M = pivotingMatrix(n, 7);
    const { lu, perm } = luFactor(M, n);
    let worst = 0;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k <= Math.min(i, j); k++) s += (k === i ? 1 : lu[i * n + k]) * lu[k * n + j];
        worst = Math.max(worst, Math.abs(s - M[perm[i] * n + j]));
      }
    assert.ok(worst < 1e-12, `|P M - L U| = ${worst}`);
    const identity = new Set(perm);
    assert.equal(identity.size, n, 'perm is a permutation');
  });
});

describe('closed forms', () => {
  test('2 x 2: inverse (1 / (ad - bc)) [[d, -b], [-c, a]], pivoting on the larger first-column entry', () => {
    const [a, b, c, d] = [1, 2, 3, 4]; // det -2; |c| > |a| forces a row swap
    const f = luFactor(Float64Array.from([a, b, c, d]), 2);
    assert.deepEqual([...f.perm], [1, 0]);
    const det = a * d - b * c;
    assertClose(
      luInverse(f),
      Float64Array.from([d / det, -b / det, -c / det, a / det]),
      1e-15,
      '2x2 inverse',
    );
    assertClose(luInverseDiagonal(f), Float64Array.from([d / det, a / det]), 1e-15, '2x2 diag');
  });

  test('diagonal matrix: inverse 1 / d_i (n = 65)', () => {
    const n = 65;
    const M = new Float64Array(n * n);
    for (let i = 0; i < n; i++) M[i * n + i] = 0.5 + i;
    const inv = luInverse(luFactor(M, n));
    const expected = new Float64Array(n * n);
    for (let i = 0; i < n; i++) expected[i * n + i] = 1 / (0.5 + i);
    assertClose(inv, expected, 1e-15, 'diagonal inverse');
    assertClose(
      luInverseDiagonal(luFactor(M, n)),
      Float64Array.from({ length: n }, (_, i) => 1 / (0.5 + i)),
      1e-15,
      'diagonal diag',
    );
  });

  test('bidiagonal I - s N (N the upper shift): inverse entries s^(j-i) above the diagonal (n = 130)', () => {
    const n = 130;
    const s = 0.5;
    const M = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      M[i * n + i] = 1;
      if (i + 1 < n) M[i * n + i + 1] = -s;
    }
    const inv = luInverse(luFactor(M, n));
    const expected = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = i; j < n; j++) expected[i * n + j] = s ** (j - i);
    assertClose(inv, expected, 1e-15, 'upper bidiagonal');
    // its transpose is lower bidiagonal: inverse is the transpose of the above
    const Mt = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) Mt[j * n + i] = M[i * n + j];
    const invT = luInverse(luFactor(Mt, n));
    const expectedT = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expectedT[j * n + i] = expected[i * n + j];
    assertClose(invT, expectedT, 1e-15, 'lower bidiagonal');
    assertClose(luInverseDiagonal(luFactor(Mt, n)), new Float64Array(n).fill(1), 1e-15, 'unit diagonal');
  });

  test('permutation matrix: inverse is its transpose (n = 67)', () => {
    const n = 67;
    const M = new Float64Array(n * n);
    const sigma = (i: number) => (i * 5 + 3) % n; // 5 is coprime with 67
    for (let i = 0; i < n; i++) M[i * n + sigma(i)] = 1;
    const inv = luInverse(luFactor(M, n));
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) assert.equal(inv[i * n + j], M[j * n + i], `entry (${i}, ${j})`);
  });

  test('solving with the blocked factors reproduces a known solution', () => {
    const n = 130;
    const M = pivotingMatrix(n, 11);
    const z = Float64Array.from({ length: n }, (_, i) => Math.sin(i + 1));
    const b = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) b[i] += M[i * n + k] * z[k];
    assertClose(luSolve(luFactor(M, n), b), z, 1e-12, 'solution');
  });

  test('a singular matrix is still refused, naming the column', () => {
    const n = 70; // column 66 repeats column 2: the second block's panel finds no pivot
    const M = pivotingMatrix(n, 3);
    for (let i = 0; i < n; i++) M[i * n + 66] = M[i * n + 2];
    assert.throws(
      () => luFactor(M, n),
      (e: unknown) => e instanceof SolveError && /column 66/.test(e.message),
    );
  });
});

describe('gemmSub (C -= A B) against the triple loop, both kernels', () => {
  // shapes across the 4 x 4 tiles, the 128-row A blocks and the 128-deep panels
  const shapes: [number, number, number][] = [
    [1, 1, 1],
    [3, 5, 2],
    [4, 4, 4],
    [5, 7, 130],
    [130, 66, 64],
    [261, 9, 257],
  ];
  const kernels: GemmKernel[] = gemmKernel() === 'wasm-simd' ? ['wasm-simd', 'scalar'] : ['scalar'];
  const problem = (m: number, n: number, k: number) => {
    const r = uniform(m * 10007 + n * 101 + k);
    const lda = k + 3;
    const ldb = n + 2;
    const ldc = n + 5;
    const A = Float64Array.from({ length: (m + 2) * lda }, () => r() - 0.5);
    const B = Float64Array.from({ length: (k + 1) * ldb }, () => r() - 0.5);
    const C = Float64Array.from({ length: (m + 3) * ldc }, () => r() - 0.5);
    return { A, B, C, lda, ldb, ldc, aOff: lda + 1, bOff: 2, cOff: 2 * ldc + 3 };
  };
  for (const kernel of kernels) {
    for (const [m, n, k] of shapes) {
      test(`${kernel}: ${m} x ${k} times ${k} x ${n} inside larger arrays (offsets, leading dimensions)`, () => {
        const { A, B, C, lda, ldb, ldc, aOff, bOff, cOff } = problem(m, n, k);
        const expected = C.slice();
        for (let i = 0; i < m; i++)
          for (let j = 0; j < n; j++) {
            let s = 0;
            for (let p = 0; p < k; p++) s += A[aOff + i * lda + p] * B[bOff + p * ldb + j];
            expected[cOff + i * ldc + j] -= s;
          }
        gemmSub(m, n, k, A, aOff, lda, B, bOff, ldb, C, cOff, ldc, kernel);
        // entries outside the window are untouched (exactly), inside agree to rounding
        for (let q = 0; q < C.length; q++) {
          const row = Math.floor((q - cOff) / ldc);
          const col = (q - cOff) % ldc;
          const inside = q >= cOff && row < m && col >= 0 && col < n;
          if (!inside) assert.equal(C[q], expected[q], `outside entry ${q} changed`);
          else assert.ok(Math.abs(C[q] - expected[q]) <= 1e-13 * k, `entry ${q}: ${C[q]} vs ${expected[q]}`);
        }
      });
    }
  }

  test('the SIMD and scalar kernels give bit-identical results (same sums in the same order)', (t) => {
    if (gemmKernel() !== 'wasm-simd') {
      t.skip('WebAssembly SIMD not available on this runtime');
      return;
    }
    for (const [m, n, k] of shapes) {
      const a = problem(m, n, k);
      const b = problem(m, n, k);
      gemmSub(m, n, k, a.A, a.aOff, a.lda, a.B, a.bOff, a.ldb, a.C, a.cOff, a.ldc, 'wasm-simd');
      gemmSub(m, n, k, b.A, b.aOff, b.lda, b.B, b.bOff, b.ldb, b.C, b.cOff, b.ldc, 'scalar');
      assert.deepEqual(a.C, b.C, `${m} x ${n} x ${k}`);
    }
  });
});
