// Pending agreements (agreements.pending): an agreement open at the start that no menu move
// reaches gets implicit propose / approve moves under rule propose, and signing it in a run
// enacts its commitments.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { loadScenarioSync } from '../../src/io/index.ts';
import type { Agreement, Scenario } from '../../src/model/index.ts';
import {
  AG,
  Simulator,
  implicitMoves,
  runPrepared,
  storyOf,
  type Prepared,
  type ScheduleOp,
} from '../../src/simulate/index.ts';
import { loadError, london, prepared, simulationBlock, variant, withoutMoves } from './helpers.ts';

type Rule = 'propose' | 'none';

/** The built-in scenario with extra agreements and the pending rule set. */
function withAgreements(extra: Agreement[], rule: Rule, base: Scenario = london()): Scenario {
  const s = structuredClone(base);
  s.agreements.push(...extra);
  const sim = s.parameters.simulation!;
  sim.agreements.pending = { rule, assumption: 'test' };
  return s;
}

function cooperators(p: Prepared): Prepared {
  p.uncertain = [];
  p.strategies = [
    { name: 'Cooperator', params: {} },
    { name: 'Cooperator', params: {} },
  ];
  p.slot_defaults[0] = 0; // perception noise
  return p;
}

/** Weeks each move id was made in run (seed, run). */
function moveWeeks(sim: Simulator, p: Prepared): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (let i = 0; i < sim.moveLogLength; i += 3) {
    const id = p.moves.ids[sim.moveLog[i + 1]][sim.moveLog[i + 2]];
    out.set(id, [...(out.get(id) ?? []), sim.moveLog[i]]);
  }
  return out;
}

// In talks on the start (2025-06-11); China commits to end its March 2025 farm tariff (10% tier).
const TALKS: Agreement = {
  id: 'agr-test-talks',
  title: 'test agreement in talks',
  parties: ['US', 'CN'],
  status: [{ date: '2025-06-01', status: 'talks' }],
  commitments: [{ by: 'CN', measure: 'cn-tariff-2025-03-10-10pct', action: 'remove', detail: 'test' }],
  approvals: [],
  clocks: [],
} as unknown as Agreement;

// Agreed in principle, both leaders' approvals pending; the US keeps its reciprocal suspension (Geneva's 24 points).
const APPROVALS: Agreement = {
  id: 'agr-test-approvals',
  title: 'test agreement awaiting approvals',
  parties: ['US', 'CN'],
  status: [{ date: '2025-06-01', status: 'agreed_in_principle' }],
  commitments: [{ by: 'US', measure: 'us-ieepa-reciprocal-cn', action: 'extend', detail: 'test' }],
  approvals: [
    { by: 'US-president', role: 'test', status: [{ date: '2025-06-01', status: 'pending' }] },
    { by: 'CN-president', role: 'test', status: [{ date: '2025-06-01', status: 'pending' }] },
  ],
  clocks: [],
} as unknown as Agreement;

