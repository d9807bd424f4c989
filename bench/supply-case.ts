// One benchmark case in its own process (so peak memory is per case). Prints one JSON line.
// Usage: node --import tsx bench/supply-case.ts synthetic <n> | wiod-extract
import { DEFAULT_MRIO_DIR, readMrio } from '../src/io/index.ts';
import {
  demandShock,
  hypotheticalExtraction,
  prepareModel,
  supplyShock,
  syntheticSystem,
} from '../src/supply/index.ts';

const [kind, arg] = process.argv.slice(2);
const ms = (t0: number) => Math.round((performance.now() - t0) * 10) / 10;
/** CPU time (user + system) of this process since `c0`, in ms: robust to other load on the machine. */
const cpuMs = (c0: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(c0);
  return Math.round((d.user + d.system) / 100) / 10;
};
const out: Record<string, unknown> = { kind };

if (kind === 'synthetic') {
  const n = Number(arg);
  let t0 = performance.now();
  const sys = syntheticSystem({ n, density: 0.4, seed: 42, minColSum: 0.3, maxColSum: 0.69 });
  out.generateMs = ms(t0);
  t0 = performance.now();
  const m = prepareModel(sys);
  out.prepareMs = ms(t0);
  out.n = n;
  out.nnz = m.A.values.length;
  out.spectralRadiusUpper = m.spectralRadius.upper;
  // demand shock: -20 % final demand of sector 0 and +5 % of sector n/2
  const dy = new Float64Array(n);
  dy[0] = -0.2 * m.y[0];
  dy[n >> 1] = 0.05 * m.y[n >> 1];
  t0 = performance.now();
  let c0 = process.cpuUsage();
  const d = demandShock(m, dy, { method: 'gmres' });
  out.demandMs = ms(t0);
  out.demandCpuMs = cpuMs(c0);
  out.demandIterations = d.report.iterations;
  out.demandResidual = d.report.relative_residual;
  // supply shock: output of sector 0 cut by 70 %, Ghosh downstream
  t0 = performance.now();
  c0 = process.cpuUsage();
  const s = supplyShock(m, [{ index: 0, change: -0.7 }], 'ghosh', { method: 'gmres' });
  out.supplyMs = ms(t0);
  out.supplyCpuMs = cpuMs(c0);
  out.supplyIterations = s.report.iterations;
  out.supplyResidual = s.report.relative_residual;
} else if (kind === 'wiod-extract') {
  let t0 = performance.now();
  const sys = await readMrio(DEFAULT_MRIO_DIR);
  out.readMs = ms(t0);
  t0 = performance.now();
  const m = prepareModel(sys, { clean: true });
  out.prepareMs = ms(t0);
  out.n = m.n;
  t0 = performance.now();
  const c0 = process.cpuUsage();
  const e = hypotheticalExtraction(m);
  out.extractAllMs = ms(t0);
  out.extractAllCpuMs = cpuMs(c0);
  out.extractions = e.complete.length;
  out.residual = e.report.relative_residual;
} else {
  throw new Error(`unknown case ${kind}`);
}
out.maxRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
process.stdout.write(JSON.stringify(out) + '\n');
