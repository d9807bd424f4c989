// Multi-regional input-output system: raw tables (Z, Y, F), validation, cleaning of documented
// quirks, and the prepared coefficient model (A = Z x^-1, v = x - Z^T e) that every computation uses.
// Conventions: Miller & Blair (2009) ch. 2-3; pymrio's 1/0 := 0 for zero outputs.
import { LeverageError } from '../errors/index.ts';
import { csrColSums, csrRowSums, type Csr } from './linalg.ts';
import { SolveError } from './dense.ts';

/** A row/column of the inter-industry block: one sector in one region. */
export interface SectorLabel {
  region: string;
  sector: string;
  /** Long name if the source has one (WIOD industry_name). */
  name?: string;
}

export interface FinalDemandLabel {
  region: string;
  category: string;
}

/** Satellite account rows (pymrio "factor_inputs", "emissions", ...): m x n, row-major. */
export interface FactorAccount {
  name: string;
  rows: string[];
  units?: string[];
  F: Float64Array;
}

/** Raw tables as read from disk (no derived quantities). */
export interface IOSystem {
  name: string;
  /** Monetary unit of Z and Y, e.g. "million USD". */
  unit: string;
  labels: SectorLabel[];
  /** Intermediate flows, n x n: row i sells to column j. Sparse from the start. */
  Z: Csr;
  /** Final demand, n x k, row-major. */
  Y: Float64Array;
  yLabels: FinalDemandLabel[];
  /** Published gross output, if the source has it (only compared against Z e + Y e). */
  xPublished?: Float64Array;
  factors?: FactorAccount[];
  source?: string;
  citation?: string;
}

/** Bad tables: the message names the table, the row/column labels and what was expected. */
export class MrioInputError extends LeverageError {
  constructor(message: string) {
    super('input', 'bad_mrio', message);
    this.name = 'MrioInputError';
  }
}

export interface CleaningChange {
  what: 'negative-output-row-zeroed' | 'negative-flow-zeroed' | 'negative-value-added-column-scaled';
  at: string;
  detail: string;
}

export interface CleaningReport {
  changes: CleaningChange[];
  zero_output_sectors: string[];
  /** max_i |x_published - (Z e + Y e)| when a published x exists. */
  max_published_output_gap?: number;
}

/** The prepared model every computation takes. Vectors are indexed like `labels`. */
export interface IOModel {
  readonly n: number;
  readonly name: string;
  readonly unit: string;
  readonly labels: SectorLabel[];
  readonly regions: string[];
  readonly sectors: string[];
  /** Region index of each row. */
  readonly regionOf: Int32Array;
  readonly Z: Csr;
  /** A = Z x^-1 (input coefficients), CSR with the pattern of Z. */
  readonly A: Csr;
  /** Gross output x = Z e + Y e. */
  readonly x: Float64Array;
  /** 1/x with 1/0 := 0. */
  readonly xInv: Float64Array;
  /** Total final demand y = Y e. */
  readonly y: Float64Array;
  readonly Y: Float64Array;
  readonly yLabels: FinalDemandLabel[];
  /** Primary inputs as the balancing item v = x - Z^T e (value added + taxes + ...). */
  readonly v: Float64Array;
  /** v_c = v / x. */
  readonly vc: Float64Array;
  readonly factors: FactorAccount[];
  readonly cleaning: CleaningReport;
  /** Collatz-Wielandt bounds on the spectral radius of A. */
  readonly spectralRadius: SpectralRadiusBounds;
  readonly source?: string;
  readonly citation?: string;
}

export const labelText = (l: SectorLabel): string => `${l.region}/${l.sector}`;

function checkFinite(
  arr: Float64Array,
  what: string,
  rowLabel: (i: number) => string,
  cols: number,
  colLabel: (j: number) => string,
): void {
  for (let k = 0; k < arr.length; k++) {
    if (!Number.isFinite(arr[k])) {
      const i = Math.floor(k / cols);
      const j = k % cols;
      throw new MrioInputError(
        `${what}: not a finite number at row ${i + 1} (${rowLabel(i)}), column ${j + 1} (${colLabel(j)}): ${arr[k]}`,
      );
    }
  }
}

