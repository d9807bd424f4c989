// Numerics of the bottleneck model: the normal quantile, log-normal buffer cohorts, the CES output share.
import { internalError } from '../../errors/index.ts';

/** Inverse standard normal CDF (Acklam's rational approximation, |error| < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw internalError(`normalQuantile: p = ${p} outside (0, 1)`);
  const a = [
    -39.69683028665376, 220.9460984245205, -275.928510446969, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    );
  }
  if (p > 1 - lo) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  );
}

/**
 * Power of the quadrature's probability grid: cohort f covers the buffer quantiles
 * [(f/F)^p, ((f+1)/F)^p]. Losses come from the low-buffer tail (the plants that run dry first), so
 * p > 1 puts more cohorts there; p = 1.5 at 16 cohorts is within about 1% of the 400-cohort limit
 * on the US cumulative and peak loss of the built-in run, where equal weights (p = 1) at 24 were
 * 5% under on the cumulative loss and two weeks late on the cliff (docs/supply.md#quadrature).
 */
export const COHORT_TAIL_POWER = 1.5;

/**
 * Quadrature over the buffer distribution's quantiles: node z_f = Phi^-1(((f + 1/2) / F)^p) and
 * weight w_f = ((f+1)/F)^p - (f/F)^p (the probability of its quantile bin; the weights sum to 1),
 * lowest buffer first.
 */
export function cohortQuadrature(
  F: number,
  p = COHORT_TAIL_POWER,
): { z: Float64Array; weight: Float64Array } {
  const z = new Float64Array(F);
  const weight = new Float64Array(F);
  for (let f = 0; f < F; f++) {
    z[f] = normalQuantile(((f + 0.5) / F) ** p);
    weight[f] = ((f + 1) / F) ** p - (f / F) ** p;
  }
  return { z, weight };
}

/** Buffer cohorts of a log-normal (median, sigma of the log) at the quadrature's nodes: median exp(sigma z_f). */
export function lognormalCohorts(
  median: number,
  sigmaLog: number,
  F: number,
  p = COHORT_TAIL_POWER,
): Float64Array {
  const { z } = cohortQuadrature(F, p);
  return z.map((zf) => median * Math.exp(sigmaLog * zf));
}

/**
 * CES output share over critical items z_k (value shares alpha_k) and the rest (at 1), computed
 * in logs: x = exp(log(sum_k alpha_k z_k^rho + (1 - sum alpha)) / rho). sigma = 1: Cobb-Douglas.
 */
export function cesShare(
  z: ArrayLike<number>,
  alpha: ArrayLike<number>,
  sigma: number,
  from = 0,
  to = z.length,
): number {
  if (Math.abs(sigma - 1) < 1e-9) {
    let l = 0;
    for (let k = from; k < to; k++) l += alpha[k] * Math.log(z[k]);
    return Math.exp(l);
  }
  const rho = (sigma - 1) / sigma;
  // log-sum-exp over terms alpha_k exp(rho log z_k) and the rest (1 - sum alpha) exp(0)
  let rest = 1;
  let mx = 0; // the rest's exponent is 0
  for (let k = from; k < to; k++) {
    rest -= alpha[k];
    const e = rho * Math.log(z[k]);
    if (e > mx) mx = e;
  }
  if (mx === Infinity) return 0; // some z_k = 0 with rho < 0
  let s = rest > 0 ? rest * Math.exp(-mx) : 0;
  for (let k = from; k < to; k++) s += alpha[k] * Math.exp(rho * Math.log(z[k]) - mx);
  return Math.exp((Math.log(s) + mx) / rho);
}
