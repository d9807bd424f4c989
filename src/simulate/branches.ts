// Leverage from breakdown branches (issue 14 item 4). From the state at the end of a week, two
// branches run forward N weeks with no further moves:
//   holds:     today's rates and controls stay (suspensions of live agreements are extended,
//              licences keep today's flow);
//   breakdown: every live agreement ends at once: the tariff suspensions it holds end (the
//              statutory rates apply), the controls it lifted come back in force, and the
//              exporter's rare-earth licensing falls to the tightest level its menu allows
//              (the min_share of its tighten_licensing moves; today's flow when lower or when
//              it has none).
// Both branches carry the bottleneck model's stocks from that week, so a rare-earth cliff that
// would come after the buffers run down enters the breakdown payoff. Each side's loss from
// breakdown is L_s = sum over the N weeks of (pain_s breakdown - pain_s holds), objective-weighted
// (economic + political weights, USD-equivalent; backing-down costs are one-off and not part of a
// branch). Its disagreement payoff is d_s = -L_s. The bargaining share these outside options
// imply is the game engine's Nash bargaining solution (bargaining.ts `leverage`) over a pie of
// the total at stake, T = |L_0| + |L_1|: share_0 = 1/2 + (L_1 - L_0) / (2 T). The side that loses
// more from breakdown gets less. T = 0 (nothing at stake): share 1/2.
import { leverage } from '../game/index.ts';
import { MS_MIN } from './config.ts';
import type { SimulatorState } from './state.ts';
import { AG, COMMIT_LICENCES, COMMIT_LIFTED } from './prepared.ts';

export { DEFAULT_BRANCH_EVERY, DEFAULT_BRANCH_WEEKS } from './prepared.ts';
const KIND_TIGHTEN = 2;

export interface BranchOutcome {
  /** Weeks the branches ran (N, or fewer at the end of the model's horizon). */
  weeks: number;
  /** Each side's loss from breakdown relative to holds, cumulative over the branch, USD-equivalent. */
  loss_usd: [number, number];
  /** Side 0's Nash bargaining share of the total at stake (1/2 when nothing is at stake). */
  share_0: number;
  /** share_0 - 1/2: side 0's leverage. */
  shift_0: number;
  /** Rare-earth output lost by the importer in each branch (cumulative, USD; part of the losses above). */
  rare_earth_lost_usd: { holds: number; breakdown: number };
  /** The binding rare-earth flow share in each branch (1: none binds). */
  flow_share: { holds: number; breakdown: number };
}

export function emptyOutcome(): BranchOutcome {
  return {
    weeks: 0,
    loss_usd: [0, 0],
    share_0: 0.5,
    shift_0: 0,
    rare_earth_lost_usd: { holds: 0, breakdown: 0 },
    flow_share: { holds: 1, breakdown: 1 },
  };
}

/** One thread's branch evaluator over a Simulator's state (allocates its scratch once). */
export class Branches {
  private readonly sim: SimulatorState;
  private readonly rate: [Float64Array, Float64Array];
  private readonly byAuth: [Float64Array, Float64Array];
  private readonly inForce: Uint8Array;
  private readonly flow: Float64Array;
  private readonly trade = new Float64Array(6);
  private readonly econ = new Float64Array(2);
  private readonly pol = new Float64Array(2);
  private readonly pain = [new Float64Array(2), new Float64Array(2)];
  /** Per control: slot of the exporter's tightest tighten_licensing floor (-1: none). */
  private readonly floorSlot: Int32Array;

  constructor(sim: SimulatorState) {
    this.sim = sim;
    const p = sim.p;
    this.rate = [
      new Float64Array(p.directions[0].measure_ids.length),
      new Float64Array(p.directions[1].measure_ids.length),
    ];
    this.byAuth = [
      new Float64Array(p.directions[0].authorities.length),
      new Float64Array(p.directions[1].authorities.length),
    ];
    const nc = p.controls.ids.length;
    this.inForce = new Uint8Array(nc);
    this.flow = new Float64Array(nc);
    this.floorSlot = new Int32Array(nc * 2).fill(-1);
    for (let s = 0; s < 2; s++)
      p.moves.kind[s].forEach((k, i) => {
        const c = p.moves.target[s][i];
        if (k !== KIND_TIGHTEN || p.controls.owner[c] !== s) return;
        // several tighten moves on one control: each floor is read per evaluation (draws may differ)
        const at = this.floorSlot[2 * c] < 0 ? 2 * c : 2 * c + 1;
        this.floorSlot[at] = p.moves.slot[s][i] + MS_MIN;
      });
  }

  /** The tightest licensing the exporter's menu allows for control c (1 when it has no tighten move). */
  private floor(c: number): number {
    const sl = this.sim.slots;
    let f = 1;
    for (const at of [2 * c, 2 * c + 1]) {
      const s = this.floorSlot[at];
      if (s >= 0 && sl[s] < f) f = sl[s];
    }
    return f;
  }

