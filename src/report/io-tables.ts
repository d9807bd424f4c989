// "What does the table say about itself?" `leverage io calc` (output, coefficients, inverses,
// multipliers, linkages, value added in trade) and `leverage io extract` (hypothetical extraction
// of every sector) as documents whose keys say their unit, computed by the supply engine and
// rounded once, here. Money follows `ioMoney`: USD millions a year (`_usd_m`) for a USD table,
// else the table's own unit (`_table_unit`). Coefficients and multipliers are money per money
// (`_usd_per_usd`, the same in any currency); indices (mean 1) end `_index`; fractions `_share`.
import {
  ghoshInverse,
  hypotheticalExtraction,
  leontiefInverse,
  linkages,
  multipliers,
  valueAddedInTrade,
  type IOModel,
  type SolveOptions,
  type SolveReport,
} from '../supply/index.ts';
import { ioMoney } from './io-shock.ts';
import { significant10 as round } from './query.ts';

export const IO_CALC_ITEMS = ['x', 'A', 'L', 'G', 'multipliers', 'linkages', 'va'] as const;
export type IoCalcItem = (typeof IO_CALC_ITEMS)[number];

const arr = (a: Float64Array | number[], k = 1) => Array.from(a, (v) => round(v * k));
const rows = (M: Float64Array, n: number) =>
  Array.from({ length: n }, (_, i) => arr(M.subarray(i * n, (i + 1) * n)));
/** `_usd_m` keys of a document made for a table in another unit read `_table_unit`. */
const moneyKey = (m: IOModel, stem: string) => `${stem}_${ioMoney(m.unit).suffix}`;

/** The items of `io calc` asked for, keyed with their units; `solves` reports each iterative solve. */
export function ioCalcReport(
  m: IOModel,
  what: IoCalcItem[],
  so: SolveOptions,
): { unit: string; results: Record<string, unknown>; solves: Record<string, SolveReport> } {
  const { toMoney, unit } = ioMoney(m.unit);
  const results: Record<string, unknown> = {};
  const solves: Record<string, SolveReport> = {};
  if (what.includes('x')) results[moneyKey(m, 'gross_output')] = arr(m.x, toMoney);
  if (what.includes('A'))
    results.input_coefficients_usd_per_usd = {
      format: 'csr',
      row_ptr: Array.from(m.A.rowPtr),
      col_idx: Array.from(m.A.colIdx),
      values: arr(m.A.values),
    };
  if (what.includes('L') || what.includes('G')) {
    const L = leontiefInverse(m);
    if (what.includes('L')) results.leontief_inverse_usd_per_usd = rows(L, m.n);
    if (what.includes('G')) results.ghosh_inverse_usd_per_usd = rows(ghoshInverse(m, L), m.n);
  }
  if (what.includes('multipliers')) {
    const mu = multipliers(m, so);
    solves.multipliers = mu.report;
    results.multipliers = {
      output_usd_per_usd: arr(mu.output),
      value_added_usd_per_usd: arr(mu.valueAdded),
      // s^T L with s = f / x: the factor's own unit per money unit of the table (x toMoney: per USD m)
      factors: mu.factors.map((f) => ({
        account: f.account,
        row: f.row,
        [`total_per_${ioMoney(m.unit).suffix}`]: arr(f.total, 1 / toMoney),
        type_i_ratio: arr(f.typeI),
      })),
    };
  }
  if (what.includes('linkages')) {
    const lk = linkages(m, so);
    solves.linkages = lk.report;
    results.linkages = {
      direct_backward_usd_per_usd: arr(lk.directBackward),
      direct_forward_usd_per_usd: arr(lk.directForward),
      total_backward_usd_per_usd: arr(lk.totalBackward),
      total_forward_usd_per_usd: arr(lk.totalForward),
      normalized_backward_index: arr(lk.normalizedBackward),
      normalized_forward_index: arr(lk.normalizedForward),
      key_sector: Array.from(lk.key),
    };
  }
  if (what.includes('va')) {
    const va = valueAddedInTrade(m, so);
    solves.va = va.report;
    results.value_added_in_trade = {
      regions: va.regions,
      [moneyKey(m, 'value_added')]: va.valueAdded.map((r) => arr(r, toMoney)),
      [moneyKey(m, 'gross_exports')]: arr(va.grossExports, toMoney),
      vax_share: arr(va.vaxRatio),
    };
  }
  return { unit, results, solves };
}

/** One sector's hypothetical extraction: output lost (T_j) in the money unit, and as a share of T. */
export interface IoExtraction {
  region: string;
  sector: string;
  name?: string;
  output_usd_m: number;
  complete_usd_m: number;
  backward_usd_m: number;
  forward_usd_m: number;
  complete_share: number;
}

export interface IoExtractReport {
  /** Extracted share for backward/forward (partial extraction). */
  share: number;
  unit: string;
  total_output_usd_m: number;
  /** Sorted by `sort`, largest first. */
  extractions: IoExtraction[];
  solve: SolveReport;
}

/** Every sector's extraction, largest `sort` loss first (ties by table order). */
export function ioExtractReport(
  m: IOModel,
  o: SolveOptions & { share: number; sort: 'complete' | 'backward' | 'forward' },
): IoExtractReport {
  const { toMoney, unit } = ioMoney(m.unit);
  const e = hypotheticalExtraction(m, { ...o, share: o.share });
  const money = (v: number) => round(v * toMoney);
  const all = [...Array(m.n).keys()].map((i): IoExtraction => ({
    region: m.labels[i].region,
    sector: m.labels[i].sector,
    ...(m.labels[i].name ? { name: m.labels[i].name } : {}),
    output_usd_m: money(m.x[i]),
    complete_usd_m: money(e.complete[i]),
    backward_usd_m: money(e.backward[i]),
    forward_usd_m: money(e.forward[i]),
    complete_share: round(e.complete[i] / e.totalOutput),
  }));
  const key = `${o.sort}_usd_m` as const;
  const order = [...all.keys()].sort((a, b) => all[b][key] - all[a][key] || a - b);
  return {
    share: o.share,
    unit,
    total_output_usd_m: money(e.totalOutput),
    extractions: order.map((i) => all[i]),
    solve: e.report,
  };
}
