// Base-year weights (fixed, pre-substitution) for effective-rate series, built from plain data.
import { inputError } from '../errors/index.ts';
import { matchHsVintage, hsSection, HS_SECTIONS } from './hs.ts';
import type { VintageMatch } from './hs.ts';
import type { FlowTable } from './flows.ts';

/** Lines and their fixed weights, with everything an output must state about them. */
export interface BaseWeights {
  importer: string;
  exporter: string;
  /** Codes handed to the tariff schedule (any HS depth). */
  lines: string[];
  weights_usd: Float64Array;
  /** Duties collected in the base year, per line, when known (realized rate). */
  duties_usd: Float64Array | null;
  base_year: number;
  /** One sentence: what the weights are, where they come from, what they cover. */
  description: string;
  /** A few words for running text, e.g. "2024 US imports from China". */
  label: string;
  /** Extra statements on construction (shares, fallbacks). */
  notes: string[];
}

/** US imports from China by HTS10 (Census 2024), as given. */
export function usImportsFromChinaWeights(d: {
  hs10: string[];
  imports_usd: Float64Array;
  duties_usd: Float64Array;
  year: number;
  source: string;
}): BaseWeights {
  let tot = 0;
  let dut = 0;
  for (let i = 0; i < d.hs10.length; i++) {
    tot += d.imports_usd[i];
    dut += d.duties_usd[i];
  }
  return {
    importer: 'US',
    exporter: 'CN',
    lines: d.hs10,
    weights_usd: d.imports_usd,
    duties_usd: d.duties_usd,
    base_year: d.year,
    label: `${d.year} US imports from China`,
    description: `${d.year} US imports for consumption from China by HTS10 (Census, ${d.hs10.length} lines, USD ${(tot / 1e9).toFixed(1)} bn; file ${d.source})`,
    notes: [
      `realized duty rate ${d.year}: USD ${(dut / 1e9).toFixed(2)} bn calculated duties / imports = ${((100 * dut) / tot).toFixed(2)}% (collected, after exclusions, FTZ, de minimis)`,
    ],
  };
}

/**
 * China-side weights (US exports to China). No full 2024 product table exists in the shipped data, so:
 *  - the HS6 lines on China's March-2025 lists enter at their 2024 values;
 *  - the rest of the 2024 total is spread over HS4 headings (and an HS2 remainder where the HS4 series
 *    is incomplete) in proportion to US exports to China in `shapeYear` (pre-war composition),
 *    after subtracting the listed lines' 2024 values from their heading or chapter.
 * Everything is stated in `description` and `notes`.
 */
