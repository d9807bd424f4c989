// The harness end to end, shared by the CLI, the server and the track record: read a question
// file, check it against its scenario, forecast each origin from its vintage (in this thread or
// over worker threads, one origin per task), resolve and score. One code path, so the numbers a
// screen shows are the numbers `leverage score --json` prints.
import { resolve as resolvePath, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { inputError } from '../errors/index.ts';
import {
  DATA_DIR,
  loadScenarioSync,
  loadScenarioViews,
  loadShippedTradeData,
  type SourceDoc,
} from '../io/index.ts';
import type { Scenario } from '../model/index.ts';
import { checkRunOptions } from '../simulate/index.ts';
import type { ShippedTrade } from '../trade/index.ts';
import {
  byOrigin,
  controlsOf,
  forecastQuestions,
  assembleForecast,
  type ForecastOptions,
  type ForecastResult,
  type OriginInfo,
  type QuestionForecast,
  type ViewOn,
} from './forecast.ts';
import { checkQuestions, readQuestions } from './load.ts';
import { checkRecordedOutcomes, resolveQuestions, type Resolution } from './resolve.ts';
import type { QuestionFile } from './schema.ts';
import { scoreForecasts, type ScoreResult } from './scorecard.ts';
import { posteriorFor } from '../calibrate/index.ts';
import { cachedViews } from './views.ts';
import { recalibrateForecast, type ReferenceTrack } from './recalibrate.ts';

// Compiled: the worker's own JavaScript (named through its folder, so the URL holds from the CLI
// bundle in dist/bundle/ too). From source (tsx): a plain-JS shim that registers
// tsx in the thread first (workers do not inherit the loader).
const WORKER_SCRIPT = new URL(
  import.meta.url.endsWith('.ts') ? '../forecast/worker-entry.js' : '../forecast/worker.js',
  import.meta.url,
);

/** The built-in question set: the track record on screen, and the reference track of other files. */
export const BUILTIN_QUESTIONS = join(DATA_DIR, 'questions', 'us-china.yaml');

/** The scenario as known on a date: the loader's vintage view (docs/vintages.md). */
export function loadView(scenarioPath: string, asKnownOn: string): Scenario {
  return loadScenarioSync(scenarioPath, { asKnownOn });
}

export interface QuestionSet {
  file: string;
  scenarioPath: string;
  questions: QuestionFile;
  src: SourceDoc;
  /** The full ledger (resolution). */
  scenario: Scenario;
  viewOn: ViewOn;
}

/** Read and check a question file against its scenario's full ledger; views load lazily. */
export function loadQuestionSet(file: string): QuestionSet {
  const l = readQuestions(file);
  // one read of the scenario; each origin's view is cut from it (docs/vintages.md)
  const views = loadScenarioViews(l.scenarioPath);
  const scenario = views();
  checkQuestions(l.src, l.questions, scenario);
  return { ...l, scenario, viewOn: cachedViews((d) => views(d)) };
}

let shipped: ShippedTrade | null = null;
export function shippedData(): ShippedTrade {
  return (shipped ??= loadShippedTradeData());
}

/** The posterior lookup of a scenario file: the latest vintage on or before each origin. */
export function posteriorsOf(
  scenarioPath: string,
  scenarioId: string,
): NonNullable<ForecastOptions['posteriorOn']> {
  return (origin) => posteriorFor(scenarioPath, scenarioId, origin);
}

/**
 * Forecast every origin of a set; with workers > 1 origins run in parallel threads (same result).
 * `priors`: ignore calibrated posteriors (the scenario's priors at every origin).
 */
export async function forecastSet(
  set: QuestionSet,
  options: ForecastOptions & { priors?: boolean; referenceTrack?: boolean },
): Promise<ForecastResult> {
  // the printed probabilities are the recalibrated ones; p_simulated keeps the share of runs
  const own = await simulateSet(set, options);
  return recalibrateForecast(
    set.questions,
    own,
    set.viewOn,
    shippedData(),
    await referenceTrack(set, options),
  );
}

/**
 * Another file about the built-in set's scenario (a held-out set) is pooled on the built-in set's
 * track too: at each origin the forecaster has answered and seen resolve those questions. Their
 * shares of runs come from the same options (runs, seed, posteriors), so the same code prints the
 * same pool. None for the built-in set itself, for another scenario, or with referenceTrack: false
 * (this file's own track only).
 */
async function referenceTrack(
  set: QuestionSet,
  options: ForecastOptions & { priors?: boolean; referenceTrack?: boolean },
): Promise<ReferenceTrack | undefined> {
  if (options.referenceTrack === false || resolvePath(set.file) === BUILTIN_QUESTIONS) return undefined;
  const builtin = loadQuestionSet(BUILTIN_QUESTIONS);
  if (builtin.scenarioPath !== set.scenarioPath) return undefined;
  // only reference questions that resolve before one of this file's origins can enter a track
  const last = set.questions.questions.reduce((m, q) => (q.asked > m ? q.asked : m), '');
  const used = builtin.questions.questions.filter((q) => q.resolves < last);
  if (used.length === 0) return undefined;
  const questions = { ...builtin.questions, questions: used };
  const { onProgress: _, referenceTrack: __, ...quiet } = options;
  return { questions, result: await simulateSet({ ...builtin, questions }, quiet) };
}

/** The simulator's own forecasts (shares of runs) of every origin of a set. */
async function simulateSet(
  set: QuestionSet,
  options: ForecastOptions & { priors?: boolean },
): Promise<ForecastResult> {
  const base: ForecastOptions = { controlOf: controlsOf(set.scenario), ...options };
  const opts: ForecastOptions = options.priors
    ? base
    : { posteriorOn: posteriorsOf(set.scenarioPath, set.scenario.id), ...base };
  checkRunOptions({ runs: opts.runs, seed: opts.seed });
  const groups = [...byOrigin(set.questions)];
  const results = new Array<{ info: OriginInfo; forecasts: QuestionForecast[] }>(groups.length);
  let done = 0;
  const workers = Math.min(opts.workers ?? 1, groups.length);
  if (workers <= 1) return forecastQuestions(set.questions, set.viewOn, shippedData(), opts);
  await new Promise<void>((resolve, reject) => {
    // a pool of K threads; each takes the next origin when it finishes one
    let next = 0;
    let alive = workers;
    let failed = false;
    const pool: Worker[] = [];
    const fail = (err: unknown) => {
      if (failed) return;
      failed = true;
      for (const x of pool) void x.terminate();
      reject(err instanceof Error ? err : new Error(String(err)));
    };
    const give = (wk: Worker) => {
      if (next >= groups.length) return wk.postMessage('stop');
      const i = next++;
      wk.postMessage({ i, origin: groups[i][0], questions: groups[i][1] });
    };
    for (let k = 0; k < workers; k++) {
      const wk = new Worker(WORKER_SCRIPT, {
        workerData: {
          scenarioPath: set.scenarioPath,
          runs: opts.runs,
          seed: opts.seed,
          supply: opts.supply ?? null,
          priors: !!options.priors,
          scenarioId: set.scenario.id,
        },
      });
      pool.push(wk);
      wk.on(
        'message',
        (
          m: { i: number; result: (typeof results)[number] } | { error: string; input: boolean } | 'ready',
        ) => {
          if (m === 'ready') return give(wk);
          if ('error' in m) return fail(m.input ? inputError(m.error) : new Error(m.error));
          results[m.i] = m.result;
          done++; // not inside ?.(): an absent onProgress would skip the count
          opts.onProgress?.(done, groups.length);
          give(wk);
        },
      );
      wk.on('error', fail);
      wk.on('exit', (code) => {
        if (code !== 0 && !failed) return fail(new Error(`a forecast worker exited with code ${code}`));
        if (--alive === 0 && !failed) {
          if (done === groups.length) resolve();
          else fail(new Error(`forecast workers stopped with ${groups.length - done} origins left`));
        }
      });
    }
  });
  return assembleForecast(set.questions, opts, results);
}

/** Resolve a set from its full ledger; a recorded outcome that disagrees is a located error. */
export function resolveSet(set: QuestionSet): Resolution[] {
  const res = resolveQuestions(set.questions, set.scenario, shippedData());
  checkRecordedOutcomes(set.src, res, set.scenario);
  return res;
}

/** The resolution document (`leverage questions resolve --json`, the API's resolve route). */
export function resolutionDocument(set: QuestionSet) {
  const scn = set.scenario;
  return {
    kind: 'resolution' as const,
    questions_id: set.questions.id,
    scenario: scn.id,
    as_of: scn.as_of ?? null,
    resolutions: resolveSet(set),
  };
}

/** Score a set: the given forecasts (e.g. from a file) or a fresh vintage Monte Carlo. */
export async function scoreSet(
  set: QuestionSet,
  opts: ForecastOptions & {
    priors?: boolean;
    forecasts?: Pick<ForecastResult, 'forecasts' | 'runs' | 'seed'>;
  },
): Promise<ScoreResult> {
  const res = resolveSet(set);
  const model = opts.forecasts ?? (await forecastSet(set, opts));
  return scoreForecasts(set.questions, res, model, set.viewOn, shippedData(), {
    seed: model.seed,
    scenario_as_of: set.scenario.as_of ?? null,
  });
}
