import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { Simulator, AG, RUN_SCALARS, type Prepared } from '../../src/simulate/index.ts';
import { london, prepared, moveIndex } from './helpers.ts';

// The Geneva truce's clock ends 2025-08-12. Weeks start on 2025-06-11 + 7w, so week 9
// (2025-08-13) is the first week after it; walk_away_after_violations is 3 in the scenario.
function setup(us: string, cn: string, o: { noise?: number; extend?: boolean } = {}): Prepared {
  const p = prepared();
  p.uncertain = [];
  p.choice_rule = 0; // these tests are about the menu_order rule (first applicable move)
  p.renewal_by_costs = false;
  p.strategies = [
    { name: us, params: {} },
    { name: cn, params: {} },
  ];
  p.slot_defaults[0] = o.noise ?? 0; // agreements.perception_noise
  if (o.extend !== undefined) p.extend_on_expiry = o.extend;
  return p;
}
const week = (sim: Simulator, i: number) => sim.scalars[i];

describe('agreement transitions', () => {
  test('both sides talk: the framework is approved in week 0, the truce clock is extended, nothing collapses', () => {
    const p = setup('Cooperator', 'Cooperator');
    const sim = new Simulator(p);
    sim.run(1, 0);
    assert.equal(week(sim, 0), 0, 'framework week');
    assert.equal(week(sim, 1), -1, 'truce never ends');
    assert.equal(sim.agStatus[p.framework], AG.implemented, 'signed in week 0, implemented a week later');
    assert.equal(sim.agStatus[p.truce], AG.extended);
    // the suspension was carried forward: the US reciprocal layer still applies 10% at the end
    assert.equal(sim.appliedRate(0, p.directions[0].measure_ids.indexOf('us-ieepa-reciprocal-cn')), 10);
  });

  test('the truce clock lapses when the rules say so: suspended points return in week 9', () => {
    const p = setup('Cooperator', 'Cooperator', { extend: false });
    const sim = new Simulator(p);
    sim.run(1, 0);
    assert.equal(week(sim, 1), 9);
    // with nothing else left to give, both sides propose a new truce in week 9; signed in the run, it
    // suspends the recorded 24 points again when it takes hold in week 10 (agreements.ts enact)
    const proposals: number[] = [];
    for (let i = 0; i < sim.moveLogLength; i += 3)
      if (p.moves.ids[sim.moveLog[i + 1]][sim.moveLog[i + 2]].endsWith('-propose-truce'))
        proposals.push(sim.moveLog[i]);
    assert.deepEqual(proposals, [9, 9]);
    assert.equal(sim.agStatus[p.truce], AG.implemented);
    const W = p.horizon_weeks;
    // US on CN average: reciprocal back to 34% from week 9
    assert.ok(sim.rec[0 * W + 9] > sim.rec[0 * W + 8] + 1, 'average rises when the suspension lapses');
    assert.ok(sim.rec[0 * W + 10] < sim.rec[0 * W + 9] - 1, 'and falls again when the new truce takes hold');
  });

  test('perception noise 1 with full compliance: a violation is "seen" every week, so a side walks away in week 2', () => {
    const p = setup('Cooperator', 'Cooperator', { noise: 1 });
    const sim = new Simulator(p);
    sim.run(1, 0);
    assert.equal(week(sim, 1), 2);
    assert.equal(sim.agStatus[p.truce], AG.collapsed);
  });

  test('a real violation with no noise: the US raises its suspended layer in week 2; China walks away after three weeks of it (week 4)', () => {
    const p = setup('Defector', 'Cooperator');
    // the Defector's menu: claim (w0), affiliates rule (w1), raise reciprocal (w2)
    assert.deepEqual(
      [
        moveIndex(p, 0, 'us-claim-deal'),
        moveIndex(p, 0, 'us-add-affiliates-rule'),
        moveIndex(p, 0, 'us-raise-reciprocal'),
      ].map((i) => p.moves.posture[0][i]),
      [1, 1, 1],
    );
    const sim = new Simulator(p);
    sim.run(1, 0);
    const log: string[] = [];
    for (let i = 0; i < sim.moveLogLength; i += 3)
      if (sim.moveLog[i + 1] === 0) log.push(`${sim.moveLog[i]}:${p.moves.ids[0][sim.moveLog[i + 2]]}`);
    assert.deepEqual(log.slice(0, 3), [
      '0:us-claim-deal',
      '1:us-add-affiliates-rule',
      '2:us-raise-reciprocal',
    ]);
    assert.equal(week(sim, 1), 4);
    assert.equal(week(sim, 0), -1, 'the US never approves the framework');
  });

  test('no noise and no violation: no walk-away however long the horizon', () => {
    const p = setup('Cooperator', 'Cooperator', { noise: 0 });
    const sim = new Simulator(p);
    for (let r = 0; r < 5; r++) {
      sim.run(r, r);
      assert.equal(week(sim, 1), -1);
    }
  });

  test('who concedes first: a talker facing a fighter concedes first', () => {
    const p = setup('Defector', 'Cooperator');
    const sim = new Simulator(p);
    sim.run(1, 0);
    assert.equal(
      sim.scalars[RUN_SCALARS.indexOf('first_concession')],
      2,
      'China (second side) concedes first',
    );
  });
});

