// The weekly loop: the Simulator class, the order of a week's steps over its state (state.ts).
import {
  createStrategy,
  getStrategyInfo,
  D,
  type History,
  type MatchContext,
  type ParamValue,
  type Strategy,
  type StrategyInfo,
} from '../game/index.ts';
import { createStream, type RandomStream } from '../random/index.ts';
import { evaluateTariffs, updateRates } from './tariffs.ts';
import type { Prepared } from './prepared.ts';
import type { ResolvedUncertain } from './config.ts';
import { Chooser } from './choice.ts';
import { drawRulings, enforceRulings, firstOffWeek, litigationStream, resetCourts } from './litigation.ts';
import { Branches, emptyOutcome, type BranchOutcome } from './branches.ts';
import { holdAtStart, checkCommitments, implementSigned, resetAgreements, runClocks } from './agreements.ts';
import { applyLedgerOp, arriveLicences, makeMoves, resetLevers } from './moves.ts';
import { addPayoffs, tradePayoffs, warmUpPains, weekPains } from './payoffs.ts';
import { SimulatorState } from './state.ts';

/** Per-week metrics recorded for every run (index order of the recorded block). */
export const WEEK_METRICS = [
  'tariff_0_on_1_pct',
  'tariff_1_on_0_pct',
  'licence_flow_share',
  'output_lost_usd',
  'leverage_0_share_shift',
  'pain_0_usd',
  'pain_1_usd',
] as const;
export const NM = WEEK_METRICS.length;
/**
 * Per-run results: week indices (-1 = never; struck_down_week: the first week a court ruling put
 * layers out of force) and who conceded first (0 none, 1 first side, 2 second side, 3 same week).
 */
export const RUN_SCALARS = [
  'framework_week',
  'truce_end_week',
  'escalation_week',
  'struck_down_week',
  'first_concession',
] as const;
export const NS = RUN_SCALARS.length;

const EPS = 1e-9;

/** Draw one value of a distribution from a stream, clamped to the parameter's range. */
export function drawUncertain(u: ResolvedUncertain, rng: RandomStream): number {
  const d = u.distribution;
  let x: number;
  switch (d.kind) {
    case 'normal':
      x = rng.normal(d.mean, d.sd);
      break;
    case 'lognormal':
      x = rng.lognormal(d.mu, d.sigma);
      break;
    case 'uniform':
      x = rng.uniform(d.low, d.high);
      break;
    case 'triangular':
      x = rng.triangular(d.min, d.mode, d.max);
      break;
    case 'beta': {
      const lo = d.low ?? 0;
      const hi = d.high ?? 1;
      x = lo + (hi - lo) * rng.beta(d.alpha, d.beta);
      break;
    }
  }
  if (u.integer) x = Math.round(x);
  return x < u.lo ? u.lo : x > u.hi ? u.hi : x;
}

interface Side {
  strategy: Strategy;
  hist: History & { turn: number; ownDefections: number; oppDefections: number; pain: Float64Array };
}

/**
 * One Simulator per thread: all state is allocated once in the constructor and reset per run, so
 * the weekly loop allocates nothing. A run depends only on (seed, run index): its random stream is
 * createStream(seed, runIndex) and it draws, in this order, the uncertain parameters (declaration
 * order), then per week the strategies' random moves (if any) and the perception checks; court
 * rulings come from a stream of their own (litigation.ts). The steps of a week are functions over
 * the plain state objects of state.ts: tariffs.ts (rates in force), moves.ts (moves and the
 * ledger's changes), agreements.ts (state machine, clocks, commitments), litigation.ts (court
 * rulings) and payoffs.ts (the weekly pains); this class owns the order.
 */
