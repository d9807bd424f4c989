// The seam between the weekly loop and the supply engine for the rare-earth card: each week the
// loop asks for the importer's output lost, given the binding flow share of the exporter's
// rare-earth control. With the bottleneck model (default when the IO table is loaded) the loss
// follows the importer's magnet stocks, carried week to week, and can outlast the control; without
// it (tests giving a bridge by hand) the loss is the linear cost-share coefficient x cut.
//
// History before the start is the same for every run (the observed 2025 flows), so the model is
// stepped through it once and each run restarts from that snapshot.
//
// Export-control moves act on the model's policy: tightening or loosening licences scales China's
// flow share to the importer, lifting or suspending the control (Busan) restores normal flow, and a
// control marked `bottleneck_rule: extraterritorial` (the 9 October 2025 0.1% rule) extends the
// licence to components made abroad with Chinese content and denies defence end uses while in force.
import { exportControlState } from '../ledger/index.ts';
import type { Scenario } from '../model/index.ts';
import {
  BottleneckRun,
  DEFAULT_BUFFER_COHORTS,
  prepareBottleneck,
  type PrepareOptions as BottleneckOptions,
  type BottleneckData,
  type IoFacts,
  type RunMark,
  type RunSnapshot,
  type WeekPolicy,
} from '../supply/index.ts';
import type { Prepared, RareEarthBottleneck } from './prepared.ts';
import { CARD_PREFIX } from './config.ts';
import { PolicyPaths } from './policy-paths.ts';

/** Bit of controls.bottleneck_rule: the extraterritorial rule (RareEarthSeam.week). */
export const RULE_EXTRATERRITORIAL = 1;

/** The model's history starts here at the latest (four weeks before China's 4 April 2025 licensing). */
export const BOTTLENECK_HISTORY_FROM = '2025-03-03';
const DAY = 86_400_000;
/** Weeks a leverage branch may run past the simulation's horizon (the model is prepared that far). */
export const MAX_BRANCH_WEEKS = 52;

/** What the simulation may vary in the bottleneck model (sensitivity, tests); defaults are the data's central values. */
export interface BottleneckVariant {
  /** Multiply every user's median buffer (weeks of need). */
  bufferFactor?: number;
  /** Override every transit lag, weeks. */
  lagWeeks?: number;
  /** Ends of the data's ranges. */
  buffers?: BottleneckOptions['buffers'];
  content?: BottleneckOptions['content'];
  ramp?: BottleneckOptions['ramp'];
  /**
   * Priority-licence share by end use [civil, defence]: the share of the withheld flow let through
   * anyway while the control binds. Default [0, 0]: the observed flows already include what licences let through.
   */
  priority?: [number, number];
  cohorts?: number;
}

/**
 * Compile the bottleneck model for the importer's users (and the component makers they buy from)
 * over history + horizon, and the ledger's flow path the moves are measured against.
 */
