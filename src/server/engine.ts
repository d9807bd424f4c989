// The Monte Carlo engine behind /api/runs. The simulation domain (src/simulate) provides it;
// until it is part of the build this returns null and run requests answer 503.
import type { RunExecutor } from './runs.ts';
import type { ScenarioStore } from './scenarios.ts';

export function monteCarloExecutor(_scenarios: ScenarioStore): RunExecutor | null {
  return null;
}
