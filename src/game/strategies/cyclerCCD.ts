import { C, D } from '../types.ts';
import type { Action, History, StrategyInfo } from '../types.ts';
import { MemorylessStrategy, parameterless } from './simple.ts';

/** Cycler CCD (Axelrod `CyclerCCD` = `Cycler("CCD")`): repeats C, C, D by turn number. */
export class CyclerCCD extends MemorylessStrategy {
  readonly name = 'CyclerCCD';
  next(h: History): Action {
    return h.turn % 3 === 2 ? D : C;
  }
}

export const cyclerCCDInfo: StrategyInfo = parameterless(
  'CyclerCCD',
  'Repeats C, C, D.',
  () => new CyclerCCD(),
);