export function prepareRareEarthBottleneck(
  scn: Scenario,
  p: Prepared,
  inputs: { data: BottleneckData; io: IoFacts },
  regions: { importer: string; exporter: string },
  variant: BottleneckVariant = {},
): RareEarthBottleneck {
  const cohorts = variant.cohorts ?? DEFAULT_BUFFER_COHORTS;
  const startMs = p.start_day * DAY;
  const histMs = Date.parse(`${BOTTLENECK_HISTORY_FROM}T00:00:00Z`);
  const history = Math.max(0, Math.ceil((startMs - histMs) / (7 * DAY)));
  const first = new Date(startMs - history * 7 * DAY).toISOString().slice(0, 10);
  const model = prepareBottleneck(inputs.data, inputs.io, {
    start: first,
    weeks: history + p.horizon_weeks + MAX_BRANCH_WEEKS,
    cohorts,
    countries: [regions.importer],
    upstream: false,
    ...(variant.bufferFactor !== undefined ? { bufferFactor: variant.bufferFactor } : {}),
    ...(variant.lagWeeks !== undefined ? { lagWeeks: variant.lagWeeks } : {}),
    ...(variant.buffers !== undefined ? { buffers: variant.buffers } : {}),
    ...(variant.content !== undefined ? { content: variant.content } : {}),
    ...(variant.ramp !== undefined ? { ramp: variant.ramp } : {}),
  });
  const priority: [number, number] = variant.priority ?? [0, 0];
  // the bridge's convention (engines.ts): actors[1] controls exports to actors[0]
  const exporter = 1;
  const importer = 0;
  // the ledger's controls (a card's control, cards.ts, is never in force in the ledger)
  const ids = p.controls.ids.filter(
    (id, c) => p.controls.rare_earth[c] && p.controls.owner[c] === exporter && !id.startsWith(CARD_PREFIX),
  );
  const ledger = new Float64Array(model.weeks).fill(1);
  const inForce = new Uint8Array(model.weeks);
  model.dates.forEach((d, t) => {
    for (const id of ids) {
      const st = exportControlState(scn, id, d);
      if (st.in_force) inForce[t] = 1;
      if (st.in_force && st.flow_share !== undefined && st.flow_share < ledger[t]) ledger[t] = st.flow_share;
    }
  });
  return {
    model,
    history_weeks: history,
    ledger_flow: ledger,
    ledger_in_force: inForce,
    dest: model.destinations.indexOf(regions.importer),
    importer,
    exporter,
    branch_weeks: MAX_BRANCH_WEEKS,
    priority,
    basis: `bottleneck model (stock-flow critical input, ${model.J} users: ${regions.importer}'s and the component makers they buy from, ${cohorts} buffer cohorts each; data/supply): output lost = gross output of ${regions.importer}'s own users, USD a week (the same figure as \`leverage exposure --model bottleneck --start ${first} --cohorts ${cohorts}\` for ${regions.importer} on the observed path); a move scales China's observed cut to ${regions.importer} by (simulated cut / ledger cut); history from ${first} on the observed path${priority[0] || priority[1] ? `; priority licences civil ${priority[0]}, defence ${priority[1]}` : ''}`,
  };
}

/** What the simulation's rare-earth loss rests on: the bottleneck model when loaded, else the linear bridge. */
export function rareEarthBasis(p: Prepared): string {
  const b = p.supply.bottleneck;
  return b
    ? `${b.basis}; China's own loss: ${p.supply.basis}`
    : `${p.supply.basis}; output lost = cut x that full-cut loss`;
}

/** Look-aheads a seam remembers per week (more distinct ones start the list again). */
const TRIED_MAX = 8;

/**
 * One thread's bottleneck state: the history once, then one path per run.
 *
 * Pricing the candidate moves asks for the same week many times (`peek`, about five times a
 * week) with almost always the same policy, and the real `week` then follows with that policy
 * too. A week's loss depends only on the state at the start of the week and on (flow, binding,
 * rule), so the seam remembers this week's tries: a repeated try returns its loss, and the run is
 * left one step ahead after a try, so that a real week with the same policy keeps that step
 * instead of computing it again. The tries are forgotten when the week is taken or the run reset.
 */
