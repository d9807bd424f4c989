import { C } from '../types.ts';
import type { Action, History, StrategyInfo } from '../types.ts';
import { MemorylessStrategy } from './simple.ts';

/**
 * FightOrTalk: "if they fight, we fight back; if they talk, we're ready". Opens with C (talk),
 * then mirrors the opponent's last move: D after an escalation, C after a de-escalation.
 * Move for move this is Tit For Tat; it exists under its own name so scenarios can state the
 * posture in the field's words.
 */
export class FightOrTalk extends MemorylessStrategy {
  readonly name = 'FightOrTalk';
  next(h: History): Action {
    return h.turn === 0 ? C : (h.opp[h.turn - 1] as Action);
  }
}

export const fightOrTalkInfo: StrategyInfo = {
  name: 'FightOrTalk',
  description: "Opens with talk (C), then mirrors the other side's last escalation (D) or de-escalation (C).",
  stochastic: false,
  parameters: [],
  create: () => new FightOrTalk(),
};
