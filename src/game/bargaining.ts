import { GameInputError } from './errors.ts';

function check(name: string, x: number, lo: number, hi: number, hiOpen = false): void {
  if (typeof x !== 'number' || !Number.isFinite(x) || x < lo || (hiOpen ? x >= hi : x > hi))
    throw new GameInputError(`${name}: expected a number in [${lo}, ${hi}${hiOpen ? ')' : ']'}, got ${x}`);
}

export interface RubinsteinOptions {
  /** Per-round discount factors in [0, 1] (delta1 * delta2 < 1). */
  delta1: number;
  delta2: number;
  /** Who proposes first (default 1). */
  firstMover?: 1 | 2;
  /** Outside options (Binmore, Shaked & Sutton 1989): taken at once by a responder who quits, as shares of the pie. */
  outside1?: number;
  outside2?: number;
  /** Number of bargaining rounds; omitted = infinite horizon. */
  horizon?: number;
}

export interface RubinsteinResult {
  share1: number;
  share2: number;
  firstMover: 1 | 2;
  horizon: number | null;
  /** false when the outside options sum to 1 or more: no split beats both, so they quit. */
  agreement: boolean;
  /** Which outside option changed the deal (outside option principle). */
  binding: { outside1: boolean; outside2: boolean };
  /** share1 minus player 1's share with no outside options: the leverage the options give. */
  shiftFromOutsideOptions: number;
}

/**
 * Stationary SPE shares (x, y) = (player A's share when A proposes, B's share when B
 * proposes), A moving first, solving (Muthoo 1999, ch. 5):
 *   1 - x = max(dB * y, wB),   1 - y = max(dA * x, wA).
 * The right side is monotone with slope at most dA*dB < 1, so the fixed point is unique; we
 * try the three linear regimes and keep the consistent one.
 */
function stationary(dA: number, dB: number, wA: number, wB: number): { x: number; y: number } {
  const candidates = [(1 - dB) / (1 - dA * dB), 1 - dB * (1 - wA), 1 - wB];
  let best = candidates[0];
  let bestErr = Infinity;
  for (const x of candidates) {
    const y = 1 - Math.max(dA * x, wA);
    const err = Math.abs(1 - x - Math.max(dB * y, wB));
    if (err < bestErr) {
      best = x;
      bestErr = err;
    }
  }
  return { x: best, y: 1 - Math.max(dA * best, wA) };
}

/**
 * Finite horizon by backward induction: in the last round the proposer leaves the responder
 * only its outside option (0 without one); in round t the responder gets
 * max(delta_r * (its proposer share in round t+1), w_r). Returns the first proposer's share.
 */
function finiteHorizon(dA: number, dB: number, wA: number, wB: number, T: number): number {
  // v = proposer's share in the current round, working backwards from round T.
  // Round t's proposer is A when t is odd.
  let v = 0;
  for (let t = T; t >= 1; t--) {
    const proposerIsA = t % 2 === 1;
    const [dr, wr] = proposerIsA ? [dB, wB] : [dA, wA];
    const responderGets = t === T ? Math.max(wr, 0) : Math.max(dr * v, wr);
    v = 1 - responderGets;
  }
  return v;
}

/**
 * Rubinstein (1982) alternating offers over a pie of 1. With player 1 proposing first and no
 * outside options the unique SPE is immediate agreement on x1 = (1 - d2) / (1 - d1 d2).
 * Outside options follow the outside option principle (Binmore, Shaked & Sutton 1989): an
 * option changes the deal only if it beats what its holder gets by waiting,
 * w_j > d_j * (j's proposer share); then the other side's share falls to exactly 1 - w_j.
 * A finite `horizon` is solved by backward induction and converges to the above.
 */