export class RareEarthSeam {
  private readonly run: BottleneckRun;
  private readonly atStart: RunSnapshot;
  /** Output lost in each history week (the same in every run), USD. */
  readonly historyLoss: Float64Array;
  private readonly phi: Float64Array;
  private readonly policy: WeekPolicy;
  private readonly deny: [boolean, boolean] = [false, false];
  private readonly historyByDate = new Map<string, number>();
  /** Scratch mark for project (allocated once). */
  private readonly scratch: RunMark;
  /** The state at the start of the current week, once a try has been made this week. */
  private readonly weekStart: RunMark;
  private marked = false;
  /** This week's tries: policy (flow, binding, rule) and loss; triedN of them. */
  private readonly triedFlow = new Float64Array(TRIED_MAX);
  private readonly triedBinding = new Uint8Array(TRIED_MAX);
  private readonly triedRule = new Int32Array(TRIED_MAX);
  private readonly triedLoss = new Float64Array(TRIED_MAX);
  private triedN = 0;
  /** The try the run is one step ahead by (-1: the run is at the start of the week). */
  private ahead = -1;
  /**
   * Losses by policy path, shared by this thread's runs (policy-paths.ts); null once it stops
   * paying (most weeks a new path: it is then switched off for the thread).
   */
  private paths: PolicyPaths | null;
  /** This run's node in paths (the start of the current week); -1: off the tree for the rest of the run. */
  private cur = 0;
  /** The node the model's state is at (start of its week; -1: not on the tree), and the edge it is one step ahead by (-1: none; weekStart then holds runAt's state). */
  private runAt = 0;
  private aheadEdge = -1;
  /** Weeks served and model steps taken through the tree (to switch it off when it does not pay). */
  private served = 0;
  private stepped = 0;
  /** Edges from a node up to the model's node (scratch for materialize). */
  private readonly pathTmp: Int32Array;
  /**
   * The importer's own users. The model also keeps the foreign component makers they buy from
   * (Mexican vehicle parts for the US); their shortfall reaches the importer through its users'
   * output, so their own output is not the importer's loss (counting it too made the US week-0
   * loss on 2025-06-11 USD 345 m instead of its users' 218 m).
   */
  private readonly importerUsers: Int32Array;

  /** `opts.pathEdges`: cap of the policy-path tree (0: no tree, every week stepped; tests). */
  constructor(
    readonly b: RareEarthBottleneck,
    opts: { pathEdges?: number } = {},
  ) {
    this.paths = opts.pathEdges === 0 ? null : new PolicyPaths(opts.pathEdges);
    this.cur = this.paths ? 0 : -1;
    this.run = new BottleneckRun(b.model, { diagnostics: false }); // the loop reads only the loss
    const region = b.model.destinations[b.dest];
    this.importerUsers = Int32Array.from(b.model.users.flatMap((u, j) => (u.country === region ? [j] : [])));
    this.historyLoss = new Float64Array(b.history_weeks);
    for (let t = 0; t < b.history_weeks; t++) {
      this.run.step();
      this.historyLoss[t] = this.importerLoss(t);
    }
    this.atStart = this.run.snapshot();
    this.phi = new Float64Array(b.model.destinations.length).fill(NaN);
    this.policy = { phi: this.phi, deny: this.deny, priority: [0, 0], extraterritorial: false };
    this.scratch = this.run.mark();
    this.weekStart = this.run.mark();
    for (let t = 0; t < b.history_weeks; t++) this.historyByDate.set(b.model.dates[t], this.historyLoss[t]);
    this.pathTmp = new Int32Array(b.model.weeks + 1);
  }

  get importer(): 0 | 1 {
    return this.b.importer;
  }
  get exporter(): 0 | 1 {
    return this.b.exporter;
  }

  reset(): void {
    this.forgetTries();
    // the tree: a run starts at the root; the model's state stays where it is until a miss needs it
    if (this.paths && this.served > 20_000 && this.stepped > this.served / 2) this.paths = null;
    if (this.paths) {
      this.cur = 0;
      return;
    }
    this.cur = -1;
    this.run.restore(this.atStart);
  }

  /** Loss of a ledger week before the start (the warm-up), by the week's start date; 0 before the history. */
  lossOn(date: string): number {
    return this.historyByDate.get(date) ?? 0;
  }

  /** Model weeks left after the current one (a branch can run at most this far). */
  get weeksLeft(): number {
    if (this.cur >= 0) return this.b.model.weeks - (this.b.history_weeks + this.paths!.nodeDepth[this.cur]);
    return this.b.model.weeks - (this.run.week - (this.ahead >= 0 ? 1 : 0));
  }

  /**
   * One simulated week. `flow`: the binding flow share of the exporter's rare-earth control
   * (`binding` false when none is in force: normal flow); `rule`: RULE_* bits of the exporter's
   * controls in force. Returns the importer's output lost, USD.
   */
  week(flow: number, binding: boolean, rule = 0): number {
    return this.cur < 0 ? this.directWeek(flow, binding, rule) : this.treeWeek(flow, binding, rule);
  }

