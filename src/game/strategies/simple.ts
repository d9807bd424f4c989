import type { RandomStream } from '../../random/index.ts';
import type { Action, History, MatchContext, ParamValue, Strategy } from '../types.ts';

/**
 * Base for strategies whose move is a pure function of the history (no fields): they only
 * need a name and `move`. `reset` is a no-op.
 */
export abstract class MemorylessStrategy implements Strategy {
  abstract readonly name: string;
  readonly stochastic: boolean = false;
  readonly parameters: Readonly<Record<string, ParamValue>> = {};
  reset(_ctx: MatchContext): void {}
  abstract next(h: History, rng: RandomStream): Action;
}