export function rubinstein(o: RubinsteinOptions): RubinsteinResult {
  check('delta1', o.delta1, 0, 1);
  check('delta2', o.delta2, 0, 1);
  const w1 = o.outside1 ?? 0;
  const w2 = o.outside2 ?? 0;
  check('outside1', w1, 0, 1);
  check('outside2', w2, 0, 1);
  const first = o.firstMover ?? 1;
  if (first !== 1 && first !== 2)
    throw new GameInputError(`firstMover: expected 1 or 2, got ${String(first)}`);
  const horizon = o.horizon ?? null;
  if (horizon !== null && (!Number.isInteger(horizon) || horizon < 1))
    throw new GameInputError(`horizon: expected a positive integer number of rounds, got ${horizon}`);
  if (horizon === null && o.delta1 * o.delta2 >= 1)
    throw new GameInputError(
      `delta1 * delta2 must be < 1 for an infinite horizon (got ${o.delta1} * ${o.delta2}); give --horizon`,
    );
  if (w1 + w2 >= 1)
    return {
      share1: w1,
      share2: w2,
      firstMover: first,
      horizon,
      agreement: false,
      binding: { outside1: true, outside2: true },
      shiftFromOutsideOptions: NaN,
    };
  // Solve with A = first mover.
  const [dA, dB, wA, wB] = first === 1 ? [o.delta1, o.delta2, w1, w2] : [o.delta2, o.delta1, w2, w1];
  const solve = (a: number, b: number): { share: number; bindA: boolean; bindB: boolean } => {
    if (horizon !== null) {
      const share = finiteHorizon(dA, dB, a, b, horizon);
      const shareNoA = finiteHorizon(dA, dB, 0, b, horizon);
      const shareNoB = finiteHorizon(dA, dB, a, 0, horizon);
      return { share, bindA: shareNoA !== share, bindB: shareNoB !== share };
    }
    const { x, y } = stationary(dA, dB, a, b);
    return { share: x, bindA: a > dA * x, bindB: b > dB * y };
  };
  const s = solve(wA, wB);
  const base = solve(0, 0).share;
  const shareA = s.share;
  const share1 = first === 1 ? shareA : 1 - shareA;
  const base1 = first === 1 ? base : 1 - base;
  return {
    share1,
    share2: 1 - share1,
    firstMover: first,
    horizon,
    agreement: true,
    binding:
      first === 1 ? { outside1: s.bindA, outside2: s.bindB } : { outside1: s.bindB, outside2: s.bindA },
    shiftFromOutsideOptions: share1 - base1,
  };
}

export interface NashBargainingOptions {
  /** Disagreement payoffs (what each side gets if talks fail; negative = harm suffered). */
  d1: number;
  d2: number;
  /** Bargaining power of player 1 in [0, 1] (asymmetric NBS); default 1/2. */
  alpha?: number;
  /** Size of the pie; default 1. */
  pie?: number;
}

export interface NashBargainingResult {
  u1: number;
  u2: number;
  /** false when d1 + d2 >= pie: no split leaves both better off than disagreement. */
  agreement: boolean;
}

/**
 * Nash bargaining solution (Nash 1950; asymmetric form, Kalai 1977): maximise
 * (u1 - d1)^alpha (u2 - d2)^(1-alpha) on u1 + u2 = pie, giving
 *   u1 = d1 + alpha (pie - d1 - d2),  u2 = d2 + (1 - alpha)(pie - d1 - d2).
 * Disagreement points shift the split one for one (unlike Rubinstein outside options).
 */
export function nashBargaining(o: NashBargainingOptions): NashBargainingResult {
  const alpha = o.alpha ?? 0.5;
  const pie = o.pie ?? 1;
  check('alpha', alpha, 0, 1);
  if (!Number.isFinite(o.d1)) throw new GameInputError(`d1: expected a finite number, got ${o.d1}`);
  if (!Number.isFinite(o.d2)) throw new GameInputError(`d2: expected a finite number, got ${o.d2}`);
  if (!Number.isFinite(pie) || pie <= 0)
    throw new GameInputError(`pie: expected a positive number, got ${pie}`);
  const surplus = pie - o.d1 - o.d2;
  if (surplus <= 0) return { u1: o.d1, u2: o.d2, agreement: false };
  return { u1: o.d1 + alpha * surplus, u2: o.d2 + (1 - alpha) * surplus, agreement: true };
}

export interface LeverageResult {
  shares: [number, number];
  /** Shares when both sides have the same disagreement payoff (d1 + d2) / 2. */
  baseline: [number, number];
  /** shares - baseline: the leverage each side's threat gives it. Equals +-(d1 - d2)/2. */
  leverage: [number, number];
  agreement: boolean;
}

