// The moves and the levers they pull: each move kind's applicability and effect
// (docs/simulate.md) on the tariffs (tariffs.ts) and controls in force, the week's move step,
// and the ledger's recorded changes of the same levers. Functions over small plain state
// objects (one thread's, reset per run); the Simulator owns one of each.
import { C, D } from '../game/index.ts';
import { THREATEN, type Chooser } from './choice.ts';
import { MS_AUDIENCE, MS_COST, MS_DAYS, MS_MAX, MS_MIN, MS_STEP } from './config.ts';
import { headline, setMeasure, updateRates, type TariffState } from './tariffs.ts';
import { AG, type Prepared } from './prepared.ts';
import {
  OPEN,
  WALKABLE,
  approvedAll,
  canPropose,
  collapse,
  liftHeld,
  sign,
  takeHold,
  type AgreementState,
} from './agreements.ts';
import type { ScheduleOp } from './schedule.ts';
import { cardSize } from './cards.ts';
import type { PayoffState } from './payoffs.ts';
import type { RuleState } from './rule-state.ts';

const EPS = 1e-9;

/** The export controls (and substance listings) in force. */
export interface ControlState {
  readonly inForce: Uint8Array;
  readonly flow: Float64Array;
  readonly approval: Float64Array;
  readonly days: Float64Array;
  /** 1: licences follow the approval share after the processing time. */
  readonly mode: Uint8Array;
  /** Approval share per control and week: approvalHist[c * W + w]. */
  readonly approvalHist: Float64Array;
  readonly subsInForce: Uint8Array;
}

/** What the moves leave behind: cooldowns, the move log, audience costs, first concessions. */
export interface MoveState {
  readonly lastUsed: [Int32Array, Int32Array];
  /** Moves made in the last run: week, side, move index (capped). */
  readonly log: Int32Array;
  logLength: number;
  readonly audience: Float64Array;
  readonly concedeWeek: Int32Array;
}

export function controlState(p: Prepared, W: number): ControlState {
  const nc = p.controls.ids.length;
  return {
    inForce: new Uint8Array(nc),
    flow: new Float64Array(nc),
    approval: new Float64Array(nc),
    days: new Float64Array(nc),
    mode: new Uint8Array(nc),
    approvalHist: new Float64Array(nc * W),
    subsInForce: new Uint8Array(p.substances.ids.length),
  };
}

export function moveState(p: Prepared, W: number): MoveState {
  return {
    lastUsed: [new Int32Array(p.moves.kind[0].length), new Int32Array(p.moves.kind[1].length)],
    log: new Int32Array(3 * 2 * W),
    logLength: 0,
    audience: new Float64Array(2),
    concedeWeek: new Int32Array(2),
  };
}

/** The start state of the levers and the moves. */
export function resetLevers(p: Prepared, t: TariffState, c: ControlState, mv: MoveState): void {
  for (let k = 0; k < 2; k++) {
    const m = p.init_measures[k];
    t.stat[k].set(m.statutory_pct);
    t.susp[k].set(m.suspended_pct);
    t.until[k].set(m.suspended_until_day);
    t.active[k].set(m.active);
    t.exAct[k].set(m.exemption_active);
    t.prevRate[k].fill(NaN);
    mv.lastUsed[k].fill(-1_000_000);
  }
  t.inputs++;
  c.inForce.set(p.controls.in_force);
  for (let i = 0; i < c.flow.length; i++) {
    const f = p.controls.flow_share[i];
    c.flow[i] = Number.isNaN(f) ? 1 : f;
    const a = p.controls.approval_share[i];
    c.approval[i] = Number.isNaN(a) ? c.flow[i] : a;
  }
  c.days.set(p.controls.processing_days);
  c.mode.fill(0);
  c.subsInForce.set(p.substances.in_force);
  mv.audience.fill(0);
  mv.concedeWeek.fill(-1);
  mv.logLength = 0;
  t.dirty = true;
}

/** The level a licensing move works on: approval share for approval-driven moves, else flow share. */
export function ctrlLevel(sl: Float64Array, c: ControlState, ctrl: number, base: number): number {
  return sl[base + MS_DAYS] > 0 || c.mode[ctrl] === 1 ? c.approval[ctrl] : c.flow[ctrl];
}

