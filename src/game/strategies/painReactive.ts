import { C, D } from '../types.ts';
import { painMemoryParameters } from './taco.ts';
import type { Action, History, MatchContext, ParamValue, Strategy, StrategyInfo } from '../types.ts';

/**
 * PainReactive: a side that answers pressure in kind but talks when its own pain and its face
 * allow. The rule reads China's 2025 conduct as the ledger records it: every US escalation was
 * answered within days and in proportion (the 34% counter-tariff and the rare-earth licensing
 * of 4 April after Liberation Day; 84% and 125% after the US raises of 9-10 April; the October
 * export controls after the US Affiliates rule of 29 September), and talks began only after it
 * had answered and its own costs had mounted (Geneva, five weeks at 125%). Which instrument it
 * answers with (a tariff or the asymmetric export-control reply) is the move choice's business.
 *
 * Pain on a completed turn t: `h.pain[t]` when the caller feeds real harms, else the payoff
 * shortfall R - ownPayoff[t]. Accumulated pain A_t = (1 - decay) A_{t-1} + pain_t.
 * It reacts to pain, not to labels: the other side has escalated when its own pain of the last
 * turn rose by more than `sensitivity` (a share) over the turn before. Move on turn t > 1:
 * after no such rise: C (the door is open). After one: C when A > threshold and it has
 * answered (played D) for at least `face_weeks` consecutive turns (it talks once pain is high
 * and it is not seen to give in at once), else D (retaliate). Turns 0 and 1: C.
 * Its objective weights matter through the pains: heavier weights raise A and the felt rise.
 */
export class PainReactive implements Strategy {
  readonly name = 'PainReactive';
  readonly stochastic = false;
  readonly parameters: Readonly<Record<string, ParamValue>>;
  private readonly threshold: number;
  private readonly keep: number;
  private readonly face: number;
  private readonly sensitivity: number;
  private R = 0;
  private accumulated = 0;
  private answered = 0;

  constructor(threshold = 20, decay = 0.1, face_weeks = 2, sensitivity = 0.05) {
    this.threshold = threshold;
    this.keep = 1 - decay;
    this.face = face_weeks;
    this.sensitivity = sensitivity;
    this.parameters = { threshold, decay, face_weeks, sensitivity };
  }
  reset(ctx: MatchContext): void {
    this.R = ctx.payoffs.R;
    this.accumulated = 0;
    this.answered = 0;
  }
  get pain(): number {
    return this.accumulated;
  }
  private painAt(h: History, t: number): number {
    return h.pain !== null ? h.pain[t] : this.R - h.ownPayoff[t];
  }
  next(h: History): Action {
    const t = h.turn;
    if (t === 0) return C;
    const last = this.painAt(h, t - 1);
    this.accumulated = this.keep * this.accumulated + last;
    this.answered = h.own[t - 1] === D ? this.answered + 1 : 0;
    if (t === 1) return C;
    const before = this.painAt(h, t - 2);
    const escalated = last > before + this.sensitivity * Math.abs(before) + 1e-12;
    if (!escalated) return C;
    if (this.accumulated > this.threshold && this.answered >= this.face) return C;
    return D;
  }
}

export const painReactiveInfo: StrategyInfo = {
  name: 'PainReactive',
  description:
    'Answers a felt escalation (its own pain up by more than `sensitivity`) in kind, otherwise talks; talks under pressure once its accumulated pain exceeds a threshold and it has answered for face_weeks turns.',
  stochastic: false,
  parameters: [
    ...painMemoryParameters(20, 'accumulated pain above which it talks even under pressure'),
    {
      name: 'face_weeks',
      kind: 'integer',
      min: 0,
      max: 52,
      default: 2,
      description: 'consecutive turns of answering before it may talk under pressure',
    },
    {
      name: 'sensitivity',
      kind: 'number',
      min: 0,
      max: 10,
      default: 0.05,
      description: 'rise of its own pain over the turn before (a share) that reads as an escalation',
    },
  ],
  create: (p) =>
    new PainReactive(
      p.threshold as number,
      p.decay as number,
      p.face_weeks as number,
      p.sensitivity as number,
    ),
};
