import { C, D } from '../types.ts';
import type { Action, History, StrategyInfo } from '../types.ts';
import { MemorylessStrategy, parameterless } from './simple.ts';

/**
 * Two Tits For Tat (Axelrod `TwoTitsForTat`): D iff the opponent played D in either of its
 * last two moves (`D in opponent.history[-2:]`), so one defection is answered twice.
 */
export class TwoTitsForTat extends MemorylessStrategy {
  readonly name = 'TwoTitsForTat';
  next(h: History): Action {
    const t = h.turn;
    return (t >= 1 && h.opp[t - 1] === D) || (t >= 2 && h.opp[t - 2] === D) ? D : C;
  }
}

export const twoTitsForTatInfo: StrategyInfo = parameterless(
  'TwoTitsForTat',
  'D if the opponent defected in either of its last two moves, else C.',
  () => new TwoTitsForTat(),
);