/** Licences applied for under an approval regime arrive after the processing time (week w). */
export function arriveLicences(c: ControlState, W: number, w: number): void {
  for (let i = 0; i < c.flow.length; i++) {
    c.approvalHist[i * W + w] = c.approval[i];
    if (c.mode[i] !== 1) continue;
    const lag = Math.ceil(c.days[i] / 7);
    c.flow[i] = w - lag >= 0 ? c.approvalHist[i * W + w - lag] : c.flow[i];
  }
}

/** Is move i of side s applicable in week w? */
export function canMove(r: RuleState, s: 0 | 1, i: number, w: number): boolean {
  const { p, sl, t, c, ag, mv } = r;
  if (w < mv.lastUsed[s][i] + p.moves.cooldown[s][i] + 1) return false;
  const x = p.moves.target[s][i];
  const base = p.moves.slot[s][i];
  switch (p.moves.kind[s][i]) {
    case 0: {
      const h = headline(t, s, x);
      return h >= 0 && h + EPS < sl[base + MS_MAX];
    }
    case 1:
      return headline(t, s, x) > sl[base + MS_MIN] + EPS;
    case 2:
      return c.inForce[x] === 1 && ctrlLevel(sl, c, x, base) > sl[base + MS_MIN] + EPS;
    case 3:
      return c.inForce[x] === 1 && ctrlLevel(sl, c, x, base) < sl[base + MS_MAX] - EPS;
    case 4:
      return c.inForce[x] === 0;
    case 5:
      return c.inForce[x] === 1;
    case 6:
      return c.subsInForce[x] === 0;
    case 7:
      return canPropose(p, ag, x, s);
    case 8: {
      if (!OPEN(ag.status[x])) return false;
      const a = p.agreements;
      for (let q = 0; q < a.approval_agreement.length; q++)
        if (a.approval_agreement[q] === x && a.approval_side[q] === s && ag.approval[q] !== 2) return true;
      return false;
    }
    case 9:
      return WALKABLE(ag.status[x]) && ag.streak[x * 2 + s] > 0;
    case 10:
      return true;
    case 11:
      return cardSize(p.layer_cards[x], t, sl[base + MS_STEP], sl[base + MS_MAX]) > 0;
    case 12:
      return c.inForce[x] === 0;
  }
  return false;
}

/** The menu_order rule: the first applicable move of side s's menu for its posture (-1: none). */
function firstApplicable(r: RuleState, s: 0 | 1, posture: number, w: number): number {
  const { p } = r;
  const kinds = p.moves.kind[s];
  for (let i = 0; i < kinds.length; i++)
    if (p.moves.posture[s][i] === posture && canMove(r, s, i, w)) return i;
  return -1;
}

/**
 * Step 3 of week w: one move each, from this week's stances (posture: C talk, D fight). Under
 * marginal_pain both sides choose on the state at the start of the week, then both moves are
 * made, and posture becomes what the other side sees (D for an escalation or a threat, C for
 * talk or hold); under menu_order each makes the first applicable move of its stance's menu.
 */
export function makeMoves(
  r: RuleState,
  pay: PayoffState,
  chooser: Chooser,
  posture: Uint8Array,
  w: number,
  day: number,
): void {
  const { p } = r;
  if (p.choice_rule === 1) {
    chooser.beginWeek(day);
    const m0 = chooser.choose(0, posture[0], w, day);
    const m1 = chooser.choose(1, posture[1], w, day);
    for (let s = 0; s < 2; s++) posture[s] = chooser.posture[s] >= THREATEN ? D : C;
    if (m0 >= 0) applyMove(r, pay, 0, m0, w, day);
    if (m1 >= 0 && canMove(r, 1, m1, w)) applyMove(r, pay, 1, m1, w, day);
  } else
    for (let s = 0 as 0 | 1; s < 2; s = (s + 1) as 0 | 1) {
      const i = firstApplicable(r, s, posture[s], w);
      if (i >= 0) applyMove(r, pay, s, i, w, day);
    }
}

