// Leverage from breakdown branches (issue 14 item 4): a hand-derived two-week case, the
// comparative statics the issue asks for, determinism, branches that leave the run untouched,
// and the bottleneck's stocks carried into the breakdown payoff.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadScenarioSync } from '../../src/io/index.ts';
import {
  AG,
  Simulator,
  bargain,
  emptyOutcome,
  leverageOnPrepared,
  prepareScenario,
  runPrepared,
  RareEarthSeam,
  type Prepared,
} from '../../src/simulate/index.ts';
import { TEST_SUPPLY, prepared } from './helpers.ts';

const slot = (p: Prepared, name: string) => {
  const i = p.slot_names.indexOf(name);
  assert.ok(i >= 0, name);
  return i;
};

/** Branch outcome at the start state of p (London, 2025-06-11), agreements as given. */
function branchAtStart(p: Prepared, weeks: number, noAgreements = false) {
  const sim = new Simulator(p);
  sim.reset();
  if (noAgreements) sim.agStatus.fill(AG.none);
  return sim.branches.evaluate(p.start_day, weeks, emptyOutcome());
}

describe('leverage from breakdown branches', () => {
  test('bargain: Nash share of the total at stake, 1/2 + (L1 - L0) / (2 T); nothing at stake gives 1/2', () => {
    const o = bargain(30, 10, 26, emptyOutcome());
    assert.equal(o.weeks, 26);
    assert.ok(Math.abs(o.share_0 - 0.25) < 1e-12, `${o.share_0}`); // loses 3x as much: a quarter
    assert.ok(Math.abs(o.shift_0 + 0.25) < 1e-12);
    const z = bargain(0, 0, 26, emptyOutcome());
    assert.deepEqual([z.share_0, z.shift_0], [0.5, 0]);
    // a side that gains from breakdown (negative loss) holds more than half
    assert.ok(bargain(-5, 5, 1, emptyOutcome()).share_0 > 0.5);
  });

  test('hand-derived two-week case: no agreement live, only the licence floor differs between branches', () => {
    const p = prepared(); // linear rare-earth loss: 7e6 USD a week per unit cut to the US, 1.2e7 to China
    const c = p.controls.ids.indexOf('cn-ec-ree-2025-04-04');
    assert.equal(p.controls.in_force[c], 1);
    const f = p.controls.flow_share[c]; // June 2025: 0.619
    const floor = 0.26; // cn-tighten-ree min_share
    const o = branchAtStart(p, 2, true);
    assert.equal(o.weeks, 2);
    assert.equal(o.flow_share.holds, f);
    assert.equal(o.flow_share.breakdown, floor);
    // US: economic 1 + political 2 on its output lost; China: economic 1 on its lost rare-earth sales
    const lUS = 2 * 3 * 7e6 * (f - floor);
    const lCN = 2 * 1 * 1.2e7 * (f - floor);
    assert.ok(Math.abs(o.loss_usd[0] - lUS) < 1e-6 * lUS, `${o.loss_usd[0]} vs ${lUS}`);
    assert.ok(Math.abs(o.loss_usd[1] - lCN) < 1e-6 * lCN, `${o.loss_usd[1]} vs ${lCN}`);
    // L_US / L_CN = 21 / 12: the US share is 12 / 33
    assert.ok(Math.abs(o.share_0 - 12 / 33) < 1e-9, `${o.share_0}`);
    assert.ok(Math.abs(o.rare_earth_lost_usd.breakdown - 2 * 7e6 * (1 - floor)) < 1e-3);
  });

  test("raising the chokepoint's cost to the US lowers US leverage", () => {
    const base = branchAtStart(prepared(), 26);
    const p = prepared();
    p.supply = { ...TEST_SUPPLY, importer_loss_usd_per_week: 10 * TEST_SUPPLY.importer_loss_usd_per_week };
    const hi = branchAtStart(p, 26);
    assert.ok(hi.loss_usd[0] > base.loss_usd[0]);
    assert.ok(hi.shift_0 < base.shift_0 - 1e-6, `${hi.shift_0} vs ${base.shift_0}`);
  });

  test("raising the US tariff's cost to China raises US leverage", () => {
    // Geneva is live at the start: breakdown ends its 24-point suspensions. China's lost sales to
    // the US count with its economic + political weights; a higher political weight raises only
    // that cost (its own controls' self-costs are the same in both branches)
    const base = branchAtStart(prepared(), 26);
    assert.ok(base.loss_usd[1] > 0, 'China loses from the snap-back');
    const p = prepared();
    p.slot_defaults[slot(p, 'objectives.CN.political')] *= 4;
    const hi = branchAtStart(p, 26);
    assert.ok(hi.loss_usd[1] > base.loss_usd[1]);
    assert.equal(hi.loss_usd[0], base.loss_usd[0]);
    assert.ok(hi.shift_0 > base.shift_0 + 1e-6, `${hi.shift_0} vs ${base.shift_0}`);
  });

  test('Monte Carlo with branches: the runs are unchanged but for leverage, and identical on 1 and 2 workers', async () => {
    const p = prepared(undefined, { weeks: 20 });
    const off = await runPrepared(p, { runs: 100, seed: 3 });
    const on1 = await runPrepared(p, { runs: 100, seed: 3, branches: { weeks: 8, every: 2 } });
    const on2 = await runPrepared(p, {
      runs: 100,
      seed: 3,
      workers: 2,
      chunk: 25,
      branches: { weeks: 8, every: 2 },
    });
    assert.deepEqual(on1.outcomes, off.outcomes, 'branches do not touch the run');
    assert.deepEqual(JSON.stringify(on1), JSON.stringify(on2));
    const lev = (r: typeof on1) => JSON.stringify(r.weeks.map((w) => w.leverage_US_share_shift));
    assert.notEqual(lev(on1), lev(off), 'the leverage metric now comes from the branches');
    const pain = (r: typeof on1) =>
      JSON.stringify(r.weeks.map((w) => [w.pain_US_usd, w.tariff_US_on_CN_pct]));
    assert.equal(pain(on1), pain(off));
  });

  test('bad branch options are located errors', async () => {
    const p = prepared(undefined, { weeks: 4 });
    await assert.rejects(
      runPrepared(p, { runs: 2, seed: 1, branches: { weeks: 0 } }),
      /leverage branches: expected a whole number of weeks in 1\.\.52, got 0/,
    );
    await assert.rejects(
      runPrepared(p, { runs: 2, seed: 1, branches: { weeks: 4, every: 0.5 } }),
      /branch spacing/,
    );
  });
});

