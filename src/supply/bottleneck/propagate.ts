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

/** IO facts for the (region, sector) pairs the users name; IO flows are annual: weekly = x 7/365. */
export function ioFacts(m: IOModel, pairs: { region: string; sector: string }[]): IoFacts {
  const scale = usdPerUnit(m.unit) * (7 / 365);
  const cache = new Map<string, SectorFacts | undefined>();
  for (const { region, sector } of pairs) {
    const key = `${region}/${sector}`;
    if (cache.has(key)) continue;
    const j = m.labels.findIndex((l) => l.region === region && l.sector === sector);
    if (j < 0 || m.x[j] <= 0) {
      cache.set(key, undefined);
      continue;
    }
    const col = new Float64Array(m.n);
    // column j of A (CSR: scan rows)
    for (let i = 0; i < m.n; i++)
      for (let p = m.A.rowPtr[i]; p < m.A.rowPtr[i + 1]; p++) if (m.A.colIdx[p] === j) col[i] = m.A.values[p];
    const { dx } = solveLeontief(m, col);
    const byRegion: Record<string, number> = {};
    for (let i = 0; i < m.n; i++) byRegion[m.labels[i].region] = (byRegion[m.labels[i].region] ?? 0) + dx[i];
    cache.set(key, {
      outputUsdPerWeek: m.x[j] * scale,
      vaRatio: m.vc[j],
      upstreamByRegion: byRegion,
    });
  }
  return {
    regions: m.regions,
    sectors: m.sectors,
    name: m.name,
    sector: (region, sector) => cache.get(`${region}/${sector}`),
  };
}
