// Summary statistics of a negotiation path (the ledger's, replayed; or a simulated one), read
// from the simulator's weekly record so that both go through the same code: what calibration
// compares with the history known at a vintage.
import { AG, type Simulator } from '../simulate/index.ts';

export interface StatisticInfo {
  name: string;
  unit: string;
  what: string;
}

/** A move of the trade-weighted average by more than this counts as a step (points). */
export const STEP_PCT = 1;

/** The statistics, in order; `side` names come from the scenario's two actors. */
export function statisticNames(actors: readonly [string, string], truce: boolean): StatisticInfo[] {
  const [a, b] = actors;
  const dir = [`${a}_on_${b}`, `${b}_on_${a}`];
  const out: StatisticInfo[] = [];
  dir.forEach((d) => {
    out.push({
      name: `peak_average_${d}_pct`,
      unit: 'percent',
      what: `highest weekly trade-weighted average, ${d}`,
    });
    out.push({
      name: `mean_average_${d}_pct`,
      unit: 'percent',
      what: `mean weekly average over the window, ${d}`,
    });
    out.push({
      name: `end_average_${d}_pct`,
      unit: 'percent',
      what: `average in the last week (the vintage date), ${d}`,
    });
    out.push({
      name: `first_cut_week_${d}`,
      unit: 'weeks',
      what: `week of the first cut of the average by more than ${STEP_PCT} point (${d}); the window length if none`,
    });
    out.push({
      name: `escalation_weeks_${d}`,
      unit: 'weeks',
      what: `weeks in which the average rose by more than ${STEP_PCT} point (${d})`,
    });
  });
  out.push({
    name: 'mean_licence_flow_share',
    unit: 'share',
    what: 'mean weekly rare-earth licence flow share',
  });
  out.push({
    name: 'min_licence_flow_share',
    unit: 'share',
    what: 'lowest weekly rare-earth licence flow share',
  });
  if (truce)
    out.push({
      name: 'truce_in_force_at_end',
      unit: '0/1',
      what: 'the tracked truce in force (or extended) in the last week',
    });
  return out;
}

/** The statistics of the simulator's last path (rec), in statisticNames order. */
export function pathStatistics(sim: Simulator): Float64Array {
  const W = sim.W;
  const rec = sim.rec;
  const out: number[] = [];
  for (const k of [0, 1]) {
    let peak = -Infinity;
    let sum = 0;
    let firstCut = W;
    let esc = 0;
    for (let w = 0; w < W; w++) {
      const v = rec[k * W + w];
      peak = Math.max(peak, v);
      sum += v;
      if (w > 0) {
        const dv = v - rec[k * W + w - 1];
        if (dv < -STEP_PCT && firstCut === W) firstCut = w;
        if (dv > STEP_PCT) esc++;
      }
    }
    out.push(peak, sum / W, rec[k * W + W - 1], firstCut, esc);
  }
  let fs = 0;
  let fmin = Infinity;
  for (let w = 0; w < W; w++) {
    const f = rec[2 * W + w];
    fs += f;
    fmin = Math.min(fmin, f);
  }
  out.push(fs / W, fmin);
  const t = sim.p.truce;
  if (t >= 0) out.push(sim.agStatus[t] === AG.implemented || sim.agStatus[t] === AG.extended ? 1 : 0);
  return Float64Array.from(out);
}
