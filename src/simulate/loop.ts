// The weekly loop. One Simulator per thread: all state is allocated once in the constructor and
// reset per run, so the weekly loop allocates nothing. A run depends only on (seed, run index):
// its random stream is createStream(seed, runIndex) and it draws, in this order, the uncertain
// parameters (declaration order), then per week the strategies' random moves (if any) and the
// perception checks.
import {
  createStrategy,
  getStrategyInfo,
  C,
  D,
  type History,
  type MatchContext,
  type ParamValue,
  type Strategy,
  type StrategyInfo,
} from '../game/index.ts';
import { createStream, type RandomStream } from '../random/index.ts';
import { DirectionEvaluator } from './tariffs.ts';
import { AG, COMMIT_LICENCES, COMMIT_LIFTED, COMMIT_LISTED, COMMIT_TARIFF, type Prepared } from './setup.ts';
import {
  SLOT_EPS_M,
  SLOT_LICENCE,
  SLOT_NOISE,
  SLOT_SIGMA,
  MS_AUDIENCE,
  MS_COST,
  MS_DAYS,
  MS_HARM,
  MS_MAX,
  MS_MIN,
  MS_SELF,
  MS_STEP,
  SLOT_EXTENSION_COST,
  SLOT_RENEWAL_NOISE,
} from './config.ts';
import type { ResolvedUncertain } from './config.ts';
import type { ScheduleOp } from './schedule.ts';
import { Chooser, THREATEN } from './choice.ts';
import { RareEarthSeam } from './rare-earth.ts';
import { Branches, emptyOutcome, type BranchOutcome } from './branches.ts';

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
/** Per-run results: week indices (-1 = never) and who conceded first (0 none, 1 first side, 2 second side, 3 same week). */
export const RUN_SCALARS = [
  'framework_week',
  'truce_end_week',
  'escalation_week',
  'first_concession',
] as const;
export const NS = RUN_SCALARS.length;

const LIVE = (s: number) => s === AG.implemented || s === AG.extended;
const OPEN = (s: number) => s === AG.talks || s === AG.agreed_in_principle;
const WALKABLE = (s: number) =>
  s === AG.agreed_in_principle || s === AG.signed || s === AG.implemented || s === AG.extended;
const PROPOSABLE = (s: number) => s === AG.none || s === AG.talks || s === AG.expired || s === AG.collapsed;
const PER_WEEK = 1 / 52;
const EPS = 1e-9;
/** aggregateCes answers remembered per direction (a run prices about 16 distinct duty pairs). */
const CES_MEMO = 16;

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

/**
 * Aggregate CES import market of one direction with perfectly elastic export supply (world
 * prices fixed): the trade engine's exact CES (`cesResponse`, Francois & Hall 2003) with two
 * suppliers, the partner and everyone else, in closed form. Tested equal to cesResponse.
 * Returns imports from the partner after the change, USD a year, and writes the consumer cost
 * (first-order compensating variation E0 (P - 1)) into out[0] and the price index into out[1].
 */