export function chinaSideWeights(inp: {
  total_usd: number;
  total_source: string;
  listed: { hs6: string[]; exports_usd: Float64Array };
  hs4: { hs4: string[]; year: Int32Array; exports_usd: Float64Array };
  hs2: { month: string[]; hs2: string[]; exports_usd: Float64Array };
  shapeYear?: number;
  /** China's HS8 tariff lines on the lists: each listed HS6 value is split equally over its listed HS8 lines. */
  listHs8?: readonly string[];
}): BaseWeights {
  const year = inp.shapeYear ?? 2017;
  const v2 = new Map<string, number>();
  for (let i = 0; i < inp.hs2.month.length; i++)
    if (inp.hs2.month[i].startsWith(`${year}-`))
      v2.set(inp.hs2.hs2[i], (v2.get(inp.hs2.hs2[i]) ?? 0) + inp.hs2.exports_usd[i]);
  const v4 = new Map<string, number>();
  for (let i = 0; i < inp.hs4.hs4.length; i++)
    if (inp.hs4.year[i] === year)
      v4.set(inp.hs4.hs4[i], (v4.get(inp.hs4.hs4[i]) ?? 0) + inp.hs4.exports_usd[i]);
  let v2tot = 0;
  for (const v of v2.values()) v2tot += v;
  if (!(v2tot > 0)) throw inputError(`no US exports to China in ${year} in the HS2 series`);
  let listedTot = 0;
  const listed4 = new Map<string, number>();
  for (let i = 0; i < inp.listed.hs6.length; i++) {
    listedTot += inp.listed.exports_usd[i];
    const h4 = inp.listed.hs6[i].slice(0, 4);
    listed4.set(h4, (listed4.get(h4) ?? 0) + inp.listed.exports_usd[i]);
  }
  const resid: { code: string; v: number }[] = [];
  for (const [h2, val2] of [...v2].sort((a, b) => a[0].localeCompare(b[0]))) {
    const target2 = (inp.total_usd * val2) / v2tot;
    let in4 = 0;
    let unplaced = 0;
    for (const [h4, val4] of [...v4]
      .filter(([k]) => k.startsWith(h2))
      .sort((a, b) => a[0].localeCompare(b[0]))) {
      const t4 = (target2 * val4) / val2;
      in4 += t4;
      const r = t4 - (listed4.get(h4) ?? 0);
      resid.push({ code: h4, v: Math.max(0, r) });
    }
    for (const [h4, lv] of listed4) if (h4.startsWith(h2) && !v4.has(h4)) unplaced += lv;
    resid.push({ code: h2, v: Math.max(0, target2 - in4 - unplaced) });
  }
  let residTot = 0;
  for (const r of resid) residTot += r.v;
  const scale = residTot > 0 ? (inp.total_usd - listedTot) / residTot : 0;
  const lines: string[] = [];
  const w: number[] = [];
  const hs8by6 = new Map<string, string[]>();
  for (const c of inp.listHs8 ?? []) {
    const k = c.slice(0, 6);
    const a = hs8by6.get(k) ?? [];
    if (!a.includes(c)) a.push(c);
    hs8by6.set(k, a);
  }
  let split = 0;
  for (let i = 0; i < inp.listed.hs6.length; i++) {
    const sub = hs8by6.get(inp.listed.hs6[i]);
    if (sub && sub.length > 0) {
      split++;
      for (const c of [...sub].sort()) {
        lines.push(c);
        w.push(inp.listed.exports_usd[i] / sub.length);
      }
    } else {
      lines.push(inp.listed.hs6[i]);
      w.push(inp.listed.exports_usd[i]);
    }
  }
  for (const r of resid) {
    if (r.v <= 0) continue;
    lines.push(r.code);
    w.push(r.v * scale);
  }
  return {
    importer: 'CN',
    exporter: 'US',
    lines,
    weights_usd: Float64Array.from(w),
    duties_usd: null,
    base_year: 2024,
    label: '2024 US exports to China',
    description:
      `2024 US exports to China, USD ${(inp.total_usd / 1e9).toFixed(1)} bn (${inp.total_source}): the ${inp.listed.hs6.length} HS6 lines on China's ` +
      `March-2025 lists at their 2024 values (USD ${(listedTot / 1e9).toFixed(1)} bn); the remaining USD ${((inp.total_usd - listedTot) / 1e9).toFixed(1)} bn ` +
      `spread over HS4 headings / HS2 chapters in proportion to ${year} US exports to China (Census)`,
    notes: [
      ...(inp.listHs8
        ? [
            `${split} listed HS6 values split equally over their ${inp.listHs8.length} listed China HS8 tariff lines (no 2024 HS8 values are shipped)`,
          ]
        : []),
      `${year} is used for the composition of the unlisted remainder (pre-war); no 2024 product table of US exports to China is shipped`,
      'HS4/HS2 residual lines take the rate the ledger gives that code as a whole; measures defined on finer codes inside them count only where the whole heading is covered',
    ],
  };
}

/**
 * Spread the HS4/HS2 residual lines of the China-side weights over China's HS6 tariff lines under
 * them (the HS6 codes of the 2018-2020 series, HS2017), equally: no product values below HS4
 * ship, so each residual's HS6 lines get the same share (the residual then bears the simple mean of
 * their rates, as the HS4-mean MFN fallback does). HS6 lines already carrying listed values, and
 * for an HS2 residual the headings that have their own residual line, are left out; a residual
 * with no HS6 line left stays as it is. Needed because China's 2018-2019 lists are HS6 lists that
 * cover parts of headings.
 */
