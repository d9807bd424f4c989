// Float64Array kernels: CSR storage and sparse mat-vec, dense LU with partial pivoting,
// restarted GMRES. No allocation inside the inner loops; callers pass output buffers.

/** Column indices: 16-bit when the matrix has at most 65,536 columns (less memory traffic in SpMV). */
export type IndexArray = Int32Array | Uint16Array;

/** An index array of `length` entries able to hold column numbers below `cols`. */
export function indexArray(length: number, cols: number): IndexArray {
  return cols <= 65536 ? new Uint16Array(length) : new Int32Array(length);
}

/** Compressed sparse row matrix (n x m). Row i holds entries rowPtr[i] .. rowPtr[i+1]-1. */
export interface Csr {
  readonly rows: number;
  readonly cols: number;
  readonly rowPtr: Int32Array;
  readonly colIdx: IndexArray;
  readonly values: Float64Array;
}

/** Raised when a linear system cannot be solved (singular matrix, no convergence). */
export class SolveError extends LeverageError {
  constructor(message: string) {
    super('solver', 'solver_failed', message);
    this.name = 'SolveError';
  }
}

/** Dense row-major n x m matrix to CSR, dropping exact zeros. */
export function csrFromDense(dense: Float64Array, rows: number, cols: number): Csr {
  let nnz = 0;
  for (let k = 0; k < rows * cols; k++) if (dense[k] !== 0) nnz++;
  const rowPtr = new Int32Array(rows + 1);
  const colIdx = indexArray(nnz, cols);
  const values = new Float64Array(nnz);
  let p = 0;
  for (let i = 0; i < rows; i++) {
    const off = i * cols;
    for (let j = 0; j < cols; j++) {
      const a = dense[off + j];
      if (a !== 0) {
        colIdx[p] = j;
        values[p++] = a;
      }
    }
    rowPtr[i + 1] = p;
  }
  return { rows, cols, rowPtr, colIdx, values };
}

/** CSR to dense row-major. */
export function csrToDense(m: Csr): Float64Array {
  const out = new Float64Array(m.rows * m.cols);
  for (let i = 0; i < m.rows; i++) {
    for (let p = m.rowPtr[i]; p < m.rowPtr[i + 1]; p++) out[i * m.cols + m.colIdx[p]] = m.values[p];
  }
  return out;
}

export function csrDensity(m: Csr): number {
  return m.rows * m.cols === 0 ? 0 : m.values.length / (m.rows * m.cols);
}

/** y = M x (overwrites y). Four partial sums per row (memory-bound; fewer dependent adds). */
export function spmv(m: Csr, x: Float64Array, y: Float64Array): void {
  const { rowPtr, colIdx, values } = m;
  for (let i = 0; i < m.rows; i++) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let p = rowPtr[i];
    const end = rowPtr[i + 1];
    for (; p + 3 < end; p += 4) {
      s0 += values[p] * x[colIdx[p]];
      s1 += values[p + 1] * x[colIdx[p + 1]];
      s2 += values[p + 2] * x[colIdx[p + 2]];
      s3 += values[p + 3] * x[colIdx[p + 3]];
    }
    for (; p < end; p++) s0 += values[p] * x[colIdx[p]];
    y[i] = s0 + s1 + (s2 + s3);
  }
}

/** y = M^T x (overwrites y), by scattering rows. */
export function spmvT(m: Csr, x: Float64Array, y: Float64Array): void {
  const { rowPtr, colIdx, values } = m;
  y.fill(0, 0, m.cols);
  for (let i = 0; i < m.rows; i++) {
    const xi = x[i];
    if (xi === 0) continue;
    let p = rowPtr[i];
    const end = rowPtr[i + 1];
    for (; p + 3 < end; p += 4) {
      y[colIdx[p]] += values[p] * xi;
      y[colIdx[p + 1]] += values[p + 1] * xi;
      y[colIdx[p + 2]] += values[p + 2] * xi;
      y[colIdx[p + 3]] += values[p + 3] * xi;
    }
    for (; p < end; p++) y[colIdx[p]] += values[p] * xi;
  }
}

