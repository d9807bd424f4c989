// `leverage run|sensitivity|backtest` (and `branches`, leverage.ts): command-line options to a
// checked simulation call, with a progress bar and Ctrl-C as an orderly stop; simulate-format.ts
// writes the answers for a terminal and as CSV.
import { availableParallelism } from 'node:os';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_SCENARIO } from '../../io/index.ts';
import cliProgress from 'cli-progress';
import type { Scenario } from '../../model/index.ts';
import { parseStrategySpec, GameInputError } from '../../game/index.ts';
import {
  backtest,
  locateConfigProblems,
  resolveConfig,
  withStrategies,
  prepareScenario,
  runPrepared,
  startWorkers,
  SimulationConfigError,
  storyOf,
  tradeFlows,
  MAX_RUNS,
  checkRunWeeks,
  DEFAULT_HORIZON_WEEKS,
  MAX_RUN_WEEKS,
  MAX_BRANCH_WEEKS,
  DEFAULT_BRANCH_EVERY,
  type MonteCarloResult,
  type Prepared,
  type RawResults,
  type StartedWorkers,
} from '../../simulate/index.ts';
import { parseDateOption, parseNumberOption, parseSeedOption } from '../args.ts';
import { UserError } from '../errors.ts';
import { emit, writeAtomically, writeStdout, type OutputOptions } from '../output.ts';
import { cliIo, progressStream, writeStderr } from '../io.ts';
import { loadForCli } from '../scenario.ts';
import type { OddsBasis } from '../../report/index.ts';
import { trackRecordForCli, trackRecordSection } from './forecast.ts';
import { register as registerBranches } from './leverage.ts';
import {
  backtestText,
  humanRun,
  oddsText,
  runsTable,
  sensitivityText,
  simulationCsvFiles,
  storyText,
} from './simulate-format.ts';

interface RunOptions extends OutputOptions {
  runs: string;
  seed: string;
  workers?: string;
  weeks?: string;
  csv?: string;
  story?: string;
  by?: string;
  strategy?: string[];
  leverageBranches?: string;
  branchEvery?: string;
}

/**
 * `--strategy US=TACO(threshold=20)`: what-if strategies on a copy of the scenario; uncertain
 * parameters the new strategy does not declare are dropped (and said so on stderr).
 */
function applyStrategyOptions(scn: Scenario, specs: string[] | undefined): Scenario {
  if (!specs?.length) return scn;
  const chosen: Record<string, { name: string; params?: Record<string, string | number> }> = {};
  const fixed: Record<string, string[]> = {};
  for (const text of specs) {
    const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)=(.+)$/.exec(text.trim());
    if (!m)
      throw new UserError(
        `--strategy: expected ACTOR=Strategy or ACTOR=Strategy(key=value, ...), got ${JSON.stringify(text)}`,
      );
    if (!scn.actors[m[1]])
      throw new UserError(
        `--strategy: unknown actor "${m[1]}" (actors: ${Object.keys(scn.actors).join(', ')})`,
      );
    try {
      const spec = parseStrategySpec(m[2]);
      chosen[m[1]] = { name: spec.name, ...(spec.params ? { params: { ...spec.params } } : {}) };
      // parameters written out are fixed: a draw must not override them
      fixed[m[1]] = [...(/\((.*)\)/.exec(m[2])?.[1] ?? '').matchAll(/(\w+)\s*=/g)].map((x) => x[1]);
    } catch (err) {
      if (err instanceof GameInputError) throw new UserError(`--strategy ${m[1]}: ${err.message}`);
      throw err;
    }
  }
  const { scenario, dropped } = withStrategies(scn, chosen, fixed);
  if (dropped.length)
    writeStderr(
      `note: --strategy: no longer uncertain (fixed, or not a parameter of the new strategy): ${dropped.join(', ')}\n`,
    );
  return scenario;
}

/** Prepare a scenario for the loop; configuration problems become located user errors. */
async function prepareForCli(scn: Scenario, weeks?: number, runs?: number): Promise<Prepared> {
  try {
    const p = await prepareScenario(scn, { ...(weeks !== undefined ? { weeks } : {}), cache: true });
    if (runs !== undefined)
      try {
        checkRunWeeks(runs, p.horizon_weeks);
      } catch (err) {
        throw new UserError(`--runs: ${(err as Error).message}`);
      }
    return p;
  } catch (err) {
    if (err instanceof SimulationConfigError) {
      const lines = locateConfigProblems(scn, err.problems);
      throw new UserError(
        `invalid simulation parameters (${lines.length} problem${lines.length === 1 ? '' : 's'}):\n${lines.join('\n')}`,
      );
    }
    throw err;
  }
}

