import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  playMatch,
  playInto,
  PairHistory,
  createStrategy,
  symmetricStageGame,
  STRATEGIES,
  DETERMINISTIC_CLASSICS,
  C,
  D,
} from '../../src/game/index.ts';
import type { Action, History, MatchTotals, Strategy, StrategySpec } from '../../src/game/index.ts';

const S = (name: string, params?: Record<string, string | number>): StrategySpec => ({ name, params });
/** Axelrod's MockPlayer: plays the given moves, cycling. */
const mock = (moves: string): StrategySpec => S('Scripted', { script: moves });

/** Both played action strings of a noise-free match. */
function play(a: StrategySpec, b: StrategySpec, turns: number): [string, string] {
  return playMatch(a, b, { turns }).actions;
}
const rep = (s: string, n: number): string => s.repeat(n);

// Expected sequences below are written from each strategy's published rule (Axelrod-Python
// 4.x documentation and its test-suite expectations), turn by turn, not from our output.
describe('Axelrod classics move by move', () => {
  test('Cooperator / Defector / Alternator / CyclerCCD', () => {
    assert.deepEqual(play(S('Cooperator'), S('Defector'), 4), ['CCCC', 'DDDD']);
    assert.deepEqual(play(S('Alternator'), S('Cooperator'), 5), ['CDCDC', 'CCCCC']);
    assert.deepEqual(play(S('CyclerCCD'), S('Defector'), 7), ['CCDCCDC', 'DDDDDDD']);
  });

  test('TitForTat vs Alternator, Cooperator, Defector, mock CCDDCD', () => {
    assert.deepEqual(play(S('TitForTat'), S('Alternator'), 5), ['CCDCD', 'CDCDC']);
    assert.deepEqual(play(S('TitForTat'), S('Cooperator'), 5), ['CCCCC', 'CCCCC']);
    assert.deepEqual(play(S('TitForTat'), S('Defector'), 5), ['CDDDD', 'DDDDD']);
    assert.deepEqual(play(S('TitForTat'), mock('CCDDCD'), 6), ['CCCDDC', 'CCDDCD']);
  });

  test('SuspiciousTitForTat vs TitForTat alternates out of phase', () => {
    assert.deepEqual(play(S('SuspiciousTitForTat'), S('TitForTat'), 16), [rep('DC', 8), rep('CD', 8)]);
  });

  test('TitFor2Tats punishes only two Ds in a row', () => {
    assert.deepEqual(play(S('TitFor2Tats'), mock('DDDCC'), 5), ['CCDDC', 'DDDCC']);
    assert.deepEqual(play(S('TitFor2Tats'), S('Alternator'), 6), ['CCCCCC', 'CDCDCD']);
  });

  test('TwoTitsForTat answers one D twice', () => {
    assert.deepEqual(play(S('TwoTitsForTat'), mock('DCCDC'), 5), ['CDDCD', 'DCCDC']);
  });

  test('HardTitForTat looks back three moves', () => {
    assert.deepEqual(play(S('HardTitForTat'), mock('DCCCDC'), 6), ['CDDDCD', 'DCCCDC']);
  });

  test('Bully and AntiTitForTat', () => {
    assert.deepEqual(play(S('Bully'), S('Alternator'), 5), ['DDCDC', 'CDCDC']);
    assert.deepEqual(play(S('Bully'), S('Cooperator'), 5), ['DDDDD', 'CCCCC']);
    assert.deepEqual(play(S('Bully'), S('Defector'), 5), ['DCCCC', 'DDDDD']);
    assert.deepEqual(play(S('AntiTitForTat'), S('TitForTat'), 16), [rep('CDDC', 4), rep('CCDD', 4)]);
  });

  test('Grudger never forgives', () => {
    const opp = rep('C', 10) + 'D' + rep('C', 20);
    assert.deepEqual(play(S('Grudger'), mock(opp), 31), [rep('C', 11) + rep('D', 20), opp]);
    assert.deepEqual(play(S('Grudger'), S('Defector'), 21), ['C' + rep('D', 20), rep('D', 21)]);
  });

  test('ForgetfulGrudger: exactly 10 Ds, then re-checks the last move', () => {
    const cycle = 'CCD' + rep('C', 10); // 13 moves, cycled
    const [fg, opp] = play(S('ForgetfulGrudger'), mock(cycle), 40);
    assert.equal(fg, rep('CCC' + rep('D', 10), 3) + 'C');
    assert.equal(opp, rep(cycle, 3) + 'C');
    // against Defector the grudge is renewed at each reset: C then D forever
    assert.deepEqual(play(S('ForgetfulGrudger'), S('Defector'), 15), ['C' + rep('D', 14), rep('D', 15)]);
    // a D during the grudge does not extend it: D at turns 3 and 6, then C
    assert.equal(
      play(S('ForgetfulGrudger'), mock('CCDCCD' + rep('C', 30)), 16)[0],
      'CCC' + rep('D', 10) + 'CCC',
    );
  });

  test('SoftGrudger: D,D,D,D,C,C regardless of the opponent, then resumes', () => {
    assert.deepEqual(play(S('SoftGrudger'), S('Defector'), 31), ['C' + rep('DDDDCC', 5), rep('D', 31)]);
    const opp = rep('C', 10) + 'D';
    const [sg] = play(S('SoftGrudger'), mock(opp), 11 + 11 * 5);
    assert.equal(sg, rep('C', 11) + rep('DDDDCC' + 'CCCCC', 5));
  });

  test('WinStayLoseShift vs Alternator', () => {
    assert.deepEqual(play(S('WinStayLoseShift'), S('Alternator'), 8), ['CCDDCCDD', 'CDCDCDCD']);
    assert.deepEqual(play(S('WinStayLoseShift'), S('Defector'), 6), ['CDCDCD', 'DDDDDD']);
  });

  test('GoByMajority ties: soft cooperates, hard defects', () => {
    // Against Alternator the opponent's record is tied before every odd turn.
    assert.deepEqual(play(S('GoByMajority'), S('Alternator'), 6), ['CCCCCC', 'CDCDCD']);
    assert.deepEqual(play(S('HardGoByMajority'), S('Alternator'), 6), ['DCDCDC', 'CDCDCD']);
    // Soft: D only when Ds strictly outnumber Cs (after CDD: 1 C, 2 D); after CDDC the 2-2 tie gives C
    assert.deepEqual(play(S('GoByMajority'), mock('CDDCCC'), 6)[0], 'CCCDCC');
    assert.deepEqual(play(S('HardGoByMajority'), S('Cooperator'), 3)[0], 'DCC');
  });

  test("GoByMajority against a C,D,D cycle (Axelrod's test_gobymajority)", () => {
    // Hard: D (tie), C, D (tie), D, D (tie), D, then (D,C),(D,D),(D,D) repeating
    assert.equal(play(S('HardGoByMajority'), mock('CDD'), 36)[0], 'DCDDDD' + rep('DDD', 10));
    // Soft: the ties on turns 1, 3 and 5 give C instead
    assert.equal(play(S('GoByMajority'), mock('CDD'), 36)[0], 'CCCDCD' + rep('DDD', 10));
  });

  test('Prober: D,C,C then exploits non-retaliators, else Tit For Tat', () => {
    assert.deepEqual(play(S('Prober'), S('Cooperator'), 6), ['DCCDDD', 'CCCCCC']);
    assert.deepEqual(play(S('Prober'), S('Defector'), 6), ['DCCDDD', 'DDDDDD']);
    assert.deepEqual(play(S('Prober'), S('TitForTat'), 6), ['DCCCCC', 'CDCCCC']);
    // opponent C on turn 2 but D on turn 3: the test fails, so Tit For Tat from turn 4
    assert.deepEqual(play(S('Prober'), mock('CCDCDC'), 6)[0], 'DCCDCD');
    // Axelrod's test_prober cases
    assert.deepEqual(play(S('Prober'), S('Alternator'), 5), ['DCCCD', 'CDCDC']);
    assert.deepEqual(play(S('Prober'), mock('DCC'), 6), ['DCCDDD', 'DCCDCC']);
  });

  test("Gradual's punishment counting and calming (Axelrod 4.x tests)", () => {
    const cases: [string, string][] = [
      ['DC', 'CD'],
      ['DCC', 'CDC'],
      ['DCDC', 'CDCC'],
      ['DCDCCCDC', 'CDCCCCCD'],
      ['DCDCCDDD', 'CDCCCCDD'],
    ];
    for (const [opp, mine] of cases) assert.equal(play(S('Gradual'), mock(opp), opp.length)[0], mine, opp);
    // Against Defector: punishments of 1, 4, 10, 22 Ds (the opponent's running D count), each followed by C,C.
    const expected =
      'C' + 'D' + 'CC' + rep('D', 4) + 'CC' + rep('D', 10) + 'CC' + rep('D', 22) + 'CC' + 'DDDD';
    assert.equal(play(S('Gradual'), S('Defector'), expected.length)[0], expected);
  });

  test('Gradual 1000-turn payoffs from Axelrod issue #1294', () => {
    // Axelrod's test_specific_set_of_results: Gradual's payoff (per turn x 1000) against
    // TFT, GoByMajority, Grudger, WSLS, Prober, Defector, Cooperator, CyclerCCD, CyclerDDC.
    const opps: [StrategySpec, number][] = [
      [S('TitForTat'), 3000],
      [S('GoByMajority'), 3000],
      [S('Grudger'), 3000],
      [S('WinStayLoseShift'), 3000],
      [S('Prober'), 2999],
      [S('Defector'), 983],
      [S('Cooperator'), 3000],
      [S('CyclerCCD'), 3596],
      [mock('DDC'), 2302],
    ];
    for (const [o, want] of opps)
      assert.equal(playMatch(S('Gradual'), o, { turns: 1000 }).scores[0], want, o.name);
    // the "mistrust with a bug" memory-one player: D first, then C iff both cooperated last turn
    const mistrust: Strategy = {
      name: 'Mistrust',
      stochastic: false,
      parameters: {},
      reset() {},
      next: (h: History): Action =>
        h.turn > 0 && h.own[h.turn - 1] === C && h.opp[h.turn - 1] === C ? C : D,
    };
    const tot: MatchTotals = { turns: 0, scoreA: 0, scoreB: 0, coopA: 0, coopB: 0 };
    playInto(
      createStrategy('Gradual'),
      mistrust,
      symmetricStageGame(),
      { turns: 1000, probEnd: 0, noise: 0, seed: 0, streamIndex: 0 },
      new PairHistory(),
      tot,
    );
    assert.equal(tot.scoreA, 983);
  });
});

