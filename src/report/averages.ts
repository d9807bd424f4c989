// "What did each side charge the other, day by day?" The daily trade-weighted average tariff in
// both directions from the ledger's first day to as_of, with and without MFN, and PIIE's published
// averages beside them where the shipped data cite them. One function for `leverage ledger
// averages`, GET /api/scenarios/:name/averages and the dashboard's averages chart.
import type { ValidationTarget } from '../io/index.ts';
import type { Scenario } from '../model/index.ts';
import {
  baseWeightsFor,
  effectiveRateAt,
  fromDay,
  toDay,
  type RateBasis,
  type ShippedTrade,
} from '../trade/index.ts';
import { rangeHead, reportRange, type RangeHead } from './dates.ts';
import type { FieldLabel } from './query.ts';
import {
  BOTH_DIRECTIONS,
  directionSegments,
  round,
  segmentOn,
  type DirectionId,
  type DirectionKey,
} from './segments.ts';

export interface AveragesQuery {
  /** First day (default: the ledger's first date). */
  from?: string;
  /** Last day (default: the scenario's as_of). */
  to?: string;
}

/** A published figure as the shipped validation table holds it (src/io loadValidationTargets). */
export type PublishedTarget = ValidationTarget;

/** The value columns of a day, in CSV order. */
export const AVERAGE_COLUMNS = [
  'us_on_cn_additional_pct',
  'us_on_cn_with_mfn_pct',
  'cn_on_us_additional_pct',
  'cn_on_us_with_mfn_pct',
] as const;

/** The media type of the daily averages as CSV (the API's format=csv, the CLI's --csv). */
export const AVERAGES_CSV_TYPE = 'text/csv; charset=utf-8';

/** Every column of the CSV, in order, with what it holds (the OpenAPI document publishes these). */
export const AVERAGES_CSV_COLUMNS: readonly { name: keyof DailyAverage; description: string }[] = [
  { name: 'date', description: 'the day, YYYY-MM-DD' },
  {
    name: 'us_on_cn_additional_pct',
    description: 'US tariffs on goods from China, additional duties, percent ad valorem, trade-weighted',
  },
  {
    name: 'us_on_cn_with_mfn_pct',
    description: 'US tariffs on goods from China with pre-war MFN rates added, percent ad valorem',
  },
  {
    name: 'cn_on_us_additional_pct',
    description:
      "China's tariffs on goods from the US, additional duties, percent ad valorem, trade-weighted",
  },
  {
    name: 'cn_on_us_with_mfn_pct',
    description: "China's tariffs on goods from the US with pre-war MFN rates added, percent ad valorem",
  },
];

/**
 * The CSV's layout in words: lines starting with `#` (source, unit, as_of, warnings) come
 * before the header row.
 */
export const AVERAGES_CSV_LAYOUT =
  "lines starting with '#' first (source, unit, the scenario's as_of, any warnings), then a header row with the columns below, then one row per day";

export interface DailyAverage {
  date: string;
  us_on_cn_additional_pct: number;
  us_on_cn_with_mfn_pct: number;
  cn_on_us_additional_pct: number;
  cn_on_us_with_mfn_pct: number;
}

export interface ReferencePoint {
  id: string;
  direction: DirectionKey;
  date: string;
  /** PIIE's average, MFN + special tariffs, percent. */
  value_pct: number;
  metric: string;
  definition: string;
  source: string;
  /** True where the figure is derived from PIIE's figures rather than read off the chart. */
  derived: boolean;
  /** Leverage's average with MFN on that day (null outside the range asked for). */
  leverage_with_mfn_pct: number | null;
  /** leverage_with_mfn_pct - value_pct, percentage points. */
  gap_pp: number | null;
  /**
   * Leverage with MFN on that day at PIIE's weights (2017 trade by HS2 chapter, 2024 lines within
   * each chapter); null where those weights do not ship (China's side) or outside the range.
   */
  leverage_with_mfn_2017_weights_pct: number | null;
  /** The part of the gap due to the weights: leverage_with_mfn_pct - leverage_with_mfn_2017_weights_pct. */
  gap_weights_pp: number | null;
  /** The rest: leverage_with_mfn_2017_weights_pct - value_pct (coverage, exclusions, MFN, within-chapter mix). */
  gap_other_pp: number | null;
  /** Why the two figures differ, in words, with the split above. */
  gap_reason: string;
}

export interface AveragesReport extends RangeHead {
  unit: string;
  source: string;
  directions: (DirectionId & { basis: RateBasis })[];
  /** One row per day from `from` to `to`. */
  days: DailyAverage[];
  reference_points: ReferencePoint[];
}

const DIGITS = 3;

type LeverageSide =
  | 'leverage_with_mfn_pct'
  | 'gap_pp'
  | 'leverage_with_mfn_2017_weights_pct'
  | 'gap_weights_pp'
  | 'gap_other_pp'
  | 'gap_reason';
/** A PIIE point before Leverage's figures are set beside it. */
export type PiiePoint = Omit<ReferencePoint, LeverageSide>;

