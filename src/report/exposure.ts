// "How exposed are US industries and countries to China's rare-earth controls?" Computed once,
// here, for the CLI's `exposure` (linear and --model bottleneck) and the API's
// /exposure/bottleneck: the linear IO view on a date from the scenario's licensing state
// (`rareEarthExposure`), the weekly stock-flow bottleneck view (`bottleneckReport`) and the linear
// model's US loss on the bottleneck's weeks beside it. Tables and trade rows are passed in.
import { exportControlState, exportControlsInForce } from '../ledger/index.ts';
import type { BottleneckInputs, LoadedTable } from '../io/index.ts';
import type { Scenario } from '../model/index.ts';
import {
  bottleneckExposure,
  changesByRegion,
  chokepointWeights,
  faceValueExposure,
  runChokepoint,
  usdPerUnit,
  weeklySupply,
  type BottleneckExposure,
  type ImportRow,
  type LicensingStep,
  type WeeklySupply,
  type WorldShare,
} from '../supply/index.ts';
import { asOfWarnings } from './dates.ts';
import { fieldError, significant10 as round, type FieldLabel } from './query.ts';

export interface RareEarthExposure {
  scenario: string;
  date: string;
  /** A note when the date is past as_of (the same text the edges add). */
  warnings: string[];
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
  /** Money fields `_usd_m`: USD millions (the table's unit converted), output lost a week. */
  weekly: {
    week_start: string;
    available_share: number;
    cut_share: number;
    basis: string;
    downstream_loss_usd_m: number;
    upstream_loss_usd_m: number;
    us_loss_usd_m: number;
    /** Downstream (importers') loss per region, per week, USD millions. */
    by_region_usd_m: Record<string, number>;
  }[];
  at: {
    week_start: string;
    cut_share: number;
    downstream_loss_usd_m: number;
    upstream_loss_usd_m: number;
    us_loss_usd_m: number;
  } | null;
  /** Sums over the weekly path (start of the first control to the date). */
  cumulative: {
    weeks: number;
    downstream_loss_usd_m: number;
    upstream_loss_usd_m: number;
    us_loss_usd_m: number;
  };
  /** First-order benchmark (Hulten 1978; Baqaee & Farhi 2019): world GDP loss ≈ Domar weight x cut. */
  first_order: {
    domar_weight: number;
    controlled_sales_usd_m: number;
    gdp_loss_at_date_usd_m: number;
    note: string;
  };
  face_value: ReturnType<typeof faceValueExposure>;
  chokepoints: { region: string; sector: string; weight: number; basis: string }[];
  us_industries: {
    sector: string;
    name: string;
    /** Gross output, annual. */
    output_usd_m: number;
    face_value_share: number;
    look_through_share: number;
    ghosh_share: number;
    /** Output lost in the date's week. */
    loss_at_date_usd_m: number;
    /** That loss / the industry's annual output. */
    loss_at_date_share: number;
    /** Loss per week, aligned with `weekly`. */
    weekly_loss_usd_m: number[];
  }[];
  countries: {
    region: string;
    output_usd_m: number;
    look_through_share: number;
    loss_at_date_usd_m: number;
    loss_at_date_share: number;
  }[];
  units: string;
  models: string[];
  assumptions: string[];
  report: { method: string; relative_residual: number };
}

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

/** Exposure tables of the linear view: the IO table and the bridge's two trade files. */
export interface ExposureInputs {
  table: LoadedTable;
  /** US imports of the critical minerals by partner, and US imports from China by HS10 (2024). */
  trade: [ImportRow[], ImportRow[]];
  /** China's share of world production by stage, with sources (data/supply/rare_earth_world_shares.csv). */
  world: readonly WorldShare[];
}

