// Thread side of `forecast --workers K`: origins on request, each loaded from the scenario file
// as known on that origin and forecast exactly as in the main thread (forecastOrigin).
import { parentPort, workerData } from 'node:worker_threads';
import { isInputError } from '../errors/index.ts';
import type { SupplyBridge } from '../simulate/index.ts';
import type { Question } from './schema.ts';
import { controlsOf, forecastOrigin, type ControlIdentity } from './forecast.ts';
import { loadScenarioViews } from '../io/index.ts';
import type { Scenario } from '../model/index.ts';
import { loadQuestionSet, posteriorsOf, scoreSet, shippedData } from './pipeline.ts';
import { cachedViews } from './views.ts';

const w = workerData as {
  scenarioPath: string;
  runs: number;
  seed: number;
  supply: SupplyBridge | null;
  priors?: boolean;
  scenarioId?: string;
  trackRecord?: { file: string; runs: number; seed: number; workers: number };
};
if (w.trackRecord) {
  // the whole score of a question set, off the caller's thread (track-record.ts offThread)
  const t = w.trackRecord;
  scoreSet(loadQuestionSet(t.file), { runs: t.runs, seed: t.seed, workers: t.workers }).then(
    (result) => parentPort!.postMessage({ result }),
    (err: unknown) => parentPort!.postMessage(failure(err)),
  );
} else {
  let views: ((d: string) => Scenario) | null = null;
  let controlOf: ((id: string) => ControlIdentity | undefined) | null = null;
  parentPort!.on('message', (m: { i: number; origin: string; questions: Question[] } | 'stop') => {
    if (m === 'stop') return parentPort!.close();
    (async () => {
      // one read of the scenario per thread; each origin's view is cut from it
      if (!views) {
        const load = loadScenarioViews(w.scenarioPath);
        views = cachedViews(load);
        controlOf = controlsOf(load()); // the full ledger: a question's control as defined there
      }
      const view = views(m.origin);
      return forecastOrigin(m.origin, m.questions, view, shippedData(), {
        runs: w.runs,
        seed: w.seed,
        controlOf: controlOf!,
        ...(w.supply ? { supply: w.supply } : {}),
        ...(w.priors || !w.scenarioId ? {} : { posteriorOn: posteriorsOf(w.scenarioPath, w.scenarioId) }),
      });
    })().then(
      (result) => parentPort!.postMessage({ i: m.i, result }),
      (err: unknown) => parentPort!.postMessage(failure(err)),
    );
  });
  parentPort!.postMessage('ready');
}

/** An error crosses the thread as its message and whether it is the user's input (kept as such). */
function failure(err: unknown): { error: string; input: boolean } {
  return { error: err instanceof Error ? err.message : String(err), input: isInputError(err) };
}
