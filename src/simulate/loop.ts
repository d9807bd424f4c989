// The weekly loop. One Simulator per thread: all state is allocated once in the constructor and
// reset per run, so the weekly loop allocates nothing. A run depends only on (seed, run index):
// its random stream is createStream(seed, runIndex) and it draws, in this order, the uncertain
// parameters (declaration order), then per week the strategies' random moves (if any) and the
// perception checks; court rulings come from a stream of their own (litigation.ts). The steps
// of a week are functions over plain state objects: tariffs.ts (rates in force), moves.ts
// (moves and the ledger's changes), agreements.ts (state machine, clocks, commitments),
// litigation.ts (court rulings) and payoffs.ts (the weekly pains); this class owns the state
// and the order.
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
import {
  evaluateTariffs,
  headline,
  setMeasure,
  tariffState,
  updateRates,
  type DirectionEvaluator,
  type TariffState,
} from './tariffs.ts';
import type { Prepared } from './prepared.ts';
import type { ResolvedUncertain } from './config.ts';
import type { ScheduleOp } from './schedule.ts';
import { Chooser } from './choice.ts';
import {
  courtState,
  drawRulings,
  enforceRulings,
  firstOffWeek,
  litigationStream,
  resetCourts,
  type CourtState,
} from './litigation.ts';
import { RareEarthSeam } from './rare-earth.ts';
import { Branches, emptyOutcome, type BranchOutcome } from './branches.ts';
import {
  agreementState,
  holdAtStart,
  checkCommitments,
  collapse,
  implementSigned,
  resetAgreements,
  runClocks,
  type AgreementState,
} from './agreements.ts';
import {
  applyLedgerOp,
  applyMove,
  arriveLicences,
  canMove,
  controlState,
  ctrlLevel,
  makeMoves,
  moveState,
  resetLevers,
  setControl,
  type ControlState,
  type MoveState,
} from './moves.ts';
import {
  addPayoffs,
  controlPayoffs,
  payoffState,
  tradePayoffs,
  warmUpPains,
  weekPains,
  type PayoffState,
} from './payoffs.ts';

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

