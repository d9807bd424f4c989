import type { RandomStream } from '../../random/index.ts';
import type { Action, ParamValue, Strategy, StrategyInfo } from '../types.ts';

/** Random (Axelrod `Random`): C with probability p each turn, independently (p = 0 or 1 draws nothing). */
export class RandomStrategy implements Strategy {
  readonly name = 'Random';
  readonly stochastic = true;
  readonly parameters: Readonly<Record<string, ParamValue>>;
  private readonly p: number;
  constructor(p = 0.5) {
    this.p = p;
    this.parameters = { p };
  }
  reset(): void {}
  next(_h: unknown, rng: RandomStream): Action {
    return rng.bernoulli(this.p) ? 0 : 1;
  }
}

export const randomInfo: StrategyInfo = {
  name: 'Random',
  axelrod: 'Random',
  description: 'C with probability p, D otherwise, independently each turn.',
  stochastic: true,
  parameters: [{ name: 'p', kind: 'number', min: 0, max: 1, default: 0.5, description: 'probability of C' }],
  create: (params) => new RandomStrategy(params.p as number),
};
