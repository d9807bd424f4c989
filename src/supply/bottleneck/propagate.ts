// What the IO table gives the bottleneck model: each user sector's weekly gross output, its
// value-added ratio, and the upstream loss per dollar of its output lost. Upstream: a sector that
// produces dx less buys A[:, j] dx less, and its suppliers' suppliers less again:
// d(upstream) = (I - A)^-1 A e_j dx = (L - I) e_j dx (Miller & Blair 2.6.2, mixed model with the
// user's output fixed). One solve per distinct sector, done once.
import { solveLeontief } from '../leontief.ts';
import type { IOModel } from '../system.ts';
import type { IoFacts, SectorFacts } from './model.ts';

/** USD per IO value unit ("million USD" tables: 1e6). */
export function usdPerUnit(unit: string): number {
  return /million/i.test(unit) ? 1e6 : /billion/i.test(unit) ? 1e9 : 1;
}

/**
 * IO facts for the (region, sector) pairs the users name; IO flows are annual: weekly = x 7/365.
 * Output and value-added ratios are read at once; the upstream coefficients (one Leontief solve
 * per sector) only when asked for, then kept.
 */
export function ioFacts(m: IOModel, pairs: { region: string; sector: string }[]): IoFacts {
  const scale = usdPerUnit(m.unit) * (7 / 365);
  const index = new Map<string, number>();
  for (const { region, sector } of pairs) {
    const key = `${region}/${sector}`;
    if (index.has(key)) continue;
    const j = m.labels.findIndex((l) => l.region === region && l.sector === sector);
    index.set(key, j >= 0 && m.x[j] > 0 ? j : -1);
  }
  const upstream = new Map<number, Record<string, number>>();
  const jOf = (region: string, sector: string) => index.get(`${region}/${sector}`) ?? -1;
  return {
    regions: m.regions,
    sectors: m.sectors,
    name: m.name,
    sector: (region, sector): SectorFacts | undefined => {
      const j = jOf(region, sector);
      return j < 0 ? undefined : { outputUsdPerWeek: m.x[j] * scale, vaRatio: m.vc[j] };
    },
    upstream: (region, sector) => {
      const j = jOf(region, sector);
      if (j < 0) return {};
      let hit = upstream.get(j);
      if (!hit) {
        // column j of A (CSR: scan rows)
        const col = new Float64Array(m.n);
        for (let i = 0; i < m.n; i++)
          for (let p = m.A.rowPtr[i]; p < m.A.rowPtr[i + 1]; p++)
            if (m.A.colIdx[p] === j) col[i] = m.A.values[p];
        const { dx } = solveLeontief(m, col);
        hit = {};
        for (let i = 0; i < m.n; i++) hit[m.labels[i].region] = (hit[m.labels[i].region] ?? 0) + dx[i];
        upstream.set(j, hit);
      }
      return hit;
    },
  };
}