/** Column sums e^T M. */
export function csrColSums(m: Csr): Float64Array {
  const out = new Float64Array(m.cols);
  for (let p = 0; p < m.values.length; p++) out[m.colIdx[p]] += m.values[p];
  return out;
}

/** Row sums M e. */
export function csrRowSums(m: Csr): Float64Array {
  const out = new Float64Array(m.rows);
  for (let i = 0; i < m.rows; i++) {
    let s = 0;
    for (let p = m.rowPtr[i]; p < m.rowPtr[i + 1]; p++) s += m.values[p];
    out[i] = s;
  }
  return out;
}

/** Entry (i, j) of a CSR matrix (binary search within row i; column indices are sorted). */
export function csrGet(m: Csr, i: number, j: number): number {
  let lo = m.rowPtr[i];
  let hi = m.rowPtr[i + 1] - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = m.colIdx[mid];
    if (c === j) return m.values[mid];
    if (c < j) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}

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
 */
export function luFactor(m: Float64Array, n: number, inPlace = false): DenseLu {
  const a = inPlace ? m : m.slice();
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  let scale = 0;
  for (let k = 0; k < n * n; k++) scale = Math.max(scale, Math.abs(a[k]));
  const tiny = scale * n * 1e-15;
  // Blocked right-looking LU (LAPACK dgetrf order): factor a panel of NB columns with
  // partial pivoting, solve for the U12 block row, then update the trailing matrix with a
  // register-blocked product (2 rows x 4 pivots per pass) so each row of U12 is loaded once
  // for two rows of the trailing matrix.
  const NB = 48;
  for (let kb = 0; kb < n; kb += NB) {
    const ke = Math.min(kb + NB, n);
    for (let k = kb; k < ke; k++) {
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
        for (let j = k + 1; j < ke; j++) a[ri + j] -= f * a[rk + j];
      }
    }
    if (ke === n) break;
    // U12 = L11^-1 A12 (unit lower triangular solve on the block row)
    for (let k = kb; k < ke; k++) {
      const rk = k * n;
      for (let i = k + 1; i < ke; i++) {
        const ri = i * n;
        const f = a[ri + k];
        if (f === 0) continue;
        for (let j = ke; j < n; j++) a[ri + j] -= f * a[rk + j];
      }
    }
    // A22 -= L21 U12
    let i = ke;
    for (; i + 1 < n; i += 2) {
      const r0 = i * n;
      const r1 = r0 + n;
      let k = kb;
      for (; k + 3 < ke; k += 4) {
        const a00 = a[r0 + k];
        const a01 = a[r0 + k + 1];
        const a02 = a[r0 + k + 2];
        const a03 = a[r0 + k + 3];
        const a10 = a[r1 + k];
        const a11 = a[r1 + k + 1];
        const a12 = a[r1 + k + 2];
        const a13 = a[r1 + k + 3];
        const u0 = k * n;
        const u1 = u0 + n;
        const u2 = u1 + n;
        const u3 = u2 + n;
        for (let j = ke; j < n; j++) {
          const b0 = a[u0 + j];
          const b1 = a[u1 + j];
          const b2 = a[u2 + j];
          const b3 = a[u3 + j];
          a[r0 + j] -= a00 * b0 + a01 * b1 + a02 * b2 + a03 * b3;
          a[r1 + j] -= a10 * b0 + a11 * b1 + a12 * b2 + a13 * b3;
        }
      }
      for (; k < ke; k++) {
        const f0 = a[r0 + k];
        const f1 = a[r1 + k];
        const uk = k * n;
        for (let j = ke; j < n; j++) {
          const b = a[uk + j];
          a[r0 + j] -= f0 * b;
          a[r1 + j] -= f1 * b;
        }
      }
    }
    for (; i < n; i++) {
      const ri = i * n;
      for (let k = kb; k < ke; k++) {
        const f = a[ri + k];
        if (f === 0) continue;
        const uk = k * n;
        for (let j = ke; j < n; j++) a[ri + j] -= f * a[uk + j];
      }
    }
  }
  return { n, lu: a, perm };
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

