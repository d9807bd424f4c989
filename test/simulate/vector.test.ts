// The simulator as a function of a parameter vector (what calibration calls): a run given its
// own drawn samples is reproduced; changing one value changes the run; bad vectors are located.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Simulator, VectorSimulator, parameterSpace, parameterVector } from '../../src/simulate/index.ts';
import { prepared } from './helpers.ts';

test('a run given its own samples is reproduced; another elasticity gives another run', () => {
  const p = prepared(undefined, { weeks: 30 });
  const sim = new Simulator(p);
  sim.run(5, 7);
  const samples = Float64Array.from(sim.samples);
  const rec = Float64Array.from(sim.rec);
  const v = new VectorSimulator(p);
  const r = v.run(samples, 5, 7);
  assert.deepEqual(Float64Array.from(Object.values(r.weeks).flatMap((x) => [...x])), rec);
  assert.equal(r.scalars.framework_week, sim.scalars[0]);
  const space = parameterSpace(p);
  const i = space.paths.indexOf('trade.sigma');
  assert.ok(i >= 0);
  const other = Float64Array.from(samples);
  other[i] = space.hi[i] === samples[i] ? space.lo[i] : space.hi[i];
  const pain = (x: typeof r) => JSON.stringify([...x.weeks.pain_0_usd]);
  assert.notEqual(pain(v.run(other, 5, 7)), pain(r), 'another Armington elasticity changes the pains');
});

test('parameterVector: by path, every uncertain parameter once, inside its range', () => {
  const p = prepared(undefined, { weeks: 4 });
  const space = parameterSpace(p);
  const mid = Object.fromEntries(
    space.paths.map((k, i) => [
      k,
      space.integer[i]
        ? Math.round((space.lo[i] + space.hi[i]) / 2)
        : (Math.max(space.lo[i], -1e6) + Math.min(space.hi[i], 1e6)) / 2,
    ]),
  );
  assert.equal(parameterVector(p, mid).length, space.paths.length);
  assert.throws(
    () => parameterVector(p, { ...mid, 'trade.nope': 1 }),
    /trade\.nope is not an uncertain parameter/,
  );
  const { 'trade.sigma': _gone, ...missing } = mid;
  assert.throws(() => parameterVector(p, missing), /trade\.sigma: expected a finite number/);
  assert.throws(
    () => parameterVector(p, { ...mid, 'trade.sigma': 1e9 }),
    /trade\.sigma = 1000000000 is outside its range/,
  );
  assert.throws(() => new VectorSimulator(p).run([1, 2], 1), /expected \d+ values/);
});
