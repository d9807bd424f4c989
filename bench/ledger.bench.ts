import { cpus } from 'node:os';
import { loadScenarioSync } from '../src/io/index.ts';
import { compileTariffSchedule, productStacks } from '../src/ledger/index.ts';
import { dateGrid } from '../src/model/index.ts';

/** Ledger: loading the built-in scenario, compiling the US-on-China schedule for every HTS10 line, a daily year of rates. */
export async function main(): Promise<string> {
  const t0 = performance.now();
  const scn = loadScenarioSync('london-2025');
  const tLoad = performance.now() - t0;
  const lines = scn.products.universe.US;
  const t1 = performance.now();
  const sched = compileTariffSchedule(scn, { importer: 'US', exporter: 'CN', lines });
  const tCompile = performance.now() - t1;
  const days = dateGrid('2025-01-01', '2025-12-31', 'day');
  const t2 = performance.now();
  let checksum = 0;
  for (const d of days) checksum += sched.ratesAt(d).total[0];
  const tDaily = performance.now() - t2;
  const t3 = performance.now();
  const ps = productStacks(scn, {
    importer: 'US',
    exporter: 'CN',
    date: '2025-06-11',
    group: 'steel-aluminium',
  });
  const tGroup = performance.now() - t3;
  return `## Ledger (${new Date().toISOString().slice(0, 10)}, ${cpus()[0]?.model}, ${cpus().length} cores, Node ${process.version})

| step | time |
| --- | --- |
| load and validate london-2025 (${scn.measures.length} measures, ${Object.keys(scn.products.lists).length} lists read from CSV) | ${tLoad.toFixed(0)} ms |
| compile the US-on-China schedule for ${lines.length} HTS10 lines | ${tCompile.toFixed(0)} ms |
| rates of every line on each of ${days.length} days (${((lines.length * days.length) / (tDaily / 1000) / 1e6).toFixed(1)} M line-days/s) | ${tDaily.toFixed(0)} ms |
| product stacks for the steel-aluminium group (${ps.line_count} lines, ${ps.stacks.length} distinct stacks) | ${tGroup.toFixed(0)} ms |

(checksum ${checksum.toFixed(1)})`;
}