/** Dense inverse from a factorisation (n right-hand sides; O(n^3)). Row-major result. */
export function luInverse(f: DenseLu): Float64Array {
  const { n, lu, perm } = f;
  // Solve column by column on a transposed work array so each solve runs over contiguous rows.
  const invT = new Float64Array(n * n); // row c of invT = column c of the inverse
  for (let c = 0; c < n; c++) {
    const z = invT.subarray(c * n, (c + 1) * n);
    for (let i = 0; i < n; i++) z[i] = perm[i] === c ? 1 : 0;
    luSubstitute(lu, n, z);
  }
  return transposeSquare(invT, n);
}

/**
 * diag(M^-1) from P M = L U without forming the inverse: M^-1 = U^-1 L^-1 P, so
 * (M^-1)_jj = sum_k (U^-1)_jk (L^-1 P)_kj. U^-1 and L^-1 are formed in place of the
 * factors' triangles (n^3/3 multiply-adds each), then each diagonal entry is a dot product.
 */
export function luInverseDiagonal(f: DenseLu): Float64Array {
  const { n, lu, perm } = f;
  // Uinv: upper triangle, row-major. Solve U X = I row by row from the bottom:
  // X_ii = 1/u_ii; X_ij = -(sum_{k=i+1..j} u_ik X_kj) / u_ii for j > i.
  // Register blocking: two rows of each inverse are formed together from four rows already
  // computed (2 x 4 multiply-adds per pass over a row), then the pair's own coupling is added.
  const uinv = new Float64Array(n * n);
  const acc0 = new Float64Array(n);
  const acc1 = new Float64Array(n);
  // U^-1 from the bottom: row r = (e_r - sum_{k>r} u_rk Uinv_k) / u_rr
  for (let r1 = n - 1; r1 >= 0; r1 -= 2) {
    const r0 = r1 - 1; // may be -1 (single row left)
    const p1 = r1 * n;
    const p0 = r0 * n;
    acc0.fill(0);
    acc1.fill(0);
    let k = r1 + 1;
    for (; k + 3 < n; k += 4) {
      const q0 = k * n;
      const q1 = q0 + n;
      const q2 = q1 + n;
      const q3 = q2 + n;
      const b0 = lu[p1 + k];
      const b1 = lu[p1 + k + 1];
      const b2 = lu[p1 + k + 2];
      const b3 = lu[p1 + k + 3];
      const a0 = r0 >= 0 ? lu[p0 + k] : 0;
      const a1 = r0 >= 0 ? lu[p0 + k + 1] : 0;
      const a2 = r0 >= 0 ? lu[p0 + k + 2] : 0;
      const a3 = r0 >= 0 ? lu[p0 + k + 3] : 0;
      // columns k .. k+2: only the rows of Uinv that are nonzero there
      for (let j = k; j < k + 3; j++) {
        const v0 = uinv[q0 + j];
        const v1 = j >= k + 1 ? uinv[q1 + j] : 0;
        const v2 = j >= k + 2 ? uinv[q2 + j] : 0;
        acc1[j] += b0 * v0 + b1 * v1 + b2 * v2;
        acc0[j] += a0 * v0 + a1 * v1 + a2 * v2;
      }
      for (let j = k + 3; j < n; j++) {
        const v0 = uinv[q0 + j];
        const v1 = uinv[q1 + j];
        const v2 = uinv[q2 + j];
        const v3 = uinv[q3 + j];
        acc1[j] += b0 * v0 + b1 * v1 + b2 * v2 + b3 * v3;
        acc0[j] += a0 * v0 + a1 * v1 + a2 * v2 + a3 * v3;
      }
    }
    for (; k < n; k++) {
      const q = k * n;
      const b0 = lu[p1 + k];
      const a0 = r0 >= 0 ? lu[p0 + k] : 0;
      for (let j = k; j < n; j++) {
        acc1[j] += b0 * uinv[q + j];
        acc0[j] += a0 * uinv[q + j];
      }
    }
    const d1 = 1 / lu[p1 + r1];
    uinv[p1 + r1] = d1;
    for (let j = r1 + 1; j < n; j++) uinv[p1 + j] = -acc1[j] * d1;
    if (r0 < 0) break;
    const c = lu[p0 + r1];
    for (let j = r1; j < n; j++) acc0[j] += c * uinv[p1 + j];
    const d0 = 1 / lu[p0 + r0];
    uinv[p0 + r0] = d0;
    for (let j = r0 + 1; j < n; j++) uinv[p0 + j] = -acc0[j] * d0;
  }
  // L^-1 (unit lower) from the top: row r = e_r - sum_{k<r} l_rk Linv_k
  const linv = new Float64Array(n * n);
  for (let r0 = 0; r0 < n; r0 += 2) {
    const r1 = r0 + 1; // may be n (single row left)
    const p0 = r0 * n;
    const p1 = r1 * n;
    const two = r1 < n;
    acc0.fill(0);
    acc1.fill(0);
    let k = 0;
    for (; k + 3 < r0; k += 4) {
      const q0 = k * n;
      const q1 = q0 + n;
      const q2 = q1 + n;
      const q3 = q2 + n;
      const a0 = lu[p0 + k];
      const a1 = lu[p0 + k + 1];
      const a2 = lu[p0 + k + 2];
      const a3 = lu[p0 + k + 3];
      const b0 = two ? lu[p1 + k] : 0;
      const b1 = two ? lu[p1 + k + 1] : 0;
      const b2 = two ? lu[p1 + k + 2] : 0;
      const b3 = two ? lu[p1 + k + 3] : 0;
      for (let j = 0; j <= k; j++) {
        const v0 = linv[q0 + j];
        const v1 = linv[q1 + j];
        const v2 = linv[q2 + j];
        const v3 = linv[q3 + j];
        acc0[j] += a0 * v0 + a1 * v1 + a2 * v2 + a3 * v3;
        acc1[j] += b0 * v0 + b1 * v1 + b2 * v2 + b3 * v3;
      }
      // columns k+1 .. k+3: rows k+1.. only
      for (let j = k + 1; j <= k + 3; j++) {
        const v1 = j <= k + 1 ? linv[q1 + j] : 0;
        const v2 = j <= k + 2 ? linv[q2 + j] : 0;
        const v3 = linv[q3 + j];
        acc0[j] += a1 * v1 + a2 * v2 + a3 * v3;
        acc1[j] += b1 * v1 + b2 * v2 + b3 * v3;
      }
    }
    for (; k < r0; k++) {
      const q = k * n;
      const a0 = lu[p0 + k];
      const b0 = two ? lu[p1 + k] : 0;
      for (let j = 0; j <= k; j++) {
        acc0[j] += a0 * linv[q + j];
        acc1[j] += b0 * linv[q + j];
      }
    }
    for (let j = 0; j < r0; j++) linv[p0 + j] = -acc0[j];
    linv[p0 + r0] = 1;
    if (!two) break;
    const c = lu[p1 + r0];
    for (let j = 0; j <= r0; j++) acc1[j] += c * linv[p0 + j];
    for (let j = 0; j < r1; j++) linv[p1 + j] = -acc1[j];
    linv[p1 + r1] = 1;
  }
  // (M^-1) = Uinv * Linv * P, with (Linv P)_kj = Linv_{k, q} where perm[q] = j.
  const pos = new Int32Array(n);
  for (let q = 0; q < n; q++) pos[perm[q]] = q;
  const out = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const q = pos[j]; // column q of Linv; Linv_kq is nonzero for k >= q
    let s = 0;
    // (Uinv)_jk nonzero for k >= j; (Linv)_kq nonzero for k >= q
    const rj = j * n;
    for (let k = Math.max(j, q); k < n; k++) s += uinv[rj + k] * linv[k * n + q];
    out[j] = s;
  }
  return out;
}