export class Simulator {
  readonly p: Prepared;
  readonly W: number;
  /** Per-week metrics of the last run: rec[m * W + w]. */
  readonly rec: Float64Array;
  readonly scalars = new Float64Array(NS);
  /** Uncertain draws of the last run, in declaration order. */
  readonly samples: Float64Array;
  readonly slots: Float64Array;
  // the state, by domain: plain objects the functions of tariffs.ts, moves.ts, agreements.ts and payoffs.ts work on
  readonly tariffs: TariffState;
  readonly controls: ControlState;
  readonly agreements: AgreementState;
  readonly moves: MoveState;
  readonly payoffs: PayoffState;
  /** This run's court rulings (litigation.ts), and whether a run draws from the litigation stream. */
  readonly courts: CourtState;
  private readonly courtsDrawn: boolean;
  // views of that state (the same arrays) for the chooser, branches, backtest, forecasts and tests
  readonly stat: [Float64Array, Float64Array];
  readonly susp: [Float64Array, Float64Array];
  readonly until: [Float64Array, Float64Array];
  readonly active: [Uint8Array, Uint8Array];
  readonly exAct: [Uint8Array, Uint8Array];
  readonly rate: [Float64Array, Float64Array];
  readonly evaluators: [DirectionEvaluator, DirectionEvaluator];
  readonly avg: Float64Array;
  readonly ctrlInForce: Uint8Array;
  readonly ctrlFlow: Float64Array;
  readonly subsInForce: Uint8Array;
  readonly agStatus: Int8Array;
  readonly apStatus: Int8Array;
  readonly commitStart: Int32Array;
  readonly audience: Float64Array;
  /** Moves made in the last run, for the story view: week, side, move index (capped). */
  readonly moveLog: Int32Array;
  get moveLogLength(): number {
    return this.moves.logLength;
  }
  /** The rare-earth seam: the bottleneck model's state for this thread (null: the linear bridge). */
  readonly reSeam: RareEarthSeam | null;
  /** Binding rare-earth flow share of the last controlPayoffs (1: none binds), its owner (-1: none) and the RULE_* bits of the owner's controls in force. */
  get lastFlow(): number {
    return this.payoffs.lastFlow;
  }
  get lastReOwner(): number {
    return this.payoffs.lastReOwner;
  }
  get lastRule(): number {
    return this.payoffs.lastRule;
  }
  /** This week's cost of backing down per side, USD (concession costs plus audience costs of earlier claims). */
  get backingDown(): Float64Array {
    return this.payoffs.back;
  }
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
    this.p = p;
    const W = p.horizon_weeks;
    this.W = W;
    this.rec = new Float64Array(NM * W);
    this.samples = new Float64Array(p.uncertain.length);
    this.slots = new Float64Array(p.slot_defaults.length);
    this.reSeam = p.supply.bottleneck ? new RareEarthSeam(p.supply.bottleneck) : null;
    const t = (this.tariffs = tariffState(p.directions));
    const c = (this.controls = controlState(p, W));
    const ag = (this.agreements = agreementState(p));
    const mv = (this.moves = moveState(p, W));
    this.payoffs = payoffState(p, this.reSeam);
    this.courts = courtState(p.litigation);
    this.courtsDrawn = p.litigation.ids.length > 0 || p.uncertain.some((u) => u.litigation);
    this.stat = t.stat;
    this.susp = t.susp;
    this.until = t.until;
    this.active = t.active;
    this.exAct = t.exAct;
    this.rate = t.rate;
    this.evaluators = t.evaluators;
    this.avg = t.avg;
    this.ctrlInForce = c.inForce;
    this.ctrlFlow = c.flow;
    this.subsInForce = c.subsInForce;
    this.agStatus = ag.status;
    this.apStatus = ag.approval;
    this.commitStart = ag.commitStart;
    this.audience = mv.audience;
    this.moveLog = mv.log;
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
      runClocks(p, sl, ag, t, this.chooser, own0, own1, rng, w, o, day, script !== null);
      if (script) script(w, day);
      else {
        // 2. stances from the strategies, 3. one move each (makeMoves: by marginal pain or menu order)
        for (let s = 0 as 0 | 1; s < 2; s = (s + 1) as 0 | 1) {
          const sd = this.sides[s];
          sd.hist.turn = o;
          this.posture[s] = sd.strategy.next(sd.hist, rng);
        }
        makeMoves(p, sl, t, c, ag, mv, pay, this.chooser, this.posture, w, day);
      }
      // 4. signed agreements take hold a week later
      if (script === null) implementSigned(p, sl, ag, t, c, w, day);
      // licences applied for under an approval regime arrive after the processing time
      arriveLicences(c, W, w);
      // a court ruling's collection stop: the struck-down layers are out of force from this week on
      enforceRulings(p.litigation, this.courts, t, w, day);
      // 5. commitments checked with perception noise; persistent perceived violations make a side walk away
      updateRates(t, 0, day);
      updateRates(t, 1, day);
      this.perceivedD[0] = this.perceivedD[1] = 0;
      if (script === null) checkCommitments(p, sl, ag, t, c, this.perceivedD, rng, w, day);
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