/**
 * Leverage: the shift in each side's Nash bargaining share caused by its disagreement payoff,
 * against a baseline where both sides' disagreement payoffs equal their mean (the same total
 * pain of no deal, split evenly). Disagreement payoffs come from the harm each side can do
 * the other (d_i = -harm suffered by i if talks fail); plain numbers until the trade and supply
 * engines feed them.
 */
export function leverage(o: NashBargainingOptions): LeverageResult {
  const nbs = nashBargaining(o);
  const mean = (o.d1 + o.d2) / 2;
  const base = nashBargaining({ ...o, d1: mean, d2: mean });
  return {
    shares: [nbs.u1, nbs.u2],
    baseline: [base.u1, base.u2],
    leverage: [nbs.u1 - base.u1, nbs.u2 - base.u2],
    agreement: nbs.agreement,
  };
}

export interface BreakdownOptions {
  /** Probability that talks break down after each rejection, in (0, 1]. */
  q: number;
  /** Payoffs if talks break down. */
  d1: number;
  d2: number;
}

/**
 * Alternating offers with a risk of breakdown (Binmore, Rubinstein & Wolinsky 1986): after each
 * rejection talks collapse with probability q, leaving (d1, d2); no discounting. Player 1
 * proposes first; the stationary SPE gives
 *   x1 = (1 + (1 - q) d1 - d2) / (2 - q),
 * from 1 - x = (1 - q)(1 - y) + q d2 and y = (1 - q) x + q d1 (y: what player 2 offers player 1).
 * As q -> 0 this is the symmetric Nash bargaining solution; q = 1 gives 1 - d2.
 */
export function breakdownBargaining(o: BreakdownOptions): NashBargainingResult {
  if (typeof o.q !== 'number' || !(o.q > 0 && o.q <= 1))
    throw new GameInputError(`q: expected a breakdown probability in (0, 1], got ${o.q}`);
  if (!Number.isFinite(o.d1)) throw new GameInputError(`d1: expected a finite number, got ${o.d1}`);
  if (!Number.isFinite(o.d2)) throw new GameInputError(`d2: expected a finite number, got ${o.d2}`);
  if (o.d1 + o.d2 >= 1) return { u1: o.d1, u2: o.d2, agreement: false };
  const u1 = (1 + (1 - o.q) * o.d1 - o.d2) / (2 - o.q);
  return { u1, u2: 1 - u1, agreement: true };
}

export interface HarmOptions {
  /** Harm each side suffers if talks fail (e.g. lost output or welfare, in shares of the pie); >= 0. */
  harmTo1: number;
  harmTo2: number;
  alpha?: number;
  pie?: number;
}

export interface HarmLeverageResult extends LeverageResult {
  /** Disagreement payoffs used: d_i = -harm_i. */
  disagreement: [number, number];
  /**
   * Harm each side can impose per unit of harm to itself (DESIGN.md's "leverage"):
   * [harmTo2 / harmTo1, harmTo1 / harmTo2]; Infinity when the side itself suffers none.
   */
  harmRatio: [number, number];
}

/**
 * Leverage from harms: talks failing costs side i `harm_i`, so d_i = -harm_i in the Nash
 * bargaining solution, and the share shift is (harmTo2 - harmTo1)/2 for side 1: the side that
 * can hurt the other more than it is hurt gains. The trade and supply engines will supply the
 * harms; until then they are plain numbers.
 */
export function leverageFromHarm(o: HarmOptions): HarmLeverageResult {
  for (const [k, v] of [
    ['harmTo1', o.harmTo1],
    ['harmTo2', o.harmTo2],
  ] as const)
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
      throw new GameInputError(`${k}: expected a finite harm >= 0, got ${v}`);
  const d1 = -o.harmTo1;
  const d2 = -o.harmTo2;
  const ratio = (imposed: number, suffered: number): number =>
    suffered === 0 ? (imposed === 0 ? NaN : Infinity) : imposed / suffered;
  return {
    ...leverage({ d1, d2, alpha: o.alpha, pie: o.pie }),
    disagreement: [d1, d2],
    harmRatio: [ratio(o.harmTo2, o.harmTo1), ratio(o.harmTo1, o.harmTo2)],
  };
}
