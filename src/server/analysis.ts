// Scenario questions the dashboard asks: ledger on a date, timeline rows, tariff stacks over
// time (by authority, both directions, by product group), claims, trade response. Results are
// cached per scenario object and query; a what-if copy of a scenario has its own cache.
import { hsCodes, loadHsSections, loadShippedTradeData, loadUsImports2024ByPartner } from '../io/index.ts';
import type { Scenario } from '../model/index.ts';
import type { ShippedTrade } from '../trade/index.ts';
import { isInputError } from '../errors/index.ts';
import {
  claimsReport,
  effectiveRates,
  groupStacks,
  ledgerReport,
  queryField,
  tariffStackSeries,
  timelineReport,
  tradeResponse,
  withElasticities,
  withOverrides,
  type EffectiveQuery,
  type ElasticityEdit,
  type LedgerQuery,
  type LedgerReport,
  type TariffOverride,
  type TariffStackQuery,
  type TimelineQuery,
  type TradeResponseQuery,
} from '../report/index.ts';
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

// ---------------------------------------------------------------------------------------------
// what-ifs

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
  return withOverrides(scn, overrides, (f) => `body.${f}`);
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

export function timelineView(scn: Scenario, q: TimelineQuery) {
  return cached(scn, 'timeline:' + JSON.stringify(q), () => timelineReport(scn, q, queryField));
}

// ---------------------------------------------------------------------------------------------
// the report layer's questions, cached per scenario and query

export function tariffSeries(scn: Scenario, q: TariffStackQuery) {
  return cached(scn, 'tariffs:' + JSON.stringify(q), () =>
    tariffStackSeries(scn, q, shippedTrade, queryField),
  );
}

export function effectiveSeries(scn: Scenario, q: EffectiveQuery) {
  return cached(scn, 'effective:' + JSON.stringify(q), () => {
    try {
      return effectiveRates(scn, { trade: shippedTrade(), sections: loadHsSections() }, q, queryField);
    } catch (err) {
      // no shipped flows for the direction: said at the direction asked for
      if (isInputError(err) && !(err as { location?: unknown }).location)
        throw new ApiError('input', 'no_flows', (err as Error).message, 'query.importer');
      throw err;
    }
  });
}

export function claims(scn: Scenario) {
  return cached(scn, 'claims', () => claimsReport(scn, shippedTrade()));
}

export function response(
  scn: Scenario,
  q: TradeResponseQuery,
  edits: { overrides?: TariffOverride[]; elasticities?: ElasticityEdit | null } = {},
) {
  return cached(scn, 'response:' + JSON.stringify([q, edits]), () => {
    const s = withElasticities(scn, edits.elasticities);
    return tradeResponse(s, shippedTrade(), q, queryField, edits).report;
  });
}

/** Every product group's stacks on a date for one direction: the most common stack, min and max. */
export function groupsOn(scn: Scenario, q: { date: string; importer: string; exporter: string }) {
  return cached(scn, 'groups:' + JSON.stringify(q), () => groupStacks(scn, q, queryField));
}