describe('grace period', () => {
  // noise 1 flips every reading: a side "sees" a violation at each check. Both cooperate, so
  // London is signed in week 0 and implemented in week 1; walk_away_after_violations = 3.
  const run = (grace: number, weeks: number) => {
    const p = setup('Cooperator', 'Cooperator', { noise: 1 });
    p.grace_weeks = grace;
    p.horizon_weeks = weeks;
    const sim = new Simulator(p);
    sim.run(1, 0);
    return sim.agStatus[p.framework];
  };
  test('grace 4: first check in week 5, so the third perceived violation (walk-away) falls in week 7', () => {
    assert.equal(run(4, 7), AG.implemented, 'weeks 0-6: two checks');
    assert.equal(run(4, 8), AG.collapsed, 'weeks 0-7: three checks');
  });
  test('grace 0: checks from week 1, walk-away in week 3', () => {
    assert.equal(run(0, 3), AG.implemented);
    assert.equal(run(0, 4), AG.collapsed);
  });
});

describe('warm-up: the strategies remember the ledger weeks before the start', () => {
  test("postures read from the ledger: escalation in April, Geneva's de-escalation in May, the US controls of 23 May", () => {
    const p = prepared();
    const w = p.warmup!;
    assert.equal(w.from, '2025-04-02');
    assert.equal(w.dates.length, 10); // 2025-04-02 .. 2025-06-04, weekly
    const at = (d: string) => w.dates.indexOf(d);
    assert.equal(w.posture[0][at('2025-04-16')], 1, 'US D: reciprocal 125%');
    assert.equal(w.posture[1][at('2025-04-16')], 1, 'CN D: counter-tariff 125%');
    assert.equal(w.posture[0][at('2025-05-14')], 0, 'US C: Geneva');
    assert.equal(w.posture[1][at('2025-05-14')], 0, 'CN C: Geneva');
    assert.equal(
      w.posture[0][at('2025-05-28')],
      1,
      "US D: 'is-informed' letters (EDA, ethane, jet engines) of 2025-05-23",
    );
    assert.ok(w.avg_pct[0][at('2025-04-16')] > 90, 'April peak in the warm-up');
  });

  test('TACO starts with its memory: threshold 0 talks in week 0 (approves London), a huge threshold fights (makes its claim)', () => {
    const first = (threshold: number) => {
      const p = prepared();
      p.uncertain = [];
      p.choice_rule = 0; // these tests are about the menu_order rule (first applicable move)
      p.renewal_by_costs = false;
      p.strategies = [
        { name: 'TACO', params: { threshold, decay: 0.1, reescalate: 1 } },
        { name: 'FightOrTalk', params: {} },
      ];
      const sim = new Simulator(p);
      sim.run(1, 0);
      assert.equal(sim.moveLog[0], 0, 'a move in week 0');
      assert.equal(sim.moveLog[1], 0, 'by the US');
      return p.moves.ids[0][sim.moveLog[2]];
    };
    // without the warm-up TACO always opens with D; with it, accumulated pain > 0 = threshold
    assert.equal(first(0), 'us-approve-london');
    assert.equal(first(1e9), 'us-claim-deal');
  });

  test('postures are read at week ends: the Geneva signing (Mon 2025-05-12) is C in the week of 05-07..05-13, not the week after', () => {
    const w = prepared().warmup!;
    const at = (d: string) => w.dates.indexOf(d);
    assert.equal(w.posture[1][at('2025-05-07')], 0, 'CN C in the week it signed');
    assert.equal(w.posture[1][at('2025-04-30')], 1, 'CN still D the week before');
    assert.equal(
      w.avg_pct[0][at('2025-05-07')] > 90,
      true,
      'the cut takes effect on 05-14: still at the April level at the end of 05-13',
    );
  });

  test('only duties aimed at the other side are moves: the MFN-wide Section 232 steel raise of 2025-06-04 is priced but is not a US move against China', () => {
    // start 2025-06-09: the last warm-up week is 06-02..06-08, where the steel raise is the only US duty change
    const w = prepared(london(), { start: '2025-06-09' }).warmup!;
    const last = w.dates.length - 1;
    assert.equal(w.dates[last], '2025-06-02');
    // 25 -> 50 on the steel/aluminium lines: +0.94 pp since the metal-content rule and the 232 max rule (issue 11)
    const lift = w.avg_pct[0][last] - w.avg_pct[0][last - 1];
    assert.ok(Math.abs(lift - 0.94) < 0.01, `the steel raise lifts the average (priced): ${lift}`);
    assert.equal(w.aimed_pct[0][last], w.aimed_pct[0][last - 1], 'but not the duties aimed at China');
  });

  test('FightOrTalk mirrors the last warm-up week: the US was talking (London, 9-10 June; the steel raise is MFN-wide), so China opens with a C move', () => {
    const p = prepared();
    assert.equal(p.warmup!.posture[0][p.warmup!.dates.length - 1], 0, 'US C in the week of 06-04..06-10');
    p.uncertain = [];
    p.choice_rule = 0; // these tests are about the menu_order rule (first applicable move)
    p.renewal_by_costs = false;
    p.strategies = [
      { name: 'Cooperator', params: {} },
      { name: 'FightOrTalk', params: {} },
    ];
    const sim = new Simulator(p);
    sim.run(1, 0);
    const cnWeek0: string[] = [];
    for (let i = 0; i < sim.moveLogLength; i += 3)
      if (sim.moveLog[i] === 0 && sim.moveLog[i + 1] === 1) cnWeek0.push(p.moves.ids[1][sim.moveLog[i + 2]]);
    assert.equal(cnWeek0.length, 1);
    const i = moveIndex(p, 1, cnWeek0[0]);
    assert.equal(p.moves.posture[1][i], 0, `China's week-0 move ${cnWeek0[0]} is a C move`);
  });
});
