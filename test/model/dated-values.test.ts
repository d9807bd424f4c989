import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parse, stringify } from 'yaml';
import { loadScenarioSync, ScenarioError } from '../../src/io/index.ts';
import { checkSimulationBlock } from '../../src/simulate/index.ts';
import type { Scenario, SimMove } from '../../src/model/index.ts';
import { sourcedValue } from '../../src/model/params-simulation.ts';
import { datedNum } from '../../src/model/params-values.ts';
import { ORIGINS } from './origins.ts';
import { loadError, simulationBlock, variant } from '../simulate/helpers.ts';

// Dated values (docs/vintages.md#dated-values): a move's cap, floor or step, or any sourced value,
// given as what was known when; the view as known on D uses the latest entry known by D.

const view = (d?: string, file = 'us-china') => loadScenarioSync(file, d ? { asKnownOn: d } : {});
const move = (s: Scenario, side: string, id: string) =>
  s.parameters.simulation!.moves[side].find((m) => m.id === id) as
    (SimMove & Record<string, unknown>) | undefined;

describe('dated move parameters in the built-in scenario', () => {
  test('the US reciprocal cap is the one known on the day: 125 on 2025-06-11, 134 from the 10-10 threat', () => {
    assert.equal(move(view('2025-04-02'), 'US', 'us-raise-reciprocal')?.max_pct, 34);
    assert.equal(move(view('2025-04-08'), 'US', 'us-raise-reciprocal')?.max_pct, 84);
    assert.equal(move(view('2025-06-11'), 'US', 'us-raise-reciprocal')?.max_pct, 125);
    assert.equal(move(view('2025-10-09'), 'US', 'us-raise-reciprocal')?.max_pct, 125);
    assert.equal(move(view('2025-10-11'), 'US', 'us-raise-reciprocal')?.max_pct, 134);
    assert.equal(move(view(), 'US', 'us-raise-reciprocal')?.max_pct, 134);
  });

  test("China's counter-tariff cap is 84 on 2025-04-10 (the 125% was announced on 04-11)", () => {
    assert.equal(move(view('2025-04-10'), 'CN', 'cn-raise-counter-tariff')?.max_pct, 84);
    assert.equal(move(view('2025-04-11'), 'CN', 'cn-raise-counter-tariff')?.max_pct, 125);
    // before 2025-04-04 the layer does not exist, and the move is not on the menu
    assert.equal(move(view('2025-04-02'), 'CN', 'cn-raise-counter-tariff'), undefined);
  });

  test('the rare-earth floor falls back to its assumption until the May figure is out (2025-06-20)', () => {
    assert.equal(move(view('2025-06-11'), 'CN', 'cn-tighten-ree')?.min_share, 0);
    assert.equal(move(view('2025-06-20'), 'CN', 'cn-tighten-ree')?.min_share, 0.26);
    const sim = view('2025-06-11').parameters.simulation!;
    assert.equal(sim.resolved_known_from?.['moves.CN.cn-tighten-ree.min_share'], undefined);
    assert.equal(
      view('2025-06-20').parameters.simulation!.resolved_known_from?.['moves.CN.cn-tighten-ree.min_share'],
      '2025-06-20',
    );
  });

  test('a dated sourced value resolves to {value, source | assumption} with its known_from', () => {
    const before = view('2025-10-19').parameters.simulation!.agreements.licence_compliance_flow_share;
    const after = view('2025-10-20').parameters.simulation!.agreements.licence_compliance_flow_share;
    assert.equal(before.value, 0.5);
    assert.ok(before.assumption && before.range && before.known_from === undefined);
    assert.equal(after.value, 0.7);
    assert.equal(after.known_from, '2025-10-20');
  });

  test('london-2025 (the view of 2025-06-11 as a file) carries the caps known then', () => {
    const s = view(undefined, 'london-2025');
    assert.equal(move(s, 'US', 'us-raise-reciprocal')?.max_pct, 125);
    assert.equal(move(s, 'CN', 'cn-tighten-ree')?.min_share, 0);
  });
});

describe('no look-ahead at any origin of the question set', () => {
  test('the question file has origins', () => assert.ok(ORIGINS.length >= 10));

  for (const d of ORIGINS)
    test(`as known on ${d}: no resolved value or card is dated after the origin`, () => {
      const sim = view(d).parameters.simulation!;
      for (const [where, k] of Object.entries(sim.resolved_known_from ?? {}))
        assert.ok(k <= d, `${where}: known_from ${k} after ${d}`);
      for (const [side, moves] of Object.entries(sim.moves))
        for (const m of moves)
          if ('announced' in m)
            assert.ok(m.announced <= d, `${side}.${m.id}: announced ${m.announced} after ${d}`);
    });

  test('adding a later entry to every dated list leaves every origin view unchanged, and changes today', () => {
    // Parse the shipped parameters block, append an entry dated after the last origin to every
    // dated list (a different value), and write it back as a variant of the scenario.
    const block = parse(`parameters:\n${simulationBlock()}`) as { parameters: unknown };
    let lists = 0;
    let distributions = 0;
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) {
        const dated =
          v.length > 0 && v.every((e) => e && typeof e === 'object' && 'value' in e && !('id' in e));
        if (dated) {
          const last = v[v.length - 1] as { value: number };
          v.push({
            known_from: '2026-08-01',
            // integer settings stay whole numbers
            value: last.value === 0 ? 0.1 : Number.isInteger(last.value) ? last.value + 1 : last.value * 0.9,
            source: 'https://example.org/later',
          });
          lists++;
          return;
        }
        // a dated distribution (docs/vintages.md#dated-distributions): a later entry with a new source
        if (
          v.length > 0 &&
          v.every((e) => e && typeof e === 'object' && 'distribution' in e && !('path' in e))
        ) {
          const last = v[v.length - 1] as { distribution: unknown };
          v.push({
            known_from: '2026-08-01',
            distribution: last.distribution,
            source: 'https://example.org/later',
          });
          lists++;
          distributions++;
          return;
        }
        v.forEach(walk);
      } else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    walk(block.parameters);
    assert.ok(lists >= 25, `dated lists found: ${lists}`);
    assert.ok(distributions >= 5, `dated distributions found: ${distributions}`);
    const text = stringify(block.parameters, { lineWidth: 0 }).replace(/^/gm, '  ');
    const file = variant(simulationBlock(), text);
    const last = ORIGINS[ORIGINS.length - 1];
    assert.ok(last < '2026-08-01');
    for (const d of ORIGINS) {
      const a = view(d).parameters.simulation!;
      const b = view(d, file).parameters.simulation!;
      assert.deepEqual(b, a, `view as known on ${d}`);
    }
    assert.notDeepEqual(view(undefined, file).parameters.simulation, view().parameters.simulation);
  });
});

