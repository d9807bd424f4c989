// Demand-driven (Leontief) and supply-driven (Ghosh) quantities, linkages, hypothetical
// extraction and value added in trade. Formulas: Miller & Blair (2009), Input-Output Analysis,
// 2nd ed., ch. 2 (Leontief), 6 (multipliers), 12 (Ghosh, linkages, extraction); Dietzenbacher,
// van der Linden & Steenge (1993) backward/forward extraction; Johnson & Noguera (2012) VAX.
import { inputError } from '../errors/index.ts';
import { csrColSums } from './linalg.ts';
import { luInverse, luInverseDiagonal } from './dense.ts';
import { leontiefLu, solveSystem, worstReport, type SolveOptions, type SolveReport } from './solve.ts';
import type { IOModel } from './system.ts';

const ones = (n: number) => new Float64Array(n).fill(1);

/** Δx = L Δy: solve (I - A) Δx = Δy (Miller & Blair eq. 2.11; L is never formed). */
export function solveLeontief(
  m: IOModel,
  dy: Float64Array,
  opts?: SolveOptions,
): { dx: Float64Array; report: SolveReport } {
  const { z, report } = solveSystem({ A: m.A }, dy, opts);
  return { dx: z, report };
}

/**
 * Ghosh: Δx^T = Δv^T G with G = (I - B)^-1 = x^-1 L x (Miller & Blair eq. 12.10, 12.14).
 * Solved as (I - A)^T w = x^-1 Δv, Δx = x w.
 */
export function solveGhosh(
  m: IOModel,
  dv: Float64Array,
  opts?: SolveOptions,
): { dx: Float64Array; report: SolveReport } {
  const b = new Float64Array(m.n);
  for (let i = 0; i < m.n; i++) b[i] = dv[i] * m.xInv[i];
  const { z, report } = solveSystem({ A: m.A, transpose: true }, b, opts);
  for (let i = 0; i < m.n; i++) z[i] *= m.x[i];
  return { dx: z, report };
}

/** r^T L: solve (I - A)^T u = r. */
export function rowTimesL(
  m: IOModel,
  r: Float64Array,
  opts?: SolveOptions,
): { u: Float64Array; report: SolveReport } {
  const { z, report } = solveSystem({ A: m.A, transpose: true }, r, opts);
  return { u: z, report };
}

/** L = (I - A)^-1, dense n x n row-major. Formed only when asked: O(n^3) time, 8 n^2 bytes. */
export function leontiefInverse(m: IOModel): Float64Array {
  return luInverse(leontiefLu(m.A));
}

/**
 * G = (I - B)^-1 with B = x^-1 Z. For x_i > 0, x_j > 0: g_ij = l_ij x_j / x_i (Miller & Blair
 * eq. 12.14); a zero-output sector has a zero row and column in B, hence g_ii = 1.
 */
export function ghoshInverse(m: IOModel, L: Float64Array = leontiefInverse(m)): Float64Array {
  const n = m.n;
  const G = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    if (m.x[i] === 0) {
      G[i * n + i] = 1;
      continue;
    }
    for (let j = 0; j < n; j++) G[i * n + j] = m.x[j] === 0 ? 0 : L[i * n + j] * m.x[j] * m.xInv[i];
  }
  return G;
}

/** B = x^-1 Z, dense (for small systems and tests). */
export function ghoshB(m: IOModel): Float64Array {
  const n = m.n;
  const B = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let p = m.Z.rowPtr[i]; p < m.Z.rowPtr[i + 1]; p++)
      B[i * n + m.Z.colIdx[p]] = m.Z.values[p] * m.xInv[i];
  return B;
}

export interface Multipliers {
  /** Simple output multiplier e^T L (Miller & Blair eq. 6.3). */
  output: Float64Array;
  /** Value-added multiplier v_c^T L (≡ 1 where v is the balancing item and x > 0). */
  valueAdded: Float64Array;
  /** Factor (satellite) multipliers s^T L with s = f / x, per account row, and type-I s^T L / s. */
  factors: { account: string; row: string; total: Float64Array; typeI: Float64Array }[];
  report: SolveReport & { solves: number };
}

