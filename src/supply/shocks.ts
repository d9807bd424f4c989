// Shocks on a prepared IO model: demand shocks (Leontief), output constraints (mixed
// exogenous/endogenous models, Leontief upstream or Ghosh downstream), export cuts of
// chokepoint sectors as rank-r partial extractions (Woodbury), and exposure indices.
// Sources: Miller & Blair (2009) sections 2.6 (mixed models), 12.1 (Ghosh), 12.2 (extraction);
// Dietzenbacher & Lahr (2013) partial extraction; Baldwin, Freeman & Theodorakopoulos (2022)
// face-value vs look-through exposure.
import { didYouMean, inputError } from '../errors/index.ts';
import { SolveError } from './dense.ts';
import { rowTimesL, solveLeontief } from './leontief.ts';
import { solveSystem, worstReport, type SolveOptions, type SolveReport } from './solve.ts';
import { labelText, MrioInputError, type IOModel } from './system.ts';

export type ShockModel = 'leontief' | 'ghosh';

export interface ShockResult {
  model: ShockModel;
  kind: 'demand' | 'supply';
  /** Change in gross output by sector (same unit as Z, at annual rates). */
  dx: Float64Array;
  /** For a Leontief supply constraint: the final demand of the constrained sectors that goes unserved. */
  impliedFinalDemandChange?: Float64Array;
  report: SolveReport;
}

/** Demand shock Δx = L Δy (one solve). */
export function demandShock(m: IOModel, dy: Float64Array, opts?: SolveOptions): ShockResult {
  if (dy.length !== m.n)
    throw new MrioInputError(`demand shock has ${dy.length} entries, the model has ${m.n} sectors`);
  const { dx, report } = solveLeontief(m, dy, opts);
  return { model: 'leontief', kind: 'demand', dx, report };
}

export interface OutputConstraint {
  index: number;
  /** Proportional change of the sector's output, e.g. -0.7 for a 70 % cut. */
  change: number;
}

/**
 * Output of the sectors K fixed at (1 + change) x_K, the rest endogenous.
 * - leontief (upstream, Miller & Blair 2.6.2): x_E = (I - A_EE)^-1 (y_E + A_EK x_K): the
 *   constrained sectors buy fewer inputs; implied Δy_K = Δx_K - A_K. Δx is the demand left unserved.
 *   Solved as (I - Ã) Δx = r with rows K of Ã zeroed, r_K = Δx_K, r_E = 0.
 * - ghosh (downstream, supply-driven): relative outputs w = x^-1 x̄ satisfy w = A^T w + v_c;
 *   with w_K fixed: (I - Â)^T Δw = r with columns K of Â zeroed, r_K = change, Δx = x Δw. Users
 *   of the constrained sectors lose output in proportion to their allocation (no substitution).
 */
export function supplyShock(
  m: IOModel,
  constraints: OutputConstraint[],
  model: ShockModel = 'ghosh',
  opts?: SolveOptions,
): ShockResult {
  const n = m.n;
  const fixed = new Uint8Array(n);
  const r = new Float64Array(n);
  for (const c of constraints) {
    if (c.index < 0 || c.index >= n)
      throw new MrioInputError(`supply shock: sector index ${c.index} out of range 0..${n - 1}`);
    if (!(c.change >= -1 && Number.isFinite(c.change)))
      throw new MrioInputError(
        `supply shock on ${labelText(m.labels[c.index])}: change ${c.change} must be >= -100%`,
      );
    if (m.x[c.index] === 0)
      throw new MrioInputError(`supply shock on ${labelText(m.labels[c.index])}: the sector has zero output`);
    fixed[c.index] = 1;
    r[c.index] = model === 'leontief' ? c.change * m.x[c.index] : c.change;
  }
  if (model === 'leontief') {
    const { z, report } = solveSystem({ A: m.A, fixed }, r, opts);
    // implied final demand change of K: Δy_K = ((I - A) Δx)_K
    const implied = new Float64Array(n);
    for (const c of constraints) {
      const k = c.index;
      let s = z[k];
      for (let p = m.A.rowPtr[k]; p < m.A.rowPtr[k + 1]; p++) s -= m.A.values[p] * z[m.A.colIdx[p]];
      implied[k] = s;
    }
    return { model, kind: 'supply', dx: z, impliedFinalDemandChange: implied, report };
  }
  const { z, report } = solveSystem({ A: m.A, transpose: true, fixed }, r, opts);
  for (let i = 0; i < n; i++) z[i] *= m.x[i];
  return { model, kind: 'supply', dx: z, report };
}

