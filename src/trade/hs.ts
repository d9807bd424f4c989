// Harmonized System helpers: code normalisation, chapter -> section, and HS-vintage matching.

/** HS sections I-XXI by chapter (WCO HS nomenclature; same in HS2017 and HS2022). */
const SECTION_RANGES: [string, number, number][] = [
  ['I', 1, 5],
  ['II', 6, 14],
  ['III', 15, 15],
  ['IV', 16, 24],
  ['V', 25, 27],
  ['VI', 28, 38],
  ['VII', 39, 40],
  ['VIII', 41, 43],
  ['IX', 44, 46],
  ['X', 47, 49],
  ['XI', 50, 63],
  ['XII', 64, 67],
  ['XIII', 68, 70],
  ['XIV', 71, 71],
  ['XV', 72, 83],
  ['XVI', 84, 85],
  ['XVII', 86, 89],
  ['XVIII', 90, 92],
  ['XIX', 93, 93],
  ['XX', 94, 96],
  ['XXI', 97, 97],
];

/** Label used for US national chapters 98-99 (special provisions), which have no HS section. */
export const NATIONAL_CHAPTERS_SECTION = 'national (ch. 98-99)';

export const HS_SECTIONS: readonly string[] = [...SECTION_RANGES.map((r) => r[0]), NATIONAL_CHAPTERS_SECTION];

/** HS section (Roman numeral) of a code at any depth >= 2, or the national-chapters label for 98/99. */
export function hsSection(code: string): string {
  const ch = Number(code.slice(0, 2));
  for (const [sec, lo, hi] of SECTION_RANGES) if (ch >= lo && ch <= hi) return sec;
  return NATIONAL_CHAPTERS_SECTION;
}

/**
 * Normalise a product code: drop dots and spaces ("8505.11" -> "850511"); keep leading zeros.
 * Returns null when the result is not 2-10 digits of even length (HS2/4/6, HTS8/10).
 */
export function normalizeHs(raw: string): string | null {
  const s = raw.replace(/[.\s]/g, '');
  if (!/^\d{2,10}$/.test(s) || s.length % 2 !== 0) return null;
  return s;
}

/** True when `code` falls under `prefix` (prefix at any depth, e.g. "8505" covers "85051100"). */
export function hsMatches(code: string, prefix: string): boolean {
  return code.startsWith(prefix);
}

export type MatchLevel = 'hs6' | 'hs4' | 'hs2' | 'none';

export interface VintageMatch {
  /** Per target line: the value found (NaN when none). */
  value: Float64Array;
  /** Per target line: how it was found. */
  level: MatchLevel[];
  /** Target weight (e.g. trade value) matched at each level, and its total. */
  weight_by_level: Record<MatchLevel, number>;
  weight_total: number;
  /** Share of target weight matched at exactly HS6 (a "plain HS6 join"). */
  matched_hs6_share: number;
  /** Share of target weight matched at any level. */
  matched_share: number;
  method: string;
}

/**
 * Map values keyed by HS6 codes of one vintage (e.g. HS2017 tariffs) onto lines of another vintage
 * (e.g. 2024 HS2022 trade lines). Exact HS6 join first; where the HS6 code does not exist in the
 * source vintage (split, merged or renumbered subheadings), fall back to the simple mean of the
 * source values in the same HS4 heading, then the same HS2 chapter (when `allowHs2`). The fallback
 * is an approximation, stated in `method` and quantified in `weight_by_level`.
 */
export function matchHsVintage(
  source: ReadonlyMap<string, number>,
  targetHs6: readonly string[],
  targetWeight: Float64Array,
  opts: { allowHs4?: boolean; allowHs2?: boolean } = {},
): VintageMatch {
  const allowHs4 = opts.allowHs4 ?? true;
  const allowHs2 = opts.allowHs2 ?? false;
  const sum4 = new Map<string, number>();
  const n4 = new Map<string, number>();
  const sum2 = new Map<string, number>();
  const n2 = new Map<string, number>();
  for (const [code, v] of source) {
    if (!Number.isFinite(v)) continue;
    const h4 = code.slice(0, 4);
    const h2 = code.slice(0, 2);
    sum4.set(h4, (sum4.get(h4) ?? 0) + v);
    n4.set(h4, (n4.get(h4) ?? 0) + 1);
    sum2.set(h2, (sum2.get(h2) ?? 0) + v);
    n2.set(h2, (n2.get(h2) ?? 0) + 1);
  }
  const n = targetHs6.length;
  const value = new Float64Array(n).fill(NaN);
  const level: MatchLevel[] = new Array(n);
  const byLevel: Record<MatchLevel, number> = { hs6: 0, hs4: 0, hs2: 0, none: 0 };
  let total = 0;
  for (let i = 0; i < n; i++) {
    const code = targetHs6[i].slice(0, 6);
    const w = targetWeight[i];
    total += w;
    const exact = source.get(code);
    let lv: MatchLevel = 'none';
    if (exact !== undefined && Number.isFinite(exact)) {
      value[i] = exact;
      lv = 'hs6';
    } else if (allowHs4 && n4.has(code.slice(0, 4))) {
      value[i] = sum4.get(code.slice(0, 4))! / n4.get(code.slice(0, 4))!;
      lv = 'hs4';
    } else if (allowHs2 && n2.has(code.slice(0, 2))) {
      value[i] = sum2.get(code.slice(0, 2))! / n2.get(code.slice(0, 2))!;
      lv = 'hs2';
    }
    level[i] = lv;
    byLevel[lv] += w;
  }
  const parts = ['exact HS6 join'];
  if (allowHs4) parts.push('else simple mean of source HS6 values in the same HS4');
  if (allowHs2) parts.push('else in the same HS2');
  return {
    value,
    level,
    weight_by_level: byLevel,
    weight_total: total,
    matched_hs6_share: total > 0 ? byLevel.hs6 / total : 0,
    matched_share: total > 0 ? (total - byLevel.none) / total : 0,
    method: parts.join('; '),
  };
}
