// Rare-earth exposure for the dashboard: licensing state over time (from the scenario's export
// control and any licensing regime), face-value exposure of US imports, IO look-through exposure
// by industry and country (WIOD 2013 table, 2011) and weekly output loss, plus a flow diagram.
import {
  DEFAULT_TRADE_DIR,
  loadTable,
  readExposureTradeRows,
  WIOD_CITATION,
  loadBottleneckInputs,
  loadExposureInputs,
} from '../io/index.ts';
import { bottleneckInputsAt, bottleneckReport } from '../report/index.ts';
import { exportControlState } from '../ledger/index.ts';
import type { Scenario } from '../model/index.ts';
import {
  chokepointWeights,
  demandShock,
  faceValueExposure,
  findSector,
  MrioInputError,
  RARE_EARTH_HS_MAP,
  runChokepoint,
  supplyShock,
  topChanges,
  changesByRegion,
  weeklySupply,
  type IOModel,
  type LicensingStep,
  BottleneckInputError,
} from '../supply/index.ts';
import { addDays } from './analysis.ts';
import { ApiError } from './errors.ts';

// The IO table and the bridge's trade files, read once per process by the library's io readers
// (the same ones the CLI uses).
export function ioModel(): Promise<IOModel> {
  return loadTable({}).then((t) => t.model);
}

export const DEFAULT_CONTROL = 'cn-ec-ree-2025-04-04';

const sectorName = (m: IOModel, sector: string) => m.labels.find((l) => l.sector === sector)?.name ?? sector;

const pending = new WeakMap<Scenario, Map<string, Promise<unknown>>>();
function replace(scn: Scenario, key: string, p: Promise<unknown>) {
  let m = pending.get(scn);
  if (!m) pending.set(scn, (m = new Map()));
  if (m.size >= 50) m.clear();
  m.set(key, p);
}

export function exposureCached(
  scn: Scenario,
  q: { measure: string; from: string; weeks: number; target: string },
) {
  const key = 'exposure:' + JSON.stringify(q);
  const m = pending.get(scn);
  const hit = m?.get(key);
  if (hit) return hit;
  const p = exposureCompute(scn, q);
  replace(scn, key, p);
  p.catch(() => pending.get(scn)?.delete(key));
  return p;
}

async function exposureCompute(
  scn: Scenario,
  q: { measure: string; from: string; weeks: number; target: string },
) {
  const ctl = scn.measures.find((m) => m.id === q.measure);
  if (!ctl || ctl.kind !== 'export_control')
    throw new ApiError(
      'input',
      'bad_request',
      `no export control "${q.measure}" in scenario ${scn.id} (export controls: ${scn.measures
        .filter((m) => m.kind === 'export_control')
        .map((m) => m.id)
        .join(', ')})`,
      'query.measure',
    );
  return compute(scn, q);
}

