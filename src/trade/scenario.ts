// Scenario-level trade questions: effective-rate series, key dates, claims check and trade
// response, combining the scenario's ledger (tariff stacks) with shipped base-year flows.
import { inputError, isInputError } from '../errors/index.ts';
import { compileTariffSchedule, tariffStack, agreementState } from '../ledger/index.ts';
import type { TariffSchedule } from '../ledger/index.ts';
import type { Scenario } from '../model/index.ts';
import {
  usImportsFromChinaWeights,
  chinaSideWeights,
  mfnForLines,
  reweightToHs2Totals,
  spreadResidualsOverHs6,
} from './weights.ts';
import type { BaseWeights } from './weights.ts';
import { linesMatching } from './effective.ts';
import type { EffectiveRate, LineGroup } from './effective.ts';
import { effectiveRateAt, effectiveRateSeries, rateBasis } from './rates.ts';
import type { Breakdown, EffectiveRateSeries, RateBasis, RateOptions } from './rates.ts';
import type { Step } from './series.ts';
import { checkClaim, stackDistribution } from './claims.ts';
import type { ClaimCheck, ClaimContext, ClaimLike } from './claims.ts';
import { marketResponse, elasticitiesFor, DEFAULT_ELASTICITIES } from './response.ts';
import type { ElasticitySpec, MarketResponse, ResponseModel } from './response.ts';
import { HS_SECTIONS, hsSection } from './hs.ts';

/** 2024 US goods exports to China (Census), the China-side weight total. */
export const US_EXPORTS_TO_CHINA_2024 = {
  usd: 143.5e9,
  source: 'Census 2024 via ledger entry fig-us-china-goods-trade-2024',
};

/** The shipped tables the scenario functions need (read by src/io loadShippedTradeData). */
export interface ShippedTrade {
  usImportsFromChina: {
    hs10: string[];
    imports_usd: Float64Array;
    duties_usd: Float64Array;
    year: number;
    source: string;
  };
  chinaListed: { hs6: string[]; exports_usd: Float64Array };
  chinaListHs8: { hs8: string[] };
  usExportsHs4: { hs4: string[]; year: Int32Array; exports_usd: Float64Array };
  hs2Monthly: { month: string[]; hs2: string[]; exports_usd: Float64Array; imports_usd?: Float64Array };
  usTariffs2018: { hs6: string[]; dates: string[]; rates_pct: Float64Array[] };
  chinaTariffs2018: { hs6: string[]; dates: string[]; rates_pct: Float64Array[] };
  /** 2024 US imports by HS6 and partner (for the trade response). */
  byPartner?: { rows: { partner: string; product: string; value_usd: number }[] };
}

/** Base-year weights for a direction; only US<-CN and CN<-US ship with data. */
export function baseWeightsFor(
  importer: string,
  exporter: string,
  data: ShippedTrade,
  baseYear = 2024,
): BaseWeights {
  if (importer === 'US' && exporter === 'CN') {
    const w = usImportsFromChinaWeights(data.usImportsFromChina);
    if (baseYear === 2024) return w;
    if (!(baseYear >= 2013 && baseYear <= 2019))
      throw inputError(
        `--base-year: US imports from China ship for 2024 (HTS10) and 2013-2019 (HS2 totals); got ${baseYear}`,
      );
    // 2024 HTS10 composition within each chapter, rescaled to the chosen year's Census HS2 totals
    const t = new Map<string, number>();
    for (let i = 0; i < data.hs2Monthly.month.length; i++)
      if (data.hs2Monthly.month[i].startsWith(`${baseYear}-`))
        t.set(
          data.hs2Monthly.hs2[i],
          (t.get(data.hs2Monthly.hs2[i]) ?? 0) + (data.hs2Monthly.imports_usd?.[i] ?? 0),
        );
    const r = reweightToHs2Totals(w.lines, w.weights_usd, t);
    let tot = 0;
    for (const v of r.weights_usd) tot += v;
    return {
      ...w,
      weights_usd: r.weights_usd,
      duties_usd: null,
      base_year: baseYear,
      label: `${baseYear} US imports from China (HS2 totals)`,
      description: `${baseYear} US imports from China by HS2 chapter (Census, USD ${(tot / 1e9).toFixed(1)} bn), spread over the HTS10 lines of each chapter in proportion to 2024 imports${baseYear === 2017 ? ' (pre-war weights, as PIIE uses)' : ''}`,
      notes: [
        ...(r.unmatched_target_usd > 0
          ? [
              `USD ${(r.unmatched_target_usd / 1e9).toFixed(2)} bn of ${baseYear} imports are in chapters with no 2024 line and are left out`,
            ]
          : []),
        'no realized rate: duties of that year are not spread to lines',
      ],
    };
  }
  if (importer === 'CN' && exporter === 'US') {
    if (baseYear !== 2024)
      throw inputError(
        `--base-year: China-side weights are built for 2024 only (see the weights note); got ${baseYear}`,
      );
    const w = chinaSideWeights({
      total_usd: US_EXPORTS_TO_CHINA_2024.usd,
      total_source: US_EXPORTS_TO_CHINA_2024.source,
      listed: data.chinaListed,
      listHs8: data.chinaListHs8.hs8,
      hs4: data.usExportsHs4,
      hs2: data.hs2Monthly,
    });
    return spreadResidualsOverHs6(w, data.chinaTariffs2018.hs6);
  }
  throw inputError(
    `no shipped base-year flows for importer ${importer}, exporter ${exporter} (shipped: US<-CN, CN<-US); pass a flow file`,
  );
}

