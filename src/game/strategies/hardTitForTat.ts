import { C, D } from '../types.ts';
import type { Action, History, StrategyInfo } from '../types.ts';
import { MemorylessStrategy, parameterless } from './simple.ts';

/**
 * Hard Tit For Tat (Axelrod `HardTitForTat`): C on turn 1; afterwards D iff the opponent
 * played D in any of its last three moves (`D in opponent.history[-3:]`).
 */
export class HardTitForTat extends MemorylessStrategy {
  readonly name = 'HardTitForTat';
  next(h: History): Action {
    const t = h.turn;
    const from = t >= 3 ? t - 3 : 0;
    for (let i = from; i < t; i++) if (h.opp[i] === D) return D;
    return C;
  }
}

export const hardTitForTatInfo: StrategyInfo = parameterless(
  'HardTitForTat',
  'C first; D if the opponent defected in any of its last three moves.',
  () => new HardTitForTat(),
);
