// One case of the bottleneck benchmark in its own process:
//   node --import tsx bench/supply-bottleneck-case.ts MODE RUNS WORKERS WEEKS [BRANCH_WEEKS [EVERY]]
// MODE: bottleneck | linear (the simulation's rare-earth loss); BRANCH_WEEKS > 0: leverage
// branches of that length every EVERY weeks (default 4). Prints one JSON line.
import { loadScenarioSync } from '../src/io/index.ts';
import { prepareScenario, runPrepared } from '../src/simulate/index.ts';

const [mode, ...nums] = process.argv.slice(2);
const [runs, workers, weeks, branchWeeks = 0, every = 4] = nums.map(Number);
const scn = loadScenarioSync('london-2025');
let t = performance.now();
const p = await prepareScenario(scn, { weeks, rareEarth: mode === 'linear' ? 'linear' : 'bottleneck' });
const prepare_ms = performance.now() - t;
t = performance.now();
const cpu0 = process.cpuUsage();
const r = await runPrepared(p, {
  runs,
  seed: 1,
  workers,
  chunk: 1000,
  ...(branchWeeks > 0 ? { branches: { weeks: branchWeeks, every } } : {}),
});
const run_ms = performance.now() - t;
const cpu = process.cpuUsage(cpu0);
const b = p.supply.bottleneck;
process.stdout.write(
  JSON.stringify({
    mode,
    branch_weeks: branchWeeks,
    every,
    prepare_ms,
    run_ms,
    cpu_ms: (cpu.user + cpu.system) / 1000,
    runs: r.runs_completed,
    framework: r.outcomes.framework.probability,
    users: b?.model.J ?? 0,
    cohorts: b?.model.F ?? 0,
  }) + '\n',
);
