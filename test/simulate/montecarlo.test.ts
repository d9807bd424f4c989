import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  runPrepared,
  quantileSorted,
  spearman,
  aggregateCes,
  drawUncertain,
  allocateRaw,
  computeBands,
  BAND_FIELDS,
  type MonteCarloResult,
  type Band,
} from '../../src/simulate/index.ts';
import { cesResponse } from '../../src/trade/index.ts';
import { leverage } from '../../src/game/index.ts';
import { createStream } from '../../src/random/index.ts';
import { prepared } from './helpers.ts';

const p = prepared(undefined, { weeks: 26 });

describe('determinism', () => {
  test('same seed: byte-identical JSON from 1 and 2 worker threads, whatever the chunk size', async () => {
    const one = await runPrepared(p, { runs: 120, seed: 2025, workers: 1, chunk: 50 });
    const two = await runPrepared(p, { runs: 120, seed: 2025, workers: 2, chunk: 7 });
    assert.equal(JSON.stringify(two), JSON.stringify(one));
    assert.equal(one.runs_completed, 120);
    assert.equal(one.complete, true);
  });

  test('a different seed gives a different sample', async () => {
    const a = await runPrepared(p, { runs: 60, seed: 1 });
    const b = await runPrepared(p, { runs: 60, seed: 2 });
    assert.notEqual(JSON.stringify(a.sensitivity), JSON.stringify(b.sensitivity));
  });

  test('interrupted: partial results are the first k runs, reported as such', async () => {
    const ac = new AbortController();
    const part = await runPrepared(p, {
      runs: 200,
      seed: 9,
      chunk: 20,
      signal: ac.signal,
      onProgress: (done) => done >= 40 && ac.abort(),
    });
    assert.equal(part.complete, false);
    assert.equal(part.runs_completed, 40);
    assert.equal(part.runs_requested, 200);
    // a run depends only on (seed, run index): the partial result equals a complete run of 40
    const full = await runPrepared(p, { runs: 40, seed: 9 });
    assert.deepEqual(part.outcomes, full.outcomes);
    assert.deepEqual(part.weeks, full.weeks);
  });
});

function walk(x: unknown, f: (v: number, path: string) => void, path = ''): void {
  if (typeof x === 'number') f(x, path);
  else if (Array.isArray(x)) x.forEach((v, i) => walk(v, f, `${path}[${i}]`));
  else if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) walk(v, f, `${path}.${k}`);
}

function checkResult(r: MonteCarloResult): void {
  walk(r, (v, path) =>
    assert.ok(
      Number.isFinite(v) || path.includes('.distribution') || path.includes('.lo') || path.includes('.hi'),
      `${path} is ${v}`,
    ),
  );
  const o = r.outcomes;
  for (const x of [
    o.framework,
    o.framework_within_horizon,
    o.truce_collapses,
    o.escalation_above_april_2025_peak,
  ]) {
    assert.ok(x.probability >= 0 && x.probability <= 1, `probability ${x.probability}`);
    assert.ok(x.se >= 0 && x.se <= 0.5);
  }
  assert.ok(o.framework.probability <= o.framework_within_horizon.probability);
  const fcSum = Object.values(o.first_concession).reduce((s, v) => s + v, 0);
  assert.ok(Math.abs(fcSum - 1) < 1e-5, `first-concession shares sum to ${fcSum}`);
  for (const w of r.weeks)
    for (const [k, v] of Object.entries(w)) {
      if (typeof v !== 'object') continue;
      const b = v as Band;
      assert.ok(
        b.p5 <= b.p50 && b.p50 <= b.p95,
        `${w.date} ${k}: bands out of order ${b.p5} ${b.p50} ${b.p95}`,
      );
    }
  for (const c of Object.values(r.curves))
    for (let i = 1; i < c.length; i++)
      assert.ok(c[i] >= c[i - 1] && c[i] <= 1, 'cumulative curves rise within [0, 1]');
  for (const s of r.sensitivity) {
    assert.ok(Math.abs(s.effect) <= 1 && s.p_low_quartile >= 0 && s.p_high_quartile <= 1);
    assert.ok(Math.abs(s.rank_correlation) <= 1 + 1e-12);
  }
  for (let i = 1; i < r.sensitivity.length; i++)
    assert.ok(
      Math.abs(r.sensitivity[i - 1].effect) >= Math.abs(r.sensitivity[i].effect),
      'sorted by effect size',
    );
}

describe('interrupting worker threads', () => {
  test('with 2 workers too: a complete prefix of runs, identical to a full run of that many', async () => {
    const ac = new AbortController();
    const part = await runPrepared(p, {
      runs: 400,
      seed: 11,
      workers: 2,
      chunk: 20,
      signal: ac.signal,
      onProgress: (done) => done >= 60 && ac.abort(),
    });
    assert.equal(part.complete, false);
    assert.ok(
      part.runs_completed >= 60 && part.runs_completed < 400 && part.runs_completed % 20 === 0,
      `runs_completed ${part.runs_completed}`,
    );
    const full = await runPrepared(p, { runs: part.runs_completed, seed: 11 });
    assert.deepEqual(part.weeks, full.weeks);
    assert.deepEqual(part.outcomes, full.outcomes);
  });
});

describe('properties of the Monte Carlo output', () => {
  test('probabilities in [0, 1], bands ordered, no NaN, curves monotone (random seeds and run counts)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.integer({ min: 1, max: 40 }),
        async (seed, runs) => {
          checkResult(await runPrepared(p, { runs, seed }));
        },
      ),
      { numRuns: 12 },
    );
  });
});

