import type { RandomStream } from '../../random/index.ts';
import type { Action, History, MatchContext, ParamValue, Strategy, StrategyInfo } from '../types.ts';

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

/** Registry entry of a deterministic strategy without parameters. */
export function parameterless(
  name: string,
  description: string,
  make: () => Strategy,
  /** The Axelrod-Python class name; null when the strategy is not from that library. */
  axelrod: string | null = name,
): StrategyInfo {
  return {
    name,
    axelrod: axelrod ?? undefined,
    description,
    stochastic: false,
    parameters: [],
    create: make,
  };
}
