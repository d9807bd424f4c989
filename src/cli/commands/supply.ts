import type { Command } from 'commander';
import {
  DEFAULT_MRIO_DIR,
  DEFAULT_TRADE_DIR,
  readChinaImportsHs,
  readImportsByPartner,
  readMrio,
  DEFAULT_SCENARIO,
} from '../../io/index.ts';
import { exportControlState, exportControlsInForce } from '../../ledger/index.ts';
import type { Scenario } from '../../model/index.ts';
import {
  changesByRegion,
  chokepointWeights,
  csrDensity,
  demandShock,
  exportCut,
  faceValueExposure,
  findSector,
  hypotheticalExtraction,
  labelText,
  leontiefInverse,
  ghoshInverse,
  linkages,
  multipliers,
  prepareModel,
  runChokepoint,
  supplyShock,
  topChanges,
  valueAddedInTrade,
  weeklySupply,
  type ImportRow,
  type IOModel,
  type LicensingStep,
  type ShockModel,
  type SolveMethod,
  type SolveOptions,
  type WeeklySupply,
  usdPerUnit,
} from '../../supply/index.ts';
import { parseDateOption, parseNumberOption } from '../args.ts';
import { UserError } from '../errors.ts';
import { emit, fmt, sig, table, type OutputOptions } from '../output.ts';
import { beyondAsOf, loadForCli } from '../scenario.ts';
import { join } from 'node:path';
import {
  csvBottleneck,
  humanBottleneck,
  runBottleneckCli,
  type BottleneckCliOptions,
} from './exposure-bottleneck.ts';

interface MrioOptions extends OutputOptions {
  mrio?: string;
  year?: string;
  clean?: boolean;
  method?: string;
}

export interface LoadedTable {
  model: IOModel;
  table: {
    name: string;
    dir: string;
    format: string;
    isDefault: boolean;
    n: number;
    regions: number;
    sectors: number;
    unit: string;
    densityOfA: number;
    spectralRadius: { lower: number; upper: number; estimate: number };
    citation?: string;
  };
  cleaning: IOModel['cleaning'];
  note?: string;
}

const modelCache = new Map<string, LoadedTable>();

/** Read and prepare a table (default: the shipped WIOD 2011 world table, cleaned). */
export async function loadTable(opts: {
  mrio?: string;
  year?: number;
  clean?: boolean;
}): Promise<LoadedTable> {
  const isDefault = opts.mrio === undefined;
  const dir = opts.mrio ?? DEFAULT_MRIO_DIR;
  const clean = opts.clean ?? isDefault;
  const key = `${dir}|${opts.year ?? ''}|${clean}`;
  const hit = modelCache.get(key);
  if (hit) return hit;
  const sys = await readMrio(dir, opts.year !== undefined ? { year: opts.year } : {});
  const model = prepareModel(sys, { clean });
  const out: LoadedTable = {
    model,
    table: {
      name: sys.name,
      dir: isDefault ? 'data/mrio/wiod2013' : dir,
      format: sys.format,
      isDefault,
      n: model.n,
      regions: model.regions.length,
      sectors: model.sectors.length,
      unit: model.unit,
      densityOfA: csrDensity(model.A),
      spectralRadius: model.spectralRadius,
      ...(sys.citation ? { citation: sys.citation } : {}),
    },
    cleaning: model.cleaning,
    ...(isDefault
      ? { note: `no --mrio given: using the shipped ${sys.name} (data/mrio/wiod2013), cleaned` }
      : {}),
  };
  modelCache.set(key, out);
  return out;
}

function mrioFromOptions(o: MrioOptions): Promise<LoadedTable> {
  return loadTable({
    ...(o.mrio !== undefined ? { mrio: o.mrio } : {}),
    ...(o.year !== undefined
      ? { year: parseNumberOption('--year', o.year, { integer: true, min: 1900, max: 2100 }) }
      : {}),
    ...(o.clean !== undefined ? { clean: o.clean } : {}),
  });
}

function solveOpts(o: MrioOptions): SolveOptions {
  const m = o.method ?? 'auto';
  if (!['auto', 'dense', 'gmres'].includes(m))
    throw new UserError(`--method: expected auto, dense or gmres, got ${JSON.stringify(m)}`);
  return { method: m as SolveMethod };
}

function tableHeader(t: LoadedTable): string[] {
  const out = [
    `${t.table.name}: ${t.table.regions} regions x ${t.table.sectors} sectors (n = ${t.table.n}), ${t.table.unit}; A ${(100 * t.table.densityOfA).toFixed(1)} % dense; spectral radius of A ~ ${t.table.spectralRadius.estimate.toFixed(3)}`,
  ];
  if (t.note) out.push(t.note);
  for (const c of t.cleaning.changes) out.push(`cleaned: ${c.at}: ${c.detail}`);
  if (t.table.citation) out.push(`Cite: ${t.table.citation}`);
  return out;
}

const labelCols = (m: IOModel, i: number) => [m.labels[i].region, m.labels[i].sector, m.labels[i].name ?? ''];
// values of very different sizes (million USD a week, shares): three significant figures
const sci = sig;

const addMrioOptions = (c: Command) =>
  c
    .option('--mrio <dir>', 'IO table folder: pymrio text format or CSV layout (default: shipped WIOD 2011)')
    .option('--year <yyyy>', 'year, for a folder holding wiot_YYYY tables')
    .option(
      '--clean',
      'repair negative outputs/flows and negative value added (default for the shipped table)',
    )
    .option('--method <m>', 'linear solver: auto, dense or gmres', 'auto')
    .option('--json', 'print one JSON document')
    .option('--out <file>', 'write the result to a file');

const CALC_WHAT = ['x', 'A', 'L', 'G', 'multipliers', 'linkages', 'va'] as const;
type CalcWhat = (typeof CALC_WHAT)[number];

