// One scale case in its own process (peak memory is per case). Prints one JSON line.
// Usage: node --import tsx bench/scale-case.ts flows <file> | scenario <file> [ledger]
import { readFlowFile, loadScenarioSync, ScenarioError } from '../src/io/index.ts';
import { summarizeFlows } from '../src/trade/index.ts';
import { ledgerReport } from '../src/report/index.ts';

const [kind, file, extra] = process.argv.slice(2);
const time = <T>(fn: () => T) => {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const value = fn();
  const c = process.cpuUsage(c0);
  return { value, ms: Math.round(performance.now() - t0), cpuMs: Math.round((c.user + c.system) / 1000) };
};
const out: Record<string, unknown> = { kind };
if (kind === 'flows') {
  const r = time(() => readFlowFile(file));
  out.rows = r.value.rows.length;
  out.readMs = r.ms;
  out.readCpuMs = r.cpuMs;
  out.valueUsd = summarizeFlows(r.value).value_usd;
} else if (kind === 'scenario') {
  const r = time(() => {
    try {
      return loadScenarioSync(file);
    } catch (err) {
      if (err instanceof ScenarioError) return err; // over the size cap: refused, timed
      throw err;
    }
  });
  if (r.value instanceof ScenarioError) {
    out.refused = r.value.issues[0].message;
    out.loadMs = r.ms;
    out.loadCpuMs = r.cpuMs;
    out.peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
    process.stdout.write(JSON.stringify(out) + '\n');
    process.exit(0);
  }
  const scn = r.value;
  out.measures = scn.measures.length;
  out.loadMs = r.ms;
  out.loadCpuMs = r.cpuMs;
  if (extra === 'ledger') {
    const l = time(() => ledgerReport(scn, { date: '2025-06-11' }, (f) => f));
    out.ledgerMs = l.ms;
    out.ledgerCpuMs = l.cpuMs;
  }
} else throw new Error(`unknown case ${kind}`);
// peak resident set of this process (KB on Linux)
out.peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
process.stdout.write(JSON.stringify(out) + '\n');