export class Simulator extends SimulatorState {
  /** Per-week metrics of the last run: rec[m * W + w]. */
  readonly rec: Float64Array;
  readonly scalars = new Float64Array(NS);
  /** Uncertain draws of the last run, in declaration order. */
  readonly samples: Float64Array;
  /** Whether a run draws from the litigation stream. */
  private readonly courtsDrawn: boolean;
  /** Weeks of ledger history replayed into the strategies before the first simulated week. */
  readonly WU: number;
  private readonly posture = new Uint8Array(2);
  private readonly perceivedD = new Uint8Array(2);
  private readonly sides: [Side, Side];
  private readonly ctx: [MatchContext, MatchContext];
  private readonly strategyUncertain: boolean;
  private readonly strategyInfo: [StrategyInfo, StrategyInfo];
  private readonly strategyParams: [Record<string, ParamValue>, Record<string, ParamValue>];
  /** Postures and move choice under the marginal_pain rule. */
  readonly chooser: Chooser;
  /** Leverage branches (p.branches.weeks > 0 in the Monte Carlo, or on request). */
  readonly branches: Branches;
  readonly branch: BranchOutcome = emptyOutcome();
  /** Called at the end of every simulated week (not the warm-up), e.g. to read the state for forecast questions. */
  onWeekEnd: ((w: number, day: number) => void) | null = null;
  private escalationWeek = -1;

  constructor(p: Prepared) {
    super(p);
    const W = p.horizon_weeks;
    this.rec = new Float64Array(NM * W);
    this.samples = new Float64Array(p.uncertain.length);
    this.courtsDrawn = p.litigation.ids.length > 0 || p.uncertain.some((u) => u.litigation);
    const mk = <T>(f: (k: 0 | 1) => T): [T, T] => [f(0), f(1)];
    this.ctx = mk(() => ({ turns: W, payoffs: { R: 3, S: 0, T: 5, P: 1 }, noise: 0 }));
    this.strategyUncertain = p.uncertain.some((u) => u.strategy);
    this.strategyInfo = mk((k) => getStrategyInfo(p.strategies[k].name));
    this.strategyParams = mk((k) => ({ ...p.strategies[k].params }));
    this.chooser = new Chooser(this);
    this.branches = new Branches(this);
    this.WU = p.warmup ? p.warmup.dates.length : 0;
    const H = this.WU + W;
    this.sides = mk((k) => ({
      strategy: createStrategy(p.strategies[k].name, p.strategies[k].params),
      hist: {
        turn: 0,
        own: new Uint8Array(H),
        opp: new Uint8Array(H),
        ownPayoff: new Float64Array(H),
        oppPayoff: new Float64Array(H),
        pain: new Float64Array(H),
        ownDefections: 0,
        oppDefections: 0,
      },
    }));
  }

  /** Reset to the start state with the default parameters (no draws). */
  reset(): void {
    const p = this.p;
    this.reSeam?.reset();
    this.slots.set(p.slot_defaults);
    resetLevers(p, this.tariffs, this.controls, this.moves);
    resetAgreements(p, this.agreements);
    resetCourts(this.courts);
    this.escalationWeek = -1;
    this.chooser.reset();
    this.rec.fill(0);
  }

  /**
   * One run: reset, draw the uncertain parameters, play the weeks. Results in rec/scalars/samples.
   * `values` (calibration, posterior draws: a parameter vector in p.uncertain's order) replaces
   * the draws, clamped to their ranges; they are still drawn, so the run's later random stream is
   * the same as run(seed, runIndex)'s and giving a run its own samples reproduces it.
   */
  run(seed: number, runIndex: number, values?: ArrayLike<number>): void {
    const p = this.p;
    const rng = createStream(seed, runIndex);
    const lrng = this.courtsDrawn ? litigationStream(seed, runIndex) : null;
    this.reset();
    for (let u = 0; u < p.uncertain.length; u++) {
      const pu = p.uncertain[u];
      const drawn = drawUncertain(pu, pu.litigation ? lrng! : rng);
      const x =
        values === undefined
          ? drawn
          : Math.min(pu.hi, Math.max(pu.lo, pu.integer ? Math.round(values[u]) : values[u]));
      this.samples[u] = x;
      if (p.uncertain[u].slot >= 0) this.slots[p.uncertain[u].slot] = x;
    }
    if (this.strategyUncertain) {
      // parameters were validated at setup and draws are clamped to the declared ranges
      for (let k = 0; k < 2; k++) {
        const params = this.strategyParams[k];
        let changed = false;
        for (let i = 0; i < p.uncertain.length; i++) {
          const u = p.uncertain[i];
          if (u.strategy !== undefined && u.strategy.actor === k) {
            params[u.strategy.param] = this.samples[i];
            changed = true;
          }
        }
        if (changed) this.sides[k].strategy = this.strategyInfo[k].create(params);
      }
    }
    // pending litigation: its own stream, so the rest of the run draws the same without it
    if (lrng) drawRulings(p.litigation, this.slots, this.courts, lrng);
    this.play(rng, null);
  }

