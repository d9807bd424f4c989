// "Who paid?" Duties by legal authority and month in both directions, from the ledger's rates and
// fixed base-year flows, and the IEEPA duties the Supreme Court's ruling makes refundable beside
// the published refund figures. A static-flow estimate: trade is held at its base-year level and
// spread evenly over the days (an assumption: it ignores the fall of imports under the tariffs,
// front-loading and exclusions claimed at the border), so it overstates what was collected.
import type { Scenario } from '../model/index.ts';
import { fromDay, toDay, type ShippedTrade } from '../trade/index.ts';
import { rangeHead, reportRange, type RangeHead } from './dates.ts';
import type { FieldLabel } from './query.ts';
import { BOTH_DIRECTIONS, directionSegments, round, type DirectionId } from './segments.ts';

export interface WhoPaidQuery {
  from?: string;
  to?: string;
}

export interface MonthDuties {
  /** YYYY-MM */
  month: string;
  /** Days of the month inside the range asked for. */
  days: number;
  duties_usd: number;
  by_authority: { authority: string; duties_usd: number }[];
}

export interface WhoPaidDirection extends DirectionId {
  /** Who pays the importer's duty at its border: the importer of record (then shared along the chain). */
  paid_by: string;
  flow_year: number;
  flow_usd_per_year: number;
  weights: string;
  months: MonthDuties[];
  by_authority: { authority: string; duties_usd: number }[];
  total_usd: number;
}

export interface PublishedRefund {
  figure: string;
  value_usd: number | null;
  low_usd: number | null;
  high_usd: number | null;
  as_of: string;
  scope: string;
  ledger_entry: string;
  sources: string[];
}

export interface WhoPaidReport extends RangeHead {
  unit: string;
  assumption: string;
  directions: WhoPaidDirection[];
  ieepa_refundable: {
    authorities: string[];
    /** First and last day (inclusive) an IEEPA duty was collected in the range. */
    from: string | null;
    to: string | null;
    duties_usd: number;
    /** Share of all US additional duties on goods from China in the range. */
    share_of_us_duties: number;
    basis: string;
  };
  published_refunds: PublishedRefund[];
}

/** The layers the Supreme Court held IEEPA does not authorize (Learning Resources v. Trump, 2026-02-20). */
export const IEEPA_AUTHORITIES = ['IEEPA fentanyl', 'IEEPA reciprocal'];

const REFUND_SOURCES = [
  'https://webiis10.mondaq.com/unitedstates/international-trade-investment/1799464/us-signals-it-will-appeal-court-order-on-tariff-refund-process-parties-may-need-to-take-action-to-preserve-rights-on-certain-entries',
  'https://www.hartlandlegal.com/blog/cit-and-cbp-weigh-in-on-ieepa-tariff-refund-process',
];

/** Published IEEPA refund figures (data/ledger/NOTES_2026.md item 6; shared ledger entry us-ieepa-refunds-2026). */
export const PUBLISHED_IEEPA_REFUNDS: readonly PublishedRefund[] = [
  {
    figure: 'IEEPA duties refunded (processed) by CBP',
    value_usd: 85e9,
    low_usd: null,
    high_usd: null,
    as_of: '2026-05-29',
    scope: 'all countries of origin (CBP motion in the Court of International Trade)',
    ledger_entry: 'us-ieepa-refunds-2026',
    sources: REFUND_SOURCES,
  },
  {
    figure: 'IEEPA duties owed back, press estimates at the ruling',
    value_usd: null,
    low_usd: 175e9,
    high_usd: 200e9,
    as_of: '2026-02-20',
    scope: 'all countries of origin',
    ledger_entry: 'us-ieepa-refunds-2026',
    sources: ['https://en.wikipedia.org/wiki/Learning_Resources,_Inc._v._Trump', ...REFUND_SOURCES],
  },
];

const daysInYear = (y: number) => toDay(`${y + 1}-01-01`) - toDay(`${y}-01-01`);

