// Forecast harness commands: `questions vocabulary|resolve`, `forecast` (vintage forecasts from
// each origin of a question file) and `score` (scores against baselines).
import { isInputError } from '../../errors/index.ts';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { readTextFile, InputFileError, ScenarioError } from '../../io/index.ts';
import { SimulationConfigError, MAX_RUNS } from '../../simulate/index.ts';
import {
  describeReading,
  forecastSet,
  formatOdds,
  loadQuestionSet,
  QuestionFileError,
  resolutionDocument,
  scoreSet,
  trackRecord,
  vocabulary,
  questionsJsonSchema,
  BASELINES,
  type ForecastResult,
  type GroupScore,
  type PoolWeights,
  type QuestionFile,
  type QuestionSet,
  type ScoreResult,
} from '../../forecast/index.ts';
import { trackRecordReport, type TrackRecordReport } from '../../report/index.ts';
import { parseNumberOption, parseSeedOption } from '../args.ts';
import { UserError } from '../errors.ts';
import { emit, fmt, table, type OutputOptions } from '../output.ts';
import { progressStream } from '../io.ts';
import { loadForCli } from '../scenario.ts';

function fileError(err: unknown): unknown {
  if (err instanceof QuestionFileError || err instanceof ScenarioError) {
    const n = err.issues.length;
    const what = err instanceof QuestionFileError ? 'question file' : 'scenario';
    return new UserError(`invalid ${what} (${n} problem${n === 1 ? '' : 's'}):\n${err.message}`);
  }
  if (err instanceof SimulationConfigError)
    return new UserError(`invalid simulation parameters:\n${err.problems.map((p) => p.message).join('\n')}`);
  if (err instanceof RangeError || isInputError(err)) return new UserError((err as Error).message);
  return err;
}

async function guard<T>(f: () => T | Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (err) {
    throw fileError(err);
  }
}

interface RunOpts extends OutputOptions {
  runs: string;
  seed: string;
  workers?: string;
  forecasts?: string;
  priors?: boolean;
}

function runOptions(o: RunOpts) {
  return {
    priors: !!o.priors,
    runs: parseNumberOption('--runs', o.runs, {
      min: 1,
      max: MAX_RUNS,
      integer: true,
      unit: 'runs per origin',
    }),
    seed: parseSeedOption(o.seed),
    workers:
      o.workers === undefined
        ? 1
        : parseNumberOption('--workers', o.workers, {
            min: 1,
            max: 256,
            integer: true,
            unit: 'worker threads',
          }),
  };
}

/** A progress bar over origins on a TTY (stderr), none with --json. */
function progressBar(total: number, json: boolean) {
  const bar =
    progressStream() && !json
      ? new cliProgress.SingleBar(
          { format: 'forecast {bar} {value}/{total} origins', stream: progressStream()! },
          cliProgress.Presets.shades_classic,
        )
      : null;
  bar?.start(total, 0);
  return { update: (d: number) => bar?.update(d), stop: () => bar?.stop() };
}

function originCount(set: QuestionSet): number {
  return new Set(set.questions.questions.map((q) => q.asked)).size;
}

const q3 = (x: number | null | undefined) =>
  x === null || x === undefined || !Number.isFinite(x) ? '-' : x.toFixed(3);
const iv = (i: { lo: number; hi: number } | null) => (i ? `[${i.lo.toFixed(3)}, ${i.hi.toFixed(3)}]` : '-');

function groupRow(g: GroupScore): (string | number)[] {
  return [
    g.origin,
    g.questions,
    `${q3(g.model.brier)} ${iv(g.model.brier_90)}`,
    q3(g.simulated?.brier),
    q3(g.model.log_loss),
    g.model.crps === null ? '-' : `${q3(g.model.crps)} ${iv(g.model.crps_90)}`,
    ...BASELINES.map((b) => q3(g.baselines[b].brier)),
    g.baselines.persistence.crps === null ? '-' : q3(g.baselines.persistence.crps),
    `${q3(g.skill_vs_best.brier_skill)} ${iv(g.skill_vs_best.interval)} vs ${g.best_baseline}`,
    g.market ? `${q3(g.market.model_brier)} / ${q3(g.market.market_brier)} (${g.market.questions})` : '-',
  ];
}

const pct0 = (x: number) => `${Math.round(x * 100)}%`;

