// "What does a shock to one industry do to the others?" Computed once, here, for both edges:
// `ioShockRun` answers `leverage io shock` (several shocks, demand / supply / export cut, either
// model, any table), `ioShockReport` the API's POST /api/io/shock (one sector, the shipped table;
// the dashboard's shock explorer). Both name figures with their unit and share the propagation,
// the sort and the rounding, so the same shock gives the same numbers at both edges.
//
// Money unit: values are converted to USD millions and keyed `_usd_m` when the table declares a
// USD unit (the shipped WIOD table: "million USD"); a table in another currency or an undeclared
// unit keeps its own values, keyed `_table_unit`, with `unit` naming what the table declares
// (see `ioShockDocument`). Fractions are `_share`.
import {
  changesByRegion,
  demandShock,
  exportCut,
  findSector,
  labelText,
  supplyShock,
  topChanges,
  usdPerUnit,
  type IOModel,
  type ShockModel,
  type SolveOptions,
  type SolveReport,
} from '../supply/index.ts';
import { significant10 as round } from './query.ts';

/** One sector's or region's gross output before the shock and its change (annual). */
interface OutputChange {
  baseline_usd_m: number;
  change_usd_m: number;
  /** change / baseline (0 when the baseline is 0). */
  change_share: number;
}
type SectorOutputChange = { index: number; region: string; sector: string; name?: string } & OutputChange;
type RegionOutputChange = { region: string } & OutputChange;

// ten significant figures: enough for any test by hand, no float noise in the JSON

/** The table's money unit: USD millions when it declares USD (factor from its unit), else its own. */
export function ioMoney(unit: string): { suffix: 'usd_m' | 'table_unit'; toMoney: number; unit: string } {
  return /\bUSD\b|US\$|dollar/i.test(unit)
    ? { suffix: 'usd_m', toMoney: usdPerUnit(unit) / 1e6, unit: 'USD millions a year' }
    : { suffix: 'table_unit', toMoney: 1, unit };
}

/** Sectors by absolute change (top n) and every region, largest first, in the money unit. */
function changes(m: IOModel, dx: Float64Array, top: number, toMoney: number) {
  const output = (c: { baseline: number; change: number; relative: number }): OutputChange => ({
    baseline_usd_m: round(c.baseline * toMoney),
    change_usd_m: round(c.change * toMoney),
    change_share: round(c.relative),
  });
  const byRegion = changesByRegion(m, dx).sort(
    (a, b) => Math.abs(b.change) - Math.abs(a.change) || a.region.localeCompare(b.region),
  );
  return {
    top: topChanges(m, dx, top).map(({ baseline, change, relative, ...where }): SectorOutputChange => ({
      ...where,
      ...output({ baseline, change, relative }),
    })),
    by_region: byRegion.map(({ region, ...c }): RegionOutputChange => ({ region, ...output(c) })),
  };
}

// ---------------------------------------------------------------------------------------------
// The API's one-sector shock

export interface IoShockQuery {
  kind: 'demand' | 'supply';
  /** REGION:SECTOR, e.g. USA:c14. */
  sector: string;
  /** demand: change of the sector's final demand, USD millions; supply: relative change of its output (>= -1). */
  change: number;
  top: number;
}

export interface IoShockReport {
  kind: 'demand' | 'supply';
  sector: string;
  name: string | null;
  /** demand: the change of the sector's final demand asked for, USD millions a year; null for supply. */
  demand_change_usd_m: number | null;
  /** supply: the relative change of the sector's output asked for (-0.5 = -50%); null for demand. */
  output_change_share: number | null;
  unit: string;
  top: SectorOutputChange[];
  by_region: RegionOutputChange[];
}

/** The shock's top changes by sector and by region (largest absolute change first). */
export function ioShockReport(m: IOModel, q: IoShockQuery): IoShockReport {
  const i = findSector(m, q.sector);
  const { toMoney } = ioMoney(m.unit);
  let dx: Float64Array;
  if (q.kind === 'demand') {
    const dy = new Float64Array(m.n);
    dy[i] = q.change / toMoney;
    dx = demandShock(m, dy).dx;
  } else dx = supplyShock(m, [{ index: i, change: q.change }]).dx;
  const c = changes(m, dx, q.top, toMoney);
  return {
    kind: q.kind,
    sector: `${m.labels[i].region}:${m.labels[i].sector}`,
    name: m.labels[i].name ?? null,
    demand_change_usd_m: q.kind === 'demand' ? q.change : null,
    output_change_share: q.kind === 'supply' ? q.change : null,
    unit: 'USD millions (WIOD 2011, annual)',
    top: c.top,
    by_region: c.by_region.slice(0, q.top),
  };
}

// ---------------------------------------------------------------------------------------------
// The CLI's shocks: several sectors, three kinds, either model

export type IoShockKind = 'demand' | 'supply' | 'export-cut';

export interface IoShockRunQuery {
  kind: IoShockKind;
  model: ShockModel;
  /** Sector rows and their proportional change (-0.2 = -20%) of final demand, output or deliveries. */
  shocks: { index: number; change: number }[];
  /** export-cut: the regions whose purchases are cut. */
  destinations?: string[];
  top: number;
  solve?: SolveOptions;
}