/** MFN per line from the 2018-01-01 column of the 2018-2020 series of that direction (pre-war MFN, HS2017). */
export function mfnFor(base: BaseWeights, data: ShippedTrade): { mfn_pct: Float64Array; mfn_note: string } {
  const s =
    base.importer === 'US' ? data.usTariffs2018 : base.importer === 'CN' ? data.chinaTariffs2018 : null;
  if (!s) throw inputError(`no MFN rates shipped for importer ${base.importer}`);
  const d = s.dates.indexOf('2018-01-01');
  const { mfn_pct, match: m } = mfnForLines(
    { hs6: s.hs6, rate_pct: s.rates_pct[d] },
    base.lines,
    base.weights_usd,
  );
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  return {
    mfn_pct,
    mfn_note:
      `MFN included: ${base.importer} applied rates of 2018-01-01 (pre-war) from the 2018-2020 HS6 series (HS2017), ` +
      `matched to the lines by ${m.method}: ${pct(m.matched_hs6_share)} of base value at HS6, ${pct(m.weight_by_level.hs4 / m.weight_total)} via HS4, ` +
      `${pct(m.weight_by_level.hs2 / m.weight_total)} via HS2, ${pct(m.weight_by_level.none / m.weight_total)} unmatched (MFN 0)`,
  };
}

/** The scenario's named product groups as line sets. */
export function groupsFor(scn: Scenario, lines: readonly string[]): LineGroup[] {
  return Object.entries(scn.products.groups)
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([name, g]) => ({ name, title: g.title, lines: linesMatching(lines, g.hs) }));
}

export interface RateQuery {
  from: string;
  to: string;
  step: Step;
  by?: Breakdown | null;
  mfn?: boolean;
}

export function scenarioRateSeries(
  scn: Scenario,
  base: BaseWeights,
  data: ShippedTrade,
  q: RateQuery,
): EffectiveRateSeries {
  const sched = compileTariffSchedule(scn, {
    importer: base.importer,
    exporter: base.exporter,
    lines: base.lines,
  });
  return effectiveRateSeries(sched, base, q, rateOptions(scn, base, data, q.mfn ?? false));
}

function rateOptions(scn: Scenario, base: BaseWeights, data: ShippedTrade, mfn: boolean): RateOptions {
  const opts: RateOptions = { groups: groupsFor(scn, base.lines) };
  if (mfn) Object.assign(opts, mfnFor(base, data));
  return opts;
}

export interface KeyDateRow {
  date: string;
  average_pct: number;
  coverage_share: number;
  revenue_usd: number;
  realized_base_year_pct: number | null;
  by_authority: { authority: string; average_pct: number; coverage_share: number }[];
}

/** Effective rates on given dates for one direction, with the basis stated. */
export function keyDateRates(
  scn: Scenario,
  base: BaseWeights,
  data: ShippedTrade,
  dates: readonly string[],
  mfn = false,
): { basis: RateBasis; rows: KeyDateRow[]; detail: EffectiveRate[] } {
  const sched = compileTariffSchedule(scn, {
    importer: base.importer,
    exporter: base.exporter,
    lines: base.lines,
  });
  const opts = rateOptions(scn, base, data, mfn);
  const detail = dates.map((d) => effectiveRateAt(sched, base, d, opts));
  return {
    basis: rateBasis(base, sched, opts),
    rows: detail.map((e, i) => ({
      date: dates[i],
      average_pct: e.average_pct,
      coverage_share: e.coverage_share,
      revenue_usd: e.revenue_usd,
      realized_base_year_pct: e.realized_pct,
      by_authority: e.by_authority.map((a) => ({
        authority: a.authority,
        average_pct: a.average_pct,
        coverage_share: a.coverage_share,
      })),
    })),
    detail,
  };
}

