import { C } from '../types.ts';
import type { Action, StrategyInfo } from '../types.ts';
import { MemorylessStrategy } from './simple.ts';

/** Cooperator (Axelrod `Cooperator`): always C. */
export class Cooperator extends MemorylessStrategy {
  readonly name = 'Cooperator';
  next(): Action {
    return C;
  }
}

export const cooperatorInfo: StrategyInfo = {
  name: 'Cooperator',
  axelrod: 'Cooperator',
  description: 'Always cooperates (talks).',
  stochastic: false,
  parameters: [],
  create: () => new Cooperator(),
};
