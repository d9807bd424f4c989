// Leverage over time from breakdown branches (branches.ts), week by week along one path:
//   ledger: the real history replayed from the ledger (the backtest's scripted state), the
//           bottleneck model stepped on the observed flows; no strategies, no draws;
//   run:    one Monte Carlo run (seed, run index) with the strategies playing.
// At the end of each week both branches run `branch_weeks` forward from that week's state
// (rates, controls, agreements and the bottleneck's stocks).
import type { Scenario } from '../model/index.ts';
import { fromEpochDay, toEpochDay } from '../model/index.ts';
import { inputError } from '../errors/index.ts';
import { scriptFromLedger } from './backtest.ts';
import { prepareScenario, type PrepareOptions } from './engines.ts';
import { Simulator } from './loop.ts';
import { checkBranches } from './runner.ts';
import { DEFAULT_BRANCH_WEEKS, type Prepared } from './prepared.ts';
import { rareEarthBasis } from './rare-earth.ts';

export interface LeverageWeek {
  /** The week's start date. */
  date: string;
  /** Each side's loss from breakdown relative to holds, cumulative over the branch weeks, USD-equivalent (objective-weighted). */
  breakdown_loss_usd: Record<string, number>;
  /** Disagreement payoff = -breakdown loss, same unit. */
  disagreement_payoff_usd: Record<string, number>;
  /** Nash bargaining share of the total at stake implied by those payoffs (sums to 1). */
  bargaining_share: Record<string, number>;
  /** Share - 1/2 for the first actor (positive: it holds the leverage). */
  leverage_shift: number;
  /** Importer's rare-earth output lost over the branch weeks in each branch, USD (cumulative, part of the losses). */
  rare_earth_lost_usd: { holds: number; breakdown: number };
  flow_share: { holds: number; breakdown: number };
  /** Rare-earth output lost by the importer in this week itself on the path, USD. */
  output_lost_usd: number;
  /** Trade-weighted average additional duty each way on the path, percent. */
  average_pct: Record<string, number>;
}

export interface LeveragePath {
  scenario: string;
  path: 'ledger' | 'run';
  branch_weeks: number;
  from: string;
  to: string;
  unit: string;
  weeks: LeverageWeek[];
  basis: string[];
}

export interface LeveragePathOptions {
  path?: 'ledger' | 'run';
  /** Branch length, weeks (default DEFAULT_BRANCH_WEEKS). */
  branchWeeks?: number;
  /** First and last week (start dates; default the scenario's start and horizon). */
  from?: string;
  to?: string;
  /** For path run: the run's stream. */
  seed?: number;
  run?: number;
  prepare?: PrepareOptions;
}

function weeksBetween(from: string, to: string): number {
  return Math.floor((toEpochDay(to) - toEpochDay(from)) / 7) + 1;
}

/** Leverage by week along the ledger's history or one run (see the file comment). */
export async function leverageOverTime(scn: Scenario, o: LeveragePathOptions = {}): Promise<LeveragePath> {
  const N = o.branchWeeks ?? DEFAULT_BRANCH_WEEKS;
  checkBranches(N, 1);
  const path = o.path ?? 'ledger';
  const base = await prepareScenario(scn, {
    ...o.prepare,
    ...(o.from !== undefined ? { start: o.from } : {}),
    ...(o.from !== undefined && o.to !== undefined ? { weeks: weeksBetween(o.from, o.to) } : {}),
  });
  if (base.horizon_weeks < 1) throw inputError(`leverage over time: --to ${o.to} is before --from ${o.from}`);
  return leverageOnPrepared(scn, { ...base, branches: { weeks: N, every: 1 } }, path, o);
}

/** The same on a prepared scenario (p.branches.weeks > 0). */
export function leverageOnPrepared(
  scn: Scenario,
  p: Prepared,
  path: 'ledger' | 'run',
  o: { seed?: number; run?: number } = {},
): LeveragePath {
  const sim = new Simulator(p);
  const [a0, a1] = p.actors;
  const rows: LeverageWeek[] = [];
  const row = (w: number, lost: number): LeverageWeek => {
    const b = sim.branch;
    return {
      date: p.week_dates[w],
      breakdown_loss_usd: { [a0]: b.loss_usd[0], [a1]: b.loss_usd[1] },
      disagreement_payoff_usd: { [a0]: -b.loss_usd[0], [a1]: -b.loss_usd[1] },
      bargaining_share: { [a0]: b.share_0, [a1]: 1 - b.share_0 },
      leverage_shift: b.shift_0,
      rare_earth_lost_usd: { ...b.rare_earth_lost_usd },
      flow_share: { ...b.flow_share },
      output_lost_usd: lost,
      average_pct: { [`${a0}_on_${a1}`]: sim.avg[0], [`${a1}_on_${a0}`]: sim.avg[1] },
    };
  };
  if (path === 'run') {
    sim.onWeekEnd = (w) => rows.push(row(w, sim.rec[3 * sim.W + w]));
    sim.run(o.seed ?? 1, o.run ?? 0);
  } else {
    sim.reset();
    const script = scriptFromLedger(scn, p);
    let next = 0;
    while (next < script.length && script[next].date <= p.start) next++;
    const trade = new Float64Array(6);
    const econ = new Float64Array(2);
    const pol = new Float64Array(2);
    for (let w = 0; w < p.horizon_weeks; w++) {
      const date = p.week_dates[w];
      const day = p.start_day + 7 * w;
      while (next < script.length && script[next].date <= date) script[next++].apply(sim);
      sim.evaluateWeek(day);
      // the week on the path: steps the bottleneck's stocks on the ledger's flows
      sim.tradePayoffs(sim.avg[0], sim.avg[1], trade);
      econ.fill(0);
      pol.fill(0);
      const lost = sim.addPayoffs(sim.ctrlInForce, sim.ctrlFlow, 0, trade, econ, pol);
      sim.branches.evaluate(day, p.branches.weeks, sim.branch);
      rows.push(row(w, lost));
    }
  }
  const last = p.week_dates[p.horizon_weeks - 1] ?? fromEpochDay(p.start_day);
  return {
    scenario: scn.id,
    path,
    branch_weeks: p.branches.weeks,
    from: p.start,
    to: last,
    unit: `USD-equivalent, cumulative over the ${p.branches.weeks} weeks after each week (economic + political objective weights); shares are of the total at stake`,
    weeks: rows,
    basis: [
      path === 'ledger'
        ? 'path: the ledger history replayed week by week (rates, controls, agreements as recorded; the bottleneck on the observed flows)'
        : `path: run ${o.run ?? 0} of seed ${o.seed ?? 1} (strategies playing)`,
      "branches from each week's end state: holds = today's rates and controls kept (live agreements extended); breakdown = live agreements end (their tariff suspensions end, controls they lifted return), the exporter's rare-earth licensing at the tightest min_share of its tighten moves",
      'disagreement payoff d_i = -(pain_i breakdown - pain_i holds) summed over the branch weeks; bargaining share: Nash bargaining (game engine `leverage`) over the total at stake |L_US| + |L_CN|',
      `rare earths: ${rareEarthBasis(p)}`,
    ],
  };
}