/** Output, value-added and factor multipliers: one transposed solve each, no inverse. */
export function multipliers(m: IOModel, opts?: SolveOptions): Multipliers {
  const reports: SolveReport[] = [];
  const out = rowTimesL(m, ones(m.n), opts);
  reports.push(out.report);
  const va = rowTimesL(m, m.vc, opts);
  reports.push(va.report);
  const factors: Multipliers['factors'] = [];
  for (const acc of m.factors) {
    acc.rows.forEach((row, r) => {
      const s = new Float64Array(m.n);
      for (let j = 0; j < m.n; j++) s[j] = acc.F[r * m.n + j] * m.xInv[j];
      const t = rowTimesL(m, s, opts);
      reports.push(t.report);
      const typeI = new Float64Array(m.n);
      for (let j = 0; j < m.n; j++) typeI[j] = s[j] === 0 ? 0 : t.u[j] / s[j];
      factors.push({ account: acc.name, row, total: t.u, typeI });
    });
  }
  return { output: out.u, valueAdded: va.u, factors, report: worstReport(reports) };
}

export interface Linkages {
  /** Direct backward: column sums of A. */
  directBackward: Float64Array;
  /** Direct forward: row sums of B. */
  directForward: Float64Array;
  /** Total backward: column sums of L (output multipliers). */
  totalBackward: Float64Array;
  /** Total forward: row sums of G (= output upstreamness, Miller & Temurshoev 2017). */
  totalForward: Float64Array;
  /** Rasmussen power of dispersion n (e^T L)_j / (e^T L e). */
  normalizedBackward: Float64Array;
  /** Sensitivity of dispersion n (G e)_i / (e^T G e). */
  normalizedForward: Float64Array;
  /** Both normalised linkages > 1. */
  key: Uint8Array;
  report: SolveReport & { solves: number };
}

/** Backward and forward linkages (Miller & Blair section 12.2): two solves. */
export function backwardLinkages(m: IOModel, opts?: SolveOptions): Linkages {
  return linkages(m, opts);
}

export function linkages(m: IOModel, opts?: SolveOptions): Linkages {
  const n = m.n;
  const directBackward = csrColSums(m.A);
  const directForward = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let p = m.Z.rowPtr[i]; p < m.Z.rowPtr[i + 1]; p++) s += m.Z.values[p];
    directForward[i] = s * m.xInv[i];
  }
  const tb = rowTimesL(m, ones(n), opts);
  const gx = totalForwardSums(m, opts);
  const active = countPositive(m.x);
  const sumB = sumOver(tb.u, m.x);
  const sumF = sumOver(gx.ge, m.x);
  const normalizedBackward = new Float64Array(n);
  const normalizedForward = new Float64Array(n);
  const key = new Uint8Array(n);
  for (let j = 0; j < n; j++) {
    if (m.x[j] === 0) continue;
    normalizedBackward[j] = (active * tb.u[j]) / sumB;
    normalizedForward[j] = (active * gx.ge[j]) / sumF;
    key[j] = normalizedBackward[j] > 1 && normalizedForward[j] > 1 ? 1 : 0;
  }
  return {
    directBackward,
    directForward,
    totalBackward: tb.u,
    totalForward: gx.ge,
    normalizedBackward,
    normalizedForward,
    key,
    report: worstReport([tb.report, gx.report]),
  };
}

const countPositive = (x: Float64Array) => x.reduce((s, v) => s + (v > 0 ? 1 : 0), 0);
const sumOver = (a: Float64Array, x: Float64Array) => a.reduce((s, v, i) => s + (x[i] > 0 ? v : 0), 0);

/** G e = x^-1 L x (one solve); zero-output sectors get (G e)_i = 1. */
function totalForwardSums(m: IOModel, opts?: SolveOptions): { ge: Float64Array; report: SolveReport } {
  const { dx, report } = solveLeontief(m, m.x, opts);
  const ge = new Float64Array(m.n);
  for (let i = 0; i < m.n; i++) ge[i] = m.x[i] === 0 ? 1 : dx[i] * m.xInv[i];
  return { ge, report };
}

export interface ExtractionResult {
  /** T = e^T x. */
  totalOutput: number;
  /** Complete extraction (Miller & Blair 12.2.5): T_j = T - e^T (I - A_-j,-j)^-1 y_-j. */
  complete: Float64Array;
  /** Backward (column j of A scaled by 1 - share): T - e^T (I - Ā)^-1 y. */
  backward: Float64Array;
  /** Forward (row j of B scaled by 1 - share): T - v^T (I - B̄)^-1 e. */
  forward: Float64Array;
  /** Extracted share (1 = full extraction). Applies to backward and forward. */
  share: number;
  /** diag(L). */
  lDiag: Float64Array;
  report: SolveReport & { solves: number };
}