// ---------------------------------------------------------------------------------------------
// Chokepoints

/** A chokepoint: the share `weight` of sector `index`'s deliveries that is the controlled product. */
export interface Chokepoint {
  index: number;
  /** Share of the sector's sales that is the chokepoint product (0..1). */
  weight: number;
  /** Why this weight (data + assumption), carried into reports. */
  basis?: string;
}

export interface ExposureIndex {
  /** Direct: sum_k w_k a_kj, chokepoint input per unit of j's output. */
  faceValue: Float64Array;
  /** faceValue / sum_i a_ij. */
  faceValueShare: Float64Array;
  /** Direct + indirect: sum_k w_k (L - I)_kj. */
  lookThrough: Float64Array;
  /** lookThrough / sum_i (L - I)_ij: share of all input requirements that trace to the chokepoint. */
  lookThroughShare: Float64Array;
  /** Ghosh exposure sum_k w_k v_c,k l_kj: share of j's output value that originates as the chokepoint's primary inputs. */
  ghoshShare: Float64Array;
  report: SolveReport & { solves: number };
}

function weightVector(m: IOModel, chokepoints: Chokepoint[]): Float64Array {
  const w = new Float64Array(m.n);
  for (const c of chokepoints) {
    if (c.index < 0 || c.index >= m.n)
      throw new MrioInputError(`chokepoint index ${c.index} out of range 0..${m.n - 1}`);
    if (!(c.weight >= 0 && c.weight <= 1))
      throw new MrioInputError(
        `chokepoint ${labelText(m.labels[c.index])}: weight ${c.weight} outside [0, 1]`,
      );
    w[c.index] += c.weight;
  }
  return w;
}

/**
 * Exposure of every sector to a weighted set of chokepoint rows (face value vs look-through):
 * three transposed solves (w^T L, e^T L, (w∘v_c)^T L).
 */
export function exposureIndex(m: IOModel, chokepoints: Chokepoint[], opts?: SolveOptions): ExposureIndex {
  const n = m.n;
  const w = weightVector(m, chokepoints);
  const face = new Float64Array(n);
  const colA = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let p = m.A.rowPtr[i]; p < m.A.rowPtr[i + 1]; p++) {
      const j = m.A.colIdx[p];
      colA[j] += m.A.values[p];
      face[j] += w[i] * m.A.values[p];
    }
  }
  const wl = rowTimesL(m, w, opts);
  const el = rowTimesL(m, new Float64Array(n).fill(1), opts);
  const wv = new Float64Array(n);
  for (let i = 0; i < n; i++) wv[i] = w[i] * m.vc[i];
  const gl = rowTimesL(m, wv, opts);
  const faceShare = new Float64Array(n);
  const look = new Float64Array(n);
  const lookShare = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    faceShare[j] = colA[j] > 0 ? face[j] / colA[j] : 0;
    look[j] = wl.u[j] - w[j];
    const total = el.u[j] - 1;
    lookShare[j] = total > 0 ? look[j] / total : 0;
  }
  return {
    faceValue: face,
    faceValueShare: faceShare,
    lookThrough: look,
    lookThroughShare: lookShare,
    ghoshShare: gl.u,
    report: worstReport([wl.report, el.report, gl.report]),
  };
}

/**
 * Export cut of chokepoint rows as a rank-r partial extraction. A cut of size φ (0..1) removes
 * φ w_k of row k's allocation to the destination sectors (mask): Ā = A - φ U W^T with U = [e_k],
 * W^T rows w_k a_kj m_j. By Woodbury, with S = W^T L U (r x r):
 *   Ghosh (downstream, Dietzenbacher & Lahr 2013 forward partial extraction):
 *     x̄^T = (p^T - φ p_K^T (I + φ S)^-1 W^T L) x̂,  p^T = v_c^T L
 *   Leontief (upstream, the exporter's lost sales and its suppliers'):
 *     x̄ = x - φ L U (I + φ S)^-1 W^T x
 * The setup costs 2r + 1 solves; each cut size afterwards costs O(r^2 n).
 */