describe('implicit moves for pending agreements', () => {
  test('an agreement in talks with no moves: both sides propose under rule propose and it is signed; under none it stays in talks', () => {
    const run = (rule: Rule) => {
      const p = cooperators(prepared(withAgreements([TALKS], rule)));
      const a = p.agreements.ids.indexOf(TALKS.id);
      const j = p.directions[1].measure_ids.indexOf('cn-tariff-2025-03-10-10pct');
      const sim = new Simulator(p);
      const rates: number[] = [];
      sim.onWeekEnd = () => rates.push(sim.appliedRate(1, j));
      sim.run(1, 0);
      return { p, sim, a, rates };
    };
    const on = run('propose');
    // appended at the end of each menu
    assert.equal(on.p.moves.ids[0].at(-1), 'US:propose:agr-test-talks');
    assert.equal(on.p.moves.ids[1].at(-1), 'CN:propose:agr-test-talks');
    assert.ok(on.rates[0] > 0, 'the layer is in force at the start');
    const weeks = moveWeeks(on.sim, on.p);
    const us = weeks.get('US:propose:agr-test-talks');
    const cn = weeks.get('CN:propose:agr-test-talks');
    assert.ok(us && cn, 'both sides proposed');
    assert.equal(us.length, 1, 'a side proposes once');
    const signed = Math.max(us[0], cn[0]);
    assert.equal(on.sim.agStatus[on.a], AG.implemented);
    // takes hold the week after the second proposal: China's commitment (remove) ends the layer then
    assert.ok(on.rates[signed] > 0, 'still in force the week it is signed');
    assert.equal(on.rates[signed + 1], -1, 'removed when the agreement takes hold');
    assert.equal(on.rates.at(-1), -1);
    assert.ok(
      on.p.notes.some((n) => n.startsWith('move US:propose:agr-test-talks:')),
      'the basis names it',
    );

    const off = run('none');
    assert.ok(!off.p.moves.ids.flat().some((id) => id.includes(':')), 'no implicit moves');
    assert.equal(off.sim.agStatus[off.a], AG.talks);
    assert.ok(
      off.rates.every((r) => r > 0),
      'the layer stays',
    );
  });

  test('approval path: each side with a pending approval gets an implicit approve; both approved, it is signed and its extend keeps the suspension after Geneva lapses', () => {
    const run = (rule: Rule) => {
      // without the US reciprocal cut: cooperators would take it when Geneva's points return
      const p = cooperators(prepared(withoutMoves(withAgreements([APPROVALS], rule), 'us-lower-reciprocal')));
      p.extend_on_expiry = false; // Geneva's clock (08-12) lapses in week 9
      p.renewal_by_costs = false;
      const j = p.directions[0].measure_ids.indexOf('us-ieepa-reciprocal-cn');
      const sim = new Simulator(p);
      const rates: number[] = [];
      sim.onWeekEnd = () => rates.push(sim.appliedRate(0, j));
      sim.run(1, 0);
      return { p, sim, rates };
    };
    const on = run('propose');
    const ids = on.p.moves.ids.flat().filter((id) => id.includes(':'));
    assert.deepEqual(ids, ['US:approve:agr-test-approvals', 'CN:approve:agr-test-approvals']);
    const a = on.p.agreements.ids.indexOf(APPROVALS.id);
    const weeks = moveWeeks(on.sim, on.p);
    const signed = Math.max(
      weeks.get('US:approve:agr-test-approvals')![0],
      weeks.get('CN:approve:agr-test-approvals')![0],
    );
    assert.ok(signed < 8, `signed before Geneva lapses (week ${signed})`);
    assert.equal(on.sim.agStatus[a], AG.implemented);
    for (let q = 0; q < on.p.agreements.approval_agreement.length; q++)
      if (on.p.agreements.approval_agreement[q] === a) assert.equal(on.sim.apStatus[q], 2);
    assert.equal(on.rates[9], 10, 'the 24 points stay suspended after 08-12');

    const off = run('none');
    assert.equal(off.rates[9], 34, 'without it the points return in week 9');
  });

  test('no duplicates: a side with its own propose or approve move gets no implicit one; the built-in menus already reach London', () => {
    const s = withAgreements([TALKS], 'propose');
    s.parameters.simulation!.moves.US.push({
      id: 'us-propose-test',
      kind: 'propose',
      on: 'C',
      agreement: TALKS.id,
    });
    assert.deepEqual(
      implicitMoves(s).map((m) => m.move.id),
      ['CN:propose:agr-test-talks'],
    );
    // 2025-06-11: London is agreed in principle with both approvals pending, and both menus approve it
    const lon = withAgreements([], 'propose');
    assert.deepEqual(implicitMoves(lon), []);
    const ids = prepared(withAgreements([TALKS], 'propose')).moves.ids;
    for (const menu of ids) assert.equal(new Set(menu).size, menu.length, 'ids are unique');
  });

  test('deterministic: the same seed gives the same runs and odds, with any worker count', async () => {
    const view = loadScenarioSync('us-china', { asKnownOn: '2025-10-30' });
    const p = prepared(view, { start: '2025-10-30', weeks: 8 });
    assert.ok(p.moves.ids[0].includes('US:propose:agr-busan-2025-11'));
    const a = await runPrepared(p, { runs: 120, seed: 7, workers: 1 });
    const b = await runPrepared(p, { runs: 120, seed: 7, workers: 2, chunk: 25 });
    assert.equal(JSON.stringify(a), JSON.stringify(b));
    const s1 = storyOf(p, 7, 3);
    const s2 = storyOf(p, 7, 3);
    assert.deepEqual(s1, s2);
  });
});

