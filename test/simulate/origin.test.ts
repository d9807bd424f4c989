// Forecasting from any origin (issue 13, item 6): agreements signed before the start take hold,
// changes scheduled on the start date are replayed, and agreements can form from early origins.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { Simulator, AG, type Prepared } from '../../src/simulate/index.ts';
import type { Scenario } from '../../src/model/index.ts';
import { london, prepared, withoutMoves } from './helpers.ts';

function cooperators(p: Prepared, extend = false): Prepared {
  p.uncertain = [];
  p.choice_rule = 0; // these tests are about the menu_order rule (first applicable move)
  p.renewal_by_costs = false;
  p.strategies = [
    { name: 'Cooperator', params: {} },
    { name: 'Cooperator', params: {} },
  ];
  p.slot_defaults[0] = 0; // perception noise
  p.extend_on_expiry = extend;
  return p;
}

/** A copy of the scenario in which the changes `pick` selects were announced on `on` (a hand-made vintage). */
function announcedOn(on: string, pick: (id: string, date: string) => boolean): Scenario {
  const s = structuredClone(london());
  const mark = (id: string, x: object, date: string) => {
    if (pick(id, date)) (x as { announced?: string }).announced = on;
  };
  for (const m of s.measures) {
    for (const st of m.status) mark(m.id, st, st.date);
    if (m.kind === 'tariff') for (const r of m.rates) mark(m.id, r, r.from);
  }
  for (const a of s.agreements) for (const st of a.status) mark(a.id, st, st.date);
  return s;
}

/** A copy of the scenario in which nothing was announced in advance: every change announced on its own date. */
function noAdvanceNotice(): Scenario {
  const s = announcedOn('', () => false);
  const own = (x: { announced?: string }, date: string) => (x.announced = date);
  for (const m of s.measures) {
    delete m.announced;
    for (const st of m.status) own(st, st.date);
    if (m.kind === 'tariff') for (const r of m.rates) own(r, r.from);
  }
  for (const a of s.agreements) {
    delete a.announced;
    for (const st of a.status) own(st, st.date);
  }
  return s;
}

const measure = (p: Prepared, k: 0 | 1, id: string) => p.directions[k].measure_ids.indexOf(id);

describe('agreements signed before the start take hold', () => {
  test('from 2025-06-30 the London framework (signed 06-26) is implemented in week 0', () => {
    const p = cooperators(prepared(london(), { start: '2025-06-30', weeks: 3 }));
    assert.equal(p.agreements.status[p.framework], AG.signed, 'signed on the start date');
    const sim = new Simulator(p);
    sim.run(1, 0);
    assert.equal(sim.agStatus[p.framework], AG.implemented);
  });
});

describe('scheduled ledger changes after the start are replayed', () => {
  const extension = (id: string, date: string) =>
    date === '2025-08-12' &&
    ['us-ieepa-reciprocal-cn', 'cn-tariff-reciprocal', 'agr-geneva-2025-05'].includes(id);

  test('a truce extension announced on the start date (Stockholm, 08-11 for 08-12) keeps the truce; unannounced, the clock lapses', () => {
    const run = (s: Scenario) => {
      const p = cooperators(prepared(s, { start: '2025-08-11', weeks: 6 }));
      const sim = new Simulator(p);
      const j = measure(p, 0, 'us-ieepa-reciprocal-cn');
      const rates: number[] = [];
      sim.onWeekEnd = () => rates.push(sim.appliedRate(0, j));
      sim.run(1, 0);
      return { p, sim, rates };
    };
    const known = run(announcedOn('2025-08-11', extension));
    assert.ok(known.p.schedule.length >= 3, 'rate steps and the agreement status are scheduled');
    assert.equal(known.sim.scalars[1], -1, 'the truce does not end');
    assert.equal(known.sim.agStatus[known.p.truce], AG.extended);
    assert.equal(known.sim.appliedRate(0, measure(known.p, 0, 'us-ieepa-reciprocal-cn')), 10);
    const unknown = run(noAdvanceNotice());
    assert.equal(unknown.p.schedule.length, 0, 'nothing announced in advance: nothing scheduled');
    assert.equal(unknown.sim.scalars[1], 1, 'the clock (08-12) lapses in week 1');
    assert.equal(unknown.rates[1], 34, 'the suspended points return in week 1');
    // the cooperators propose a new truce; once it takes hold its suspension holds again
    assert.equal(unknown.rates[5], 10);
  });

  test('a step-up announced before it takes effect (reciprocal 10% from 04-05, 84% from 04-09) is played from a 2025-04-02 origin', () => {
    // without the US reciprocal cut: cooperators would take it in week 1 (the test is about the schedule)
    const s = withoutMoves(
      announcedOn('2025-04-02', (id, date) => id === 'us-ieepa-reciprocal-cn' && date <= '2025-04-09'),
      'us-lower-reciprocal',
    );
    const p = cooperators(prepared(s, { start: '2025-04-02', weeks: 3 }));
    const j = measure(p, 0, 'us-ieepa-reciprocal-cn');
    const sim = new Simulator(p);
    sim.run(1, 0);
    // week 1 starts 04-09: both steps applied; week 2 (04-16) keeps 84 (the 125% of 04-10 was not announced)
    assert.equal(sim.appliedRate(0, j), 84);
    const W = p.horizon_weeks;
    assert.ok(sim.rec[0 * W + 1] > sim.rec[0 * W + 0] + 20, 'the US average jumps in week 1');
    const none = cooperators(prepared(london(), { start: '2025-04-02', weeks: 3 }));
    const sim0 = new Simulator(none);
    sim0.run(1, 0);
    assert.ok(sim0.rec[0 * W + 1] < sim.rec[0 * W + 1] - 20, 'without the announcement no step');
  });

  test('a scheduled step moves the rate by the ledger step, on top of what the run played', () => {
    const s = announcedOn('2025-08-11', extension);
    const p = cooperators(prepared(s, { start: '2025-08-11', weeks: 3 }));
    const j = measure(p, 0, 'us-ieepa-reciprocal-cn');
    const sim = new Simulator(p);
    sim.reset();
    // what a run might have done in week 0: a 25-point raise of the statutory rate
    sim.setMeasure(0, j, true, 34 + 25, 24, Infinity);
    for (const c of p.schedule) if (c.op.op === 'rate' && c.op.k === 0) sim.applyLedgerOp(c.op, true, 1);
    sim.evaluateWeek(p.start_day + 7);
    assert.equal(sim.appliedRate(0, j), 34 + 25 - 24, 'the extension step (34 -> 34) keeps the raise');
  });
});

describe('agreements can form from early origins', () => {
  test('from 2025-04-02 (no truce on the record) both sides can propose one; it is signed and takes hold', () => {
    const p = cooperators(prepared(london(), { start: '2025-04-02', weeks: 6 }));
    assert.equal(p.agreements.status[p.truce], AG.none);
    const sim = new Simulator(p);
    sim.run(1, 0);
    const made: string[] = [];
    for (let i = 0; i < sim.moveLogLength; i += 3)
      made.push(p.moves.ids[sim.moveLog[i + 1]][sim.moveLog[i + 2]]);
    assert.ok(made.includes('us-propose-truce') && made.includes('cn-propose-truce'), made.join(' '));
    assert.equal(sim.agStatus[p.truce], AG.implemented);
  });
});
