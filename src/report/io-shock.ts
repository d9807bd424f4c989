// "What does a shock to one industry do to the others?" The API's input-output shock (POST
// /api/io/shock, the dashboard's shock explorer): a demand shock (Leontief, Δx = L Δy) or a supply
// shock (Ghosh) on one REGION:SECTOR of the table. Computed once, here; the server passes the
// table in. The shock's size has a different unit by kind, so each kind has its own key:
// `demand_change_usd_m` (demand) and `output_change_share` (supply), the other null.
import {
  changesByRegion,
  demandShock,
  findSector,
  supplyShock,
  topChanges,
  usdPerUnit,
  type IOModel,
} from '../supply/index.ts';

export interface IoShockQuery {
  kind: 'demand' | 'supply';
  /** REGION:SECTOR, e.g. USA:c14. */
  sector: string;
  /** demand: change of the sector's final demand, table units (USD millions); supply: relative change of its output (>= -1). */
  change: number;
  top: number;
}

/** One sector's or region's gross output before the shock and its change (annual). */
interface OutputChange {
  baseline_usd_m: number;
  change_usd_m: number;
  /** change / baseline (0 when the baseline is 0). */
  change_share: number;
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
  top: ({ index: number; region: string; sector: string; name?: string } & OutputChange)[];
  by_region: ({ region: string } & OutputChange)[];
}

/** The shock's top changes by sector and by region (largest absolute change first). */
export function ioShockReport(m: IOModel, q: IoShockQuery): IoShockReport {
  const i = findSector(m, q.sector);
  let dx: Float64Array;
  if (q.kind === 'demand') {
    const dy = new Float64Array(m.n);
    dy[i] = q.change;
    dx = demandShock(m, dy).dx;
  } else dx = supplyShock(m, [{ index: i, change: q.change }]).dx;
  // table units -> USD millions (the shipped WIOD table is in USD millions already)
  const toUsdM = usdPerUnit(m.unit) / 1e6;
  const output = (c: { baseline: number; change: number; relative: number }): OutputChange => ({
    baseline_usd_m: c.baseline * toUsdM,
    change_usd_m: c.change * toUsdM,
    change_share: c.relative,
  });
  const byRegion = changesByRegion(m, dx).sort((a, b) => Math.abs(b.change) - Math.abs(a.change));
  return {
    kind: q.kind,
    sector: `${m.labels[i].region}:${m.labels[i].sector}`,
    name: m.labels[i].name ?? null,
    demand_change_usd_m: q.kind === 'demand' ? q.change * toUsdM : null,
    output_change_share: q.kind === 'supply' ? q.change : null,
    unit: 'USD millions (WIOD 2011, annual)',
    top: topChanges(m, dx, q.top).map(({ baseline, change, relative, ...where }) => ({
      ...where,
      ...output({ baseline, change, relative }),
    })),
    by_region: byRegion.slice(0, q.top).map(({ region, ...c }) => ({ region, ...output(c) })),
  };
}
