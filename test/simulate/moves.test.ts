import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { Simulator, AG, prepare, tradeFlows } from '../../src/simulate/index.ts';
import { toEpochDay } from '../../src/model/index.ts';
import { TEST_SUPPLY, london, prepared, moveIndex, withoutMoves } from './helpers.ts';

// Start state on 2025-06-11 (ledger): US IEEPA reciprocal 34% statutory with 24 points suspended
// to 2025-08-12 (10% applied), IEEPA fentanyl 20%; China's counter-tariff 34% with 24 suspended;
// rare-earth flow share 0.619 (June 2025); EDA licence requirement in force; nitazene listing
// announced, not in force; London framework agreed in principle, both approvals pending.
const p = prepared();
const day = p.start_day;
const j = (k: 0 | 1, id: string) => p.directions[k].measure_ids.indexOf(id);
const a = (k: 0 | 1, auth: string) => p.directions[k].authorities.indexOf(auth);
const c = (id: string) => p.controls.ids.indexOf(id);

function fresh(): Simulator {
  const sim = new Simulator(p);
  sim.reset();
  sim.evaluateWeek(day);
  return sim;
}

describe('tariff moves', () => {
  test('raise_tariff adds the step to the applied rate; the layer average scales with it', () => {
    const sim = fresh();
    const jr = j(0, 'us-ieepa-reciprocal-cn');
    assert.equal(sim.appliedRate(0, jr), 10);
    const before = sim.authorityAverage(0, a(0, 'IEEPA reciprocal'));
    const total0 = sim.avg[0];
    assert.ok(
      before > 0 && before < 10,
      'reciprocal covers part of trade (Annex II, electronics, Section 232 goods are outside)',
    );
    sim.applyMove(0, moveIndex(p, 0, 'us-raise-reciprocal'), 0, day);
    sim.evaluateWeek(day);
    assert.equal(sim.appliedRate(0, jr), 35);
    // 10% on the covered share c gives c * 10; 35% gives c * 35
    assert.ok(Math.abs(sim.authorityAverage(0, a(0, 'IEEPA reciprocal')) - (before * 35) / 10) < 1e-9);
    assert.ok(Math.abs(sim.avg[0] - total0 - (before * 25) / 10) < 1e-9);
  });

  test('raise_tariff stops at max_pct and respects its cooldown', () => {
    const sim = fresh();
    const jr = j(0, 'us-ieepa-reciprocal-cn');
    const i = moveIndex(p, 0, 'us-raise-reciprocal');
    sim.setMeasure(0, jr, true, 150, 24, toEpochDay('2025-08-12')); // applied 126
    sim.evaluateWeek(day);
    assert.ok(sim.canMove(0, i, 0));
    sim.applyMove(0, i, 0, day);
    sim.evaluateWeek(day);
    assert.equal(sim.appliedRate(0, jr), 134, 'capped at max_pct 134, not 126 + 25');
    sim.setMeasure(0, jr, true, 100, 24, toEpochDay('2025-08-12'));
    sim.evaluateWeek(day);
    assert.equal(sim.canMove(0, i, 4), false, 'cooldown 4 weeks: not again in weeks 1-4');
    assert.equal(sim.canMove(0, i, 5), true);
  });

  test('lower_tariff cuts to min_pct and no further', () => {
    const sim = fresh();
    const jf = j(0, 'us-ieepa-fentanyl');
    const i = moveIndex(p, 0, 'us-lower-fentanyl');
    assert.equal(sim.appliedRate(0, jf), 20);
    sim.applyMove(0, i, 0, day);
    sim.evaluateWeek(day);
    assert.equal(sim.appliedRate(0, jf), 10);
    assert.equal(sim.canMove(0, i, 20), false, 'at the 10% floor');
  });

  test('the suspended part stays suspended when a side raises its statutory rate, and returns when the truce collapses', () => {
    const sim = fresh();
    const jc = j(1, 'cn-tariff-reciprocal');
    assert.equal(sim.appliedRate(1, jc), 10);
    sim.applyMove(1, moveIndex(p, 1, 'cn-raise-counter-tariff'), 0, day);
    sim.evaluateWeek(day);
    assert.equal(sim.appliedRate(1, jc), 35);
    sim.collapse(p.truce, 0, day);
    sim.evaluateWeek(day);
    assert.equal(sim.appliedRate(1, jc), 59, 'statutory 34 + 25, suspension ended');
    assert.equal(sim.appliedRate(0, j(0, 'us-ieepa-reciprocal-cn')), 34, 'the US suspension ends too');
    assert.equal(sim.agStatus[p.truce], AG.collapsed);
  });
});

