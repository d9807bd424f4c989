import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { loadScenarioSync, ScenarioError } from '../../src/io/index.ts';
import { checkSimulationBlock } from '../../src/simulate/index.ts';
import { UncertainSchema } from '../../src/model/params-simulation.ts';
import { datedInt } from '../../src/model/params-values.ts';
import { ORIGINS } from './origins.ts';
import { loadError, variant } from '../simulate/helpers.ts';

// Dated distributions and dated integer settings (docs/vintages.md#dated-distributions): the prior
// of an uncertain parameter, and a whole-number setting, as known on the origin.

const view = (d?: string, file = 'us-china') =>
  loadScenarioSync(file, d ? { asKnownOn: d } : {}).parameters.simulation!;
const prior = (d: string | undefined, path: string, file?: string) =>
  view(d, file).uncertain.find((u) => u.path === path);

describe('dated distributions in the built-in scenario', () => {
  test('the TACO threshold prior before Geneva is the wide fallback; from 2025-05-12 the fit', () => {
    const early = prior('2025-04-10', 'strategies.US.params.threshold')!;
    assert.deepEqual(early.distribution, { kind: 'lognormal', mu: 3.071, sigma: 0.862 });
    assert.match(early.assumption!, /Before Geneva/);
    assert.equal(early.source, undefined);
    const late = prior('2025-05-12', 'strategies.US.params.threshold')!;
    assert.deepEqual(late.distribution, { kind: 'lognormal', mu: 3.526, sigma: 0.4 });
    assert.match(late.assumption!, /fitted to Geneva/);
    assert.equal(view('2025-04-10').strategies.US.params?.threshold, 22);
    assert.equal(view('2025-05-12').strategies.US.params?.threshold, 34);
  });

  test('the view records when each resolved distribution became known', () => {
    const at = (d: string) => view(d).resolved_known_from ?? {};
    const i = view().uncertain.findIndex((u) => u.path === 'moves.CN.cn-loosen-ree.flow_share_step');
    assert.equal(at('2025-08-19')[`uncertain[${i}].distribution`], undefined);
    assert.equal(at('2025-08-20')[`uncertain[${i}].distribution`], '2025-08-20');
    assert.deepEqual(prior('2025-08-19', 'moves.CN.cn-loosen-ree.flow_share_step')!.distribution, {
      kind: 'uniform',
      low: 0.05,
      high: 0.5,
    });
  });

  test('integer settings: grace_weeks, threat_weeks, face_weeks and the walk-away count dated', () => {
    const known = (d: string | undefined) => view(d).resolved_known_from ?? {};
    assert.equal(view('2025-06-11').agreements.grace_weeks, 4);
    assert.equal(known('2025-06-11')['agreements.grace_weeks'], undefined, 'the 2018-2020 fallback');
    assert.equal(known('2025-08-20')['agreements.grace_weeks'], '2025-08-20');
    assert.equal(known('2025-10-09')['choice.threat_weeks'], undefined);
    assert.equal(known('2025-10-10')['choice.threat_weeks'], '2025-10-10');
    assert.equal(known('2025-05-29')['agreements.walk_away_after_violations'], undefined);
    assert.equal(view('2025-04-11').strategies.CN.params?.face_weeks, 2);
    assert.equal(view('2025-04-10').strategies.CN.params?.face_weeks, 3, 'China answered until 04-11');
  });
});

describe('no value fitted to a later event is used at an origin', () => {
  // Every value of the issue-14 list: before its event the view uses the fallback (no
  // known_from recorded); from the event on, the fitted entry (its date recorded).
  const FITTED: [string, string][] = [
    ['moves.CN.cn-loosen-ree.flow_share_step', '2025-08-20'],
    ['moves.CN.cn-tighten-ree.flow_share_step', '2025-08-20'],
    ['strategies.US.params.threshold', '2025-05-12'],
    ['strategies.CN.params.threshold', '2025-05-12'],
    ['strategies.CN.params.face_weeks', '2025-04-11'],
    ['strategies.CN.params.sensitivity', '2025-06-04'],
    ['agreements.grace_weeks', '2025-08-20'],
    ['agreements.walk_away_after_violations', '2025-05-30'],
    ['agreements.perception_noise', '2025-05-30'],
    ['choice.expected_reciprocity', '2025-05-30'],
    ['choice.threat_weeks', '2025-10-10'],
    ['objectives.US.political', '2025-06-20'],
    ['objectives.CN.backing_down', '2025-06-02'],
  ];
  const PRIORS: [string, string][] = [
    ['strategies.US.params.threshold', '2025-05-12'],
    ['strategies.CN.params.threshold', '2025-05-12'],
    ['agreements.perception_noise', '2025-05-30'],
    ['moves.CN.cn-loosen-ree.flow_share_step', '2025-08-20'],
    ['objectives.CN.backing_down', '2025-06-02'],
  ];
  for (const d of ORIGINS)
    test(`as known on ${d}: each fitted value and prior is the one known then`, () => {
      const sim = view(d);
      const known = sim.resolved_known_from ?? {};
      for (const [path, from] of FITTED)
        assert.equal(known[path], from <= d ? from : undefined, `${path} as known on ${d}`);
      for (const [path, from] of PRIORS) {
        const i = sim.uncertain.findIndex((u) => u.path === path);
        if (i < 0) continue; // its move is not on the menu yet
        assert.equal(known[`uncertain[${i}].distribution`], from <= d ? from : undefined, `prior of ${path}`);
      }
    });
});

