import type { StrategyInfo } from '../types.ts';
import { parameterless } from './simple.ts';
import { TitForTat } from './titForTat.ts';

/**
 * FightOrTalk: "if they fight, we fight back; if they talk, we're ready". Opens with C (talk),
 * then mirrors the opponent's last move: D after an escalation, C after a de-escalation.
 * Move for move this is Tit For Tat (it reuses its rule); it exists under its own name so
 * scenarios can state the posture in the field's words.
 */
export class FightOrTalk extends TitForTat {
  override readonly name: string = 'FightOrTalk';
}

export const fightOrTalkInfo: StrategyInfo = parameterless(
  'FightOrTalk',
  "Opens with talk (C), then mirrors the other side's last escalation (D) or de-escalation (C).",
  () => new FightOrTalk(),
  null,
);
