// Partial-equilibrium trade response for one importing market, product by product.
// Sources (see docs/trade.md and the shared notes "trade-models.md"):
//  - WITS SMART: Laird & Yeats (1986) Annex I; Jammes & Olarreaga (2005) "Explaining SMART and GSIM";
//    WITS help "SMART Theoretical Framework". World price normalised to 1 (value = quantity).
//  - exact CES (GSIM with one importer): Francois & Hall (2003).

/** Elasticities for one product. */
import { inputError, internalError, solverError } from '../errors/index.ts';
export interface Elasticities {
  /** Armington substitution elasticity between origins, > 0 (WITS default 1.5). */
  sigma: number;
  /** Import-demand elasticity of the composite good, < 0. */
  epsilon_m: number;
  /** Export-supply elasticity, > 0; Infinity = perfectly elastic (WITS uses 99 for "infinite"). */
  epsilon_x: number;
}

/** One product in one market: base flows and tariffs (fractions, 0.25 = 25%) by supplier. */
export interface ProductShock {
  /** Base imports by supplier at world prices (value = quantity with p^w = 1). */
  m0: Float64Array;
  t0: Float64Array;
  t1: Float64Array;
}

export interface SupplierResponse {
  /** Trade creation, value at base world prices. */
  creation: number;
  /** Trade diversion; sums to zero across suppliers. */
  diversion: number;
  /** Total quantity change (creation + diversion, floored so the new flow is >= 0). */
  dm: number;
  /** Proportional world-price change dp^w/p^w (0 with perfectly elastic supply). */
  price_effect: number;
  /** New flow at new world prices. */
  m1_value: number;
  revenue0: number;
  revenue1: number;
  /** Importer welfare: 1/2 (t0 + t1) dM  (Harberger) + q1 (-dp^w) (terms of trade). */
  welfare: number;
  /** True when the linear formulas had to be capped at the existing flow. */
  capped: boolean;
}

export interface ProductResponse {
  suppliers: SupplierResponse[];
  m0_total: number;
  m1_total: number;
  revenue0: number;
  revenue1: number;
  welfare: number;
  /** Exact-CES only: iterations used by the world-price fixed point. */
  iterations?: number;
}

function checkShock(s: ProductShock, e: Elasticities): void {
  const n = s.m0.length;
  if (s.t0.length !== n || s.t1.length !== n)
    throw internalError(`m0, t0, t1 must have the same length (got ${n}, ${s.t0.length}, ${s.t1.length})`);
  if (!(e.sigma > 0)) throw inputError(`sigma must be > 0, got ${e.sigma}`);
  if (!(e.epsilon_m < 0)) throw inputError(`epsilon_m must be < 0, got ${e.epsilon_m}`);
  if (!(e.epsilon_x > 0)) throw inputError(`epsilon_x must be > 0 (Infinity allowed), got ${e.epsilon_x}`);
  for (let c = 0; c < n; c++) {
    if (!(s.m0[c] >= 0)) throw inputError(`m0[${c}] must be >= 0, got ${s.m0[c]}`);
    if (!(s.t0[c] > -1) || !(s.t1[c] > -1))
      throw inputError(`tariffs must be > -1 (fractions), got t0=${s.t0[c]}, t1=${s.t1[c]} at ${c}`);
  }
}

/**
 * One supplier's outcome from quantities: new flow at new world prices, revenue at old and new
 * tariffs, and welfare 1/2 (t0 + t1) dM (Harberger) + q1 (-dp^w) (terms of trade on what is still bought).
 */
function supplierOutcome(
  m: number,
  t0: number,
  t1: number,
  dm: number,
  dpw: number,
  creation: number,
  diversion: number,
  capped: boolean,
): SupplierResponse {
  const q1 = m + dm;
  const m1v = q1 * (1 + dpw);
  return {
    creation,
    diversion,
    dm,
    price_effect: dpw,
    m1_value: m1v,
    revenue0: t0 * m,
    revenue1: t1 * m1v,
    welfare: 0.5 * (t0 + t1) * dm + q1 * -dpw,
    capped,
  };
}

/** Product totals from supplier outcomes. */
function productTotals(m0: Float64Array, out: SupplierResponse[], iterations?: number): ProductResponse {
  let M = 0;
  let m1 = 0;
  let r0 = 0;
  let r1 = 0;
  let wf = 0;
  for (let c = 0; c < out.length; c++) {
    M += m0[c];
    m1 += out[c].m1_value;
    r0 += out[c].revenue0;
    r1 += out[c].revenue1;
    wf += out[c].welfare;
  }
  return {
    suppliers: out,
    m0_total: M,
    m1_total: m1,
    revenue0: r0,
    revenue1: r1,
    welfare: wf,
    ...(iterations === undefined ? {} : { iterations }),
  };
}

/**
 * WITS SMART for one product.
 *   TC_c = eps_m m_c / (1 - eps_m/eps_x) * dt_c/(1+t0_c)                      (Laird-Yeats)
 *   dp^w_c/p^w_c = eps_m/(eps_x - eps_m) * dt_c/(1+t0_c)                        (price effect)
 *   TD_c = -sigma m_c [ ln r_c - sum_k (m_k/M) ln r_k ],  r_c = (1+t1_c)/(1+t0_c)
 * The diversion term is SMART's sigma m_c M_{-c}/M * (-dln(p_c/p_{-c})) with the log price change
 * and p_{-c} the value-weighted index of the other origins; written this way it sums to exactly zero.
 * Caps (as in SMART): diversion losses cannot exceed existing trade (gains are scaled down to keep the
 * sum at zero) and the new flow is never negative.
 */