function parseBranchOptions(o: RunOptions): Prepared['branches'] | undefined {
  if (o.leverageBranches === undefined) {
    if (o.branchEvery !== undefined) throw new UserError('--branch-every needs --leverage-branches');
    return undefined;
  }
  const weeks = parseNumberOption('--leverage-branches', o.leverageBranches, {
    min: 1,
    max: MAX_BRANCH_WEEKS,
    integer: true,
    unit: 'weeks',
  });
  const every =
    o.branchEvery !== undefined
      ? parseNumberOption('--branch-every', o.branchEvery, { min: 1, max: 52, integer: true, unit: 'weeks' })
      : DEFAULT_BRANCH_EVERY;
  return { weeks, every };
}

function parseRunOptions(o: RunOptions) {
  const runs = parseNumberOption('--runs', o.runs, { min: 1, max: MAX_RUNS, integer: true, unit: 'runs' });
  const seed = parseSeedOption(o.seed);
  const workers =
    o.workers !== undefined
      ? parseNumberOption('--workers', o.workers, { min: 1, max: 256, integer: true, unit: 'worker threads' })
      : runs >= 20_000
        ? Math.min(4, availableParallelism())
        : 1;
  const weeks =
    o.weeks !== undefined
      ? parseNumberOption('--weeks', o.weeks, { min: 1, max: 520, integer: true, unit: 'weeks' })
      : undefined;
  const story =
    o.story !== undefined
      ? parseNumberOption('--story', o.story, { min: 0, max: runs - 1, integer: true, unit: 'run index' })
      : undefined;
  if (o.json && o.csv) throw new UserError('--json and --csv are exclusive: choose one output');
  // The one limit (runs x weeks), checked before any work; a scenario whose horizon is longer than
  // the default is checked again against that horizon once it is known.
  try {
    checkRunWeeks(runs, weeks ?? DEFAULT_HORIZON_WEEKS);
  } catch (err) {
    throw new UserError(
      `--runs: ${(err as Error).message}${weeks === undefined ? ` (checked against ${DEFAULT_HORIZON_WEEKS} weeks, the default horizon; pass --weeks for another)` : ''}`,
    );
  }
  const by = o.by !== undefined ? parseDateOption('--by', o.by) : undefined;
  return { runs, seed, workers, weeks, story, by };
}

/**
 * SIGINT while preparing or running: stop dispatching runs and report what is complete; a
 * second Ctrl-C quits at once (the default handler). Installed before the scenario loads.
 */
function interruptible(): { signal: AbortSignal; dispose: () => void } {
  const ac = new AbortController();
  const onSigint = () => {
    if (ac.signal.aborted) {
      process.off('SIGINT', onSigint);
      process.kill(process.pid, 'SIGINT');
      return;
    }
    writeStderr('\nleverage: interrupted, finishing runs in flight (Ctrl-C again to quit now)...\n');
    ac.abort();
  };
  process.on('SIGINT', onSigint);
  return { signal: ac.signal, dispose: () => process.off('SIGINT', onSigint) };
}

/**
 * The worker threads a run will use (runPrepared: --workers K is this thread and K - 1 workers),
 * started before the scenario is loaded so that they load the simulation code meanwhile.
 */
function startWorkersFor(runs: number, workers: number): StartedWorkers | undefined {
  const n = Math.min(workers, Math.ceil(runs / 50)) - 1;
  return n > 0 ? startWorkers(n) : undefined;
}

/** Run with a progress bar on a TTY. */
async function monteCarlo(
  p: Prepared,
  runs: number,
  seed: number,
  workers: number,
  signal: AbortSignal,
  onRaw?: (raw: RawResults, n: number) => void,
  started?: StartedWorkers,
): Promise<MonteCarloResult> {
  const bar = progressStream()
    ? new cliProgress.SingleBar(
        {
          stream: progressStream()!,
          format: 'runs [{bar}] {value}/{total} {percentage}% eta {eta}s',
          hideCursor: true,
        },
        cliProgress.Presets.shades_classic,
      )
    : null;
  // Without a TTY, LEVERAGE_PROGRESS=lines reports progress as lines on stderr (for scripts and
  // tests that act once runs are under way, e.g. to interrupt them).
  const lines = !bar && cliIo().env.LEVERAGE_PROGRESS === 'lines';
  bar?.start(runs, 0);
  if (lines) writeStderr(`progress 0/${runs}\n`);
  try {
    return await runPrepared(p, {
      runs,
      seed,
      workers,
      signal,
      ...(onRaw ? { onRaw } : {}),
      ...(started ? { started } : {}),
      onProgress: (done) => (lines ? writeStderr(`progress ${done}/${runs}\n`) : bar?.update(done)),
    });
  } finally {
    bar?.stop();
  }
}

