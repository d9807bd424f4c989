/**
 * Exact arithmetic for equilibrium computation. Payoffs are read as the decimal numbers they
 * are written as (0.1 is 1/10, not the nearest double), each player's matrix is scaled to
 * integers by the lcm of its denominators (a positive scaling changes no best response),
 * and all linear algebra is fraction-free integer pivoting on BigInt (Edmonds 1967; the
 * "integer pivoting" of von Stengel 2007, sec. 3.5), so no equilibrium is lost to rounding.
 */

import { inputError, internalError } from '../../errors/index.ts';
export function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

export function abs(a: bigint): bigint {
  return a < 0n ? -a : a;
}

/** An exact rational n/d with d > 0, in lowest terms. */
export interface Rational {
  n: bigint;
  d: bigint;
}

export function rational(n: bigint, d: bigint): Rational {
  if (d === 0n) throw internalError('rational: zero denominator');
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
}

/** The exact value of a finite double as written in its shortest decimal form (String(x)). */
export function rationalFromNumber(x: number): Rational {
  if (!Number.isFinite(x)) throw inputError(`not a finite number: ${x}`);
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(String(x));
  if (!m) throw inputError(`cannot read number ${x}`);
  const frac = m[3] ?? '';
  let n = BigInt(m[2] + frac);
  let d = 10n ** BigInt(frac.length);
  const e = m[4] ? Number(m[4]) : 0;
  if (e > 0) n *= 10n ** BigInt(e);
  else if (e < 0) d *= 10n ** BigInt(-e);
  return rational(m[1] === '-' ? -n : n, d);
}

/** "n/d" or "n". */
export function formatRational(n: bigint, d: bigint): string {
  const r = rational(n, d);
  return r.d === 1n ? r.n.toString() : `${r.n}/${r.d}`;
}

/** n/d as the nearest double, even for huge n and d. */
export function toNumber(n: bigint, d: bigint): number {
  const r = rational(n, d);
  const bits = Math.max(r.n === 0n ? 0 : abs(r.n).toString(2).length, r.d.toString(2).length);
  if (bits <= 1000) return Number(r.n) / Number(r.d);
  // Large numerator or denominator (payoffs near 1e308): keep the top 64 bits of each and apply the
  // binary exponents apart, so neither side overflows to Infinity (Infinity/Infinity was NaN).
  const neg = r.n < 0n;
  const an = abs(r.n);
  const sn = Math.max(0, an.toString(2).length - 64);
  const sd = Math.max(0, r.d.toString(2).length - 64);
  const q = Number(an >> BigInt(sn)) / Number(r.d >> BigInt(sd));
  const e = sn - sd;
  const half = Math.trunc(e / 2);
  const v = q * 2 ** half * 2 ** (e - half);
  return neg ? -v : v;
}

/** Scale a rational matrix to integers: returns the integer matrix and the positive factor L. */
export function toIntegerMatrix(m: readonly (readonly Rational[])[]): { int: bigint[][]; scale: bigint } {
  let l = 1n;
  for (const row of m) for (const x of row) l = (l / gcd(l, x.d)) * x.d;
  return { int: m.map((row) => row.map((x) => (x.n * l) / x.d)), scale: l };
}

/**
 * Integer pivot on tableau T at (r, c): every other row i becomes
 * (T[r][c] * T[i] - T[i][c] * T[r]) / prevDet, which is exact (all entries stay minors of the
 * original matrix). Returns the new determinant T[r][c].
 */
export function integerPivot(T: bigint[][], r: number, c: number, prevDet: bigint): bigint {
  const pr = T[r];
  const p = pr[c];
  const w = pr.length;
  for (let i = 0; i < T.length; i++) {
    if (i === r) continue;
    const row = T[i];
    const f = row[c];
    if (f === 0n) {
      if (p !== prevDet) for (let j = 0; j < w; j++) row[j] = (row[j] * p) / prevDet;
      continue;
    }
    for (let j = 0; j < w; j++) row[j] = (p * row[j] - f * pr[j]) / prevDet;
  }
  return p;
}

/**
 * Solve the square system M x = b exactly. Returns x = num / den (common denominator, den > 0),
 * or null when M is singular.
 */
export function solveSquare(
  M: readonly (readonly bigint[])[],
  b: readonly bigint[],
): { num: bigint[]; den: bigint } | null {
  const n = M.length;
  const T = M.map((row, i) => [...row, b[i]]);
  let det = 1n;
  const rowOf = new Array<number>(n);
  const used = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    let r = -1;
    for (let i = 0; i < n; i++)
      if (!used[i] && T[i][k] !== 0n) {
        r = i;
        break;
      }
    if (r < 0) return null;
    used[r] = 1;
    rowOf[k] = r;
    det = integerPivot(T, r, k, det);
  }
  // Now T[rowOf[k]][k] = det for every k and other entries of column k are 0.
  const sign = det < 0n ? -1n : 1n;
  return { num: rowOf.map((r) => T[r][n] * sign), den: det * sign };
}
