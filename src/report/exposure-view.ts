// "How does China's rare-earth licensing reach industries and countries, week by week?" The
// dashboard's exposure view (GET /api/scenarios/:name/exposure): one export control's licensing
// state over a window of weeks (from the ledger), face-value exposure of US imports, IO
// look-through exposure by industry and country, the weekly output loss, and a flow diagram.
// Computed once, here; the server only loads the tables and caches. Money fields carry their
// unit: `_usd_m` is USD millions of the IO table (WIOD 2011 prices and structure), `_usd` USD.
import { exportControlState } from '../ledger/index.ts';
import { addDays, type Scenario } from '../model/index.ts';
import {
  chokepointWeights,
  faceValueExposure,
  RARE_EARTH_HS_MAP,
  runChokepoint,
  usdPerUnit,
  weeklySupply,
  type IOModel,
  type LicensingStep,
} from '../supply/index.ts';
import type { ExposureInputs } from './exposure.ts';
import { fieldError, type FieldLabel } from './query.ts';

export interface ExposureViewQuery {
  /** The export control (a measure id of kind export_control). */
  measure: string;
  /** First week. */
  from: string;
  weeks: number;
  /** A region of the table, or `all`. */
  target: string;
}

export interface ExposureView {
  scenario: string;
  measure: string;
  from: string;
  weeks: number;
  target: string;
  basis: { table: string; bridge: string[]; assumption: string; flow_diagram: string };
  licensing: {
    week: number;
    date: string;
    in_force: boolean;
    licence_required: boolean;
    status: string | null;
    flow_share: number;
    approval_share: number | null;
    processing_days: number | null;
    basis: string | null;
    assumption: boolean;
    set_by: string | null;
  }[];
  weekly: {
    week: number;
    date: string;
    cut_share: number;
    downstream_loss_usd_m: number;
    upstream_loss_usd_m: number;
  }[];
  face_value: ReturnType<typeof faceValueExposure>;
  chokepoints: {
    sector: string;
    name: string;
    weight: number;
    rare_earth_imports_usd: number;
    sector_imports_usd: number;
  }[];
  /** Output lost at a full cut, annual, summed over importing regions (China excluded). */
  industries: { sector: string; name: string; loss_usd_m: number; loss_share: number }[];
  countries: { region: string; loss_usd_m: number; loss_share: number }[];
  look_through: { region: string; sector: string; name: string; look_through_share: number }[];
  flow: {
    nodes: { id: string; label: string; stage: number }[];
    links: { source: string; target: string; value: number }[];
  };
  hs_map: typeof RARE_EARTH_HS_MAP;
}

/** Rows listed per ranking (industries, countries, look-through). */
const TOP_ROWS = 15;
/** Industries and countries drawn in the flow diagram (the rest as "other"). */
const TOP_FLOW = 6;

const sectorName = (m: IOModel, sector: string) => m.labels.find((l) => l.sector === sector)?.name ?? sector;

