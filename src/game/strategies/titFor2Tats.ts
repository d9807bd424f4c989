import { C, D } from '../types.ts';
import type { Action, History, StrategyInfo } from '../types.ts';
import { MemorylessStrategy, parameterless } from './simple.ts';

/**
 * Tit For 2 Tats (Axelrod `TitFor2Tats`): D iff the opponent's last two moves were both D
 * (`opponent.history[-2:] == [D, D]`), so C on turns 1 and 2.
 */
export class TitFor2Tats extends MemorylessStrategy {
  readonly name = 'TitFor2Tats';
  next(h: History): Action {
    const t = h.turn;
    return t >= 2 && h.opp[t - 1] === D && h.opp[t - 2] === D ? D : C;
  }
}

export const titFor2TatsInfo: StrategyInfo = parameterless(
  'TitFor2Tats',
  'D only if the opponent defected on both of the last two turns.',
  () => new TitFor2Tats(),
);