export function spreadResidualsOverHs6(base: BaseWeights, universeHs6: readonly string[]): BaseWeights {
  const listed6 = new Set(base.lines.filter((l) => l.length >= 6).map((l) => l.slice(0, 6)));
  const own4 = new Set(base.lines.filter((l) => l.length === 4));
  const hs6 = [...new Set(universeHs6)].filter((c) => !listed6.has(c)).sort();
  const out = new Map<string, number>();
  let spread = 0;
  let spreadValue = 0;
  let total = 0;
  for (let i = 0; i < base.lines.length; i++) {
    const code = base.lines[i];
    const v = base.weights_usd[i];
    total += v;
    const under =
      code.length === 4 || code.length === 2
        ? hs6.filter((c) => c.startsWith(code) && (code.length === 4 || !own4.has(c.slice(0, 4))))
        : [];
    if (under.length === 0) {
      out.set(code, (out.get(code) ?? 0) + v);
      continue;
    }
    spread++;
    spreadValue += v;
    for (const c of under) out.set(c, (out.get(c) ?? 0) + v / under.length);
  }
  const lines = [...out.keys()].sort();
  return {
    ...base,
    lines,
    weights_usd: Float64Array.from(lines.map((l) => out.get(l)!)),
    duties_usd: null,
    notes: [
      ...base.notes.filter((n) => !n.startsWith('HS4/HS2 residual lines take')),
      `${spread} HS4/HS2 residual codes (${total > 0 ? ((100 * spreadValue) / total).toFixed(1) : '0'}% of value) spread equally over China's HS6 tariff lines under them (HS6 codes of the 2018-2020 tariff series, HS2017; ${lines.length} lines in all): an assumption, no product values below HS4 ship`,
    ],
  };
}

/** Weights from a generic flow table: rows of `importer` (reporter) from `exporter` (partner), summed by product. */
export function flowTableWeights(
  t: FlowTable,
  importerIso3: string,
  exporterIso3: string,
  year?: number,
): BaseWeights & { rows_used: number } {
  const years = [
    ...new Set(
      t.rows
        .filter((r) => r.reporter === importerIso3 && r.partner === exporterIso3 && r.flow === 'import')
        .map((r) => r.year),
    ),
  ].sort();
  const y = year ?? years[years.length - 1];
  if (y === undefined)
    throw inputError(`${t.source}: no import rows with reporter ${importerIso3} and partner ${exporterIso3}`);
  const by = new Map<string, { v: number; d: number | null }>();
  let used = 0;
  for (const r of t.rows) {
    if (r.reporter !== importerIso3 || r.partner !== exporterIso3 || r.flow !== 'import' || r.year !== y)
      continue;
    used++;
    const e = by.get(r.product) ?? { v: 0, d: 0 };
    e.v += r.value_usd;
    e.d = e.d === null || r.duties_usd === null ? null : e.d + r.duties_usd;
    by.set(r.product, e);
  }
  if (used === 0)
    throw inputError(
      `${t.source}: no import rows with reporter ${importerIso3}, partner ${exporterIso3}, year ${y} (years present: ${years.join(', ') || 'none'})`,
    );
  const lines = [...by.keys()].sort();
  const hasDuties = lines.every((l) => by.get(l)!.d !== null);
  const w = Float64Array.from(lines.map((l) => by.get(l)!.v));
  let tot = 0;
  for (const v of w) tot += v;
  return {
    importer: importerIso3,
    exporter: exporterIso3,
    lines,
    weights_usd: w,
    duties_usd: hasDuties ? Float64Array.from(lines.map((l) => by.get(l)!.d!)) : null,
    base_year: y,
    label: `${y} imports of ${importerIso3} from ${exporterIso3}`,
    description: `${y} imports of ${importerIso3} from ${exporterIso3} in ${t.source} (${lines.length} product codes, USD ${(tot / 1e9).toFixed(2)} bn)`,
    notes: t.classification
      ? [`classification ${t.classification}`]
      : ['classification not stated in the file'],
    rows_used: used,
  };
}

/** Section index per line (into HS_SECTIONS). */
export function sectionIndex(lines: readonly string[]): Int32Array {
  const idx = new Map(HS_SECTIONS.map((s, i) => [s, i]));
  return Int32Array.from(lines, (l) => idx.get(hsSection(l))!);
}

/**
 * MFN rates per line from an HS6 series of another vintage (e.g. the 2018-01-01 column of the
 * 2018-2020 US-on-China series, HS2017): exact HS6 join with HS4-mean fallback.
 */
export function mfnForLines(
  series: { hs6: string[]; rate_pct: Float64Array },
  lines: readonly string[],
  weights: Float64Array,
): { mfn_pct: Float64Array; match: VintageMatch } {
  const src = new Map<string, number>();
  for (let i = 0; i < series.hs6.length; i++)
    if (Number.isFinite(series.rate_pct[i])) src.set(series.hs6[i], series.rate_pct[i]);
  const m = matchHsVintage(src, lines, weights, { allowHs4: true, allowHs2: true });
  const out = Float64Array.from(m.value, (v) => (Number.isFinite(v) ? v : 0));
  return { mfn_pct: out, match: m };
}

