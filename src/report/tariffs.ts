// "What did the tariff stack look like over time?" The stack of a selection of tariff lines (a
// product group, one product, or all lines of a direction) per period, and every product group's
// stack on one date. One function each for the API's /tariffs and /groups and the dashboard.
// A period's value is the mean over its days (the one definition of a weekly or monthly value,
// shared with the effective-rate series of `effective.ts`).
import { compileTariffSchedule, linesUnder, productIndex, productStacks } from '../ledger/index.ts';
import { normalizeHs, type Scenario } from '../model/index.ts';
import {
  baseWeightsFor,
  mostCommonStack,
  periods,
  stackLevel,
  stepSeries,
  type ShippedTrade,
} from '../trade/index.ts';
import { checkActor, checkGroup, checkHs, fieldError, type FieldLabel } from './query.ts';

export interface TariffStackQuery {
  importer: string;
  exporter: string;
  group?: string;
  product?: string;
  from: string;
  to: string;
  step: 'week' | 'month';
}

export interface TariffStackPoint {
  /** First day of the period. */
  from: string;
  /** Last day of the period (inclusive). */
  to: string;
  /**
   * Total of the stack on most of the selection's tariff lines (by line count), percent ad
   * valorem, additional duties (MFN not included); mean over the period's days.
   */
  total_pct: number;
  /** That stack's layers by authority (mean over the period's days; they add up to total_pct). */
  layers: Record<string, number>;
  /** Share of the selection's tariff lines on that stack (by line count), mean over the days. */
  modal_share: number;
  /** Unweighted mean rate over the selection's lines, percent. */
  mean_pct: number;
  /** Share of lines with any additional duty. */
  coverage_share: number;
  min_total_pct: number;
  max_total_pct: number;
}

export interface TariffStackSeries {
  scenario: string;
  importer: string;
  exporter: string;
  selection: { group?: string; title?: string; product?: string | null; all?: boolean };
  line_count: number;
  authorities: string[];
  step: 'week' | 'month';
  value: string;
  points: TariffStackPoint[];
}

/** At most this many periods per series (a request stays fast). */
export const MAX_TARIFF_POINTS = 400;

const round3 = (x: number) => Math.round(x * 1000) / 1000;
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

function selectionLines(scn: Scenario, q: TariffStackQuery, data: () => ShippedTrade, label: FieldLabel) {
  const idx = productIndex(scn);
  let prefixes: string[];
  if (q.group) prefixes = idx.groups.get(q.group) ?? [];
  else if (q.product) prefixes = [checkHs(label, 'product', q.product)];
  else {
    const u = idx.universe.get(q.importer);
    if (u?.length) return u;
    try {
      // no tariff-line universe in the scenario: the lines of the shipped base-year flows
      return [...baseWeightsFor(q.importer, q.exporter, data()).lines];
    } catch {
      prefixes = [];
    }
  }
  const set = new Set<string>();
  for (const p of prefixes) for (const l of linesUnder(idx, q.importer, p)) set.add(l);
  return [...set].sort();
}

/**
 * The stack of a selection over time. Per day: the stack shared by most lines (ties: the higher
 * total), the unweighted mean, coverage, min and max; per period, the mean of each over its days.
 * `data` is asked for only when the scenario has no tariff-line universe for the importer.
 */
