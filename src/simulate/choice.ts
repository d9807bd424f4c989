// Move choice by marginal pain (the `marginal_pain` rule). Each week a side's strategy gives its
// stance (C talk, D fight); the chooser turns it into one of four postures and at most one move:
//
//   D -> implement: carry out a standing threat once it has stood `threat_weeks`, or (with
//        threat_weeks 0) make the escalation of largest net pressure when it is positive;
//        threaten: announce that escalation (no rate moves; it is recorded and changes the
//        other side's expectations: its value of talking rises by the threat's harm times the
//        threatener's credibility);
//   C -> talk: the concession or agreement move of largest expected net relief, when >= 0;
//        hold: no move (a standing threat is withdrawn: the retreat).
//
// Value of a move m for side s, over `valuation_weeks` H (Fearon 1994's war of attrition: the
// side whose cost of continuing is higher concedes; a move is worth what it shifts costs):
//   dSelf = H (pain_s after m - pain_s now) + one-off cost (weighted: backing_down for
//           concessions, political otherwise), dOther = H (pain_o after m - pain_o now)
//   escalation:  v = (1 - q) dOther - dSelf    q = expected proportionate retaliation
//   concession:  v = -dSelf - r dOther + T     r = expected reciprocity, T = threat relief
// q and r start at the scenario's priors (weight 2) and are updated from what the other side
// did the week after each of this side's D and C weeks. Pains are the objective-weighted weekly
// pains of the loop (trade CES, control harms, chokepoint), evaluated on hypothetical copies of
// the state; a licensing move's effect is taken as immediate. Ties go to menu order.
import type { SimulatorState } from './state.ts';
import { cardSize } from './cards.ts';
import { AG, COMMIT_LICENCES, COMMIT_LIFTED, COMMIT_TARIFF } from './prepared.ts';
import {
  MS_COST,
  MS_MAX,
  MS_MIN,
  MS_STEP,
  SLOT_LICENCE,
  SLOT_RECIPROCITY,
  SLOT_RETALIATION,
  SLOT_VALUATION,
} from './config.ts';

export const POSTURE_NAMES = ['talk', 'hold', 'threaten', 'implement'] as const;
export const TALK = 0;
export const HOLD = 1;
export const THREATEN = 2;
export const IMPLEMENT = 3;
const EPS = 1e-9;

export class Chooser {
  private readonly sim: SimulatorState;
  private readonly tradeNow = new Float64Array(6);
  private readonly tradeTmp = new Float64Array(6);
  private readonly econ = new Float64Array(2);
  private readonly pol = new Float64Array(2);
  private readonly painNow = new Float64Array(2);
  private readonly painTmp = new Float64Array(2);
  private readonly rateTmp: [Float64Array, Float64Array];
  private readonly byAuthTmp: [Float64Array, Float64Array];
  private readonly inForceTmp: Uint8Array;
  private readonly flowTmp: Float64Array;
  /** dSelf, dOther of the last evaluated move. */
  private dSelf = 0;
  private dOther = 0;
  // beliefs: after this side's D (C) weeks, how often the other side answered D (C) the week after
  readonly dWeeks = new Float64Array(2);
  readonly dAnswered = new Float64Array(2);
  readonly cWeeks = new Float64Array(2);
  readonly cAnswered = new Float64Array(2);
  // threats: move index (-1 none), week made, harm to the target (H-valued), made / carried out
  readonly threatMove = new Int32Array(2);
  readonly threatWeek = new Int32Array(2);
  readonly threatHarm = new Float64Array(2);
  readonly threatsMade = new Float64Array(2);
  readonly threatsCarried = new Float64Array(2);
  /** Threats of the last run: week, side, move index (capped). */
  readonly threatLog: Int32Array;
  threatLogLength = 0;
  readonly posture = new Uint8Array(2);
  // Memos of the tariff evaluations of a tariff move (per side and move) and of a lapse (per
  // agreement and keep): valid while the rates they were priced on are unchanged (the tariff
  // state's rateVersion and exemption flags) and, for a lapse, the rates it sets are the same.
  // The evaluation is a pure function of those, so a memo answers with the same bits.
  private readonly moveMemo: [Float64Array, Float64Array];
  private readonly lapseMemo: Float64Array;
  private readonly lapseVals: Float64Array;
  /** Per side and posture (0 talk, 1 fight): the indices of its moves, in menu order. */
  private readonly menu: [[Int32Array, Int32Array], [Int32Array, Int32Array]];