  /**
   * Play the horizon. `script` (backtest) replaces the strategies and moves: called at the
   * start of each week to set the state directly; agreements then follow the state machine.
   */
  play(rng: RandomStream, script: ((w: number, day: number) => void) | null): void {
    const p = this.p;
    const W = this.W;
    const sl = this.slots;
    const t = this.tariffs;
    const c = this.controls;
    const ag = this.agreements;
    const mv = this.moves;
    const pay = this.payoffs;
    for (let k = 0; k < 2; k++) {
      const sd = this.sides[k];
      sd.strategy.reset(this.ctx[k]);
      sd.hist.turn = 0;
      sd.hist.ownDefections = 0;
      sd.hist.oppDefections = 0;
    }
    holdAtStart(p, ag, t);
    const WU = script === null ? this.WU : 0;
    if (WU > 0) this.warmUp(rng);
    const own0 = this.sides[0].hist.own;
    const own1 = this.sides[1].hist.own;
    let next = 0; // next scheduled ledger change (announced by the start, dated after it)
    for (let w = 0; w < W; w++) {
      const day = p.start_day + 7 * w;
      const o = WU + w; // index into the strategies' history (after the warm-up weeks)
      // one entry per side: plain stores, not typed-array fill calls
      pay.econ[0] = pay.econ[1] = 0;
      pay.pol[0] = pay.pol[1] = 0;
      pay.back[0] = pay.back[1] = 0;
      // 0. the known calendar: scheduled changes of this week (a step-up, a truce's extension)
      if (script === null)
        for (; next < p.schedule.length && p.schedule[next].week <= w; next++)
          applyLedgerOp(p, ag, t, c, p.schedule[next].op, true, w);
      // 1. clocks: a running clock that has ended is extended or lapses
      runClocks(this.ruleState, this.chooser, own0, own1, rng, w, o, day, script !== null);
      if (script) script(w, day);
      else {
        // 2. stances from the strategies, 3. one move each (makeMoves: by marginal pain or menu order)
        for (let s = 0 as 0 | 1; s < 2; s = (s + 1) as 0 | 1) {
          const sd = this.sides[s];
          sd.hist.turn = o;
          this.posture[s] = sd.strategy.next(sd.hist, rng);
        }
        makeMoves(this.ruleState, pay, this.chooser, this.posture, w, day);
      }
      // 4. signed agreements take hold a week later
      if (script === null) implementSigned(this.ruleState, w, day);
      // licences applied for under an approval regime arrive after the processing time
      arriveLicences(c, W, w);
      // a court ruling's collection stop: the struck-down layers are out of force from this week on
      enforceRulings(p.litigation, this.courts, t, w, day);
      // 5. commitments checked with perception noise; persistent perceived violations make a side walk away
      updateRates(t, 0, day);
      updateRates(t, 1, day);
      this.perceivedD[0] = this.perceivedD[1] = 0;
      if (script === null) checkCommitments(this.ruleState, this.perceivedD, rng, w, day);
      // 6. tariffs and payoffs
      evaluateTariffs(t, 0, day);
      evaluateTariffs(t, 1, day);
      if (t.dirty) {
        tradePayoffs(p, sl, pay, t.avg[0], t.avg[1], pay.trade);
        t.dirty = false;
      }
      const outputLost = addPayoffs(
        p,
        sl,
        pay,
        c.inForce,
        c.flow,
        0,
        pay.trade,
        pay.econ,
        pay.pol,
        false,
        undefined,
      );
      const flow = pay.lastFlow;
      weekPains(p, sl, pay);
      const pain0 = pay.pain[0];
      const pain1 = pay.pain[1];
      // 7. history: own posture, the other's posture as perceived (a perceived violation reads as D)
      for (let s = 0; s < 2; s++) {
        const opp = this.perceivedD[s] ? D : this.posture[1 - s];
        record(this.sides[s].hist, o, this.posture[s], opp, pay.pain[s], pay.pain[1 - s], p.pain_unit_usd);
      }
      if (o > 0)
        for (let s = 0; s < 2; s++)
          this.chooser.observe(s, this.sides[s].hist.own[o - 1], this.sides[1 - s].hist.own[o]);
      // 8. outcomes and metrics
      if (this.escalationWeek < 0 && (t.avg[0] > p.peak_pct[0] + EPS || t.avg[1] > p.peak_pct[1] + EPS))
        this.escalationWeek = w;
      const tot = pain0 + pain1;
      const rec = this.rec;
      rec[0 * W + w] = t.avg[0];
      rec[1 * W + w] = t.avg[1];
      rec[2 * W + w] = flow;
      rec[3 * W + w] = outputLost;
      if (p.branches.weeks > 0) {
        // leverage from breakdown branches (branches.ts), at every `every`-th week, held between
        if (w % p.branches.every === 0) this.branches.evaluate(day, p.branches.weeks, this.branch);
        rec[4 * W + w] = this.branch.shift_0;
      } else
        // current pains: Nash share shift with d_i = -pain_i, pie = pain_0 + pain_1 (game engine's `leverage`)
        rec[4 * W + w] = tot > 0 ? (pain1 - pain0) / (2 * tot) : 0;
      rec[5 * W + w] = pain0;
      rec[6 * W + w] = pain1;
      if (this.onWeekEnd) this.onWeekEnd(w, day);
    }
    this.scalars[0] = ag.frameworkWeek;
    this.scalars[1] = ag.truceEndWeek;
    this.scalars[2] = this.escalationWeek;
    const [c0, c1] = [mv.concedeWeek[0], mv.concedeWeek[1]];
    this.scalars[3] = firstOffWeek(this.courts);
    this.scalars[4] = c0 < 0 && c1 < 0 ? 0 : c1 < 0 || (c0 >= 0 && c0 < c1) ? 1 : c0 < 0 || c1 < c0 ? 2 : 3;
  }