/**
 * Validate the raw tables and build the coefficient model.
 * Without `clean`, any of these is an error naming the cell: negative flows in Z, a negative
 * gross output, a column whose inputs exceed its output (negative value added, column sum of
 * A > 1). With `clean` they are repaired and listed in `cleaning.changes`:
 *  - a row with x_i = (Z e + Y e)_i < 0 is set to zero in Z and Y (x_i := 0);
 *  - a negative z_ij is set to 0;
 *  - a column with sum_i z_ij > x_j is scaled so that v_j = 0.
 * After either path, a non-productive system (spectral radius of A >= 1) is an error.
 */
export function prepareModel(sys: IOSystem, opts: { clean?: boolean } = {}): IOModel {
  const n = sys.labels.length;
  const Z = sys.Z;
  if (Z.rows !== Z.cols) throw new MrioInputError(`Z is not square: ${Z.rows} rows x ${Z.cols} columns`);
  if (Z.rows !== n)
    throw new MrioInputError(`labels do not match Z: ${n} sector labels for a ${Z.rows} x ${Z.cols} Z`);
  const k = sys.yLabels.length;
  if (sys.Y.length !== n * k)
    throw new MrioInputError(
      `Y has ${sys.Y.length / Math.max(k, 1)} rows x ${k} columns, expected ${n} rows (one per Z row)`,
    );
  const lab = (i: number) => labelText(sys.labels[i]);
  const seen = new Map<string, number>();
  sys.labels.forEach((l, i) => {
    const key = labelText(l);
    const prev = seen.get(key);
    if (prev !== undefined)
      throw new MrioInputError(`duplicate sector label ${key} at rows ${prev + 1} and ${i + 1}`);
    seen.set(key, i);
  });
  const zrow = (p: number) => {
    let i = 0;
    while (Z.rowPtr[i + 1] <= p) i++;
    return i;
  };
  for (let p = 0; p < Z.values.length; p++) {
    if (!Number.isFinite(Z.values[p])) {
      const i = zrow(p);
      throw new MrioInputError(
        `Z: not a finite number at row ${i + 1} (${lab(i)}), column ${Z.colIdx[p] + 1} (${lab(Z.colIdx[p])}): ${Z.values[p]}`,
      );
    }
  }
  checkFinite(sys.Y, 'Y', lab, k, (j) => `${sys.yLabels[j].region}/${sys.yLabels[j].category}`);
  for (const f of sys.factors ?? []) {
    if (f.F.length !== f.rows.length * n)
      throw new MrioInputError(
        `${f.name}: F has ${f.F.length / Math.max(1, f.rows.length)} columns, expected ${n} (one per Z column)`,
      );
    checkFinite(f.F, `${f.name}/F`, (i) => f.rows[i], n, lab);
  }

  const clean = opts.clean ?? false;
  const changes: CleaningChange[] = [];
  // copy-on-write: Z's values are only copied if cleaning changes them (8000-sector tables are large)
  let zv = Z.values;
  let Zc: Csr = { rows: n, cols: n, rowPtr: Z.rowPtr, colIdx: Z.colIdx, values: zv };
  const writable = (): Float64Array => {
    if (zv === Z.values) {
      zv = Z.values.slice();
      Zc = { ...Zc, values: zv };
    }
    return zv;
  };
  const Y = sys.Y.slice();

  // 1. negative flows
  for (let i = 0; i < n; i++) {
    for (let p = Z.rowPtr[i]; p < Z.rowPtr[i + 1]; p++) {
      if (zv[p] < 0) {
        const at = `${lab(i)} -> ${lab(Z.colIdx[p])}`;
        if (!clean)
          throw new MrioInputError(
            `Z: negative intermediate flow ${zv[p]} at row ${i + 1} (${lab(i)}), column ${Z.colIdx[p] + 1}; pass clean to set it to 0`,
          );
        changes.push({ what: 'negative-flow-zeroed', at, detail: `z = ${zv[p]} set to 0` });
        writable()[p] = 0;
      }
    }
  }

  const x = new Float64Array(n);
  const recomputeX = () => {
    const zr = csrRowSums(Zc);
    for (let i = 0; i < n; i++) {
      let s = zr[i];
      for (let c = 0; c < k; c++) s += Y[i * k + c];
      x[i] = s;
    }
  };
  // 2./3. negative outputs and negative value added; repeat because each repair moves x a little.
  for (let round = 0; round < 10; round++) {
    recomputeX();
    // Cells can each be finite while their sums overflow (1e308 + 1e308): refuse, naming the row,
    // rather than carry x = Infinity into A = 0 and a vacuous productivity check.
    for (let i = 0; i < n; i++)
      if (!Number.isFinite(x[i]))
        throw new MrioInputError(
          `gross output at row ${i + 1} (${lab(i)}) overflows: x = Z e + Y e = ${x[i]} (the cells are finite but their sum exceeds ${Number.MAX_VALUE.toExponential(2)}); check the units of Z and Y`,
        );
    const colSums = csrColSums(Zc);
    for (let j = 0; j < n; j++)
      if (!Number.isFinite(colSums[j]))
        throw new MrioInputError(
          `intermediate inputs of column ${j + 1} (${lab(j)}) overflow: their sum is ${colSums[j]}; check the units of Z`,
        );
    let changed = false;
    for (let i = 0; i < n; i++) {
      let rowHasFlows = false;
      if (x[i] === 0) for (let p = Z.rowPtr[i]; p < Z.rowPtr[i + 1]; p++) if (zv[p] !== 0) rowHasFlows = true;
      if (x[i] < 0 || rowHasFlows) {
        const pub = sys.xPublished ? ` (published x ${sys.xPublished[i]})` : '';
        if (!clean)
          throw new MrioInputError(
            `${x[i] < 0 ? 'negative' : 'zero'} gross output at row ${i + 1} (${lab(i)}): x = Z e + Y e = ${x[i]}${pub}${rowHasFlows ? ' but it sells intermediate inputs' : ''}; pass clean to zero this row`,
          );
        changes.push({
          what: 'negative-output-row-zeroed',
          at: lab(i),
          detail: `x = Z e + Y e = ${x[i]}${pub}; row of Z and Y set to 0`,
        });
        const w = writable();
        for (let p = Z.rowPtr[i]; p < Z.rowPtr[i + 1]; p++) w[p] = 0;
        Y.fill(0, i * k, (i + 1) * k);
        changed = true;
      }
    }
    if (changed) continue;
    const cs = csrColSums(Zc);
    const tol = 1e-9;
    for (let j = 0; j < n; j++) {
      if (cs[j] > x[j] * (1 + tol) && cs[j] > 0) {
        if (!clean)
          throw new MrioInputError(
            `negative value added at column ${j + 1} (${lab(j)}): intermediate inputs ${cs[j]} exceed gross output ${x[j]} (column sum of A > 1); pass clean to scale this column`,
          );
        const f = x[j] / cs[j];
        changes.push({
          what: 'negative-value-added-column-scaled',
          at: lab(j),
          detail: `inputs ${cs[j]} > output ${x[j]}: column of Z scaled by ${f.toPrecision(6)} so v = 0`,
        });
        const w = writable();
        for (let p = 0; p < w.length; p++) if (Z.colIdx[p] === j) w[p] *= f;
        changed = true;
      }
    }
    if (!changed) break;
  }

  const xInv = new Float64Array(n);
  const zeroOutput: string[] = [];
  for (let i = 0; i < n; i++) {
    if (x[i] > 0) xInv[i] = 1 / x[i];
    else zeroOutput.push(lab(i));
  }
  // A = Z x^-1: a_ij = z_ij / x_j
  const av = new Float64Array(zv.length);
  for (let p = 0; p < zv.length; p++) av[p] = zv[p] * xInv[Z.colIdx[p]];
  const A: Csr = { rows: n, cols: n, rowPtr: Z.rowPtr, colIdx: Z.colIdx, values: av };
  const cs = csrColSums(Zc);
  const v = new Float64Array(n);
  const vc = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    v[j] = x[j] - cs[j];
    if (Math.abs(v[j]) < 1e-9 * Math.max(1, x[j])) v[j] = 0;
    vc[j] = v[j] * xInv[j];
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let c = 0; c < k; c++) s += Y[i * k + c];
    y[i] = s;
  }
  const rho = spectralRadiusBounds(A);
  if (rho.lower >= 1 - 1e-12) {
    const worst = worstColumns(A, sys.labels);
    throw new SolveError(
      `non-productive system: spectral radius of A is >= 1 (Collatz-Wielandt lower bound ${rho.lower.toFixed(6)}); (I - A)^-1 is not a non-negative inverse. Largest column sums of A: ${worst}`,
    );
  }
  if (rho.upper >= 1 && rho.estimate >= 1 - 1e-9) {
    // undecided by the bounds (reducible A): the power-iteration estimate decides
    throw new SolveError(
      `non-productive system: spectral radius of A is about ${rho.estimate.toFixed(6)} (power iteration; bounds [${rho.lower.toFixed(6)}, ${rho.upper.toFixed(6)}]). Largest column sums of A: ${worstColumns(A, sys.labels)}`,
    );
  }
  const regions: string[] = [];
  const sectors: string[] = [];
  const regionIndex = new Map<string, number>();
  const regionOf = new Int32Array(n);
  const sectorSet = new Set<string>();
  sys.labels.forEach((l, i) => {
    let r = regionIndex.get(l.region);
    if (r === undefined) {
      r = regions.length;
      regions.push(l.region);
      regionIndex.set(l.region, r);
    }
    regionOf[i] = r;
    if (!sectorSet.has(l.sector)) {
      sectorSet.add(l.sector);
      sectors.push(l.sector);
    }
  });
  let maxGap: number | undefined;
  if (sys.xPublished) {
    maxGap = 0;
    for (let i = 0; i < n; i++) maxGap = Math.max(maxGap, Math.abs(sys.xPublished[i] - x[i]));
  }
  return {
    n,
    name: sys.name,
    unit: sys.unit,
    labels: sys.labels,
    regions,
    sectors,
    regionOf,
    Z: Zc,
    A,
    x,
    xInv,
    y,
    Y,
    yLabels: sys.yLabels,
    v,
    vc,
    factors: sys.factors ?? [],
    cleaning: {
      changes,
      zero_output_sectors: zeroOutput,
      ...(maxGap !== undefined ? { max_published_output_gap: maxGap } : {}),
    },
    spectralRadius: rho,
    ...(sys.source ? { source: sys.source } : {}),
    ...(sys.citation ? { citation: sys.citation } : {}),
  };
}