/** Make move i of side s in week w (see docs/simulate.md for each kind); its cost goes into pay.back or pay.pol. */
export function applyMove(r: RuleState, pay: PayoffState, s: 0 | 1, i: number, w: number, day: number): void {
  const { p, sl, t, c, ag, mv } = r;
  const x = p.moves.target[s][i];
  const base = p.moves.slot[s][i];
  const kind = p.moves.kind[s][i];
  mv.lastUsed[s][i] = w;
  if (mv.logLength < mv.log.length) {
    mv.log[mv.logLength++] = w;
    mv.log[mv.logLength++] = s;
    mv.log[mv.logLength++] = i;
  }
  const cost = sl[base + MS_COST];
  if (kind === 1 || kind === 3 || kind === 5) {
    // concessions (CONCESSION_KINDS): lower_tariff, loosen_licensing, lift_export_control
    pay.back[s] += cost + mv.audience[s];
    if (mv.concedeWeek[s] < 0) mv.concedeWeek[s] = w;
  } else pay.pol[s] += cost;
  switch (kind) {
    case 0:
    case 1: {
      updateRates(t, s, day);
      const h = headline(t, s, x);
      const d = p.directions[s];
      const step =
        kind === 0
          ? Math.min(sl[base + MS_STEP], sl[base + MS_MAX] - h)
          : -Math.min(sl[base + MS_STEP], h - sl[base + MS_MIN]);
      const rate = t.rate[s];
      const stat = t.stat[s];
      const susp = t.susp[s];
      const until = t.until[s];
      for (let j = 0; j < d.measure_ids.length; j++) {
        if (d.measure_authority[j] !== x || rate[j] < 0) continue;
        const now = rate[j];
        const next = Math.max(0, now + step);
        stat[j] += next - now;
        // A cut while the layer's suspension is not running shrinks the recorded suspended points
        // too, so that a truce re-signed later retains the rate it records (Geneva: "retain 10%"),
        // never a negative one; a running suspension keeps its points (the cut lowers what is paid).
        if (kind === 1 && susp[j] > 0 && day >= until[j]) susp[j] = Math.max(0, susp[j] + (next - now));
      }
      t.inputs++;
      break;
    }
    case 2:
    case 3: {
      const step = kind === 2 ? -sl[base + MS_STEP] : sl[base + MS_STEP];
      const approvalDriven = sl[base + MS_DAYS] > 0 || c.mode[x] === 1;
      if (approvalDriven) {
        c.mode[x] = 1;
        if (sl[base + MS_DAYS] > 0) c.days[x] = sl[base + MS_DAYS];
        c.approval[x] = clamp(c.approval[x] + step, sl[base + MS_MIN], sl[base + MS_MAX]);
      } else c.flow[x] = clamp(c.flow[x] + step, sl[base + MS_MIN], sl[base + MS_MAX]);
      break;
    }
    case 4:
    case 12:
      c.inForce[x] = 1;
      break;
    case 11: {
      // a card's layer: created at its size, or raised by it (match_last_increase)
      const card = p.layer_cards[x];
      const size = cardSize(card, t, sl[base + MS_STEP], sl[base + MS_MAX]);
      const j = card.j;
      if (!t.active[s][j]) setMeasure(t, s, j, true, size, 0, -Infinity);
      else {
        t.stat[s][j] += size;
        t.inputs++;
      }
      break;
    }
    case 5:
      c.inForce[x] = 0;
      break;
    case 6:
      c.subsInForce[x] = 1;
      break;
    case 7: {
      ag.proposed[x] |= 1 << s;
      const a = p.agreements;
      let needs = false;
      for (let q = 0; q < a.approval_agreement.length; q++)
        if (a.approval_agreement[q] === x) {
          needs = true;
          ag.approval[q] = 1;
        }
      if (needs) ag.status[x] = AG.agreed_in_principle;
      else if (ag.proposed[x] === 3) sign(ag, x, w);
      else if (ag.status[x] !== AG.agreed_in_principle) ag.status[x] = AG.talks;
      break;
    }
    case 8: {
      const a = p.agreements;
      for (let q = 0; q < a.approval_agreement.length; q++)
        if (a.approval_agreement[q] === x && a.approval_side[q] === s) ag.approval[q] = 2;
      if (approvedAll(p, ag, x)) {
        sign(ag, x, w);
        if (x === p.framework && ag.frameworkWeek < 0) ag.frameworkWeek = w;
      }
      break;
    }
    case 9:
      collapse(p, ag, t, x, w, day);
      break;
    case 10:
      mv.audience[s] += sl[base + MS_AUDIENCE];
      break;
  }
}