describe('building blocks', () => {
  test('quantiles (type 7): hand cases', () => {
    const x = [1, 2, 3, 4];
    assert.equal(quantileSorted(x, 0.5), 2.5);
    assert.ok(Math.abs(quantileSorted(x, 0.05) - 1.15) < 1e-12); // h = 3 * 0.05 = 0.15
    assert.equal(quantileSorted(x, 1), 4);
    assert.equal(quantileSorted([7], 0.95), 7);
  });

  test('weekly bands by selection equal type-7 quantiles of the sorted sample (with ties)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 300 }), (xs) => {
        const raw = allocateRaw(xs.length, 1, 0, false);
        raw.weekly.set(xs); // slice 0 = metric 0, week 0
        const out = new Float64Array(BAND_FIELDS);
        computeBands(raw, xs.length, 0, 1, out);
        const sorted = Float64Array.from(xs).sort();
        const r6 = (x: number) => Number(x.toPrecision(6));
        assert.equal(out[0], r6(quantileSorted(sorted, 0.05)));
        assert.equal(out[1], r6(quantileSorted(sorted, 0.5)));
        assert.equal(out[2], r6(quantileSorted(sorted, 0.95)));
      }),
      { numRuns: 200 },
    );
  });

  test('Spearman: monotone = 1, reversed = -1, ties averaged', () => {
    assert.equal(spearman([1, 2, 3, 4], [10, 20, 30, 400]), 1);
    assert.equal(spearman([1, 2, 3, 4], [4, 3, 2, 1]), -1);
    // x ranks 1,2,3,4; y = 0,0,1,1 -> ranks 1.5,1.5,3.5,3.5: r = 4 / sqrt(5 * 4) = 0.894...
    assert.ok(Math.abs(spearman([1, 2, 3, 4], [0, 0, 1, 1]) - 4 / Math.sqrt(20)) < 1e-12);
  });

  test("aggregate CES equals the trade engine's exact CES with two suppliers and elastic supply", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.2, max: 6, noNaN: true }),
        fc.double({ min: -3, max: -0.2, noNaN: true }),
        fc.double({ min: 0, max: 1.5, noNaN: true }),
        (sigma, eps, t1) => {
          const out = new Float64Array(2);
          const m1 = aggregateCes(400, 2600, 0.1, t1, sigma, eps, out);
          const r = cesResponse(
            { m0: Float64Array.of(400, 2600), t0: Float64Array.of(0.1, 0), t1: Float64Array.of(t1, 0) },
            { sigma, epsilon_m: eps, epsilon_x: Infinity },
          );
          assert.ok(
            Math.abs(m1 - r.suppliers[0].m1_value) < 1e-6 * 400,
            `m1 ${m1} vs ${r.suppliers[0].m1_value}`,
          );
        },
      ),
      { numRuns: 50 },
    );
  });

  test('a tariff rise costs consumers: price index up, imports from the partner down', () => {
    const out = new Float64Array(2);
    const m1 = aggregateCes(400, 2600, 0.1, 0.5, 1.5, -1.5, out);
    assert.ok(m1 < 400);
    assert.ok(out[1] > 1 && out[0] > 0);
    assert.equal(aggregateCes(400, 2600, 0.1, 0.1, 1.5, -1.5, out), 400, 'no change, no effect');
  });

  test("leverage per week is the game engine's Nash-bargaining share shift", () => {
    // loop: (pain1 - pain0) / (2 (pain0 + pain1)); game: leverage with d_i = -pain_i, pie = pain0 + pain1
    for (const [p0, p1] of [
      [3, 5],
      [7, 1],
      [2, 2],
    ]) {
      const g = leverage({ d1: -p0, d2: -p1, pie: p0 + p1 });
      assert.ok(Math.abs(g.leverage[0] / (p0 + p1) - (p1 - p0) / (2 * (p0 + p1))) < 1e-12);
    }
  });

  test('draws stay inside the parameter range (clamped), beta is rescaled to [low, high]', () => {
    const rng = createStream(5, 0);
    const u = {
      path: 'x',
      distribution: { kind: 'normal' as const, mean: 0.5, sd: 10 },
      slot: 0,
      lo: 0,
      hi: 1,
      provenance: '',
    };
    for (let i = 0; i < 200; i++) {
      const x = drawUncertain(u, rng);
      assert.ok(x >= 0 && x <= 1);
    }
    const b = {
      path: 'y',
      distribution: { kind: 'beta' as const, alpha: 2, beta: 2, low: 10, high: 20 },
      slot: 0,
      lo: 0,
      hi: 100,
      provenance: '',
    };
    let s = 0;
    for (let i = 0; i < 2000; i++) s += drawUncertain(b, rng);
    assert.ok(Math.abs(s / 2000 - 15) < 0.3, 'mean of a symmetric beta on [10, 20] is 15');
    const i = {
      path: 'z',
      distribution: { kind: 'uniform' as const, low: 0, high: 1 },
      slot: -1,
      integer: true,
      lo: 0,
      hi: 1,
      provenance: '',
    };
    const seen = new Set<number>();
    for (let k = 0; k < 100; k++) seen.add(drawUncertain(i, rng));
    assert.deepEqual([...seen].sort(), [0, 1], 'integer strategy parameters are drawn as whole numbers');
  });
});
