import { C, D } from '../types.ts';
import type { Action, History, StrategyInfo } from '../types.ts';
import { MemorylessStrategy, parameterless } from './simple.ts';

/** Alternator (Axelrod `Alternator`): C first, then the opposite of its own last move: C, D, C, D, ... */
export class Alternator extends MemorylessStrategy {
  readonly name = 'Alternator';
  next(h: History): Action {
    return h.turn === 0 || h.own[h.turn - 1] === D ? C : D;
  }
}

export const alternatorInfo: StrategyInfo = parameterless(
  'Alternator',
  'C, D, C, D, ... (opposite of its own last move).',
  () => new Alternator(),
);
