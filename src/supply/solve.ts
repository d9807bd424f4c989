// One entry point for every Leontief-type linear system M z = b with M = I - (A - C), optionally
// transposed and with some equations fixed (z_k = b_k). Sparse GMRES by default, dense LU for
// small systems or on request; every solve reports its explicitly recomputed relative residual.
import { gmres, norm2, spmv, spmvT, type Csr, type LinearOperator } from './linalg.ts';
import { luFactor, luSolve, luSolveT, SolveError, type DenseLu } from './dense.ts';

export type SolveMethod = 'auto' | 'dense' | 'gmres';

export interface SolveOptions {
  method?: SolveMethod;
  /** Relative residual target for GMRES (default 1e-12). */
  tol?: number;
  /** `auto` uses dense LU up to this size (default 500). */
  denseMax?: number;
}

/** What each solve reports. */
export interface SolveReport {
  method: 'dense-lu' | 'gmres';
  iterations: number;
  /** ||b - M z||_2 / ||b||_2, recomputed from the returned z. */
  relative_residual: number;
}

/** The system M = I - (A - C) (or its transpose); rows in `fixed` of the solved system are z_k = b_k. */
export interface LeontiefSystem {
  A: Csr;
  /** Subtracted from A (partial extraction). Same shape as A. */
  C?: Csr;
  transpose?: boolean;
  fixed?: Uint8Array;
}

const luCache = new WeakMap<Csr, DenseLu>();

/** y = M z for the described system (matrix-free). */
export function systemOperator(s: LeontiefSystem): LinearOperator {
  const n = s.A.rows;
  const tmp = new Float64Array(n);
  const tmp2 = new Float64Array(n);
  const { A, C, fixed } = s;
  const mul = s.transpose ? spmvT : spmv;
  return (x, y) => {
    mul(A, x, tmp);
    if (C) mul(C, x, tmp2);
    for (let i = 0; i < n; i++) y[i] = x[i] - tmp[i] + (C ? tmp2[i] : 0);
    if (fixed) for (let i = 0; i < n; i++) if (fixed[i]) y[i] = x[i];
  };
}

/** Dense row-major M for the described system, built straight from the CSR entries. */
export function systemDense(s: LeontiefSystem): Float64Array {
  const n = s.A.rows;
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) m[i * n + i] = 1;
  const put = (c: Csr, sign: number) => {
    for (let i = 0; i < n; i++) {
      for (let p = c.rowPtr[i]; p < c.rowPtr[i + 1]; p++) {
        const j = c.colIdx[p];
        m[s.transpose ? j * n + i : i * n + j] += sign * c.values[p];
      }
    }
  };
  put(s.A, -1);
  if (s.C) put(s.C, 1);
  if (s.fixed) {
    for (let i = 0; i < n; i++) {
      if (!s.fixed[i]) continue;
      m.fill(0, i * n, (i + 1) * n);
      m[i * n + i] = 1;
    }
  }
  return m;
}

/** Dense LU of I - A, cached per A (reused by later plain and transposed solves). */
export function leontiefLu(A: Csr): DenseLu {
  let f = luCache.get(A);
  if (!f) {
    f = luFactor(systemDense({ A }), A.rows, true);
    luCache.set(A, f);
  }
  return f;
}

export function relativeResidual(op: LinearOperator, z: Float64Array, b: Float64Array): number {
  const r = new Float64Array(b.length);
  op(z, r);
  for (let i = 0; i < b.length; i++) r[i] = b[i] - r[i];
  const bn = norm2(b);
  return bn === 0 ? norm2(r) : norm2(r) / bn;
}

/** Solve M z = b. Throws SolveError if the system is singular or the iteration does not converge. */
export function solveSystem(
  s: LeontiefSystem,
  b: Float64Array,
  opts: SolveOptions = {},
): { z: Float64Array; report: SolveReport } {
  const n = s.A.rows;
  if (b.length !== n) throw new SolveError(`right-hand side has ${b.length} entries, the system has ${n}`);
  const method = opts.method ?? 'auto';
  const tol = opts.tol ?? 1e-12;
  const op = systemOperator(s);
  const useDense = method === 'dense' || (method === 'auto' && n <= (opts.denseMax ?? 500));
  if (!useDense) {
    const r = gmres(op, b, { tol, restart: 40, maxIter: 2000 });
    if (r.converged)
      return {
        z: r.x,
        report: { method: 'gmres', iterations: r.iterations, relative_residual: r.relativeResidual },
      };
    if (method === 'gmres' || n > 3000)
      throw new SolveError(
        `GMRES did not converge: relative residual ${r.relativeResidual.toExponential(3)} after ${r.iterations} iterations (target ${tol})`,
      );
  }
  let z: Float64Array;
  if (!s.C && !s.fixed) {
    const f = leontiefLu(s.A);
    z = s.transpose ? luSolveT(f, b) : luSolve(f, b);
  } else {
    z = luSolve(luFactor(systemDense(s), n, true), b);
  }
  return { z, report: { method: 'dense-lu', iterations: 0, relative_residual: relativeResidual(op, z, b) } };
}

/** Worst of several reports (for results built from several solves). */
export function worstReport(reports: SolveReport[]): SolveReport & { solves: number } {
  let worst = reports[0] ?? { method: 'dense-lu' as const, iterations: 0, relative_residual: 0 };
  for (const r of reports) if (r.relative_residual > worst.relative_residual) worst = r;
  return { ...worst, iterations: reports.reduce((s, r) => s + r.iterations, 0), solves: reports.length };
}