  constructor(sim: SimulatorState) {
    this.sim = sim;
    const p = sim.p;
    const ofPosture = (s: 0 | 1, x: number) =>
      Int32Array.from(p.moves.posture[s].keys()).filter((i) => p.moves.posture[s][i] === x);
    this.menu = [
      [ofPosture(0, 0), ofPosture(0, 1)],
      [ofPosture(1, 0), ofPosture(1, 1)],
    ];
    this.rateTmp = [
      new Float64Array(p.directions[0].measure_ids.length),
      new Float64Array(p.directions[1].measure_ids.length),
    ];
    this.byAuthTmp = [
      new Float64Array(p.directions[0].authorities.length),
      new Float64Array(p.directions[1].authorities.length),
    ];
    this.inForceTmp = new Uint8Array(p.controls.ids.length);
    this.flowTmp = new Float64Array(p.controls.ids.length);
    this.threatLog = new Int32Array(3 * 2 * sim.W);
    // moveMemo[s][4i ..]: rate version, exemption code, step, average; NaN: empty
    this.moveMemo = [
      new Float64Array(4 * p.moves.kind[0].length).fill(NaN),
      new Float64Array(4 * p.moves.kind[1].length).fill(NaN),
    ];
    // lapseMemo[6 (2a + keep) ..]: both rate versions, both exemption codes, both averages
    const na = p.agreements.ids.length;
    this.lapseMemo = new Float64Array(12 * na).fill(NaN);
    // the rate each commitment of a sets (NaN: none), per keep: lapseVals[2q + keep]
    this.lapseVals = new Float64Array(2 * p.agreements.commit_kind.length).fill(NaN);
  }

  /** The exemption flags of direction k as one number (-1 when there are too many to pack). */
  private exCode(k: 0 | 1): number {
    const ex = this.sim.exAct[k];
    if (ex.length > 30) return -1;
    let c = 0;
    for (let e = 0; e < ex.length; e++) c = c * 2 + ex[e];
    return c;
  }

  reset(): void {
    this.dWeeks.fill(0);
    this.dAnswered.fill(0);
    this.cWeeks.fill(0);
    this.cAnswered.fill(0);
    this.threatMove.fill(-1);
    this.threatWeek.fill(0);
    this.threatHarm.fill(0);
    this.threatsMade.fill(0);
    this.threatsCarried.fill(0);
    this.threatLogLength = 0;
  }

  /** Update the beliefs with one week of stances (0 = C, 1 = D): prev week's own, this week's other's. */
  observe(s: number, ownPrev: number, oppNow: number): void {
    if (ownPrev === 1) {
      this.dWeeks[s]++;
      if (oppNow === 1) this.dAnswered[s]++;
    } else {
      this.cWeeks[s]++;
      if (oppNow === 0) this.cAnswered[s]++;
    }
  }

  private belief(prior: number, hits: number, n: number): number {
    return (2 * prior + hits) / (2 + n);
  }

  /** Objective-weighted weekly pain of both sides in a hypothetical state, into out. */
  private pains(
    avg0: number,
    avg1: number,
    inForce: Uint8Array,
    flow: Float64Array,
    out: Float64Array,
    given: Float64Array | null = null,
  ): void {
    const sim = this.sim;
    const sl = sim.slots;
    let trade = given ?? this.tradeNow;
    if (given === null && (avg0 !== sim.avg[0] || avg1 !== sim.avg[1])) {
      sim.tradePayoffs(avg0, avg1, this.tradeTmp);
      trade = this.tradeTmp;
    }
    // two-element arrays: plain stores (a typed-array fill is a call, priced ~5 times a week)
    this.econ[0] = this.econ[1] = 0;
    this.pol[0] = this.pol[1] = 0;
    sim.addPayoffs(inForce, flow, 0, trade, this.econ, this.pol, true);
    for (let k = 0; k < 2; k++) {
      const b = sim.p.actor_slot[k];
      out[k] = sl[b] * this.econ[k] + sl[b + 1] * this.pol[k];
    }
  }

  /** Prices the state at the start of the week (before moves); call once per week. */
  beginWeek(day: number): void {
    const sim = this.sim;
    sim.evaluate(0, day);
    sim.evaluate(1, day);
    sim.tradePayoffs(sim.avg[0], sim.avg[1], this.tradeNow);
    this.pains(sim.avg[0], sim.avg[1], sim.ctrlInForce, sim.ctrlFlow, this.painNow);
  }

