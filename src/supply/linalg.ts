// Float64Array kernels: CSR storage and sparse mat-vec, restarted GMRES (dense LU: dense.ts).
// No allocation inside the inner loops; callers pass output buffers.

export { SolveError } from './dense.ts';

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
      // Modified Gram-Schmidt, each sweep over w fused with the next: subtract h_i v_i and
      // accumulate <w, v_i+1> (after the last, ||w||^2) in the same pass. k + 2 passes over w
      // instead of 2k + 3, with the same operations in the same order (identical rounding).
      let h = 0;
      const v0k = V[0];
      for (let t = 0; t < n; t++) h += w[t] * v0k[t];
      for (let i = 0; i <= k; i++) {
        H[i * m + k] = h;
        const vi = V[i];
        let s = 0;
        if (i < k) {
          const vn = V[i + 1];
          for (let t = 0; t < n; t++) {
            const wt = w[t] - h * vi[t];
            w[t] = wt;
            s += wt * vn[t];
          }
        } else {
          for (let t = 0; t < n; t++) {
            const wt = w[t] - h * vi[t];
            w[t] = wt;
            s += wt * wt;
          }
        }
        h = s;
      }
      const hn = Math.sqrt(h);
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
