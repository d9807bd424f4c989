// The loop keeps the applied rates and the headline rates between weeks instead of recomputing
// them (tariffs.ts: TariffState.inputs, rateVersion). Invariant: at the end of every simulated
// week they equal a fresh computation from the measures' state on that day, so a writer of
// the state that forgot to bump TariffState.inputs fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Simulator } from '../../src/simulate/index.ts';
import { prepared } from './helpers.ts';

test('applied and headline rates kept by the loop equal a fresh computation every week', () => {
  const p = prepared();
  const sim = new Simulator(p);
  let weeks = 0;
  let changedWeeks = 0;
  const last = [new Float64Array(sim.rate[0].length), new Float64Array(sim.rate[1].length)];
  sim.onWeekEnd = (_w, day) => {
    weeks++;
    let changed = false;
    for (const k of [0, 1] as const) {
      const d = p.directions[k];
      const heads = new Float64Array(d.authorities.length).fill(-1);
      for (let j = 0; j < d.measure_ids.length; j++) {
        const r = sim.active[k][j] ? sim.stat[k][j] - (day < sim.until[k][j] ? sim.susp[k][j] : 0) : -1;
        assert.equal(sim.rate[k][j], r, `direction ${k}, measure ${d.measure_ids[j]} on day ${day}`);
        if (r >= 0 && r > heads[d.measure_authority[j]]) heads[d.measure_authority[j]] = r;
        if (r !== last[k][j]) changed = true;
        last[k][j] = r;
      }
      for (let a = 0; a < heads.length; a++)
        assert.equal(sim.headline(k, a), heads[a], `direction ${k}, authority ${d.authorities[a]}`);
    }
    if (changed) changedWeeks++;
  };
  for (let r = 0; r < 300; r++) sim.run(7, r);
  assert.equal(weeks, 300 * p.horizon_weeks);
  // the runs do move the rates (moves, clocks, collapses), so the check is not vacuous
  assert.ok(changedWeeks > 300, `weeks with a rate change: ${changedWeeks}`);
});
