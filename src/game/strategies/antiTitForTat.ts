import { C, D } from '../types.ts';
import type { Action, History, StrategyInfo } from '../types.ts';
import { MemorylessStrategy } from './simple.ts';

/** Anti Tit For Tat (Axelrod `AntiTitForTat`): C first, then the opposite of the opponent's previous move. */
export class AntiTitForTat extends MemorylessStrategy {
  readonly name = 'AntiTitForTat';
  next(h: History): Action {
    return h.turn > 0 && h.opp[h.turn - 1] === C ? D : C;
  }
}

export const antiTitForTatInfo: StrategyInfo = {
  name: 'AntiTitForTat',
  axelrod: 'AntiTitForTat',
  description: "C first, then the opposite of the opponent's previous move.",
  stochastic: false,
  parameters: [],
  create: () => new AntiTitForTat(),
};