describe('licensing and export-control moves', () => {
  test('tighten_licensing lowers the flow share by the step down to min_share', () => {
    const sim = fresh();
    const ree = c('cn-ec-ree-2025-04-04');
    const i = moveIndex(p, 1, 'cn-tighten-ree');
    assert.equal(sim.ctrlFlow[ree], 0.619);
    sim.applyMove(1, i, 0, day);
    assert.ok(Math.abs(sim.ctrlFlow[ree] - 0.419) < 1e-12);
    sim.applyMove(1, i, 1, day);
    assert.equal(sim.ctrlFlow[ree], 0.26, '0.219 is below the floor 0.26');
    assert.equal(sim.canMove(1, i, 2), false);
  });

  test('loosen_licensing raises the flow share up to max_share', () => {
    const sim = fresh();
    const ree = c('cn-ec-ree-2025-04-04');
    const i = moveIndex(p, 1, 'cn-loosen-ree');
    sim.applyMove(1, i, 0, day);
    assert.ok(Math.abs(sim.ctrlFlow[ree] - 0.819) < 1e-12);
    sim.applyMove(1, i, 1, day);
    assert.equal(sim.ctrlFlow[ree], 1);
    assert.equal(sim.canMove(1, i, 2), false);
  });

  test('lift_export_control and add_export_control switch the control', () => {
    const sim = fresh();
    const eda = c('us-ec-eda-2025-05');
    const lift = moveIndex(p, 0, 'us-lift-eda');
    const add = moveIndex(p, 0, 'us-add-eda');
    assert.equal(sim.ctrlInForce[eda], 1);
    assert.equal(sim.canMove(0, add, 0), false, 'already in force');
    sim.applyMove(0, lift, 0, day);
    assert.equal(sim.ctrlInForce[eda], 0);
    assert.equal(sim.canMove(0, lift, 1), false);
    assert.equal(sim.canMove(0, add, 1), true);
    sim.applyMove(0, add, 1, day);
    assert.equal(sim.ctrlInForce[eda], 1);
  });

  test('list_substances puts the listing in force once', () => {
    const sim = fresh();
    const s = p.substances.ids.indexOf('cn-cs-nitazenes-2025-07');
    const i = moveIndex(p, 1, 'cn-list-nitazenes');
    assert.equal(sim.subsInForce[s], 0);
    sim.applyMove(1, i, 0, day);
    assert.equal(sim.subsInForce[s], 1);
    assert.equal(sim.canMove(1, i, 1), false);
  });
});