export function transposeSquare(m: Float64Array, n: number): Float64Array {
  const t = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) t[j * n + i] = m[i * n + j];
  return t;
}

// ---------------------------------------------------------------------------------------------
// Restarted GMRES(m) for a matrix-free operator, modified Gram-Schmidt + Givens rotations.

/** y = Op x (overwrites y). */
export type LinearOperator = (x: Float64Array, y: Float64Array) => void;

export interface IterativeResult {
  x: Float64Array;
  iterations: number;
  /** ||b - Op x|| / ||b||, recomputed explicitly from the final x. */
  relativeResidual: number;
  converged: boolean;
}

export function norm2(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
}

export function gmres(
  op: LinearOperator,
  b: Float64Array,
  opts: { tol?: number; restart?: number; maxIter?: number; x0?: Float64Array } = {},
): IterativeResult {
  const n = b.length;
  const tol = opts.tol ?? 1e-12;
  const m = Math.min(opts.restart ?? 40, n);
  const maxIter = opts.maxIter ?? 1000;
  const x = opts.x0 ? opts.x0.slice() : new Float64Array(n);
  const bn = norm2(b);
  if (bn === 0) return { x: new Float64Array(n), iterations: 0, relativeResidual: 0, converged: true };
  const V: Float64Array[] = [];
  for (let k = 0; k <= m; k++) V.push(new Float64Array(n));
  const H = new Float64Array((m + 1) * m); // column-major-ish: H[i * m + k] row i, column k
  const cs = new Float64Array(m);
  const sn = new Float64Array(m);
  const g = new Float64Array(m + 1);
  const r = new Float64Array(n);
  const w = new Float64Array(n);
  const yk = new Float64Array(m);
  let iters = 0;
  let first = !opts.x0;
  while (iters < maxIter) {
    if (first)
      r.set(b); // x0 = 0: r0 = b without a mat-vec
    else {
      op(x, r);
      for (let i = 0; i < n; i++) r[i] = b[i] - r[i];
    }
    first = false;
    const beta = norm2(r);
    if (beta / bn <= tol) return { x, iterations: iters, relativeResidual: beta / bn, converged: true };
    const v0 = V[0];
    for (let i = 0; i < n; i++) v0[i] = r[i] / beta;
    g.fill(0);
    g[0] = beta;
    let k = 0;
    for (; k < m && iters < maxIter; k++, iters++) {
      op(V[k], w);
      for (let i = 0; i <= k; i++) {
        const vi = V[i];
        let h = 0;
        for (let t = 0; t < n; t++) h += w[t] * vi[t];
        H[i * m + k] = h;
        for (let t = 0; t < n; t++) w[t] -= h * vi[t];
      }
      const hn = norm2(w);
      H[(k + 1) * m + k] = hn;
      if (hn !== 0) {
        const vk1 = V[k + 1];
        for (let t = 0; t < n; t++) vk1[t] = w[t] / hn;
      }
      for (let i = 0; i < k; i++) {
        const a = H[i * m + k];
        const c = H[(i + 1) * m + k];
        H[i * m + k] = cs[i] * a + sn[i] * c;
        H[(i + 1) * m + k] = -sn[i] * a + cs[i] * c;
      }
      const a = H[k * m + k];
      const c = H[(k + 1) * m + k];
      const d = Math.hypot(a, c);
      cs[k] = d === 0 ? 1 : a / d;
      sn[k] = d === 0 ? 0 : c / d;
      H[k * m + k] = d;
      H[(k + 1) * m + k] = 0;
      g[k + 1] = -sn[k] * g[k];
      g[k] = cs[k] * g[k];
      if (Math.abs(g[k + 1]) / bn <= tol * 0.1 || hn === 0) {
        k++;
        iters++;
        break;
      }
    }
    // back substitution H(0:k,0:k) y = g(0:k)
    for (let i = k - 1; i >= 0; i--) {
      let s = g[i];
      for (let j = i + 1; j < k; j++) s -= H[i * m + j] * yk[j];
      const hii = H[i * m + i];
      yk[i] = hii === 0 ? 0 : s / hii;
    }
    for (let j = 0; j < k; j++) {
      const vj = V[j];
      const c = yk[j];
      for (let t = 0; t < n; t++) x[t] += c * vj[t];
    }
  }
  op(x, r);
  for (let i = 0; i < n; i++) r[i] = b[i] - r[i];
  const relRes = norm2(r) / bn;
  return { x, iterations: iters, relativeResidual: relRes, converged: relRes <= tol };
}
import { LeverageError } from '../errors/index.ts';
