// Scenario questions the dashboard asks: ledger on a date, timeline rows, tariff stacks over
// time (by authority, both directions, by product group), claims, trade response. Results are
// cached per scenario object and query; a what-if copy of a scenario has its own cache.
import { hsCodes, loadShippedTradeData, loadUsImports2024ByPartner } from '../io/index.ts';
import {
  compileTariffSchedule,
  linesUnder,
  productIndex,
  productStacks,
  timeline,
  withTariffOverride,
} from '../ledger/index.ts';
import { normalizeHs, type Scenario } from '../model/index.ts';
import {
  baseWeightsFor,
  scenarioClaims,
  scenarioRateSeries,
  scenarioResponse,
  type ShippedTrade,
} from '../trade/index.ts';
import { isInputError } from '../errors/index.ts';
import { ledgerReport, queryField, type LedgerQuery, type LedgerReport } from '../report/index.ts';
import { ApiError } from './errors.ts';

// ---------------------------------------------------------------------------------------------
// caches

const caches = new WeakMap<Scenario, Map<string, unknown>>();

export function cached<T>(scn: Scenario, key: string, f: () => T): T {
  let m = caches.get(scn);
  if (!m) caches.set(scn, (m = new Map()));
  if (m.has(key)) return m.get(key) as T;
  const v = f();
  if (m.size > 200) m.clear();
  m.set(key, v);
  return v;
}

let shipped: ShippedTrade | null = null;
export function shippedTrade(): ShippedTrade {
  if (!shipped) {
    const base = loadShippedTradeData() as ShippedTrade;
    const byPartner = loadUsImports2024ByPartner();
    shipped = {
      ...base,
      byPartner: {
        rows: byPartner.rows.map((r) => ({ partner: r.partner, product: r.product, value_usd: r.value_usd })),
      },
    };
  }
  return shipped;
}

// ---------------------------------------------------------------------------------------------
// dates

