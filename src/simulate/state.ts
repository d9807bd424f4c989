// The Simulator's state: one plain object per domain, views of its arrays, and the step functions on it.
import { evaluateTariffs, headline, setMeasure, tariffState, type TariffState } from './tariffs.ts';
import type { Prepared } from './prepared.ts';
import type { ScheduleOp } from './schedule.ts';
import type { RuleState } from './rule-state.ts';
import { courtState, type CourtState } from './litigation.ts';
import { RareEarthSeam } from './rare-earth.ts';
import { agreementState, collapse, type AgreementState } from './agreements.ts';
import {
  applyLedgerOp,
  applyMove,
  canMove,
  controlState,
  ctrlLevel,
  moveState,
  type ControlState,
  type MoveState,
} from './moves.ts';
import { addPayoffs, controlPayoffs, payoffState, tradePayoffs, type PayoffState } from './payoffs.ts';

/** The arguments of a state function after its state (the parameter list is stated once, there). */
type AfterState<F> = F extends (state: never, ...rest: infer A) => unknown ? A : never;

/**
 * The state a Simulator (loop.ts) runs on, allocated once: the chooser, the branches, the
 * backtest, forecasts and tests read it and call the state functions through it.
 */
export class SimulatorState {
  readonly p: Prepared;
  readonly W: number;
  readonly slots: Float64Array;
  // the state, by domain: plain objects the functions of tariffs.ts, moves.ts, agreements.ts and payoffs.ts work on
  readonly tariffs: TariffState;
  readonly controls: ControlState;
  readonly agreements: AgreementState;
  readonly moves: MoveState;
  /** The same state as one bundle, for the move and agreement rules (rule-state.ts). */
  readonly ruleState: RuleState;
  readonly payoffs: PayoffState;
  /** This run's court rulings (litigation.ts). */
  readonly courts: CourtState;
  // views of that state (the same arrays, typed by the state's own types) for the chooser,
  // branches, backtest, forecasts and tests: one property read in their loops
  readonly stat: TariffState['stat'];
  readonly susp: TariffState['susp'];
  readonly until: TariffState['until'];
  readonly active: TariffState['active'];
  readonly exAct: TariffState['exAct'];
  readonly rate: TariffState['rate'];
  readonly evaluators: TariffState['evaluators'];
  readonly avg: TariffState['avg'];
  readonly ctrlInForce: ControlState['inForce'];
  readonly ctrlFlow: ControlState['flow'];
  readonly subsInForce: ControlState['subsInForce'];
  readonly agStatus: AgreementState['status'];
  readonly apStatus: AgreementState['approval'];
  readonly commitStart: AgreementState['commitStart'];
  readonly audience: MoveState['audience'];
  /** Moves made in the last run, for the story view: week, side, move index (capped). */
  readonly moveLog: MoveState['log'];
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

  constructor(p: Prepared) {
    this.p = p;
    const W = p.horizon_weeks;
    this.W = W;
    this.slots = new Float64Array(p.slot_defaults.length);
    this.reSeam = p.supply.bottleneck ? new RareEarthSeam(p.supply.bottleneck) : null;
    const t = (this.tariffs = tariffState(p.directions));
    const c = (this.controls = controlState(p, W));
    const ag = (this.agreements = agreementState(p));
    const mv = (this.moves = moveState(p, W));
    this.ruleState = { p, sl: this.slots, t, c, ag, mv };
    this.payoffs = payoffState(p, this.reSeam);
    this.courts = courtState(p.litigation);
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
  }

  // --- the state functions on this simulator's state (for the chooser, branches and tests) ---
  evaluate(k: 0 | 1, day: number): void {
    evaluateTariffs(this.tariffs, k, day);
  }
  /** Headline rate of an authority in a direction (-1: none in force). */
  headline(k: 0 | 1, a: number): number {
    return headline(this.tariffs, k, a);
  }
  /** Is move i of side s applicable this week? */
  canMove(s: 0 | 1, i: number, w: number): boolean {
    return canMove(this.ruleState, s, i, w);
  }
  /** The level a licensing move works on: approval share for approval-driven moves, else flow share. */
  ctrlLevel(c: number, base: number): number {
    return ctrlLevel(this.slots, this.controls, c, base);
  }
  /** Make move i of side s in week w (see docs/simulate.md for each kind). */
  applyMove(s: 0 | 1, i: number, w: number, day: number): void {
    applyMove(this.ruleState, this.payoffs, s, i, w, day);
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
  /** tariffs.ts setMeasure on this simulator's tariffs (scripted state in tests). */
  setMeasure(...a: AfterState<typeof setMeasure>): void {
    setMeasure(this.tariffs, ...a);
  }
  appliedRate(k: 0 | 1, j: number): number {
    return this.rate[k][j];
  }
  authorityAverage(k: 0 | 1, a: number): number {
    return this.tariffs.byAuth[k][a];
  }
}
