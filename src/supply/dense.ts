// Dense kernels over row-major Float64Array: a blocked LU with partial pivoting built on the
// packed, register-tiled update C -= A B of gemm.ts (where the O(n^3) work happens), blocked
// triangular solves with many right-hand sides, and the inverse and diag(inverse) from the
// factors. The update runs in a WebAssembly SIMD kernel (wasm-gemm.ts) where available and in
// scalar 4 x 4 register tiles otherwise (bit-identical results); packed panels stream from
// L1/L2, and the triangular bookkeeping is on blocks small enough to be a few per cent of the flops.
import { LeverageError } from '../errors/index.ts';
import { gemmSub } from './gemm.ts';

/** Raised when a linear system cannot be solved (singular matrix, no convergence). */
export class SolveError extends LeverageError {
  constructor(message: string) {
    super('solver', 'solver_failed', message);
    this.name = 'SolveError';
  }
}

/** Block size of the LU panels and triangular solves (columns per panel). */
const NB = 64;

// ---------------------------------------------------------------------------------------------
// Dense LU with partial pivoting: P M = L U, stored in place (unit lower L below the diagonal).

export interface DenseLu {
  readonly n: number;
  /** L (strictly lower, unit diagonal implied) and U, row-major n x n. */
  readonly lu: Float64Array;
  /** perm[i] = original row now at position i. */
  readonly perm: Int32Array;
}

/**
 * Factor a dense n x n matrix (row-major). The input is copied unless `inPlace`. Throws
 * SolveError naming the column when a pivot is zero or negligibly small (singular matrix).
 * Blocked right-looking LU (LAPACK dgetrf order): factor a panel of NB columns with partial
 * pivoting (recursively), solve for the U12 block row, then A22 -= L21 U12 through gemmSub.
 */
export function luFactor(m: Float64Array, n: number, inPlace = false): DenseLu {
  const a = inPlace ? m : m.slice();
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  let scale = 0;
  for (let k = 0; k < n * n; k++) scale = Math.max(scale, Math.abs(a[k]));
  const tiny = scale * n * 1e-15;
  for (let kb = 0; kb < n; kb += NB) {
    const ke = Math.min(kb + NB, n);
    panelFactor(a, n, kb, ke, perm, tiny);
    if (ke === n) break;
    // U12 = L11^-1 A12 (unit lower triangular solve on the block row)
    lowerBlockSolve(a, n, a, n, kb, ke, ke, n);
    // A22 -= L21 U12
    gemmSub(n - ke, n - ke, ke - kb, a, ke * n + kb, n, a, kb * n + ke, n, a, ke * n + ke, n);
  }
  return { n, lu: a, perm };
}

/**
 * Factor columns c0..c1-1 of rows c0..n-1 with partial pivoting (row swaps span whole rows),
 * recursively as LAPACK's dgetrf2: left half, its U block row, the right half updated through
 * gemmSub, right half. Most of the panel's flops then run in the tiled update instead of
 * rank-1 sweeps over a panel too tall for the cache.
 */
function panelFactor(
  a: Float64Array,
  n: number,
  c0: number,
  c1: number,
  perm: Int32Array,
  tiny: number,
): void {
  const w = c1 - c0;
  if (w > 8) {
    const cm = c0 + ((w >> 1) & ~3 || w >> 1);
    panelFactor(a, n, c0, cm, perm, tiny);
    lowerBlockSolve(a, n, a, n, c0, cm, cm, c1);
    gemmSub(n - cm, c1 - cm, cm - c0, a, cm * n + c0, n, a, c0 * n + cm, n, a, cm * n + cm, n);
    panelFactor(a, n, cm, c1, perm, tiny);
    return;
  }
  for (let k = c0; k < c1; k++) {
    let piv = k;
    let best = Math.abs(a[k * n + k]);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(a[i * n + k]);
      if (v > best) {
        best = v;
        piv = i;
      }
    }
    if (!(best > tiny))
      throw new SolveError(`singular matrix: no usable pivot in column ${k} (largest |entry| ${best})`);
    if (piv !== k) {
      const rk = k * n;
      const rp = piv * n;
      for (let j = 0; j < n; j++) {
        const t = a[rk + j];
        a[rk + j] = a[rp + j];
        a[rp + j] = t;
      }
      const t = perm[k];
      perm[k] = perm[piv];
      perm[piv] = t;
    }
    const rk = k * n;
    const inv = 1 / a[rk + k];
    for (let i = k + 1; i < n; i++) {
      const ri = i * n;
      const f = (a[ri + k] *= inv);
      if (f === 0) continue;
      for (let j = k + 1; j < c1; j++) a[ri + j] -= f * a[rk + j];
    }
  }
}

