import type { RandomStream } from '../../random/index.ts';
import { C } from '../types.ts';
import type {
  Action,
  History,
  MatchContext,
  OwnPayoffs,
  ParamValue,
  Strategy,
  StrategyInfo,
} from '../types.ts';

/**
 * Nowak & Sigmund's (1992) generosity for a stage game: p = min(1 - (T-R)/(R-S), (R-P)/(T-P)),
 * as Axelrod's `GTFT` computes it (1/3 for R,S,T,P = 3,0,5,1). Clamped to [0,1]; a game
 * where the formula is undefined (zero denominators) gives 0, i.e. plain Tit For Tat.
 */
export function generosity({ R, S, T, P }: OwnPayoffs): number {
  const p = Math.min(1 - (T - R) / (R - S), (R - P) / (T - P));
  if (!Number.isFinite(p)) return 0;
  return Math.min(1, Math.max(0, p));
}

/**
 * Generous Tit For Tat (Axelrod `GTFT`, a memory-one player with vector (1, p, 1, p)): C on
 * turn 1; after an opponent's C, C; after an opponent's D, C with probability p (else D).
 * `p = -1` (default) means "derive p from the stage game" by `generosity`. p = 0 or 1 draws
 * no random number (as Axelrod's `random_choice`).
 */
export class GenerousTitForTat implements Strategy {
  readonly name = 'GenerousTitForTat';
  readonly stochastic = true;
  readonly parameters: Readonly<Record<string, ParamValue>>;
  private readonly pFixed: number;
  private p = 0;
  constructor(p = -1) {
    this.pFixed = p;
    this.parameters = { p };
  }
  reset(ctx: MatchContext): void {
    this.p = this.pFixed >= 0 ? this.pFixed : generosity(ctx.payoffs);
  }
  next(h: History, rng: RandomStream): Action {
    if (h.turn === 0 || h.opp[h.turn - 1] === C) return C;
    return rng.bernoulli(this.p) ? C : 1;
  }
}

export const generousTitForTatInfo: StrategyInfo = {
  name: 'GenerousTitForTat',
  axelrod: 'GTFT',
  description:
    'Tit For Tat that forgives a defection with probability p (default: from the stage game, 1/3 for 3,0,5,1).',
  stochastic: true,
  parameters: [
    {
      name: 'p',
      kind: 'number',
      min: -1,
      max: 1,
      default: -1,
      description: 'probability of cooperating after an opponent D; -1 = min(1-(T-R)/(R-S), (R-P)/(T-P))',
    },
  ],
  create: (params) => new GenerousTitForTat(params.p as number),
};
