import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  playMatch,
  roundRobin,
  roundRobinParallel,
  PairHistory,
  createStrategy,
  playInto,
  moranProcess,
  moranFixation,
  DETERMINISTIC_CLASSICS,
  symmetricStageGame,
} from '../../src/game/index.ts';
import type { StrategySpec } from '../../src/game/index.ts';

const S = (name: string, params?: Record<string, string | number>): StrategySpec => ({ name, params });

describe('match', () => {
  test('scores follow the stage game (TitForTat vs Defector, 10 turns: 0 + 9*1 vs 5 + 9*1)', () => {
    const m = playMatch(S('TitForTat'), S('Defector'), { turns: 10 });
    assert.deepEqual(m.scores, [9, 14]);
    assert.deepEqual(m.cooperation_rate, [0.1, 0]);
  });

  test('an arbitrary (asymmetric) 2x2 stage game is used as given', () => {
    // Player 1 gets A[a1][a2], player 2 gets B[a1][a2]
    const game = {
      A: [
        [2, -1],
        [4, 0],
      ],
      B: [
        [7, 8],
        [-2, 1],
      ],
    } as const;
    const m = playMatch(S('Cooperator'), S('Defector'), { turns: 3, game });
    assert.deepEqual(m.scores, [-3, 24]);
  });

  test('noise flips chosen actions at rate p, and the flipped action is recorded', () => {
    const m = playMatch(S('Cooperator'), S('Cooperator'), { turns: 40000, noise: 0.1, seed: 3 });
    assert.ok(Math.abs(1 - m.cooperation_rate[0] - 0.1) < 0.006);
    // TitForTat copies the recorded (flipped) move: its move t+1 equals the opponent's record at t
    const t = playMatch(S('TitForTat'), S('Cooperator'), { turns: 500, noise: 0.2, seed: 5 });
    let copies = 0;
    for (let i = 1; i < 500; i++) if (t.actions[0][i] === t.actions[1][i - 1]) copies++;
    // a copy fails only when TitForTat's own move is flipped: rate about 0.8
    assert.ok(copies / 499 > 0.72 && copies / 499 < 0.88, `${copies}`);
  });

  test('same seed, same match; different seed, different match', () => {
    const a = playMatch(S('Random'), S('GenerousTitForTat'), { turns: 200, noise: 0.05, seed: 11 });
    const b = playMatch(S('Random'), S('GenerousTitForTat'), { turns: 200, noise: 0.05, seed: 11 });
    const c = playMatch(S('Random'), S('GenerousTitForTat'), { turns: 200, noise: 0.05, seed: 12 });
    assert.deepEqual(a, b);
    assert.notDeepEqual(a.actions, c.actions);
  });

  test('probabilistic ending: mean length 1/p (geometric), cap respected', () => {
    let total = 0;
    const N = 3000;
    for (let k = 0; k < N; k++)
      total += playMatch(S('Cooperator'), S('Cooperator'), {
        turns: 100000,
        probEnd: 0.1,
        seed: 1,
        streamIndex: k,
      }).turns;
    assert.ok(Math.abs(total / N - 10) < 0.6, `${total / N}`);
    assert.ok(playMatch(S('Cooperator'), S('Cooperator'), { turns: 3, probEnd: 0.001, seed: 1 }).turns <= 3);
  });

  test('bad options are precise errors', () => {
    assert.throws(
      () => playMatch(S('Cooperator'), S('Defector'), { turns: 10, noise: 1.5 }),
      /noise: expected a probability in \[0, 1\], got 1\.5/,
    );
    assert.throws(
      () => playMatch(S('Cooperator'), S('Defector'), { turns: 0 }),
      /turns: expected an integer/,
    );
  });
});

describe('driving strategies directly (as the weekly simulation will)', () => {
  test('PairHistory records moves, payoffs, counts and pain; TACO reads the pain', () => {
    const h = new PairHistory(10, true);
    const taco = createStrategy('TACO', { threshold: 5, decay: 0 });
    const fot = createStrategy('FightOrTalk');
    const ctx = { turns: 10, payoffs: { R: 3, S: 0, T: 5, P: 1 }, noise: 0 };
    taco.reset(ctx);
    fot.reset(ctx);
    const moves: string[] = [];
    for (let week = 0; week < 4; week++) {
      const rng = undefined as never; // deterministic strategies never draw
      const x = taco.next(h.a, rng);
      const y = fot.next(h.b, rng);
      moves.push(`${x}${y}`);
      // the simulation's harms: 4 a week for TACO's side while both escalate, else 0
      h.record(x, y, 0, 0, x === 1 && y === 1 ? 4 : 0, 0);
    }
    // week 0: TACO D, FoT C (no pain); week 1: D, D (pain 4, A = 4); week 2: A = 4 <= 5 -> D, D (A = 8);
    // week 3: A = 8 > 5 -> C
    assert.deepEqual(moves, ['10', '11', '11', '01']);
    assert.equal(h.a.turn, 4);
    assert.equal(h.a.ownDefections, 3);
    assert.equal(h.b.oppDefections, 3);
    assert.equal(h.actions(0), 'DDDC');
    assert.throws(() => {
      for (let i = 0; i < 7; i++) h.record(0, 0, 0, 0);
    }, /more than 10 turns/);
  });

  test('a strategy that claims to be deterministic but draws a random number fails loudly', () => {
    const liar = {
      name: 'Liar',
      stochastic: false,
      parameters: {},
      reset() {},
      next: (_h: unknown, rng: { nextDouble(): number }) => (rng.nextDouble() < 0.5 ? 0 : 1) as 0 | 1,
    };
    const tot = { turns: 0, scoreA: 0, scoreB: 0, coopA: 0, coopB: 0 };
    assert.throws(
      () =>
        playInto(
          liar,
          createStrategy('Cooperator'),
          symmetricStageGame(),
          { turns: 3, probEnd: 0, noise: 0, seed: 1, streamIndex: 0 },
          new PairHistory(),
          tot,
        ),
      /declared stochastic: false drew a random number/,
    );
  });
});

