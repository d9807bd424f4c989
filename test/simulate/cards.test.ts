import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { loadScenarioSync } from '../../src/io/index.ts';
import { Simulator, SimulationConfigError, resolveConfig } from '../../src/simulate/index.ts';
import { MS_COST } from '../../src/simulate/config.ts';
import { london, prepared, moveIndex, variant, loadError } from './helpers.ts';

// China's cards in the built-in scenario (docs/simulate.md#cards): a new across-the-board
// counter-tariff layer sized to match the last US increase, and rare-earth licensing.
describe('new_tariff_layer', () => {
  // 2025-06-11: the US 125% of 2025-04-10 was answered by China's 125% (announced 04-11), so
  // nothing is left to match at the start
  const p = prepared();
  const day = p.start_day;
  const card = moveIndex(p, 1, 'cn-card-counter-tariff');
  const raise = moveIndex(p, 0, 'us-raise-reciprocal');
  const jCard = p.directions[1].measure_ids.indexOf('card:cn-card-counter-tariff');
  const jRecip = p.directions[0].measure_ids.indexOf('us-ieepa-reciprocal-cn');
  function fresh(): Simulator {
    const sim = new Simulator(p);
    sim.reset();
    sim.evaluateWeek(day);
    return sim;
  }

  test('the card has its own across-the-board layer, not in force at the start', () => {
    assert.ok(jCard >= 0);
    assert.equal(
      p.directions[1].authorities[p.directions[1].measure_authority[jCard]],
      'CN Tariff Law countermeasure',
    );
    const sim = fresh();
    assert.equal(sim.appliedRate(1, jCard), -1);
    assert.equal(sim.canMove(1, card, 0), false, 'no unanswered US increase on 2025-06-11');
  });

  test('the US raises by x: the card yields a layer of x, then nothing is left to match', () => {
    const sim = fresh();
    const before = sim.avg[1];
    sim.applyMove(0, raise, 0, day); // reciprocal statutory 34 -> 59: x = 25 points on all US imports from China
    sim.evaluateWeek(day);
    assert.equal(sim.appliedRate(0, jRecip), 35);
    assert.equal(sim.canMove(1, card, 1), true);
    sim.applyMove(1, card, 1, day + 7);
    sim.evaluateWeek(day + 7);
    // the reciprocal layer covers every line (scope all), so 25 trade-weighted points = 25 on the layer
    assert.ok(Math.abs(sim.appliedRate(1, jCard) - 25) < 1e-9, `layer ${sim.appliedRate(1, jCard)}`);
    assert.ok(
      sim.avg[1] > before + 20,
      'China\u2019s average rises by about the layer (less what exemptions and exclusions remove)',
    );
    assert.equal(sim.canMove(1, card, 2), false, 'answered');
    sim.applyMove(0, raise, 5, day + 35); // +25 more: the card matches again, on top
    sim.evaluateWeek(day + 35);
    assert.equal(sim.canMove(1, card, 6), true);
    sim.applyMove(1, card, 6, day + 42);
    sim.evaluateWeek(day + 42);
    assert.ok(Math.abs(sim.appliedRate(1, jCard) - 50) < 1e-9);
  });

  test('its one-off cost is political pain of the mover (not backing down)', () => {
    const sim = fresh();
    sim.slots[p.moves.slot[1][card] + MS_COST] = 7e8;
    sim.applyMove(0, raise, 0, day);
    sim.evaluateWeek(day);
    const pol = sim.payoffs.pol[1];
    const back = sim.payoffs.back[1];
    sim.applyMove(1, card, 1, day + 7);
    assert.equal(sim.payoffs.pol[1] - pol, 7e8);
    assert.equal(sim.payoffs.back[1], back);
  });

  test('at 2025-04-10 the US 125% (announced 04-09) is unanswered in the view: the card matches its 41 points', () => {
    const view = loadScenarioSync('us-china', { asKnownOn: '2025-04-10' });
    const q = prepared(view, { start: '2025-04-10', weeks: 4 });
    const sim = new Simulator(q);
    sim.reset();
    sim.evaluateWeek(q.start_day);
    const i = moveIndex(q, 1, 'cn-card-counter-tariff');
    const j = q.directions[1].measure_ids.indexOf('card:cn-card-counter-tariff');
    assert.equal(sim.canMove(1, i, 0), true);
    sim.applyMove(1, i, 0, q.start_day);
    sim.evaluateWeek(q.start_day);
    assert.ok(Math.abs(sim.appliedRate(1, j) - 41) < 1e-9, `layer ${sim.appliedRate(1, j)}`);
  });
});

