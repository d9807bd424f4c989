// The seam between the weekly loop and the supply engine for the rare-earth card: each week the
// loop asks for the importer's output lost, given the binding flow share of the exporter's
// rare-earth control. With the bottleneck model (default when the IO table is loaded) the loss
// follows the importer's magnet stocks, carried week to week, and can outlast the control; without
// it (tests giving a bridge by hand) the loss is the linear cost-share coefficient x cut.
//
// History before the start is the same for every run (the observed 2025 flows), so the model is
// stepped through it once and each run restarts from that snapshot.
import { exportControlState } from '../ledger/index.ts';
import type { Scenario } from '../model/index.ts';
import {
  BottleneckRun,
  prepareBottleneck,
  type BottleneckData,
  type BottleneckModel,
  type IoFacts,
  type RunSnapshot,
  type WeekPolicy,
} from '../supply/index.ts';
import type { Prepared } from './setup.ts';

/** The model's history starts here at the latest (four weeks before China's 4 April 2025 licensing). */
export const BOTTLENECK_HISTORY_FROM = '2025-03-03';
const DAY = 86_400_000;

export interface RareEarthBottleneck {
  model: BottleneckModel;
  /** Model weeks before the simulation's start (history, the observed path). */
  history_weeks: number;
  /** The ledger's binding flow share of the exporter's rare-earth controls each model week (1: none binds). */
  ledger_flow: Float64Array;
  /** 1 when one of those controls is in force that week (the ledger). */
  ledger_in_force: Uint8Array;
  /** The importer's destination index in model.destinations; its side and the exporter's. */
  dest: number;
  importer: 0;
  exporter: 1;
  basis: string;
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
  cohorts = 16,
): RareEarthBottleneck {
  const startMs = p.start_day * DAY;
  const histMs = Date.parse(`${BOTTLENECK_HISTORY_FROM}T00:00:00Z`);
  const history = Math.max(0, Math.ceil((startMs - histMs) / (7 * DAY)));
  const first = new Date(startMs - history * 7 * DAY).toISOString().slice(0, 10);
  const model = prepareBottleneck(inputs.data, inputs.io, {
    start: first,
    weeks: history + p.horizon_weeks,
    cohorts,
    countries: [regions.importer],
    upstream: false,
  });
  // the bridge's convention (engines.ts): actors[1] controls exports to actors[0]
  const exporter = 1;
  const importer = 0;
  const ids = p.controls.ids.filter((_, c) => p.controls.rare_earth[c] && p.controls.owner[c] === exporter);
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
    basis: `bottleneck model (stock-flow critical input, ${model.J} users of ${regions.importer} and their component makers, ${cohorts} buffer cohorts each; data/supply): a move scales China's observed cut to ${regions.importer} by (simulated cut / ledger cut); history from ${first} on the observed path`,
  };
}

/** One thread's bottleneck state: the history once, then one path per run. */
export class RareEarthSeam {
  private readonly run: BottleneckRun;
  private readonly atStart: RunSnapshot;
  /** Reused by peek (a fresh snapshot per peek was most of a forecast's time). */
  private readonly scratch: RunSnapshot;
  /** Output lost in each history week (the same in every run), USD. */
  readonly historyLoss: Float64Array;
  private readonly phi: Float64Array;
  private readonly policy: WeekPolicy;
  private readonly historyByDate = new Map<string, number>();

  constructor(readonly b: RareEarthBottleneck) {
    this.run = new BottleneckRun(b.model);
    this.historyLoss = new Float64Array(b.history_weeks);
    for (let t = 0; t < b.history_weeks; t++) this.historyLoss[t] = this.run.step();
    this.atStart = this.run.snapshot();
    this.scratch = this.run.snapshot();
    this.phi = new Float64Array(b.model.destinations.length).fill(NaN);
    this.policy = { phi: this.phi };
    for (let t = 0; t < b.history_weeks; t++) this.historyByDate.set(b.model.dates[t], this.historyLoss[t]);
  }

  get importer(): 0 | 1 {
    return this.b.importer;
  }
  get exporter(): 0 | 1 {
    return this.b.exporter;
  }

  reset(): void {
    this.run.restore(this.atStart);
  }

  /** Loss of a ledger week before the start (the warm-up), by the week's start date; 0 before the history. */
  lossOn(date: string): number {
    return this.historyByDate.get(date) ?? 0;
  }

  /**
   * One simulated week. `flow`: the binding flow share of the exporter's rare-earth control
   * (`binding` false when none is in force: normal flow). Returns the importer's output lost, USD.
   */
  week(flow: number, binding: boolean): number {
    const b = this.b;
    const m = b.model;
    const t = this.run.week;
    const base = b.ledger_flow[t];
    const observed = m.phi[b.dest * (m.maxLag + m.weeks) + m.maxLag + t];
    // a move scales the observed cut to the importer by the simulated cut over the ledger's cut:
    // on the ledger path the observed destination flow, lifted 1, a full stop 0
    this.phi[b.dest] = !binding
      ? 1
      : base < 1
        ? Math.max(0, 1 - ((1 - observed) * (1 - flow)) / (1 - base))
        : observed * flow;
    return this.run.step(this.policy);
  }

  /** What `week` would return, leaving the stocks as they were (for evaluating a move not taken). */
  peek(flow: number, binding: boolean): number {
    const saved = this.run.snapshotInto(this.scratch);
    const loss = this.week(flow, binding);
    this.run.restore(saved);
    return loss;
  }
}
