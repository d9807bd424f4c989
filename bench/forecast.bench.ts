// Forecast harness benchmark: score the built-in question set (every origin's vintage Monte
// Carlo at 2,000 runs, resolution, baselines, bootstrap) on 1 and 2 worker threads, and record
// the scores. The scores are results, not targets (issue 14 raises them).
import { cpus } from 'node:os';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { GroupScore, ScoreResult } from '../src/forecast/index.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const RUNS = 2000;
const SEED = 1;
const f3 = (x: number | null) => (x === null ? '-' : x.toFixed(3));
const iv = (i: { lo: number; hi: number } | null) => (i ? `[${i.lo.toFixed(3)}, ${i.hi.toFixed(3)}]` : '-');

function row(g: GroupScore): string {
  return `| ${g.origin} | ${g.questions} | ${f3(g.model.brier)} ${iv(g.model.brier_90)} | ${f3(g.simulated?.brier ?? null)} | ${f3(g.model.log_loss)} | ${g.model.crps === null ? '-' : f3(g.model.crps)} | ${f3(g.baselines.coin.brier)} | ${f3(g.baselines.persistence.brier)} | ${f3(g.baselines.schedule.brier)} | ${g.best_baseline} | ${f3(g.skill_vs_best.brier_skill)} ${iv(g.skill_vs_best.interval)} |`;
}

export async function main(): Promise<string> {
  const times: { workers: number; ms: number }[] = [];
  let doc: ScoreResult | null = null;
  let first = '';
  for (const workers of [1, 2]) {
    const t0 = performance.now();
    // the command a user runs, as a fresh process (the track record cache is not used by `score`)
    const text = execFileSync(
      process.execPath,
      [
        'bin/leverage.js',
        'score',
        'data/questions/us-china.yaml',
        '--runs',
        String(RUNS),
        '--seed',
        String(SEED),
        '--workers',
        String(workers),
        '--json',
      ],
      { cwd: ROOT, maxBuffer: 1 << 28, encoding: 'utf8' },
    );
    times.push({ workers, ms: performance.now() - t0 });
    const r = JSON.parse(text) as ScoreResult;
    if (!first) first = text;
    else if (text !== first) throw new Error('scores differ between 1 and 2 workers');
    doc = r;
  }
  const r = doc!;
  const c = cpus();
  return [
    `## Forecast harness: the built-in question set scored (${new Date().toISOString().slice(0, 10)}, ${c[0]?.model ?? 'CPU'}, ${c.length} cores, Node ${process.version})`,
    '',
    `\`leverage score data/questions/us-china.yaml --json\`: ${r.resolved} resolved (${r.unresolved} unresolved) questions at ${r.origins.length} scored origins, ${RUNS} runs per origin, seed ${SEED}; ledger as of ${r.scenario_as_of}. Timed end to end (question file, vintage views, Monte Carlo per origin, resolution, baselines, 1,000 bootstrap resamples per group); byte-identical documents on 1 and 2 workers.`,
    '',
    '| workers | time (s) |',
    '| ---: | ---: |',
    ...times.map((t) => `| ${t.workers} | ${(t.ms / 1000).toFixed(1)} |`),
    '',
    'Scores (results, not targets; Brier and skill with 90% bootstrap intervals over questions). Brier, log loss and skill are of the printed, recalibrated P(yes) (docs/questions.md); "simulator" is the Brier of the shares of runs before recalibration:',
    '',
    '| origin | n | Brier | simulator | log loss | CRPS | coin | persistence | schedule | best baseline | skill vs best |',
    '| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |',
    row(r.overall),
    ...r.origins.map(row),
    '',
    `Verdict: ${r.verdict}.`,
    '',
    'The recalibration pool at each origin (weights of the simulator, persistence, schedule and coin; fitted on the questions resolved before the origin):',
    '',
    '| origin | track questions | simulator | persistence | schedule | coin |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...(r.recalibration ?? []).map(
      (x) =>
        `| ${x.origin} | ${x.track_questions} | ${x.weights.simulated.toFixed(2)} | ${x.weights.persistence.toFixed(2)} | ${x.weights.schedule.toFixed(2)} | ${x.weights.coin.toFixed(2)} |`,
    ),
  ].join('\n');
}
