// Postures and moves by marginal pain, threats, renewal by costs, the pain-reactive China
// (issue 14 items 1-3): behaviour of the built-in scenario's rules, and the odds that must not
// follow from menu order or warm-up bits.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { Simulator, type Prepared } from '../../src/simulate/index.ts';
import { london, prepared } from './helpers.ts';

const SEED = 7;
const RUNS = 120;

function odds(p: Prepared, runs = RUNS) {
  const sim = new Simulator(p);
  let us = 0;
  let cn = 0;
  let ended = 0;
  for (let r = 0; r < runs; r++) {
    sim.run(SEED, r);
    if (sim.scalars[3] === 1) us++;
    if (sim.scalars[3] === 2) cn++;
    if (sim.scalars[1] >= 0) ended++;
  }
  return { us: us / runs, cn: cn / runs, truce_ends: ended / runs };
}

/** Reverse both sides' move menus (every per-move array in the same order). */
function reverseMenus(p: Prepared): Prepared {
  const m = p.moves;
  for (const s of [0, 1] as const) {
    const n = m.kind[s].length;
    const perm = Array.from({ length: n }, (_, i) => n - 1 - i);
    m.kind[s] = Int8Array.from(perm, (i) => m.kind[s][i]);
    m.posture[s] = Uint8Array.from(perm, (i) => m.posture[s][i]);
    m.target[s] = Int32Array.from(perm, (i) => m.target[s][i]);
    m.slot[s] = Int32Array.from(perm, (i) => m.slot[s][i]);
    m.cooldown[s] = Int32Array.from(perm, (i) => m.cooldown[s][i]);
    m.ids[s] = perm.map((i) => m.ids[s][i]);
  }
  return p;
}

/** Flip one side's posture in the last warm-up week (the week before the start). */
function flipLastWarmup(p: Prepared, s: 0 | 1): Prepared {
  const w = p.warmup!;
  w.posture[s][w.dates.length - 1] ^= 1;
  return p;
}

const close = (a: ReturnType<typeof odds>, b: ReturnType<typeof odds>, tol: number, what: string) => {
  for (const k of ['us', 'cn', 'truce_ends'] as const)
    assert.ok(Math.abs(a[k] - b[k]) <= tol, `${what}: ${k} moved from ${a[k]} to ${b[k]}`);
};

describe('who concedes first and truce survival do not follow from menu order or warm-up bits', () => {
  const base = odds(prepared());

  test('the built-in rules are marginal_pain with renewal by costs', () => {
    const p = prepared();
    assert.equal(p.choice_rule, 1);
    assert.equal(p.renewal_by_costs, true);
    assert.equal(p.strategies[1].name, 'PainReactive');
  });

  test('reversing both menus moves no odd by more than 3 points (ties only)', () => {
    close(base, odds(reverseMenus(prepared())), 0.03, 'reversed menus');
  });

  test("flipping the US's or China's last warm-up posture moves no odd by more than 3 points", () => {
    close(base, odds(flipLastWarmup(prepared(), 0)), 0.03, 'US bit flipped');
    close(base, odds(flipLastWarmup(prepared(), 1)), 0.03, 'CN bit flipped');
  });

  test('the old rule (menu_order, still selectable) does depend on menu order: the test above can fail', () => {
    const old = () => {
      const p = prepared();
      p.choice_rule = 0;
      p.renewal_by_costs = false;
      return p;
    };
    const a = odds(old(), 100);
    const fw = (p: Prepared) => {
      const sim = new Simulator(p);
      let n = 0;
      for (let r = 0; r < 100; r++) {
        sim.run(SEED, r);
        if (sim.scalars[0] >= 0 && sim.scalars[0] <= p.framework_by_week) n++;
      }
      return n / 100;
    };
    assert.ok(a.truce_ends > 0.9, 'under the old rule the truce ends in almost every run');
    assert.ok(Math.abs(fw(old()) - fw(reverseMenus(old()))) > 0.2, 'framework odds swing with menu order');
  });

  test("China's objective weights matter: tripling its economic weight changes truce survival by > 10 points", () => {
    const p = prepared();
    p.slot_defaults[p.actor_slot[1]] = 3; // objectives.CN.economic
    const heavy = odds(p);
    assert.ok(
      Math.abs(heavy.truce_ends - base.truce_ends) > 0.1,
      `${base.truce_ends} -> ${heavy.truce_ends}`,
    );
  });
});