describe('new_export_control', () => {
  test('the rare-earth card is a control of China through the rare-earth bridge, at its stated flow share', () => {
    const p = prepared();
    const i = moveIndex(p, 1, 'cn-card-ree-licensing');
    const c = p.controls.ids.indexOf('card:cn-card-ree-licensing');
    assert.equal(p.moves.target[1][i], c);
    assert.equal(p.controls.owner[c], 1);
    assert.equal(p.controls.rare_earth[c], 1);
    assert.equal(p.controls.in_force[c], 0);
    assert.deepEqual(p.card_groups['card:cn-card-ree-licensing'], ['rare-earths', 'magnets']);
    const sim = new Simulator(p);
    sim.reset();
    assert.equal(sim.canMove(1, i, 0), true);
    sim.applyMove(1, i, 0, p.start_day);
    assert.equal(sim.ctrlInForce[c], 1);
    assert.equal(sim.ctrlFlow[c], 0.5);
    assert.equal(sim.canMove(1, i, 1), false, 'in force: not again');
  });
});

describe('the vintage rule', () => {
  test('a card is on the menu only from its announced date (view and start alike)', () => {
    const ids = (d: string) =>
      loadScenarioSync('us-china', { asKnownOn: d }).parameters.simulation!.moves.CN.map((m) => m.id);
    assert.ok(!ids('2024-11-30').includes('cn-card-counter-tariff'));
    assert.ok(ids('2024-11-30').includes('cn-card-ree-licensing') === false);
    assert.ok(ids('2024-12-01').includes('cn-card-counter-tariff'));
    assert.ok(!ids('2024-12-02').includes('cn-card-ree-licensing'));
    assert.ok(ids('2024-12-03').includes('cn-card-ree-licensing'));
    // the full scenario started before the announcement: the card leaves the menu and has no layer
    const p = prepared(london(), { start: '2024-11-20', weeks: 2 });
    assert.ok(!p.moves.ids[1].includes('cn-card-counter-tariff'));
    assert.ok(!p.directions[1].measure_ids.includes('card:cn-card-counter-tariff'));
  });
});

describe('located errors for bad cards', () => {
  test('an authority China already has a layer under is a clash', () => {
    const f = variant('authority: CN Tariff Law countermeasure', 'authority: CN counter-tariff (Apr 2025)');
    try {
      resolveConfig(loadScenarioSync(f));
      assert.fail('expected a clash');
    } catch (err) {
      assert.ok(err instanceof SimulationConfigError, String(err));
      const msg = err.problems.map((x) => `${x.path.join('.')}: ${x.message}`).join('\n');
      assert.match(
        msg,
        /moves\.CN\.\d+\.authority: a new layer needs an authority CN has no tariff measure under; "CN counter-tariff \(Apr 2025\)" is one/,
      );
    }
  });
  test('a negative size', () => {
    const f = variant(
      'size: match_last_increase',
      'size: { value: -5, assumption: a negative layer, range: [-5, 0] }',
    );
    assert.match(loadError(f), /bad-\d+\.yaml:\d+:\d+ parameters\.simulation\.moves\.CN\[\d+\]\.size/);
    assert.match(loadError(f), />= 0, got -5/);
  });
  test('no sources', () => {
    const f = variant(
      '          sources:\n            - https://www.republicworld.com/business/international-business/china-strengthens-trade-defence-capabilities-with-new-tariff-law/?amp=1\n            - https://archives.lincolndailynews.com/2024/Apr/26/NEWS/business_h.shtml\n            - https://www.mondaq.com/unitedstates/export-controls-trade-investment-sanctions/1593532/china-imposes-retaliatory-tariffs-export-controls\n',
      '          sources: []\n',
    );
    assert.match(
      loadError(f),
      /parameters\.simulation\.moves\.CN\[\d+\]\.sources: every entry needs at least one source URL/,
    );
  });
  test('an unknown product group', () => {
    const f = variant('groups: [rare-earths, magnets]', 'groups: [rare-earths, unobtainium]');
    try {
      resolveConfig(loadScenarioSync(f));
      assert.fail('expected an unknown group');
    } catch (err) {
      assert.ok(err instanceof SimulationConfigError, String(err));
      assert.match(err.problems.map((x) => x.message).join('\n'), /unknown product group "unobtainium"/);
    }
  });
});