describe('malformed dated distributions and integer lists are located errors', () => {
  const noise = `      - path: agreements.perception_noise
        distribution:
          - distribution: { kind: beta, alpha: 1, beta: 9 }`;
  const bad = (to: string) => loadError(variant(noise, to));
  const entries = (first: string, second: string) => `      - path: agreements.perception_noise
        distribution:
${first}
${second}
          - known_from: '2025-06-30'
            distribution: { kind: beta, alpha: 1, beta: 9 }`;

  test('entries out of date order', () => {
    const msg = bad(
      entries(
        `          - distribution: { kind: beta, alpha: 1, beta: 9 }
            assumption: wide`,
        `          - known_from: '2025-07-01'
            distribution: { kind: beta, alpha: 1, beta: 9 }
            assumption: later`,
      ),
    );
    assert.match(msg, /bad-\d+\.yaml:\d+:\d+/);
    assert.match(
      msg,
      /distribution: \[2\]\.known_from: .*known_from 2025-06-30 is before the previous entry's 2025-07-01/,
    );
  });

  test('no fallback, or a fallback that is not an assumption', () => {
    assert.match(
      bad(`      - path: agreements.perception_noise
        distribution:
          - known_from: '2025-01-01'
            distribution: { kind: beta, alpha: 1, beta: 9 }`),
      /distribution: \[0\]: .*a dated list needs a first entry without known_from/,
    );
    assert.match(
      bad(`      - path: agreements.perception_noise
        distribution:
          - distribution: { kind: beta, alpha: 1, beta: 9 }
            source: https://example.org/a
          - known_from: '2025-01-01'
            distribution: { kind: beta, alpha: 1, beta: 9 }`),
      /distribution: \[0\]: .*the fallback .* must be an assumption, fixed without reference to later events/,
    );
  });

  test('a bad distribution inside an entry is located at the entry', () => {
    assert.match(
      bad(`      - path: agreements.perception_noise
        distribution:
          - distribution: { kind: uniform, low: 0.5, high: 0.1 }`),
      /bad-\d+\.yaml:\d+:\d+ .*distribution: \[0\]\.distribution\.low: uniform: low must be < high/,
    );
  });

  test('provenance beside the list instead of on its entries', () => {
    const file = variant(
      `      - path: agreements.perception_noise
        distribution:`,
      `      - path: agreements.perception_noise
        assumption: beside the list
        distribution:`,
    );
    assert.match(loadError(file), /uncertain\[\d+\]\.assumption: .*gives source or assumption on each entry/);
  });

  test('schema: an entry needs provenance; the fallback needs no range', () => {
    const plain = { kind: 'uniform', low: 0, high: 1 };
    const u = (distribution: unknown) => UncertainSchema.safeParse({ path: 'trade.sigma', distribution });
    assert.ok(u([{ distribution: plain, assumption: 'wide' }]).success);
    assert.ok(!u([{ distribution: plain }]).success, 'no source or assumption');
    assert.ok(!u([]).success, 'empty');
    assert.ok(
      !UncertainSchema.safeParse({ path: 'trade.sigma', distribution: plain }).success,
      'plain: needs provenance',
    );
  });

  test('a dated integer: whole numbers, a fallback with a range, located', () => {
    const n = datedInt('grace_weeks', 0, 520);
    assert.ok(n.safeParse(4).success);
    assert.ok(!n.safeParse(4.5).success);
    assert.ok(
      n.safeParse([
        { value: 4, assumption: 'a month', range: [2, 6] },
        { known_from: '2025-08-20', value: 3, source: 'https://example.org/a' },
      ]).success,
    );
    assert.ok(
      !n.safeParse([{ known_from: '2025-08-20', value: 4, source: 'https://example.org/a' }]).success,
      'no fallback',
    );
    const grace = `      grace_weeks:
        - value: 4`;
    const msg = loadError(
      variant(
        grace,
        `      grace_weeks:
        - value: 4.5`,
      ),
    );
    assert.match(
      msg,
      /bad-\d+\.yaml:\d+:\d+ .*grace_weeks: \[0\]\.value: expected grace_weeks as a whole number/,
    );
  });

  test('a distribution known only after the scenario as_of is refused as known today', () => {
    const file = variant(
      `          - known_from: '2025-05-30'
            distribution: { kind: beta, alpha: 2, beta: 30 }`,
      `          - known_from: '2027-01-01'
            distribution: { kind: beta, alpha: 2, beta: 30 }`,
    );
    assert.throws(
      () => checkSimulationBlock(loadScenarioSync(file)),
      (err: Error) =>
        err instanceof ScenarioError &&
        /bad-\d+\.yaml:\d+:\d+ parameters\.simulation\.uncertain\[\d+\]\.distribution: known_from 2027-01-01 is after the scenario's as_of/.test(
          err.message,
        ),
    );
  });
});