describe('trade-war strategies', () => {
  test('FightOrTalk opens with talk, then mirrors: identical to TitForTat against any script', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[CD]{1,30}$/), fc.integer({ min: 1, max: 60 }), (script, turns) => {
        assert.deepEqual(
          play(S('FightOrTalk'), mock(script), turns),
          play(S('TitForTat'), mock(script), turns),
        );
      }),
      { numRuns: 100 },
    );
    assert.equal(play(S('FightOrTalk'), mock('DDCCD'), 6)[0], 'CDDCCD');
  });

  test('TACO vs Defector: escalates until pain R-P = 2 per turn accumulates past 5, then backs down for good', () => {
    // pain per turn under (D,D) = 3-1 = 2 -> A = 2, 4, 6 > 5 after 3 turns; then (C,D) pain 3
    assert.equal(play(S('TACO', { threshold: 5, decay: 0 }), S('Defector'), 8)[0], 'DDDCCCCC');
  });

  test('TACO vs TitForTat: gains count as negative pain', () => {
    // T0 (D,C) pain 3-5 = -2; then (D,D) +2 per turn: A = -2, 0, 2, 4, 6 -> backs down on turn 6
    const [taco, tft] = play(S('TACO', { threshold: 5, decay: 0 }), S('TitForTat'), 9);
    assert.equal(taco, 'DDDDDCCCC');
    assert.equal(tft, 'CDDDDDCCC');
  });

  test('TACO re-escalates when pain is forgotten, unless reescalate=0', () => {
    // decay 0.5 vs Defector: A = 2, 3, 3.5, 3.75, ... never > 5: always D
    assert.equal(play(S('TACO', { threshold: 5, decay: 0.5 }), S('Defector'), 6)[0], 'DDDDDD');
    // vs TitForTat, threshold 1, decay 0.5: A: -2, then (D,D) -> -1+2=1 (not >1) -> D; 0.5+2 = 2.5 -> C;
    // (C,D) pain 3: 1.25+3 = 4.25 -> C; (C,C) pain 0: 2.125 -> C; 1.0625 -> C; 0.53 -> D (re-escalates)
    const [t1] = play(S('TACO', { threshold: 1, decay: 0.5 }), S('TitForTat'), 8);
    assert.equal(t1, 'DDDCCCCD');
    const [t2] = play(S('TACO', { threshold: 1, decay: 0.5, reescalate: 0 }), S('TitForTat'), 8);
    assert.equal(t2, 'DDDCCCCC');
  });

  test('TACO reads an externally supplied pain signal instead of payoffs', () => {
    // player 1 suffers 10 per turn whatever happens: backs down on turn 2
    const m = playMatch(S('TACO', { threshold: 5, decay: 0 }), S('Cooperator'), {
      turns: 4,
      pain: (_t, _a, _b, out) => {
        out[0] = 10;
        out[1] = 0;
      },
    });
    assert.equal(m.actions[0], 'DCCC');
    // zero external pain: never backs down even against a Defector
    const calm = playMatch(S('TACO', { threshold: 5, decay: 0 }), S('Defector'), {
      turns: 6,
      pain: (_t, _a, _b, out) => out.fill(0),
    });
    assert.equal(calm.actions[0], 'DDDDDD');
  });

  test('PainReactive answers a felt rise of its pain, talks when pain is flat, and talks under pressure after face_weeks', () => {
    const doubling = (threshold: number) =>
      playMatch(
        S('PainReactive', { threshold, decay: 0, face_weeks: 2, sensitivity: 0.05 }),
        S('Cooperator'),
        {
          turns: 6,
          pain: (t, _a, _b, out) => {
            out[0] = 2 ** t; // 1, 2, 4, 8, ...: every turn a rise of 100% > 5%
            out[1] = 0;
          },
        },
      ).actions[0];
    // turns 0-1 talk; then every turn sees a rise: D
    assert.equal(doubling(1e9), 'CCDDDD');
    // threshold 5, decay 0: A after turns 0..3 = 1, 3, 7, 15. t=2: A=3 -> D; t=3: A=7 > 5 but it
    // has answered once -> D; t=4: answered twice -> C; t=5: answered 0 again -> D
    assert.equal(doubling(5), 'CCDDCD');
    const flat = playMatch(S('PainReactive', { threshold: 1e9 }), S('Defector'), {
      turns: 6,
      pain: (_t, _a, _b, out) => out.fill(10),
    });
    assert.equal(flat.actions[0], 'CCCCCC', 'no rise of pain: no escalation felt, whatever the labels say');
  });

  test('Scripted plays the script then its fallback', () => {
    assert.equal(play(S('Scripted', { script: 'DDC' }), S('Cooperator'), 7)[0], 'DDCDDCD');
    assert.equal(play(S('Scripted', { script: 'DDC', fallback: 'last' }), S('Cooperator'), 5)[0], 'DDCCC');
    assert.equal(play(S('Scripted', { script: 'C', fallback: 'D' }), S('Cooperator'), 3)[0], 'CDD');
    assert.equal(play(S('Scripted', { script: 'D', fallback: 'TitForTat' }), S('Alternator'), 5)[0], 'DCDCD');
  });
});