/** X_r[c0:c1] -= sum_{q0 <= q < q1} lu_rq X_q[c0:c1] (row r of `lu`, rows of X), two rows per pass. */
function subtractRows(
  lu: Float64Array,
  n: number,
  X: Float64Array,
  ldx: number,
  r: number,
  q0: number,
  q1: number,
  c0: number,
  c1: number,
): void {
  const xr = r * ldx;
  const lr = r * n;
  let q = q0;
  for (; q + 1 < q1; q += 2) {
    const f0 = lu[lr + q];
    const f1 = lu[lr + q + 1];
    const x0 = q * ldx;
    const x1 = x0 + ldx;
    for (let j = c0; j < c1; j++) X[xr + j] -= f0 * X[x0 + j] + f1 * X[x1 + j];
  }
  if (q < q1) {
    const f = lu[lr + q];
    const x0 = q * ldx;
    for (let j = c0; j < c1; j++) X[xr + j] -= f * X[x0 + j];
  }
}

/** Rows kb..ke-1 of X, columns c0..c1-1: solve with the unit lower diagonal block of `lu`. */
function lowerBlockSolve(
  lu: Float64Array,
  n: number,
  X: Float64Array,
  ldx: number,
  kb: number,
  ke: number,
  c0: number,
  c1: number,
): void {
  for (let r = kb + 1; r < ke; r++) subtractRows(lu, n, X, ldx, r, kb, r, c0, c1);
}

/** Rows kb..ke-1 of X, columns c0..c1-1: solve with the upper diagonal block, bottom row first. */
function upperBlockSolve(
  lu: Float64Array,
  n: number,
  X: Float64Array,
  ldx: number,
  kb: number,
  ke: number,
  c0: number,
  c1: number,
): void {
  for (let r = ke - 1; r >= kb; r--) {
    subtractRows(lu, n, X, ldx, r, r + 1, ke, c0, c1);
    const xr = r * ldx;
    const d = 1 / lu[r * n + r];
    for (let j = c0; j < c1; j++) X[xr + j] *= d;
  }
}

/**
 * L^-1 of the unit lower factor (n x n, lower triangular, row-major) by a blocked forward solve
 * of L X = I. Block row i of X is zero right of its diagonal block, so each update touches
 * only the columns left of it: n^3/3 multiply-adds.
 */
export function unitLowerInverse(lu: Float64Array, n: number): Float64Array {
  const X = new Float64Array(n * n);
  for (let i = 0; i < n; i++) X[i * n + i] = 1;
  for (let kb = 0; kb < n; kb += NB) {
    const ke = Math.min(kb + NB, n);
    lowerBlockSolve(lu, n, X, n, kb, ke, 0, ke);
    // X[ke:n, 0:ke] -= L[ke:n, kb:ke] X[kb:ke, 0:ke]
    gemmSub(n - ke, ke, ke - kb, lu, ke * n + kb, n, X, kb * n, n, X, ke * n, n);
  }
  return X;
}

/**
 * Solve U X = B in place on B (n x n, row-major) by a blocked backward solve. With
 * `upperIdentity` B is the identity and X = U^-1 is upper triangular: block row i then has
 * nothing left of its diagonal block and the updates skip those columns (n^3/3 instead of n^3).
 */
export function upperSolveInPlace(lu: Float64Array, n: number, B: Float64Array, upperIdentity = false): void {
  const last = Math.floor((n - 1) / NB) * NB;
  for (let kb = last; kb >= 0; kb -= NB) {
    const ke = Math.min(kb + NB, n);
    const c0 = upperIdentity ? kb : 0;
    upperBlockSolve(lu, n, B, n, kb, ke, c0, n);
    // B[0:kb, c0:n] -= U[0:kb, kb:ke] X[kb:ke, c0:n]
    gemmSub(kb, n - c0, ke - kb, lu, kb, n, B, kb * n + c0, n, B, c0, n);
  }
}

