// The dense LU kernels as they were before the blocked rewrite (src/supply/dense.ts), kept
// verbatim as a test oracle: the new kernels must agree with them within 1e-10 relative.
import { SolveError } from '../../src/supply/index.ts';

interface DenseLu {
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
export function refLuFactor(m: Float64Array, n: number, inPlace = false): DenseLu {
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

/** Dense inverse from a factorisation (n right-hand sides; O(n^3)). Row-major result. */
export function refLuInverse(f: DenseLu): Float64Array {
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
export function refLuInverseDiagonal(f: DenseLu): Float64Array {
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

function transposeSquare(m: Float64Array, n: number): Float64Array {
  const t = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) t[j * n + i] = m[i * n + j];
  return t;
}
