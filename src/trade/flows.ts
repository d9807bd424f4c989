// Flow tables as plain data, plus pure checks and summaries. Reading files is in src/io/flows/.

import { inputError } from '../errors/index.ts';
import { codeIndex } from './code-index.ts';

export type FlowDirection = 'import' | 'export';

/** One bilateral product flow. Values in current US dollars. */
export interface FlowRow {
  reporter: string;
  partner: string;
  /** HS code at any depth (2-10 digits), leading zeros kept. */
  product: string;
  year: number;
  flow: FlowDirection;
  value_usd: number;
  quantity: number | null;
  duties_usd: number | null;
  /** 1-based line in the source file (header = line 1); 0 for generated rows. */
  line: number;
}

/** A problem that did not stop reading: always counted, never silent. */
export interface FlowWarning {
  code: string;
  message: string;
  count: number;
  value_usd: number;
  /** First few source lines concerned. */
  lines: number[];
}

export interface FlowTable {
  source: string;
  layout: string;
  /** HS vintage of all rows ("HS2017", "HS2022", ...) or null when the file does not say. */
  classification: string | null;
  rows: FlowRow[];
  warnings: FlowWarning[];
  /** Rows read but deliberately not used (e.g. Comtrade breakdown rows that would double count). */
  excluded: { reason: string; count: number; value_usd: number }[];
}

/** Comtrade classification codes to HS vintages. */
export const COMTRADE_CLASSIFICATIONS: Record<string, string> = {
  H0: 'HS1992',
  H1: 'HS1996',
  H2: 'HS2002',
  H3: 'HS2007',
  H4: 'HS2012',
  H5: 'HS2017',
  H6: 'HS2022',
};

/** Normalise a vintage label: "H5", "hs2017", "HS 2017", "2017" -> "HS2017"; null if unrecognised. */
export function normalizeVintage(raw: string): string | null {
  const s = raw.trim().toUpperCase().replace(/\s+/g, '');
  if (COMTRADE_CLASSIFICATIONS[s]) return COMTRADE_CLASSIFICATIONS[s];
  const m = /^(?:HS)?(1992|1996|2002|2007|2012|2017|2022|2027)$/.exec(s);
  return m ? `HS${m[1]}` : null;
}

export interface FlowSummary {
  rows: number;
  value_usd: number;
  duties_usd: number | null;
  realized_rate_pct: number | null;
  by_partner: { partner: string; value_usd: number; share: number }[];
  by_depth: { digits: number; rows: number; value_usd: number }[];
  years: number[];
}

/** Totals, partner shares and code depths of a flow table (deterministic order). */
export function summarizeFlows(t: FlowTable): FlowSummary {
  let value = 0;
  let duties = 0;
  let dutiesValue = 0;
  let anyDuties = false;
  const partners = new Map<string, number>();
  const depth = new Map<number, { rows: number; value_usd: number }>();
  const years = new Set<number>();
  for (const r of t.rows) {
    value += r.value_usd;
    if (r.duties_usd !== null) {
      anyDuties = true;
      duties += r.duties_usd;
      dutiesValue += r.value_usd;
    }
    partners.set(r.partner, (partners.get(r.partner) ?? 0) + r.value_usd);
    const d = depth.get(r.product.length) ?? { rows: 0, value_usd: 0 };
    d.rows++;
    d.value_usd += r.value_usd;
    depth.set(r.product.length, d);
    years.add(r.year);
  }
  const rate = anyDuties && dutiesValue > 0 ? (100 * duties) / dutiesValue : null;
  // each sum is finite (the reader checks); their ratio overflows when values are tiny (5e-324)
  if (rate !== null && !Number.isFinite(rate))
    throw inputError(
      `${t.source}: column duties_usd: duties of USD ${duties} on values of USD ${dutiesValue} give no finite duty rate; check the units of both columns`,
      { code: 'bad_flow_file', location: { file: t.source, path: 'duties_usd' } },
    );
  return {
    rows: t.rows.length,
    value_usd: value,
    duties_usd: anyDuties ? duties : null,
    realized_rate_pct: rate,
    by_partner: [...partners]
      .map(([partner, v]) => ({ partner, value_usd: v, share: value > 0 ? v / value : 0 }))
      .sort((a, b) => b.value_usd - a.value_usd || a.partner.localeCompare(b.partner)),
    by_depth: [...depth].map(([digits, d]) => ({ digits, ...d })).sort((a, b) => a.digits - b.digits),
    years: [...years].sort((a, b) => a - b),
  };
}

/**
 * Rows whose product code is a strict prefix of another row's code for the same reporter, partner,
 * year and flow (e.g. "85" and "8505" both present): summing them double counts.
 */
export function nestedCodeRows(rows: readonly FlowRow[]): FlowRow[] {
  const { nested } = codeIndex(rows);
  return rows.filter((_, i) => nested[i] === 1);
}

/** Report of how much of a flow table's value could be attached to tariff lines. */
export interface MatchReport {
  value_usd: number;
  matched_usd: number;
  matched_share: number;
  unmatched: { product: string; value_usd: number }[];
  method: string;
}
