// Agreements (truces, frameworks, deals): their state machine (talks, agreed in principle,
// signed, implemented, extended; collapsed or expired), approvals, commitments and clocks.
// Functions over one thread's AgreementState.
import { C } from '../game/index.ts';
import type { RandomStream } from '../random/index.ts';
import { SLOT_EXTENSION_COST, SLOT_LICENCE, SLOT_NOISE, SLOT_RENEWAL_NOISE } from './config.ts';
import {
  AG,
  COMMIT_LICENCES,
  COMMIT_LIFTED,
  COMMIT_LISTED,
  COMMIT_TARIFF,
  EFFECT_LICENCES,
  EFFECT_LIFT,
  EFFECT_LIST,
  EFFECT_REMOVE,
  EFFECT_SUSPEND,
  type Prepared,
} from './prepared.ts';
import type { Chooser } from './choice.ts';
import { updateRates, type TariffState } from './tariffs.ts';
import type { RuleState } from './rule-state.ts';

const EPS = 1e-9;

export const LIVE = (s: number) => s === AG.implemented || s === AG.extended;
export const OPEN = (s: number) => s === AG.talks || s === AG.agreed_in_principle;
export const WALKABLE = (s: number) =>
  s === AG.agreed_in_principle || s === AG.signed || s === AG.implemented || s === AG.extended;
export const PROPOSABLE = (s: number) =>
  s === AG.none || s === AG.talks || s === AG.expired || s === AG.collapsed;

/** Does agreement a list any approval? */
export function hasApprovals(p: Prepared, a: number): boolean {
  const aa = p.agreements.approval_agreement;
  for (let q = 0; q < aa.length; q++) if (aa[q] === a) return true;
  return false;
}

/**
 * Can side s propose agreement a? PROPOSABLE and not yet proposed by s; an agreement agreed in
 * principle without approvals (Busan on 2025-10-30) can be proposed too: it is signed once
 * both sides have proposed (there is nothing to approve).
 */
export function canPropose(p: Prepared, ag: AgreementState, a: number, s: number): boolean {
  if ((ag.proposed[a] & (1 << s)) !== 0) return false;
  const st = ag.status[a];
  return PROPOSABLE(st) || (st === AG.agreed_in_principle && !hasApprovals(p, a));
}

export interface AgreementState {
  /** AG status per agreement. */
  readonly status: Int8Array;
  /** Per approval: 0 none, 1 pending, 2 given. */
  readonly approval: Int8Array;
  /** Day the agreement's clock ends (Infinity: none running). */
  readonly clockEnd: Float64Array;
  /** Consecutive weeks side s has perceived a violation of agreement a: streak[a * 2 + s]. */
  readonly streak: Int32Array;
  /** Level a tariff commitment holds (the applied rate when it took hold). */
  readonly commitBase: Float64Array;
  /** Bits of the sides that proposed the agreement. */
  readonly proposed: Uint8Array;
  /** 1: signed in this run (by moves, or approvals replayed), so its commitments take effect when it takes hold (enact). */
  readonly enacted: Uint8Array;
  readonly signedWeek: Int32Array;
  /** Week an agreement took hold (commitments are checked after grace_weeks); agreements in force at the start count from week -infinity. */
  readonly heldSince: Int32Array;
  /** Commitments are listed agreement by agreement: [commitStart[a], commitStart[a + 1]). */
  readonly commitStart: Int32Array;
  /** Week the framework was approved and the truce ended (-1: not in this run). */
  frameworkWeek: number;
  truceEndWeek: number;
}

export function agreementState(p: Prepared): AgreementState {
  const ag = p.agreements;
  const n = ag.ids.length;
  const commitStart = new Int32Array(n + 1);
  const ca = ag.commit_agreement;
  for (let a = 0, q = 0; a < n; a++) {
    commitStart[a] = q;
    while (q < ca.length && ca[q] === a) q++;
    commitStart[a + 1] = q;
  }
  return {
    status: new Int8Array(n),
    approval: new Int8Array(ag.approval_status.length),
    clockEnd: new Float64Array(n),
    streak: new Int32Array(n * 2),
    commitBase: new Float64Array(ag.commit_kind.length),
    proposed: new Uint8Array(n),
    enacted: new Uint8Array(n),
    signedWeek: new Int32Array(n),
    heldSince: new Int32Array(n),
    commitStart,
    frameworkWeek: -1,
    truceEndWeek: -1,
  };
}

export function resetAgreements(p: Prepared, ag: AgreementState): void {
  ag.status.set(p.agreements.status);
  ag.approval.set(p.agreements.approval_status);
  ag.clockEnd.set(p.agreements.clock_end_day);
  ag.streak.fill(0);
  ag.proposed.fill(0);
  ag.enacted.fill(0);
  ag.signedWeek.fill(-1);
  ag.frameworkWeek = approvedAll(p, ag, p.framework) ? 0 : -1;
  ag.truceEndWeek = -1;
}