/** The pool weights per origin (model = weighted sum of the simulator and the baselines). */
function poolTable(
  rows: { origin: string; track_questions: number; reference_questions?: number; weights: PoolWeights }[],
): string {
  return table(
    ['origin', 'track questions', 'simulator', 'persistence', 'schedule', 'coin'],
    rows.map((x) => [
      x.origin,
      // reference_questions is absent in forecast files written before it existed
      x.reference_questions ? `${x.track_questions} (${x.reference_questions} built-in)` : x.track_questions,
      pct0(x.weights.simulated),
      pct0(x.weights.persistence),
      pct0(x.weights.schedule),
      pct0(x.weights.coin),
    ]),
  );
}

export function humanScore(r: ScoreResult): string {
  const head = [
    'origin',
    'n',
    'Brier [90%]',
    'simulator',
    'log loss',
    'CRPS [90%]',
    'coin',
    'persist.',
    'schedule',
    'CRPS persist.',
    'skill vs best [90%]',
    'model/market',
  ];
  const rel = table(
    ['forecast', 'n', 'mean forecast', 'observed'],
    r.reliability.map((b) => [
      b.bin,
      b.count,
      b.mean_forecast === null ? '-' : formatOdds(b.mean_forecast),
      b.observed_share === null ? '-' : formatOdds(b.observed_share),
    ]),
  );
  const qs = table(
    ['question', 'asked', 'resolves', 'model', 'simulator', 'persist.', 'schedule', 'outcome'],
    r.questions.map((q) => [
      q.id,
      q.asked,
      q.resolves,
      formatOdds(q.p.model),
      q.p.simulated === undefined ? '-' : formatOdds(q.p.simulated),
      formatOdds(q.p.persistence),
      formatOdds(q.p.schedule),
      q.outcome === 'unresolved' ? 'unresolved' : q.outcome ? 'yes' : 'no',
    ]),
  );
  return [
    `Scores of ${r.questions_id} (${r.resolved} resolved, ${r.unresolved} unresolved; ${r.runs} runs per origin, seed ${r.seed}; ledger as of ${r.scenario_as_of ?? 'n/a'})`,
    table(head, [groupRow(r.overall), ...r.origins.map(groupRow)]),
    r.verdict,
    ...(r.recalibration
      ? [
          '',
          'Recalibration: the pool fitted at each origin on the questions resolved before it',
          poolTable(r.recalibration),
        ]
      : []),
    '',
    'Reliability (model)',
    rel,
    '',
    qs,
    '',
    ...r.basis.map((b) => `- ${b}`),
  ].join('\n');
}

function readForecastsFile(file: string, questions: QuestionFile): ForecastResult {
  let doc: unknown;
  try {
    doc = JSON.parse(readTextFile(file));
  } catch (err) {
    if (err instanceof InputFileError) throw new UserError(`--forecasts: ${err.message}`);
    throw new UserError(`--forecasts: ${file}: not JSON (${(err as Error).message})`);
  }
  const d = doc as Partial<ForecastResult>;
  if (!d || typeof d !== 'object' || !Array.isArray(d.forecasts))
    throw new UserError(
      `--forecasts: ${file}: expected a document with a "forecasts" list (leverage forecast --json)`,
    );
  d.forecasts.forEach((f, i) => {
    const where = `--forecasts: ${file}: forecasts[${i}]`;
    if (!f || typeof f.id !== 'string') throw new UserError(`${where}.id: expected a question id`);
    if (typeof f.p_yes !== 'number' || !(f.p_yes >= 0 && f.p_yes <= 1))
      throw new UserError(`${where}.p_yes: expected a probability in 0..1, got ${JSON.stringify(f.p_yes)}`);
    if (
      f.ensemble !== undefined &&
      (!Array.isArray(f.ensemble) || f.ensemble.some((x) => typeof x !== 'number' || !Number.isFinite(x)))
    )
      throw new UserError(`${where}.ensemble: expected a list of numbers`);
  });
  const known = new Set(questions.questions.map((q) => q.id));
  const extra = d.forecasts.find((f) => !known.has(f.id));
  if (extra) throw new UserError(`--forecasts: ${file}: unknown question id "${extra.id}"`);
  return { runs: d.runs ?? 0, seed: d.seed ?? 0, ...d } as ForecastResult;
}

/** Score a question file: the model's forecasts (computed, or read from --forecasts) against the baselines. */
export async function scoreForCli(file: string, o: RunOpts): Promise<ScoreResult> {
  const ro = runOptions(o);
  const set = await guard(() => loadQuestionSet(file));
  const forecasts = o.forecasts ? readForecastsFile(o.forecasts, set.questions) : undefined;
  const bar = forecasts ? null : progressBar(originCount(set), !!o.json);
  try {
    return await guard(() =>
      scoreSet(set, { ...ro, onProgress: (d) => bar?.update(d), ...(forecasts ? { forecasts } : {}) }),
    );
  } finally {
    bar?.stop();
  }
}