/** The linear (IO) rare-earth exposure of `scn` on `date`, weekly from `from` (default: the first control). */
export function rareEarthExposure(
  scn: Scenario,
  date: string,
  inputs: ExposureInputs,
  o: { top?: number; from?: string } = {},
  label: FieldLabel = (f) => f,
): RareEarthExposure {
  const t = inputs.table;
  const m = t.model;
  const [byPartner, fromChina] = inputs.trade;
  const face = faceValueExposure(byPartner, inputs.world);
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
  if (start > date)
    throw fieldError(label, 'from', `${label('from')} ${start} is after ${label('at')} ${date}`);
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
      : [...targets].map((a) => scn.views.actor_regions?.[a] ?? a).filter((r) => m.regions.includes(r));
  const run = runChokepoint(m, weights, supply, {
    exporterRegion: 'CHN',
    ...(targetRegions && targetRegions.length > 0 ? { targets: targetRegions } : {}),
  });
  const usa = m.regions.indexOf('USA');
  const last = run.weekly[run.weekly.length - 1];
  const perWeek = 7 / 365;
  // table units -> USD millions (the shipped WIOD table is in USD millions already)
  const toUsdM = usdPerUnit(t.table.unit) / 1e6;
  const usdM = (x: number) => round(x * toUsdM);
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
      output_usd_m: m.x[i] * toUsdM,
      face_value_share: round(run.exposure.faceValueShare[i]),
      look_through_share: round(run.exposure.lookThroughShare[i]),
      ghosh_share: round(run.exposure.ghoshShare[i]),
      loss_at_date_usd_m: usdM(dAt[i] === 0 ? 0 : -dAt[i] * perWeek),
      loss_at_date_share: round(dAt[i] === 0 ? 0 : -dAt[i] / m.x[i]),
      weekly_loss_usd_m: weeklyVectors.map((d) => usdM(d[i] === 0 ? 0 : -d[i] * perWeek)),
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
        output_usd_m: out * toUsdM,
        look_through_share: round(out > 0 ? lt / out : 0),
        loss_at_date_usd_m: usdM(loss * perWeek),
        loss_at_date_share: round(out > 0 ? loss / out : 0),
      };
    })
    .sort((a, b) => b.look_through_share - a.look_through_share || a.region.localeCompare(b.region));
  return {
    scenario: scn.id,
    date,
    warnings: asOfWarnings(scn, label, { at: date }),
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
      available_share: supply[i].available,
      cut_share: w.cut,
      basis: supply[i].basis,
      downstream_loss_usd_m: usdM(w.downstreamLoss),
      upstream_loss_usd_m: usdM(w.upstreamLoss),
      us_loss_usd_m: usdM(usa >= 0 ? w.byRegion[usa].downstream : 0),
      by_region_usd_m: Object.fromEntries(w.byRegion.map((r) => [r.region, usdM(r.downstream)])),
    })),
    at: last
      ? {
          week_start: last.weekStart,
          cut_share: last.cut,
          downstream_loss_usd_m: usdM(last.downstreamLoss),
          upstream_loss_usd_m: usdM(last.upstreamLoss),
          us_loss_usd_m: usdM(usa >= 0 ? last.byRegion[usa].downstream : 0),
        }
      : null,
    first_order: {
      domar_weight: round(domar),
      controlled_sales_usd_m: usdM(controlledSales),
      gdp_loss_at_date_usd_m: usdM(domar * cutAt * worldVa * perWeek),
      note: 'Cobb-Douglas first order: dlog GDP = -λ φ. Value added per week, comparable in size with the linear rungs only as an order of magnitude (they report gross output); critical-input (bottleneck) losses can be far larger',
    },
    cumulative: {
      weeks: run.weekly.length,
      downstream_loss_usd_m: usdM(run.weekly.reduce((a, w) => a + w.downstreamLoss, 0)),
      upstream_loss_usd_m: usdM(run.weekly.reduce((a, w) => a + w.upstreamLoss, 0)),
      us_loss_usd_m: usdM(usa >= 0 ? run.weekly.reduce((a, w) => a + w.byRegion[usa].downstream, 0) : 0),
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
    units: `_usd_m: USD millions (the table's unit: ${m.unit}); output_usd_m is annual, losses are output per week (annual flows x 7/365) at the table's prices and structure; _share: fractions`,
    models: [
      'exposure: face value sum_k w_k a_kj and look-through sum_k w_k (L - I)_kj as shares of all (direct / total) input requirements; Ghosh share sum_k w_k v_c,k l_kj (rung 1)',
      'downstream loss: Ghosh forward partial extraction of the chokepoint rows towards the target regions (rung 2; linear, no substitution, Oosterhaven critique applies)',
      "upstream loss: Leontief backward partial extraction (rung 3: China's own lost sales and its suppliers')",
      'first_order: Hulten/Cobb-Douglas GDP benchmark, Domar weight of the controlled exports x cut (Baqaee & Farhi 2019)',
    ],
    assumptions: [
      'chokepoint weight w_k = rare-earth share of US imports from China in WIOD industry k (2024); assumed to hold for all buyers of CHN/k',
      'weekly supply = most restrictive rare-earth control in force; flow_share when the scenario gives it, else the licence queue model (approval_share after processing_days)',
      // the simulation's output_lost_usd is the other model; test/report/parity-exposure.test.ts pins both
      "us_loss_usd_m: the linear IO model's US output lost (Ghosh forward, China's control cutting deliveries to every importing region), USD m a week at the table's 2011 scale; linear models dilute a critical-input shortage: the bottleneck (stock-flow) model's loss, far larger, is `leverage exposure --model bottleneck` and the simulation's output_lost_usd",
    ],
    report: { method: run.report.method, relative_residual: run.report.relative_residual },
  };
}

