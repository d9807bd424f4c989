import { C, D } from '../types.ts';
import { parameterless } from './simple.ts';
import type { Action, History, MatchContext, Strategy, StrategyInfo } from '../types.ts';

const MEM_LENGTH = 10;

/**
 * Forgetful Grudger (Axelrod `ForgetfulGrudger`, mem_length = 10). Each turn, in order:
 * 1. if the grudge counter has reached 10: forget (counter 0, not grudged);
 * 2. if the opponent's last move was D: grudged;
 * 3. if grudged: counter += 1 and play D; else C.
 * So a defection is answered by exactly 10 D's, after which the opponent's last move is
 * checked afresh; a D seen while already grudged does not restart the count.
 */
export class ForgetfulGrudger implements Strategy {
  readonly name = 'ForgetfulGrudger';
  readonly stochastic = false;
  readonly parameters = {};
  private grudged = false;
  private grudgeMemory = 0;
  reset(_ctx: MatchContext): void {
    this.grudged = false;
    this.grudgeMemory = 0;
  }
  next(h: History): Action {
    if (this.grudgeMemory === MEM_LENGTH) {
      this.grudgeMemory = 0;
      this.grudged = false;
    }
    if (h.turn > 0 && h.opp[h.turn - 1] === D) this.grudged = true;
    if (this.grudged) {
      this.grudgeMemory++;
      return D;
    }
    return C;
  }
}

export const forgetfulGrudgerInfo: StrategyInfo = parameterless(
  'ForgetfulGrudger',
  'Answers a defection with 10 defections, then forgets and re-checks the last move.',
  () => new ForgetfulGrudger(),
);