/** Write the --csv files into DIR (each atomically); their paths. */
async function writeCsv(dir: string, r: MonteCarloResult, runsCsv: string[]): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const files = simulationCsvFiles(r, runsCsv);
  for (const [f, lines] of files) await writeAtomically(join(dir, f), lines.join('\n') + '\n');
  return files.map(([f]) => join(dir, f));
}

/** Outcome odds for the start report (2,000 runs, seed 1, in this thread). */
export async function reportSection(scn: Scenario, basis: OddsBasis): Promise<string> {
  if (!scn.parameters.simulation)
    return `Outcome odds: scenario ${scn.id} has no parameters.simulation block (see docs/simulate.md).`;
  const p = await prepareForCli(scn);
  const r = await runPrepared(p, { runs: 2000, seed: 1, workers: 1 });
  return [
    "Outcome odds (weekly negotiation loop, Monte Carlo over the scenario's uncertain parameters; `leverage run` for more)",
    oddsText(r, basis),
  ].join('\n');
}

export function register(program: Command): void {
  registerBranches(program); // `leverage branches` (leverage.ts), registered with the simulation commands
  program
    .command('run')
    .description('Monte Carlo of the weekly negotiation loop: outcome odds, weekly bands, sensitivity')
    .argument('[scenario]', 'built-in id or scenario file', DEFAULT_SCENARIO)
    .requiredOption(
      '--runs <n>',
      `number of runs; runs x weeks at most ${MAX_RUN_WEEKS.toLocaleString('en-US')} (${Math.floor(MAX_RUN_WEEKS / DEFAULT_HORIZON_WEEKS).toLocaleString('en-US')} runs of ${DEFAULT_HORIZON_WEEKS} weeks)`,
    )
    .requiredOption('--seed <s>', 'random seed (same seed, same result, whatever --workers)')
    .option('--workers <k>', 'threads (this one and K - 1 workers; default 1, or up to 4 from 20,000 runs)')
    .option('--weeks <w>', "horizon in weeks (default: the scenario's horizon_weeks)")
    .option('--json', 'one JSON document on stdout')
    .option('--csv <dir>', 'write weeks.csv, outcomes.csv, sensitivity.csv, curves.csv, runs.csv into DIR')
    .option('--story <run>', 'also show one run (by index) move by move')
    .option(
      '--strategy <actor=spec>',
      'what-if strategy for one side, e.g. US=TitForTat or US="TACO(threshold=20)" (repeatable)',
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .option(
      '--by <date>',
      'date D of "framework approved by D" (default: the scenario\'s agreements.framework_by)',
    )
    .option(
      '--leverage-branches <n>',
      'leverage from breakdown branches of N weeks (costs 2 x N bottleneck weeks per branch point; default: current pains)',
    )
    .option('--branch-every <k>', 'with --leverage-branches: branch every K-th week (default 4)')
    .option('--out <file>', 'write the document to FILE (atomically) instead of stdout')
    .action(async (scenario: string, o: RunOptions) => {
      const { runs, seed, workers, weeks, story, by } = parseRunOptions(o);
      const branches = parseBranchOptions(o);
      const started = startWorkersFor(runs, workers);
      const intr = interruptible();
      let r: MonteCarloResult;
      let p: Prepared;
      let runsCsv: string[] = [];
      try {
        const scn = applyStrategyOptions(loadForCli(scenario), o.strategy);
        p = await prepareForCli(scn, weeks, runs);
        if (branches) p.branches = branches;
        if (by !== undefined) {
          // "framework approved by date D" for another D: the last week starting on or before it
          p.framework_by = by;
          p.framework_by_week = Math.floor((Date.parse(`${by}T00:00:00Z`) / 86_400_000 - p.start_day) / 7);
        }
        const pp = p;
        r = await monteCarlo(
          p,
          runs,
          seed,
          workers,
          intr.signal,
          o.csv ? (raw, n) => (runsCsv = runsTable(pp, raw, n)) : undefined,
          started,
        );
      } finally {
        intr.dispose();
      }
      const doc = story !== undefined ? { ...r, story: storyOf(p, seed, story) } : r;
      // the odds' own track record, and what they are, beside them
      const tr = o.json && !o.csv ? null : await trackRecordForCli();
      if (o.csv && tr) {
        const files = await writeCsv(o.csv, r, runsCsv);
        await writeStdout(`${oddsText(r, tr.odds_basis)}\n\nwrote ${files.join(', ')}\n`);
      } else
        await emit(doc, o, () => {
          if (!tr) return '';
          let text = `${humanRun(r, tr.odds_basis)}\n\n${trackRecordSection(tr)}`;
          if (story !== undefined) text += storyText(story, storyOf(p, seed, story));
          return text;
        });
      if (!r.complete)
        throw new UserError(
          `interrupted: ${r.runs_completed} of ${r.runs_requested} runs reported (marked "complete": false)`,
          { kind: 'conflict', code: 'interrupted' },
        );
    });

  program
    .command('sensitivity')
    .description('which uncertain parameter moves each outcome probability most (same Monte Carlo sample)')
    .argument('[scenario]', 'built-in id or scenario file', DEFAULT_SCENARIO)
    .option('--runs <n>', 'number of runs', '10000')
    .option('--seed <s>', 'random seed', '1')
    .option('--workers <k>', 'worker threads')
    .option('--weeks <w>', 'horizon in weeks')
    .option(
      '--strategy <actor=spec>',
      'what-if strategy for one side, e.g. US=TitForTat or US="TACO(threshold=20)" (repeatable)',
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .option('--json', 'one JSON document on stdout')
    .option('--out <file>', 'write the document to FILE')
    .action(async (scenario: string, o: RunOptions) => {
      const { runs, seed, workers, weeks } = parseRunOptions(o);
      const started = startWorkersFor(runs, workers);
      const intr = interruptible();
      let r: MonteCarloResult;
      try {
        const scn = applyStrategyOptions(loadForCli(scenario), o.strategy);
        const p = await prepareForCli(scn, weeks, runs);
        r = await monteCarlo(p, runs, seed, workers, intr.signal, undefined, started);
      } finally {
        intr.dispose();
      }
      const doc = {
        scenario: r.scenario,
        seed,
        runs_requested: r.runs_requested,
        runs_completed: r.runs_completed,
        complete: r.complete,
        method:
          'P(outcome | parameter >= its upper quartile) - P(outcome | parameter <= its lower quartile), and Spearman rank correlation, over the same Monte Carlo sample',
        uncertain: r.uncertain,
        sensitivity: r.sensitivity,
      };
      await emit(doc, o, () => sensitivityText(r, seed));
      if (!r.complete)
        throw new UserError(
          `interrupted: ${r.runs_completed} of ${r.runs_requested} runs reported (marked "complete": false)`,
          { kind: 'conflict', code: 'interrupted' },
        );
    });

  program
    .command('backtest')
    .description('replay the real 2025 history through the loop and compare with the ledger week by week')
    .argument('[scenario]', 'built-in id or scenario file', DEFAULT_SCENARIO)
    .option('--json', 'one JSON document on stdout')
    .option('--out <file>', 'write the document to FILE')
    .action(async (scenario: string, o: OutputOptions) => {
      const scn = loadForCli(scenario);
      let actors: [string, string];
      try {
        actors = resolveConfig(scn).actors;
      } catch (err) {
        if (err instanceof SimulationConfigError)
          throw new UserError(
            `invalid simulation parameters:\n${locateConfigProblems(scn, err.problems).join('\n')}`,
          );
        throw err;
      }
      // payoffs are not compared: no chokepoint bridge needed
      const r = backtest(scn, {
        flows: tradeFlows(actors),
        supply: {
          importer_loss_usd_per_week: 0,
          exporter_loss_usd_per_week: 0,
          basis: 'not used by the backtest',
        },
      });
      await emit(r, o, () => backtestText(r));
      if (r.mismatches.length)
        throw new UserError(`backtest: ${r.mismatches.length} mismatches`, {
          kind: 'conflict',
          code: 'check_failed',
        });
    });
}
