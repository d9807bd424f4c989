import { C, D } from '../types.ts';
import type { Action, History, StrategyInfo } from '../types.ts';
import { MemorylessStrategy, parameterless } from './simple.ts';

/**
 * Soft Go By Majority (Axelrod `GoByMajority`, memory infinite, soft): over the opponent's
 * whole history, D if its defections outnumber its cooperations, C otherwise: a tie
 * (including the empty history on turn 1) gives C.
 */
export class GoByMajority extends MemorylessStrategy {
  readonly name = 'GoByMajority';
  next(h: History): Action {
    const d = h.oppDefections;
    return d > h.turn - d ? D : C;
  }
}

export const goByMajorityInfo: StrategyInfo = parameterless(
  'GoByMajority',
  "C unless the opponent's defections outnumber its cooperations (ties -> C, so C first).",
  () => new GoByMajority(),
);
