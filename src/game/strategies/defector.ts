import { D } from '../types.ts';
import type { Action, StrategyInfo } from '../types.ts';
import { MemorylessStrategy, parameterless } from './simple.ts';

/** Defector (Axelrod `Defector`): always D. */
export class Defector extends MemorylessStrategy {
  readonly name = 'Defector';
  next(): Action {
    return D;
  }
}

export const defectorInfo: StrategyInfo = parameterless(
  'Defector',
  'Always defects (escalates).',
  () => new Defector(),
);
