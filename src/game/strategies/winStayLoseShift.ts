import { C, D } from '../types.ts';
import type { Action, History, StrategyInfo } from '../types.ts';
import { MemorylessStrategy, parameterless } from './simple.ts';

/**
 * Win-Stay Lose-Shift / Pavlov (Axelrod `WinStayLoseShift`, memory-one vector (1,0,0,1), Nowak &
 * Sigmund 1993): C first; then C if the last round was (C,C) or (D,D), else D.
 */
export class WinStayLoseShift extends MemorylessStrategy {
  readonly name = 'WinStayLoseShift';
  next(h: History): Action {
    const t = h.turn;
    if (t === 0) return C;
    return h.own[t - 1] === h.opp[t - 1] ? C : D;
  }
}

export const winStayLoseShiftInfo: StrategyInfo = parameterless(
  'WinStayLoseShift',
  'Pavlov: C first; C after (C,C) or (D,D), D after (C,D) or (D,C).',
  () => new WinStayLoseShift(),
);