  /** Effect of move i of side s (into dSelf / dOther), H-valued, with its one-off cost. */
  private effect(s: 0 | 1, i: number, day: number): void {
    const sim = this.sim;
    const p = sim.p;
    const sl = sim.slots;
    const t = p.moves.target[s][i];
    const base = p.moves.slot[s][i];
    const kind = p.moves.kind[s][i];
    let avg0 = sim.avg[0];
    let avg1 = sim.avg[1];
    // the controls after the move: a copy only for the control moves (kinds 2-5) that change
    // them; the other moves are priced on the simulator's own arrays, which pains only reads
    let inForce = sim.ctrlInForce;
    let flow = sim.ctrlFlow;
    if ((kind >= 2 && kind <= 5) || kind === 12) {
      inForce = this.inForceTmp;
      flow = this.flowTmp;
      inForce.set(sim.ctrlInForce);
      flow.set(sim.ctrlFlow);
    }
    switch (kind) {
      case 0:
      case 1: {
        const h = sim.headline(s, t);
        const step =
          kind === 0
            ? Math.min(sl[base + MS_STEP], sl[base + MS_MAX] - h)
            : -Math.min(sl[base + MS_STEP], h - sl[base + MS_MIN]);
        const mm = this.moveMemo[s];
        const version = sim.tariffs.rateVersion[s];
        const ex = this.exCode(s);
        let a: number;
        if (mm[4 * i] === version && mm[4 * i + 1] === ex && mm[4 * i + 2] === step && ex >= 0)
          a = mm[4 * i + 3];
        else {
          const r = this.rateTmp[s];
          r.set(sim.rate[s]);
          const d = p.directions[s];
          for (let j = 0; j < r.length; j++)
            if (d.measure_authority[j] === t && r[j] >= 0) r[j] = Math.max(0, r[j] + step);
          a = sim.evaluators[s].evaluate(r, sim.exAct[s], this.byAuthTmp[s]);
          mm[4 * i] = version;
          mm[4 * i + 1] = ex;
          mm[4 * i + 2] = step;
          mm[4 * i + 3] = a;
        }
        if (s === 0) avg0 = a;
        else avg1 = a;
        break;
      }
      case 2:
      case 3: {
        const step = kind === 2 ? -sl[base + MS_STEP] : sl[base + MS_STEP];
        const lvl = sim.ctrlLevel(t, base);
        const next = Math.min(sl[base + MS_MAX], Math.max(sl[base + MS_MIN], lvl + step));
        // approval-driven licences arrive after the processing time; valued as if at once
        flow[t] = next;
        break;
      }
      case 4:
      case 12:
        inForce[t] = 1;
        break;
      case 11: {
        // a card's layer at its size (cards.ts): the state's applied rates with the layer added
        const card = p.layer_cards[t];
        const r = this.rateTmp[s];
        r.set(sim.rate[s]);
        r[card.j] =
          Math.max(0, r[card.j]) + cardSize(card, sim.tariffs, sl[base + MS_STEP], sl[base + MS_MAX]);
        const a = sim.evaluators[s].evaluate(r, sim.exAct[s], this.byAuthTmp[s]);
        if (s === 0) avg0 = a;
        else avg1 = a;
        break;
      }
      case 5:
        inForce[t] = 0;
        break;
      case 9: {
        // walking away ends the suspensions the agreement holds, in both directions
        const ag = p.agreements;
        this.rateTmp[0].set(sim.rate[0]);
        this.rateTmp[1].set(sim.rate[1]);
        let changed = false;
        for (let q = sim.commitStart[t]; q < sim.commitStart[t + 1]; q++) {
          if (!ag.commit_suspension[q]) continue;
          const k = ag.commit_side[q];
          const j = ag.commit_target[q];
          if (sim.active[k][j] && day < sim.until[k][j]) {
            this.rateTmp[k][j] = sim.stat[k][j];
            changed = true;
          }
        }
        if (changed) {
          avg0 = sim.evaluators[0].evaluate(this.rateTmp[0], sim.exAct[0], this.byAuthTmp[0]);
          avg1 = sim.evaluators[1].evaluate(this.rateTmp[1], sim.exAct[1], this.byAuthTmp[1]);
        }
        break;
      }
    }
    const H = sl[SLOT_VALUATION];
    if (kind <= 5 || kind === 9 || kind >= 11) this.pains(avg0, avg1, inForce, flow, this.painTmp);
    else {
      this.painTmp[0] = this.painNow[0];
      this.painTmp[1] = this.painNow[1];
    }
    const o = 1 - s;
    const ws = p.actor_slot[s];
    const cost = sl[base + MS_COST];
    // concessions cost backing down (plus audience costs of earlier claims), other moves political pain
    const oneOff =
      kind === 1 || kind === 3 || kind === 5 ? sl[ws + 2] * (cost + sim.audience[s]) : sl[ws + 1] * cost;
    this.dSelf = H * (this.painTmp[s] - this.painNow[s]) + oneOff;
    this.dOther = H * (this.painTmp[o] - this.painNow[o]);
    // the other side's expected response to a broken commitment: it walks away and the
    // suspensions the agreement holds end (priced on the current state, added to the move's own effect)
    if (kind === 0 || kind === 2 || kind === 4) {
      const a = this.breaks(s, kind, t);
      if (a >= 0) {
        this.lapse(a, this.painTmp);
        this.dSelf += H * (this.painTmp[s] - this.painNow[s]);
        this.dOther += H * (this.painTmp[o] - this.painNow[o]);
      }
    }
  }

