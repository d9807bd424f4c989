import { C } from '../types.ts';
import type { Action, StrategyInfo } from '../types.ts';
import { MemorylessStrategy, parameterless } from './simple.ts';

/** Cooperator (Axelrod `Cooperator`): always C. */
export class Cooperator extends MemorylessStrategy {
  readonly name = 'Cooperator';
  next(): Action {
    return C;
  }
}

export const cooperatorInfo: StrategyInfo = parameterless(
  'Cooperator',
  'Always cooperates (talks).',
  () => new Cooperator(),
);