async function compute(scn: Scenario, q: { measure: string; from: string; weeks: number; target: string }) {
  const [m, [partners, china]] = await Promise.all([ioModel(), readExposureTradeRows(DEFAULT_TRADE_DIR)]);
  // licensing state week by week, as the ledger reads it (the control and any licensing regime)
  const licensing = [];
  const path: LicensingStep[] = [];
  for (let w = 0; w < q.weeks; w++) {
    const d = addDays(q.from, 7 * w);
    const s = exportControlState(scn, q.measure, d);
    const flow =
      s.in_force && s.licence_required
        ? (s.flow_share ?? (s.approval_share !== undefined ? s.approval_share : 1))
        : 1;
    licensing.push({
      week: w,
      date: d,
      in_force: s.in_force,
      licence_required: s.licence_required,
      status: s.status,
      flow_share: flow,
      approval_share: s.approval_share ?? null,
      processing_days: s.processing_days ?? null,
      basis: s.basis ?? null,
      assumption: s.assumption ?? false,
      set_by: s.licensing_set_by ?? null,
    });
    path.push(s.in_force && s.licence_required ? { from: d, flowShare: flow } : { from: d, inForce: false });
  }
  let supply;
  let run;
  let weights;
  try {
    weights = chokepointWeights(m, china);
    supply = weeklySupply(path, q.from, q.weeks);
    const targets = q.target === 'all' ? undefined : [q.target];
    if (targets && !m.regions.includes(q.target))
      throw new ApiError(
        'input',
        'bad_request',
        `unknown region "${q.target}" (regions: ${m.regions.join(', ')}, or all)`,
        'query.target',
      );
    run = runChokepoint(m, weights, supply, { targets });
  } catch (err) {
    if (err instanceof MrioInputError) throw new ApiError('input', 'invalid', err.message);
    throw err;
  }
  const face = faceValueExposure(partners);
  // exposure by industry (summed over importing regions, excluding China) and by country
  const bySector = new Map<string, { loss: number; base: number }>();
  const byRegionSector = new Map<string, number>();
  for (let i = 0; i < m.n; i++) {
    const l = m.labels[i];
    if (l.region === 'CHN') continue;
    const loss = -run.fullCutDownstream[i];
    const e = bySector.get(l.sector) ?? { loss: 0, base: 0 };
    e.loss += loss;
    e.base += m.x[i];
    bySector.set(l.sector, e);
    byRegionSector.set(`${l.region}|${l.sector}`, loss);
  }
  const industries = [...bySector]
    .map(([sector, e]) => ({
      sector,
      name: sectorName(m, sector),
      loss: e.loss,
      share: e.base > 0 ? e.loss / e.base : 0,
    }))
    .sort((a, b) => b.loss - a.loss);
  const countries = run.fullCutByRegion.downstream
    .filter((r) => r.region !== 'CHN')
    .map((r) => ({ region: r.region, loss: -r.change, share: -r.relative }))
    .sort((a, b) => b.loss - a.loss);
  // exposure index of the importing industries (look-through share), top by sector x region
  const lookThrough = [];
  for (let i = 0; i < m.n; i++)
    if (m.labels[i].region !== 'CHN')
      lookThrough.push({
        region: m.labels[i].region,
        sector: m.labels[i].sector,
        name: m.labels[i].name ?? m.labels[i].sector,
        share: run.exposure.lookThroughShare[i],
      });
  lookThrough.sort((a, b) => b.share - a.share);

  // flow diagram: materials -> chokepoint industries -> using industries -> countries
  const TOP = 6;
  const topInd = industries.slice(0, TOP).map((x) => x.sector);
  const topCty = countries.slice(0, TOP).map((x) => x.region);
  const nodes: { id: string; label: string; stage: number }[] = [];
  const links: { source: string; target: string; value: number }[] = [];
  const node = (id: string, label: string, stage: number) => {
    if (!nodes.some((n) => n.id === id)) nodes.push({ id, label, stage });
  };
  for (const l of face.lines) {
    const mat = l.group === 'magnets' ? 'mat:magnets' : 'mat:rare-earths';
    node(
      mat,
      l.group === 'magnets'
        ? 'Permanent magnets (HS 8505.11)'
        : 'Rare-earth metals and compounds (HS 2805.30, 2846)',
      0,
    );
    node('cp:' + l.sector, sectorName(m, l.sector), 1);
    links.push({ source: mat, target: 'cp:' + l.sector, value: l.from_china_usd });
  }
  const cpTotal = new Map<string, number>();
  for (const lk of links) cpTotal.set(lk.target, (cpTotal.get(lk.target) ?? 0) + lk.value);
  const importsTotal = [...cpTotal.values()].reduce((a, b) => a + b, 0);
  const lossTotal = industries.reduce((a, b) => a + b.loss, 0);
  const indKey = (s: string) => (topInd.includes(s) ? 'ind:' + s : 'ind:other');
  const ctyKey = (r: string) => (topCty.includes(r) ? 'cty:' + r : 'cty:other');
  for (const s of topInd) node('ind:' + s, sectorName(m, s), 2);
  node('ind:other', 'Other industries', 2);
  for (const r of topCty) node('cty:' + r, r === 'RoW' ? 'Rest of world' : r, 3);
  node('cty:other', 'Other countries', 3);
  // stage 1 -> 2: each chokepoint's share of imports, spread over using industries by their loss share
  const indLoss = new Map<string, number>();
  for (const x of industries) indLoss.set(indKey(x.sector), (indLoss.get(indKey(x.sector)) ?? 0) + x.loss);
  for (const [cp, v] of cpTotal)
    for (const [ind, loss] of indLoss)
      if (lossTotal > 0 && importsTotal > 0)
        links.push({
          source: cp,
          target: ind,
          value: (v / importsTotal) * (loss / lossTotal) * importsTotal,
        });
  // stage 2 -> 3: output loss by industry x country, scaled to the same total
  const agg = new Map<string, number>();
  for (const [k, loss] of byRegionSector) {
    const [r, s] = k.split('|');
    const kk = `${indKey(s)}>${ctyKey(r)}`;
    agg.set(kk, (agg.get(kk) ?? 0) + loss);
  }
  for (const [k, loss] of agg) {
    const [a, b] = k.split('>');
    if (loss > 0 && lossTotal > 0)
      links.push({ source: a, target: b, value: (loss / lossTotal) * importsTotal });
  }
  return {
    scenario: scn.id,
    measure: q.measure,
    from: q.from,
    weeks: q.weeks,
    target: q.target,
    basis: {
      table: `${WIOD_CITATION} (WIOD 2013 release, year 2011; values in USD millions at annual rates)`,
      bridge: weights.map((w) => w.basis),
      assumption:
        "The rare-earth share of China's 2024 deliveries to the US in each industry holds for that industry's deliveries to every buyer; the 2024 product mix applies to the 2011 table's structure.",
      flow_diagram:
        'widths: US imports from China of each material (2024, USD), carried forward in proportion to the full-cut output loss of each using industry and country (Ghosh forward model); later stages are shares of the same total, not separate USD amounts',
    },
    licensing,
    weekly: run.weekly.map((w) => ({
      week: w.week,
      date: w.weekStart,
      cut: w.cut,
      downstream_loss: w.downstreamLoss,
      upstream_loss: w.upstreamLoss,
    })),
    face_value: face,
    chokepoints: weights.map((w) => ({
      sector: w.sector,
      name: sectorName(m, w.sector),
      weight: w.weight,
      rare_earth_imports_usd: w.rareEarthImportsUsd,
      sector_imports_usd: w.sectorImportsUsd,
    })),
    industries: industries.slice(0, 15),
    countries: countries.slice(0, 15),
    look_through: lookThrough.slice(0, 15),
    flow: { nodes, links: links.filter((l) => l.value > 0) },
    hs_map: RARE_EARTH_HS_MAP,
  };
}