export function smart(s: ProductShock, e: Elasticities): ProductResponse {
  checkShock(s, e);
  const n = s.m0.length;
  const finite = Number.isFinite(e.epsilon_x);
  const supplyFactor = finite ? 1 / (1 - e.epsilon_m / e.epsilon_x) : 1;
  const priceFactor = finite ? e.epsilon_m / (e.epsilon_x - e.epsilon_m) : 0;
  let M = 0;
  let meanLog = 0;
  for (let c = 0; c < n; c++) M += s.m0[c];
  const logR = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    logR[c] = Math.log((1 + s.t1[c]) / (1 + s.t0[c]));
    meanLog += M > 0 ? (s.m0[c] / M) * logR[c] : 0;
  }
  const td = new Float64Array(n);
  let lost = 0;
  let gained = 0;
  let capped = false;
  for (let c = 0; c < n; c++) {
    td[c] = -e.sigma * s.m0[c] * (logR[c] - meanLog);
    if (td[c] < -s.m0[c]) {
      td[c] = -s.m0[c];
      capped = true;
    }
    if (td[c] < 0) lost -= td[c];
    else gained += td[c];
  }
  if (capped && gained > 0) for (let c = 0; c < n; c++) if (td[c] > 0) td[c] *= lost / gained;
  const out: SupplierResponse[] = [];
  for (let c = 0; c < n; c++) {
    const m = s.m0[c];
    const rel = (s.t1[c] - s.t0[c]) / (1 + s.t0[c]);
    const tc = e.epsilon_m * m * supplyFactor * rel;
    let dm = tc + td[c];
    let cap = capped && td[c] === -m;
    if (dm < -m) {
      dm = -m;
      cap = true;
    }
    out.push(supplierOutcome(m, s.t0[c], s.t1[c], dm, priceFactor * rel, tc, td[c], cap));
  }
  return productTotals(s.m0, out);
}

/**
 * Exact CES (one-importer GSIM):
 *   s0_c = (1+t0_c) m_c / sum_k (1+t0_k) m_k
 *   P^^(1-sigma) = sum_c s0_c p^_c^(1-sigma),  Q^ = P^^eps_m,  m^_c = Q^ (p^_c / P^)^(-sigma)
 *   p^_c = (1+t1_c)/(1+t0_c) * p^w_c,  p^w_c = m^_c^(1/eps_x)   (fixed point; closed form if eps_x = Inf)
 * Split reported as creation_c = m_c (Q^ - 1) (scale of the composite) and
 * diversion_c = m_c Q^ ((p^_c/P^)^(-sigma) - 1) (composition). New flows never go below zero.
 */
export function cesResponse(
  s: ProductShock,
  e: Elasticities,
  opts: { tol?: number; maxIter?: number } = {},
): ProductResponse {
  checkShock(s, e);
  const n = s.m0.length;
  const tol = opts.tol ?? 1e-12;
  const maxIter = opts.maxIter ?? 500;
  const sig = e.sigma;
  const finite = Number.isFinite(e.epsilon_x);
  let X = 0;
  for (let c = 0; c < n; c++) X += (1 + s.t0[c]) * s.m0[c];
  const share = new Float64Array(n);
  for (let c = 0; c < n; c++) share[c] = X > 0 ? ((1 + s.t0[c]) * s.m0[c]) / X : 0;
  const pw = new Float64Array(n).fill(1);
  const ph = new Float64Array(n);
  const mh = new Float64Array(n);
  let Q: number;
  let P: number;
  let it = 0;
  for (;;) {
    it++;
    for (let c = 0; c < n; c++) ph[c] = ((1 + s.t1[c]) / (1 + s.t0[c])) * pw[c];
    if (Math.abs(1 - sig) < 1e-12) {
      let lp = 0;
      for (let c = 0; c < n; c++) if (share[c] > 0) lp += share[c] * Math.log(ph[c]);
      P = Math.exp(lp);
    } else {
      let acc = 0;
      for (let c = 0; c < n; c++) if (share[c] > 0) acc += share[c] * Math.pow(ph[c], 1 - sig);
      P = Math.pow(acc, 1 / (1 - sig));
    }
    Q = Math.pow(P, e.epsilon_m);
    for (let c = 0; c < n; c++) mh[c] = Q * Math.pow(ph[c] / P, -sig);
    if (!finite) break;
    let diff = 0;
    for (let c = 0; c < n; c++) {
      const target = Math.pow(mh[c], 1 / e.epsilon_x);
      const next = 0.5 * pw[c] + 0.5 * target; // damped fixed point
      diff = Math.max(diff, Math.abs(next - pw[c]));
      pw[c] = next;
    }
    if (diff < tol) break;
    if (it >= maxIter)
      throw solverError(
        `cesResponse: world-price fixed point did not converge in ${maxIter} iterations (last change ${diff})`,
      );
  }
  const out: SupplierResponse[] = [];
  for (let c = 0; c < n; c++) {
    const m = s.m0[c];
    const creation = m * (Q - 1);
    const diversion = m * Q * (Math.pow(ph[c] / P, -sig) - 1);
    out.push(supplierOutcome(m, s.t0[c], s.t1[c], m * mh[c] - m, pw[c] - 1, creation, diversion, false));
  }
  return productTotals(s.m0, out, it);
}
