import { C, D } from '../types.ts';
import { parameterless } from './simple.ts';
import type { Action, History, MatchContext, Strategy, StrategyInfo } from '../types.ts';

/**
 * Gradual (Axelrod `Gradual`, the 4.x version after issue #1294; Beaufils, Delahaye & Mathieu
 * 1996 describe the idea). C on turn 1. Then, in order:
 * - while punishing: D (the punishment counter counts down);
 * - else while calming: C (two calming turns);
 * - else if the opponent's last move was D: start a punishment of N defections in a row,
 *   N = the opponent's total number of defections so far (this D included), then two C's;
 *   the opponent's moves during punishment and calming are ignored;
 * - else C.
 */
export class Gradual implements Strategy {
  readonly name = 'Gradual';
  readonly stochastic = false;
  readonly parameters = {};
  private punishCount = 0;
  private calmCount = 0;
  reset(_ctx: MatchContext): void {
    this.punishCount = 0;
    this.calmCount = 0;
  }
  next(h: History): Action {
    if (h.turn === 0) return C;
    if (this.punishCount > 0) {
      this.punishCount--;
      return D;
    }
    if (this.calmCount > 0) {
      this.calmCount--;
      return C;
    }
    if (h.opp[h.turn - 1] === D) {
      this.punishCount = h.oppDefections - 1;
      this.calmCount = 2;
      return D;
    }
    return C;
  }
}

export const gradualInfo: StrategyInfo = parameterless(
  'Gradual',
  "On a defection: defect as many times as the opponent has defected in total, then two C's (ignoring the opponent meanwhile).",
  () => new Gradual(),
);