/** The track record shown beside the odds (npm start, leverage run): the library's cached score of the built-in set, with the odds' basis. */
export async function trackRecordForCli(): Promise<TrackRecordReport> {
  return trackRecordReport(await guard(() => trackRecord()));
}

/** The track record as text: what the printed odds are, the scores, and what the model said at each origin. */
export function trackRecordSection(t: TrackRecordReport): string {
  const iv2 = (i: { lo: number; hi: number } | null) =>
    i ? ` [90% ${i.lo.toFixed(2)}, ${i.hi.toFixed(2)}]` : '';
  return [
    `Track record (${t.command}: ${t.resolved} resolved questions at ${t.origins} past origins, ${t.runs} runs each, seed ${t.seed})`,
    `  recalibrated forecast (leverage forecast): Brier ${t.brier.toFixed(3)}${iv2(t.brier_90)}; persistence ${t.persistence_brier.toFixed(3)}; best baseline ${t.best_baseline} ${t.best_brier.toFixed(3)}; skill vs best ${t.skill_vs_best === null ? '-' : t.skill_vs_best.toFixed(2)}${iv2(t.skill_vs_best_90)}`,
    `    ${t.verdict}`,
    // each verdict sits under the numbers it judges: the shares of runs are the odds runs print
    ...(t.simulator_verdict === null
      ? []
      : [
          `  simulator's shares of runs (the odds runs print): Brier ${t.simulated_brier!.toFixed(3)}`,
          `    ${t.simulator_verdict}`,
        ]),
    table(
      ['origin', 'questions', 'forecast Brier', "simulator's shares", 'persistence', 'best baseline'],
      t.history.map((h) => [
        h.origin,
        h.questions,
        h.model_brier.toFixed(3),
        h.simulated_brier === null ? '-' : h.simulated_brier.toFixed(3),
        h.persistence_brier.toFixed(3),
        `${h.best_baseline} ${h.best_brier.toFixed(3)}`,
      ]),
    ),
    'What the forecast said (simulator) -> what happened, first questions of each origin:',
    ...t.history.map(
      (h) =>
        `- ${h.origin}: ${h.items
          .slice(0, 3)
          .map(
            (i) =>
              `${i.id} ${formatOdds(i.p_model)}${i.p_simulated === undefined ? '' : ` (${formatOdds(i.p_simulated)})`} -> ${i.outcome ? 'yes' : 'no'}`,
          )
          .join('; ')}`,
    ),
  ].join('\n');
}

/** The options of a vintage Monte Carlo (forecast, score), read by runOptions. */
function forecastRunOptions(cmd: Command): Command {
  return cmd
    .option('--runs <n>', 'runs per origin', '2000')
    .option('--seed <s>', 'random seed (same seed, same result, whatever --workers)', '1')
    .option('--workers <k>', 'worker threads (origins run in parallel)')
    .option('--priors', "ignore calibrated posteriors: the scenario's priors at every origin")
    .option('--json', 'one JSON document on stdout')
    .option('--out <file>', 'write the document to FILE (atomically) instead of stdout');
}