/** Forward (unit L) then backward (U) substitution on z in place. */
function luSubstitute(lu: Float64Array, n: number, z: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let s = z[i];
    const ri = i * n;
    for (let j = 0; j < i; j++) s -= lu[ri + j] * z[j];
    z[i] = s;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = z[i];
    const ri = i * n;
    for (let j = i + 1; j < n; j++) s -= lu[ri + j] * z[j];
    z[i] = s / lu[ri + i];
  }
}

/** Solve M z = b with a factorisation of M (returns a new array). */
export function luSolve(f: DenseLu, b: Float64Array): Float64Array {
  const { n, lu, perm } = f;
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) z[i] = b[perm[i]];
  luSubstitute(lu, n, z);
  return z;
}

/** Solve M^T z = b with a factorisation of M: U^T w = b, L^T u = w, z = P^T u. */
export function luSolveT(f: DenseLu, b: Float64Array): Float64Array {
  const { n, lu, perm } = f;
  const w = b.slice();
  // U^T w = b: forward, column-oriented over rows of U
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    const wi = w[i] / lu[ri + i];
    w[i] = wi;
    for (let j = i + 1; j < n; j++) w[j] -= lu[ri + j] * wi;
  }
  // L^T u = w: backward
  for (let i = n - 1; i >= 0; i--) {
    const ri = i * n;
    const ui = w[i];
    for (let j = 0; j < i; j++) w[j] -= lu[ri + j] * ui;
  }
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) z[perm[i]] = w[i];
  return z;
}

/**
 * Dense inverse from a factorisation, row-major: M^-1 = U^-1 L^-1 P. L^-1 by a blocked forward
 * solve (n^3/3), then U X = L^-1 by a blocked backward solve (n^3), then the columns permuted.
 */
export function luInverse(f: DenseLu): Float64Array {
  const { n, lu, perm } = f;
  const X = unitLowerInverse(lu, n);
  upperSolveInPlace(lu, n, X, false);
  // (X P)_{r, perm[i]} = X_{r, i}
  const out = new Float64Array(n * n);
  for (let r = 0; r < n; r++) {
    const o = r * n;
    for (let i = 0; i < n; i++) out[o + perm[i]] = X[o + i];
  }
  return out;
}

/**
 * diag(M^-1) from P M = L U without forming the inverse: M^-1 = U^-1 L^-1 P, so
 * (M^-1)_jj = sum_k (U^-1)_jk (L^-1)_kq with perm[q] = j. U^-1 and L^-1 by blocked solves
 * (n^3/3 multiply-adds each), then one dot product per diagonal entry.
 */
export function luInverseDiagonal(f: DenseLu): Float64Array {
  const { n, lu, perm } = f;
  const uinv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) uinv[i * n + i] = 1;
  upperSolveInPlace(lu, n, uinv, true);
  // L^-1 transposed so each dot product reads two contiguous rows
  const linvT = transposeSquare(unitLowerInverse(lu, n), n);
  const pos = new Int32Array(n);
  for (let q = 0; q < n; q++) pos[perm[q]] = q;
  const out = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const q = pos[j];
    // (U^-1)_jk is zero for k < j and (L^-1)_kq for k < q
    const rj = j * n;
    const rq = q * n;
    let s0 = 0;
    let s1 = 0;
    let k = Math.max(j, q);
    for (; k + 1 < n; k += 2) {
      s0 += uinv[rj + k] * linvT[rq + k];
      s1 += uinv[rj + k + 1] * linvT[rq + k + 1];
    }
    if (k < n) s0 += uinv[rj + k] * linvT[rq + k];
    out[j] = s0 + s1;
  }
  return out;
}

export function transposeSquare(m: Float64Array, n: number): Float64Array {
  const t = new Float64Array(n * n);
  // 32 x 32 tiles keep both the reads and the writes within a few cache lines per row
  for (let ib = 0; ib < n; ib += 32) {
    const ie = Math.min(ib + 32, n);
    for (let jb = 0; jb < n; jb += 32) {
      const je = Math.min(jb + 32, n);
      for (let i = ib; i < ie; i++) for (let j = jb; j < je; j++) t[j * n + i] = m[i * n + j];
    }
  }
  return t;
}
