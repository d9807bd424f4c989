import { C } from '../types.ts';
import type { Action, History, StrategyInfo } from '../types.ts';
import { MemorylessStrategy, parameterless } from './simple.ts';

/** Tit For Tat (Axelrod `TitForTat`): C on turn 1, then copies the opponent's previous move. */
export class TitForTat extends MemorylessStrategy {
  readonly name: string = 'TitForTat';
  next(h: History): Action {
    return h.turn === 0 ? C : (h.opp[h.turn - 1] as Action);
  }
}

export const titForTatInfo: StrategyInfo = parameterless(
  'TitForTat',
  "C first, then copy the opponent's previous move.",
  () => new TitForTat(),
);