  /** The live agreement whose commitment by s move i would break (-1: none). */
  private breaks(s: 0 | 1, kind: number, t: number): number {
    const sim = this.sim;
    const p = sim.p;
    const ag = p.agreements;
    for (let q = 0; q < ag.commit_kind.length; q++) {
      if (ag.commit_side[q] !== s) continue;
      const a = ag.commit_agreement[q];
      const st = sim.agStatus[a];
      if (st !== AG.implemented && st !== AG.extended) continue;
      const ct = ag.commit_target[q];
      switch (ag.commit_kind[q]) {
        case COMMIT_TARIFF:
          if (kind === 0 && p.directions[s].measure_authority[ct] === t && sim.rate[s][ct] >= 0) return a;
          break;
        case COMMIT_LIFTED:
          if (kind === 4 && ct === t) return a;
          break;
        case COMMIT_LICENCES:
          // flowTmp holds the flow after the move for a control move (kind 2: see effect)
          if (kind === 2 && ct === t && this.flowTmp[t] < sim.slots[SLOT_LICENCE]) return a;
          break;
      }
    }
    return -1;
  }

  /** Both sides' weekly pains if agreement a's suspensions ended now (or stayed, keep = true), into out. */
  private lapse(a: number, out: Float64Array, keep = false): void {
    const sim = this.sim;
    const ag = sim.p.agreements;
    const kp = keep ? 1 : 0;
    const lm = this.lapseMemo;
    const o = 6 * (2 * a + kp);
    const v0 = sim.tariffs.rateVersion[0];
    const v1 = sim.tariffs.rateVersion[1];
    const ex0 = this.exCode(0);
    const ex1 = this.exCode(1);
    // the rates the lapse sets; the memo holds when they and the rates around them are the same
    const lv = this.lapseVals;
    let same =
      lm[o] === v0 && lm[o + 1] === v1 && lm[o + 2] === ex0 && lm[o + 3] === ex1 && ex0 >= 0 && ex1 >= 0;
    for (let q = sim.commitStart[a]; q < sim.commitStart[a + 1]; q++) {
      if (!ag.commit_suspension[q]) continue;
      const k = ag.commit_side[q];
      const j = ag.commit_target[q];
      const x = sim.active[k][j] ? sim.stat[k][j] - (keep ? sim.susp[k][j] : 0) : NaN;
      if (!Object.is(lv[2 * q + kp], x)) same = false;
      lv[2 * q + kp] = x;
    }
    let avg0: number;
    let avg1: number;
    if (same) {
      avg0 = lm[o + 4];
      avg1 = lm[o + 5];
    } else {
      this.rateTmp[0].set(sim.rate[0]);
      this.rateTmp[1].set(sim.rate[1]);
      for (let q = sim.commitStart[a]; q < sim.commitStart[a + 1]; q++) {
        if (!ag.commit_suspension[q]) continue;
        const k = ag.commit_side[q];
        const j = ag.commit_target[q];
        if (sim.active[k][j]) this.rateTmp[k][j] = sim.stat[k][j] - (keep ? sim.susp[k][j] : 0);
      }
      avg0 = sim.evaluators[0].evaluate(this.rateTmp[0], sim.exAct[0], this.byAuthTmp[0]);
      avg1 = sim.evaluators[1].evaluate(this.rateTmp[1], sim.exAct[1], this.byAuthTmp[1]);
      lm[o] = v0;
      lm[o + 1] = v1;
      lm[o + 2] = ex0;
      lm[o + 3] = ex1;
      lm[o + 4] = avg0;
      lm[o + 5] = avg1;
    }
    sim.tradePayoffs(avg0, avg1, this.tradeTmp);
    this.pains(NaN, NaN, sim.ctrlInForce, sim.ctrlFlow, out, this.tradeTmp);
  }