function parseWhat(raw: string): CalcWhat[] {
  const parts = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const p of parts)
    if (!(CALC_WHAT as readonly string[]).includes(p))
      throw new UserError(`--what: unknown item ${JSON.stringify(p)}; choose from ${CALC_WHAT.join(', ')}`);
  return parts as CalcWhat[];
}

/** Parse "REGION:SECTOR=-20%" into a sector index and a proportional change. */
export function parseShock(
  m: IOModel,
  flag: string,
  raw: string,
): { index: number; label: string; change: number } {
  const eq = raw.lastIndexOf('=');
  if (eq < 0)
    throw new UserError(
      `${flag}: expected REGION:SECTOR=PCT%, e.g. CHN:c14=-20%, got ${JSON.stringify(raw)}`,
    );
  const spec = raw.slice(0, eq);
  const pct = raw.slice(eq + 1).trim();
  if (!/^[-+]?\d+(\.\d+)?%$/.test(pct))
    throw new UserError(
      `${flag}: expected a percentage like -20%, got ${JSON.stringify(pct)} in ${JSON.stringify(raw)}`,
    );
  const change = Number(pct.slice(0, -1)) / 100;
  if (change < -1) throw new UserError(`${flag}: ${pct} is below -100%`);
  let index: number;
  try {
    index = findSector(m, spec);
  } catch (e) {
    throw new UserError(`${flag}: ${(e as Error).message}`);
  }
  return { index, label: labelText(m.labels[index]), change };
}

const collect = (v: string, prev: string[]) => [...prev, ...v.split(',').filter((s) => s.trim() !== '')];
const round = (x: number, d = 6) => (x === 0 ? 0 : Number(x.toPrecision(d + 4)));
const arr = (a: Float64Array) => Array.from(a, (v) => round(v));

// ---------------------------------------------------------------------------------------------
// Rare-earth exposure from a scenario's licensing state

const ACTOR_REGION: Record<string, string> = { US: 'USA', CN: 'CHN' };

export interface RareEarthExposure {
  scenario: string;
  date: string;
  warning?: string;
  table: LoadedTable['table'];
  controls: {
    measure_id: string;
    title: string;
    target: string;
    in_force: boolean;
    flow_share?: number;
    approval_share?: number;
    processing_days?: number;
    basis?: string;
    assumption?: boolean;
    sources: string[];
  }[];
  weekly: {
    week_start: string;
    available: number;
    cut: number;
    basis: string;
    downstream_loss: number;
    upstream_loss: number;
    us_loss: number;
    /** Downstream (importers') loss per region, per week. */
    by_region: Record<string, number>;
  }[];
  at: {
    week_start: string;
    cut: number;
    downstream_loss: number;
    upstream_loss: number;
    us_loss: number;
  } | null;
  /** Sums over the weekly path (start of the first control to the date). */
  cumulative: { weeks: number; downstream_loss: number; upstream_loss: number; us_loss: number };
  /** First-order benchmark (Hulten 1978; Baqaee & Farhi 2019): world GDP loss ≈ Domar weight x cut. */
  first_order: { domar_weight: number; controlled_sales: number; gdp_loss_at_date: number; note: string };
  face_value: ReturnType<typeof faceValueExposure>;
  chokepoints: { region: string; sector: string; weight: number; basis: string }[];
  us_industries: {
    sector: string;
    name: string;
    output: number;
    face_value_share: number;
    look_through_share: number;
    ghosh_share: number;
    loss_at_date: number;
    loss_share_at_date: number;
    /** Loss per week, aligned with `weekly`. */
    weekly_loss: number[];
  }[];
  countries: {
    region: string;
    output: number;
    look_through_exposure: number;
    loss_at_date: number;
    loss_share_at_date: number;
  }[];
  units: string;
  models: string[];
  assumptions: string[];
  report: { method: string; relativeResidual: number };
}

const tradeCache = new Map<string, Promise<[ImportRow[], ImportRow[]]>>();
/** The bridge's two trade files, read once per process. */
function tradeRows(dir: string): Promise<[ImportRow[], ImportRow[]]> {
  let p = tradeCache.get(dir);
  if (!p) {
    p = Promise.all([
      readImportsByPartner(join(dir, 'us_imports_2024_critical_minerals_hs6_by_partner.csv')),
      readChinaImportsHs(join(dir, 'us_imports_from_china_2024_hs10.csv')),
    ]);
    tradeCache.set(dir, p);
  }
  return p;
}

/** Is this export control about rare earths or magnets (by group, or by HS code of the groups)? */
function isRareEarthControl(scn: Scenario, s: { products: { hs?: string[]; groups?: string[] } }): boolean {
  const groups = ['rare-earths', 'magnets'];
  if ((s.products.groups ?? []).some((g) => groups.includes(g))) return true;
  const hs = groups.flatMap((g) => scn.products.groups[g]?.hs ?? []).map((h) => h.replace(/\./g, ''));
  return (s.products.hs ?? []).some((h) => hs.some((p) => h.replace(/\./g, '').startsWith(p)));
}

/** Weekly supply of one control, from its licensing state sampled week by week. */
function controlSupply(scn: Scenario, id: string, start: string, weeks: number): WeeklySupply[] {
  const steps: LicensingStep[] = [];
  const t0 = Date.parse(`${start}T00:00:00Z`);
  for (let w = 0; w < weeks; w++) {
    const d = new Date(t0 + w * 7 * 86_400_000).toISOString().slice(0, 10);
    const st = exportControlState(scn, id, d);
    const known = st.flow_share !== undefined || st.approval_share !== undefined;
    steps.push({
      from: d,
      inForce: st.in_force && known,
      ...(st.flow_share !== undefined ? { flowShare: st.flow_share } : {}),
      ...(st.approval_share !== undefined ? { approvalShare: st.approval_share } : {}),
      ...(st.processing_days !== undefined ? { processingDays: st.processing_days } : {}),
      ...(st.basis
        ? { source: `${st.licensing_set_by ?? id} step of ${st.licensing_since ?? d}: ${st.basis}` }
        : {}),
    });
  }
  return weeklySupply(steps, start, weeks);
}

