import { D } from '../types.ts';
import type { Action, StrategyInfo } from '../types.ts';
import { MemorylessStrategy } from './simple.ts';

/** Defector (Axelrod `Defector`): always D. */
export class Defector extends MemorylessStrategy {
  readonly name = 'Defector';
  next(): Action {
    return D;
  }
}

export const defectorInfo: StrategyInfo = {
  name: 'Defector',
  axelrod: 'Defector',
  description: 'Always defects (escalates).',
  stochastic: false,
  parameters: [],
  create: () => new Defector(),
};
