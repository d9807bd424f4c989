// Market-level trade response: SMART or exact CES product by product, aggregated over products and
// suppliers, with the post-substitution effective rate and revenue on the new flows.
import { internalError } from '../errors/index.ts';
import { smart, cesResponse } from './smart.ts';
import type { Elasticities, ProductResponse } from './smart.ts';

/** Elasticity defaults and overrides as plain data (scenario.parameters.elasticities). */
export interface ElasticitySpec {
  default: Elasticities & { source: string };
  overrides?: ({ hs?: string; group?: string; source: string } & Partial<Elasticities>)[];
}

/**
 * Defaults. sigma = 1.5 and epsilon_x = 99 are the WITS SMART defaults (WITS help, "SMART Input
 * Requirements"). WITS takes epsilon_m from Kee, Nicita & Olarreaga (2008) HS6 estimates, which are
 * not shipped here; -1 (unit-elastic) is a uniform placeholder and every output says so. In the
 * exact CES form other suppliers gain only when sigma > |epsilon_m| (at sigma = |epsilon_m| their
 * flows are unchanged), so the placeholder keeps sigma above it. Override per product or group.
 */
export const DEFAULT_ELASTICITIES: ElasticitySpec = {
  default: {
    sigma: 1.5,
    epsilon_m: -1,
    epsilon_x: 99,
    source:
      'sigma 1.5 and epsilon_x 99: WITS SMART defaults; epsilon_m -1: unit-elastic placeholder (WITS uses Kee-Nicita-Olarreaga 2008 HS6 estimates, not shipped)',
  },
  overrides: [],
};

export interface ResolvedElasticities extends Elasticities {
  source: string;
}

/**
 * Elasticities for one HS code: the longest matching `hs` override, else the first matching `group`
 * override, else the default. Fields missing in an override come from the default.
 */
export function elasticitiesFor(
  spec: ElasticitySpec,
  code: string,
  groupsOfCode: readonly string[] = [],
): ResolvedElasticities {
  let best: NonNullable<ElasticitySpec['overrides']>[number] | null = null;
  let bestLen = -1;
  for (const o of spec.overrides ?? []) {
    if (o.hs !== undefined) {
      const p = o.hs.replace(/[.\s]/g, '');
      if (code.startsWith(p) && p.length > bestLen) {
        best = o;
        bestLen = p.length;
      }
    }
  }
  if (!best)
    for (const o of spec.overrides ?? [])
      if (o.group !== undefined && groupsOfCode.includes(o.group)) {
        best = o;
        break;
      }
  const d = spec.default;
  if (!best) return { sigma: d.sigma, epsilon_m: d.epsilon_m, epsilon_x: d.epsilon_x, source: d.source };
  return {
    sigma: best.sigma ?? d.sigma,
    epsilon_m: best.epsilon_m ?? d.epsilon_m,
    epsilon_x: best.epsilon_x ?? d.epsilon_x,
    source: best.source,
  };
}

/** One importing market: products x suppliers, row-major. Tariffs are fractions (0.25 = 25%). */
export interface Market {
  products: string[];
  suppliers: string[];
  m0: Float64Array;
  t0: Float64Array;
  t1: Float64Array;
}

export type ResponseModel = 'smart' | 'ces';

export interface SupplierTotal {
  supplier: string;
  m0_usd: number;
  m1_usd: number;
  creation_usd: number;
  diversion_usd: number;
  dm_usd: number;
  revenue0_usd: number;
  revenue1_usd: number;
  welfare_usd: number;
  /** Effective rate on this supplier: before (base flows) and after (new flows), percent. */
  rate_pre_pct: number;
  rate_post_pct: number;
  capped_products: number;
}

export interface ProductRow {
  product: string;
  elasticities: ResolvedElasticities;
  m0_usd: number;
  m1_usd: number;
  revenue0_usd: number;
  revenue1_usd: number;
  welfare_usd: number;
  /** Focus supplier's change, if a focus is given. */
  focus_dm_usd: number;
}

export interface MarketResponse {
  model: ResponseModel;
  totals: {
    m0_usd: number;
    m1_usd: number;
    revenue0_usd: number;
    revenue1_usd: number;
    welfare_usd: number;
    price_effect_usd: number;
  };
  suppliers: SupplierTotal[];
  products: ProductRow[];
  /** Product x supplier results, row-major like the market arrays. */
  cells: MarketCells;
}

/** Per product x supplier outcomes (row-major, products x suppliers). */
export interface MarketCells {
  creation: Float64Array;
  diversion: Float64Array;
  dm: Float64Array;
  m1: Float64Array;
  price_effect: Float64Array;
  revenue0: Float64Array;
  revenue1: Float64Array;
  welfare: Float64Array;
}