export interface ExportCut {
  readonly chokepoints: Chokepoint[];
  /** Output change per unit... evaluate at any cut size φ. */
  downstream(phi: number): Float64Array;
  upstream(phi: number): Float64Array;
  report: SolveReport & { solves: number };
}

export function exportCut(
  m: IOModel,
  chokepoints: Chokepoint[],
  destinationMask: Uint8Array,
  opts?: SolveOptions,
): ExportCut {
  const n = m.n;
  if (destinationMask.length !== n)
    throw new MrioInputError(`destination mask has ${destinationMask.length} entries, expected ${n}`);
  weightVector(m, chokepoints);
  const r = chokepoints.length;
  const reports: SolveReport[] = [];
  const WtL: Float64Array[] = [];
  const LU: Float64Array[] = [];
  const Wrows: Float64Array[] = [];
  for (const c of chokepoints) {
    const wr = new Float64Array(n);
    const k = c.index;
    for (let p = m.A.rowPtr[k]; p < m.A.rowPtr[k + 1]; p++) {
      const j = m.A.colIdx[p];
      if (destinationMask[j]) wr[j] = c.weight * m.A.values[p];
    }
    Wrows.push(wr);
    const t = rowTimesL(m, wr, opts);
    reports.push(t.report);
    WtL.push(t.u);
    const ek = new Float64Array(n);
    ek[k] = 1;
    const s = solveLeontief(m, ek, opts);
    reports.push(s.report);
    LU.push(s.dx);
  }
  const pL = rowTimesL(m, m.vc, opts);
  reports.push(pL.report);
  const S = new Float64Array(r * r);
  for (let a = 0; a < r; a++) for (let b = 0; b < r; b++) S[a * r + b] = WtL[a][chokepoints[b].index];
  const Wx = Wrows.map((wr) => wr.reduce((s, v, j) => s + v * m.x[j], 0));
  const pK = chokepoints.map((c) => pL.u[c.index]);
  const coef = (phi: number, rhs: number[]): number[] => {
    const M = new Float64Array(r * r);
    for (let a = 0; a < r; a++)
      for (let b = 0; b < r; b++) M[a * r + b] = (a === b ? 1 : 0) + phi * S[a * r + b];
    return smallSolve(M, r, rhs);
  };
  return {
    chokepoints,
    downstream(phi) {
      checkPhi(phi);
      // row vector p_K^T (I + φ S)^-1: solve (I + φ S)^T q = p_K
      const Mt = new Float64Array(r * r);
      for (let a = 0; a < r; a++)
        for (let b = 0; b < r; b++) Mt[a * r + b] = (a === b ? 1 : 0) + phi * S[b * r + a];
      const q = smallSolve(Mt, r, pK);
      const dx = new Float64Array(n);
      for (let a = 0; a < r; a++) {
        const f = -phi * q[a];
        const row = WtL[a];
        for (let j = 0; j < n; j++) dx[j] += f * row[j];
      }
      for (let j = 0; j < n; j++) dx[j] *= m.x[j];
      return dx;
    },
    upstream(phi) {
      checkPhi(phi);
      const c = coef(phi, Wx);
      const dx = new Float64Array(n);
      for (let a = 0; a < r; a++) {
        const f = -phi * c[a];
        const col = LU[a];
        for (let i = 0; i < n; i++) dx[i] += f * col[i];
      }
      return dx;
    },
    report: worstReport(reports),
  };
}

function checkPhi(phi: number): void {
  if (!(phi >= 0 && phi <= 1)) throw inputError(`cut size must be in [0, 1], got ${phi}`);
}

