// Drawing runs from a posterior: for each run, a particle picked by weight (its model's
// structure and parameter values); parameters the posterior does not cover (moves announced
// after its vintage) are drawn from their priors. Deterministic in (seed, run).
import type { Scenario } from '../model/index.ts';
import { createStream, deriveSeed } from '../random/index.ts';
import { drawUncertain, type Prepared } from '../simulate/index.ts';
import type { Posterior } from './fit.ts';
import { withStructure } from './fit.ts';

export interface PosteriorEngine {
  /** One scenario per posterior model (the view with that model's structure). */
  scenarios: Scenario[];
  /** For run r: which model, and the uncertain values in that model's Prepared order. */
  draw: (prepared: Prepared[], seed: number, run: number) => { model: number; values: Float64Array };
}

export function posteriorDraws(view: Scenario, post: Posterior): PosteriorEngine {
  const scenarios = post.models.map((m) => withStructure(view, m.structure));
  const total = post.particles.reduce((a, p) => a + p.weight, 0);
  return {
    scenarios,
    draw: (prepared, seed, run) => {
      const rng = createStream(deriveSeed(seed, 2), run);
      let u = rng.nextDouble() * total;
      let j = 0;
      while (j < post.particles.length - 1 && u >= post.particles[j].weight) u -= post.particles[j++].weight;
      const pt = post.particles[j];
      const p = prepared[pt.model];
      const paths = post.models[pt.model].parameters.map((x) => x.path);
      const values = Float64Array.from(p.uncertain, (pu) => {
        const i = paths.indexOf(pu.path);
        return i >= 0 ? pt.values[i] : drawUncertain(pu, rng);
      });
      return { model: pt.model, values };
    },
  };
}
