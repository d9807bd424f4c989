// Seeded synthetic IO systems for benchmarks and property tests: a random sparsity pattern of a
// given density, column sums of A drawn in [minColSum, maxColSum), outputs near 1000, and final
// demand y = (I - A) x so that x = Z e + Y e holds exactly (up to rounding).
import { inputError } from '../errors/index.ts';
import { indexArray, type Csr, type IndexArray } from './linalg.ts';
import type { IOSystem } from './system.ts';

export interface SyntheticOptions {
  n: number;
  /** Share of nonzero entries in Z (0..1]. */
  density: number;
  seed?: number;
  minColSum?: number;
  maxColSum?: number;
  /** Number of regions the n sectors are split into (labels only). */
  regions?: number;
}

/** mulberry32: small, fast, deterministic 32-bit PRNG. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function syntheticSystem(o: SyntheticOptions): IOSystem {
  const { n, density } = o;
  if (!(n >= 1 && Number.isInteger(n))) throw inputError(`n must be a positive integer, got ${n}`);
  if (!(density > 0 && density <= 1)) throw inputError(`density must be in (0, 1], got ${density}`);
  const rnd = mulberry32(o.seed ?? 1);
  const lo = o.minColSum ?? 0.3;
  const hi = o.maxColSum ?? 0.69;
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = 800 + 400 * rnd();
  // pattern + raw values, row by row (CSR from the start; the diagonal is always present)
  const est = Math.ceil(n * n * density * 1.05) + n;
  let colIdx: IndexArray = indexArray(est, n);
  let values = new Float64Array(est);
  const rowPtr = new Int32Array(n + 1);
  let p = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (j !== i && rnd() >= density) continue;
      if (p === colIdx.length) {
        const c2 = indexArray(Math.ceil(colIdx.length * 1.2), n);
        c2.set(colIdx);
        colIdx = c2;
        const v2 = new Float64Array(c2.length);
        v2.set(values);
        values = v2;
      }
      colIdx[p] = j;
      values[p++] = rnd();
    }
    rowPtr[i + 1] = p;
  }
  colIdx = colIdx.subarray(0, p);
  values = values.subarray(0, p);
  // scale columns to the target column sums of A, then Z = A x̂
  const cs = new Float64Array(n);
  for (let q = 0; q < p; q++) cs[colIdx[q]] += values[q];
  const f = new Float64Array(n);
  for (let j = 0; j < n; j++) f[j] = ((lo + (hi - lo) * rnd()) / cs[j]) * x[j];
  for (let q = 0; q < p; q++) values[q] *= f[colIdx[q]];
  const Z: Csr = { rows: n, cols: n, rowPtr, colIdx, values };
  // y = x - Z e, split into two final-demand categories (households 80 %, investment 20 %)
  const Y = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let q = rowPtr[i]; q < rowPtr[i + 1]; q++) s += values[q];
    const yi = x[i] - s;
    Y[2 * i] = 0.8 * yi;
    Y[2 * i + 1] = yi - 0.8 * yi;
  }
  const R = Math.max(1, Math.min(o.regions ?? 1, n));
  const per = Math.ceil(n / R);
  const labels = Array.from({ length: n }, (_, i) => ({
    region: `R${Math.floor(i / per) + 1}`,
    sector: `s${(i % per) + 1}`,
  }));
  const regionNames = Array.from(new Set(labels.map((l) => l.region)));
  return {
    name: `synthetic n=${n} density=${density} seed=${o.seed ?? 1}`,
    unit: 'arbitrary',
    labels,
    Z,
    Y,
    yLabels: regionNames.flatMap((r) =>
      r === regionNames[0]
        ? [
            { region: r, category: 'households' },
            { region: r, category: 'investment' },
          ]
        : [],
    ),
    source: 'syntheticSystem (seeded)',
  };
}