/** Gaussian elimination with partial pivoting for the tiny r x r Woodbury systems. */
function smallSolve(M: Float64Array, r: number, rhs: number[]): number[] {
  const a = M.slice();
  const b = rhs.slice();
  for (let k = 0; k < r; k++) {
    let p = k;
    for (let i = k + 1; i < r; i++) if (Math.abs(a[i * r + k]) > Math.abs(a[p * r + k])) p = i;
    if (a[p * r + k] === 0) throw new SolveError('singular Woodbury capacitance matrix');
    if (p !== k) {
      for (let j = 0; j < r; j++) [a[k * r + j], a[p * r + j]] = [a[p * r + j], a[k * r + j]];
      [b[k], b[p]] = [b[p], b[k]];
    }
    for (let i = k + 1; i < r; i++) {
      const f = a[i * r + k] / a[k * r + k];
      for (let j = k; j < r; j++) a[i * r + j] -= f * a[k * r + j];
      b[i] -= f * b[k];
    }
  }
  const out = new Array<number>(r).fill(0);
  for (let i = r - 1; i >= 0; i--) {
    let s = b[i];
    for (let j = i + 1; j < r; j++) s -= a[i * r + j] * out[j];
    out[i] = s / a[i * r + i];
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Summaries

export interface SectorChange {
  index: number;
  region: string;
  sector: string;
  name?: string;
  baseline: number;
  change: number;
  /** change / baseline (0 when the baseline is 0). */
  relative: number;
}

export interface RegionChange {
  region: string;
  baseline: number;
  change: number;
  relative: number;
}

/** Largest changes by absolute size (ties by index, so output is deterministic). */
export function topChanges(
  m: IOModel,
  dx: Float64Array,
  top: number,
  filter?: (i: number) => boolean,
): SectorChange[] {
  const idx: number[] = [];
  for (let i = 0; i < m.n; i++) if (!filter || filter(i)) idx.push(i);
  idx.sort((a, b) => Math.abs(dx[b]) - Math.abs(dx[a]) || a - b);
  return idx.slice(0, top).map((i) => sectorChange(m, dx, i));
}

export function sectorChange(m: IOModel, dx: Float64Array, i: number): SectorChange {
  const l = m.labels[i];
  return {
    index: i,
    region: l.region,
    sector: l.sector,
    ...(l.name ? { name: l.name } : {}),
    baseline: m.x[i],
    change: dx[i],
    relative: m.x[i] > 0 ? dx[i] / m.x[i] : 0,
  };
}

export function changesByRegion(m: IOModel, dx: Float64Array): RegionChange[] {
  const base = new Float64Array(m.regions.length);
  const ch = new Float64Array(m.regions.length);
  for (let i = 0; i < m.n; i++) {
    base[m.regionOf[i]] += m.x[i];
    ch[m.regionOf[i]] += dx[i];
  }
  return m.regions.map((region, r) => ({
    region,
    baseline: base[r],
    change: ch[r],
    relative: base[r] > 0 ? ch[r] / base[r] : 0,
  }));
}

/** Resolve "REGION:SECTOR" (sector code or exact long name, case-insensitive) to an index. */
/** Sector codes and, where the table has them, sector names: what a user may type after the colon. */
function sectorNames(m: IOModel): string[] {
  const names = new Set<string>(m.sectors);
  for (const l of m.labels) if (l.name) names.add(l.name);
  return [...names];
}

export function findSector(m: IOModel, spec: string): number {
  const colon = spec.indexOf(':');
  if (colon < 0) throw new MrioInputError(`expected REGION:SECTOR, got ${JSON.stringify(spec)}`);
  const region = spec.slice(0, colon).trim();
  const sector = spec.slice(colon + 1).trim();
  const rIdx = m.regions.findIndex((r) => r.toLowerCase() === region.toLowerCase());
  if (rIdx < 0)
    throw new MrioInputError(
      `unknown region ${JSON.stringify(region)}${didYouMean(region, m.regions)}; known: ${m.regions.join(', ')}`,
    );
  for (let i = 0; i < m.n; i++) {
    const l = m.labels[i];
    if (m.regionOf[i] !== rIdx) continue;
    if (
      l.sector.toLowerCase() === sector.toLowerCase() ||
      (l.name && l.name.toLowerCase() === sector.toLowerCase())
    )
      return i;
  }
  throw new MrioInputError(
    `unknown sector ${JSON.stringify(sector)} in region ${m.regions[rIdx]}${didYouMean(sector, sectorNames(m))}; known: ${m.sectors.join(', ')}`,
  );
}