/** Has agreement a approvals, all of them given? */
export function approvedAll(p: Prepared, ag: AgreementState, a: number): boolean {
  const pa = p.agreements;
  let any = false;
  for (let i = 0; i < pa.approval_agreement.length; i++) {
    if (pa.approval_agreement[i] !== a) continue;
    any = true;
    if (ag.approval[i] !== 2) return false;
  }
  return any;
}

/** Agreement a is signed in week w of the run: it takes hold next week, and its commitments take effect then. */
export function sign(ag: AgreementState, a: number, w: number): void {
  ag.status[a] = AG.signed;
  ag.signedWeek[a] = w;
  ag.enacted[a] = 1;
}

/**
 * The commitments of agreement a (signed in the run) take effect as it takes hold, from what
 * the state knows: suspend / extend keeps the measure's recorded suspended points off until
 * the agreement's clock ends (no clock in the view: while it is in force; a collapse ends
 * them), remove ends the layer, lift / suspend lifts the control, approve_licences lets the
 * compliance share through, list_substances lists. A suspension of a layer with no recorded
 * suspended points, and reduce, state no size: nothing changes (docs/simulate.md).
 */
export function enact(r: RuleState, a: number): void {
  const { p, sl, t, c, ag } = r;
  const pa = p.agreements;
  for (let q = ag.commitStart[a]; q < ag.commitStart[a + 1]; q++) {
    const s = pa.commit_side[q];
    const x = pa.commit_target[q];
    switch (pa.commit_effect[q]) {
      case EFFECT_SUSPEND:
        if (t.susp[s][x] > 0 && t.until[s][x] < ag.clockEnd[a]) {
          t.until[s][x] = ag.clockEnd[a];
          t.inputs++;
        }
        break;
      case EFFECT_REMOVE:
        t.active[s][x] = 0;
        t.inputs++;
        break;
      case EFFECT_LIFT:
        c.inForce[x] = 0;
        break;
      case EFFECT_LICENCES:
        if (c.flow[x] < sl[SLOT_LICENCE]) {
          c.flow[x] = sl[SLOT_LICENCE];
          if (c.approval[x] < sl[SLOT_LICENCE]) c.approval[x] = sl[SLOT_LICENCE];
        }
        break;
      case EFFECT_LIST:
        c.subsInForce[x] = 1;
        break;
    }
  }
}

/** Has an agreement signed in the run and not ended lifted control x (a scheduled re-imposition then does not apply)? */
export function liftHeld(p: Prepared, ag: AgreementState, x: number): boolean {
  const pa = p.agreements;
  for (let q = 0; q < pa.commit_effect.length; q++) {
    if (pa.commit_effect[q] !== EFFECT_LIFT || pa.commit_target[q] !== x) continue;
    const a = pa.commit_agreement[q];
    if (ag.enacted[a] && (LIVE(ag.status[a]) || ag.status[a] === AG.signed)) return true;
  }
  return false;
}

/** An agreement collapses: suspensions it holds end today and the truce outcome is recorded. */
export function collapse(
  p: Prepared,
  ag: AgreementState,
  t: TariffState,
  a: number,
  w: number,
  day: number,
): void {
  ag.status[a] = AG.collapsed;
  const pa = p.agreements;
  for (let q = 0; q < pa.commit_agreement.length; q++) {
    if (pa.commit_agreement[q] !== a || !pa.commit_suspension[q]) continue;
    const s = pa.commit_side[q];
    const j = pa.commit_target[q];
    if (t.until[s][j] > day) {
      t.until[s][j] = day;
      t.inputs++;
    }
  }
  if (a === p.truce && ag.truceEndWeek < 0) ag.truceEndWeek = w;
}

/** Commitments of `by` under agreement a: true when any is broken. */
function violated(r: RuleState, a: number, by: number): boolean {
  const { p, sl, t, c, ag } = r;
  const pa = p.agreements;
  for (let q = ag.commitStart[a]; q < ag.commitStart[a + 1]; q++) {
    if (pa.commit_side[q] !== by) continue;
    const x = pa.commit_target[q];
    switch (pa.commit_kind[q]) {
      case COMMIT_TARIFF:
        if (t.rate[by][x] > ag.commitBase[q] + EPS) return true;
        break;
      case COMMIT_LIFTED:
        if (c.inForce[x] === 1) return true;
        break;
      case COMMIT_LICENCES:
        if (c.inForce[x] === 1 && c.flow[x] < sl[SLOT_LICENCE] - EPS) return true;
        break;
      case COMMIT_LISTED:
        if (c.subsInForce[x] === 0) return true;
        break;
    }
  }
  return false;
}

function hasCommitments(p: Prepared, ag: AgreementState, a: number, by: number): boolean {
  const side = p.agreements.commit_side;
  for (let q = ag.commitStart[a]; q < ag.commitStart[a + 1]; q++) if (side[q] === by) return true;
  return false;
}