describe('round-robin tournament', () => {
  test('hand-computed 3-player tournament (self-play excluded from scores)', () => {
    // 10 turns: TFT-D 9/14, TFT-C 30/30, D-C 50/0
    const r = roundRobin({
      players: [S('TitForTat'), S('Defector'), S('Cooperator')],
      turns: 10,
      repetitions: 2,
    });
    assert.deepEqual(r.scores, [
      [39, 39],
      [64, 64],
      [30, 30],
    ]);
    assert.deepEqual(r.normalised_scores[0], [1.95, 1.95]);
    assert.deepEqual(r.ranking, [1, 0, 2]);
    assert.deepEqual(r.ranked_players, ['Defector', 'TitForTat', 'Cooperator']);
    assert.deepEqual(r.payoff_matrix, [
      [3, 0.9, 3],
      [1.4, 1, 5],
      [3, 0, 3],
    ]);
    assert.deepEqual(r.wins, [
      [0, 0],
      [2, 2],
      [0, 0],
    ]);
    // TFT cooperates 1/10 vs D and 10/10 vs C: 11/20 excluding self-play
    assert.equal(r.cooperation_rate[0], 11 / 20);
    assert.equal(r.matches, 12);
  });

  test("Axelrod-Python's documented tournament (docs: 'Accessing tournament results', turns=10, repetitions=3)", () => {
    const r = roundRobin({
      players: [S('Cooperator'), S('Defector'), S('TitForTat'), S('Grudger')],
      turns: 10,
      repetitions: 3,
    });
    assert.deepEqual(r.wins, [
      [0, 0, 0],
      [3, 3, 3],
      [0, 0, 0],
      [0, 0, 0],
    ]);
    assert.deepEqual(r.scores, [
      [60, 60, 60],
      [78, 78, 78],
      [69, 69, 69],
      [69, 69, 69],
    ]);
    assert.deepEqual(r.normalised_scores[0], [2, 2, 2]);
    assert.deepEqual(r.ranking, [1, 2, 3, 0]);
    assert.deepEqual(r.ranked_players, ['Defector', 'TitForTat', 'Grudger', 'Cooperator']);
    const rounded = r.payoff_matrix.map((row) => row.map((x) => Math.round(x * 10) / 10));
    assert.deepEqual(rounded, [
      [3, 0, 3, 3],
      [5, 1, 1.4, 1.4],
      [3, 0.9, 3, 3],
      [3, 0.9, 3, 3],
    ]);
    assert.deepEqual(r.cooperation_matrix, [
      [1, 1, 1, 1],
      [0, 0, 0, 0],
      [1, 0.1, 1, 1],
      [1, 0.1, 1, 1],
    ]);
    assert.deepEqual(
      r.cooperation_rate.map((x) => Math.round(x * 10) / 10),
      [1, 0, 0.7, 0.7],
    );
  });

  test('ties in the ranking keep player order (Axelrod sorts stably)', () => {
    const r = roundRobin({
      players: [S('Cooperator'), S('TitForTat'), S('Grudger')],
      turns: 5,
      repetitions: 1,
    });
    assert.deepEqual(r.ranking, [0, 1, 2]);
  });

  test('19 deterministic classics: the pair-once shortcut equals the full loop; invariants hold', () => {
    const players = DETERMINISTIC_CLASSICS.map((name) => ({ name }));
    const full = roundRobin({ players, turns: 50, repetitions: 3, shortcutDeterministic: false });
    const once = roundRobin({ players, turns: 50, repetitions: 3 });
    assert.equal(once.pairs_played_once, true);
    assert.equal(full.pairs_played_once, false);
    assert.deepEqual({ ...once, pairs_played_once: false }, full);
    const n = players.length;
    for (let i = 0; i < n; i++) {
      // normalised score = mean of the off-diagonal payoff-matrix row
      let s = 0;
      for (let j = 0; j < n; j++) if (j !== i) s += full.payoff_matrix[i][j];
      assert.ok(Math.abs(full.normalised_scores[i][0] - s / (n - 1)) < 1e-12);
    }
    for (let k = 1; k < n; k++)
      assert.ok(
        full.median_normalised_score[full.ranking[k - 1]] >= full.median_normalised_score[full.ranking[k]],
      );
  });

  test('a seeded noisy tournament: each match depends only on (seed, match index) - any split across workers gives the same result', () => {
    const players = [S('TitForTat'), S('Random')];
    const R = 5;
    const t = roundRobin({ players, turns: 30, repetitions: R, noise: 0.1, seed: 77 });
    assert.equal(t.pairs_played_once, false);
    // pair (0,1) is pair index 1 (after (0,0)); its repetition r is match index 1*R + r
    for (let r = 0; r < R; r++) {
      const m = playMatch(players[0], players[1], {
        turns: 30,
        noise: 0.1,
        seed: 77,
        streamIndex: 1 * R + r,
      });
      assert.equal(t.scores[0][r], m.scores[0]);
      assert.equal(t.scores[1][r], m.scores[1]);
    }
    assert.deepEqual(roundRobin({ players, turns: 30, repetitions: R, noise: 0.1, seed: 77 }), t);
  });

  test('worker threads: 1, 2 and 3 workers give byte-identical results to the single-threaded run', async () => {
    const opts = {
      players: [S('TitForTat'), S('Random', { p: 0.3 }), S('GenerousTitForTat'), S('TACO'), S('Gradual')],
      turns: 40,
      repetitions: 4,
      noise: 0.05,
      seed: 2025,
    };
    const single = JSON.stringify(roundRobin(opts));
    for (const workers of [1, 2, 3])
      assert.equal(JSON.stringify(await roundRobinParallel(opts, workers)), single, `${workers} workers`);
    await assert.rejects(roundRobinParallel(opts, 0), /workers: expected an integer in \[1, 256\], got 0/);
  });

  test('bad tournament input', () => {
    assert.throws(
      () => roundRobin({ players: [S('Cooperator')], turns: 5, repetitions: 1 }),
      /at least 2 players/,
    );
    assert.throws(
      () => roundRobin({ players: [S('Cooperator'), S('Defector')], turns: 5, repetitions: 0 }),
      /repetitions: expected an integer/,
    );
  });
});