/**
 * Run the PE model on every product and add up. Allocation is per product (small); totals are
 * accumulated in typed arrays.
 */
export function marketResponse(
  mk: Market,
  model: ResponseModel,
  elasticityOf: (product: string, index: number) => ResolvedElasticities,
  focusSupplier?: string,
): MarketResponse {
  const P = mk.products.length;
  const S = mk.suppliers.length;
  if (mk.m0.length !== P * S || mk.t0.length !== P * S || mk.t1.length !== P * S)
    throw internalError(`market arrays must be products x suppliers = ${P * S} cells`);
  const acc = {
    m0: new Float64Array(S),
    m1: new Float64Array(S),
    tc: new Float64Array(S),
    td: new Float64Array(S),
    dm: new Float64Array(S),
    r0: new Float64Array(S),
    r1: new Float64Array(S),
    w: new Float64Array(S),
    capped: new Int32Array(S),
  };
  const cells: MarketCells = {
    creation: new Float64Array(P * S),
    diversion: new Float64Array(P * S),
    dm: new Float64Array(P * S),
    m1: new Float64Array(P * S),
    price_effect: new Float64Array(P * S),
    revenue0: new Float64Array(P * S),
    revenue1: new Float64Array(P * S),
    welfare: new Float64Array(P * S),
  };
  const focus = focusSupplier === undefined ? -1 : mk.suppliers.indexOf(focusSupplier);
  const products: ProductRow[] = [];
  let priceEffect = 0;
  for (let p = 0; p < P; p++) {
    const lo = p * S;
    const shock = {
      m0: mk.m0.subarray(lo, lo + S),
      t0: mk.t0.subarray(lo, lo + S),
      t1: mk.t1.subarray(lo, lo + S),
    };
    const el = elasticityOf(mk.products[p], p);
    const res: ProductResponse = model === 'ces' ? cesResponse(shock, el) : smart(shock, el);
    for (let c = 0; c < S; c++) {
      const r = res.suppliers[c];
      acc.m0[c] += shock.m0[c];
      acc.m1[c] += r.m1_value;
      acc.tc[c] += r.creation;
      acc.td[c] += r.diversion;
      acc.dm[c] += r.dm;
      acc.r0[c] += r.revenue0;
      acc.r1[c] += r.revenue1;
      acc.w[c] += r.welfare;
      if (r.capped) acc.capped[c]++;
      const k = lo + c;
      cells.creation[k] = r.creation;
      cells.diversion[k] = r.diversion;
      cells.dm[k] = r.dm;
      cells.m1[k] = r.m1_value;
      cells.price_effect[k] = r.price_effect;
      cells.revenue0[k] = r.revenue0;
      cells.revenue1[k] = r.revenue1;
      cells.welfare[k] = r.welfare;
      priceEffect += (shock.m0[c] + r.dm) * r.price_effect;
    }
    products.push({
      product: mk.products[p],
      elasticities: el,
      m0_usd: res.m0_total,
      m1_usd: res.m1_total,
      revenue0_usd: res.revenue0,
      revenue1_usd: res.revenue1,
      welfare_usd: res.welfare,
      focus_dm_usd: focus >= 0 ? res.suppliers[focus].dm : 0,
    });
  }
  const suppliers: SupplierTotal[] = mk.suppliers.map((supplier, c) => ({
    supplier,
    m0_usd: acc.m0[c],
    m1_usd: acc.m1[c],
    creation_usd: acc.tc[c],
    diversion_usd: acc.td[c],
    dm_usd: acc.dm[c],
    revenue0_usd: acc.r0[c],
    revenue1_usd: acc.r1[c],
    welfare_usd: acc.w[c],
    rate_pre_pct: acc.m0[c] > 0 ? (100 * acc.r0[c]) / acc.m0[c] : 0,
    rate_post_pct: acc.m1[c] > 0 ? (100 * acc.r1[c]) / acc.m1[c] : 0,
    capped_products: acc.capped[c],
  }));
  const sum = (x: Float64Array) => x.reduce((s, v) => s + v, 0);
  return {
    model,
    totals: {
      m0_usd: sum(acc.m0),
      m1_usd: sum(acc.m1),
      revenue0_usd: sum(acc.r0),
      revenue1_usd: sum(acc.r1),
      welfare_usd: sum(acc.w),
      price_effect_usd: priceEffect,
    },
    suppliers,
    products,
    cells,
  };
}
