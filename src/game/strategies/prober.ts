import { C, D } from '../types.ts';
import type { Action, History, StrategyInfo } from '../types.ts';
import { MemorylessStrategy, parameterless } from './simple.ts';

/**
 * Prober (Axelrod `Prober`): D, C, C on turns 1-3. From turn 4: if the opponent played C on
 * both turns 2 and 3 (`opponent.history[1:3] == [C, C]`) it defects for ever (the opponent
 * did not retaliate against the opening D); otherwise it plays Tit For Tat.
 */
export class Prober extends MemorylessStrategy {
  readonly name = 'Prober';
  next(h: History): Action {
    const t = h.turn;
    if (t === 0) return D;
    if (t <= 2) return C;
    if (h.opp[1] === C && h.opp[2] === C) return D;
    return h.opp[t - 1] as Action;
  }
}

export const proberInfo: StrategyInfo = parameterless(
  'Prober',
  'D,C,C; then D forever if the opponent cooperated on turns 2 and 3, else Tit For Tat.',
  () => new Prober(),
);