export function tariffStackSeries(
  scn: Scenario,
  q: TariffStackQuery,
  data: () => ShippedTrade,
  label: FieldLabel,
): TariffStackSeries {
  checkActor(scn, label, 'importer', q.importer);
  checkActor(scn, label, 'exporter', q.exporter);
  checkGroup(scn, label, 'group', q.group);
  if (q.group && q.product) throw fieldError(label, 'product', 'give group or product, not both');
  if (q.to < q.from) throw fieldError(label, 'to', `to (${q.to}) is before from (${q.from})`);
  const grid = periods(q.from, q.to, q.step);
  if (grid.length > MAX_TARIFF_POINTS)
    throw fieldError(
      label,
      'to',
      `the range gives ${grid.length} points; at most ${MAX_TARIFF_POINTS}`,
      'too_large',
    );
  const lines = selectionLines(scn, q, data, label);
  if (!lines.length) throw fieldError(label, 'group', 'no tariff lines in the selection', 'empty_selection');
  const sched = compileTariffSchedule(scn, { importer: q.importer, exporter: q.exporter, lines });
  const A = sched.authorities.length;
  const n = sched.lines.length;
  // one flat vector per day: [total, modal share, mean, coverage, min, max, layer_0..layer_A-1]
  const evaluate = (date: string): Float64Array => {
    const { byAuthority, total } = sched.ratesAt(date);
    // the most common stack by line count (trade's mostCommonStack, the claims check's definition);
    // its layers: those of the most common layer mix among the lines at that level
    const levels = new Map<number, { n: number; sigs: Map<string, { n: number; i: number }> }>();
    let sum = 0;
    let covered = 0;
    let mn = Infinity;
    let mx = -Infinity;
    for (let i = 0; i < n; i++) {
      let sig = '';
      for (let a = 0; a < A; a++) sig += byAuthority[i * A + a] + ',';
      const t = stackLevel(total[i]);
      let lv = levels.get(t);
      if (!lv) levels.set(t, (lv = { n: 0, sigs: new Map() }));
      lv.n++;
      const c = lv.sigs.get(sig);
      if (c) c.n++;
      else lv.sigs.set(sig, { n: 1, i });
      sum += total[i];
      if (total[i] > 0) covered++;
      mn = Math.min(mn, total[i]);
      mx = Math.max(mx, total[i]);
    }
    const top = mostCommonStack([...levels].map(([total_pct, l]) => ({ total_pct, share: l.n / n })));
    let best = { n: -1, i: 0 };
    for (const c of levels.get(top.total_pct)?.sigs.values() ?? []) if (c.n > best.n) best = c;
    const v = new Float64Array(6 + A);
    v.set([total[best.i], top.share, sum / n, covered / n, mn, mx]);
    for (let a = 0; a < A; a++) v[6 + a] = byAuthority[best.i * A + a];
    return v;
  };
  const s = stepSeries(q.from, q.to, q.step, sched.breakpoints, evaluate);
  const points: TariffStackPoint[] = s.periods.map((p, k) => {
    const m = s.mean[k];
    const layers: Record<string, number> = {};
    for (let a = 0; a < A; a++) if (m[6 + a]) layers[sched.authorities[a]] = round3(m[6 + a]);
    return {
      from: p.start,
      to: p.end,
      total_pct: round3(m[0]),
      layers,
      modal_share: round4(m[1]),
      mean_pct: round3(m[2]),
      coverage_share: round4(m[3]),
      min_total_pct: round3(m[4]),
      max_total_pct: round3(m[5]),
    };
  });
  return {
    scenario: scn.id,
    importer: q.importer,
    exporter: q.exporter,
    selection: q.group
      ? { group: q.group, title: scn.products.groups[q.group].title ?? q.group }
      : q.product
        ? { product: normalizeHs(q.product) }
        : { all: true },
    line_count: n,
    authorities: sched.authorities,
    step: q.step,
    value: `mean over each ${q.step}'s days; total_pct and layers are the stack shared by the most tariff lines of the selection (by line count; additional duties, MFN not included)`,
    points,
  };
}

export interface GroupStack {
  group: string;
  title: string;
  line_count: number;
  /** Total of the stack on most of the group's lines (by line count), percent ad valorem. */
  total_pct: number;
  /** Share of the group's lines on that stack (by line count). */
  modal_share: number;
  min_total_pct: number;
  max_total_pct: number;
  layers: Record<string, number>;
}

export interface GroupStacks {
  scenario: string;
  date: string;
  importer: string;
  exporter: string;
  groups: GroupStack[];
}

/** Every product group's stacks on a date for one direction: the most common stack, min and max. */
export function groupStacks(
  scn: Scenario,
  q: { date: string; importer: string; exporter: string },
  label: FieldLabel,
): GroupStacks {
  checkActor(scn, label, 'importer', q.importer);
  checkActor(scn, label, 'exporter', q.exporter);
  const groups = Object.entries(scn.products.groups).map(([id, g]) => {
    const ps = productStacks(scn, { importer: q.importer, exporter: q.exporter, date: q.date, group: id });
    // the most common stack by line count (mostCommonStack, as in the series): its level, and the
    // layers of the stack with the most lines at that level
    const byLevel = new Map<number, number>();
    for (const st of ps.stacks)
      byLevel.set(stackLevel(st.total_pct), (byLevel.get(stackLevel(st.total_pct)) ?? 0) + st.line_count);
    const mode = mostCommonStack(
      [...byLevel].map(([total_pct, c]) => ({ total_pct, share: c / Math.max(ps.line_count, 1) })),
    );
    const top = ps.stacks
      .filter((st) => stackLevel(st.total_pct) === mode.total_pct)
      .reduce<(typeof ps.stacks)[number] | undefined>(
        (b, st) => (!b || st.line_count > b.line_count ? st : b),
        undefined,
      );
    return {
      group: id,
      title: g.title ?? id,
      line_count: ps.line_count,
      total_pct: top?.total_pct ?? 0,
      modal_share: top ? round4(mode.share) : 0,
      min_total_pct: ps.min_total_pct,
      max_total_pct: ps.max_total_pct,
      layers: Object.fromEntries((top?.layers ?? []).map((l) => [l.authority, l.rate_pct])),
    };
  });
  return { scenario: scn.id, date: q.date, importer: q.importer, exporter: q.exporter, groups };
}
