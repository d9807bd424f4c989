// The timeline (CLI `timeline` = GET /timeline) and the game results in ONE shape (CLI `game
// bargain` = POST /game/bargaining, CLI `game nash` = POST /game/equilibria).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadScenarioSync } from '../../src/io/index.ts';
import { LeverageError } from '../../src/errors/index.ts';
import { bargainingReport, queryField, timelineReport } from '../../src/report/index.ts';
import { cliField } from '../../src/cli/args.ts';
import { namedStageGame } from '../../src/game/index.ts';
import { assertParity } from './parity.ts';

const scn = loadScenarioSync('us-china');

describe('timeline (report)', () => {
  test('events in the window, sorted; rows carry intervals; an unknown id is located at the field', () => {
    const r = timelineReport(scn, { from: '2025-06-01', to: '2025-06-30' }, queryField);
    assert.ok(r.events.length > 0);
    assert.ok(r.events.every((e) => e.date >= '2025-06-01' && e.date <= '2025-06-30'));
    assert.deepEqual(
      r.events.map((e) => e.date),
      [...r.events.map((e) => e.date)].sort(),
    );
    const london = r.rows.find((x) => x.id === 'agr-london-framework-2025-06')!;
    assert.equal(london.kind, 'agreement');
    assert.deepEqual(
      london.intervals.map((i) => i.state),
      ['talks', 'agreed_in_principle', 'signed', 'implemented'],
    );
    assert.equal(london.intervals[0].to, london.intervals[1].from, 'intervals abut');
    for (const label of [queryField, cliField()])
      assert.throws(
        () => timelineReport(scn, { id: 'nope' }, label),
        (e: unknown) =>
          e instanceof LeverageError &&
          e.kind === 'not_found' &&
          /^(--id|query\.id): no measure/.test(e.message),
      );
  });

  test('parity: `leverage timeline --json` deep-equals GET /timeline (same window)', async () => {
    const doc = (await assertParity(
      ['timeline', '--from', '2025-01-01', '--to', '2025-12-31'],
      '/api/scenarios/us-china/timeline?from=2025-01-01&to=2025-12-31',
    )) as { rows: unknown[]; events: unknown[] };
    assert.ok(doc.rows.length > 10 && doc.events.length > 10);
  });
});

describe('game results (report)', () => {
  test('bargaining: Rubinstein closed form, Nash with leverage, one shape with nulls for the parts not asked', () => {
    const r = bargainingReport({ delta1: 0.9, delta2: 0.8 }, queryField);
    // player 1 proposing first: (1 - d2) / (1 - d1 d2) = 0.2 / 0.28
    assert.ok(Math.abs(r.rubinstein!.share1 - 0.2 / 0.28) < 1e-12);
    assert.equal(r.nash, null);
    assert.equal(r.breakdown, null);
    const n = bargainingReport({ d1: 0.2, d2: -0.2 }, queryField).nash!;
    // u1 = d1 + (1 - d1 - d2) / 2 = 0.7; baseline 0.5; leverage +-(d1 - d2)/2 = +-0.2
    assert.ok(Math.abs(n.u1 - 0.7) < 1e-12 && Math.abs(n.leverage[0] - 0.2) < 1e-12);
    assert.throws(() => bargainingReport({ d1: 0.2 }, queryField), /query\.d2: give both/);
  });

  test('parity: `leverage game strategies --json` deep-equals GET /game/strategies (patterns as their source)', async () => {
    const doc = (await assertParity(['game', 'strategies'], '/api/game/strategies')) as {
      strategies: { name: string; parameters: { name: string; pattern?: string; pattern_text?: string }[] }[];
    };
    const moves = doc.strategies.find((s) => s.name === 'Scripted')!.parameters.find((p) => p.pattern)!;
    assert.ok(new RegExp(moves.pattern!).test('CDDC') && !new RegExp(moves.pattern!).test('CXC'));
    assert.equal(typeof moves.pattern_text, 'string');
  });

  test('parity: `leverage game bargain --json` deep-equals POST /game/bargaining', async () => {
    await assertParity(
      ['game', 'bargain', '--delta1', '0.9', '--delta2', '0.8', '--outside2', '0.3'],
      '/api/game/bargaining',
      { method: 'rubinstein', delta1: 0.9, delta2: 0.8, outside2: 0.3 },
    );
  });

  test('parity: `leverage game nash chicken --json` deep-equals POST /game/equilibria', async () => {
    const g = namedStageGame('chicken')!;
    const doc = (await assertParity(['game', 'nash', 'chicken'], '/api/game/equilibria', {
      A: g.A.map((r) => [...r]),
      B: g.B.map((r) => [...r]),
    })) as { equilibria: unknown[] };
    // chicken: two pure equilibria (one side backs down) and one mixed
    assert.equal(doc.equilibria.length, 3);
  });
});
