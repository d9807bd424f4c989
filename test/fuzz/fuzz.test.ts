// The fuzz suite in `npm test`: a few hundred seeded mutations of the built-in scenario and its
// list files, flow CSVs, input-output folders and API bodies, run in-process. It fails on any
// crash, hang or non-finite number in an accepted output (`npm run fuzz` runs thousands).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LeverageError } from '../../src/errors/index.ts';
import {
  classifyError,
  nonFinitePath,
  runCampaign,
  runCase,
  standardCampaign,
  summaryTable,
} from './lib/index.ts';

describe('the classifier', () => {
  test('finds a non-finite number anywhere: nested objects, typed arrays, Maps; not in finite data', () => {
    assert.equal(nonFinitePath({ a: [1, { b: NaN }] }), 'a[1].b = NaN');
    assert.equal(nonFinitePath({ x: Float64Array.of(1, Infinity) }), 'x[1] = Infinity');
    assert.equal(nonFinitePath(new Map([['k', { v: -Infinity }]])), '<k>.v = -Infinity');
    const shared = { v: 1 };
    assert.equal(nonFinitePath({ a: shared, b: shared, c: [-0, 1e308, 'NaN'] }), null);
  });
  test('a located user error, an unlocated one, an internal one and a TypeError', () => {
    const at = new LeverageError('input', 'invalid', 'bad', { location: { path: 'body.x' } });
    assert.equal(classifyError(at, []).outcome, 'located');
    assert.equal(
      classifyError(new LeverageError('input', 'invalid', 'f.csv: line 3: bad'), ['f.csv']).outcome,
      'located',
    );
    assert.equal(classifyError(new LeverageError('input', 'invalid', 'bad'), ['f.csv']).outcome, 'crash');
    assert.equal(
      classifyError(new LeverageError('internal', 'internal', 'f.csv'), ['f.csv']).outcome,
      'crash',
    );
    assert.equal(classifyError(new TypeError('x is undefined'), ['x']).outcome, 'crash');
  });
  test('a case over its time limit is a hang; a non-finite output is silent-wrong', async () => {
    const meta = { target: 't', mutation: 'm', label: 'l', where: [] };
    const idle = await runCase(meta, () => new Promise((r) => setTimeout(() => r(1), 400)), 50);
    assert.equal(idle.outcome, 'hang', 'waiting past the wall limit (6 x 50 ms)');
    const busy = await runCase(
      meta,
      () => {
        const c0 = process.cpuUsage();
        while (process.cpuUsage(c0).user < 120_000); // 120 ms of CPU, however loaded the machine
        return 1;
      },
      50,
    );
    assert.equal(busy.outcome, 'hang', 'spinning past the CPU limit');
    assert.equal((await runCase(meta, () => ({ usd: 1 / 0 }), 1000)).outcome, 'silent-wrong');
    assert.equal((await runCase(meta, () => ({ usd: 1 }), 1000)).outcome, 'accepted');
  });
});

test('fuzz: 400 seeded cases, no crash, no hang, no non-finite output', async () => {
  const c = await runCampaign(standardCampaign(400, { maxRows: 5_000 }), 18);
  const table = summaryTable(c);
  assert.deepEqual(
    c.failures.map((f) => `${f.outcome}: ${f.target} ${f.label}: ${f.detail}`),
    [],
    table,
  );
  // every target reached both its refusals and its accepting paths (else the mutations miss)
  for (const t of new Set(c.results.map((r) => r.target))) {
    const rs = c.results.filter((r) => r.target === t);
    assert.ok(
      rs.some((r) => r.outcome === 'located'),
      `${t}: no case was refused\n${table}`,
    );
    assert.ok(
      rs.some((r) => r.outcome === 'accepted'),
      `${t}: no case was accepted\n${table}`,
    );
  }
  assert.ok(c.results.length >= 400);
});
