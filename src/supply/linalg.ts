// Float64Array kernels: CSR storage and sparse mat-vec, dense LU with partial pivoting,
// restarted GMRES. No allocation inside the inner loops; callers pass output buffers.

/** Compressed sparse row matrix (n x m). Row i holds entries rowPtr[i] .. rowPtr[i+1]-1. */
export interface Csr {
  readonly rows: number;
  readonly cols: number;
  readonly rowPtr: Int32Array;
  readonly colIdx: Int32Array;
  readonly values: Float64Array;
}

/** Raised when a linear system cannot be solved (singular matrix, no convergence). */
export class SolveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SolveError';
  }
}

/** Dense row-major n x m matrix to CSR, dropping exact zeros. */
export function csrFromDense(dense: Float64Array, rows: number, cols: number): Csr {
  let nnz = 0;
  for (let k = 0; k < rows * cols; k++) if (dense[k] !== 0) nnz++;
  const rowPtr = new Int32Array(rows + 1);
  const colIdx = new Int32Array(nnz);
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

/** y = M x (overwrites y). */
export function spmv(m: Csr, x: Float64Array, y: Float64Array): void {
  const { rowPtr, colIdx, values } = m;
  for (let i = 0; i < m.rows; i++) {
    let s = 0;
    const end = rowPtr[i + 1];
    for (let p = rowPtr[i]; p < end; p++) s += values[p] * x[colIdx[p]];
    y[i] = s;
  }
}

/** y = M^T x (overwrites y), by scattering rows. */
export function spmvT(m: Csr, x: Float64Array, y: Float64Array): void {
  const { rowPtr, colIdx, values } = m;
  y.fill(0, 0, m.cols);
  for (let i = 0; i < m.rows; i++) {
    const xi = x[i];
    if (xi === 0) continue;
    const end = rowPtr[i + 1];
    for (let p = rowPtr[i]; p < end; p++) y[colIdx[p]] += values[p] * xi;
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
  for (let k = 0; k < n; k++) {
    // pivot search in column k
    let piv = k;
    let best = Math.abs(a[k * n + k]);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(a[i * n + k]);
      if (v > best) {
        best = v;
        piv = i;
      }
    }
    if (!(best > tiny)) throw new SolveError(`singular matrix: no usable pivot in column ${k} (largest |entry| ${best})`);
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
    for (let i = k + 1; i < n; i++) a[i * n + k] *= inv;
    // trailing update, four rows per pass so row k is read once per four rows
    let i = k + 1;
    for (; i + 3 < n; i += 4) {
      const r0 = i * n;
      const r1 = r0 + n;
      const r2 = r1 + n;
      const r3 = r2 + n;
      const f0 = a[r0 + k];
      const f1 = a[r1 + k];
      const f2 = a[r2 + k];
      const f3 = a[r3 + k];
      for (let j = k + 1; j < n; j++) {
        const akj = a[rk + j];
        a[r0 + j] -= f0 * akj;
        a[r1 + j] -= f1 * akj;
        a[r2 + j] -= f2 * akj;
        a[r3 + j] -= f3 * akj;
      }
    }
    for (; i < n; i++) {
      const ri = i * n;
      const f = a[ri + k];
      if (f === 0) continue;
      for (let j = k + 1; j < n; j++) a[ri + j] -= f * a[rk + j];
    }
  }
  return { n, lu: a, perm };
}

/** Solve M z = b with a factorisation of M (z may alias nothing; returns a new array). */
export function luSolve(f: DenseLu, b: Float64Array): Float64Array {
  const { n, lu, perm } = f;
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) z[i] = b[perm[i]];
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
  const uinv = new Float64Array(n * n);
  const acc = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    const ri = i * n;
    acc.fill(0, i, n);
    let k = i + 1;
    // four rows of Uinv per pass over acc (entries left of the diagonal of Uinv are zero)
    for (; k + 3 < n; k += 4) {
      const u0 = lu[ri + k];
      const u1 = lu[ri + k + 1];
      const u2 = lu[ri + k + 2];
      const u3 = lu[ri + k + 3];
      const r0 = k * n;
      const r1 = r0 + n;
      const r2 = r1 + n;
      const r3 = r2 + n;
      acc[k] += u0 * uinv[r0 + k];
      acc[k + 1] += u0 * uinv[r0 + k + 1] + u1 * uinv[r1 + k + 1];
      acc[k + 2] += u0 * uinv[r0 + k + 2] + u1 * uinv[r1 + k + 2] + u2 * uinv[r2 + k + 2];
      for (let j = k + 3; j < n; j++) acc[j] += u0 * uinv[r0 + j] + u1 * uinv[r1 + j] + u2 * uinv[r2 + j] + u3 * uinv[r3 + j];
    }
    for (; k < n; k++) {
      const uik = lu[ri + k];
      const rk = k * n;
      for (let j = k; j < n; j++) acc[j] += uik * uinv[rk + j];
    }
    const d = 1 / lu[ri + i];
    uinv[ri + i] = d;
    for (let j = i + 1; j < n; j++) uinv[ri + j] = -acc[j] * d;
  }
  // Linv (unit lower), row-major: Linv_ij = -sum_{k=j..i-1} l_ik Linv_kj, row by row.
  const linv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    linv[ri + i] = 1;
    let k = 0;
    for (; k + 3 < i; k += 4) {
      const l0 = lu[ri + k];
      const l1 = lu[ri + k + 1];
      const l2 = lu[ri + k + 2];
      const l3 = lu[ri + k + 3];
      const r0 = k * n;
      const r1 = r0 + n;
      const r2 = r1 + n;
      const r3 = r2 + n;
      // Linv_kj = 0 for j > k
      for (let j = 0; j <= k; j++) linv[ri + j] -= l0 * linv[r0 + j] + l1 * linv[r1 + j] + l2 * linv[r2 + j] + l3 * linv[r3 + j];
      linv[ri + k + 1] -= l1 * linv[r1 + k + 1] + l2 * linv[r2 + k + 1] + l3 * linv[r3 + k + 1];
      linv[ri + k + 2] -= l2 * linv[r2 + k + 2] + l3 * linv[r3 + k + 2];
      linv[ri + k + 3] -= l3 * linv[r3 + k + 3];
    }
    for (; k < i; k++) {
      const lik = lu[ri + k];
      if (lik === 0) continue;
      const rk = k * n;
      for (let j = 0; j <= k; j++) linv[ri + j] -= lik * linv[rk + j];
    }
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
  let relRes = Infinity;
  while (iters < maxIter) {
    op(x, r);
    for (let i = 0; i < n; i++) r[i] = b[i] - r[i];
    const beta = norm2(r);
    relRes = beta / bn;
    if (relRes <= tol) return { x, iterations: iters, relativeResidual: relRes, converged: true };
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
  relRes = norm2(r) / bn;
  return { x, iterations: iters, relativeResidual: relRes, converged: relRes <= tol };
}