const sign = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(1)}`;

/**
 * The gap to PIIE split in two: re-weighting the same line rates to PIIE's 2017 weights (HS2
 * chapter totals; baseWeightsFor) gives the weights' part; what is left is coverage, exclusions,
 * MFN and the mix within chapters.
 */
function gapSplit(
  p: PiiePoint,
  ours: number | null,
  ours2017: number | null,
): Pick<ReferencePoint, LeverageSide> {
  if (ours === null)
    return {
      leverage_with_mfn_pct: null,
      gap_pp: null,
      leverage_with_mfn_2017_weights_pct: null,
      gap_weights_pp: null,
      gap_other_pp: null,
      gap_reason: 'outside the range asked for',
    };
  const gap = round(ours - p.value_pct, DIGITS);
  const base = { leverage_with_mfn_pct: ours, gap_pp: gap };
  if (ours2017 === null)
    return {
      ...base,
      leverage_with_mfn_2017_weights_pct: null,
      gap_weights_pp: null,
      gap_other_pp: null,
      gap_reason: `${sign(gap)} pp: PIIE weights by 2017 US exports to China, Leverage by 2024 (China-side 2017 weights do not ship, so the weights' part is not split out); the rest is coverage, exclusions and MFN`,
    };
  const w = round(ours - ours2017, DIGITS);
  const rest = round(ours2017 - p.value_pct, DIGITS);
  return {
    ...base,
    leverage_with_mfn_2017_weights_pct: ours2017,
    gap_weights_pp: w,
    gap_other_pp: rest,
    gap_reason: `${sign(gap)} pp = ${sign(w)} pp from the weights (Leverage ${ours.toFixed(1)}% at 2024 weights, ${ours2017.toFixed(1)}% at PIIE's 2017 weights by HS2 chapter) ${rest >= 0 ? '+' : '-'} ${Math.abs(rest).toFixed(1)} pp from the rest (product coverage and exclusions, MFN rates, the mix of lines within a chapter)`,
  };
}

/** PIIE's trade-weighted averages (MFN + special tariffs) in the shipped validation table. */
export function piiePoints(targets: readonly PublishedTarget[]): PiiePoint[] {
  const out: PiiePoint[] = [];
  for (const t of targets) {
    const m = /^piie_(us|cn)_/.exec(t.id);
    if (!m || t.unit !== 'percent' || !/^\d{4}-\d{2}-\d{2}$/.test(t.as_of)) continue;
    const value = Number(t.value);
    if (!Number.isFinite(value)) continue;
    out.push({
      id: t.id,
      direction: m[1] === 'us' ? 'us_on_cn' : 'cn_on_us',
      date: t.as_of,
      value_pct: value,
      metric: t.metric,
      definition: t.definition_and_weights,
      source: t.source,
      derived: /^derived/i.test(t.definition_and_weights),
    });
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
}

export function averagesReport(
  scn: Scenario,
  data: ShippedTrade,
  targets: readonly PublishedTarget[],
  q: AveragesQuery,
  label: FieldLabel,
): AveragesReport {
  const { from, to } = reportRange(scn, q, label);

  const dirs = BOTH_DIRECTIONS.map((d) => ({
    ...d,
    rates: directionSegments(scn, data, d.importer, d.exporter, from, to),
  }));
  const days: DailyAverage[] = [];
  const idx = dirs.map(() => 0);
  for (let day = toDay(from), end = toDay(to); day <= end; day++) {
    const date = fromDay(day);
    const row = { date } as DailyAverage;
    dirs.forEach((d, k) => {
      const segs = d.rates.segments;
      while (idx[k] + 1 < segs.length && segs[idx[k] + 1].from <= date) idx[k]++;
      const r = segs[idx[k]].rate;
      row[`${d.key}_additional_pct`] = round(r.additional_pct, DIGITS);
      row[`${d.key}_with_mfn_pct`] = round(r.average_pct, DIGITS);
    });
    days.push(row);
  }
  // PIIE's own weights, 2017 trade by HS2 chapter, where they ship (US imports from China);
  // built only when a US point lies in the range
  let w2017: ReturnType<typeof baseWeightsFor> | undefined;
  const reference_points = piiePoints(targets).map((p) => {
    const d = dirs.find((x) => x.key === p.direction)!;
    const inside = p.date >= from && p.date <= to;
    const ours = inside ? round(segmentOn(d.rates.segments, p.date).rate.average_pct, DIGITS) : null;
    const ours2017 =
      inside && d.importer === 'US'
        ? round(
            effectiveRateAt(
              d.rates.schedule,
              (w2017 ??= baseWeightsFor('US', 'CN', data, 2017)),
              p.date,
              d.rates.mfn,
            ).average_pct,
            DIGITS,
          )
        : null;
    return { ...p, ...gapSplit(p, ours, ours2017) };
  });
  return {
    ...rangeHead(scn, label, from, to),
    unit: 'percent ad valorem, trade-weighted at fixed base-year weights (additional duties; with_mfn adds pre-war MFN)',
    source: `Leverage ledger, scenario ${scn.id} (as of ${scn.as_of ?? 'n/a'}); weights: US imports from China 2024 (Census HTS10), US exports to China 2024 (Census, HS6/HS4 composition); reference points: PIIE (Bown), US-China Trade War Tariffs: An Up-to-Date Chart, 2017 weights`,
    directions: dirs.map((d) => ({
      key: d.key,
      importer: d.importer,
      exporter: d.exporter,
      label: d.label,
      basis: d.rates.basis,
    })),
    days,
    reference_points,
  };
}

/** The daily averages as CSV: a source line, then a date column and one column per series with its unit. */
export function averagesCsv(r: AveragesReport): string {
  const cols = AVERAGES_CSV_COLUMNS.map((c) => c.name);
  const lines = [
    `# ${r.source}. Unit: ${r.unit}. Scenario as_of ${r.as_of ?? 'n/a'}.`,
    ...r.warnings.map((w) => `# warning: ${w}`),
    cols.join(','),
    ...r.days.map((d) => cols.map((c) => String(d[c])).join(',')),
  ];
  return lines.join('\n') + '\n';
}
