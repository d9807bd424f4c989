import { C, D } from '../types.ts';
import { parameterless } from './simple.ts';
import type { Action, History, MatchContext, Strategy, StrategyInfo } from '../types.ts';

/** The tail of the punishment after the triggering D (Axelrod: `[D, D, D, C, C]`). */
const TAIL: readonly Action[] = [D, D, D, C, C];

/**
 * Soft Grudger (Axelrod `SoftGrudger`, Li, Hingston & Kendall 2011): C; when not punishing and
 * the opponent's last move was D, plays D, D, D, D, C, C regardless of what the opponent does
 * meanwhile, then looks at the opponent's last move again.
 */
export class SoftGrudger implements Strategy {
  readonly name = 'SoftGrudger';
  readonly stochastic = false;
  readonly parameters = {};
  private grudged = false;
  private step = 0;
  reset(_ctx: MatchContext): void {
    this.grudged = false;
    this.step = 0;
  }
  next(h: History): Action {
    if (this.grudged) {
      const a = TAIL[this.step++];
      if (this.step === TAIL.length) {
        this.step = 0;
        this.grudged = false;
      }
      return a;
    }
    if (h.turn > 0 && h.opp[h.turn - 1] === D) {
      this.grudged = true;
      return D;
    }
    return C;
  }
}

export const softGrudgerInfo: StrategyInfo = parameterless(
  'SoftGrudger',
  'Punishes a defection with D,D,D,D,C,C (ignoring the opponent meanwhile), then resumes.',
  () => new SoftGrudger(),
);