/** Check every claim of the scenario against the ledger and the base-year flows on its date. */
export function scenarioClaims(scn: Scenario, data: ShippedTrade): ClaimCheck[] {
  const cache = new Map<
    string,
    { base: BaseWeights; sched: TariffSchedule; basis: RateBasis; mfnAvg?: number | null } | null
  >();
  const dir = (importer: string, exporter: string) => {
    const k = `${importer}|${exporter}`;
    if (!cache.has(k)) {
      let v: { base: BaseWeights; sched: TariffSchedule; basis: RateBasis; mfnAvg?: number | null } | null =
        null;
      try {
        const base = baseWeightsFor(importer, exporter, data);
        const sched = compileTariffSchedule(scn, { importer, exporter, lines: base.lines });
        v = { base, sched, basis: rateBasis(base, sched, {}) };
      } catch (err) {
        if (!isInputError(err)) throw err;
      }
      cache.set(k, v);
    }
    return cache.get(k)!;
  };
  const ctx: ClaimContext = {
    effective(importer, exporter, date) {
      const d = dir(importer, exporter);
      if (!d) return null;
      const rate = effectiveRateAt(d.sched, d.base, date);
      d.mfnAvg ??= (() => {
        try {
          const m = mfnFor(d.base, data).mfn_pct;
          let s = 0;
          let w = 0;
          for (let i = 0; i < m.length; i++) {
            s += m[i] * d.base.weights_usd[i];
            w += d.base.weights_usd[i];
          }
          return w > 0 ? s / w : null;
        } catch (err) {
          if (isInputError(err)) return null;
          throw err;
        }
      })();
      return {
        rate,
        weights: d.basis.weights,
        label: d.base.label,
        mfn: d.basis.mfn_note,
        with_mfn_pct: d.mfnAvg === null ? null : rate.average_pct + d.mfnAvg,
      };
    },
    distribution(importer, exporter, date) {
      const d = dir(importer, exporter);
      if (!d) return null;
      const r = d.sched.ratesAt(date);
      return stackDistribution(d.base.lines, d.base.weights_usd, d.sched.authorities, r.byAuthority, r.total);
    },
    stack(importer, exporter, product, date) {
      const s = tariffStack(scn, { importer, exporter, product, date });
      return {
        total_pct: s.total_pct,
        layers: s.layers.map((l) => ({ authority: l.authority, rate_pct: l.rate_pct })),
      };
    },
    agreement(id, date) {
      const s = agreementState(scn, id, date);
      return { status: s.status, approved: s.approved, approvals: s.approvals };
    },
    agreementPath(id) {
      const a = scn.agreements.find((x) => x.id === id);
      return a ? a.status.map((s) => ({ date: s.date, status: s.status })) : [];
    },
  };
  return scn.claims.map((c) => checkClaim(c as ClaimLike, ctx));
}

// ---------------------------------------------------------------------------------------------
// Trade response

/**
 * Elasticities from scenario.parameters.elasticities (shape checked by the scenario schema); the
 * defaults when absent. Group overrides must name a product group of the scenario.
 */
export function elasticitySpec(scn: Scenario): ElasticitySpec {
  const p = scn.parameters?.elasticities;
  if (!p) return DEFAULT_ELASTICITIES;
  const bad = (p.overrides ?? [])
    .map((o, i) =>
      o.group !== undefined && !scn.products.groups[o.group]
        ? `parameters.elasticities.overrides[${i}].group: unknown product group "${o.group}" (groups: ${Object.keys(scn.products.groups).join(', ')})`
        : null,
    )
    .filter((x): x is string => x !== null);
  if (bad.length) throw inputError(bad.join('\n'));
  return { default: p.default ?? DEFAULT_ELASTICITIES.default, overrides: p.overrides ?? [] };
}

export interface ResponseQuery {
  /** Regime of the base flows (default 2025-01-01: the 2024 flows were traded under the 2024 regime). */
  base_date: string;
  at: string;
  model: ResponseModel;
  mfn?: boolean;
}

export interface ScenarioResponse {
  basis: {
    market: string;
    flows: string;
    tariffs: string;
    base_date: string;
    at: string;
    model: ResponseModel;
    elasticities: string;
    mfn: string;
    notes: string[];
  };
  china: {
    m0_usd: number;
    m1_usd: number;
    change_usd: number;
    creation_usd: number;
    diversion_usd: number;
    rate_pre_substitution_pct: number;
    rate_post_substitution_pct: number;
    revenue_fixed_flows_usd: number;
    revenue_new_flows_usd: number;
  };
  totals: MarketResponse['totals'];
  suppliers: MarketResponse['suppliers'];
  by_section: { section: string; china_m0_usd: number; china_change_usd: number }[];
  top_products: {
    product: string;
    china_m0_usd: number;
    china_change_usd: number;
    t0_pct: number;
    t1_pct: number;
  }[];
  /** Product x partner table (rows with base trade) as CSV, for export; not part of the JSON summary. */
  detail: () => string;
}