/** Agreement a takes hold in week w: its tariff commitments hold at today's applied rates. */
export function takeHold(p: Prepared, ag: AgreementState, t: TariffState, a: number, w: number): void {
  ag.heldSince[a] = w;
  const pa = p.agreements;
  for (let q = 0; q < pa.commit_agreement.length; q++) {
    if (pa.commit_agreement[q] !== a || pa.commit_kind[q] !== COMMIT_TARIFF) continue;
    const r = t.rate[pa.commit_side[q]][pa.commit_target[q]];
    ag.commitBase[q] = r < 0 ? 0 : r;
  }
}

/** At the start: commitments of agreements already in force hold at today's levels. */
export function holdAtStart(p: Prepared, ag: AgreementState, t: TariffState): void {
  updateRates(t, 0, p.start_day);
  updateRates(t, 1, p.start_day);
  for (let a = 0; a < ag.status.length; a++)
    if (LIVE(ag.status[a]) || ag.status[a] === AG.signed) takeHold(p, ag, t, a, -1_000_000);
}

/**
 * Step 1 of week w (history index o): a running clock that has ended is extended (both sides
 * talked last week, or by costs: see Chooser.renewalMargin) or lapses. `own0`/`own1`: the
 * sides' own postures so far. `scripted` (backtest): the script sets the statuses.
 */
export function runClocks(
  r: RuleState,
  chooser: Chooser,
  own0: Uint8Array,
  own1: Uint8Array,
  rng: RandomStream,
  w: number,
  o: number,
  day: number,
  scripted: boolean,
): void {
  const { p, sl, t, ag } = r;
  const pa = p.agreements;
  for (let a = 0; a < ag.status.length; a++) {
    if (ag.clockEnd[a] > day || !(LIVE(ag.status[a]) || ag.status[a] === AG.signed)) continue;
    let extend: boolean;
    if (p.renewal_by_costs) {
      // each side compares its cost of a lapse with its cost of extending, both misperceived
      const sd = sl[SLOT_RENEWAL_NOISE];
      const m0 = chooser.renewalMargin(
        0,
        a,
        sl[SLOT_EXTENSION_COST],
        sd * rng.normal(0, 1),
        sd * rng.normal(0, 1),
      );
      const m1 = chooser.renewalMargin(
        1,
        a,
        sl[SLOT_EXTENSION_COST],
        sd * rng.normal(0, 1),
        sd * rng.normal(0, 1),
      );
      extend = m0 > 0 && m1 > 0;
    } else extend = o === 0 || (own0[o - 1] === C && own1[o - 1] === C);
    if (p.extend_on_expiry && extend && !scripted) {
      const old = ag.clockEnd[a];
      const next = old + p.extension_days;
      ag.clockEnd[a] = next;
      for (let q = 0; q < pa.commit_agreement.length; q++) {
        if (pa.commit_agreement[q] !== a || !pa.commit_suspension[q]) continue;
        const s = pa.commit_side[q];
        const j = pa.commit_target[q];
        if (t.until[s][j] >= old && t.until[s][j] < next) {
          t.until[s][j] = next;
          t.inputs++;
        }
      }
      ag.status[a] = AG.extended;
    } else {
      ag.clockEnd[a] = Infinity;
      if (!scripted) ag.status[a] = AG.expired;
      if (a === p.truce && ag.truceEndWeek < 0) ag.truceEndWeek = w;
    }
  }
}

/**
 * Step 4: agreements signed before week w take hold (signedWeek -1: signed at the start, holds
 * in week 0); those signed in the run first enact their commitments.
 */
export function implementSigned(r: RuleState, w: number, day: number): void {
  const { p, t, ag } = r;
  for (let a = 0; a < ag.status.length; a++) {
    if (ag.status[a] === AG.signed && ag.signedWeek[a] < w) {
      ag.status[a] = AG.implemented;
      if (ag.enacted[a]) enact(r, a);
      updateRates(t, 0, day);
      updateRates(t, 1, day);
      takeHold(p, ag, t, a, w);
    }
  }
}

/**
 * Step 5: commitments checked with perception noise (rates current); a side that perceives a
 * violation sees D that week (perceivedD[s] = 1) and walks away after walk_away_after in a row.
 */
export function checkCommitments(
  r: RuleState,
  perceivedD: Uint8Array,
  rng: RandomStream,
  w: number,
  day: number,
): void {
  const { p, sl, t, ag } = r;
  for (let a = 0; a < ag.status.length; a++) {
    if (!LIVE(ag.status[a]) || w - ag.heldSince[a] < p.grace_weeks) continue;
    for (let s = 0; s < 2; s++) {
      const o = 1 - s;
      if (!hasCommitments(p, ag, a, o)) continue;
      const seen = violated(r, a, o) !== rng.bernoulli(sl[SLOT_NOISE]);
      if (seen) {
        perceivedD[s] = 1;
        ag.streak[a * 2 + s]++;
        if (ag.streak[a * 2 + s] >= p.walk_away_after && LIVE(ag.status[a])) collapse(p, ag, t, a, w, day);
      } else ag.streak[a * 2 + s] = 0;
    }
  }
}