/** The exposure view of one export control over `q.weeks` weeks from `q.from`. */
export function exposureView(
  scn: Scenario,
  inputs: ExposureInputs,
  q: ExposureViewQuery,
  label: FieldLabel,
): ExposureView {
  const ctl = scn.measures.find((x) => x.id === q.measure);
  if (!ctl || ctl.kind !== 'export_control')
    throw fieldError(
      label,
      'measure',
      `no export control "${q.measure}" in scenario ${scn.id} (export controls: ${scn.measures
        .filter((x) => x.kind === 'export_control')
        .map((x) => x.id)
        .join(', ')})`,
    );
  const m = inputs.table.model;
  if (q.target !== 'all' && !m.regions.includes(q.target))
    throw fieldError(
      label,
      'target',
      `unknown region "${q.target}" (regions: ${m.regions.join(', ')}, or all)`,
    );
  // table units -> USD millions (the shipped WIOD table is in USD millions already)
  const toUsdM = usdPerUnit(m.unit) / 1e6;
  const [partners, china] = inputs.trade;
  // licensing state week by week, as the ledger reads it (the control and any licensing regime)
  const licensing: ExposureView['licensing'] = [];
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
  const weights = chokepointWeights(m, china);
  const supply = weeklySupply(path, q.from, q.weeks);
  const run = runChokepoint(m, weights, supply, { targets: q.target === 'all' ? undefined : [q.target] });
  const face = faceValueExposure(partners, inputs.world);
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
      loss_usd_m: e.loss * toUsdM,
      loss_share: e.base > 0 ? e.loss / e.base : 0,
    }))
    .sort((a, b) => b.loss_usd_m - a.loss_usd_m);
  const countries = run.fullCutByRegion.downstream
    .filter((r) => r.region !== 'CHN')
    .map((r) => ({ region: r.region, loss_usd_m: -r.change * toUsdM, loss_share: -r.relative }))
    .sort((a, b) => b.loss_usd_m - a.loss_usd_m);
  // exposure index of the importing industries (look-through share), top by sector x region
  const lookThrough: ExposureView['look_through'] = [];
  for (let i = 0; i < m.n; i++)
    if (m.labels[i].region !== 'CHN')
      lookThrough.push({
        region: m.labels[i].region,
        sector: m.labels[i].sector,
        name: m.labels[i].name ?? m.labels[i].sector,
        look_through_share: run.exposure.lookThroughShare[i],
      });
  lookThrough.sort((a, b) => b.look_through_share - a.look_through_share);
  const citation = inputs.table.table.citation ?? inputs.table.table.name;
  return {
    scenario: scn.id,
    measure: q.measure,
    from: q.from,
    weeks: q.weeks,
    target: q.target,
    basis: {
      table: `${citation} (WIOD 2013 release, year 2011; values in USD millions at annual rates)`,
      bridge: weights.map((w) => w.basis ?? ''),
      assumption:
        "The rare-earth share of China's 2024 deliveries to the US in each industry holds for that industry's deliveries to every buyer; the 2024 product mix applies to the 2011 table's structure.",
      flow_diagram:
        'widths: US imports from China of each material (2024, USD), carried forward in proportion to the full-cut output loss of each using industry and country (Ghosh forward model); later stages are shares of the same total, not separate USD amounts',
    },
    licensing,
    weekly: run.weekly.map((w) => ({
      week: w.week,
      date: w.weekStart,
      cut_share: w.cut,
      downstream_loss_usd_m: w.downstreamLoss * toUsdM,
      upstream_loss_usd_m: w.upstreamLoss * toUsdM,
    })),
    face_value: face,
    chokepoints: weights.map((w) => ({
      sector: w.sector,
      name: sectorName(m, w.sector),
      weight: w.weight,
      rare_earth_imports_usd: w.rareEarthImportsUsd,
      sector_imports_usd: w.sectorImportsUsd,
    })),
    industries: industries.slice(0, TOP_ROWS),
    countries: countries.slice(0, TOP_ROWS),
    look_through: lookThrough.slice(0, TOP_ROWS),
    flow: flowDiagram(m, face, industries, countries, byRegionSector, toUsdM),
    hs_map: RARE_EARTH_HS_MAP,
  };
}

/** Flow diagram: materials -> chokepoint industries -> using industries -> countries (widths: see basis.flow_diagram). */
function flowDiagram(
  m: IOModel,
  face: ReturnType<typeof faceValueExposure>,
  industries: { sector: string; loss_usd_m: number }[],
  countries: { region: string }[],
  byRegionSector: Map<string, number>,
  toUsdM: number,
): ExposureView['flow'] {
  const topInd = industries.slice(0, TOP_FLOW).map((x) => x.sector);
  const topCty = countries.slice(0, TOP_FLOW).map((x) => x.region);
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
  const lossTotal = industries.reduce((a, b) => a + b.loss_usd_m, 0);
  const indKey = (s: string) => (topInd.includes(s) ? 'ind:' + s : 'ind:other');
  const ctyKey = (r: string) => (topCty.includes(r) ? 'cty:' + r : 'cty:other');
  for (const s of topInd) node('ind:' + s, sectorName(m, s), 2);
  node('ind:other', 'Other industries', 2);
  for (const r of topCty) node('cty:' + r, r === 'RoW' ? 'Rest of world' : r, 3);
  node('cty:other', 'Other countries', 3);
  // stage 1 -> 2: each chokepoint's share of imports, spread over using industries by their loss share
  const indLoss = new Map<string, number>();
  for (const x of industries)
    indLoss.set(indKey(x.sector), (indLoss.get(indKey(x.sector)) ?? 0) + x.loss_usd_m);
  for (const [cp, v] of cpTotal)
    for (const [ind, loss] of indLoss)
      if (lossTotal > 0 && importsTotal > 0)
        links.push({
          source: cp,
          target: ind,
          value: (v / importsTotal) * (loss / lossTotal) * importsTotal,
        });
  // stage 2 -> 3: output loss by industry x country (table units), scaled to the same total
  const tableLossTotal = lossTotal / toUsdM;
  const agg = new Map<string, number>();
  for (const [k, loss] of byRegionSector) {
    const [r, s] = k.split('|');
    const kk = `${indKey(s)}>${ctyKey(r)}`;
    agg.set(kk, (agg.get(kk) ?? 0) + loss);
  }
  for (const [k, loss] of agg) {
    const [a, b] = k.split('>');
    if (loss > 0 && tableLossTotal > 0)
      links.push({ source: a, target: b, value: (loss / tableLossTotal) * importsTotal });
  }
  return { nodes, links: links.filter((l) => l.value > 0) };
}
