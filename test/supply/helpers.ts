// Independent reference arithmetic for the supply tests: a plain Gauss-Jordan inverse on
// number[][] (no shared code with src/supply) and exact BigInt fractions.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csrFromDense, type Csr, type IOSystem } from '../../src/supply/index.ts';

export function invert(M: number[][]): number[][] {
  const n = M.length;
  const a = M.map((r, i) => [...r, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r;
    [a[c], a[p]] = [a[p], a[c]];
    const d = a[c][c];
    for (let j = 0; j < 2 * n; j++) a[c][j] /= d;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = a[r][c];
      for (let j = 0; j < 2 * n; j++) a[r][j] -= f * a[c][j];
    }
  }
  return a.map((r) => r.slice(n));
}

export const matmul = (X: number[][], Y: number[][]): number[][] =>
  X.map((r) => Y[0].map((_, j) => r.reduce((s, v, k) => s + v * Y[k][j], 0)));
export const matvec = (X: number[][], v: number[]): number[] =>
  X.map((r) => r.reduce((s, a, j) => s + a * v[j], 0));
export const vecmat = (v: number[], X: number[][]): number[] =>
  X[0].map((_, j) => v.reduce((s, a, i) => s + a * X[i][j], 0));
export const identity = (n: number): number[][] =>
  Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
export const sum = (v: ArrayLike<number>): number => Array.from(v).reduce((s, a) => s + a, 0);

export function close(actual: number, expected: number, rel = 1e-9, what = ''): void {
  const tol = rel * Math.max(1, Math.abs(expected));
  if (!(Math.abs(actual - expected) <= tol))
    throw new Error(
      `${what} expected ${expected}, got ${actual} (|diff| ${Math.abs(actual - expected)} > ${tol})`,
    );
}

export function closeArr(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  rel = 1e-9,
  what = '',
): void {
  if (actual.length !== expected.length)
    throw new Error(`${what} length ${actual.length} vs ${expected.length}`);
  for (let i = 0; i < expected.length; i++) close(actual[i], expected[i], rel, `${what}[${i}]`);
}

/** A small IOSystem from dense Z (number[][]) and final demand columns. */
export function smallSystem(
  Z: number[][],
  Y: number[][],
  opts: { regions?: string[]; sectors?: string[]; name?: string } = {},
): IOSystem {
  const n = Z.length;
  const k = Y[0]?.length ?? 0;
  const regions = opts.regions ?? Array.from({ length: n }, () => 'R1');
  const sectors = opts.sectors ?? Array.from({ length: n }, (_, i) => `s${i + 1}`);
  const regs = Array.from(new Set(regions));
  return {
    name: opts.name ?? 'test',
    unit: 'test units',
    labels: Array.from({ length: n }, (_, i) => ({ region: regions[i], sector: sectors[i] })),
    Z: csrFromDense(Float64Array.from(Z.flat()), n, n),
    Y: Float64Array.from(Y.flat()),
    yLabels: Array.from({ length: k }, (_, c) => ({ region: regs[c % regs.length], category: `f${c + 1}` })),
  };
}

/** Exact rational numbers (BigInt numerator/denominator, reduced). */
export class Frac {
  readonly p: bigint;
  readonly q: bigint;
  constructor(p: bigint, q: bigint = 1n) {
    if (q === 0n) throw new Error('zero denominator');
    if (q < 0n) {
      p = -p;
      q = -q;
    }
    const g = gcd(p < 0n ? -p : p, q);
    this.p = g === 0n ? 0n : p / g;
    this.q = g === 0n ? 1n : q / g;
  }
  static of(s: string): Frac {
    // decimal string -> exact fraction
    const neg = s.startsWith('-');
    const [i, f = ''] = s.replace('-', '').split('.');
    return new Frac(BigInt((neg ? '-' : '') + i + f), 10n ** BigInt(f.length));
  }
  add(o: Frac): Frac {
    return new Frac(this.p * o.q + o.p * this.q, this.q * o.q);
  }
  sub(o: Frac): Frac {
    return new Frac(this.p * o.q - o.p * this.q, this.q * o.q);
  }
  mul(o: Frac): Frac {
    return new Frac(this.p * o.p, this.q * o.q);
  }
  div(o: Frac): Frac {
    return new Frac(this.p * o.q, this.q * o.p);
  }
  isZero(): boolean {
    return this.p === 0n;
  }
  toNumber(): number {
    return Number(this.p) / Number(this.q);
  }
}
function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Exact inverse by Gauss-Jordan over fractions. */
export function invertExact(M: Frac[][]): Frac[][] {
  const n = M.length;
  const one = new Frac(1n);
  const zero = new Frac(0n);
  const a = M.map((r, i) => [...r, ...Array.from({ length: n }, (_, j) => (i === j ? one : zero))]);
  for (let c = 0; c < n; c++) {
    let p = c;
    while (a[p][c].isZero()) p++;
    [a[c], a[p]] = [a[p], a[c]];
    const d = a[c][c];
    a[c] = a[c].map((v) => v.div(d));
    for (let r = 0; r < n; r++) {
      if (r === c || a[r][c].isZero()) continue;
      const f = a[r][c];
      a[r] = a[r].map((v, j) => v.sub(f.mul(a[c][j])));
    }
  }
  return a.map((r) => r.slice(n));
}

/** Z[i][j] read straight from the CSR arrays (a linear scan, independent of csrGet). */
export function csrGetForTest(m: Csr, i: number, j: number): number {
  for (let p = m.rowPtr[i]; p < m.rowPtr[i + 1]; p++) if (m.colIdx[p] === j) return m.values[p];
  return 0;
}

/** The Miller & Blair 2-sector system in pymrio's text format. */
export function mbFolder(): string {
  const d = mkdtempSync(join(tmpdir(), 'leverage-cli-'));
  const dir = join(d, 'mb');
  mkdirSync(dir);
  writeFileSync(
    join(dir, 'Z.txt'),
    'region\t\tr\tr\nsector\t\ta\tb\nregion\tsector\t\t\nr\ta\t150\t500\nr\tb\t200\t100\n',
  );
  writeFileSync(join(dir, 'Y.txt'), 'region\t\tr\ncategory\t\thh\nregion\tsector\t\nr\ta\t350\nr\tb\t1700\n');
  return dir;
}
