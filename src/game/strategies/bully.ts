import { C, D } from '../types.ts';
import type { Action, History, StrategyInfo } from '../types.ts';
import { MemorylessStrategy, parameterless } from './simple.ts';

/** Bully / reverse Tit For Tat (Axelrod `Bully`): D first, then the opposite of the opponent's previous move. */
export class Bully extends MemorylessStrategy {
  readonly name = 'Bully';
  next(h: History): Action {
    return h.turn > 0 && h.opp[h.turn - 1] === D ? C : D;
  }
}

export const bullyInfo: StrategyInfo = parameterless(
  'Bully',
  "D first, then the opposite of the opponent's previous move.",
  () => new Bully(),
);