export function whoPaidReport(
  scn: Scenario,
  data: ShippedTrade,
  q: WhoPaidQuery,
  label: FieldLabel,
): WhoPaidReport {
  const { from, to } = reportRange(scn, q, label);

  let ieepaUsd = 0;
  let usTotal = 0;
  let ieepaFirst: string | null = null;
  let ieepaLast: string | null = null;
  const directions = BOTH_DIRECTIONS.map((d): WhoPaidDirection => {
    const r = directionSegments(scn, data, d.importer, d.exporter, from, to);
    const perDay = 1 / daysInYear(r.base.base_year);
    const months = new Map<string, { days: number; by: Map<string, number> }>();
    const total = new Map<string, number>();
    for (const seg of r.segments) {
      const ieepaHere = seg.rate.by_authority.some(
        (a) => IEEPA_AUTHORITIES.includes(a.authority) && a.revenue_usd > 0,
      );
      if (d.importer === 'US' && ieepaHere) {
        ieepaFirst ??= seg.from;
        ieepaLast = seg.to;
      }
      // split the segment at month boundaries
      for (let day = toDay(seg.from), end = toDay(seg.to); day <= end;) {
        const month = fromDay(day).slice(0, 7);
        const [y, m] = month.split('-').map(Number);
        const next = toDay(m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`);
        const n = Math.min(next, end + 1) - day;
        const e = months.get(month) ?? { days: 0, by: new Map<string, number>() };
        e.days += n;
        for (const a of seg.rate.by_authority) {
          if (a.revenue_usd === 0) continue;
          const usd = a.revenue_usd * perDay * n;
          e.by.set(a.authority, (e.by.get(a.authority) ?? 0) + usd);
          total.set(a.authority, (total.get(a.authority) ?? 0) + usd);
          if (d.importer === 'US') {
            usTotal += usd;
            if (IEEPA_AUTHORITIES.includes(a.authority)) ieepaUsd += usd;
          }
        }
        months.set(month, e);
        day += n;
      }
    }
    const rows = (m: Map<string, number>) =>
      [...m.entries()]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([authority, usd]) => ({ authority, duties_usd: Math.round(usd) }));
    let sum = 0;
    for (const v of total.values()) sum += v;
    return {
      key: d.key,
      label: d.label,
      importer: d.importer,
      exporter: d.exporter,
      paid_by: `importers of record in ${d.importer} (the duty is collected at ${d.importer}'s border; who bears it in the end depends on prices, which this estimate does not model)`,
      flow_year: r.base.base_year,
      flow_usd_per_year: Math.round(r.basis.base_usd),
      weights: r.basis.weights,
      months: [...months.entries()].map(([month, e]) => {
        let s = 0;
        for (const v of e.by.values()) s += v;
        return { month, days: e.days, duties_usd: Math.round(s), by_authority: rows(e.by) };
      }),
      by_authority: rows(total),
      total_usd: Math.round(sum),
    };
  });
  const flowYear = directions[0].flow_year;
  return {
    ...rangeHead(scn, label, from, to),
    unit: 'USD of additional duties (MFN not included), at fixed base-year flows',
    assumption: `static-flow estimate (an assumption): each direction's ${flowYear} flows held fixed and spread evenly over the days (1/${daysInYear(flowYear)} of the year's trade a day) at the ledger's applied rates; real collections were lower where trade fell, shifted or was exempted at the border`,
    directions,
    ieepa_refundable: {
      authorities: IEEPA_AUTHORITIES,
      from: ieepaFirst,
      to: ieepaLast,
      duties_usd: Math.round(ieepaUsd),
      share_of_us_duties: usTotal > 0 ? round(ieepaUsd / usTotal, 4) : 0,
      basis:
        'US duties under IEEPA on goods from China in the range, at the static flows: refundable since the Supreme Court held that IEEPA does not authorize tariffs (Learning Resources, Inc. v. Trump, 2026-02-20; collection stopped 2026-02-24) and the Court of International Trade ordered refunds (2026-03-04). The published figures cover every origin, not China alone.',
    },
    published_refunds: [...PUBLISHED_IEEPA_REFUNDS],
  };
}