/**
 * Rescale line weights so that each HS2 chapter sums to a target total (e.g. 2024 HS10 values
 * rescaled to 2017 Census HS2 totals, to approximate pre-war weights at product level). Chapters
 * with no target keep weight 0; returned `unmatched_target_usd` is the target in chapters with no lines.
 */
export function reweightToHs2Totals(
  lines: readonly string[],
  weights: Float64Array,
  target: ReadonlyMap<string, number>,
): { weights_usd: Float64Array; unmatched_target_usd: number } {
  const cur = new Map<string, number>();
  for (let i = 0; i < lines.length; i++)
    cur.set(lines[i].slice(0, 2), (cur.get(lines[i].slice(0, 2)) ?? 0) + weights[i]);
  const out = new Float64Array(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const h2 = lines[i].slice(0, 2);
    const c = cur.get(h2)!;
    out[i] = c > 0 ? (weights[i] * (target.get(h2) ?? 0)) / c : 0;
  }
  let un = 0;
  for (const [h2, v] of target) if (!(cur.get(h2)! > 0)) un += v;
  return { weights_usd: out, unmatched_target_usd: un };
}

/** Trade-weighted average of an HS6 rate table of another vintage over lines (vintage-matched lines only). */
export function weightedAverageHs6(
  rates: ReadonlyMap<string, number>,
  lines: readonly string[],
  weights: Float64Array,
  opts: { allowHs4?: boolean; allowHs2?: boolean } = {},
): { average_pct: number; match: VintageMatch } {
  const m = matchHsVintage(rates, lines, weights, opts);
  let s = 0;
  let w = 0;
  for (let i = 0; i < lines.length; i++)
    if (Number.isFinite(m.value[i])) {
      s += m.value[i] * weights[i];
      w += weights[i];
    }
  return { average_pct: w > 0 ? s / w : NaN, match: m };
}

/**
 * Expand coarse product codes (e.g. HS6 flows) into the importer's tariff lines under them (e.g.
 * HTS10), so that measures scoped at finer levels (Section 301 HTS8 lists) are counted. Each code's
 * value is split over its lines in proportion to `lineWeights` (e.g. 2024 US imports from China),
 * or equally where those are zero or absent. Codes with no line under them stay as they are.
 */
export function expandToLines(
  base: BaseWeights,
  lines: readonly string[],
  lineWeights: Float64Array | null,
  how: string,
): BaseWeights {
  const sorted = lines
    .map((l, i) => [l, i] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const codes = sorted.map((x) => x[0]);
  const lowerBound = (p: string) => {
    let lo = 0;
    let hi = codes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (codes[mid] < p) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const outW = new Map<string, number>();
  const outD = new Map<string, number>();
  let expanded = 0;
  let expandedValue = 0;
  for (let k = 0; k < base.lines.length; k++) {
    const p = base.lines[k];
    const v = base.weights_usd[k];
    const dv = base.duties_usd ? base.duties_usd[k] : 0;
    const under: number[] = [];
    for (let j = lowerBound(p); j < codes.length && codes[j].startsWith(p); j++)
      if (codes[j] !== p) under.push(sorted[j][1]);
    if (under.length === 0) {
      outW.set(p, (outW.get(p) ?? 0) + v);
      outD.set(p, (outD.get(p) ?? 0) + dv);
      continue;
    }
    expanded++;
    expandedValue += v;
    let tot = 0;
    if (lineWeights) for (const i of under) tot += lineWeights[i];
    for (const i of under) {
      const share = tot > 0 ? lineWeights![i] / tot : 1 / under.length;
      outW.set(lines[i], (outW.get(lines[i]) ?? 0) + v * share);
      outD.set(lines[i], (outD.get(lines[i]) ?? 0) + dv * share);
    }
  }
  const keys = [...outW.keys()].sort();
  let total = 0;
  for (const v of base.weights_usd) total += v;
  return {
    ...base,
    lines: keys,
    weights_usd: Float64Array.from(keys.map((k) => outW.get(k)!)),
    duties_usd: base.duties_usd ? Float64Array.from(keys.map((k) => outD.get(k)!)) : null,
    notes: [
      ...base.notes,
      `${expanded} product codes (${total > 0 ? ((100 * expandedValue) / total).toFixed(1) : '0'}% of value) split over the ${keys.length} tariff lines under them ${how}`,
    ],
  };
}