/**
 * All n hypothetical extractions in O(n^2) after one factorisation, from the Sherman-Morrison
 * closed forms (Miller & Lahr 2001; derivation in docs/supply.md), with l_jj = diag(L),
 * c_j = (e^T L)_j and (G e)_j:
 *   complete  T_j  = x_j c_j / l_jj
 *   backward  BL_j = φ x_j (c_j - 1) / (1 + φ (l_jj - 1))
 *   forward   FL_j = φ x_j ((G e)_j - 1) / (1 + φ (l_jj - 1))
 * where φ is the extracted share (φ = 1: full extraction, Dietzenbacher et al. 1993; φ < 1:
 * partial extraction, Dietzenbacher & Lahr 2013). diag(L) comes from the LU factors of I - A
 * without forming L (dense, O(n^3) once).
 */
export function hypotheticalExtraction(
  m: IOModel,
  opts: SolveOptions & { share?: number } = {},
): ExtractionResult {
  const n = m.n;
  const phi = opts.share ?? 1;
  if (!(phi >= 0 && phi <= 1)) throw inputError(`extraction share must be in [0, 1], got ${phi}`);
  const lDiag = luInverseDiagonal(leontiefLu(m.A));
  // the factors exist now: the two remaining solves are O(n^2) substitutions
  const dense: SolveOptions = { ...opts, method: 'dense' };
  const c = rowTimesL(m, ones(n), dense);
  const g = totalForwardSums(m, dense);
  let T = 0;
  for (let i = 0; i < n; i++) T += m.x[i];
  const complete = new Float64Array(n);
  const backward = new Float64Array(n);
  const forward = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const xj = m.x[j];
    const ljj = lDiag[j];
    complete[j] = (xj * c.u[j]) / ljj;
    const den = 1 + phi * (ljj - 1);
    backward[j] = (phi * xj * (c.u[j] - 1)) / den;
    forward[j] = (phi * xj * (g.ge[j] - 1)) / den;
  }
  return {
    totalOutput: T,
    complete,
    backward,
    forward,
    share: phi,
    lDiag,
    report: worstReport([c.report, g.report]),
  };
}

export interface ValueAddedInTrade {
  regions: string[];
  /** VA[o][d]: value added of origin region o absorbed by final demand of region d (v_c L Y_d). */
  valueAdded: number[][];
  /** Gross exports per region (intermediate + final to other regions). */
  grossExports: number[];
  /** VAX ratio: value added absorbed abroad / gross exports (Johnson & Noguera 2012). */
  vaxRatio: number[];
  report: SolveReport & { solves: number };
}

/** Value added in trade: VA_od = sum_{i in o} v_c,i (L Y_d)_i, one solve per destination region. */
export function valueAddedInTrade(m: IOModel, opts?: SolveOptions): ValueAddedInTrade {
  const R = m.regions.length;
  const n = m.n;
  const k = m.yLabels.length;
  const ycolRegion = m.yLabels.map((l) => m.regions.indexOf(l.region));
  const VA = Array.from({ length: R }, () => new Array<number>(R).fill(0));
  const reports: SolveReport[] = [];
  for (let d = 0; d < R; d++) {
    const yd = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) if (ycolRegion[c] === d) yd[i] += m.Y[i * k + c];
    const { dx, report } = solveLeontief(m, yd, opts);
    reports.push(report);
    for (let i = 0; i < n; i++) VA[m.regionOf[i]][d] += m.vc[i] * dx[i];
  }
  const exportsByRegion = new Array<number>(R).fill(0);
  for (let i = 0; i < n; i++) {
    const o = m.regionOf[i];
    for (let p = m.Z.rowPtr[i]; p < m.Z.rowPtr[i + 1]; p++)
      if (m.regionOf[m.Z.colIdx[p]] !== o) exportsByRegion[o] += m.Z.values[p];
    for (let c = 0; c < k; c++) if (ycolRegion[c] !== o) exportsByRegion[o] += m.Y[i * k + c];
  }
  const vax = VA.map((row, o) => {
    const abroad = row.reduce((s, v, d) => s + (d === o ? 0 : v), 0);
    return exportsByRegion[o] === 0 ? 0 : abroad / exportsByRegion[o];
  });
  return {
    regions: m.regions,
    valueAdded: VA,
    grossExports: exportsByRegion,
    vaxRatio: vax,
    report: worstReport(reports),
  };
}