describe('vintages and Busan', () => {
  const idsOn = (d: string) =>
    implicitMoves(loadScenarioSync('us-china', { asKnownOn: d }), d).map((m) => m.move.id);

  test('before the agreement is announced no implicit move names it; once it is open, one per side', () => {
    assert.deepEqual(idsOn('2025-10-24'), [], 'Busan not yet announced (talks from 2025-10-25)');
    assert.deepEqual(idsOn('2025-10-25'), ['US:propose:agr-busan-2025-11', 'CN:propose:agr-busan-2025-11']);
    assert.deepEqual(idsOn('2025-10-30'), ['US:propose:agr-busan-2025-11', 'CN:propose:agr-busan-2025-11']);
    assert.deepEqual(idsOn('2025-11-01'), [], 'signed: nothing pending');
    assert.deepEqual(idsOn('2026-03-16'), [], 'Beijing talks from 2026-03-17');
    assert.deepEqual(idsOn('2026-05-15'), [
      'US:propose:agr-beijing-2026-05',
      'CN:propose:agr-beijing-2026-05',
    ]);
  });

  test('from 2025-10-30, Busan signed in a run lifts the Affiliates rule and keeps it lifted against a scheduled re-imposition, ends the March farm tariff, keeps the reciprocal suspensions', () => {
    const view = loadScenarioSync('us-china', { asKnownOn: '2025-10-30' });
    const p = cooperators(prepared(view, { start: '2025-10-30', weeks: 10 }));
    const a = p.agreements.ids.indexOf('agr-busan-2025-11');
    assert.equal(p.agreements.status[a], AG.agreed_in_principle);
    const ctrl = (id: string) => p.controls.ids.indexOf(id);
    const affiliates = ctrl('us-bis-affiliates-rule');
    assert.equal(p.controls.in_force[affiliates], 1);
    const sim = new Simulator(p);
    sim.run(1, 0);
    assert.equal(sim.agStatus[a], AG.implemented);
    assert.equal(sim.ctrlInForce[affiliates], 0);
    // a scheduled ledger change putting the rule back in force does not apply while Busan holds
    const reimpose = {
      op: 'active',
      date: '2025-12-31',
      announced: '2025-10-30',
      what: 'test',
      tariff: null,
      exemption: null,
      control: affiliates,
      active: true,
      flow: NaN,
    } as unknown as ScheduleOp;
    sim.applyLedgerOp(reimpose, true, 9);
    assert.equal(sim.ctrlInForce[affiliates], 0);
    sim.applyLedgerOp(reimpose, false, 9);
    assert.equal(sim.ctrlInForce[affiliates], 1, 'the backtest sets the state as the ledger has it');
    const farm = p.directions[1].measure_ids.indexOf('cn-tariff-2025-03-10-10pct');
    assert.equal(sim.appliedRate(1, farm), -1);
    const recUS = p.directions[0].measure_ids.indexOf('us-ieepa-reciprocal-cn');
    const recCN = p.directions[1].measure_ids.indexOf('cn-tariff-reciprocal');
    // the Stockholm suspension (to 11-10) is kept while Busan holds (no Busan clock in this view)
    assert.equal(sim.appliedRate(0, recUS), 10);
    assert.equal(sim.until[0][recUS], Infinity);
    assert.equal(sim.until[1][recCN], Infinity);
    assert.ok(p.notes.some((n) => /agr-busan-2025-11: commitment of US to reduce us-ieepa-fentanyl/.test(n)));
  });
});

describe('the option is checked when the scenario loads', () => {
  test('an unknown rule is a located error', () => {
    const f = variant('        rule: propose\n', '        rule: sometimes\n');
    assert.match(
      loadError(f),
      /bad-\d+\.yaml:\d+:\d+ parameters\.simulation\.agreements\.pending\.rule: expected one of none, propose, got "sometimes"/,
    );
  });
  test('the option as a bare word is a located error', () => {
    const line = simulationBlock().match(/ {6}pending:\n {8}rule: propose\n {8}assumption: [^\n]*\n/)![0];
    const f = variant(line, '      pending: propose\n');
    assert.match(loadError(f), /bad-\d+\.yaml:\d+:\d+ parameters\.simulation\.agreements\.pending/);
  });
});
