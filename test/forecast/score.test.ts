import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  bootstrap,
  brier,
  crpsEnsemble,
  logLoss,
  reliability,
  skill,
  formatOdds,
} from '../../src/forecast/index.ts';

const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol, `${a} != ${b}`);

test('Brier score: (p - o)^2 by hand', () => {
  close(brier(0.7, true), 0.09);
  close(brier(0.7, false), 0.49);
  close(brier(0.5, true), 0.25);
  close(brier(1, true), 0);
  close(brier(0, true), 1);
});

test('log loss: -ln of the probability of what happened, clipped to [0.001, 0.999]', () => {
  close(logLoss(0.8, true), -Math.log(0.8));
  close(logLoss(0.8, false), -Math.log(0.2));
  close(logLoss(0, true), -Math.log(0.001)); // 6.9078: clipped, not infinite
  close(logLoss(1, false), -Math.log(0.001));
  close(logLoss(1, true), -Math.log(0.999));
  close(logLoss(0.5, false), Math.LN2);
});

test("CRPS of an ensemble: E|X - y| - 0.5 E|X - X'| by hand", () => {
  // {1,2,3}, y = 2: E|X-y| = 2/3; pairs sum |xi-xj| = 8 over 9 -> 0.5 * 8/9 = 4/9; CRPS = 2/9
  close(crpsEnsemble([3, 1, 2], 2), 2 / 9);
  // a single member is the absolute error
  close(crpsEnsemble([5], 2), 3);
  // {0, 10}, y = 0: E|X-y| = 5; E|X-X'| = (0+10+10+0)/4 = 5 -> CRPS = 2.5
  close(crpsEnsemble([0, 10], 0), 2.5);
  // outside the ensemble on the right: {1,2,3}, y = 10: E|X-y| = 8, minus 4/9
  close(crpsEnsemble([1, 2, 3], 10), 8 - 4 / 9);
});

test('CRPS closed form equals the integral of (F(x) - 1{x >= y})^2 dx', () => {
  const xs = [4.2, -1, 7, 7, 0.5, 3.3, 12];
  for (const y of [-3, 0, 3.3, 6, 20]) {
    const s = [...xs].sort((a, b) => a - b);
    const F = (x: number) => s.filter((v) => v <= x).length / s.length;
    let integral = 0;
    const lo = -10;
    const hi = 30;
    const n = 400_000;
    const h = (hi - lo) / n;
    for (let i = 0; i < n; i++) {
      const x = lo + (i + 0.5) * h;
      const d = F(x) - (x >= y ? 1 : 0);
      integral += d * d * h;
    }
    close(crpsEnsemble(xs, y), integral, 1e-3);
  }
});

test('skill: 1 - S / S_ref, null against a perfect reference', () => {
  close(skill(0.2, 0.25)!, 0.2);
  close(skill(0.5, 0.25)!, -1);
  assert.equal(skill(0.1, 0), null);
});

test('bootstrap interval: seeded (reproducible), brackets the mean, degenerate for identical values', () => {
  const v = [0.1, 0.5, 0.9, 0.2, 0.4, 0.7, 0.3, 0.05];
  const mean = (idx: Int32Array) => [...idx].reduce((s, i) => s + v[i], 0) / idx.length;
  const a = bootstrap(v.length, mean, 7, 0, 500)!;
  const b = bootstrap(v.length, mean, 7, 0, 500)!;
  assert.deepEqual(a, b);
  const m = v.reduce((s, x) => s + x, 0) / v.length;
  assert.ok(a.lo < m && m < a.hi, `${a.lo} < ${m} < ${a.hi}`);
  assert.notDeepEqual(bootstrap(v.length, mean, 8, 0, 500), a);
  const same = bootstrap(4, () => 0.3, 1, 0, 100)!;
  assert.deepEqual(same, { lo: 0.3, hi: 0.3 });
  assert.equal(
    bootstrap(0, () => 1, 1, 0),
    null,
  );
});

test('reliability table: ten bins, counts, mean forecast and observed share', () => {
  const r = reliability([0.05, 0.08, 0.95, 1, 0.5], [false, true, true, true, false]);
  assert.equal(r.length, 10);
  assert.equal(r[0].count, 2);
  close(r[0].mean_forecast!, 0.065);
  close(r[0].observed_share!, 0.5);
  assert.equal(r[9].count, 2); // 1.0 falls in the last bin
  assert.equal(r[9].observed_share, 1);
  assert.equal(r[5].count, 1);
  assert.equal(r[3].count, 0);
  assert.equal(r[3].mean_forecast, null);
});

test('odds are shown with one decimal, never rounded up to certainty', () => {
  assert.equal(formatOdds(0.9995), '>99.9%');
  assert.equal(formatOdds(0.0004), '<0.1%');
  assert.equal(formatOdds(1), '100%');
  assert.equal(formatOdds(0), '0%');
  assert.equal(formatOdds(0.6912), '69.1%');
});
