import { C, D } from '../types.ts';
import type { Action, History, StrategyInfo } from '../types.ts';
import { MemorylessStrategy, parameterless } from './simple.ts';

/** Anti Tit For Tat (Axelrod `AntiTitForTat`): C first, then the opposite of the opponent's previous move. */
export class AntiTitForTat extends MemorylessStrategy {
  readonly name = 'AntiTitForTat';
  next(h: History): Action {
    return h.turn > 0 && h.opp[h.turn - 1] === C ? D : C;
  }
}

export const antiTitForTatInfo: StrategyInfo = parameterless(
  'AntiTitForTat',
  "C first, then the opposite of the opponent's previous move.",
  () => new AntiTitForTat(),
);
