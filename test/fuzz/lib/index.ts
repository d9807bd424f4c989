// The fuzz library: seeded generators of faulty inputs, a classifier of outcomes, a campaign
// runner. `test/fuzz/fuzz.test.ts` runs a few hundred cases in `npm test`; `npm run fuzz`
// (test/fuzz/run.ts) runs thousands and prints the summary table.
export { Rng } from './rng.ts';
export {
  classifyError,
  nonFinitePath,
  runCase,
  OUTCOMES,
  FAILING,
  type Outcome,
  type CaseResult,
} from './classify.ts';
export { runCampaign, summaryTable, mutationTable, type Campaign } from './campaign.ts';
export type { FuzzTarget, FuzzCase } from './target.ts';
export { scenarioTarget, builtinScenarioData, miniScenarioData } from './targets/scenario.ts';
export { flowsTarget } from './targets/flows.ts';
export { mrioTarget } from './targets/mrio.ts';
export { apiTarget } from './targets/api.ts';

import { apiTarget } from './targets/api.ts';
import { flowsTarget } from './targets/flows.ts';
import { mrioTarget } from './targets/mrio.ts';
import { scenarioTarget } from './targets/scenario.ts';
import type { FuzzTarget } from './target.ts';

/**
 * The campaign for `total` cases: most scenario cases on the cut-down built-in scenario (fast),
 * some on the whole of it when `full` is set.
 */
export function standardCampaign(total: number, opts: { full?: boolean; maxRows?: number } = {}) {
  const share = (p: number) => Math.max(1, Math.round(total * p));
  const plan: { target: FuzzTarget; cases: number }[] = [
    { target: scenarioTarget({ base: 'mini' }), cases: share(opts.full ? 0.25 : 0.3) },
    { target: flowsTarget({ maxRows: opts.maxRows }), cases: share(0.25) },
    { target: mrioTarget(), cases: share(0.2) },
    { target: apiTarget(), cases: share(0.25) },
  ];
  if (opts.full) plan.splice(1, 0, { target: scenarioTarget({ base: 'full' }), cases: share(0.05) });
  return plan;
}
