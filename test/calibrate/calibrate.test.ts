import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import {
  calibrate,
  observedStatistics,
  posteriorFor,
  structuresOf,
  writePosterior,
  type Posterior,
} from '../../src/calibrate/index.ts';
import { forecastOrigin } from '../../src/forecast/index.ts';
import { loadScenarioSync, loadShippedTradeData, resolveScenarioPath } from '../../src/io/index.ts';
import { prepareScenario } from '../../src/simulate/index.ts';
import { tempDir, writeFiles } from '../helpers.ts';

const SRC = ['https://example.org/later-announcement'];
const builtin = resolveScenarioPath('us-china');
// the built-in scenario plus a 50% US tariff announced 2025-07-01 (after the vintage 2025-06-11)
// and, in a second variant, the same tariff announced 2025-05-01 (before it)
const variant = (announced: string, from: string) => ({
  id: 'us-china',
  title: 'us-china with one more measure',
  extends: builtin,
  measures: [
    {
      id: 'us-later-tariff',
      kind: 'tariff',
      actor: 'US',
      target: 'CN',
      title: 'A later tariff',
      authority: 'Later authority',
      announced,
      scope: { all: true },
      rates: [{ from, rate_pct: 50, announced, sources: SRC }],
      status: [{ date: from, status: 'in_force', announced, sources: SRC }],
      sources: SRC,
    },
  ],
});
const dir = writeFiles({
  'later.json': variant('2025-07-01', '2025-07-15'),
  'earlier.json': variant('2025-05-01', '2025-05-05'),
});
const supply = { importer_loss_usd_per_week: 1e8, exporter_loss_usd_per_week: 2e7, basis: 'test' };
const D = '2025-06-11';
const small = { seed: 2, particles: 12, generations: 2, supply };

test('calibration never reads what was announced after its vintage, and is deterministic by seed', async () => {
  const a = await calibrate(loadScenarioSync(builtin, { asKnownOn: D }), small);
  const b = await calibrate(loadScenarioSync(join(dir, 'later.json'), { asKnownOn: D }), small);
  assert.equal(JSON.stringify(b), JSON.stringify(a));
  assert.equal(a.as_known_on, D);
  assert.equal(a.particles.length, 12);
  assert.ok(Math.abs(a.particles.reduce((s, p) => s + p.weight, 0) - 1) < 1e-9);
  const c = await calibrate(loadScenarioSync(builtin, { asKnownOn: D }), { ...small, seed: 3 });
  assert.notEqual(JSON.stringify(c.particles), JSON.stringify(a.particles));
});

test('the history compared is the vintage ledger: an entry announced before the vintage changes it', async () => {
  const stats = async (file: string) => {
    const view = loadScenarioSync(file, { asKnownOn: D });
    const p = await prepareScenario(view, { start: '2025-04-02', weeks: 11, supply });
    return [...observedStatistics(view, p)];
  };
  const base = await stats(builtin);
  assert.deepEqual(await stats(join(dir, 'later.json')), base);
  const earlier = await stats(join(dir, 'earlier.json'));
  // the US-on-China mean average over the window rises with a 50% layer from 2025-05-05
  assert.ok(earlier[1] > base[1] + 10, `${earlier[1]} vs ${base[1]}`);
});

test('the discrete structures: China strategy x renewal rule once a truce is tracked, strategy only before', () => {
  const june = structuresOf(loadScenarioSync(builtin, { asKnownOn: D }));
  assert.equal(june.length, 4);
  assert.deepEqual(june[0], { strategies: { US: 'TACO', CN: 'PainReactive' }, on_expiry: 'compare_costs' });
  const april = structuresOf(loadScenarioSync(builtin, { asKnownOn: '2025-04-10' }));
  assert.equal(april.length, 2);
});

