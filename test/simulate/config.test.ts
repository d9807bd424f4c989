import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { loadError, variant } from './helpers.ts';
import { readFileSync } from 'node:fs';
import { loadScenarioSync } from '../../src/io/index.ts';
import {
  resolveConfig,
  withStrategies,
  SimulationConfigError,
  locateConfigProblems,
} from '../../src/simulate/index.ts';

function configError(file: string): { problems: SimulationConfigError['problems']; located: string[] } {
  const scn = loadScenarioSync(file);
  try {
    resolveConfig(scn);
  } catch (err) {
    assert.ok(err instanceof SimulationConfigError, String(err));
    return { problems: err.problems, located: locateConfigProblems(scn, err.problems) };
  }
  assert.fail('expected the simulation block to be rejected');
}

describe('impossible distributions are rejected when the scenario loads, with file:line:col', () => {
  test('normal with sd < 0', () => {
    const f = variant(
      'distribution: { kind: triangular, min: 1, mode: 1.5, max: 4 }',
      'distribution: { kind: normal, mean: 1.5, sd: -0.1 }',
    );
    const m = loadError(f);
    assert.match(
      m,
      /bad-\d+\.yaml:\d+:\d+ parameters\.simulation\.uncertain\[4\]\.distribution\.sd: normal: sd must be > 0, got -0\.1/,
    );
  });
  test('uniform with low > high', () => {
    const f = variant(
      'distribution: { kind: uniform, low: -2.5, high: -0.5 }',
      'distribution: { kind: uniform, low: 0.4, high: 0.1 }',
    );
    assert.match(
      loadError(f),
      /uncertain\[5\]\.distribution\.low: uniform: low must be < high, got low 0\.4 and high 0\.1/,
    );
  });
  test('beta with alpha <= 0', () => {
    const f = variant(
      'distribution: { kind: uniform, low: 0.5, high: 1 }',
      'distribution: { kind: beta, alpha: 0, beta: 30 }',
    );
    assert.match(loadError(f), /uncertain\[7\]\.distribution\.alpha: beta: alpha must be > 0, got 0/);
  });
  test('a weight without source or assumption', () => {
    const f = variant(
      "      epsilon_m:\n        value: -1.5\n        assumption: The trade engine's uniform placeholder import-demand elasticity (WITS uses Kee-Nicita-Olarreaga 2008 HS6 estimates, not shipped).",
      '      epsilon_m:\n        value: -1.5',
    );
    assert.match(
      loadError(f),
      /trade\.epsilon_m: import-demand elasticity: give exactly one of source \(a URL\) or assumption/,
    );
  });
});

describe('references and ranges are checked before any run', () => {
  test('a move that references an unknown measure', () => {
    const f = variant(
      'measure: us-ec-eda-2025-05\n          harm_to_target_usd_per_week:\n            value: 50000000',
      'measure: us-ec-eda-2099\n          harm_to_target_usd_per_week:\n            value: 50000000',
    );
    const { problems, located } = configError(f);
    assert.deepEqual(problems[0].path, ['moves', 'US', 1, 'measure']);
    assert.match(
      located[0],
      /bad-\d+\.yaml:\d+:\d+ parameters\.simulation\.moves\.US\[1\]\.measure: unknown measure "us-ec-eda-2099"/,
    );
    const line = Number(/yaml:(\d+):/.exec(located[0])![1]);
    assert.match(
      readFileSync(f, 'utf8').split('\n')[line - 1],
      /us-ec-eda-2099/,
      'the position points at the offending line',
    );
  });
  test('a strategy parameter out of its declared range', () => {
    const f = variant('          decay: 0.1', '          decay: 1.5');
    const { problems, located } = configError(f);
    assert.deepEqual(problems[0].path, ['strategies', 'US', 'params', 'decay']);
    assert.match(
      located[0],
      /strategies\.US\.params\.decay: TACO\.decay: expected a value in \[0, 1\], got 1\.5/,
    );
  });
  test('an unknown strategy', () => {
    const { located } = configError(variant('name: PainReactive', 'name: PainReactiv'));
    assert.match(located[0], /strategies\.CN\.name: unknown strategy "PainReactiv"/);
  });
  test('an uncertain path that names nothing', () => {
    const { located } = configError(variant('path: trade.sigma', 'path: trade.sigmaa'));
    assert.match(located[0], /uncertain\[4\]\.path: unknown parameter path "trade\.sigmaa"/);
  });
  test("a distribution outside the parameter's range (a probability above 1)", () => {
    const { located } = configError(
      variant(
        'distribution: { kind: beta, alpha: 2, beta: 30 }',
        'distribution: { kind: uniform, low: 0.5, high: 1.5 }',
      ),
    );
    assert.match(
      located[0],
      /uncertain\[1\]\.distribution: the distribution's range \[0\.5, 1\.5\] does not fit agreements\.perception_noise, which must lie in \[0, 1\]/,
    );
  });
  test('a tariff move on an authority the actor does not have', () => {
    const { located } = configError(variant('authority: IEEPA reciprocal', 'authority: IEEPA reciprocals'));
    assert.match(
      located[0],
      /moves\.US\[\d+\]\.authority: no tariff measure of US under authority "IEEPA reciprocals"/,
    );
  });
  test('the shipped block is valid', () => {
    const scn = loadScenarioSync('us-china');
    const c = resolveConfig(scn);
    assert.deepEqual(c.actors, ['US', 'CN']);
    assert.equal(c.uncertain.length, 10, "eight, and the IEEPA challenge's strike probability and lag");
    assert.equal(c.strategies[0].name, 'TACO');
  });
});

describe('what-if strategies', () => {
  test('withStrategies replaces a strategy and drops uncertain parameters it does not declare', () => {
    const scn = loadScenarioSync('us-china');
    const { scenario, dropped } = withStrategies(scn, { US: { name: 'TitForTat' } });
    assert.deepEqual(dropped, ['strategies.US.params.threshold']);
    const c = resolveConfig(scenario);
    assert.equal(c.strategies[0].name, 'TitForTat');
    assert.equal(c.uncertain.length, 9);
    // the original is untouched
    assert.equal(resolveConfig(scn).uncertain.length, 10);
  });
  test('a parameter fixed by the what-if is no longer uncertain', () => {
    const { scenario, dropped } = withStrategies(
      loadScenarioSync('us-china'),
      { US: { name: 'TACO', params: { threshold: 20 } } },
      { US: ['threshold'] },
    );
    assert.deepEqual(dropped, ['strategies.US.params.threshold']);
    const c = resolveConfig(scenario);
    assert.equal(c.strategies[0].params.threshold, 20);
    assert.ok(!c.uncertain.some((u) => u.path === 'strategies.US.params.threshold'));
  });
  test('an out-of-range what-if parameter is still an error', () => {
    const { scenario } = withStrategies(loadScenarioSync('us-china'), {
      US: { name: 'TACO', params: { decay: 2 } },
    });
    assert.throws(() => resolveConfig(scenario), /TACO\.decay: expected a value in \[0, 1\], got 2/);
  });
});