export function aggregateCes(
  partner_usd: number,
  others_usd: number,
  t0: number,
  t1: number,
  sigma: number,
  epsilon_m: number,
  out: Float64Array,
): number {
  const x0 = (1 + t0) * partner_usd;
  const E0 = x0 + others_usd;
  const share = x0 / E0;
  const ph = (1 + t1) / (1 + t0);
  let P: number;
  if (Math.abs(1 - sigma) < 1e-12) P = Math.exp(share * Math.log(ph));
  else P = Math.pow(share * Math.pow(ph, 1 - sigma) + (1 - share), 1 / (1 - sigma));
  const Q = Math.pow(P, epsilon_m);
  const m1 = partner_usd * Q * Math.pow(ph / P, -sigma);
  out[0] = E0 * (P - 1);
  out[1] = P;
  return m1;
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
  // tariffs
  readonly stat: [Float64Array, Float64Array];
  readonly susp: [Float64Array, Float64Array];
  readonly until: [Float64Array, Float64Array];
  readonly active: [Uint8Array, Uint8Array];
  readonly exAct: [Uint8Array, Uint8Array];
  readonly rate: [Float64Array, Float64Array];
  private readonly prevRate: [Float64Array, Float64Array];
  private readonly byAuth: [Float64Array, Float64Array];
  readonly evaluators: [DirectionEvaluator, DirectionEvaluator];
  readonly avg = new Float64Array(2);
  // trade payoffs per direction: consumer cost, revenue change, partner's lost sales (USD a year)
  private readonly trade = new Float64Array(6);
  private readonly cesOut = new Float64Array(2);
  /** Recent inputs (6) and outputs (2) of aggregateCes, CES_MEMO entries per direction (see
   *  tradePayoffs); NaN until first written, so no input ever matches an empty entry. */
  private readonly cesMemo = new Float64Array(2 * CES_MEMO * 8).fill(NaN);
  /** Per direction: the entry written last (the search starts there; the next write goes after it). */
  private readonly cesLast = new Int32Array(2);
  private tradeDirty = true;
  /** Binding rare-earth flow share of the last controlPayoffs (1: none binds). */
  lastFlow = 1;
  /** The rare-earth seam: the bottleneck model's state for this thread (null: the linear bridge). */
  readonly reSeam: RareEarthSeam | null;
  /** Binding rare-earth flow share, its owner (-1: none) and the RULE_* bits of the owner's controls in force, from the last controlPayoffs. */
  lastReOwner = -1;
  lastRule = 0;
  /** Weeks of ledger history replayed into the strategies before the first simulated week. */
  readonly WU: number;
  // controls
  readonly ctrlInForce: Uint8Array;
  readonly ctrlFlow: Float64Array;
  readonly ctrlApproval: Float64Array;
  readonly ctrlDays: Float64Array;
  readonly ctrlMode: Uint8Array;
  private readonly ctrlApprovalHist: Float64Array;
  readonly ctrlHarmSlot: Int32Array;
  readonly subsInForce: Uint8Array;
  // agreements
  readonly agStatus: Int8Array;
  readonly apStatus: Int8Array;
  readonly clockEnd: Float64Array;
  readonly streak: Int32Array;
  readonly commitBase: Float64Array;
  readonly proposed: Uint8Array;
  private readonly signedWeek: Int32Array;
  /** Week an agreement took hold (commitments are checked after grace_weeks); agreements in force at the start count from week -infinity. */
  readonly heldSince: Int32Array;
  readonly commitStart: Int32Array;
  // moves
  readonly lastUsed: [Int32Array, Int32Array];
  readonly audience = new Float64Array(2);
  private readonly econ = new Float64Array(2);
  private readonly pol = new Float64Array(2);
  private readonly back = new Float64Array(2);
  /** This week's cost of backing down per side, USD (concession costs plus audience costs of earlier claims). */
  get backingDown(): Float64Array {
    return this.back;
  }
  readonly pain = new Float64Array(2);
  private readonly posture = new Uint8Array(2);
  private readonly perceivedD = new Uint8Array(2);
  private readonly concedeWeek = new Int32Array(2);
  private readonly sides: [Side, Side];
  private readonly ctx: [MatchContext, MatchContext];
  private readonly strategyUncertain: boolean;
  private readonly strategyInfo: [StrategyInfo, StrategyInfo];
  private readonly strategyParams: [Record<string, ParamValue>, Record<string, ParamValue>];
  /** Moves made in the last run, for the story view: week, side, move index (capped). */
  readonly moveLog: Int32Array;
  moveLogLength = 0;
  /** Postures and move choice under the marginal_pain rule. */
  readonly chooser: Chooser;
  /** Leverage branches (p.branches.weeks > 0 in the Monte Carlo, or on request). */
  readonly branches: Branches;
  readonly branch: BranchOutcome = emptyOutcome();
  private readonly chosen = new Int32Array(2);
  private frameworkWeek = -1;
  private truceEndWeek = -1;
  /** Called at the end of every simulated week (not the warm-up), e.g. to read the state for forecast questions. */
  onWeekEnd: ((w: number, day: number) => void) | null = null;
  private escalationWeek = -1;

  constructor(p: Prepared) {
    this.p = p;
    this.reSeam = p.supply.bottleneck ? new RareEarthSeam(p.supply.bottleneck) : null;
    const W = p.horizon_weeks;
    this.W = W;
    this.rec = new Float64Array(NM * W);
    this.samples = new Float64Array(p.uncertain.length);
    this.slots = new Float64Array(p.slot_defaults.length);
    const mk = <T>(f: (k: 0 | 1) => T): [T, T] => [f(0), f(1)];
    const nm = (k: 0 | 1) => p.directions[k].measure_ids.length;
    const na = (k: 0 | 1) => p.directions[k].authorities.length;
    this.stat = mk((k) => new Float64Array(nm(k)));
    this.susp = mk((k) => new Float64Array(nm(k)));
    this.until = mk((k) => new Float64Array(nm(k)));
    this.active = mk((k) => new Uint8Array(nm(k)));
    this.exAct = mk((k) => new Uint8Array(p.directions[k].exemption_ids.length));
    this.rate = mk((k) => new Float64Array(nm(k)));
    this.prevRate = mk((k) => new Float64Array(nm(k)));
    this.byAuth = mk((k) => new Float64Array(na(k)));
    this.evaluators = mk((k) => new DirectionEvaluator(p.directions[k]));
    const nc = p.controls.ids.length;
    this.ctrlInForce = new Uint8Array(nc);
    this.ctrlFlow = new Float64Array(nc);
    this.ctrlApproval = new Float64Array(nc);
    this.ctrlDays = new Float64Array(nc);
    this.ctrlMode = new Uint8Array(nc);
    this.ctrlApprovalHist = new Float64Array(nc * W);
    this.ctrlHarmSlot = new Int32Array(nc).fill(-1);
    for (let s = 0; s < 2; s++) {
      const kinds = p.moves.kind[s];
      for (let i = 0; i < kinds.length; i++) {
        if (kinds[i] !== 4 && kinds[i] !== 5) continue;
        const c = p.moves.target[s][i];
        if (this.ctrlHarmSlot[c] < 0) this.ctrlHarmSlot[c] = p.moves.slot[s][i];
      }
    }
    this.subsInForce = new Uint8Array(p.substances.ids.length);
    const nag = p.agreements.ids.length;
    this.agStatus = new Int8Array(nag);
    this.apStatus = new Int8Array(p.agreements.approval_status.length);
    this.clockEnd = new Float64Array(nag);
    this.streak = new Int32Array(nag * 2);
    this.commitBase = new Float64Array(p.agreements.commit_kind.length);
    this.proposed = new Uint8Array(nag);
    this.signedWeek = new Int32Array(nag);
    this.heldSince = new Int32Array(nag);
    // commitments are listed agreement by agreement: [commitStart[a], commitStart[a + 1])
    this.commitStart = new Int32Array(nag + 1);
    const ca = p.agreements.commit_agreement;
    for (let a = 0, q = 0; a < nag; a++) {
      this.commitStart[a] = q;
      while (q < ca.length && ca[q] === a) q++;
      this.commitStart[a + 1] = q;
    }
    this.lastUsed = mk((k) => new Int32Array(p.moves.kind[k].length));
    this.moveLog = new Int32Array(3 * 2 * W);
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
    for (let k = 0; k < 2; k++) {
      const m = p.init_measures[k];
      this.stat[k].set(m.statutory_pct);
      this.susp[k].set(m.suspended_pct);
      this.until[k].set(m.suspended_until_day);
      this.active[k].set(m.active);
      this.exAct[k].set(m.exemption_active);
      this.prevRate[k].fill(NaN);
      this.lastUsed[k].fill(-1_000_000);
    }
    this.ctrlInForce.set(p.controls.in_force);
    for (let c = 0; c < this.ctrlFlow.length; c++) {
      const f = p.controls.flow_share[c];
      this.ctrlFlow[c] = Number.isNaN(f) ? 1 : f;
      const a = p.controls.approval_share[c];
      this.ctrlApproval[c] = Number.isNaN(a) ? this.ctrlFlow[c] : a;
    }
    this.ctrlDays.set(p.controls.processing_days);
    this.ctrlMode.fill(0);
    this.subsInForce.set(p.substances.in_force);
    this.agStatus.set(p.agreements.status);
    this.apStatus.set(p.agreements.approval_status);
    this.clockEnd.set(p.agreements.clock_end_day);
    this.streak.fill(0);
    this.proposed.fill(0);
    this.signedWeek.fill(-1);
    this.audience.fill(0);
    this.concedeWeek.fill(-1);
    this.frameworkWeek = this.approvedAll(p.framework) ? 0 : -1;
    this.truceEndWeek = -1;
    this.escalationWeek = -1;
    this.moveLogLength = 0;
    this.chooser.reset();
    this.tradeDirty = true;
    this.rec.fill(0);
  }

  private approvedAll(a: number): boolean {
    const ag = this.p.agreements;
    let any = false;
    for (let i = 0; i < ag.approval_agreement.length; i++) {
      if (ag.approval_agreement[i] !== a) continue;
      any = true;
      if (this.apStatus[i] !== 2) return false;
    }
    return any;
  }

  /** Applied rates on `day`; returns true when any changed since the last evaluation. */
  updateRates(k: 0 | 1, day: number): boolean {
    const rate = this.rate[k];
    const prev = this.prevRate[k];
    const st = this.stat[k];
    const su = this.susp[k];
    const un = this.until[k];
    const ac = this.active[k];
    let changed = false;
    for (let j = 0; j < rate.length; j++) {
      const r = ac[j] ? st[j] - (day < un[j] ? su[j] : 0) : -1;
      rate[j] = r;
      if (r !== prev[j]) changed = true;
    }
    return changed;
  }

  evaluate(k: 0 | 1, day: number): void {
    if (!this.updateRates(k, day)) return;
    this.prevRate[k].set(this.rate[k]);
    this.avg[k] = this.evaluators[k].evaluate(this.rate[k], this.exAct[k], this.byAuth[k]);
    this.tradeDirty = true;
  }

  /** Headline rate of an authority in a direction: the highest applied rate among its measures in force; -1 if none. */
  headline(k: 0 | 1, a: number): number {
    const d = this.p.directions[k];
    let h = -1;
    for (let j = 0; j < d.measure_ids.length; j++)
      if (d.measure_authority[j] === a && this.rate[k][j] >= 0 && this.rate[k][j] > h) h = this.rate[k][j];
    return h;
  }

  /** Is move i of side s applicable this week? */
  canMove(s: 0 | 1, i: number, w: number): boolean {
    const p = this.p;
    if (w < this.lastUsed[s][i] + p.moves.cooldown[s][i] + 1) return false;
    const t = p.moves.target[s][i];
    const base = p.moves.slot[s][i];
    const sl = this.slots;
    switch (p.moves.kind[s][i]) {
      case 0: {
        const h = this.headline(s, t);
        return h >= 0 && h + EPS < sl[base + MS_MAX];
      }
      case 1:
        return this.headline(s, t) > sl[base + MS_MIN] + EPS;
      case 2:
        return this.ctrlInForce[t] === 1 && this.ctrlLevel(t, base) > sl[base + MS_MIN] + EPS;
      case 3:
        return this.ctrlInForce[t] === 1 && this.ctrlLevel(t, base) < sl[base + MS_MAX] - EPS;
      case 4:
        return this.ctrlInForce[t] === 0;
      case 5:
        return this.ctrlInForce[t] === 1;
      case 6:
        return this.subsInForce[t] === 0;
      case 7:
        return PROPOSABLE(this.agStatus[t]) && (this.proposed[t] & (1 << s)) === 0;
      case 8: {
        if (!OPEN(this.agStatus[t])) return false;
        const ag = p.agreements;
        for (let q = 0; q < ag.approval_agreement.length; q++)
          if (ag.approval_agreement[q] === t && ag.approval_side[q] === s && this.apStatus[q] !== 2)
            return true;
        return false;
      }
      case 9:
        return WALKABLE(this.agStatus[t]) && this.streak[t * 2 + s] > 0;
      case 10:
        return true;
    }
    return false;
  }

  /** The level a licensing move works on: approval share for approval-driven moves, else flow share. */
  ctrlLevel(c: number, base: number): number {
    return this.slots[base + MS_DAYS] > 0 || this.ctrlMode[c] === 1 ? this.ctrlApproval[c] : this.ctrlFlow[c];
  }

  /** Make move i of side s in week w (see docs/simulate.md for each kind). */
  applyMove(s: 0 | 1, i: number, w: number, day: number): void {
    const p = this.p;
    const t = p.moves.target[s][i];
    const base = p.moves.slot[s][i];
    const sl = this.slots;
    const kind = p.moves.kind[s][i];
    this.lastUsed[s][i] = w;
    if (this.moveLogLength < this.moveLog.length) {
      this.moveLog[this.moveLogLength++] = w;
      this.moveLog[this.moveLogLength++] = s;
      this.moveLog[this.moveLogLength++] = i;
    }
    const cost = sl[base + MS_COST];
    if (kind === 1 || kind === 3 || kind === 5) {
      // concessions (CONCESSION_KINDS): lower_tariff, loosen_licensing, lift_export_control
      this.back[s] += cost + this.audience[s];
      if (this.concedeWeek[s] < 0) this.concedeWeek[s] = w;
    } else this.pol[s] += cost;
    switch (kind) {
      case 0:
      case 1: {
        this.updateRates(s, day);
        const h = this.headline(s, t);
        const d = p.directions[s];
        const step =
          kind === 0
            ? Math.min(sl[base + MS_STEP], sl[base + MS_MAX] - h)
            : -Math.min(sl[base + MS_STEP], h - sl[base + MS_MIN]);
        for (let j = 0; j < d.measure_ids.length; j++) {
          if (d.measure_authority[j] !== t || this.rate[s][j] < 0) continue;
          const now = this.rate[s][j];
          const next = Math.max(0, now + step);
          this.stat[s][j] += next - now;
        }
        break;
      }
      case 2:
      case 3: {
        const step = kind === 2 ? -sl[base + MS_STEP] : sl[base + MS_STEP];
        const approvalDriven = sl[base + MS_DAYS] > 0 || this.ctrlMode[t] === 1;
        if (approvalDriven) {
          this.ctrlMode[t] = 1;
          if (sl[base + MS_DAYS] > 0) this.ctrlDays[t] = sl[base + MS_DAYS];
          this.ctrlApproval[t] = clamp(this.ctrlApproval[t] + step, sl[base + MS_MIN], sl[base + MS_MAX]);
        } else this.ctrlFlow[t] = clamp(this.ctrlFlow[t] + step, sl[base + MS_MIN], sl[base + MS_MAX]);
        break;
      }
      case 4:
        this.ctrlInForce[t] = 1;
        break;
      case 5:
        this.ctrlInForce[t] = 0;
        break;
      case 6:
        this.subsInForce[t] = 1;
        break;
      case 7: {
        this.proposed[t] |= 1 << s;
        const ag = p.agreements;
        let needs = false;
        for (let q = 0; q < ag.approval_agreement.length; q++)
          if (ag.approval_agreement[q] === t) {
            needs = true;
            this.apStatus[q] = 1;
          }
        if (needs) this.agStatus[t] = AG.agreed_in_principle;
        else if (this.proposed[t] === 3) this.sign(t, w);
        else this.agStatus[t] = AG.talks;
        break;
      }
      case 8: {
        const ag = p.agreements;
        for (let q = 0; q < ag.approval_agreement.length; q++)
          if (ag.approval_agreement[q] === t && ag.approval_side[q] === s) this.apStatus[q] = 2;
        if (this.approvedAll(t)) {
          this.sign(t, w);
          if (t === p.framework && this.frameworkWeek < 0) this.frameworkWeek = w;
        }
        break;
      }
      case 9:
        this.collapse(t, w, day);
        break;
      case 10:
        this.audience[s] += sl[base + MS_AUDIENCE];
        break;
    }
  }

  private sign(a: number, w: number): void {
    this.agStatus[a] = AG.signed;
    this.signedWeek[a] = w;
  }

  /** An agreement collapses: suspensions it holds end today and the truce outcome is recorded. */
  collapse(a: number, w: number, day: number): void {
    this.agStatus[a] = AG.collapsed;
    const ag = this.p.agreements;
    for (let q = 0; q < ag.commit_agreement.length; q++) {
      if (ag.commit_agreement[q] !== a || !ag.commit_suspension[q]) continue;
      const s = ag.commit_side[q];
      const j = ag.commit_target[q];
      if (this.until[s][j] > day) this.until[s][j] = day;
    }
    if (a === this.p.truce && this.truceEndWeek < 0) this.truceEndWeek = w;
  }

  /** Commitments of `by` under agreement a: true when any is broken. */
  private violated(a: number, by: number): boolean {
    const ag = this.p.agreements;
    for (let q = this.commitStart[a]; q < this.commitStart[a + 1]; q++) {
      if (ag.commit_side[q] !== by) continue;
      const t = ag.commit_target[q];
      switch (ag.commit_kind[q]) {
        case COMMIT_TARIFF:
          if (this.rate[by][t] > this.commitBase[q] + EPS) return true;
          break;
        case COMMIT_LIFTED:
          if (this.ctrlInForce[t] === 1) return true;
          break;
        case COMMIT_LICENCES:
          if (this.ctrlInForce[t] === 1 && this.ctrlFlow[t] < this.slots[SLOT_LICENCE] - EPS) return true;
          break;
        case COMMIT_LISTED:
          if (this.subsInForce[t] === 0) return true;
          break;
      }
    }
    return false;
  }

  private hasCommitments(a: number, by: number): boolean {
    const ag = this.p.agreements;
    for (let q = this.commitStart[a]; q < this.commitStart[a + 1]; q++)
      if (ag.commit_side[q] === by) return true;
    return false;
  }

  private takeHold(a: number, w: number): void {
    this.heldSince[a] = w;
    const ag = this.p.agreements;
    for (let q = 0; q < ag.commit_agreement.length; q++) {
      if (ag.commit_agreement[q] !== a || ag.commit_kind[q] !== COMMIT_TARIFF) continue;
      const r = this.rate[ag.commit_side[q]][ag.commit_target[q]];
      this.commitBase[q] = r < 0 ? 0 : r;
    }
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
    this.reset();
    for (let u = 0; u < p.uncertain.length; u++) {
      const pu = p.uncertain[u];
      const drawn = drawUncertain(pu, rng);
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
    const ag = p.agreements;
    for (let k = 0; k < 2; k++) {
      const sd = this.sides[k];
      sd.strategy.reset(this.ctx[k]);
      sd.hist.turn = 0;
      sd.hist.ownDefections = 0;
      sd.hist.oppDefections = 0;
    }
    // commitments of agreements already in force at the start hold at today's levels
    this.updateRates(0, p.start_day);
    this.updateRates(1, p.start_day);
    for (let a = 0; a < this.agStatus.length; a++)
      if (LIVE(this.agStatus[a]) || this.agStatus[a] === AG.signed) this.takeHold(a, -1_000_000);
    const [wE0, wP0, wB0] = [p.actor_slot[0], p.actor_slot[0] + 1, p.actor_slot[0] + 2];
    const [wE1, wP1, wB1] = [p.actor_slot[1], p.actor_slot[1] + 1, p.actor_slot[1] + 2];
    const WU = script === null ? this.WU : 0;
    if (WU > 0) this.warmUp(rng);
    let next = 0; // next scheduled ledger change (announced by the start, dated after it)
    for (let w = 0; w < W; w++) {
      const day = p.start_day + 7 * w;
      const o = WU + w; // index into the strategies' history (after the warm-up weeks)
      // one entry per side: plain stores, not typed-array fill calls
      this.econ[0] = this.econ[1] = 0;
      this.pol[0] = this.pol[1] = 0;
      this.back[0] = this.back[1] = 0;
      // 0. the known calendar: scheduled changes of this week (a step-up, a truce's extension)
      if (script === null)
        for (; next < p.schedule.length && p.schedule[next].week <= w; next++)
          this.applyLedgerOp(p.schedule[next].op, true, w);
      // 1. clocks: a running clock that has ended is extended (both sides talked last week) or lapses
      for (let a = 0; a < this.agStatus.length; a++) {
        if (this.clockEnd[a] > day || !(LIVE(this.agStatus[a]) || this.agStatus[a] === AG.signed)) continue;
        let extend: boolean;
        if (p.renewal_by_costs) {
          // each side compares its cost of a lapse with its cost of extending, both misperceived
          const sd = sl[SLOT_RENEWAL_NOISE];
          const m0 = this.chooser.renewalMargin(
            0,
            a,
            sl[SLOT_EXTENSION_COST],
            sd * rng.normal(0, 1),
            sd * rng.normal(0, 1),
          );
          const m1 = this.chooser.renewalMargin(
            1,
            a,
            sl[SLOT_EXTENSION_COST],
            sd * rng.normal(0, 1),
            sd * rng.normal(0, 1),
          );
          extend = m0 > 0 && m1 > 0;
        } else
          extend = o === 0 || (this.sides[0].hist.own[o - 1] === C && this.sides[1].hist.own[o - 1] === C);
        if (p.extend_on_expiry && extend && script === null) {
          const old = this.clockEnd[a];
          const next = old + p.extension_days;
          this.clockEnd[a] = next;
          for (let q = 0; q < ag.commit_agreement.length; q++) {
            if (ag.commit_agreement[q] !== a || !ag.commit_suspension[q]) continue;
            const s = ag.commit_side[q];
            const j = ag.commit_target[q];
            if (this.until[s][j] >= old && this.until[s][j] < next) this.until[s][j] = next;
          }
          this.agStatus[a] = AG.extended;
        } else {
          this.clockEnd[a] = Infinity;
          if (script === null) this.agStatus[a] = AG.expired;
          if (a === p.truce && this.truceEndWeek < 0) this.truceEndWeek = w;
        }
      }
      if (script) script(w, day);
      else {
        // 2. postures from the strategies, 3. one move each: the first applicable of the posture's menu
        for (let s = 0 as 0 | 1; s < 2; s = (s + 1) as 0 | 1) {
          const sd = this.sides[s];
          sd.hist.turn = o;
          this.posture[s] = sd.strategy.next(sd.hist, rng);
        }
        if (p.choice_rule === 1) {
          // both sides choose on the state at the start of the week, then both moves are made
          this.chooser.beginWeek(day);
          this.chosen[0] = this.chooser.choose(0, this.posture[0], w, day);
          this.chosen[1] = this.chooser.choose(1, this.posture[1], w, day);
          // what the other side sees: D for an escalation or a threat, C for talk or hold
          for (let s = 0; s < 2; s++) this.posture[s] = this.chooser.posture[s] >= THREATEN ? D : C;
          if (this.chosen[0] >= 0) this.applyMove(0, this.chosen[0], w, day);
          if (this.chosen[1] >= 0 && this.canMove(1, this.chosen[1], w))
            this.applyMove(1, this.chosen[1], w, day);
        } else
          for (let s = 0 as 0 | 1; s < 2; s = (s + 1) as 0 | 1) {
            const kinds = p.moves.kind[s];
            for (let i = 0; i < kinds.length; i++) {
              if (p.moves.posture[s][i] !== this.posture[s] || !this.canMove(s, i, w)) continue;
              this.applyMove(s, i, w, day);
              break;
            }
          }
      }
      // 4. signed agreements take hold a week later
      for (let a = 0; a < this.agStatus.length; a++) {
        // signedWeek is -1 for an agreement already signed at the start: it takes hold in week 0
        if (this.agStatus[a] === AG.signed && this.signedWeek[a] < w && script === null) {
          this.agStatus[a] = AG.implemented;
          this.updateRates(0, day);
          this.updateRates(1, day);
          this.takeHold(a, w);
        }
      }
      // licences applied for under an approval regime arrive after the processing time
      for (let c = 0; c < this.ctrlFlow.length; c++) {
        this.ctrlApprovalHist[c * W + w] = this.ctrlApproval[c];
        if (this.ctrlMode[c] !== 1) continue;
        const lag = Math.ceil(this.ctrlDays[c] / 7);
        this.ctrlFlow[c] = w - lag >= 0 ? this.ctrlApprovalHist[c * W + w - lag] : this.ctrlFlow[c];
      }
      // 5. commitments checked with perception noise; persistent perceived violations make a side walk away
      this.updateRates(0, day);
      this.updateRates(1, day);
      this.perceivedD[0] = this.perceivedD[1] = 0;
      if (script === null) {
        for (let a = 0; a < this.agStatus.length; a++) {
          if (!LIVE(this.agStatus[a]) || w - this.heldSince[a] < p.grace_weeks) continue;
          for (let s = 0; s < 2; s++) {
            const o = 1 - s;
            if (!this.hasCommitments(a, o)) continue;
            const seen = this.violated(a, o) !== rng.bernoulli(sl[SLOT_NOISE]);
            if (seen) {
              this.perceivedD[s] = 1;
              this.streak[a * 2 + s]++;
              if (this.streak[a * 2 + s] >= p.walk_away_after && LIVE(this.agStatus[a]))
                this.collapse(a, w, day);
            } else this.streak[a * 2 + s] = 0;
          }
        }
      }
      // 6. tariffs and payoffs
      this.evaluate(0, day);
      this.evaluate(1, day);
      if (this.tradeDirty) {
        this.tradePayoffs(this.avg[0], this.avg[1]);
        this.tradeDirty = false;
      }
      const outputLost = this.addPayoffs(this.ctrlInForce, this.ctrlFlow, 0);
      const flow = this.lastFlow;
      const pain0 = sl[wE0] * this.econ[0] + sl[wP0] * this.pol[0] + sl[wB0] * this.back[0];
      const pain1 = sl[wE1] * this.econ[1] + sl[wP1] * this.pol[1] + sl[wB1] * this.back[1];
      this.pain[0] = pain0;
      this.pain[1] = pain1;
      // 7. history: own posture, the other's posture as perceived (a perceived violation reads as D)
      for (let s = 0; s < 2; s++) {
        const h = this.sides[s].hist;
        const own = this.posture[s];
        const opp = this.perceivedD[s] ? D : this.posture[1 - s];
        h.own[o] = own;
        h.opp[o] = opp;
        h.pain[o] = this.pain[s] / p.pain_unit_usd;
        h.ownPayoff[o] = -h.pain[o];
        h.oppPayoff[o] = -this.pain[1 - s] / p.pain_unit_usd;
        if (own === D) h.ownDefections++;
        if (opp === D) h.oppDefections++;
        h.turn = o + 1;
      }
      if (o > 0)
        for (let s = 0; s < 2; s++)
          this.chooser.observe(s, this.sides[s].hist.own[o - 1], this.sides[1 - s].hist.own[o]);
      // 8. outcomes and metrics
      if (this.escalationWeek < 0 && (this.avg[0] > p.peak_pct[0] + EPS || this.avg[1] > p.peak_pct[1] + EPS))
        this.escalationWeek = w;
      const tot = pain0 + pain1;
      const rec = this.rec;
      rec[0 * W + w] = this.avg[0];
      rec[1 * W + w] = this.avg[1];
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
    this.scalars[0] = this.frameworkWeek;
    this.scalars[1] = this.truceEndWeek;
    this.scalars[2] = this.escalationWeek;
    const [c0, c1] = [this.concedeWeek[0], this.concedeWeek[1]];
    this.scalars[3] = c0 < 0 && c1 < 0 ? 0 : c1 < 0 || (c0 >= 0 && c0 < c1) ? 1 : c0 < 0 || c1 < c0 ? 2 : 3;
  }

  /** Trade payoffs of both directions at average duties avg0, avg1 (percent): this.trade. */
  tradePayoffs(avg0: number, avg1: number, out: Float64Array = this.trade): void {
    const p = this.p;
    const sl = this.slots;
    for (let k = 0; k < 2; k++) {
      const m = p.markets[k];
      const t0 = m.base_tariff_pct / 100;
      const t1 = (k === 0 ? avg0 : avg1) / 100;
      // aggregateCes is pure and a run asks for the same few duties again and again (the
      // current state, each candidate move, a lapse): reuse an answer when every input is
      // identical (bit-for-bit the same result, far fewer Math.pow calls)
      const c = this.cesMemo;
      const sigma = sl[SLOT_SIGMA];
      const eps = sl[SLOT_EPS_M];
      const last = this.cesLast[k];
      let b = -1;
      for (let n = 0; n < CES_MEMO; n++) {
        const e = (k * CES_MEMO + ((last + CES_MEMO - n) % CES_MEMO)) * 8; // newest first
        if (
          c[e + 3] === t1 &&
          c[e] === m.partner_usd &&
          c[e + 1] === m.others_usd &&
          c[e + 2] === t0 &&
          c[e + 4] === sigma &&
          c[e + 5] === eps
        ) {
          b = e;
          break;
        }
      }
      if (b < 0) {
        const slot = (last + 1) % CES_MEMO;
        this.cesLast[k] = slot;
        b = (k * CES_MEMO + slot) * 8;
        c[b + 6] = aggregateCes(m.partner_usd, m.others_usd, t0, t1, sigma, eps, this.cesOut);
        c[b + 7] = this.cesOut[0];
        c[b] = m.partner_usd;
        c[b + 1] = m.others_usd;
        c[b + 2] = t0;
        c[b + 3] = t1;
        c[b + 4] = sigma;
        c[b + 5] = eps;
      }
      const m1 = c[b + 6];
      out[3 * k] = c[b + 7];
      out[3 * k + 1] = t1 * m1 - t0 * m.partner_usd;
      out[3 * k + 2] = m.partner_usd - m1;
    }
  }

  /**
   * Add this week's trade, export-control and chokepoint harms to econ/pol (this.trade must be
   * current). Controls' state from `inForce`/`flow` at offset `off`. Returns output lost in the
   * rare-earth importer's industries (USD a week); the binding flow share is left in lastFlow.
   */
  addPayoffs(
    inForce: Uint8Array,
    flowShare: Float64Array,
    off: number,
    trade: Float64Array = this.trade,
    econ: Float64Array = this.econ,
    pol: Float64Array = this.pol,
    /** true: a move being weighed, not taken (the bottleneck's stocks do not advance). */
    probe = false,
    warmDate?: string,
  ): number {
    this.controlPayoffs(inForce, flowShare, off, trade, econ, pol);
    const p = this.p;
    const flow = this.lastFlow;
    const reOwner = this.lastReOwner;
    const cut = 1 - flow;
    let outputLost = 0;
    const seam = this.reSeam;
    if (seam) {
      // stock-flow model: the importer's loss follows its stocks and can outlast the control
      const binding = reOwner === seam.exporter;
      outputLost =
        warmDate !== undefined
          ? seam.lossOn(warmDate)
          : probe
            ? seam.peek(flow, binding, this.lastRule)
            : seam.week(flow, binding, this.lastRule);
      econ[seam.importer] += outputLost;
      pol[seam.importer] += outputLost;
      if (reOwner >= 0 && cut > 0) econ[reOwner] += cut * p.supply.exporter_loss_usd_per_week;
    } else if (reOwner >= 0 && cut > 0) {
      outputLost = cut * p.supply.importer_loss_usd_per_week;
      econ[1 - reOwner] += outputLost;
      pol[1 - reOwner] += outputLost;
      econ[reOwner] += cut * p.supply.exporter_loss_usd_per_week;
    }
    return outputLost;
  }

  /**
   * The weekly trade and export-control harms without the rare-earth importer's loss (into
   * econ/pol); leaves the binding rare-earth flow share, its owner and rule bits in lastFlow,
   * lastReOwner and lastRule. A control with a bottleneck rule has its harm from the model
   * when the model is on (its stated harm_to_target is not added on top).
   */
  controlPayoffs(
    inForce: Uint8Array,
    flowShare: Float64Array,
    off: number,
    trade: Float64Array,
    econ: Float64Array,
    pol: Float64Array,
  ): void {
    const p = this.p;
    const sl = this.slots;
    for (let k = 0; k < 2; k++) {
      // importer k: consumer cost net of the change in tariff revenue; exporter 1-k: lost sales
      econ[k] += (trade[3 * k] - trade[3 * k + 1]) * PER_WEEK;
      const lost = trade[3 * k + 2] * PER_WEEK;
      econ[1 - k] += lost;
      pol[1 - k] += lost;
    }
    // export controls: rare-earth cut through the supply engine's bridge; others by their stated weekly harm
    let flow = 1;
    let reOwner = -1;
    let rule = 0;
    const seam = this.reSeam;
    const nc = p.controls.ids.length;
    for (let c = 0; c < nc; c++) {
      if (!inForce[off + c]) continue;
      const owner = p.controls.owner[c];
      if (p.controls.rare_earth[c] && flowShare[off + c] < flow) {
        flow = flowShare[off + c];
        reOwner = owner;
      }
      const modelled = seam !== null && p.controls.bottleneck_rule[c] !== 0 && owner === seam.exporter;
      if (modelled) rule |= p.controls.bottleneck_rule[c];
      const hs = this.ctrlHarmSlot[c];
      if (hs >= 0 && owner >= 0) {
        if (!modelled) econ[1 - owner] += sl[hs + MS_HARM];
        econ[owner] += sl[hs + MS_SELF];
        pol[owner] += sl[hs + MS_SELF];
      }
    }
    this.lastFlow = flow;
    this.lastReOwner = reOwner;
    this.lastRule = rule;
  }

  /**
   * Warm-up: the ledger's weeks before the start, priced with this run's parameters, go into
   * the strategies' history (postures read from the ledger) so they start with their memory.
   */
  private warmUp(rng: RandomStream): void {
    const wu = this.p.warmup;
    if (!wu) return;
    const p = this.p;
    const sl = this.slots;
    const nc = p.controls.ids.length;
    for (let t = 0; t < wu.dates.length; t++) {
      for (let s = 0; s < 2; s++) {
        const sd = this.sides[s];
        sd.hist.turn = t;
        sd.strategy.next(sd.hist, rng); // the strategy updates its memory; the ledger says what was played
      }
      this.econ.fill(0);
      this.pol.fill(0);
      if (t === 0 || wu.avg_pct[0][t] !== wu.avg_pct[0][t - 1] || wu.avg_pct[1][t] !== wu.avg_pct[1][t - 1])
        this.tradePayoffs(wu.avg_pct[0][t], wu.avg_pct[1][t]);
      this.addPayoffs(
        wu.ctrl_in_force,
        wu.ctrl_flow,
        t * nc,
        this.trade,
        this.econ,
        this.pol,
        false,
        wu.dates[t],
      );
      for (let s = 0; s < 2; s++) {
        const b = p.actor_slot[s];
        this.pain[s] = sl[b] * this.econ[s] + sl[b + 1] * this.pol[s];
      }
      for (let s = 0; s < 2; s++) {
        const h = this.sides[s].hist;
        const own = wu.posture[s][t];
        const opp = wu.posture[1 - s][t];
        h.own[t] = own;
        h.opp[t] = opp;
        h.pain[t] = this.pain[s] / p.pain_unit_usd;
        h.ownPayoff[t] = -h.pain[t];
        h.oppPayoff[t] = -this.pain[1 - s] / p.pain_unit_usd;
        if (own === D) h.ownDefections++;
        if (opp === D) h.oppDefections++;
        h.turn = t + 1;
      }
    }
    this.tradeDirty = true;
  }

  /**
   * Apply one ledger change. The backtest sets the state as the ledger has it (scheduled =
   * false). A simulation replaying a scheduled change (scheduled = true) keeps what was played:
   * a rate step moves the statutory rate by the ledger's step (so a simulated raise stays on
   * top), a licensing step sets the flow only while the control is in force, and an agreement
   * that collapsed or expired in the run is not revived by its recorded extension.
   */
  applyLedgerOp(op: ScheduleOp, scheduled: boolean, w: number): void {
    switch (op.op) {
      case 'rate': {
        const { k, j } = op;
        if (scheduled && this.active[k][j] && !Number.isNaN(op.prev_stat)) {
          this.stat[k][j] += op.stat - op.prev_stat;
          this.active[k][j] = op.active ? 1 : 0;
          this.susp[k][j] = op.susp;
          this.until[k][j] = op.until_day;
        } else this.setMeasure(k, j, op.active, op.stat, op.susp, op.until_day);
        break;
      }
      case 'active':
        if (op.tariff) this.setMeasureActive(op.tariff.k, op.tariff.j, op.active);
        if (op.exemption) this.setExemption(op.exemption.k, op.exemption.e, op.active);
        if (op.control >= 0) {
          if (!scheduled) this.setControl(op.control, op.active, op.flow);
          else {
            this.ctrlInForce[op.control] = op.active ? 1 : 0;
            if (!Number.isNaN(op.flow)) this.setFlow(op.control, op.flow);
          }
        }
        break;
      case 'flow':
        if (!scheduled) this.setControl(op.control, this.ctrlInForce[op.control] === 1, op.flow);
        else if (this.ctrlInForce[op.control] === 1 && !Number.isNaN(op.flow))
          this.setFlow(op.control, op.flow);
        break;
      case 'agreement': {
        const a = op.agreement;
        if (!scheduled) {
          this.setAgreement(a, op.status);
          break;
        }
        const now = this.agStatus[a];
        const ended = now === AG.collapsed || now === AG.expired;
        const revives = op.status === AG.extended || op.status === AG.implemented || op.status === AG.signed;
        if (ended && revives) break;
        this.agStatus[a] = op.status;
        this.clockEnd[a] = op.clock_end_day;
        if (op.status === AG.signed) this.signedWeek[a] = w - 1; // takes hold this week
        if (op.status === AG.implemented) this.takeHold(a, w);
        if (op.status === AG.collapsed || op.status === AG.expired) {
          this.clockEnd[a] = Infinity;
          if (a === this.p.truce && this.truceEndWeek < 0) this.truceEndWeek = w;
        }
        break;
      }
      case 'approval': {
        this.apStatus[op.approval] = op.status;
        const a = this.p.agreements.approval_agreement[op.approval];
        if (scheduled && OPEN(this.agStatus[a]) && this.approvedAll(a)) {
          this.sign(a, w);
          if (a === this.p.framework && this.frameworkWeek < 0) this.frameworkWeek = w;
        }
        break;
      }
    }
  }

  private setFlow(c: number, flow: number): void {
    this.ctrlFlow[c] = flow;
    this.ctrlApproval[c] = flow;
  }

  // --- hooks for the backtest (scripted state changes, same state as the loop) ---
  /** Evaluate both directions' tariffs on a day (after scripted changes). */
  evaluateWeek(day: number): void {
    this.evaluate(0, day);
    this.evaluate(1, day);
  }
  setMeasure(
    k: 0 | 1,
    j: number,
    active: boolean,
    statutory: number,
    suspended: number,
    untilDay: number,
  ): void {
    this.active[k][j] = active ? 1 : 0;
    this.stat[k][j] = statutory;
    this.susp[k][j] = suspended;
    this.until[k][j] = untilDay;
  }
  setMeasureActive(k: 0 | 1, j: number, active: boolean): void {
    this.active[k][j] = active ? 1 : 0;
  }
  setExemption(k: 0 | 1, e: number, active: boolean): void {
    this.exAct[k][e] = active ? 1 : 0;
  }
  setControl(c: number, inForce: boolean, flow: number): void {
    this.ctrlInForce[c] = inForce ? 1 : 0;
    this.ctrlFlow[c] = flow;
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
    return this.byAuth[k][a];
  }
  setPosture(s: 0 | 1, x: 0 | 1): void {
    this.posture[s] = x;
  }
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}
