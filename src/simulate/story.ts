// One run told as a story: the moves each side made, week by week, and how it ended.
import { Simulator, NM } from './loop.ts';
import { metricNames, round } from './reduce.ts';
import type { Prepared } from './prepared.ts';
import { rulingsOf, type Ruling } from './litigation.ts';

export interface Story {
  seed: number;
  run: number;
  parameters: Record<string, number>;
  moves: { week: number; date: string; actor: string; move: string }[];
  weeks: Record<string, number | string>[];
  framework_week: number | null;
  truce_end_week: number | null;
  escalation_week: number | null;
  first_concession: string;
  /** Court rulings of pending challenges within the horizon (parameters.simulation.litigation). */
  rulings: Ruling[];
}

export function storyOf(p: Prepared, seed: number, run: number): Story {
  const sim = new Simulator(p);
  sim.run(seed, run);
  const names = metricNames(p);
  const W = p.horizon_weeks;
  const moves: Story['moves'] = [];
  for (let i = 0; i < sim.moveLogLength; i += 3) {
    const w = sim.moveLog[i];
    const s = sim.moveLog[i + 1];
    moves.push({
      week: w,
      date: p.week_dates[w],
      actor: p.actors[s],
      move: p.moves.ids[s][sim.moveLog[i + 2]],
    });
  }
  const weeks = Array.from({ length: W }, (_, w) => {
    const row: Record<string, number | string> = { week: w, date: p.week_dates[w] };
    for (let m = 0; m < NM; m++) row[names[m]] = round(sim.rec[m * W + w]);
    return row;
  });
  const wk = (x: number) => (x >= 0 ? x : null);
  const fc = sim.scalars[4];
  return {
    seed,
    run,
    parameters: Object.fromEntries(p.uncertain.map((u, i) => [u.path, round(sim.samples[i])])),
    moves,
    weeks,
    framework_week: wk(sim.scalars[0]),
    truce_end_week: wk(sim.scalars[1]),
    escalation_week: wk(sim.scalars[2]),
    first_concession: fc === 1 ? p.actors[0] : fc === 2 ? p.actors[1] : fc === 3 ? 'same week' : 'neither',
    rulings: rulingsOf(p.litigation, sim.courts, p.start_day, W),
  };
}