  /** What `week` would return, leaving the stocks as they were (for evaluating a move not taken). */
  peek(flow: number, binding: boolean, rule = 0): number {
    return this.cur < 0 ? this.directPeek(flow, binding, rule) : this.treePeek(flow, binding, rule);
  }

  private directWeek(flow: number, binding: boolean, rule: number): number {
    const i = this.findTry(flow, binding, rule);
    let loss: number;
    if (i >= 0 && i === this.ahead)
      loss = this.triedLoss[i]; // the run has taken this step already
    else {
      this.toWeekStart();
      loss = this.advance(flow, binding, rule);
    }
    this.forgetTries();
    return loss;
  }

  private directPeek(flow: number, binding: boolean, rule: number): number {
    const i = this.findTry(flow, binding, rule);
    if (i >= 0) return this.triedLoss[i];
    if (!this.marked) {
      this.run.mark(this.weekStart);
      this.marked = true;
    } else this.toWeekStart();
    const loss = this.advance(flow, binding, rule);
    if (this.triedN === TRIED_MAX) this.triedN = 0;
    const k = this.triedN++;
    this.triedFlow[k] = flow;
    this.triedBinding[k] = binding ? 1 : 0;
    this.triedRule[k] = rule;
    this.triedLoss[k] = loss;
    this.ahead = k;
    return loss;
  }