describe('registry', () => {
  test('lists every required strategy with its parameters; 19 deterministic classics', () => {
    const names = STRATEGIES.map((s) => s.name);
    for (const n of [
      'Cooperator',
      'Defector',
      'TitForTat',
      'SuspiciousTitForTat',
      'TitFor2Tats',
      'TwoTitsForTat',
      'HardTitForTat',
      'Grudger',
      'ForgetfulGrudger',
      'SoftGrudger',
      'Alternator',
      'CyclerCCD',
      'WinStayLoseShift',
      'GoByMajority',
      'HardGoByMajority',
      'Bully',
      'AntiTitForTat',
      'Prober',
      'Gradual',
      'GenerousTitForTat',
      'Random',
      'TACO',
      'FightOrTalk',
      'Scripted',
    ])
      assert.ok(names.includes(n), n);
    assert.equal(DETERMINISTIC_CLASSICS.length, 19);
  });

  test('out-of-range and unknown parameters are precise errors', () => {
    assert.throws(
      () => createStrategy('TACO', { decay: 1.5 }),
      /TACO\.decay: expected a value in \[0, 1\], got 1\.5/,
    );
    assert.throws(
      () => createStrategy('TACO', { threshold: 'x' }),
      /TACO\.threshold: expected a number, got "x"/,
    );
    assert.throws(() => createStrategy('TACO', { speed: 1 }), /TACO: unknown parameter "speed"/);
    assert.throws(() => createStrategy('Random', { p: -0.1 }), /Random\.p/);
    assert.throws(() => createStrategy('Scripted', {}), /Scripted: parameter "script" is required/);
    assert.throws(
      () => createStrategy('Scripted', { script: 'CXD' }),
      /Scripted\.script: expected a non-empty string of C and D, got "CXD"/,
    );
    assert.throws(
      () => createStrategy('TitForTwat'),
      /unknown strategy "TitForTwat" \(did you mean TitForTat or TitFor2Tats\?\); known strategies: Cooperator/,
    );
  });

  test('Axelrod names and loose spelling resolve', () => {
    assert.equal(createStrategy('GTFT').name, 'GenerousTitForTat');
    assert.equal(createStrategy('tit for tat').name, 'TitForTat');
  });
});

describe('stochastic strategies: statistical properties', () => {
  test('Random(p) cooperates at rate p', () => {
    const m = playMatch(S('Random', { p: 0.3 }), S('Cooperator'), { turns: 20000, seed: 4 });
    assert.ok(Math.abs(m.cooperation_rate[0] - 0.3) < 0.015, `${m.cooperation_rate[0]}`);
    assert.equal(play(S('Random', { p: 1 }), S('Defector'), 5)[0], 'CCCCC');
  });

  test('GenerousTitForTat forgives a Defector at rate 1/3 (default game) and never defects first', () => {
    const m = playMatch(S('GenerousTitForTat'), S('Defector'), { turns: 20001, seed: 9 });
    assert.equal(m.actions[0][0], 'C');
    const rate = (m.cooperation_rate[0] * 20001 - 1) / 20000;
    assert.ok(Math.abs(rate - 1 / 3) < 0.015, `${rate}`);
    assert.equal(play(S('GenerousTitForTat'), S('Cooperator'), 50)[0], rep('C', 50));
  });
});
