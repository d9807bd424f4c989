// Shared by the in-process path and the worker threads: copying one run into the raw buffers.
import { NM, NS, type Simulator } from './loop.ts';
import type { RawResults } from './reduce.ts';

export function writeRun(sim: Simulator, raw: RawResults, r: number): void {
  const W = sim.W;
  const R = raw.runs;
  for (let m = 0; m < NM; m++)
    for (let w = 0; w < W; w++) raw.weekly[(m * W + w) * R + r] = sim.rec[m * W + w];
  for (let i = 0; i < NS; i++) raw.scalars[r * NS + i] = sim.scalars[i];
  const U = sim.samples.length;
  for (let u = 0; u < U; u++) raw.samples[r * U + u] = sim.samples[u];
}