/**
 * US import market, HS6 x 50 partners (2024 Census): China's tariff per HS6 is the 2024-weighted
 * mean of the ledger's HTS10 rates; other suppliers face the scenario's measures aimed at all
 * partners (target ALL), if any. Runs SMART or exact CES product by product.
 */
export function scenarioResponse(scn: Scenario, data: ShippedTrade, q: ResponseQuery): ScenarioResponse {
  if (!data.byPartner) throw inputError('trade response needs the 2024 HS6-by-partner table');
  const spec = elasticitySpec(scn);
  const us = usImportsFromChinaWeights(data.usImportsFromChina);
  const sched = compileTariffSchedule(scn, { importer: 'US', exporter: 'CN', lines: us.lines });
  const r0 = sched.ratesAt(q.base_date).total;
  const r1 = sched.ratesAt(q.at).total;
  const mfn = q.mfn ? mfnFor(us, data) : null;
  // China's rate per HS6: 2024-weighted mean over its HTS10 lines (simple mean where value is 0)
  const hs6Of = new Map<string, { w: number; t0: number; t1: number; n: number; s0: number; s1: number }>();
  for (let i = 0; i < us.lines.length; i++) {
    const k = us.lines[i].slice(0, 6);
    const e = hs6Of.get(k) ?? { w: 0, t0: 0, t1: 0, n: 0, s0: 0, s1: 0 };
    const w = us.weights_usd[i];
    const m = mfn ? mfn.mfn_pct[i] : 0;
    e.w += w;
    e.t0 += w * (r0[i] + m);
    e.t1 += w * (r1[i] + m);
    e.n++;
    e.s0 += r0[i] + m;
    e.s1 += r1[i] + m;
    hs6Of.set(k, e);
  }
  const rows = data.byPartner.rows;
  const products = [...new Set(rows.map((r) => r.product))].sort();
  const suppliers = [...new Set(rows.map((r) => r.partner))].sort((a, b) =>
    a === 'CHN' ? -1 : b === 'CHN' ? 1 : a.localeCompare(b),
  );
  const pIdx = new Map(products.map((p, i) => [p, i]));
  const sIdx = new Map(suppliers.map((s, i) => [s, i]));
  const S = suppliers.length;
  const m0 = new Float64Array(products.length * S);
  for (const r of rows) m0[pIdx.get(r.product)! * S + sIdx.get(r.partner)!] += r.value_usd;
  // measures aimed at all partners (if the scenario has any) for the other suppliers
  const row = compileTariffSchedule(scn, { importer: 'US', exporter: 'ROW', lines: products });
  const o0 = row.ratesAt(q.base_date).total;
  const o1 = row.ratesAt(q.at).total;
  const t0 = new Float64Array(m0.length);
  const t1 = new Float64Array(m0.length);
  let unmatchedChina = 0;
  for (let p = 0; p < products.length; p++) {
    const e = hs6Of.get(products[p]);
    for (let c = 0; c < S; c++) {
      if (suppliers[c] === 'CHN') {
        if (e) {
          t0[p * S + c] = (e.w > 0 ? e.t0 / e.w : e.s0 / e.n) / 100;
          t1[p * S + c] = (e.w > 0 ? e.t1 / e.w : e.s1 / e.n) / 100;
        } else {
          unmatchedChina += m0[p * S + c];
          const r = compileTariffSchedule(scn, { importer: 'US', exporter: 'CN', lines: [products[p]] });
          t0[p * S + c] = r.ratesAt(q.base_date).total[0] / 100;
          t1[p * S + c] = r.ratesAt(q.at).total[0] / 100;
        }
      } else {
        t0[p * S + c] = o0[p] / 100;
        t1[p * S + c] = o1[p] / 100;
      }
    }
  }
  const groupsOfCode = (code: string) =>
    Object.entries(scn.products.groups)
      .filter(([, g]) => g.hs.some((h) => code.startsWith(h.replace(/[.\s]/g, ''))))
      .map(([k]) => k);
  const res = marketResponse(
    { products, suppliers, m0, t0, t1 },
    q.model,
    (code) => elasticitiesFor(spec, code, groupsOfCode(code)),
    'CHN',
  );
  const cIdx = sIdx.get('CHN')!;
  const chn = res.suppliers[cIdx];
  // pre-substitution rate at `at` on base flows; post-substitution on the new flows
  let pre = 0;
  let base = 0;
  for (let p = 0; p < products.length; p++) {
    pre += t1[p * S + cIdx] * m0[p * S + cIdx];
    base += m0[p * S + cIdx];
  }
  const sec = new Map<string, { m0: number; d: number }>();
  const top: ScenarioResponse['top_products'] = [];
  res.products.forEach((pr, p) => {
    const s = hsSection(pr.product);
    const e = sec.get(s) ?? { m0: 0, d: 0 };
    e.m0 += m0[p * S + cIdx];
    e.d += pr.focus_dm_usd;
    sec.set(s, e);
    top.push({
      product: pr.product,
      china_m0_usd: m0[p * S + cIdx],
      china_change_usd: pr.focus_dm_usd,
      t0_pct: 100 * t0[p * S + cIdx],
      t1_pct: 100 * t1[p * S + cIdx],
    });
  });
  top.sort((a, b) => a.china_change_usd - b.china_change_usd || a.product.localeCompare(b.product));
  const el = spec.default;
  const nOver = spec.overrides?.length ?? 0;
  return {
    basis: {
      market: 'US imports, HS6 x 50 partners (EU-27 as one), 2024',
      flows: `2024 US imports for consumption by HS6 and partner (Census; USD ${(res.totals.m0_usd / 1e9).toFixed(0)} bn, about 95% of US goods imports)`,
      tariffs: `China: ledger rates at ${q.base_date} (base) and ${q.at}, HTS10 rates averaged to HS6 with 2024 China weights; other partners: scenario measures aimed at all partners (${row.authorities.length ? row.authorities.join(', ') : 'none in this scenario'})`,
      base_date: q.base_date,
      at: q.at,
      model: q.model,
      elasticities: `default sigma ${el.sigma}, epsilon_m ${el.epsilon_m}, epsilon_x ${el.epsilon_x} (${el.source}); ${nOver} override(s)`,
      mfn: mfn ? mfn.mfn_note : 'additional duties only (MFN not included)',
      notes: [
        'partial equilibrium, product by product: no income, cross-product or exchange-rate effects; US domestic producers are not a supplier in the Armington nest',
        ...(unmatchedChina > 0
          ? [
              `USD ${(unmatchedChina / 1e9).toFixed(2)} bn of China HS6 trade has no HTS10 line in the 2024 China table; rated from the HS6 code directly`,
            ]
          : []),
        ...(q.model === 'smart'
          ? [
              'SMART linear formulas overshoot for large shocks; capped at existing trade (see capped_products); use --model ces',
            ]
          : []),
      ],
    },
    china: {
      m0_usd: chn.m0_usd,
      m1_usd: chn.m1_usd,
      change_usd: chn.m1_usd - chn.m0_usd,
      creation_usd: chn.creation_usd,
      diversion_usd: chn.diversion_usd,
      rate_pre_substitution_pct: base > 0 ? (100 * pre) / base : 0,
      rate_post_substitution_pct: chn.rate_post_pct,
      revenue_fixed_flows_usd: pre,
      revenue_new_flows_usd: chn.revenue1_usd,
    },
    totals: res.totals,
    suppliers: res.suppliers,
    by_section: HS_SECTIONS.filter((s) => sec.has(s)).map((s) => ({
      section: s,
      china_m0_usd: sec.get(s)!.m0,
      china_change_usd: sec.get(s)!.d,
    })),
    top_products: top.slice(0, 15),
    detail: () => {
      const c = res.cells;
      const f = (x: number) => (Number.isFinite(x) ? String(Math.round(x * 100) / 100) : '');
      const out = [
        'hs6,partner,m0_usd,t0_pct,t1_pct,creation_usd,diversion_usd,dm_usd,price_effect,m1_usd,revenue0_usd,revenue1_usd,welfare_usd',
      ];
      for (let p = 0; p < products.length; p++)
        for (let k = 0; k < S; k++) {
          const i = p * S + k;
          if (!(m0[i] > 0)) continue;
          out.push(
            [
              products[p],
              suppliers[k],
              f(m0[i]),
              f(100 * t0[i]),
              f(100 * t1[i]),
              f(c.creation[i]),
              f(c.diversion[i]),
              f(c.dm[i]),
              String(c.price_effect[i]),
              f(c.m1[i]),
              f(c.revenue0[i]),
              f(c.revenue1[i]),
              f(c.welfare[i]),
            ].join(','),
          );
        }
      return out.join('\n') + '\n';
    },
  };
}