  /** Weekly pains (economic + political weights) of the state in this.rate / inForce / flow, without the rare-earth importer loss. */
  private weekly(avg0: number, avg1: number, out: Float64Array): void {
    const sim = this.sim;
    sim.tradePayoffs(avg0, avg1, this.trade);
    this.econ.fill(0);
    this.pol.fill(0);
    sim.controlPayoffs(this.inForce, this.flow, 0, this.trade, this.econ, this.pol);
    for (let k = 0; k < 2; k++) {
      const b = sim.p.actor_slot[k];
      out[k] = sim.slots[b] * this.econ[k] + sim.slots[b + 1] * this.pol[k];
    }
  }

  /**
   * Rare-earth pains over n weeks for the binding flow left by the last controlPayoffs, added
   * to out (cumulative); returns the importer's output lost, USD.
   */
  private rareEarth(n: number, out: Float64Array): number {
    const sim = this.sim;
    const p = sim.p;
    const flow = sim.lastFlow;
    const owner = sim.lastReOwner;
    const cut = 1 - flow;
    const seam = sim.reSeam;
    let lost = 0;
    let im = -1;
    if (seam) {
      lost = seam.project(flow, owner === seam.exporter, sim.lastRule, n);
      im = seam.importer;
    } else if (owner >= 0 && cut > 0) {
      lost = n * cut * p.supply.importer_loss_usd_per_week;
      im = 1 - owner;
    }
    if (im >= 0) {
      const b = p.actor_slot[im];
      out[im] += (sim.slots[b] + sim.slots[b + 1]) * lost;
    }
    if (owner >= 0 && cut > 0)
      out[owner] += sim.slots[p.actor_slot[owner]] * n * cut * p.supply.exporter_loss_usd_per_week;
    return lost;
  }

  /** Branch from the current state (rates evaluated for `day`) over `weeks` weeks, into out. */
  evaluate(day: number, weeks: number, out: BranchOutcome): BranchOutcome {
    const sim = this.sim;
    const p = sim.p;
    const ag = p.agreements;
    sim.evaluate(0, day);
    sim.evaluate(1, day);
    const n = sim.reSeam ? Math.min(weeks, sim.reSeam.weeksLeft) : weeks;
    const [hold, brk] = this.pain;
    // holds: today's state
    this.inForce.set(sim.ctrlInForce);
    this.flow.set(sim.ctrlFlow);
    this.weekly(sim.avg[0], sim.avg[1], hold);
    hold[0] *= n;
    hold[1] *= n;
    out.flow_share.holds = sim.lastFlow;
    out.rare_earth_lost_usd.holds = this.rareEarth(n, hold);
    // breakdown: live agreements end; their suspensions, lifted controls and licence levels go
    this.rate[0].set(sim.rate[0]);
    this.rate[1].set(sim.rate[1]);
    for (let a = 0; a < ag.ids.length; a++) {
      const st = sim.agStatus[a];
      if (!(st === AG.implemented || st === AG.extended || st === AG.signed)) continue;
      for (let q = sim.commitStart[a]; q < sim.commitStart[a + 1]; q++) {
        const t = ag.commit_target[q];
        if (ag.commit_suspension[q]) {
          const k = ag.commit_side[q];
          if (sim.active[k][t]) this.rate[k][t] = sim.stat[k][t];
        } else if (ag.commit_kind[q] === COMMIT_LIFTED || ag.commit_kind[q] === COMMIT_LICENCES)
          this.inForce[t] = 1;
      }
    }
    for (let c = 0; c < this.flow.length; c++)
      if (p.controls.rare_earth[c] && this.inForce[c]) this.flow[c] = Math.min(this.flow[c], this.floor(c));
    const avg0 = sim.evaluators[0].evaluate(this.rate[0], sim.exAct[0], this.byAuth[0]);
    const avg1 = sim.evaluators[1].evaluate(this.rate[1], sim.exAct[1], this.byAuth[1]);
    this.weekly(avg0, avg1, brk);
    brk[0] *= n;
    brk[1] *= n;
    out.flow_share.breakdown = sim.lastFlow;
    out.rare_earth_lost_usd.breakdown = this.rareEarth(n, brk);
    return bargain(brk[0] - hold[0], brk[1] - hold[1], n, out);
  }
}

/** The Nash bargaining share implied by each side's loss from breakdown (see the file comment), into out. */
export function bargain(loss0: number, loss1: number, weeks: number, out: BranchOutcome): BranchOutcome {
  out.weeks = weeks;
  out.loss_usd[0] = loss0;
  out.loss_usd[1] = loss1;
  const T = Math.abs(loss0) + Math.abs(loss1);
  if (!(T > 0)) {
    out.share_0 = 0.5;
    out.shift_0 = 0;
    return out;
  }
  const l = leverage({ d1: -loss0 / T, d2: -loss1 / T });
  out.share_0 = l.shares[0];
  out.shift_0 = l.leverage[0];
  return out;
}