/**
 * Apply one ledger change. The backtest sets the state as the ledger has it (scheduled =
 * false). A simulation replaying a scheduled change (scheduled = true) keeps what was played:
 * a rate step moves the statutory rate by the ledger's step (so a simulated raise stays on
 * top), a licensing step sets the flow only while the control is in force, and an agreement
 * that collapsed or expired in the run is not revived by its recorded extension.
 */
export function applyLedgerOp(
  p: Prepared,
  ag: AgreementState,
  t: TariffState,
  c: ControlState,
  op: ScheduleOp,
  scheduled: boolean,
  w: number,
): void {
  switch (op.op) {
    case 'rate': {
      const { k, j } = op;
      if (scheduled && t.active[k][j] && !Number.isNaN(op.prev_stat)) {
        t.stat[k][j] += op.stat - op.prev_stat;
        t.active[k][j] = op.active ? 1 : 0;
        t.susp[k][j] = op.susp;
        t.until[k][j] = op.until_day;
        t.inputs++;
      } else setMeasure(t, k, j, op.active, op.stat, op.susp, op.until_day);
      break;
    }
    case 'active':
      if (op.tariff) {
        t.active[op.tariff.k][op.tariff.j] = op.active ? 1 : 0;
        t.inputs++;
      }
      if (op.exemption) t.exAct[op.exemption.k][op.exemption.e] = op.active ? 1 : 0;
      if (op.control >= 0) {
        if (!scheduled) setControl(c, op.control, op.active, op.flow);
        else if (!(op.active && liftHeld(p, ag, op.control))) {
          // a control an agreement signed in the run lifted stays lifted while it holds
          c.inForce[op.control] = op.active ? 1 : 0;
          if (!Number.isNaN(op.flow)) setFlow(c, op.control, op.flow);
        }
      }
      break;
    case 'flow':
      if (!scheduled) setControl(c, op.control, c.inForce[op.control] === 1, op.flow);
      else if (c.inForce[op.control] === 1 && !Number.isNaN(op.flow)) setFlow(c, op.control, op.flow);
      break;
    case 'agreement': {
      const a = op.agreement;
      if (!scheduled) {
        ag.status[a] = op.status;
        break;
      }
      const now = ag.status[a];
      const ended = now === AG.collapsed || now === AG.expired;
      const revives = op.status === AG.extended || op.status === AG.implemented || op.status === AG.signed;
      if (ended && revives) break;
      ag.status[a] = op.status;
      ag.clockEnd[a] = op.clock_end_day;
      if (op.status === AG.signed) ag.signedWeek[a] = w - 1; // takes hold this week
      if (op.status === AG.implemented) takeHold(p, ag, t, a, w);
      if (op.status === AG.collapsed || op.status === AG.expired) {
        ag.clockEnd[a] = Infinity;
        if (a === p.truce && ag.truceEndWeek < 0) ag.truceEndWeek = w;
      }
      break;
    }
    case 'approval': {
      ag.approval[op.approval] = op.status;
      const a = p.agreements.approval_agreement[op.approval];
      if (scheduled && OPEN(ag.status[a]) && approvedAll(p, ag, a)) {
        sign(ag, a, w);
        if (a === p.framework && ag.frameworkWeek < 0) ag.frameworkWeek = w;
      }
      break;
    }
  }
}

// --- direct state changes of the controls (the ledger's changes, the backtest's script) ---
export function setControl(c: ControlState, ctrl: number, inForce: boolean, flow: number): void {
  c.inForce[ctrl] = inForce ? 1 : 0;
  c.flow[ctrl] = flow;
}
/** A licensing level set from outside: flow and approval share alike. */
export function setFlow(c: ControlState, ctrl: number, flow: number): void {
  c.flow[ctrl] = flow;
  c.approval[ctrl] = flow;
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}