  /**
   * Posture and move of side s this week given its stance (0 = C, 1 = D). Returns the move
   * index to make (-1: none); the posture is left in this.posture[s].
   */
  choose(s: 0 | 1, stance: number, w: number, day: number): number {
    const sim = this.sim;
    const p = sim.p;
    const sl = sim.slots;
    const o = 1 - s;
    const tw = p.threat_weeks;
    if (stance === 1) {
      const standing = this.threatMove[s];
      if (standing >= 0) {
        if (w - this.threatWeek[s] < tw) {
          this.posture[s] = THREATEN;
          return -1;
        }
        this.threatMove[s] = -1;
        if (sim.canMove(s, standing, w)) {
          this.threatsCarried[s]++;
          this.posture[s] = IMPLEMENT;
          return standing;
        }
      }
      const q = this.belief(sl[SLOT_RETALIATION], this.dAnswered[s], this.dWeeks[s]);
      let best = -1;
      let bestV = -Infinity;
      let bestHarm = 0;
      const fight = this.menu[s][1];
      for (let n = 0; n < fight.length; n++) {
        const i = fight[n];
        if (!sim.canMove(s, i, w)) continue;
        this.effect(s, i, day);
        const v = (1 - q) * this.dOther - this.dSelf;
        if (v > bestV + EPS) {
          bestV = v;
          best = i;
          bestHarm = this.dOther;
        }
      }
      if (best < 0 || bestV <= 0) {
        this.posture[s] = HOLD;
        return -1;
      }
      if (tw > 0) {
        this.threatMove[s] = best;
        this.threatWeek[s] = w;
        this.threatHarm[s] = bestHarm;
        this.threatsMade[s]++;
        if (this.threatLogLength < this.threatLog.length) {
          this.threatLog[this.threatLogLength++] = w;
          this.threatLog[this.threatLogLength++] = s;
          this.threatLog[this.threatLogLength++] = best;
        }
        this.posture[s] = THREATEN;
        return -1;
      }
      this.posture[s] = IMPLEMENT;
      return best;
    }
    this.threatMove[s] = -1; // talking withdraws a standing threat
    const r = this.belief(sl[SLOT_RECIPROCITY], this.cAnswered[s], this.cWeeks[s]);
    // a standing threat against s, times the threatener's record of carrying threats out
    const cred = this.belief(0.5, this.threatsCarried[o], this.threatsMade[o]);
    const relief = this.threatMove[o] >= 0 ? cred * this.threatHarm[o] : 0;
    let best = -1;
    let bestV = -Infinity;
    const talk = this.menu[s][0];
    for (let n = 0; n < talk.length; n++) {
      const i = talk[n];
      if (!sim.canMove(s, i, w)) continue;
      this.effect(s, i, day);
      const v = -this.dSelf - r * this.dOther + relief;
      if (v > bestV + EPS) {
        bestV = v;
        best = i;
      }
    }
    if (best < 0 || bestV < -EPS) {
      this.posture[s] = HOLD;
      return -1;
    }
    this.posture[s] = TALK;
    return best;
  }

  /**
   * Renewal by costs: side s's cost of letting agreement a lapse (its pain with the
   * suspensions ended, H-valued) against its cost of extending; both perceived with
   * multiplicative log-normal noise. Returns the perceived margin (> 0: s extends).
   */
  renewalMargin(s: 0 | 1, a: number, extensionCost: number, noiseLapse: number, noiseExtend: number): number {
    const sim = this.sim;
    // kept: the suspended points stay off the statutory rate; lapsed: the statutory rate applies
    this.lapse(a, this.painNow, true);
    this.lapse(a, this.painTmp, false);
    const lapse = sim.slots[SLOT_VALUATION] * (this.painTmp[s] - this.painNow[s]);
    const extend = sim.slots[sim.p.actor_slot[s] + 1] * extensionCost;
    return lapse * Math.exp(noiseLapse) - extend * Math.exp(noiseExtend);
  }
}
