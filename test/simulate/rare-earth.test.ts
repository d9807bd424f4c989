// The rare-earth seam: the simulation's importer loss comes from the bottleneck model with its
// state carried week to week; on the ledger's own flow path it reproduces the exposure view.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadBottleneckInputs, loadScenarioSync } from '../../src/io/index.ts';
import { bottleneckExposure } from '../../src/supply/index.ts';
import { prepareScenario, RareEarthSeam, type RareEarthBottleneck } from '../../src/simulate/index.ts';

let b: RareEarthBottleneck;
before(async () => {
  const scn = loadScenarioSync('us-china');
  const p = await prepareScenario(scn, { start: '2025-04-07', weeks: 26 });
  assert.ok(p.supply.bottleneck, 'the bottleneck model is attached by default');
  b = p.supply.bottleneck;
  const lin = await prepareScenario(scn, { start: '2025-04-07', weeks: 26, rareEarth: 'linear' });
  assert.equal(lin.supply.bottleneck, undefined);
});

describe('rare-earth seam (simulation <-> bottleneck model)', () => {
  test('history from 2025-03-03 (5 weeks before a 7 April start), importer US, exporter CN', () => {
    assert.equal(b.model.start, '2025-03-03');
    assert.equal(b.history_weeks, 5);
    assert.equal(b.model.dates[b.history_weeks], '2025-04-07');
    assert.ok(b.model.users.every((u) => ['USA', 'MEX', 'KOR'].includes(u.country)));
    assert.ok(
      b.model.users.some((u) => u.country === 'MEX'),
      'component makers of US users are kept',
    );
    // the ledger's licensing path (all-destination shares) is what the moves are measured against
    assert.equal(b.ledger_flow[b.history_weeks + 4], 0.26); // week of 2025-05-05
  });

  test('on the ledger path the seam reproduces the exposure view of the US users (same model, same weeks)', async () => {
    const seam = new RareEarthSeam(b);
    const inputs = await loadBottleneckInputs({ ledgerDate: '2025-11-28' });
    const e = bottleneckExposure(inputs.data, inputs.io, {
      start: b.model.start,
      weeks: b.model.weeks,
      cohorts: 16,
      countries: ['USA'],
      noBands: true,
    });
    const us = (t: number) =>
      e.weekly
        .filter((w) => w.date === b.model.dates[t] && w.country === 'USA')
        .reduce((s, w) => s + w.output_lost_usd, 0);
    let lossSeen = 0;
    for (let t = 0; t < b.model.weeks; t++) {
      const base = b.ledger_flow[t];
      const got = t < b.history_weeks ? seam.historyLoss[t] : seam.week(base, b.ledger_in_force[t] === 1);
      // the US's own users: its component makers abroad (MEX, KOR) are in the model, not in the US's loss
      assert.ok(Math.abs(got - us(t)) < 1 + 1e-6 * us(t), `${b.model.dates[t]}: ${got} vs ${us(t)}`);
      lossSeen += got;
    }
    assert.ok(lossSeen > 1e9, 'the 2025 path binds');
  });

  test('lifting the control does not end the loss at once (stocks must refill); a run restarts from the history', () => {
    const seam = new RareEarthSeam(b);
    const W = b.model.weeks - b.history_weeks;
    const lost: number[] = [];
    for (let w = 0; w < W; w++) lost.push(seam.week(w < 12 ? 0 : 1, w < 12));
    // US users only (USD 18.7 bn a week of output; the Mexican parts makers' loss is Mexico's)
    assert.ok(lost[11] > 5e8, `a full stop for 12 weeks: ${lost[11]}`);
    assert.ok(lost[12] > 0.5 * lost[11], `the week after lifting: ${lost[12]}`);
    assert.ok(lost[W - 1] < lost[12], 'recovers later');
    seam.reset();
    const again: number[] = [];
    for (let w = 0; w < 3; w++) again.push(seam.week(0, true));
    assert.deepEqual(again, lost.slice(0, 3));
  });
});