describe('branches with the bottleneck model (stocks carried from the branch week)', () => {
  let p: Prepared;
  before(async () => {
    p = await prepareScenario(loadScenarioSync('us-china'), { start: '2025-04-07', weeks: 20 });
    assert.ok(p.supply.bottleneck);
  });

  test('project leaves the stocks as they were; a breakdown after the buffers ran down costs more', () => {
    const seam = new RareEarthSeam(p.supply.bottleneck!);
    const fresh = seam.project(0.26, true, 0, 8);
    const a = seam.week(0.26, true);
    seam.reset();
    seam.project(0, true, 0, 12);
    assert.equal(seam.week(0.26, true), a, 'a projection does not advance the run');
    seam.reset();
    for (let w = 0; w < 8; w++) seam.week(0.26, true);
    const later = seam.project(0.26, true, 0, 8);
    assert.ok(later > fresh, `8 weeks on: ${later} vs ${fresh} from fuller stocks`);
  });

  test('peeks and projections between weeks leave the path identical (the light mark/rewind)', () => {
    const flows = [0.26, 0.26, 0.4, 0.1, 0, 0.62, 1, 1, 0.3, 0.26, 0.7, 0.7];
    const plain = new RareEarthSeam(p.supply.bottleneck!);
    const probed = new RareEarthSeam(p.supply.bottleneck!);
    flows.forEach((f, w) => {
      probed.peek(1 - f, true, 1);
      probed.project(0, true, 1, 9);
      assert.equal(
        probed.week(f, true, w % 3 === 0 ? 1 : 0),
        plain.week(f, true, w % 3 === 0 ? 1 : 0),
        `week ${w}`,
      );
    });
  });

  test('the 9 October rule (extraterritorial, defence denied) adds to the loss at the same flow; Busan-style lifting ends the binding', () => {
    const seam = new RareEarthSeam(p.supply.bottleneck!);
    const plain = seam.project(0.7, true, 0, 20);
    const rule = seam.project(0.7, true, 1, 20);
    assert.ok(rule > plain, `${rule} vs ${plain}`);
    assert.equal(seam.project(0.7, false, 0, 20), seam.project(1, true, 0, 20), 'not binding = normal flow');
  });

  test('with the model on, the extraterritorial control has its harm from the model, not its placeholder', () => {
    const sim = new Simulator(p);
    sim.reset();
    const c = p.controls.ids.indexOf('cn-ec-2025-10-09-extraterritorial');
    assert.equal(p.controls.bottleneck_rule[c], 1);
    const run = (inForce: number) => {
      const f = Uint8Array.from(sim.ctrlInForce);
      f[c] = inForce;
      const econ = new Float64Array(2);
      const pol = new Float64Array(2);
      sim.controlPayoffs(f, sim.ctrlFlow, 0, new Float64Array(6), econ, pol);
      return { econ: [...econ], rule: sim.lastRule };
    };
    const off = run(0);
    const on = run(1);
    assert.equal(on.rule, 1);
    assert.equal(on.econ[0], off.econ[0], 'no placeholder harm to the US');
    assert.ok(on.econ[1] > off.econ[1], "China's own cost stays");
  });

  test('ledger path: disagreement payoffs are minus the losses, shares sum to 1, deterministic', () => {
    const scn = loadScenarioSync('us-china');
    const q = { ...p, branches: { weeks: 8, every: 1 } };
    const a = leverageOnPrepared(scn, q, 'ledger');
    assert.equal(a.weeks.length, 20);
    for (const w of a.weeks) {
      assert.equal(w.disagreement_payoff_usd.US, -w.breakdown_loss_usd.US);
      assert.ok(Math.abs(w.bargaining_share.US + w.bargaining_share.CN - 1) < 1e-12);
    }
    // before Geneva (12 May) no agreement is live: nothing to break down, share 1/2
    assert.equal(a.weeks[0].leverage_shift, 0);
    assert.ok(a.weeks.some((w) => w.breakdown_loss_usd.US > 0));
    assert.equal(JSON.stringify(leverageOnPrepared(scn, q, 'ledger')), JSON.stringify(a));
  });
});