function fakePosterior(asKnownOn: string, value: number): Posterior {
  return {
    kind: 'posterior',
    scenario: 'us-china',
    as_known_on: asKnownOn,
    vintage_as_of: asKnownOn,
    seed: 1,
    settings: {
      particles: 1,
      generations: 1,
      generations_completed: 1,
      from: '2025-04-02',
      weeks: 1,
      quantile: 0.5,
      method: 'test',
    },
    simulations: 0,
    tolerance: [],
    acceptance: [],
    statistics: [],
    models: [
      {
        structure: { strategies: { US: 'TACO', CN: 'PainReactive' }, on_expiry: 'compare_costs' },
        probability: 1,
        parameters: [
          {
            path: 'strategies.US.params.threshold',
            prior: 'test',
            posterior_mean: value,
            posterior_sd: 0,
            posterior_p5: value,
            posterior_p95: value,
          },
        ],
      },
    ],
    particles: [{ model: 0, values: [value], weight: 1 }],
    basis: [],
  };
}

test('a forecast from D uses the posterior of the latest vintage on or before D, never a later one', () => {
  const d = tempDir();
  const scn = join(d, 'us-china.json');
  writeFileSync(scn, '{}');
  const pdir = join(d, 'posteriors');
  writePosterior(join(pdir, 'us-china@2025-05-12.json'), fakePosterior('2025-05-12', 10));
  writePosterior(join(pdir, 'us-china@2025-06-11.json'), fakePosterior('2025-06-11', 20));
  writePosterior(join(pdir, 'other@2025-04-01.json'), {
    ...fakePosterior('2025-04-01', 5),
    scenario: 'other',
  });
  assert.equal(posteriorFor(scn, 'us-china', '2025-05-01'), null);
  assert.equal(posteriorFor(scn, 'us-china', '2025-06-10')!.posterior.as_known_on, '2025-05-12');
  assert.equal(posteriorFor(scn, 'us-china', '2025-06-11')!.posterior.as_known_on, '2025-06-11');
  assert.equal(posteriorFor(scn, 'us-china', '2026-01-01')!.posterior.as_known_on, '2025-06-11');
  writeFileSync(
    join(pdir, 'us-china@2025-07-01.json'),
    '{"kind":"posterior","as_known_on":"2025-07-01","models":[],"particles":[{"model":3}]}',
  );
  assert.throws(() => posteriorFor(scn, 'us-china', '2025-08-01'), /particles\[0\]\.model/);
});

test('forecast runs drawn from a posterior differ from the priors and say so', async () => {
  const view = loadScenarioSync(builtin, { asKnownOn: D });
  const q = {
    id: 'avg',
    asked: D,
    resolves: '2025-09-01',
    text: 'US average on China at least 40% on 2025-09-01?',
    measure: {
      kind: 'average_rate' as const,
      actor: 'US',
      target: 'CN',
      date: '2025-09-01',
      op: '>=' as const,
      value: 40,
    },
    sources: SRC,
  };
  const data = loadShippedTradeData();
  const opts = { runs: 60, seed: 1, supply };
  const prior = await forecastOrigin(D, [q], view, data, opts);
  assert.deepEqual(prior.info.parameters, { basis: 'priors' });
  // a US that backs down at once (threshold 1) against one that never does (threshold 500)
  const soft = await forecastOrigin(D, [q], view, data, {
    ...opts,
    posteriorOn: () => ({ file: '/x/us-china@2025-06-11.json', posterior: fakePosterior(D, 1) }),
  });
  const hard = await forecastOrigin(D, [q], view, data, {
    ...opts,
    posteriorOn: () => ({ file: '/x/us-china@2025-06-11.json', posterior: fakePosterior(D, 500) }),
  });
  assert.deepEqual(soft.info.parameters, {
    basis: 'posterior',
    as_known_on: D,
    file: 'us-china@2025-06-11.json',
  });
  assert.notEqual(JSON.stringify(soft.forecasts), JSON.stringify(hard.forecasts));
});