export async function rareEarthExposure(
  scn: Scenario,
  date: string,
  o: { mrio?: string; top?: number; from?: string; tradeDir?: string } = {},
): Promise<RareEarthExposure> {
  const t = await loadTable(o.mrio !== undefined ? { mrio: o.mrio } : {});
  const m = t.model;
  const tradeDir = o.tradeDir ?? DEFAULT_TRADE_DIR;
  const [byPartner, fromChina] = await tradeRows(tradeDir);
  const face = faceValueExposure(byPartner);
  const weights = chokepointWeights(m, fromChina, 'CHN');
  // all rare-earth controls ever in the scenario by China, with their state on the date
  const allIds = scn.measures.filter((x) => x.kind === 'export_control' && x.actor === 'CN').map((x) => x.id);
  const states = allIds
    .map((id) => exportControlState(scn, id, date))
    .filter((s) => isRareEarthControl(scn, s));
  const inForceOnDate = exportControlsInForce(scn, date, { actor: 'CN' }).filter((s) =>
    isRareEarthControl(scn, s),
  );
  // weekly window: from the earliest licensing start among these controls (or --from) to the date
  const starts = states
    .flatMap((s) => {
      const meas = scn.measures.find((x) => x.id === s.measure_id);
      return meas && 'status' in meas ? (meas.status as { date: string }[]).map((st) => st.date) : [];
    })
    .filter((d) => d <= date)
    .sort();
  const start = o.from ?? starts[0] ?? date;
  if (start > date) throw new UserError(`--from ${start} is after --at ${date}`);
  const weeks = Math.floor((Date.parse(date) - Date.parse(start)) / (7 * 86_400_000)) + 1;
  const perControl = states.map((s) => controlSupply(scn, s.measure_id, start, weeks));
  // several controls on overlapping products: the most restrictive one binds each week
  const supply: WeeklySupply[] = Array.from({ length: weeks }, (_, w) => {
    let best: WeeklySupply | undefined;
    for (const pc of perControl) if (!best || pc[w].available < best.available) best = pc[w];
    return (
      best ?? {
        week: w,
        weekStart: new Date(Date.parse(`${start}T00:00:00Z`) + w * 7 * 86_400_000).toISOString().slice(0, 10),
        available: 1,
        cut: 0,
        basis: 'no rare-earth control in the scenario',
      }
    );
  });
  const targets = new Set(
    states.filter((s) => s.in_force || inForceOnDate.length === 0).map((s) => s.target),
  );
  const targetRegions =
    targets.has('ALL') || targets.size === 0
      ? undefined
      : [...targets].map((a) => ACTOR_REGION[a] ?? a).filter((r) => m.regions.includes(r));
  const run = runChokepoint(m, weights, supply, {
    exporterRegion: 'CHN',
    ...(targetRegions && targetRegions.length > 0 ? { targets: targetRegions } : {}),
  });
  const usa = m.regions.indexOf('USA');
  const last = run.weekly[run.weekly.length - 1];
  const perWeek = 7 / 365;
  const cutAt = last ? last.cut : 0;
  // First-order (Hulten / Cobb-Douglas) benchmark: world GDP loss ≈ λ φ, with λ the Domar weight of
  // the controlled exports: sales of the chokepoint product to the target regions / world value added.
  const exporterIdx = m.regions.indexOf('CHN');
  const inTarget = (r: number) =>
    targetRegions && targetRegions.length > 0 ? targetRegions.includes(m.regions[r]) : r !== exporterIdx;
  let controlledSales = 0;
  for (const w of weights) {
    const k = w.index;
    for (let p = m.Z.rowPtr[k]; p < m.Z.rowPtr[k + 1]; p++)
      if (inTarget(m.regionOf[m.Z.colIdx[p]])) controlledSales += w.weight * m.Z.values[p];
    m.yLabels.forEach((l, c) => {
      if (inTarget(m.regions.indexOf(l.region))) controlledSales += w.weight * m.Y[k * m.yLabels.length + c];
    });
  }
  const worldVa = m.v.reduce((a, b) => a + b, 0);
  const domar = controlledSales / worldVa;
  // per-sector loss at each week's cut (the rank-r extraction evaluated at φ; one per distinct cut)
  const us: RareEarthExposure['us_industries'] = [];
  const byCut = new Map<number, Float64Array>();
  const at = (phi: number) => {
    let d = byCut.get(phi);
    if (!d) byCut.set(phi, (d = run.downstreamAt(phi)));
    return d;
  };
  const dAt = at(cutAt);
  const weeklyVectors = run.weekly.map((w) => at(w.cut));
  for (let i = 0; i < m.n; i++) {
    if (m.regionOf[i] !== usa || m.x[i] === 0) continue;
    us.push({
      sector: m.labels[i].sector,
      name: m.labels[i].name ?? '',
      output: m.x[i],
      face_value_share: round(run.exposure.faceValueShare[i]),
      look_through_share: round(run.exposure.lookThroughShare[i]),
      ghosh_share: round(run.exposure.ghoshShare[i]),
      loss_at_date: round(dAt[i] === 0 ? 0 : -dAt[i] * perWeek),
      loss_share_at_date: round(dAt[i] === 0 ? 0 : -dAt[i] / m.x[i]),
      weekly_loss: weeklyVectors.map((d) => round(d[i] === 0 ? 0 : -d[i] * perWeek)),
    });
  }
  us.sort((a, b) => b.look_through_share - a.look_through_share || a.sector.localeCompare(b.sector));
  const byRegion = changesByRegion(m, dAt);
  const countries = m.regions
    .map((region, r) => {
      let out = 0;
      let lt = 0;
      for (let i = 0; i < m.n; i++) {
        if (m.regionOf[i] !== r) continue;
        out += m.x[i];
        lt += run.exposure.lookThrough[i] * m.x[i];
      }
      const loss = byRegion[r].change === 0 ? 0 : -byRegion[r].change;
      return {
        region,
        output: out,
        look_through_exposure: round(out > 0 ? lt / out : 0),
        loss_at_date: round(loss * perWeek),
        loss_share_at_date: round(out > 0 ? loss / out : 0),
      };
    })
    .sort((a, b) => b.look_through_exposure - a.look_through_exposure || a.region.localeCompare(b.region));
  const warning = beyondAsOf(scn, date);
  return {
    scenario: scn.id,
    date,
    ...(warning ? { warning } : {}),
    table: t.table,
    controls: states.map((s) => ({
      measure_id: s.measure_id,
      title: s.title,
      target: s.target,
      in_force: s.in_force,
      ...(s.flow_share !== undefined ? { flow_share: s.flow_share } : {}),
      ...(s.approval_share !== undefined ? { approval_share: s.approval_share } : {}),
      ...(s.processing_days !== undefined ? { processing_days: s.processing_days } : {}),
      ...(s.basis ? { basis: s.basis } : {}),
      ...(s.assumption ? { assumption: true } : {}),
      sources: s.sources,
    })),
    weekly: run.weekly.map((w, i) => ({
      week_start: w.weekStart,
      available: supply[i].available,
      cut: w.cut,
      basis: supply[i].basis,
      downstream_loss: round(w.downstreamLoss),
      upstream_loss: round(w.upstreamLoss),
      us_loss: round(usa >= 0 ? w.byRegion[usa].downstream : 0),
      by_region: Object.fromEntries(w.byRegion.map((r) => [r.region, round(r.downstream)])),
    })),
    at: last
      ? {
          week_start: last.weekStart,
          cut: last.cut,
          downstream_loss: round(last.downstreamLoss),
          upstream_loss: round(last.upstreamLoss),
          us_loss: round(usa >= 0 ? last.byRegion[usa].downstream : 0),
        }
      : null,
    first_order: {
      domar_weight: round(domar),
      controlled_sales: round(controlledSales),
      gdp_loss_at_date: round(domar * cutAt * worldVa * perWeek),
      note: 'Cobb-Douglas first order: dlog GDP = -λ φ. Value added per week, comparable in size with the linear rungs only as an order of magnitude (they report gross output); critical-input (bottleneck) losses can be far larger',
    },
    cumulative: {
      weeks: run.weekly.length,
      downstream_loss: round(run.weekly.reduce((a, w) => a + w.downstreamLoss, 0)),
      upstream_loss: round(run.weekly.reduce((a, w) => a + w.upstreamLoss, 0)),
      us_loss: round(usa >= 0 ? run.weekly.reduce((a, w) => a + w.byRegion[usa].downstream, 0) : 0),
    },
    face_value: face,
    chokepoints: weights.map((w) => ({
      region: w.region,
      sector: w.sector,
      weight: round(w.weight),
      basis: w.basis ?? '',
    })),
    us_industries: us.slice(0, o.top ?? us.length),
    countries,
    units: `${m.unit}; losses are output per week (annual flows x 7/365) at the table's prices and structure`,
    models: [
      'exposure: face value sum_k w_k a_kj and look-through sum_k w_k (L - I)_kj as shares of all (direct / total) input requirements; Ghosh share sum_k w_k v_c,k l_kj (rung 1)',
      'downstream loss: Ghosh forward partial extraction of the chokepoint rows towards the target regions (rung 2; linear, no substitution, Oosterhaven critique applies)',
      "upstream loss: Leontief backward partial extraction (rung 3: China's own lost sales and its suppliers')",
      'first_order: Hulten/Cobb-Douglas GDP benchmark, Domar weight of the controlled exports x cut (Baqaee & Farhi 2019)',
    ],
    assumptions: [
      'chokepoint weight w_k = rare-earth share of US imports from China in WIOD industry k (2024); assumed to hold for all buyers of CHN/k',
      'weekly supply = most restrictive rare-earth control in force; flow_share when the scenario gives it, else the licence queue model (approval_share after processing_days)',
      'linear models dilute a critical-input shortage: bottleneck (Leontief-production) losses can be far larger and are not modelled here',
    ],
    report: { method: run.report.method, relativeResidual: run.report.relativeResidual },
  };
}