/** One shock as asked: its size as a share, and what it applies to, in the money unit. */
export interface IoShockApplied {
  sector: string;
  name?: string;
  /** demand: share of the sector's final demand; supply: of its output; export-cut: of its deliveries to the destinations. */
  change_share: number;
  /** What the share applies to: final demand (demand), gross output (supply), intermediate deliveries to the destinations (export-cut). */
  base_usd_m: number;
  /** change_share x base. */
  change_usd_m: number;
}

export interface IoShockRun {
  kind: IoShockKind;
  model: ShockModel;
  destinations?: string[];
  reading: string;
  shocks: IoShockApplied[];
  /** What the money figures are: "USD millions a year", or the table's own unit (then keys end `_table_unit`). */
  unit: string;
  total_output_change_usd_m: number;
  by_region: RegionOutputChange[];
  top_sectors: SectorOutputChange[];
  /** Leontief supply constraint: the final demand of the constrained sectors left unserved. */
  implied_final_demand_change?: { sector: string; change_usd_m: number }[];
  solve: SolveReport;
}

const READING: Record<string, string> = {
  'demand/leontief': 'Leontief demand-driven: Δx = L Δy',
  'export-cut/ghosh':
    "Ghosh partial forward extraction: the sector's allocation to the destinations is cut; buyers lose output (no substitution, Dietzenbacher & Lahr 2013)",
  'export-cut/leontief':
    'Leontief partial backward extraction: the destinations stop buying from the sector; the exporter and its suppliers lose sales',
  'supply/ghosh':
    'Ghosh supply-driven with the shocked outputs fixed: users lose output in proportion to their allocation (no substitution; an upper-bound style linear reading, Oosterhaven 1988)',
  'supply/leontief':
    'Leontief mixed model with the shocked outputs fixed: the constrained sectors buy fewer inputs (upstream effect); implied_final_demand_change is the demand left unserved',
};

/** Propagate the shocks through the table; figures in the table's money unit (see ioMoney). */
export function ioShockRun(m: IOModel, q: IoShockRunQuery): IoShockRun {
  const { toMoney, unit } = ioMoney(m.unit);
  const money = (v: number) => round(v * toMoney);
  const dest = new Set(q.destinations ?? []);
  // export-cut base: row k's intermediate deliveries to the destination sectors, Σ_j a_kj x_j
  const deliveries = (k: number) => {
    let s = 0;
    for (let p = m.A.rowPtr[k]; p < m.A.rowPtr[k + 1]; p++) {
      const j = m.A.colIdx[p];
      if (dest.has(m.labels[j].region)) s += m.A.values[p] * m.x[j];
    }
    return s;
  };
  const base = (k: number) => (q.kind === 'demand' ? m.y[k] : q.kind === 'supply' ? m.x[k] : deliveries(k));
  let res: { dx: Float64Array; report: SolveReport; impliedFinalDemandChange?: Float64Array };
  if (q.kind === 'demand') {
    const dy = new Float64Array(m.n);
    for (const s of q.shocks) dy[s.index] += s.change * m.y[s.index];
    res = demandShock(m, dy, q.solve);
  } else if (q.kind === 'export-cut') {
    // remove the share |change| of row k's deliveries to the destination regions (φ = 1, weight = share)
    const mask = Uint8Array.from(m.labels, (l) => (dest.has(l.region) ? 1 : 0));
    const cut = exportCut(
      m,
      q.shocks.map((s) => ({ index: s.index, weight: -s.change })),
      mask,
      q.solve,
    );
    res = { dx: q.model === 'ghosh' ? cut.downstream(1) : cut.upstream(1), report: cut.report };
  } else res = supplyShock(m, q.shocks, q.model, q.solve);
  const c = changes(m, res.dx, q.top, toMoney);
  const implied = res.impliedFinalDemandChange;
  return {
    kind: q.kind,
    model: q.model,
    ...(q.destinations ? { destinations: q.destinations } : {}),
    reading: READING[`${q.kind}/${q.model}`],
    shocks: q.shocks.map((s) => ({
      sector: labelText(m.labels[s.index]),
      ...(m.labels[s.index].name ? { name: m.labels[s.index].name } : {}),
      change_share: s.change,
      base_usd_m: money(base(s.index)),
      change_usd_m: money(s.change * base(s.index)),
    })),
    unit,
    total_output_change_usd_m: money(res.dx.reduce((a, b) => a + b, 0)),
    by_region: c.by_region,
    top_sectors: c.top,
    ...(implied
      ? {
          implied_final_demand_change: q.shocks.map((s) => ({
            sector: labelText(m.labels[s.index]),
            change_usd_m: money(implied[s.index]),
          })),
        }
      : {}),
    solve: res.report,
  };
}

/** A document as JSON (a shock run, an extraction): for a table not in USD, every `_usd_m` key reads `_table_unit` (the unit is `unit`). */
export function ioShockDocument(r: object, tableUnit: string): object {
  if (ioMoney(tableUnit).suffix === 'usd_m') return r;
  const rename = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(rename)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v).map(([k, x]) => [
              k.replace(/_usd_m$/, '_table_unit'),
              k === 'solve' ? x : rename(x),
            ]),
          )
        : v;
  return rename(r) as object;
}
