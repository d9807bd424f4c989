// "Who gets what, and where does the game settle?" Bargaining (Rubinstein alternating offers,
// Nash bargaining with leverage, risk of breakdown) in ONE shape, and the Nash equilibria of a
// bimatrix game. One function each for the CLI's `game bargain` / `game nash` and the API's
// /game/bargaining and /game/equilibria (and the Negotiation panel).
import {
  breakdownBargaining,
  lemkeHowson,
  leverage,
  nashBargaining,
  rubinstein,
  STRATEGIES,
  supportEnumeration,
  vertexEnumeration,
  type BimatrixGame,
  type EquilibriumReport,
} from '../game/index.ts';
import { fieldError, type FieldLabel } from './query.ts';

export interface BargainingQuery {
  /** Rubinstein: both discount factors per round, in [0, 1]. */
  delta1?: number;
  delta2?: number;
  first_mover?: 1 | 2;
  /** Outside options as shares of the pie (default 0). */
  outside1?: number;
  outside2?: number;
  /** Rounds; none: infinite horizon. */
  horizon?: number;
  /** Nash bargaining: both disagreement payoffs (negative = harm suffered). */
  d1?: number;
  d2?: number;
  /** Player 1's bargaining power (default 0.5). */
  alpha?: number;
  /** Size of the pie (default 1). */
  pie?: number;
  /** With d1/d2: the probability talks collapse after a rejection (Binmore-Rubinstein-Wolinsky). */
  breakdown?: number;
}

export interface BargainingReport {
  /** Alternating offers with outside options; null without discount factors. */
  rubinstein: {
    share1: number;
    share2: number;
    first_mover: 1 | 2;
    horizon: number | null;
    agreement: boolean;
    binding: { outside1: boolean; outside2: boolean };
    /** share1 minus player 1's share with no outside options. */
    shift_from_outside_options: number;
  } | null;
  /** Nash bargaining with disagreement payoffs, and the leverage they give; null without d1/d2. */
  nash: {
    u1: number;
    u2: number;
    agreement: boolean;
    /** Shares when both sides have the mean disagreement payoff. */
    baseline: [number, number];
    /** u - baseline: the leverage each side's threat gives it. */
    leverage: [number, number];
  } | null;
  /** Risk of breakdown; null without it. */
  breakdown: { u1: number; u2: number; agreement: boolean } | null;
}

export function bargainingReport(q: BargainingQuery, label: FieldLabel): BargainingReport {
  if ((q.delta1 === undefined) !== (q.delta2 === undefined))
    throw fieldError(
      label,
      q.delta1 === undefined ? 'delta1' : 'delta2',
      'give both discount factors or neither',
    );
  if ((q.d1 === undefined) !== (q.d2 === undefined))
    throw fieldError(label, q.d1 === undefined ? 'd1' : 'd2', 'give both disagreement payoffs or neither');
  if (q.breakdown !== undefined && q.d1 === undefined)
    throw fieldError(label, 'breakdown', 'needs the breakdown payoffs d1 and d2');
  if (q.delta1 === undefined && q.d1 === undefined)
    throw fieldError(label, 'delta1', 'give discount factors (Rubinstein) or disagreement payoffs (Nash)');
  let rub: BargainingReport['rubinstein'] = null;
  if (q.delta1 !== undefined && q.delta2 !== undefined) {
    const r = rubinstein({
      delta1: q.delta1,
      delta2: q.delta2,
      firstMover: q.first_mover ?? 1,
      outside1: q.outside1,
      outside2: q.outside2,
      horizon: q.horizon,
    });
    rub = {
      share1: r.share1,
      share2: r.share2,
      first_mover: r.firstMover,
      horizon: r.horizon,
      agreement: r.agreement,
      binding: r.binding,
      shift_from_outside_options: r.shiftFromOutsideOptions,
    };
  }
  let nash: BargainingReport['nash'] = null;
  let brk: BargainingReport['breakdown'] = null;
  if (q.d1 !== undefined && q.d2 !== undefined) {
    const o = { d1: q.d1, d2: q.d2, alpha: q.alpha, pie: q.pie };
    const n = nashBargaining(o);
    const l = leverage(o);
    nash = {
      u1: n.u1,
      u2: n.u2,
      agreement: n.agreement,
      baseline: l.baseline,
      leverage: l.leverage,
    };
    if (q.breakdown !== undefined) brk = breakdownBargaining({ q: q.breakdown, d1: q.d1, d2: q.d2 });
  }
  return { rubinstein: rub, nash, breakdown: brk };
}

export type EquilibriumMethod = 'support' | 'vertex' | 'lemke-howson';

/** Nash equilibria of a bimatrix game, exact; `start_label` only for Lemke-Howson. */
export function equilibriaReport(
  g: BimatrixGame,
  q: { method: EquilibriumMethod; start_label?: number },
  label: FieldLabel,
): EquilibriumReport {
  if (q.start_label !== undefined && q.method !== 'lemke-howson')
    throw fieldError(label, 'start_label', 'only used with method lemke-howson');
  if (q.method === 'support') return supportEnumeration(g);
  if (q.method === 'vertex') return vertexEnumeration(g);
  if (q.method === 'lemke-howson') return lemkeHowson(g, q.start_label);
  throw fieldError(label, 'method', `expected support, vertex or lemke-howson, got "${String(q.method)}"`);
}

/**
 * The strategy catalogue ("which strategies can I play, with which parameters?"): CLI `game
 * strategies --json` and GET /api/game/strategies. A parameter's RegExp is sent as its source
 * (a RegExp serializes as {}), the pattern a client can check a value with.
 */
export function strategyCatalogue() {
  return {
    strategies: STRATEGIES.map((s) => ({
      name: s.name,
      axelrod: s.axelrod ?? null,
      description: s.description,
      stochastic: s.stochastic,
      parameters: s.parameters.map(({ pattern, ...rest }) => ({
        ...rest,
        ...(pattern ? { pattern: pattern.source } : {}),
      })),
    })),
  };
}