export function register(program: Command): void {
  const qs = program
    .command('questions')
    .description('forecast questions: the names they may use, and their outcomes from the ledger');
  qs.command('vocabulary')
    .description('every authority, tariff measure, agreement and export control a question may name')
    .argument('[scenario]', 'built-in id or scenario file', 'us-china')
    .option('--json', 'one JSON document on stdout')
    .action(async (scenario: string, o: OutputOptions) => {
      const v = vocabulary(loadForCli(scenario));
      await emit(v, o, () =>
        [
          `Question vocabulary of ${v.scenario} (ledger as of ${v.as_of ?? 'n/a'})`,
          'Authorities (layer_rate: actor, target, authority)',
          table(
            ['actor', 'target', 'authority', 'measures'],
            v.authorities.map((a) => [a.actor, a.target, a.authority, a.measures.join(', ')]),
          ),
          'Tariff measures (layer_rate.measure)',
          table(
            ['id', 'actor', 'target', 'authority', 'title'],
            v.measures.map((m) => [m.id, m.actor, m.target, m.authority, m.title]),
          ),
          'Agreements (agreement_status.agreement; values in_force, pending, approved, lapsed, none)',
          table(
            ['id', 'title'],
            v.agreements.map((a) => [a.id, a.title]),
          ),
          'Export controls (control_status.control; values in_force, suspended, lapsed, none)',
          table(
            ['id', 'actor', 'target', 'title'],
            v.controls.map((c) => [c.id, c.actor, c.target, c.title]),
          ),
        ].join('\n'),
      );
    });
  qs.command('schema')
    .description('print the JSON Schema of question files (questions.schema.json; for editors)')
    .option('--json', 'print JSON (the default: the schema is JSON)')
    .option('--out <file>', 'write the schema to FILE (atomically) instead of stdout')
    .action(async (o: OutputOptions) => {
      await emit(questionsJsonSchema(), { ...o, json: true }, () => '');
    });
  qs.command('track-record')
    .description(
      'the track record shown beside the odds: the cached score of the built-in set (computed on first use; npm run track-record)',
    )
    .option(
      '--json',
      'one JSON document on stdout (the summary; `score data/questions/us-china.yaml --json` for all of it)',
    )
    .action(async (o: OutputOptions) => {
      const t = await trackRecordForCli();
      await emit(t, o, () => trackRecordSection(t));
    });
  qs.command('resolve')
    .description("each question's outcome from the ledger (true, false, or unresolved after its as-of date)")
    .argument('<file>', 'question file (YAML or JSON)')
    .option('--json', 'one JSON document on stdout')
    .option('--out <file>', 'write the document to FILE (atomically) instead of stdout')
    .action(async (file: string, o: OutputOptions) => {
      const set = await guard(() => loadQuestionSet(file));
      const doc = await guard(() => resolutionDocument(set));
      const scn = set.scenario;
      const res = doc.resolutions;
      await emit(doc, o, () =>
        [
          `Resolution of ${set.questions.id} from the ledger of ${scn.id} (as of ${scn.as_of ?? 'n/a'})`,
          table(
            ['question', 'asked', 'resolves', 'ledger reads', 'outcome'],
            res.map((r) => [
              r.id,
              r.asked,
              r.resolves,
              r.reading ? describeReading(r.reading) : '-',
              String(r.outcome),
            ]),
          ),
        ].join('\n'),
      );
    });
  const forecast = program
    .command('forecast')
    .description(
      'vintage forecasts: for each origin, one Monte Carlo of the scenario as known then, P(yes) per question',
    )
    .argument('<file>', 'question file (YAML or JSON)');
  forecastRunOptions(forecast).action(async (file: string, o: RunOpts) => {
    const ro = runOptions(o);
    const set = await guard(() => loadQuestionSet(file));
    const bar = progressBar(originCount(set), !!o.json);
    let r: ForecastResult;
    try {
      r = await guard(() => forecastSet(set, { ...ro, onProgress: (d) => bar.update(d) }));
    } finally {
      bar.stop();
    }
    await emit(r, o, () =>
      [
        `Forecasts of ${r.questions_id}: ${r.runs} runs per origin, seed ${r.seed}, ${r.origins.length} origins`,
        table(
          ['question', 'asked', 'resolves', 'P(yes)', 'simulator', 'p5', 'p25', 'p50', 'p75', 'p95', 'basis'],
          r.forecasts.map((f) => [
            f.id,
            f.asked,
            f.resolves,
            formatOdds(f.p_yes),
            f.p_simulated === undefined ? '-' : formatOdds(f.p_simulated),
            ...(f.quantiles
              ? [f.quantiles.p5, f.quantiles.p25, f.quantiles.p50, f.quantiles.p75, f.quantiles.p95].map(
                  (x) => fmt(x, 1),
                )
              : ['', '', '', '', '']),
            f.basis,
          ]),
        ),
        ...(r.origins.every((x) => x.recalibration)
          ? [
              'Recalibration (P(yes) = the pool of the simulator and the baselines fitted on the questions resolved before each origin):',
              poolTable(r.origins.map((x) => ({ origin: x.origin, ...x.recalibration! }))),
            ]
          : []),
        ...r.origins.map(
          (x) =>
            `- ${x.origin}: ${x.parameters.basis === 'posterior' ? `parameters from the posterior calibrated on ${x.parameters.as_known_on} (${x.parameters.file})` : 'parameters from the priors (no posterior calibrated on or before this origin)'}`,
        ),
        ...r.basis.map((b) => `- ${b}`),
      ].join('\n'),
    );
  });
  const score = program
    .command('score')
    .description(
      'Brier, log loss and CRPS of the forecasts against coin flip, persistence and schedule, per origin, with bootstrap intervals',
    )
    .argument('<file>', 'question file (YAML or JSON)')
    .option(
      '--forecasts <file>',
      'score these forecasts (leverage forecast --json) instead of running the model',
    );
  forecastRunOptions(score).action(async (file: string, o: RunOpts) => {
    const r = await scoreForCli(file, o);
    await emit(r, o, () => humanScore(r));
  });
}
