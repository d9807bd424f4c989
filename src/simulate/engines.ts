// Adapters to the other engines, at the edge (they read shipped data files): base-year flows
// from the trade engine and the rare-earth chokepoint bridge from the supply engine.
import { join, resolve } from 'node:path';
import {
  cachedCompute,
  loadShippedTradeData,
  readChinaImportsHs,
  DEFAULT_MRIO_DIR,
  DEFAULT_TRADE_DIR,
  SUPPLY_DATA_DIR,
  TRADE_DATA_DIR,
  loadBottleneckInputs,
  loadIoModel,
  type BottleneckInputs,
} from '../io/index.ts';
import { baseWeightsFor } from '../trade/index.ts';
import { chokepointWeights, runChokepoint } from '../supply/index.ts';
import type { Scenario } from '../model/index.ts';
import type { BaseFlows, PrepareInputs, Prepared, SupplyBridge } from './prepared.ts';
import { prepare } from './setup.ts';
import { resolveConfig, SimulationConfigError } from './config.ts';
import { prepareRareEarthBottleneck, type BottleneckVariant } from './rare-earth.ts';

let flowCache: Record<string, BaseFlows> | null = null;
/** Bridges by IO table and pair; the promise is cached so concurrent callers (the server) share one solve. */
const bridgeCache = new Map<string, Promise<SupplyBridge>>();

/** Base-year flows of both directions from the trade engine (2024 US imports from China by HTS10; China-side weights). */
export function tradeFlows(actors: [string, string]): Record<string, BaseFlows> {
  if (!flowCache) {
    const data = loadShippedTradeData();
    flowCache = {};
    for (const [i, x] of [
      ['US', 'CN'],
      ['CN', 'US'],
    ]) {
      const b = baseWeightsFor(i, x, data);
      flowCache[`${i}<-${x}`] = { lines: b.lines, weights_usd: b.weights_usd, description: b.description };
    }
  }
  const out: Record<string, BaseFlows> = {};
  for (const [i, x] of [
    [actors[0], actors[1]],
    [actors[1], actors[0]],
  ]) {
    const f = flowCache[`${i}<-${x}`];
    if (!f)
      throw new SimulationConfigError([
        {
          path: ['actors'],
          message: `the trade engine ships base-year flows for US and CN only, not ${i} <- ${x}`,
        },
      ]);
    out[`${i}<-${x}`] = f;
  }
  return out;
}

/**
 * Weekly output lost per unit cut of China's rare-earth exports to the US (supply engine:
 * WIOD 2013, 2011 table; chokepoint rows weighted by the 2024 rare-earth share of China's
 * deliveries). Loss is linear in the cut (Ghosh / Leontief partial extraction), so one solve
 * at cut = 1 gives the coefficient. IO values are million USD a year: x 1e6 x 7/365.
 */
export function rareEarthBridge(
  exporter: string,
  importer: string,
  /** ISO3 region of the IO table for each actor: the scenario's views.actor_regions. */
  regions: Readonly<Record<string, string>>,
  mrioDir = DEFAULT_MRIO_DIR,
): Promise<SupplyBridge> {
  const key = `${mrioDir}|${exporter}=${regions[exporter]}|${importer}=${regions[importer]}`;
  let hit = bridgeCache.get(key);
  if (!hit) {
    hit = computeBridge(exporter, importer, regions, mrioDir);
    bridgeCache.set(key, hit);
    hit.catch(() => bridgeCache.delete(key)); // a failure is not cached
  }
  return hit;
}

