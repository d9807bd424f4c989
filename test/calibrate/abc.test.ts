import { test } from 'node:test';
import assert from 'node:assert/strict';
import { abcSmc, logPrior, weightedMoments, type AbcModel } from '../../src/calibrate/index.ts';
import { createStream } from '../../src/random/index.ts';

// Normal mean with known variance: x_i ~ N(mu, 1), i = 1..n, prior mu ~ N(0, 10^2). The sample
// mean is sufficient; the posterior is normal with precision 1/100 + n and mean n xbar / (n + 1/100).
const n = 25;
const xbar = 1.3;
const postSd = 1 / Math.sqrt(n + 0.01);
const postMean = (n * xbar) / (n + 0.01);
const toy: AbcModel = {
  name: 'normal mean',
  priors: [{ path: 'mu', distribution: { kind: 'normal', mean: 0, sd: 10 }, lo: -1e9, hi: 1e9 }],
  simulate: (v, draw) => {
    const rng = createStream(11, draw);
    let s = 0;
    for (let i = 0; i < n; i++) s += rng.normal(v[0], 1);
    return Float64Array.of(s / n);
  },
};

test('ABC-SMC recovers the closed-form posterior of a normal mean with known variance', () => {
  const r = abcSmc([toy], [xbar], { particles: 600, generations: 9, seed: 3 });
  const last = r.generations[r.generations.length - 1];
  assert.equal(r.generations.length, 9);
  // tolerances fall generation by generation
  for (let g = 2; g < r.generations.length; g++)
    assert.ok(r.generations[g].tolerance <= r.generations[g - 1].tolerance);
  const m = weightedMoments(last.particles, 0, 0);
  assert.ok(Math.abs(m.mean - postMean) < 0.06, `posterior mean ${m.mean} vs ${postMean}`);
  // the ABC posterior is the true one widened by the last tolerance (uniform kernel: + eps^2 / 3)
  assert.ok(Math.abs(m.sd - postSd) / postSd < 0.2, `posterior sd ${m.sd} vs ${postSd}`);
  // the prior alone is far wider: the test can fail
  assert.ok(weightedMoments(r.generations[0].particles, 0, 0).sd > 5);
});

test('ABC-SMC is deterministic by seed and changes with it', () => {
  const a = abcSmc([toy], [xbar], { particles: 100, generations: 3, seed: 5 });
  const b = abcSmc([toy], [xbar], { particles: 100, generations: 3, seed: 5 });
  const c = abcSmc([toy], [xbar], { particles: 100, generations: 3, seed: 6 });
  assert.equal(JSON.stringify(a), JSON.stringify(b));
  assert.notEqual(JSON.stringify(a), JSON.stringify(c));
});

test('ABC model choice prefers the model that generated the data', () => {
  // model 0: x ~ N(mu, 1); model 1: x ~ N(mu + 5, 1) with mu in [-1, 1]: data near 0 come from model 0
  const shifted = (k: number): AbcModel => ({
    name: `shift ${k}`,
    priors: [{ path: 'mu', distribution: { kind: 'uniform', low: -1, high: 1 }, lo: -1, hi: 1 }],
    simulate: (v, draw) => Float64Array.of(v[0] + k + createStream(12, draw).normal(0, 0.2)),
  });
  const r = abcSmc([shifted(0), shifted(5)], [0.1], { particles: 200, generations: 4, seed: 1 });
  const pm = r.generations[r.generations.length - 1].model_probabilities;
  assert.ok(pm[0] > 0.99, `P(model 0) = ${pm[0]}`);
});

test('prior log densities match closed forms', () => {
  const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-9, `${a} vs ${b}`);
  close(
    logPrior({ path: 'x', distribution: { kind: 'uniform', low: 2, high: 6 }, lo: 2, hi: 6 }, 3),
    -Math.log(4),
  );
  close(
    logPrior({ path: 'x', distribution: { kind: 'normal', mean: 1, sd: 2 }, lo: -9, hi: 9 }, 2),
    -0.5 * Math.log(2 * Math.PI) - Math.log(2) - 0.125,
  );
  // beta(2, 3) at 0.5: 12 * 0.5 * 0.25 = 1.5
  close(
    logPrior({ path: 'x', distribution: { kind: 'beta', alpha: 2, beta: 3 }, lo: 0, hi: 1 }, 0.5),
    Math.log(1.5),
  );
  // triangular(0, 1, 2) at 0.5: density 0.5
  close(
    logPrior({ path: 'x', distribution: { kind: 'triangular', min: 0, mode: 1, max: 2 }, lo: 0, hi: 2 }, 0.5),
    Math.log(0.5),
  );
  assert.equal(
    logPrior({ path: 'x', distribution: { kind: 'uniform', low: 0, high: 1 }, lo: 0, hi: 1 }, 2),
    -Infinity,
  );
});