  /**
   * Warm-up: the ledger's weeks before the start, priced with this run's parameters, go into
   * the strategies' history (postures read from the ledger) so they start with their memory.
   */
  private warmUp(rng: RandomStream): void {
    const wu = this.p.warmup;
    if (!wu) return;
    const p = this.p;
    const pay = this.payoffs;
    for (let t = 0; t < wu.dates.length; t++) {
      for (let s = 0; s < 2; s++) {
        const sd = this.sides[s];
        sd.hist.turn = t;
        sd.strategy.next(sd.hist, rng); // the strategy updates its memory; the ledger says what was played
      }
      warmUpPains(p, this.slots, pay, wu, t);
      for (let s = 0; s < 2; s++) {
        const h = this.sides[s].hist;
        record(h, t, wu.posture[s][t], wu.posture[1 - s][t], pay.pain[s], pay.pain[1 - s], p.pain_unit_usd);
      }
    }
    this.tariffs.dirty = true;
  }
}

/** Week o of a side's history: its own posture, the other's (as perceived) and both pains, USD. */
function record(
  h: Side['hist'],
  o: number,
  own: number,
  opp: number,
  pain: number,
  oppPain: number,
  unit: number,
): void {
  h.own[o] = own;
  h.opp[o] = opp;
  h.pain[o] = pain / unit;
  h.ownPayoff[o] = -h.pain[o];
  h.oppPayoff[o] = -oppPain / unit;
  if (own === D) h.ownDefections++;
  if (opp === D) h.oppDefections++;
  h.turn = o + 1;
}