function worstColumns(A: Csr, labels: SectorLabel[]): string {
  const cs = csrColSums(A);
  const idx = Array.from(cs.keys()).sort((a, b) => cs[b] - cs[a] || a - b);
  return idx
    .slice(0, 3)
    .map((j) => `${labelText(labels[j])} ${cs[j].toFixed(4)}`)
    .join(', ');
}

/**
 * Bounds on the spectral radius of a non-negative matrix by the Collatz-Wielandt formula:
 * for any w > 0, min_j (A^T w)_j / w_j <= rho(A) <= max_j (A^T w)_j / w_j (Perron-Frobenius;
 * Horn & Johnson, Matrix Analysis, 8.1.26). Starting from w = e the first upper bound is the
 * largest column sum; power iteration on A^T tightens both until rho < 1 is decided.
 */
export interface SpectralRadiusBounds {
  lower: number;
  upper: number;
  /** Power-iteration estimate ||A^T w||_inf / ||w||_inf at the last step. */
  estimate: number;
}

export function spectralRadiusBounds(A: Csr, maxIter = 500): SpectralRadiusBounds {
  const n = A.rows;
  if (n === 0) return { lower: 0, upper: 0, estimate: 0 };
  let estimate = 0;
  let w = new Float64Array(n).fill(1);
  let z = new Float64Array(n);
  let lower = 0;
  let upper = Infinity;
  for (let it = 0; it < maxIter; it++) {
    // z = A^T w
    z.fill(0);
    for (let i = 0; i < n; i++) {
      const wi = w[i];
      for (let p = A.rowPtr[i]; p < A.rowPtr[i + 1]; p++) z[A.colIdx[p]] += A.values[p] * wi;
    }
    let lo = Infinity;
    let hi = 0;
    let zmax = 0;
    for (let j = 0; j < n; j++) {
      const r = z[j] / w[j];
      if (r < lo) lo = r;
      if (r > hi) hi = r;
      if (z[j] > zmax) zmax = z[j];
    }
    lower = Math.max(lower, lo);
    upper = Math.min(upper, hi);
    estimate = zmax;
    if (upper < 1 || lower >= 1 || zmax === 0) break;
    // next iterate, kept strictly positive so the bounds stay valid
    for (let j = 0; j < n; j++) z[j] = z[j] / zmax + 1e-12;
    const t = w;
    w = z;
    z = t;
  }
  return { lower: Math.max(0, lower), upper: upper === Infinity ? lower : upper, estimate };
}