export function addDays(d: string, n: number): string {
  const t = Date.parse(d + 'T00:00:00Z') + n * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

export function checkActor(scn: Scenario, id: string, path: string): void {
  if (!scn.actors[id])
    throw new ApiError(
      'input',
      'bad_request',
      `unknown actor "${id}" (actors: ${Object.keys(scn.actors).join(', ')})`,
      path,
    );
}

// ---------------------------------------------------------------------------------------------
// what-ifs

export interface TariffOverride {
  importer: string;
  exporter: string;
  authority: string;
  pct: number;
  from: string;
}

/**
 * What-if copies are kept in a small LRU per base scenario: each copy carries its own derived
 * indexes (product index, compiled schedules), so an unbounded cache would grow with every edit.
 */
const WHATIF_LRU = 24;
const whatIfs = new WeakMap<Scenario, Map<string, Scenario>>();

export function applyOverrides(scn: Scenario, overrides: TariffOverride[] | undefined): Scenario {
  if (!overrides?.length) return scn;
  const key = JSON.stringify(overrides);
  let lru = whatIfs.get(scn);
  if (!lru) whatIfs.set(scn, (lru = new Map()));
  const hit = lru.get(key);
  if (hit) {
    lru.delete(key);
    lru.set(key, hit);
    return hit;
  }
  const made = makeWhatIf(scn, overrides);
  lru.set(key, made);
  if (lru.size > WHATIF_LRU) lru.delete(lru.keys().next().value!);
  return made;
}

function makeWhatIf(scn: Scenario, overrides: TariffOverride[]): Scenario {
  let s = scn;
  {
    overrides.forEach((o, i) => {
      checkActor(scn, o.importer, `body.overrides[${i}].importer`);
      checkActor(scn, o.exporter, `body.overrides[${i}].exporter`);
      const known = new Set(
        scn.measures.filter((m) => m.kind === 'tariff').map((m) => (m as { authority: string }).authority),
      );
      if (!known.has(o.authority))
        throw new ApiError(
          'input',
          'bad_request',
          `unknown tariff authority "${o.authority}" (known: ${[...known].join(', ')})`,
          `body.overrides[${i}].authority`,
        );
      s = withTariffOverride(s, o);
    });
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// overview: the ledger on a date (the report layer's; cached per scenario and query)

let hsCatalogue: string[] | null = null;

export function ledgerOn(scn: Scenario, q: LedgerQuery): LedgerReport {
  const hsNomenclature = q.product ? (hsCatalogue ??= hsCodes()) : undefined;
  return cached(scn, 'ledger:' + JSON.stringify(q), () =>
    ledgerReport(scn, q, queryField, { hsNomenclature }),
  );
}

// ---------------------------------------------------------------------------------------------
// timeline rows (a Gantt of measures and agreements) and events

export interface Interval {
  from: string;
  to: string | null;
  state: string;
  label?: string;
}

export function timelineView(scn: Scenario, from: string, to: string) {
  return cached(scn, `timeline:${from}:${to}`, () => {
    const rows: {
      id: string;
      kind: string;
      actor: string;
      target: string;
      title: string;
      authority?: string;
      intervals: Interval[];
      clocks?: { title: string; start: string; end: string }[];
      approvals?: { role: string; by: string; states: Interval[] }[];
    }[] = [];
    const toIntervals = (steps: { date: string; status: string; note?: string }[]): Interval[] => {
      const s = [...steps].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
      return s.map((x, i) => ({ from: x.date, to: s[i + 1]?.date ?? null, state: x.status }));
    };
    for (const m of scn.measures) {
      const iv = toIntervals(m.status);
      if (!iv.length) continue;
      const last = iv[iv.length - 1];
      if (iv[0].from > to || (last.to !== null && last.to < from && last.state !== 'in_force')) continue;
      const row: (typeof rows)[number] = {
        id: m.id,
        kind: m.kind,
        actor: m.actor,
        target: m.target,
        title: m.title,
        intervals: iv,
      };
      if ('authority' in m && typeof m.authority === 'string') row.authority = m.authority;
      if (m.kind === 'tariff') {
        // rate steps within the in-force intervals, as labels
        row.intervals = iv;
        (row as { rates?: unknown }).rates = m.rates.map((r) => ({
          from: r.from,
          rate_pct: r.rate_pct,
          applied_pct: r.rate_pct - (r.suspended_pct ?? 0),
          suspended_until: r.suspended_until ?? null,
        }));
      }
      rows.push(row);
    }
    for (const a of scn.agreements) {
      rows.push({
        id: a.id,
        kind: 'agreement',
        actor: a.parties?.[0] ?? '',
        target: a.parties?.[1] ?? '',
        title: a.title,
        intervals: toIntervals(a.status),
        clocks: a.clocks.map((c) => ({ title: c.title, start: c.start, end: addDays(c.start, c.days) })),
        approvals: a.approvals.map((ap) => ({ role: ap.role, by: ap.by, states: toIntervals(ap.status) })),
      });
    }
    const events = timeline(scn).filter((e) => e.date >= from && e.date <= to);
    return { scenario: scn.id, from, to, rows, events };
  });
}

// ---------------------------------------------------------------------------------------------
// tariff stacks over time

export interface TariffQuery {
  importer: string;
  exporter: string;
  group?: string;
  product?: string;
  from: string;
  to: string;
  step: 'week' | 'month';
}

export interface TariffPoint {
  date: string;
  /** Stack shared by the most tariff lines of the selection. */
  total_pct: number;
  layers: Record<string, number>;
  modal_share: number;
  /** Unweighted mean over the lines and share of lines with any additional duty. */
  mean_pct: number;
  coverage_share: number;
  min_total_pct: number;
  max_total_pct: number;
}

function selectionLines(scn: Scenario, q: TariffQuery): string[] {
  const idx = productIndex(scn);
  let prefixes: string[];
  if (q.group) {
    const g = idx.groups.get(q.group);
    if (!g)
      throw new ApiError(
        'input',
        'bad_request',
        `unknown product group "${q.group}" (groups: ${Object.keys(scn.products.groups).join(', ')})`,
        'query.group',
      );
    prefixes = g;
  } else if (q.product) {
    const c = normalizeHs(q.product);
    if (c === null)
      throw new ApiError('input', 'bad_request', `not an HS code: "${q.product}"`, 'query.product');
    prefixes = [c];
  } else {
    const u = idx.universe.get(q.importer);
    if (u?.length) return u;
    try {
      // no tariff-line universe in the scenario: the lines of the shipped base-year flows
      return [...baseWeightsFor(q.importer, q.exporter, shippedTrade()).lines];
    } catch {
      prefixes = [];
    }
  }
  const set = new Set<string>();
  for (const p of prefixes) for (const l of linesUnder(idx, q.importer, p)) set.add(l);
  return [...set].sort();
}

export function samplingDates(from: string, to: string, step: 'week' | 'month'): string[] {
  const out: string[] = [];
  if (step === 'week') for (let d = from; d <= to; d = addDays(d, 7)) out.push(d);
  else {
    let [y, m] = from.split('-').map(Number);
    out.push(from);
    for (;;) {
      m++;
      if (m > 12) {
        m = 1;
        y++;
      }
      const d = `${y}-${String(m).padStart(2, '0')}-01`;
      if (d > to) break;
      out.push(d);
    }
  }
  return out;
}

export function tariffSeries(scn: Scenario, q: TariffQuery) {
  return cached(scn, 'tariffs:' + JSON.stringify(q), () => {
    checkActor(scn, q.importer, 'query.importer');
    checkActor(scn, q.exporter, 'query.exporter');
    if (q.to < q.from)
      throw new ApiError('input', 'bad_request', `to (${q.to}) is before from (${q.from})`, 'query.to');
    const dates = samplingDates(q.from, q.to, q.step);
    if (dates.length > 400)
      throw new ApiError(
        'input',
        'too_large',
        `the range gives ${dates.length} points; at most 400`,
        'query.to',
      );
    const lines = selectionLines(scn, q);
    if (!lines.length) throw new ApiError('input', 'empty_selection', 'no tariff lines in the selection');
    const sched = cached(scn, `sched:${q.importer}:${q.exporter}:${q.group ?? ''}:${q.product ?? ''}`, () =>
      compileTariffSchedule(scn, { importer: q.importer, exporter: q.exporter, lines }),
    );
    const A = sched.authorities.length;
    const n = sched.lines.length;
    const points: TariffPoint[] = dates.map((date) => {
      const { byAuthority, total } = sched.ratesAt(date);
      const counts = new Map<string, { n: number; i: number }>();
      let sum = 0;
      let covered = 0;
      let mn = Infinity;
      let mx = -Infinity;
      for (let i = 0; i < n; i++) {
        let sig = '';
        for (let a = 0; a < A; a++) sig += byAuthority[i * A + a] + ',';
        const c = counts.get(sig);
        if (c) c.n++;
        else counts.set(sig, { n: 1, i });
        sum += total[i];
        if (total[i] > 0) covered++;
        mn = Math.min(mn, total[i]);
        mx = Math.max(mx, total[i]);
      }
      let best = { n: -1, i: 0 };
      for (const c of counts.values())
        if (c.n > best.n || (c.n === best.n && total[c.i] > total[best.i])) best = c;
      const layers: Record<string, number> = {};
      for (let a = 0; a < A; a++) {
        const v = byAuthority[best.i * A + a];
        if (v) layers[sched.authorities[a]] = round(v);
      }
      return {
        date,
        total_pct: round(total[best.i]),
        layers,
        modal_share: best.n / n,
        mean_pct: round(sum / n),
        coverage_share: covered / n,
        min_total_pct: round(mn),
        max_total_pct: round(mx),
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
      value:
        'rates on the first day of each period; total_pct and layers are the stack shared by the most tariff lines of the selection (additional duties, MFN not included)',
      points,
    };
  });
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Trade-weighted effective rate by authority (shipped base-year flows, US<-CN and CN<-US). */
export function effectiveSeries(
  scn: Scenario,
  q: { importer: string; exporter: string; from: string; to: string; step: 'week' | 'month' },
) {
  return cached(scn, 'effective:' + JSON.stringify(q), () => {
    const data = shippedTrade();
    let base;
    try {
      base = baseWeightsFor(q.importer, q.exporter, data);
    } catch (err) {
      if (isInputError(err)) throw new ApiError('input', 'no_flows', err.message, 'query.importer');
      throw err;
    }
    const s = scenarioRateSeries(scn, base, data, { from: q.from, to: q.to, step: q.step, by: 'authority' });
    return {
      scenario: scn.id,
      importer: q.importer,
      exporter: q.exporter,
      basis: s.basis,
      value: s.value,
      points: s.points.map((p) => ({
        start: p.start,
        end: p.end,
        average_pct: round(p.average_pct),
        coverage_share: p.coverage_share,
        revenue_usd: p.revenue_usd,
        by: Object.fromEntries((p.by ?? []).map((b) => [b.name, round(b.average_pct)])),
      })),
    };
  });
}

export function claims(scn: Scenario) {
  return cached(scn, 'claims', () => ({ scenario: scn.id, claims: scenarioClaims(scn, shippedTrade()) }));
}

export function response(scn: Scenario, q: { at: string; base_date: string; model: 'smart' | 'ces' }) {
  return cached(scn, 'response:' + JSON.stringify(q), () => {
    return { scenario: scn.id, ...scenarioResponse(scn, shippedTrade(), q) };
  });
}

/** Every product group's stacks on a date for one direction: the most common stack, min and max. */
export function groupsOn(scn: Scenario, q: { date: string; importer: string; exporter: string }) {
  return cached(scn, 'groups:' + JSON.stringify(q), () => {
    checkActor(scn, q.importer, 'query.importer');
    checkActor(scn, q.exporter, 'query.exporter');
    const groups = Object.entries(scn.products.groups).map(([id, g]) => {
      const ps = productStacks(scn, { importer: q.importer, exporter: q.exporter, date: q.date, group: id });
      const top = ps.stacks[0];
      return {
        group: id,
        title: g.title ?? id,
        line_count: ps.line_count,
        total_pct: top?.total_pct ?? 0,
        modal_share: top ? top.line_count / Math.max(ps.line_count, 1) : 0,
        min_total_pct: ps.min_total_pct,
        max_total_pct: ps.max_total_pct,
        layers: Object.fromEntries((top?.layers ?? []).map((l) => [l.authority, l.rate_pct])),
      };
    });
    return { scenario: scn.id, date: q.date, importer: q.importer, exporter: q.exporter, groups };
  });
}