/** The linear model's US loss on the same weeks, for the side-by-side column (USD a week). */
export type LinearPath = { date: string; us_loss_usd: number }[];

/** The linear view's US loss week by week from `start`, in USD (for the bottleneck's side column). */
export function linearUsPath(
  scn: Scenario,
  inputs: ExposureInputs,
  start: string,
  weeks: number,
): LinearPath {
  const last = new Date(Date.parse(`${start}T00:00:00Z`) + (weeks - 1) * 7 * 86_400_000);
  const lin = rareEarthExposure(scn, last.toISOString().slice(0, 10), inputs, { from: start });
  return lin.weekly.map((w) => ({ date: w.week_start, us_loss_usd: w.us_loss_usd_m * 1e6 }));
}

export interface BottleneckQuery {
  start: string;
  weeks: number;
  hold_flows_from?: string;
  sigma?: number;
  cohorts?: number;
}

export interface BottleneckReport extends BottleneckExposure {
  scenario: string;
  /** What the figures rest on: the data files, the ledger view they are read at, the cliff's definition. */
  basis: {
    data: string[];
    io_table: string;
    /** The scenario's as-known-on date (a vintage) or else its as-of date: the ledger view read. */
    read_at: string | null;
    cliff: string;
    source: string;
  };
  linear: LinearPath;
}

/** The bottleneck model's shipped tables (src/io/supply-data.ts reads them). */
const BOTTLENECK_FILES = ['items', 'users', 'content', 'flows'].map((n) => `data/supply/bottleneck_${n}.csv`);

/** Units of every money and quantity field, beside the model's own list. */
const BOTTLENECK_UNITS: Record<string, string> = {
  band_high_usd: 'USD per week, high end of the band (buffer low/high, sector-share and content ranges)',
  baseline_output_usd_per_week: "USD per week, normal gross output of the country's modelled users",
  peak_lost_usd: 'USD per week, the largest weekly loss of the period',
  cumulative_lost_usd: 'USD, summed over the weeks of the period',
  output_usd_per_week: 'USD per week, normal gross output of the user',
  buffer_median_weeks: 'weeks of normal need, median buffer over cohorts (log-normal)',
  us_loss_usd: "USD per week, the linear model's US gross output lost on the same weeks (side column)",
};

/** Which ledger view the bottleneck data are read at (the scenario's known-on date, else its as-of). */
export function bottleneckInputsAt(scn: Scenario): { knownOn?: string; ledgerDate?: string } {
  return scn.as_known_on ? { knownOn: scn.as_known_on } : scn.as_of ? { ledgerDate: scn.as_of } : {};
}

/** The weekly stock-flow bottleneck view, with the linear model's US loss on the same weeks. */
export function bottleneckReport(
  scn: Scenario,
  inputs: BottleneckInputs,
  linearInputs: ExposureInputs,
  q: BottleneckQuery,
): BottleneckReport {
  const r = bottleneckExposure(inputs.data, inputs.io, {
    start: q.start,
    weeks: q.weeks,
    ...(q.hold_flows_from ? { holdFlowsFrom: q.hold_flows_from } : {}),
    ...(q.sigma !== undefined ? { sigma: q.sigma } : {}),
    ...(q.cohorts !== undefined ? { cohorts: q.cohorts } : {}),
  });
  const at = bottleneckInputsAt(scn);
  return {
    scenario: scn.id,
    ...r,
    units: { ...r.units, ...BOTTLENECK_UNITS },
    basis: {
      data: BOTTLENECK_FILES,
      io_table: r.io_table,
      read_at: at.knownOn ?? at.ledgerDate ?? null,
      cliff:
        "a country's cliff week: the first week its loss reaches 1% of its modelled users' baseline output; a user's: the first week one of its buffer cohorts runs dry",
      source: `Leverage bottleneck model (${r.rule}) on ${BOTTLENECK_FILES.join(', ')} and the ${r.io_table} table; scenario ${scn.id}`,
    },
    linear: linearUsPath(scn, linearInputs, q.start, q.weeks).map((l) => ({
      date: l.date,
      us_loss_usd: Math.round(l.us_loss_usd * 100) / 100, // to cents, like the model's money fields
    })),
  };
}