test('a move field with no entry known on D and no fallback: the move is unavailable in that view', () => {
  const file = variant(
    `          max_pct:
            - known_from: '2025-04-02'
              value: 34`,
    `          max_pct:
            - known_from: '2025-04-05'
              value: 34`,
  );
  assert.equal(move(view('2025-04-04', file), 'US', 'us-raise-reciprocal'), undefined);
  assert.ok(move(view('2025-04-04', file), 'US', 'us-lower-reciprocal'), 'the other moves stay');
  assert.equal(move(view('2025-04-05', file), 'US', 'us-raise-reciprocal')?.max_pct, 34);
});

describe('malformed dated lists are located errors', () => {
  const cap = `          max_pct:
            - known_from: '2025-04-02'
              value: 34`;
  const bad = (to: string) => loadError(variant(cap, to));

  test('unsorted known_from', () => {
    const msg = bad(`          max_pct:
            - known_from: '2025-04-09'
              value: 125
              source: https://example.org/b
            - known_from: '2025-04-02'
              value: 34`);
    assert.match(msg, /us-china|bad-\d+\.yaml:\d+:\d+/);
    assert.match(
      msg,
      /max_pct: \[1\]\.known_from: .*known_from 2025-04-02 is before the previous entry's 2025-04-09/,
    );
  });

  test('duplicate known_from', () => {
    const msg = bad(`          max_pct:
            - known_from: '2025-04-02'
              value: 50
              source: https://example.org/b
            - known_from: '2025-04-02'
              value: 34`);
    assert.match(msg, /max_pct: \[1\]\.known_from: .*repeats the previous entry's 2025-04-02/);
  });

  test('a known_from after the scenario as_of (the future)', () => {
    const file = variant(
      `            - known_from: '2025-10-10'
              value: 134`,
      `            - known_from: '2027-01-01'
              value: 134`,
    );
    // as known on an origin the entry is simply not yet known; as known today it is refused
    assert.equal(move(view('2025-10-11', file), 'US', 'us-raise-reciprocal')?.max_pct, 125);
    assert.throws(
      () => checkSimulationBlock(view(undefined, file)),
      (err: Error) =>
        err instanceof ScenarioError &&
        /bad-\d+\.yaml:\d+:\d+ parameters\.simulation\.moves\.US\[\d+\]\.max_pct: known_from 2027-01-01 is after the scenario's as_of 2026-08-07/.test(
          err.message,
        ),
    );
  });

  test('a fallback that is not first, or not an assumption with a range', () => {
    assert.match(
      bad(`          max_pct:
            - known_from: '2025-04-02'
              value: 34
              source: https://example.org/a
            - value: 20
              assumption: late fallback
              range: [10, 30]
            - known_from: '2025-04-03'
              value: 34`),
      /max_pct: \[1\]\.known_from: .*only the first entry may lack known_from/,
    );
    assert.match(
      bad(`          max_pct:
            - value: 20
              source: https://example.org/a
            - known_from: '2025-04-03'
              value: 34`),
      /max_pct: \[0\]: .*the fallback .* must be an assumption with a range/,
    );
  });

  test('schema: outside a move a dated list needs its fallback; entries need provenance', () => {
    const sv = sourcedValue('a share', 0, 1);
    const noFallback = sv.safeParse([
      { known_from: '2025-01-01', value: 0.5, source: 'https://example.org/a' },
    ]);
    assert.ok(!noFallback.success);
    assert.match(JSON.stringify(noFallback.error.issues), /needs a first entry without known_from/);
    assert.ok(
      sv.safeParse([
        { value: 0.5, assumption: 'midpoint', range: [0, 1] },
        { known_from: '2025-01-01', value: 0.7, source: 'https://example.org/a' },
      ]).success,
    );
    const n = datedNum('a cap', 0, 100);
    assert.ok(!n.safeParse([{ known_from: '2025-01-01', value: 5 }]).success, 'no source or assumption');
    assert.ok(
      !n.safeParse([{ known_from: '2025-01-01', value: 500, source: 'https://example.org/a' }]).success,
      'bounds',
    );
    assert.ok(!n.safeParse([]).success, 'empty');
    assert.ok(
      n.safeParse(5).success &&
        n.safeParse([{ known_from: '2025-01-01', value: 5, source: 'https://example.org/a' }]).success,
    );
  });
});
