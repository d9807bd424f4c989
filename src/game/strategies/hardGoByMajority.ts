import { C, D } from '../types.ts';
import type { Action, History, StrategyInfo } from '../types.ts';
import { MemorylessStrategy, parameterless } from './simple.ts';

/**
 * Hard Go By Majority (Axelrod `HardGoByMajority`, memory infinite, soft=False): D if the
 * opponent's defections are at least its cooperations: a tie (including the empty history
 * on turn 1) gives D.
 */
export class HardGoByMajority extends MemorylessStrategy {
  readonly name = 'HardGoByMajority';
  next(h: History): Action {
    const d = h.oppDefections;
    return d >= h.turn - d ? D : C;
  }
}

export const hardGoByMajorityInfo: StrategyInfo = parameterless(
  'HardGoByMajority',
  "D if the opponent's defections are at least its cooperations (ties -> D, so D first).",
  () => new HardGoByMajority(),
);