describe('postures and moves', () => {
  // from 2025-04-02 no truce holds, so an escalation breaks no commitment and can pay
  const fixed = (us: string, cn: string, threatWeeks: number): Prepared => {
    const p = prepared(london(), { start: '2025-04-02', weeks: 12 });
    p.uncertain = [];
    p.strategies = [
      { name: us, params: {} },
      { name: cn, params: {} },
    ];
    p.threat_weeks = threatWeeks;
    p.slot_defaults[0] = 0; // no perception noise
    // no expected retaliation: an escalation pays when it hurts the other side more than oneself
    p.slot_defaults[p.slot_names.indexOf('choice.expected_retaliation')] = 0;
    return p;
  };
  const movesOf = (sim: Simulator, p: Prepared, s: number) => {
    const out: [number, string][] = [];
    for (let i = 0; i < sim.moveLogLength; i += 3)
      if (sim.moveLog[i + 1] === s) out.push([sim.moveLog[i], p.moves.ids[s][sim.moveLog[i + 2]]]);
    return out;
  };

  test('a threat moves no rate, is recorded, and is carried out after threat_weeks', () => {
    const p = fixed('Defector', 'Cooperator', 2);
    const sim = new Simulator(p);
    sim.run(1, 0);
    assert.ok(sim.chooser.threatLogLength >= 3, 'a threat was recorded');
    const [w0, s0, m0] = [sim.chooser.threatLog[0], sim.chooser.threatLog[1], sim.chooser.threatLog[2]];
    assert.equal(s0, 0);
    const us = movesOf(sim, p, 0);
    assert.ok(!us.some(([w]) => w < w0 + 2), 'nothing done while the threat stands');
    assert.deepEqual(us[0], [w0 + 2, p.moves.ids[0][m0]], 'the threatened move, two weeks later');
  });

  test('talking withdraws a standing threat: an alternating side never carries one out', () => {
    const p = fixed('Alternator', 'Cooperator', 2);
    const sim = new Simulator(p);
    sim.run(1, 0);
    assert.ok(sim.chooser.threatLogLength > 0);
    const dMoves = movesOf(sim, p, 0).filter(
      ([, id]) => p.moves.posture[0][p.moves.ids[0].indexOf(id)] === 1,
    );
    assert.deepEqual(dMoves, []);
  });

  test('under implement the chosen escalation is the one of largest net pressure whatever the menu order', () => {
    const first = (p: Prepared) => {
      const sim = new Simulator(p);
      sim.run(1, 0);
      return movesOf(sim, p, 0)[0]?.[1];
    };
    const a = first(fixed('Defector', 'Cooperator', 0));
    const b = first(reverseMenus(fixed('Defector', 'Cooperator', 0)));
    assert.ok(a !== undefined);
    assert.equal(a, b);
    // and it is not simply the first D move of the shipped menu (us-claim-deal)
    assert.notEqual(a, 'us-claim-deal');
  });
});

describe('renewal by costs', () => {
  const renewal = (extensionCost: number, noise: number) => {
    const p = prepared();
    p.uncertain = [];
    p.strategies = [
      { name: 'Cooperator', params: {} },
      { name: 'Cooperator', params: {} },
    ];
    p.slot_defaults[0] = 0;
    p.slot_defaults[p.slot_names.indexOf('agreements.extension_cost_usd')] = extensionCost;
    p.slot_defaults[p.slot_names.indexOf('agreements.renewal_noise')] = noise;
    const sim = new Simulator(p);
    let lapsed = 0;
    for (let r = 0; r < 60; r++) {
      sim.run(3, r);
      if (sim.scalars[1] === 9) lapsed++; // the Geneva clock ends before week 9
    }
    return lapsed / 60;
  };
  test('cheap to extend: always extended; prohibitive: always lapses; in between with noise: both', () => {
    assert.equal(renewal(0, 0), 0);
    assert.equal(renewal(1e13, 0), 1);
    // misperception both ways: at a cost where the margin is small some runs extend and some do not
    const mixed = [1e9, 1e10, 1e11].map((c) => renewal(c, 1));
    assert.ok(
      mixed.some((x) => x > 0.05 && x < 0.95),
      `lapse shares ${mixed.join(', ')}`,
    );
  });
});