async function computeBridge(
  exporter: string,
  importer: string,
  regions: Readonly<Record<string, string>>,
  mrioDir: string,
): Promise<SupplyBridge> {
  const ex = regions[exporter];
  const im = regions[importer];
  if (!ex || !im)
    return {
      importer_loss_usd_per_week: 0,
      exporter_loss_usd_per_week: 0,
      basis: `no IO region for ${exporter} or ${importer}: chokepoint loss not modelled`,
    };
  const m = await loadIoModel(mrioDir);
  const fromChina = await readChinaImportsHs(join(DEFAULT_TRADE_DIR, 'us_imports_from_china_2024_hs10.csv'));
  const weights = chokepointWeights(m, fromChina, ex);
  const run = runChokepoint(
    m,
    weights,
    [{ week: 0, weekStart: '2025-01-01', available: 0, cut: 1, basis: 'full cut' }],
    { exporterRegion: ex, targets: [im] },
  );
  const scale = /million/i.test(m.unit) ? 1e6 : /billion/i.test(m.unit) ? 1e9 : 1;
  const r = run.weekly[0].byRegion;
  const imp = r.find((x) => x.region === im);
  const exp = r.find((x) => x.region === ex);
  const b: SupplyBridge = {
    importer_loss_usd_per_week: (imp?.downstream ?? 0) * scale,
    exporter_loss_usd_per_week: (exp?.upstream ?? 0) * scale,
    basis: `supply engine, ${m.name || 'IO table'} (${m.unit}): output lost in ${im} (Ghosh forward) and ${ex} (Leontief backward) for a full cut of ${ex}'s rare-earth deliveries to ${im}, rare-earth share of each industry's deliveries ${weights.map((w) => `${w.sector} ${Number((100 * w.weight).toPrecision(3))}%`).join(', ')}; weekly = annual x 7/365`,
  };
  return b;
}

export interface PrepareOptions {
  weeks?: number;
  start?: string;
  /** Skip the IO table (tests): give the bridge directly (the linear rare-earth loss, no bottleneck model). */
  supply?: SupplyBridge;
  /** The importer's rare-earth loss: the stock-flow bottleneck model (default) or the linear cost share. */
  rareEarth?: 'bottleneck' | 'linear';
  /** The bottleneck model's inputs (default: the shipped data/supply and WIOD table). */
  bottleneckInputs?: BottleneckInputs;
  /** Vary the bottleneck model (buffers, lags, priority licences) for sensitivity. */
  bottleneck?: BottleneckVariant;
  /**
   * Reuse the prepared scenario of an earlier process (the compiled CLI): the IO table's
   * solve, the tariff directions and the bottleneck model are the same for every run and every
   * process while the scenario, these options, the shipped data and the build are.
   */
  cache?: boolean;
}

/** The data folders prepareScenario reads with its default inputs (trade flows, IO table, supply data). */
const PREPARE_DATA_DIRS = [
  ...new Set([TRADE_DATA_DIR, DEFAULT_TRADE_DIR, DEFAULT_MRIO_DIR, SUPPLY_DATA_DIR].map((d) => resolve(d))),
];

/** Resolve the simulation block and compute everything the loop needs, from the engines. */
export async function prepareScenario(scn: Scenario, opts: PrepareOptions = {}): Promise<Prepared> {
  const { cache, ...rest } = opts;
  // inputs given by hand (tests) are not in the cache's key: computed every time
  if (cache && !rest.supply && !rest.bottleneckInputs)
    return cachedCompute(`prepared:${scn.id}:${JSON.stringify(rest)}`, scn, PREPARE_DATA_DIRS, () =>
      computePrepared(scn, rest),
    );
  return computePrepared(scn, rest);
}

async function computePrepared(scn: Scenario, opts: PrepareOptions): Promise<Prepared> {
  const cfg = resolveConfig(scn);
  const regions = scn.views.actor_regions ?? {};
  const inputs: PrepareInputs = {
    flows: tradeFlows(cfg.actors),
    supply: opts.supply ?? (await rareEarthBridge(cfg.actors[1], cfg.actors[0], regions)),
  };
  const p = prepare(scn, inputs, {
    ...(opts.weeks !== undefined ? { weeks: opts.weeks } : {}),
    ...(opts.start !== undefined ? { start: opts.start } : {}),
  });
  const [im, ex] = [regions[cfg.actors[0]], regions[cfg.actors[1]]];
  if (!opts.supply && opts.rareEarth !== 'linear' && im && ex) {
    const bn =
      opts.bottleneckInputs ??
      (await loadBottleneckInputs(
        scn.as_known_on ? { knownOn: scn.as_known_on } : scn.as_of ? { ledgerDate: scn.as_of } : {},
      ));
    // a view from before the first observed flow month (the 2018-2020 episode) keeps the linear loss
    if (bn.data.users.some((u) => u.country === im) && bn.data.flows.some((f) => f.destination === im))
      p.supply = {
        ...p.supply,
        bottleneck: prepareRareEarthBottleneck(scn, p, bn, { importer: im, exporter: ex }, opts.bottleneck),
      };
  }
  return p;
}
