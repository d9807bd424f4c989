import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createStream, deriveSeed } from '../../src/random/index.ts';

function draws(seed: number, index: number, n: number): number[] {
  const s = createStream(seed, index);
  return Array.from({ length: n }, () => s.nextDouble());
}

function moments(xs: number[]): { mean: number; variance: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1);
  return { mean, variance };
}

describe('random streams', () => {
  test('same (seed, stream) gives the same sequence', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat({ max: 1_000_000 }), (seed, idx) => {
        assert.deepEqual(draws(seed, idx, 8), draws(seed, idx, 8));
      }),
      { numRuns: 50 },
    );
  });

  test('a stream does not depend on other streams having been drawn (creation order irrelevant)', () => {
    const a = draws(7, 3, 20);
    const other = createStream(7, 2);
    for (let i = 0; i < 1000; i++) other.nextDouble();
    assert.deepEqual(draws(7, 3, 20), a);
  });

  test('different streams and different seeds differ', () => {
    const base = draws(1, 0, 4);
    assert.notDeepEqual(draws(1, 1, 4), base);
    assert.notDeepEqual(draws(2, 0, 4), base);
    // adjacent stream indices are uncorrelated: sample correlation near 0
    const n = 20000;
    const x = draws(5, 10, n);
    const y = draws(5, 11, n);
    const mx = moments(x).mean;
    const my = moments(y).mean;
    let cov = 0;
    for (let i = 0; i < n; i++) cov += (x[i] - mx) * (y[i] - my);
    const corr = cov / (n - 1) / (1 / 12);
    assert.ok(Math.abs(corr) < 0.03, `correlation ${corr}`);
  });

  test('nextDouble is in [0,1) with mean 1/2 and variance 1/12', () => {
    const xs = draws(42, 0, 100000);
    assert.ok(xs.every((x) => x >= 0 && x < 1));
    const { mean, variance } = moments(xs);
    // standard error of the mean: sqrt(1/12/1e5) ~ 0.0009
    assert.ok(Math.abs(mean - 0.5) < 0.005, `mean ${mean}`);
    assert.ok(Math.abs(variance - 1 / 12) < 0.002, `variance ${variance}`);
  });

  test('nextInt(n) is uniform on 0..n-1 (chi-square) and rejects bad n', () => {
    const s = createStream(3);
    const n = 7;
    const counts = new Array<number>(n).fill(0);
    const N = 70000;
    for (let i = 0; i < N; i++) counts[s.nextInt(n)]++;
    const chi2 = counts.reduce((a, c) => a + (c - N / n) ** 2 / (N / n), 0);
    assert.ok(chi2 < 22.46, `chi2 ${chi2} (df 6, p=0.001 critical 22.46)`);
    assert.throws(() => s.nextInt(0), /expected an integer n/);
    assert.throws(() => s.nextInt(2.5), /expected an integer n/);
  });

  test('deriveSeed gives distinct, reproducible child seeds in [0, 2^53)', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) {
      const c = deriveSeed(42, i);
      assert.ok(Number.isSafeInteger(c) && c >= 0);
      seen.add(c);
    }
    assert.equal(seen.size, 1000);
    assert.equal(deriveSeed(42, 7), deriveSeed(42, 7));
    assert.notEqual(deriveSeed(42, 7), deriveSeed(43, 7));
    assert.throws(() => deriveSeed(-1, 0), /deriveSeed/);
  });

  test('bad seeds are rejected precisely', () => {
    assert.throws(() => createStream(-1), /seed: expected a non-negative integer/);
    assert.throws(() => createStream(1.5), /seed: expected a non-negative integer/);
    assert.throws(() => createStream(1, -2), /streamIndex/);
  });
});

describe('samplers match their moments', () => {
  const N = 60000;
  function sample(
    f: (s: ReturnType<typeof createStream>) => number,
    seed = 11,
  ): { mean: number; variance: number } {
    const s = createStream(seed);
    return moments(Array.from({ length: N }, () => f(s)));
  }
  test('normal(2, 3): mean 2, variance 9', () => {
    const m = sample((s) => s.normal(2, 3));
    assert.ok(Math.abs(m.mean - 2) < 0.05, `${m.mean}`);
    assert.ok(Math.abs(m.variance - 9) < 0.25, `${m.variance}`);
  });
  test('lognormal(0, 0.5): mean exp(0.125), variance (e^0.25 - 1) e^0.25', () => {
    const m = sample((s) => s.lognormal(0, 0.5));
    assert.ok(Math.abs(m.mean - Math.exp(0.125)) < 0.01, `${m.mean}`);
    const v = (Math.exp(0.25) - 1) * Math.exp(0.25);
    assert.ok(Math.abs(m.variance - v) < 0.02, `${m.variance} vs ${v}`);
  });
  test('beta(2, 5): mean 2/7, variance ab/((a+b)^2(a+b+1)) = 10/392', () => {
    const m = sample((s) => s.beta(2, 5));
    assert.ok(Math.abs(m.mean - 2 / 7) < 0.004, `${m.mean}`);
    assert.ok(Math.abs(m.variance - 10 / 392) < 0.001, `${m.variance}`);
  });
  test('beta(0.5, 0.5) (shape < 1 branch): mean 1/2, variance 1/8', () => {
    const m = sample((s) => s.beta(0.5, 0.5));
    assert.ok(Math.abs(m.mean - 0.5) < 0.006, `${m.mean}`);
    assert.ok(Math.abs(m.variance - 0.125) < 0.003, `${m.variance}`);
  });
  test('triangular(0, 1, 4): mean 5/3, variance (a²+b²+c²-ab-ac-bc)/18 = 13/18', () => {
    const m = sample((s) => s.triangular(0, 1, 4));
    assert.ok(Math.abs(m.mean - 5 / 3) < 0.015, `${m.mean}`);
    assert.ok(Math.abs(m.variance - 13 / 18) < 0.02, `${m.variance}`);
  });
  test('uniform(-1, 3): mean 1, variance 16/12', () => {
    const m = sample((s) => s.uniform(-1, 3));
    assert.ok(Math.abs(m.mean - 1) < 0.02);
    assert.ok(Math.abs(m.variance - 16 / 12) < 0.03);
  });
  test('invalid sampler parameters throw', () => {
    const s = createStream(1);
    assert.throws(() => s.beta(0, 1), /beta: expected a > 0/);
    assert.throws(() => s.triangular(2, 1, 0), /triangular/);
    assert.throws(() => s.gamma(-1), /gamma/);
  });
});
