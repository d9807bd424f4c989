import { C, D } from '../types.ts';
import type { Action, History, MatchContext, ParamValue, Strategy, StrategyInfo } from '../types.ts';

/**
 * TACO ("escalate, then chicken out"; Armstrong 2025; formally a war-of-attrition player with
 * a private pain threshold, Maynard Smith 1974).
 *
 * Pain on a completed turn t: the externally supplied `h.pain[t]` when the caller feeds real
 * harms, otherwise the payoff shortfall R - ownPayoff[t] (R = own payoff of mutual
 * cooperation; negative when escalation pays, e.g. T - R < 0 shortfall against a talker).
 * Accumulated pain: A_t = (1 - decay) * A_{t-1} + pain_t, A_{-1} = 0 (decay = share forgotten
 * per turn; 0 = never forgets, 1 = only the last turn counts).
 * Move: D on turn 1 (it opens with threats); afterwards C if A > threshold (it backs down),
 * else D. With `reescalate = 1` it escalates again as soon as forgotten pain brings A back to
 * <= threshold (the repeated threaten-retreat cycle); with `reescalate = 0` backing down is
 * final for the rest of the match.
 */
export class TACO implements Strategy {
  readonly name = 'TACO';
  readonly stochastic = false;
  readonly parameters: Readonly<Record<string, ParamValue>>;
  private readonly threshold: number;
  private readonly keep: number;
  private readonly reescalate: boolean;
  private R = 0;
  private accumulated = 0;
  private backedDown = false;

  constructor(threshold = 6, decay = 0.1, reescalate = 1) {
    this.threshold = threshold;
    this.keep = 1 - decay;
    this.reescalate = reescalate === 1;
    this.parameters = { threshold, decay, reescalate };
  }
  reset(ctx: MatchContext): void {
    this.R = ctx.payoffs.R;
    this.accumulated = 0;
    this.backedDown = false;
  }
  /** Accumulated pain after the completed turns seen so far (for reports and tests). */
  get pain(): number {
    return this.accumulated;
  }
  next(h: History): Action {
    const t = h.turn;
    if (t === 0) return D;
    const last = h.pain !== null ? h.pain[t - 1] : this.R - h.ownPayoff[t - 1];
    this.accumulated = this.keep * this.accumulated + last;
    if (this.backedDown && !this.reescalate) return C;
    if (this.accumulated > this.threshold) {
      this.backedDown = true;
      return C;
    }
    return D;
  }
}

/** The pain-memory parameters TACO shares with PainReactive: threshold and decay. */
export function painMemoryParameters(
  thresholdDefault: number,
  thresholdText: string,
): StrategyInfo['parameters'] {
  return [
    {
      name: 'threshold',
      kind: 'number',
      min: 0,
      max: 1e12,
      default: thresholdDefault,
      description: thresholdText,
    },
    {
      name: 'decay',
      kind: 'number',
      min: 0,
      max: 1,
      default: 0.1,
      description: 'share of accumulated pain forgotten each turn',
    },
  ];
}

export const tacoInfo: StrategyInfo = {
  name: 'TACO',
  description:
    'Escalates (D) until its accumulated own pain exceeds a threshold, then backs down (C); pain is forgotten at rate `decay`.',
  stochastic: false,
  parameters: [
    ...painMemoryParameters(6, 'accumulated pain that makes it back down'),
    {
      name: 'reescalate',
      kind: 'integer',
      min: 0,
      max: 1,
      default: 1,
      description: '1 = escalate again once pain fades below the threshold; 0 = backing down is final',
    },
  ],
  create: (p) => new TACO(p.threshold as number, p.decay as number, p.reescalate as number),
};
