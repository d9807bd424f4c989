// The Monte Carlo engine behind /api/runs: src/simulate's runMonteCarlo on a stored scenario,
// with the dashboard's what-ifs (tariff layers, strategies) applied to a copy of it first.
import { runMonteCarlo } from '../simulate/index.ts';
import type { Scenario } from '../model/index.ts';
import { applyOverrides, type TariffOverride } from './analysis.ts';
import type { RunExecutor } from './runs.ts';
import type { ScenarioStore } from './scenarios.ts';

export interface RunOptions {
  overrides?: TariffOverride[];
  strategies?: Record<string, { name: string; params?: Record<string, number | string | boolean> }>;
}

export function withRunOptions(scn: Scenario, o: RunOptions | undefined): Scenario {
  let s = applyOverrides(scn, o?.overrides);
  if (o?.strategies && Object.keys(o.strategies).length) {
    const sim = ((s.parameters as Record<string, unknown>).simulation ?? {}) as {
      strategies?: Record<string, unknown>;
    };
    const strategies = { ...(sim.strategies ?? {}) };
    for (const [actor, spec] of Object.entries(o.strategies))
      strategies[actor] = { ...spec, assumption: 'what-if entered in the dashboard' };
    s = { ...s, parameters: { ...s.parameters, simulation: { ...sim, strategies } } } as Scenario;
  }
  return s;
}

export function monteCarloExecutor(scenarios: ScenarioStore): RunExecutor {
  return async (name, params, ctx) => {
    const scn = withRunOptions(scenarios.get(name), params.options as RunOptions | undefined);
    const result = await runMonteCarlo(scn, {
      runs: params.runs as number,
      seed: params.seed as number,
      ...(typeof params.weeks === 'number' ? { weeks: params.weeks } : {}),
      workers: 1,
      // small chunks keep the server responsive: the loop yields between chunks
      chunk: 50,
      signal: ctx.signal,
      onProgress: (done, total) => ctx.onProgress({ done, total }),
    });
    return result;
  };
}
