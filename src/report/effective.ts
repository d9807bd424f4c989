// "What tariff does trade actually face?" Trade-weighted effective rates at fixed base-year
// weights, over time (day, week or month: a period's value is the mean over its days) or at key
// dates. One function for the CLI's `tariffs`, the API's /effective and the dashboard.
import { compileTariffSchedule } from '../ledger/index.ts';
import type { Scenario } from '../model/index.ts';
import {
  baseWeightsFor,
  effectiveRateSeries,
  groupsFor,
  keyDateRates,
  scenarioRateSeries,
  KEY_DATES_2025,
  NATIONAL_CHAPTERS_SECTION,
  type BaseWeights,
  type Breakdown,
  type EffectiveRateSeries,
  type KeyDateRow,
  type RateBasis,
  type ShippedTrade,
  type Step,
} from '../trade/index.ts';
import { asOfWarnings } from './dates.ts';
import { checkActor, fieldError, roundFigures, type FieldLabel } from './query.ts';

export interface EffectiveQuery {
  importer: string;
  exporter: string;
  from: string;
  to: string;
  step: Step;
  by?: Breakdown | null;
  /** Add pre-war MFN rates to every total (shipped US<->CN weights only). */
  mfn?: boolean;
  /** Year of the shipped weights (default 2024). */
  base_year?: number;
}

/** The tables the question reads, passed in by the edge (no I/O in the report layer). */
export interface EffectiveTables {
  trade: ShippedTrade;
  /** HS section names, for `by: section`. */
  sections?: readonly { section: string; name: string }[];
  /** Weights from a user's flow file instead of the shipped ones (CLI --flows). */
  weights?: BaseWeights;
}

export type EffectiveRates = EffectiveRateSeries & {
  kind: 'series';
  scenario: string;
  /** A note for each queried date past as_of (the same text the edges add). */
  warnings: string[];
  /** Titles of the breakdown parts (HS sections, product groups); null without a breakdown by them. */
  breakdown_titles: Record<string, string> | null;
};

/** The default weights year of the shipped tables. */
export const DEFAULT_BASE_YEAR = 2024;

function checkDirection(scn: Scenario, label: FieldLabel, importer: string, exporter: string): void {
  checkActor(scn, label, 'importer', importer);
  checkActor(scn, label, 'exporter', exporter);
  if (importer === exporter) throw fieldError(label, 'exporter', 'importer and exporter must differ');
}

function breakdownTitles(
  scn: Scenario,
  by: Breakdown | null,
  sections: EffectiveTables['sections'],
): Record<string, string> | null {
  if (by === 'section') {
    const t: Record<string, string> = Object.fromEntries((sections ?? []).map((x) => [x.section, x.name]));
    t[NATIONAL_CHAPTERS_SECTION] = 'US national chapters 98-99 (special provisions; no HS section)';
    return t;
  }
  if (by === 'group')
    return Object.fromEntries(Object.entries(scn.products.groups).map(([k, g]) => [k, g.title]));
  return null;
}

/** The effective-rate series of one direction (weekly and monthly values: means over the days). */
export function effectiveRates(
  scn: Scenario,
  tables: EffectiveTables,
  q: EffectiveQuery,
  label: FieldLabel,
): EffectiveRates {
  checkDirection(scn, label, q.importer, q.exporter);
  if (q.to < q.from) throw fieldError(label, 'to', `to (${q.to}) is before from (${q.from})`);
  const by = q.by ?? null;
  let s: EffectiveRateSeries;
  if (tables.weights) {
    if (q.mfn)
      throw fieldError(
        label,
        'mfn',
        'MFN rates are shipped only for the built-in US-China weights; leave out the flow file or MFN',
      );
    const base = tables.weights;
    const sched = compileTariffSchedule(scn, {
      importer: q.importer,
      exporter: q.exporter,
      lines: base.lines,
    });
    s = effectiveRateSeries(
      sched,
      base,
      { from: q.from, to: q.to, step: q.step, by },
      { groups: groupsFor(scn, base.lines) },
    );
  } else {
    const base = baseWeightsFor(q.importer, q.exporter, tables.trade, q.base_year ?? DEFAULT_BASE_YEAR);
    s = scenarioRateSeries(scn, base, tables.trade, {
      from: q.from,
      to: q.to,
      step: q.step,
      by,
      mfn: !!q.mfn,
    });
  }
  return roundFigures({
    kind: 'series' as const,
    scenario: scn.id,
    warnings: asOfWarnings(scn, label, { from: q.from, to: q.to }),
    ...s,
    breakdown_titles: tables.weights ? null : breakdownTitles(scn, by, tables.sections),
  });
}

export interface KeyDateQuery {
  /** Default: the 2025 key dates. */
  dates?: readonly string[];
  /** Directions; default both ways between US and CN. */
  directions?: readonly [string, string][];
  mfn?: boolean;
  base_year?: number;
}

export interface KeyDateRates {
  kind: 'key-dates';
  scenario: string;
  dates: string[];
  directions: { importer: string; exporter: string; basis: RateBasis; rows: KeyDateRow[] }[];
}

/** Effective rates at key dates, both directions (or the ones asked for). */
export function keyDateReport(
  scn: Scenario,
  tables: EffectiveTables,
  q: KeyDateQuery,
  label: FieldLabel,
): KeyDateRates {
  const dates = [...(q.dates ?? KEY_DATES_2025)];
  const pairs = q.directions ?? [
    ['US', 'CN'],
    ['CN', 'US'],
  ];
  for (const [i, e] of pairs) checkDirection(scn, label, i, e);
  const directions = pairs.map(([i, e]) => {
    const base =
      tables.weights && pairs.length === 1
        ? tables.weights
        : baseWeightsFor(i, e, tables.trade, q.base_year ?? DEFAULT_BASE_YEAR);
    const k = keyDateRates(scn, base, tables.trade, dates, !!q.mfn);
    return { importer: i, exporter: e, basis: k.basis, rows: k.rows };
  });
  return roundFigures({ kind: 'key-dates' as const, scenario: scn.id, dates, directions });
}
