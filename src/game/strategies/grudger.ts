import { C, D } from '../types.ts';
import type { Action, History, StrategyInfo } from '../types.ts';
import { MemorylessStrategy, parameterless } from './simple.ts';

/** Grudger / grim trigger (Axelrod `Grudger`): C until the opponent has ever played D, then D forever. */
export class Grudger extends MemorylessStrategy {
  readonly name = 'Grudger';
  next(h: History): Action {
    return h.oppDefections > 0 ? D : C;
  }
}

export const grudgerInfo: StrategyInfo = parameterless(
  'Grudger',
  'Grim trigger: C until the opponent defects once, then D forever.',
  () => new Grudger(),
);