  // --- the state functions on this simulator's state (for the chooser, branches and tests) ---
  /** Applied rates on `day`; returns true when any changed since the last evaluation. */
  updateRates(k: 0 | 1, day: number): boolean {
    return updateRates(this.tariffs, k, day);
  }
  evaluate(k: 0 | 1, day: number): void {
    evaluateTariffs(this.tariffs, k, day);
  }
  /** Headline rate of an authority in a direction (-1: none in force). */
  headline(k: 0 | 1, a: number): number {
    return headline(this.tariffs, k, a);
  }
  /** Is move i of side s applicable this week? */
  canMove(s: 0 | 1, i: number, w: number): boolean {
    return canMove(this.p, this.slots, this.tariffs, this.controls, this.agreements, this.moves, s, i, w);
  }
  /** The level a licensing move works on: approval share for approval-driven moves, else flow share. */
  ctrlLevel(c: number, base: number): number {
    return ctrlLevel(this.slots, this.controls, c, base);
  }
  /** Make move i of side s in week w (see docs/simulate.md for each kind). */
  applyMove(s: 0 | 1, i: number, w: number, day: number): void {
    const { p, slots, tariffs, controls, agreements, moves, payoffs } = this;
    applyMove(p, slots, tariffs, controls, agreements, moves, payoffs, s, i, w, day);
  }
  /** An agreement collapses: suspensions it holds end today and the truce outcome is recorded. */
  collapse(a: number, w: number, day: number): void {
    collapse(this.p, this.agreements, this.tariffs, a, w, day);
  }
  /** Trade payoffs of both directions at average duties avg0, avg1 (percent), into out. */
  tradePayoffs(avg0: number, avg1: number, out: Float64Array = this.payoffs.trade): void {
    tradePayoffs(this.p, this.slots, this.payoffs, avg0, avg1, out);
  }
  /** payoffs.ts addPayoffs on this simulator's payoff state (by default its own trade, econ and pol). */
  addPayoffs(
    inForce: Uint8Array,
    flowShare: Float64Array,
    off: number,
    trade: Float64Array = this.payoffs.trade,
    econ: Float64Array = this.payoffs.econ,
    pol: Float64Array = this.payoffs.pol,
    probe = false,
    warmDate?: string,
  ): number {
    return addPayoffs(
      this.p,
      this.slots,
      this.payoffs,
      inForce,
      flowShare,
      off,
      trade,
      econ,
      pol,
      probe,
      warmDate,
    );
  }
  /** payoffs.ts controlPayoffs on this simulator's payoff state. */
  controlPayoffs(
    inForce: Uint8Array,
    flowShare: Float64Array,
    off: number,
    trade: Float64Array,
    econ: Float64Array,
    pol: Float64Array,
  ): void {
    controlPayoffs(this.p, this.slots, this.payoffs, inForce, flowShare, off, trade, econ, pol);
  }
  /** Apply one ledger change (moves.ts applyLedgerOp: scheduled = false sets the state as the ledger has it). */
  applyLedgerOp(op: ScheduleOp, scheduled: boolean, w: number): void {
    applyLedgerOp(this.p, this.agreements, this.tariffs, this.controls, op, scheduled, w);
  }

  // --- hooks for the backtest (scripted state changes, same state as the loop) ---
  /** Evaluate both directions' tariffs on a day (after scripted changes). */
  evaluateWeek(day: number): void {
    evaluateTariffs(this.tariffs, 0, day);
    evaluateTariffs(this.tariffs, 1, day);
  }
  setMeasure(
    k: 0 | 1,
    j: number,
    active: boolean,
    statutory: number,
    suspended: number,
    untilDay: number,
  ): void {
    setMeasure(this.tariffs, k, j, active, statutory, suspended, untilDay);
  }
  setMeasureActive(k: 0 | 1, j: number, active: boolean): void {
    this.active[k][j] = active ? 1 : 0;
  }
  setExemption(k: 0 | 1, e: number, active: boolean): void {
    this.exAct[k][e] = active ? 1 : 0;
  }
  setControl(c: number, inForce: boolean, flow: number): void {
    setControl(this.controls, c, inForce, flow);
  }
  setAgreement(a: number, status: number): void {
    this.agStatus[a] = status;
  }
  setApproval(q: number, status: number): void {
    this.apStatus[q] = status;
  }
  appliedRate(k: 0 | 1, j: number): number {
    return this.rate[k][j];
  }
  authorityAverage(k: 0 | 1, a: number): number {
    return this.tariffs.byAuth[k][a];
  }
  setPosture(s: 0 | 1, x: 0 | 1): void {
    this.posture[s] = x;
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
