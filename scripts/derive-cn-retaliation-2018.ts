// Derives China's 2018-2019 retaliation lists (HS6) from the 2018-2020 series of China's total
// tariff on US goods (data/trade/china_tariffs_on_us_hs6_2018_2020.csv, MFN + retaliation).
// Writes data/lists/china_retaliation_2018_2019_hs6.csv. Run:
//   node --import tsx scripts/derive-cn-retaliation-2018.ts
//
// Method (one rule for every layer): the increment of the series at a retaliation date is the
// layer's rate on that HS6; an HS6 joins the tier whose rate (or rate path) is nearest to its
// increments, ties and anything nearer to zero staying off the list. The series is an HS6 mean of
// China's 8-digit lines, so an HS6 only partly on a list has a fractional increment: those rows
// are marked `nearest`, the rest `exact`. Increments at China's MFN dates (2018-05-01, 07-01,
// 11-01, 2019-01-01 outside chapter 87) are MFN changes, not layers, and are not used.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface RetaliationRow {
  hs6: string;
  group: string;
  rate_pct: number;
  /** The series increments the assignment read, e.g. "09-24:+10 06-01:+15". */
  series_change: string;
  assignment: 'exact' | 'nearest';
}

/** Tier paths per layer: increments at the layer's dates (percentage points). */
const TIERS: { layer: string; dates: string[]; groups: { group: string; path: number[] }[] }[] = [
  {
    layer: '2018-04-02',
    dates: ['2018-04-02'],
    groups: [
      { group: 's232-15', path: [15] },
      { group: 's232-25', path: [25] },
    ],
  },
  { layer: '2018-07-06', dates: ['2018-07-06'], groups: [{ group: '301-1', path: [25] }] },
  { layer: '2018-08-23', dates: ['2018-08-23'], groups: [{ group: '301-2', path: [25] }] },
  {
    layer: '2018-09-24',
    dates: ['2018-09-24', '2019-06-01'],
    groups: [
      { group: '301-3-1', path: [10, 15] },
      { group: '301-3-2', path: [10, 10] },
      { group: '301-3-3', path: [5, 5] },
      { group: '301-3-4', path: [5, 0] },
    ],
  },
  {
    layer: '2019-09-01',
    dates: ['2019-09-01'],
    groups: [
      { group: '301-4-10', path: [10] },
      { group: '301-4-5', path: [5] },
    ],
  },
];

export interface WideSeries {
  hs6: string[];
  dates: string[];
  /** rates_pct[d][row]; NaN where the cell is blank. */
  rates_pct: Float64Array[];
}

export function parseWideSeries(text: string): WideSeries {
  const lines = text.trim().split('\n');
  const header = lines[0].split(',');
  const dates = header.slice(1).map((h) => h.slice('tariff_pct_'.length));
  const rates = dates.map(() => new Float64Array(lines.length - 1));
  const hs6: string[] = [];
  for (let r = 1; r < lines.length; r++) {
    const cells = lines[r].split(',');
    hs6.push(cells[0]);
    for (let d = 0; d < dates.length; d++) rates[d][r - 1] = cells[d + 1] === '' ? NaN : Number(cells[d + 1]);
  }
  return { hs6, dates, rates_pct: rates };
}

/** Increment of the series at `date` over the last non-blank earlier value (NaN if none). */
function increment(s: WideSeries, row: number, date: string): number {
  const d = s.dates.indexOf(date);
  if (d <= 0) throw new RangeError(`series has no column ${date} after its first`);
  const v = s.rates_pct[d][row];
  for (let p = d - 1; p >= 0; p--) {
    const u = s.rates_pct[p][row];
    if (Number.isFinite(u)) return Number.isFinite(v) ? Math.round((v - u) * 1e4) / 1e4 : NaN;
  }
  return NaN;
}

const fmt = (x: number) => (x >= 0 ? `+${x}` : `${x}`);

/** Rows of the list file, and the HS6 lines whose small increment at a layer's dates was nearest to "not listed". */
export function deriveChinaRetaliation2018(s: WideSeries): {
  rows: RetaliationRow[];
  dropped: { hs6: string; layer: string; series_change: string }[];
} {
  const out: RetaliationRow[] = [];
  const dropped: { hs6: string; layer: string; series_change: string }[] = [];
  for (let row = 0; row < s.hs6.length; row++) {
    const hs6 = s.hs6[row];
    // The 1 Jan 2019 suspension: vehicles (25, July and August lists) and parts (5, September list), chapter 87 only.
    const autoCut = hs6.startsWith('87') ? increment(s, row, '2019-01-02') : NaN;
    for (const t of TIERS) {
      const inc = t.dates.map((d) => increment(s, row, d));
      if (inc.some((x) => !Number.isFinite(x))) continue;
      let best: { group: string; path: number[] } | null = null;
      let bestDist = inc.reduce((a, x) => a + Math.abs(x), 0); // distance to "not on the list"
      for (const g of t.groups) {
        const dist = g.path.reduce((a, p, i) => a + Math.abs(inc[i] - p), 0);
        if (dist < bestDist) {
          best = g;
          bestDist = dist;
        }
      }
      const change = t.dates.map((d, i) => `${d}:${fmt(inc[i])}`).join(' ');
      if (!best) {
        if (inc.some((x) => x !== 0)) dropped.push({ hs6, layer: t.layer, series_change: change });
        continue;
      }
      let group = best.group;
      if ((t.layer === '2018-07-06' || t.layer === '2018-08-23') && autoCut === -25) group = `${group}-autos`;
      if (t.layer === '2018-09-24' && autoCut === -5) group = '301-3-autos';
      out.push({
        hs6,
        group,
        rate_pct: best.path[0],
        series_change: change,
        assignment: bestDist === 0 ? 'exact' : 'nearest',
      });
    }
    // The second exclusion list (effective 2019-12-26): the series drops to its 2018-01-01 level.
    const ex = increment(s, row, '2019-12-26');
    if (ex < 0)
      out.push({
        hs6,
        group: 'excl-2019-12-26',
        rate_pct: -ex,
        series_change: `2019-12-26:${fmt(ex)}`,
        assignment: 'exact',
      });
  }
  out.sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : a.hs6 < b.hs6 ? -1 : 1));
  return { rows: out, dropped };
}

export function toCsv(rows: RetaliationRow[]): string {
  const head = 'hs6,group,rate_pct,series_change,assignment';
  return (
    [head, ...rows.map((r) => [r.hs6, r.group, r.rate_pct, r.series_change, r.assignment].join(','))].join(
      '\n',
    ) + '\n'
  );
}

export const SERIES_FILE = 'data/trade/china_tariffs_on_us_hs6_2018_2020.csv';
export const LIST_FILE = 'data/lists/china_retaliation_2018_2019_hs6.csv';

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const { rows, dropped } = deriveChinaRetaliation2018(
    parseWideSeries(readFileSync(join(root, SERIES_FILE), 'utf8')),
  );
  writeFileSync(join(root, LIST_FILE), toCsv(rows));
  const by = new Map<string, { n: number; nearest: number }>();
  for (const r of rows) {
    const e = by.get(r.group) ?? { n: 0, nearest: 0 };
    e.n++;
    if (r.assignment === 'nearest') e.nearest++;
    by.set(r.group, e);
  }
  for (const [g, e] of by) console.log(`${g}: ${e.n} HS6 (${e.nearest} nearest)`);
  console.log(`left off (increment nearest to zero): ${dropped.length} (HS6, layer) pairs`);
}
