import { C, D } from '../types.ts';
import type { Action, History, StrategyInfo } from '../types.ts';
import { MemorylessStrategy } from './simple.ts';

/** Alternator (Axelrod `Alternator`): C first, then the opposite of its own last move: C, D, C, D, ... */
export class Alternator extends MemorylessStrategy {
  readonly name = 'Alternator';
  next(h: History): Action {
    return h.turn === 0 || h.own[h.turn - 1] === D ? C : D;
  }
}

export const alternatorInfo: StrategyInfo = {
  name: 'Alternator',
  axelrod: 'Alternator',
  description: 'C, D, C, D, ... (opposite of its own last move).',
  stochastic: false,
  parameters: [],
  create: () => new Alternator(),
};