function humanExposure(r: RareEarthExposure, top: number): string {
  const out: string[] = [`Rare-earth exposure on ${r.date} (scenario ${r.scenario})`];
  if (r.warning) out.push(r.warning);
  out.push(`IO table: ${r.table.name}${r.table.isDefault ? ' (shipped default)' : ''}`);
  out.push('', "Face value: China's share of US imports, 2024 (Census, 51 partners)");
  out.push(
    table(
      ['HS', 'product', 'WIOD', 'US imports USD m', 'from China USD m', 'China share'],
      r.face_value.lines.map((l) => [
        l.hs,
        l.product,
        l.sector,
        fmt(l.usImportsUsd / 1e6, 1),
        fmt(l.fromChinaUsd / 1e6, 1),
        `${fmt(100 * l.chinaShare, 1)}%`,
      ]),
    ),
  );
  out.push(
    `World production shares: ${r.face_value.world.map((w) => `${w.stage} ${Math.round(100 * w.chinaShare)}%`).join(', ')}`,
  );
  out.push('', 'Controls:');
  for (const c of r.controls)
    out.push(
      `  ${c.measure_id}: ${c.in_force ? 'in force' : 'not in force'}${c.flow_share !== undefined ? `, flow share ${c.flow_share}` : ''}${c.approval_share !== undefined ? `, approval ${c.approval_share}` : ''}${c.processing_days !== undefined ? `, ${c.processing_days} days` : ''}${c.assumption ? ' (assumption)' : ''}`,
    );
  if (r.at)
    out.push(
      '',
      `Week of ${r.at.week_start}: supply cut ${fmt(100 * r.at.cut, 1)}%; output loss ${sci(r.at.downstream_loss)} (world, downstream), ${sci(r.at.us_loss)} (USA), ${sci(r.at.upstream_loss)} (China's side, upstream) per week`,
    );
  const shown = r.weekly.filter(
    (w, i) => i === 0 || w.cut !== r.weekly[i - 1].cut || i === r.weekly.length - 1,
  );
  out.push('', 'Weekly path (weeks where the cut changes; loss per week):');
  out.push(
    table(
      ['week of', 'supply cut %', 'world loss', 'US loss', "China's loss", 'basis'],
      shown.map((w) => [
        w.week_start,
        fmt(100 * w.cut, 1),
        sci(w.downstream_loss),
        sci(w.us_loss),
        sci(w.upstream_loss),
        w.basis.slice(0, 60),
      ]),
    ),
  );
  out.push(
    `First-order (Hulten) benchmark: Domar weight of the controlled exports ${sci(r.first_order.domar_weight)}; world GDP loss at the date ${sci(r.first_order.gdp_loss_at_date)} per week`,
  );
  out.push(
    `Cumulative over ${r.cumulative.weeks} weeks: world ${sci(r.cumulative.downstream_loss)}, US ${sci(r.cumulative.us_loss)}, China's side ${sci(r.cumulative.upstream_loss)}`,
  );
  out.push('', 'Chokepoint rows (weight = rare-earth share of the industry):');
  out.push(
    table(
      ['region', 'sector', 'weight', 'basis'],
      r.chokepoints.map((c) => [c.region, c.sector, sci(c.weight), c.basis]),
    ),
  );
  out.push('', `US industries, most exposed first (top ${top})`);
  out.push(
    table(
      ['sector', 'industry', 'face value %', 'look-through %', 'loss/week', 'loss % of output'],
      r.us_industries
        .slice(0, top)
        .map((u) => [
          u.sector,
          u.name.slice(0, 40),
          sci(100 * u.face_value_share),
          sci(100 * u.look_through_share),
          sci(u.loss_at_date),
          sci(100 * u.loss_share_at_date),
        ]),
    ),
  );
  out.push('', 'Countries, most exposed first (output-weighted look-through, top 10)');
  out.push(
    table(
      ['region', 'look-through per unit output', 'loss/week', 'loss % of output'],
      r.countries
        .slice(0, 10)
        .map((c) => [
          c.region,
          sci(c.look_through_exposure),
          sci(c.loss_at_date),
          sci(100 * c.loss_share_at_date),
        ]),
    ),
  );
  out.push('', `Units: ${r.units}`, ...r.assumptions.map((a) => `Assumption: ${a}`));
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------

export function register(program: Command): void {
  const io = program
    .command('io')
    .description('input-output tables: coefficients, shocks, extraction (supply-chain engine)');

  addMrioOptions(
    io.command('calc').description('A, L, x, multipliers, linkages, value added in trade for an IO table'),
  )
    .option('--what <list>', `comma list of ${CALC_WHAT.join(', ')}`, 'x,multipliers')
    .option('--top <n>', 'rows in the human tables', '20')
    .action(async (o: MrioOptions & { what: string; top: string }) => {
      const what = parseWhat(o.what);
      const top = parseNumberOption('--top', o.top, { integer: true, min: 1 });
      const t = await mrioFromOptions(o);
      const m = t.model;
      const so = solveOpts(o);
      const results: Record<string, unknown> = {};
      const human: string[] = tableHeader(t);
      const labels = m.labels.map((l) => ({
        region: l.region,
        sector: l.sector,
        ...(l.name ? { name: l.name } : {}),
      }));
      const solves: Record<string, unknown> = {};
      if (what.includes('x')) {
        results.x = arr(m.x);
        human.push(
          `x: total gross output ${fmt(
            m.x.reduce((a, b) => a + b, 0),
            0,
          )} ${m.unit}`,
        );
      }
      if (what.includes('A')) {
        results.A = {
          format: 'csr',
          rowPtr: Array.from(m.A.rowPtr),
          colIdx: Array.from(m.A.colIdx),
          values: arr(m.A.values),
        };
        human.push(
          `A: ${m.A.values.length} nonzeros (${(100 * csrDensity(m.A)).toFixed(1)} % dense), stored CSR; use --json for the entries`,
        );
      }
      if (what.includes('L') || what.includes('G')) {
        const L = leontiefInverse(m);
        if (what.includes('L'))
          results.L = Array.from({ length: m.n }, (_, i) => arr(L.subarray(i * m.n, (i + 1) * m.n)));
        if (what.includes('G')) {
          const G = ghoshInverse(m, L);
          results.G = Array.from({ length: m.n }, (_, i) => arr(G.subarray(i * m.n, (i + 1) * m.n)));
        }
        human.push(
          `L${what.includes('G') ? ' and G' : ''}: dense ${m.n} x ${m.n} (formed on request); use --json for the entries`,
        );
      }
      if (what.includes('multipliers')) {
        const mu = multipliers(m, so);
        solves.multipliers = mu.report;
        results.multipliers = {
          output: arr(mu.output),
          valueAdded: arr(mu.valueAdded),
          factors: mu.factors.map((f) => ({
            account: f.account,
            row: f.row,
            total: arr(f.total),
            typeI: arr(f.typeI),
          })),
        };
        const idx = [...Array(m.n).keys()]
          .filter((i) => m.x[i] > 0)
          .sort((a, b) => mu.output[b] - mu.output[a] || a - b);
        for (const f of mu.factors) {
          const fi = [...Array(m.n).keys()]
            .filter((i) => m.x[i] > 0)
            .sort((a, b) => f.total[b] - f.total[a] || a - b);
          human.push(
            `factor multiplier ${f.account}/${f.row}: largest ${fi
              .slice(0, 3)
              .map((i) => `${labelText(m.labels[i])} ${sci(f.total[i])}`)
              .join(', ')} (all in --json)`,
          );
        }
        human.push('', `Output multipliers (column sums of L), top ${top}`);
        human.push(
          table(
            ['region', 'sector', 'industry', 'output multiplier'],
            idx.slice(0, top).map((i) => [...labelCols(m, i), fmt(mu.output[i], 4)]),
          ),
        );
      }
      if (what.includes('linkages')) {
        const lk = linkages(m, so);
        solves.linkages = lk.report;
        results.linkages = {
          directBackward: arr(lk.directBackward),
          directForward: arr(lk.directForward),
          totalBackward: arr(lk.totalBackward),
          totalForward: arr(lk.totalForward),
          normalizedBackward: arr(lk.normalizedBackward),
          normalizedForward: arr(lk.normalizedForward),
          key: Array.from(lk.key),
        };
        const idx = [...Array(m.n).keys()]
          .filter((i) => lk.key[i])
          .sort(
            (a, b) =>
              lk.normalizedBackward[b] +
                lk.normalizedForward[b] -
                lk.normalizedBackward[a] -
                lk.normalizedForward[a] || a - b,
          );
        human.push(
          '',
          `Key sectors (normalised backward and forward linkage > 1): ${idx.length}; top ${top}`,
        );
        human.push(
          table(
            ['region', 'sector', 'industry', 'backward', 'forward'],
            idx
              .slice(0, top)
              .map((i) => [
                ...labelCols(m, i),
                fmt(lk.normalizedBackward[i], 3),
                fmt(lk.normalizedForward[i], 3),
              ]),
          ),
        );
      }
      if (what.includes('va')) {
        const va = valueAddedInTrade(m, so);
        solves.va = va.report;
        results.valueAddedInTrade = {
          regions: va.regions,
          valueAdded: va.valueAdded.map((r) => r.map((v) => round(v))),
          grossExports: va.grossExports,
          vaxRatio: va.vaxRatio.map((v) => round(v)),
        };
        const idx = [...va.regions.keys()].sort((a, b) => va.grossExports[b] - va.grossExports[a]);
        human.push(
          '',
          'Value added in trade: VAX ratio (value added absorbed abroad / gross exports), largest exporters',
        );
        human.push(
          table(
            ['region', 'gross exports', 'VAX ratio'],
            idx.slice(0, top).map((r) => [va.regions[r], fmt(va.grossExports[r], 0), fmt(va.vaxRatio[r], 3)]),
          ),
        );
      }
      await emit(
        {
          table: t.table,
          ...(t.note ? { note: t.note } : {}),
          cleaning: t.cleaning,
          labels,
          results,
          solves,
        },
        o,
        () => human.join('\n'),
      );
    });

  addMrioOptions(
    io
      .command('shock')
      .description('demand shock (Leontief) or supply constraint (Ghosh downstream / Leontief upstream)'),
  )
    .option(
      '--demand <spec>',
      'final-demand change REGION:SECTOR=PCT%, e.g. CHN:c14=-20% (repeatable, comma list)',
      collect,
      [],
    )
    .option(
      '--supply <spec>',
      'output constraint REGION:SECTOR=PCT%, e.g. CHN:c2=-70% (repeatable, comma list)',
      collect,
      [],
    )
    .option(
      '--export-cut <spec>',
      "cut of a sector's deliveries to other regions REGION:SECTOR=-PCT%, e.g. CHN:c14=-70% (partial extraction)",
      collect,
      [],
    )
    .option(
      '--to <regions>',
      'with --export-cut: only deliveries to these regions (comma list; default all others)',
    )
    .option(
      '--model <m>',
      'leontief or ghosh (default: leontief for --demand, ghosh for --supply and --export-cut)',
    )
    .option('--top <n>', 'sectors to list', '20')
    .action(
      async (
        o: MrioOptions & {
          demand: string[];
          supply: string[];
          exportCut: string[];
          to?: string;
          model?: string;
          top: string;
        },
      ) => {
        const given = [o.demand, o.supply, o.exportCut].filter((x) => x.length > 0).length;
        if (given === 0)
          throw new UserError(
            'give --demand, --supply or --export-cut REGION:SECTOR=PCT% (e.g. --supply CHN:c14=-70%)',
          );
        if (given > 1)
          throw new UserError('give one of --demand, --supply, --export-cut (run separate shocks)');
        if (o.to !== undefined && o.exportCut.length === 0)
          throw new UserError('--to applies to --export-cut only');
        if (o.model !== undefined && o.model !== 'leontief' && o.model !== 'ghosh')
          throw new UserError(`--model: expected leontief or ghosh, got ${JSON.stringify(o.model)}`);
        const top = parseNumberOption('--top', o.top, { integer: true, min: 1 });
        const t = await mrioFromOptions(o);
        const m = t.model;
        const so = solveOpts(o);
        const kind = o.demand.length > 0 ? 'demand' : o.supply.length > 0 ? 'supply' : 'export-cut';
        const model: ShockModel =
          (o.model as ShockModel | undefined) ?? (kind === 'demand' ? 'leontief' : 'ghosh');
        if (kind === 'demand' && model === 'ghosh')
          throw new UserError(
            '--demand with --model ghosh: a final-demand shock is demand-driven; use --model leontief (or --supply for the Ghosh model)',
          );
        const flag = `--${kind}`;
        const specs = (kind === 'demand' ? o.demand : kind === 'supply' ? o.supply : o.exportCut).map((s) =>
          parseShock(m, flag, s),
        );
        let destinations: string[] | undefined;
        if (kind === 'export-cut') {
          for (const s of specs)
            if (s.change > 0) throw new UserError(`${flag}: ${s.label} ${fmt(100 * s.change)}% is not a cut`);
          if (o.to !== undefined) {
            destinations = o.to.split(',').map((r) => r.trim());
            for (const r of destinations)
              if (!m.regions.includes(r))
                throw new UserError(
                  `--to: unknown region ${JSON.stringify(r)}; known: ${m.regions.join(', ')}`,
                );
          } else {
            const exporters = new Set(specs.map((s) => m.labels[s.index].region));
            if (exporters.size > 1)
              throw new UserError(
                `${flag}: sectors in several regions (${[...exporters].join(', ')}); give --to REGIONS to say whose purchases are cut`,
              );
            destinations = m.regions.filter((r) => !exporters.has(r));
          }
        }
        const t0 = performance.now();
        let res;
        const shocks = specs.map((s) => ({
          sector: s.label,
          change: s.change,
          ...(kind === 'demand'
            ? { finalDemand: m.y[s.index], delta: s.change * m.y[s.index] }
            : { output: m.x[s.index], delta: s.change * m.x[s.index] }),
        }));
        if (kind === 'demand') {
          const dy = new Float64Array(m.n);
          for (const s of specs) dy[s.index] += s.change * m.y[s.index];
          res = demandShock(m, dy, so);
        } else if (kind === 'export-cut') {
          // remove the share |change| of row k's deliveries to the destination regions (φ = 1, weight = share)
          const mask = Uint8Array.from(m.labels, (l) => (destinations!.includes(l.region) ? 1 : 0));
          const cut = exportCut(
            m,
            specs.map((s) => ({ index: s.index, weight: -s.change })),
            mask,
            so,
          );
          res = { dx: model === 'ghosh' ? cut.downstream(1) : cut.upstream(1), report: cut.report };
        } else {
          res = supplyShock(
            m,
            specs.map((s) => ({ index: s.index, change: s.change })),
            model,
            so,
          );
        }
        const ms = performance.now() - t0;
        const total = res.dx.reduce((a, b) => a + b, 0);
        const regions = changesByRegion(m, res.dx).sort(
          (a, b) => Math.abs(b.change) - Math.abs(a.change) || a.region.localeCompare(b.region),
        );
        const topS = topChanges(m, res.dx, top);
        const result = {
          table: t.table,
          ...(t.note ? { note: t.note } : {}),
          kind,
          model,
          ...(destinations ? { destinations } : {}),
          reading:
            kind === 'demand'
              ? 'Leontief demand-driven: Δx = L Δy'
              : kind === 'export-cut'
                ? model === 'ghosh'
                  ? "Ghosh partial forward extraction: the sector's allocation to the destinations is cut; buyers lose output (no substitution, Dietzenbacher & Lahr 2013)"
                  : 'Leontief partial backward extraction: the destinations stop buying from the sector; the exporter and its suppliers lose sales'
                : model === 'ghosh'
                  ? 'Ghosh supply-driven with the shocked outputs fixed: users lose output in proportion to their allocation (no substitution; an upper-bound style linear reading, Oosterhaven 1988)'
                  : 'Leontief mixed model with the shocked outputs fixed: the constrained sectors buy fewer inputs (upstream effect); impliedFinalDemandChange is the demand left unserved',
          shocks,
          unit: m.unit,
          totalOutputChange: round(total),
          byRegion: regions.map((r) => ({ ...r, change: round(r.change), relative: round(r.relative) })),
          topSectors: topS.map((s) => ({ ...s, change: round(s.change), relative: round(s.relative) })),
          ...(res.impliedFinalDemandChange
            ? {
                impliedFinalDemandChange: specs.map((s) => ({
                  sector: s.label,
                  change: round(res.impliedFinalDemandChange![s.index]),
                })),
              }
            : {}),
          solve: res.report,
        };
        await emit(result, o, () =>
          [
            ...tableHeader(t),
            `${kind} shock, ${model} model: ${shocks.map((s) => `${s.sector} ${fmt(100 * s.change, 2)}%`).join(', ')}`,
            result.reading,
            `Total output change ${fmt(total, 1)} ${m.unit} (solve: ${res.report.method}, ${res.report.iterations} iterations, relative residual ${sig(res.report.relativeResidual)}, ${Math.round(ms)} ms)`,
            '',
            table(
              ['region', 'output', 'change', 'change %'],
              regions
                .slice(0, 10)
                .map((r) => [r.region, fmt(r.baseline, 0), fmt(r.change, 1), sci(100 * r.relative)]),
            ),
            '',
            table(
              ['region', 'sector', 'industry', 'output', 'change', 'change %'],
              topS.map((s) => [
                s.region,
                s.sector,
                (s.name ?? '').slice(0, 40),
                fmt(s.baseline, 0),
                fmt(s.change, 1),
                sci(100 * s.relative),
              ]),
            ),
          ].join('\n'),
        );
      },
    );

  addMrioOptions(
    io
      .command('extract')
      .description('hypothetical extraction of every sector (complete, backward, forward; closed forms)'),
  )
    .option('--share <s>', 'extracted share for backward/forward (partial extraction), 0..1', '1')
    .option('--sort <k>', 'complete, backward or forward', 'complete')
    .option('--top <n>', 'rows in the human table', '20')
    .action(async (o: MrioOptions & { share: string; sort: string; top: string }) => {
      const share = parseNumberOption('--share', o.share, { min: 0, max: 1, unit: 'share in [0,1]' });
      const top = parseNumberOption('--top', o.top, { integer: true, min: 1 });
      if (!['complete', 'backward', 'forward'].includes(o.sort))
        throw new UserError(`--sort: expected complete, backward or forward, got ${JSON.stringify(o.sort)}`);
      const t = await mrioFromOptions(o);
      const m = t.model;
      const t0 = performance.now();
      const e = hypotheticalExtraction(m, { ...solveOpts(o), share });
      const ms = performance.now() - t0;
      const key = o.sort as 'complete' | 'backward' | 'forward';
      const rows = [...Array(m.n).keys()].map((i) => ({
        region: m.labels[i].region,
        sector: m.labels[i].sector,
        ...(m.labels[i].name ? { name: m.labels[i].name } : {}),
        output: m.x[i],
        complete: round(e.complete[i]),
        backward: round(e.backward[i]),
        forward: round(e.forward[i]),
        completeShare: round(e.complete[i] / e.totalOutput),
      }));
      const sorted = [...rows.keys()].sort((a, b) => rows[b][key] - rows[a][key] || a - b);
      await emit(
        {
          table: t.table,
          ...(t.note ? { note: t.note } : {}),
          share,
          totalOutput: e.totalOutput,
          unit: m.unit,
          extractions: sorted.map((i) => rows[i]),
          solve: e.report,
        },
        o,
        () =>
          [
            ...tableHeader(t),
            `${m.n} extractions in ${Math.round(ms)} ms (closed forms; share ${share}); total output T = ${fmt(e.totalOutput, 0)} ${m.unit}`,
            table(
              ['region', 'sector', 'industry', 'complete T_j', 'T_j / T %', 'backward', 'forward'],
              sorted
                .slice(0, top)
                .map((i) => [
                  rows[i].region,
                  rows[i].sector,
                  (rows[i].name ?? '').slice(0, 36),
                  fmt(rows[i].complete, 0),
                  fmt(100 * rows[i].completeShare, 3),
                  fmt(rows[i].backward, 0),
                  fmt(rows[i].forward, 0),
                ]),
            ),
          ].join('\n'),
      );
    });

  program
    .command('exposure')
    .description(
      "rare-earth exposure on a date from the scenario's licensing state (--model linear), or the weekly stock-flow bottleneck model (--model bottleneck)",
    )
    .argument('[scenario]', 'built-in id or scenario file', DEFAULT_SCENARIO)
    .option('--model <m>', 'linear (IO cost share) or bottleneck (stock-flow critical input)', 'linear')
    .option('--at <date>', 'date YYYY-MM-DD (linear model; required there)')
    .option('--from <date>', 'first week of the weekly path (default: start of the first rare-earth control)')
    .option('--start <date>', 'bottleneck: first week (default 2025-03-03)')
    .option('--weeks <n>', 'bottleneck: weeks to run (default 30)')
    .option(
      '--hold-flows-from <date>',
      "bottleneck: China's flows and licence shares stay at their level of this date (counterfactual)",
    )
    .option('--sigma <s>', 'bottleneck: CES elasticity for the critical items (default: the min rule)')
    .option('--cohorts <n>', 'bottleneck: buffer cohorts per user (default 24)')
    .option('--csv', 'bottleneck: print the weekly rows by user as CSV (units and sources as # lines)')
    .option('--mrio <dir>', 'IO table folder (default: shipped WIOD 2011; must use WIOD industry codes)')
    .option('--top <n>', 'US industries to list', '15')
    .option('--json', 'print one JSON document')
    .option('--out <file>', 'write the result to a file')
    .action(
      async (
        scenario: string,
        o: OutputOptions &
          BottleneckCliOptions & { model: string; at?: string; from?: string; mrio?: string; top: string },
      ) => {
        if (o.model === 'bottleneck') {
          const scn = loadForCli(scenario);
          const r = await runBottleneckCli(scn, o, async (start, weeks) => {
            const last = new Date(Date.parse(`${start}T00:00:00Z`) + (weeks - 1) * 7 * 86_400_000);
            const lin = await rareEarthExposure(scn, last.toISOString().slice(0, 10), {
              ...(o.mrio !== undefined ? { mrio: o.mrio } : {}),
              from: start,
            });
            const scale = usdPerUnit(lin.table.unit);
            return lin.weekly.map((w) => ({ date: w.week_start, us_loss_usd: w.us_loss * scale }));
          });
          await emit(r, o.csv ? { ...o, json: false } : o, () =>
            o.csv ? csvBottleneck(r) : humanBottleneck(r),
          );
          return;
        }
        if (o.model !== 'linear')
          throw new UserError(`--model: expected linear or bottleneck, got ${o.model}`);
        if (o.at === undefined) throw new UserError('--at <date> is required with --model linear');
        const at = parseDateOption('--at', o.at);
        const from = o.from !== undefined ? parseDateOption('--from', o.from) : undefined;
        const top = parseNumberOption('--top', o.top, { integer: true, min: 1 });
        const scn = loadForCli(scenario);
        const r = await rareEarthExposure(scn, at, {
          ...(o.mrio !== undefined ? { mrio: o.mrio } : {}),
          ...(from ? { from } : {}),
        });
        await emit(r, o, () => humanExposure(r, top));
      },
    );
}

/** The rare-earth table of the `start` report: US industries, look-through exposure and weekly loss at key dates. */
export async function rareEarthSection(scn: Scenario, dates: string[], top = 8): Promise<string> {
  const runs: RareEarthExposure[] = [];
  for (const d of dates) runs.push(await rareEarthExposure(scn, d));
  const base = runs[runs.length - 1];
  const lossAt = (r: RareEarthExposure, s: string) =>
    r.us_industries.find((u) => u.sector === s)?.loss_at_date ?? 0;
  const out = [
    `Rare-earth exposure of US industries (${base.table.name}; chokepoint rows CHN ${base.chokepoints.map((c) => c.sector).join('/')} weighted by 2024 trade; losses in ${base.table.unit} per week)`,
    table(
      ['industry', 'face value %', 'look-through %', ...dates.map((d) => `loss ${d}`)],
      base.us_industries
        .slice(0, top)
        .map((u) => [
          `${u.sector} ${u.name.slice(0, 32)}`,
          sci(100 * u.face_value_share),
          sci(100 * u.look_through_share),
          ...runs.map((r) => sci(lossAt(r, u.sector))),
        ]),
    ),
    `Supply cut by date: ${runs.map((r) => `${r.date} ${fmt(100 * (r.at?.cut ?? 0), 0)}%`).join(', ')}. Linear IO models (rungs 1-2): no bottleneck effects; see docs/supply.md.`,
  ];
  return out.join('\n');
}