  /**
   * Output lost over the next `weeks` weeks with the policy held (flow, binding, rule), from the
   * current stocks, leaving them as they were: a leverage branch. Per-week losses into `perWeek`
   * when given. Returns the sum, USD.
   */
  project(flow: number, binding: boolean, rule: number, weeks: number, perWeek?: Float64Array): number {
    if (this.cur >= 0) this.materialize(this.cur);
    this.toWeekStart();
    const saved = this.run.mark(this.scratch);
    const n = Math.min(weeks, this.weeksLeft);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const l = this.advance(flow, binding, rule);
      if (perWeek) perWeek[i] = l;
      sum += l;
    }
    this.run.rewind(saved);
    return sum;
  }

  /** week() on the tree: a known path's loss, or the model stepped once and the loss kept. */
  private treeWeek(flow: number, binding: boolean, rule: number): number {
    const t = this.paths!;
    this.served++;
    const e = t.find(this.cur, flow, binding, rule);
    if (e >= 0) {
      const to = t.edgeTo[e] >= 0 ? t.edgeTo[e] : t.addNode(e);
      if (to >= 0) {
        if (this.aheadEdge === e) {
          this.runAt = to; // the try of this policy left the model at the next week's start
          this.aheadEdge = -1;
        }
        this.cur = to;
        return t.edgeLoss[e];
      }
      // the tree is full: the model takes the week for real, off the tree for the rest of the run
      if (this.aheadEdge !== e) {
        this.materialize(this.cur);
        this.advance(flow, binding, rule);
      }
      this.leaveTree();
      return t.edgeLoss[e];
    }
    this.materialize(this.cur);
    const loss = this.advance(flow, binding, rule);
    this.stepped++;
    const ne = t.addEdge(this.cur, flow, binding, rule, loss);
    const to = ne >= 0 ? t.addNode(ne) : -1;
    if (to < 0) this.leaveTree();
    else {
      this.cur = to;
      this.runAt = to;
    }
    return loss;
  }

  /** peek() on the tree: a known try's loss, or the model stepped once from the week's start and left one step ahead. */
  private treePeek(flow: number, binding: boolean, rule: number): number {
    const t = this.paths!;
    const e = t.find(this.cur, flow, binding, rule);
    if (e >= 0) return t.edgeLoss[e];
    this.materialize(this.cur);
    this.run.mark(this.weekStart);
    const loss = this.advance(flow, binding, rule);
    this.stepped++;
    const ne = t.addEdge(this.cur, flow, binding, rule, loss);
    if (ne >= 0) {
      this.aheadEdge = ne;
      return loss;
    }
    // the tree is full: continue as the direct seam, with this try remembered and taken
    this.leaveTree();
    this.marked = true;
    this.triedFlow[0] = flow;
    this.triedBinding[0] = binding ? 1 : 0;
    this.triedRule[0] = rule;
    this.triedLoss[0] = loss;
    this.triedN = 1;
    this.ahead = 0;
    return loss;
  }

  /** The rest of this run without the tree (the model's state is the run's own from here). */
  private leaveTree(): void {
    this.cur = -1;
    this.runAt = -1;
    this.aheadEdge = -1;
  }

  /**
   * Bring the model's state to the start of `node`'s week: undo a try, then step along the
   * path from the node the state is at when that is an ancestor, else from the start.
   */
  private materialize(node: number): void {
    const t = this.paths!;
    if (this.aheadEdge >= 0) {
      const to = t.edgeTo[this.aheadEdge];
      if (node !== this.runAt && to >= 0) this.runAt = to;
      else this.run.rewind(this.weekStart);
      this.aheadEdge = -1;
    }
    if (this.runAt === node) return;
    // edges from node up to runAt's depth
    const stop = this.runAt >= 0 ? t.nodeDepth[this.runAt] : 0;
    let n = node;
    let k = 0;
    while (t.nodeDepth[n] > stop) {
      const e = t.nodeIn[n];
      this.pathTmp[k++] = e;
      n = t.edgeFrom[e];
    }
    if (n !== this.runAt) {
      // not an ancestor: from the start
      while (n !== 0) {
        const e = t.nodeIn[n];
        this.pathTmp[k++] = e;
        n = t.edgeFrom[e];
      }
      this.run.restore(this.atStart);
    }
    for (let i = k - 1; i >= 0; i--) {
      const e = this.pathTmp[i];
      this.advance(t.edgeFlow[e], t.edgeBinding[e] === 1, t.edgeRule[e]);
      this.stepped++;
    }
    this.runAt = node;
  }

  /** This week's try under the policy (flow only matters when binding); -1 if none. */
  private findTry(flow: number, binding: boolean, rule: number): number {
    const bit = binding ? 1 : 0;
    for (let i = 0; i < this.triedN; i++)
      if (
        this.triedRule[i] === rule &&
        this.triedBinding[i] === bit &&
        (!binding || Object.is(this.triedFlow[i], flow))
      )
        return i;
    return -1;
  }

  /** Undo a try the run is ahead by (the rows it wrote for this week are rewritten by the next step). */
  private toWeekStart(): void {
    if (this.ahead < 0) return;
    this.run.rewind(this.weekStart);
    this.ahead = -1;
  }

  private forgetTries(): void {
    this.marked = false;
    this.triedN = 0;
    this.ahead = -1;
  }

  /** Step the model one week under the policy (flow, binding, rule); returns the loss, USD. */
  private advance(flow: number, binding: boolean, rule: number): number {
    const b = this.b;
    const m = b.model;
    const t = this.run.week;
    const pol = this.policy;
    const extra = (rule & RULE_EXTRATERRITORIAL) !== 0;
    // the 9 Oct 2025 rule: licences for foreign-made items with Chinese content; military end users denied in principle
    pol.extraterritorial = extra;
    this.deny[1] = extra;
    const pr = pol.priority!;
    pr[0] = binding ? b.priority[0] : 0;
    pr[1] = binding ? b.priority[1] : 0;
    const base = b.ledger_flow[t];
    const observed = m.phi[b.dest * (m.maxLag + m.weeks) + m.maxLag + t];
    // a move scales the observed cut to the importer by the simulated cut over the ledger's cut:
    // on the ledger path the observed destination flow, lifted 1, a full stop 0
    this.phi[b.dest] = !binding
      ? 1
      : base < 1
        ? Math.max(0, 1 - ((1 - observed) * (1 - flow)) / (1 - base))
        : observed * flow;
    this.run.step(this.policy);
    return this.importerLoss(t);
  }

  /** The importer's users' gross output lost in model week t (USD): sum of output x (1 - share). */
  private importerLoss(t: number): number {
    const m = this.b.model;
    const x = this.run.x;
    let lost = 0;
    for (const j of this.importerUsers) lost += m.outputUsd[j] * (1 - x[t * m.J + j]);
    return lost;
  }
}
