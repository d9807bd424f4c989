// The Monte Carlo engine behind /api/runs: src/simulate's runMonteCarlo on a stored scenario,
// with the dashboard's what-ifs (tariff layers, strategies) applied to a copy of it first.
import {
  prepareScenario,
  runMonteCarlo,
  runPrepared,
  storyOf,
  withStrategies,
  type Prepared,
} from '../simulate/index.ts';
import type { Scenario } from '../model/index.ts';
import type { TariffOverride } from '../report/index.ts';
import { applyOverrides } from './analysis.ts';
import type { RunExecutor } from './runs.ts';
import type { ScenarioStore } from './scenarios.ts';

export interface RunOptions {
  overrides?: TariffOverride[];
  strategies?: Record<string, { name: string; params?: Record<string, number | string | boolean> }>;
}

export function withRunOptions(scn: Scenario, o: RunOptions | undefined): Scenario {
  let s = applyOverrides(scn, o?.overrides);
  if (o?.strategies && Object.keys(o.strategies).length) {
    // Parameters the user set are fixed; uncertain ones the new strategy does not declare are dropped.
    const fixed = Object.fromEntries(
      Object.entries(o.strategies).map(([actor, spec]) => [actor, Object.keys(spec.params ?? {})]),
    );
    s = withStrategies(s, o.strategies as Parameters<typeof withStrategies>[1], fixed).scenario;
  }
  return s;
}

export function monteCarloExecutor(scenarios: ScenarioStore): RunExecutor {
  return async (name, params, ctx) => {
    const scn = withRunOptions(scenarios.get(name), params.options as RunOptions | undefined);
    const opts = {
      runs: params.runs as number,
      seed: params.seed as number,
      workers: 1,
      // small chunks keep the server responsive: the loop yields between chunks
      chunk: 50,
      signal: ctx.signal,
      onProgress: (done: number, total: number) => ctx.onProgress({ done, total }),
    };
    // the engines' inputs of a scenario are prepared once and shared by its runs and stories
    if (typeof params.weeks === 'number') return runMonteCarlo(scn, { ...opts, weeks: params.weeks });
    return runPrepared(await preparedOf(scn), opts);
  };
}

const prepared = new WeakMap<Scenario, Promise<Prepared>>();

function preparedOf(scn: Scenario): Promise<Prepared> {
  let p = prepared.get(scn);
  if (!p) {
    p = prepareScenario(scn);
    prepared.set(scn, p);
    p.catch(() => prepared.delete(scn));
  }
  return p;
}

/** One run of the weekly loop, step by step: the moves each side made and the weekly path. */
export async function runStory(scn: Scenario, q: { seed: number; run: number }) {
  const story = storyOf(await preparedOf(scn), q.seed, q.run);
  return { scenario: scn.id, ...story };
}