/** A demand or supply shock on one sector of the IO table (REGION:SECTOR), top changes and by region. */
export async function ioShock(q: { kind: 'demand' | 'supply'; sector: string; change: number; top: number }) {
  const m = await ioModel();
  try {
    const i = findSector(m, q.sector);
    let dx: Float64Array;
    if (q.kind === 'demand') {
      const dy = new Float64Array(m.n);
      dy[i] = q.change;
      dx = demandShock(m, dy).dx;
    } else dx = supplyShock(m, [{ index: i, change: q.change }]).dx;
    const byRegion = changesByRegion(m, dx).sort((a, b) => Math.abs(b.change) - Math.abs(a.change));
    return {
      kind: q.kind,
      sector: `${m.labels[i].region}:${m.labels[i].sector}`,
      name: m.labels[i].name ?? null,
      change: q.change,
      unit: 'USD millions (WIOD 2011, annual)',
      top: topChanges(m, dx, q.top),
      by_region: byRegion.slice(0, q.top),
    };
  } catch (err) {
    if (err instanceof MrioInputError) throw new ApiError('input', 'invalid', err.message, 'body.sector');
    throw err;
  }
}

/** Regions and industries of the IO table (for pickers). */
export async function ioLabels() {
  const m = await ioModel();
  const sectors = new Map<string, string>();
  for (const l of m.labels) if (!sectors.has(l.sector)) sectors.set(l.sector, l.name ?? l.sector);
  return {
    regions: m.regions,
    sectors: [...sectors].map(([code, name]) => ({ code, name })),
    unit: 'USD millions (WIOD 2011, annual)',
  };
}

/** The bottleneck exposure view (src/report's bottleneckReport; this only loads, caches and maps errors). */
export function bottleneckCached(
  scn: Scenario,
  q: { start: string; weeks: number; hold_flows_from?: string | undefined },
) {
  const key = 'bottleneck:' + JSON.stringify(q);
  const hit = pending.get(scn)?.get(key);
  if (hit) return hit;
  const p = (async () => {
    const [inputs, linearInputs] = await Promise.all([
      loadBottleneckInputs(bottleneckInputsAt(scn)),
      loadExposureInputs({}),
    ]);
    try {
      return bottleneckReport(scn, inputs, linearInputs, {
        start: q.start,
        weeks: q.weeks,
        ...(q.hold_flows_from ? { hold_flows_from: q.hold_flows_from } : {}),
      });
    } catch (err) {
      if (err instanceof BottleneckInputError) throw new ApiError('input', 'invalid', err.message, 'query');
      throw err;
    }
  })();
  replace(scn, key, p);
  p.catch(() => pending.get(scn)?.delete(key));
  return p;
}