describe('Moran process', () => {
  test('counts always sum to N; a single-strategy population is fixated at step 0', () => {
    const r = moranProcess({
      population: [S('Defector'), S('Defector'), S('Cooperator'), S('Cooperator')],
      turns: 10,
      seed: 2,
    });
    for (let k = 0; k <= r.steps; k++) assert.equal(r.counts[0][k] + r.counts[1][k], 4);
    assert.ok(r.fixated !== null);
    assert.equal(r.counts[r.strategies.indexOf(r.fixated as string)][r.steps], 4);
    const mono = moranProcess({ population: [S('Grudger'), S('Grudger')], turns: 5 });
    assert.equal(mono.steps, 0);
    assert.equal(mono.fixated, 'Grudger');
  });

  test('neutral drift: a strategy held by i of N individuals fixates with probability i/N (Moran 1958)', () => {
    // TitForTat and FightOrTalk play identically, so every payoff is equal: selection is neutral.
    const pop = [S('FightOrTalk'), S('TitForTat'), S('TitForTat'), S('TitForTat')];
    const f = moranFixation({ population: pop, turns: 5, runs: 800, seed: 1 });
    assert.equal(f.unfixed, 0);
    assert.equal(f.fixations[0] + f.fixations[1], 800);
    // binomial sd sqrt(0.25 * 0.75 / 800) = 0.015: allow 4 sd
    assert.ok(Math.abs(f.fixation_probability[0] - 0.25) < 0.06, `${f.fixation_probability[0]}`);
    assert.deepEqual(
      moranFixation({ population: pop, turns: 5, runs: 50, seed: 1 }).fixations,
      moranFixation({ population: pop, turns: 5, runs: 50, seed: 1 }).fixations,
    );
    assert.throws(() => moranFixation({ population: pop, turns: 5, runs: 0 }), /runs: expected an integer/);
  });

  test('Defectors take over Cooperators in most runs (selection), reproducibly', () => {
    let d = 0;
    for (let seed = 0; seed < 40; seed++) {
      const r = moranProcess({
        population: [S('Defector'), S('Defector'), S('Cooperator'), S('Cooperator')],
        turns: 10,
        seed,
      });
      if (r.fixated === 'Defector') d++;
    }
    // neutral drift would give 50%; D's fitness (50-100 vs 0-30 for C) makes it far likelier
    assert.ok(d >= 30, `${d}/40`);
    const a = moranProcess({
      population: [S('TitForTat'), S('Random'), S('Defector')],
      turns: 20,
      noise: 0.05,
      seed: 9,
    });
    const b = moranProcess({
      population: [S('TitForTat'), S('Random'), S('Defector')],
      turns: 20,
      noise: 0.05,
      seed: 9,
    });
    assert.deepEqual(a, b);
    assert.equal(symmetricStageGame().A[1][0], 5);
  });
});
