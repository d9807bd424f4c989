import { D } from '../types.ts';
import type { Action, History, StrategyInfo } from '../types.ts';
import { MemorylessStrategy, parameterless } from './simple.ts';

/** Suspicious Tit For Tat (Axelrod `SuspiciousTitForTat`): D on turn 1, then copies the opponent's previous move. */
export class SuspiciousTitForTat extends MemorylessStrategy {
  readonly name = 'SuspiciousTitForTat';
  next(h: History): Action {
    return h.turn === 0 ? D : (h.opp[h.turn - 1] as Action);
  }
}

export const suspiciousTitForTatInfo: StrategyInfo = parameterless(
  'SuspiciousTitForTat',
  "D first, then copy the opponent's previous move.",
  () => new SuspiciousTitForTat(),
);