describe('agreement and claim moves', () => {
  test('approve: the framework is signed when both leaders have approved', () => {
    const sim = fresh();
    const fw = p.framework;
    assert.equal(sim.agStatus[fw], AG.agreed_in_principle);
    sim.applyMove(0, moveIndex(p, 0, 'us-approve-london'), 0, day);
    assert.equal(sim.agStatus[fw], AG.agreed_in_principle, 'one approval is not enough');
    assert.equal(sim.canMove(0, moveIndex(p, 0, 'us-approve-london'), 1), false);
    sim.applyMove(1, moveIndex(p, 1, 'cn-approve-london'), 0, day);
    assert.equal(sim.agStatus[fw], AG.signed);
  });

  test('walk_away needs a perceived violation', () => {
    const sim = fresh();
    assert.equal(sim.canMove(0, moveIndex(p, 0, 'us-walk-away-geneva'), 0), false);
  });

  test('propose: an agreement without approvals is signed once both sides have proposed', () => {
    const s = structuredClone(london());
    const sim0 = s.parameters.simulation!;
    sim0.moves.US.push({ id: 'us-propose-busan', kind: 'propose', on: 'C', agreement: 'agr-busan-2025-11' });
    sim0.moves.CN.push({ id: 'cn-propose-busan', kind: 'propose', on: 'C', agreement: 'agr-busan-2025-11' });
    const q = prepared(s);
    const sim = new Simulator(q);
    sim.reset();
    const b = q.agreements.ids.indexOf('agr-busan-2025-11');
    assert.equal(sim.agStatus[b], AG.none);
    sim.applyMove(0, moveIndex(q, 0, 'us-propose-busan'), 0, q.start_day);
    assert.equal(sim.agStatus[b], AG.talks);
    assert.equal(sim.canMove(0, moveIndex(q, 0, 'us-propose-busan'), 1), false, 'already proposed');
    sim.applyMove(1, moveIndex(q, 1, 'cn-propose-busan'), 0, q.start_day);
    assert.equal(sim.agStatus[b], AG.signed);
  });

  test('claim: an earlier public claim adds its audience cost to the next concession', () => {
    const sim = fresh();
    sim.applyMove(0, moveIndex(p, 0, 'us-claim-deal'), 0, day);
    assert.equal(sim.backingDown[0], 0, 'a claim is not a concession');
    sim.applyMove(0, moveIndex(p, 0, 'us-lower-fentanyl'), 1, day);
    // cost_usd 0.5 bn of the cut + audience cost 0.25 bn of the claim
    assert.equal(sim.backingDown[0], 750_000_000);
  });
});

describe('properties of move sequences', () => {
  test('any sequence of applicable moves keeps the state valid (rates >= 0 and within limits, shares in [0, 1], averages finite)', async () => {
    const fc = (await import('fast-check')).default;
    const n0 = p.moves.kind[0].length;
    const n1 = p.moves.kind[1].length;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.nat(100)), { maxLength: 40 }),
        (seq) => {
          const sim = fresh();
          seq.forEach(([s, m], w) => {
            const side = s as 0 | 1;
            const i = m % (side === 0 ? n0 : n1);
            if (!sim.canMove(side, i, w)) return;
            sim.applyMove(side, i, w, day);
            sim.evaluateWeek(day);
          });
          for (const k of [0, 1] as const) {
            assert.ok(Number.isFinite(sim.avg[k]) && sim.avg[k] >= 0);
            for (let jj = 0; jj < p.directions[k].measure_ids.length; jj++) {
              const r = sim.appliedRate(k, jj);
              assert.ok(r === -1 || r >= 0, `rate ${r}`);
            }
          }
          const recip = sim.headline(0, a(0, 'IEEPA reciprocal'));
          assert.ok(recip <= 134 + 1e-9, `US reciprocal ${recip} above max_pct`);
          assert.ok(sim.headline(0, a(0, 'IEEPA fentanyl')) >= 10 - 1e-9, 'fentanyl not below min_pct');
          assert.ok(sim.headline(1, a(1, 'CN counter-tariff (Apr 2025)')) <= 125 + 1e-9);
          const ree = sim.ctrlFlow[c('cn-ec-ree-2025-04-04')];
          assert.ok(ree >= 0.26 - 1e-12 && ree <= 1 + 1e-12, `flow ${ree}`);
        },
      ),
      { numRuns: 150 },
    );
  });
});

test('the prepared() helper: every call its own copy of a fresh prepare; an edited scenario prepared afresh', () => {
  const a = prepared();
  const first = a.moves.ids[0][0];
  // edits to one copy (a test's setup) do not reach the next
  a.strategies[0].name = 'edited';
  a.slot_defaults[0] = 99;
  a.moves.ids[0].length = 0;
  const b = prepared();
  assert.notEqual(b, a);
  assert.deepStrictEqual(b, prepare(london(), { flows: tradeFlows(['US', 'CN']), supply: TEST_SUPPLY }));
  // other options or another scenario content: their own preparation
  assert.equal(prepared(undefined, { weeks: 7 }).horizon_weeks, 7);
  const edited = prepared(withoutMoves(structuredClone(london()), first));
  assert.ok(!edited.moves.ids[0].includes(first) && b.moves.ids[0].includes(first));
});
