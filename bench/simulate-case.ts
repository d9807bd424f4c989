// One benchmark case of the simulation in its own process (clean peak RSS):
//   node --import tsx bench/simulate-case.ts RUNS WORKERS WEEKS
// prints {"prepare_ms", "run_ms", "reduce_included": true, "max_rss_mb", "runs"} on stdout.
import { loadScenarioSync } from '../src/io/index.ts';
import { prepareScenario, runPrepared } from '../src/simulate/index.ts';

const [runs, workers, weeks] = process.argv.slice(2).map(Number);
const scn = loadScenarioSync('london-2025');
let t = performance.now();
const p = await prepareScenario(scn, { weeks });
const prepare_ms = performance.now() - t;
t = performance.now();
const cpu0 = process.cpuUsage();
const r = await runPrepared(p, { runs, seed: 1, workers, chunk: 1000 });
const run_ms = performance.now() - t;
const cpu = process.cpuUsage(cpu0);
process.stdout.write(
  JSON.stringify({
    prepare_ms,
    run_ms,
    cpu_ms: (cpu.user + cpu.system) / 1000,
    max_rss_mb: process.resourceUsage().maxRSS / 1024,
    runs: r.runs_completed,
    framework: r.outcomes.framework.probability,
  }) + '\n',
);
