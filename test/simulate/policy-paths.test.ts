// The policy-path tree of the rare-earth seam (policy-paths.ts): losses a thread's runs share by
// the policies of the weeks before. Invariant: every loss is bit-for-bit the one the model gives
// without the tree, whatever the order of runs, tries, projections and the tree's cap.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadScenarioSync } from '../../src/io/index.ts';
import { createStream } from '../../src/random/index.ts';
import { prepareScenario, RareEarthSeam, type RareEarthBottleneck } from '../../src/simulate/index.ts';
import { PolicyPaths } from '../../src/simulate/policy-paths.ts';

let b: RareEarthBottleneck;
before(async () => {
  const p = await prepareScenario(loadScenarioSync('us-china'), { start: '2025-04-07', weeks: 26 });
  b = p.supply.bottleneck!;
});

/**
 * Runs of `weeks` weeks on several seams at once with the same calls: each week a few tries
 * (peek), now and then a projection, then the week. Policies come from a small set (so paths
 * repeat across runs, as in the Monte Carlo) plus, with `fresh`, a new flow now and then.
 */
function drive(seams: RareEarthSeam[], runs: number, weeks: number, fresh: boolean): number {
  const rng = createStream(7, 0);
  const flows = [0.26, 0.4, 0.1, 0, 1];
  const pick = () => {
    const flow = fresh && rng.uniform(0, 1) < 0.1 ? rng.uniform(0, 1) : flows[rng.nextInt(flows.length)];
    return { flow, binding: rng.uniform(0, 1) < 0.6, rule: rng.uniform(0, 1) < 0.2 ? 1 : 0 };
  };
  let checked = 0;
  for (let r = 0; r < runs; r++) {
    for (const s of seams) s.reset();
    for (let w = 0; w < weeks; w++) {
      const tries = rng.nextInt(4);
      for (let i = 0; i < tries; i++) {
        const q = pick();
        const got = seams.map((s) => s.peek(q.flow, q.binding, q.rule));
        for (const g of got)
          assert.ok(Object.is(g, got[0]), `run ${r} week ${w} try ${i}: ${got.join(' / ')}`);
        checked++;
      }
      if (rng.uniform(0, 1) < 0.1) {
        const q = pick();
        const got = seams.map((s) => s.project(q.flow, q.binding, q.rule, 6));
        for (const g of got) assert.ok(Object.is(g, got[0]), `run ${r} week ${w} projection`);
        const left = seams.map((s) => s.weeksLeft);
        for (const g of left) assert.equal(g, left[0]);
      }
      const q = pick();
      const got = seams.map((s) => s.week(q.flow, q.binding, q.rule));
      for (const g of got) assert.ok(Object.is(g, got[0]), `run ${r} week ${w}: ${got.join(' / ')}`);
      checked++;
    }
  }
  return checked;
}

describe('policy-path tree of the rare-earth seam', () => {
  test('with the tree, a tiny tree (full early) and none: the same losses, repeating and fresh policies', () => {
    for (const fresh of [false, true]) {
      const seams = [
        new RareEarthSeam(b, { pathEdges: 0 }),
        new RareEarthSeam(b),
        new RareEarthSeam(b, { pathEdges: 40 }),
        new RareEarthSeam(b, { pathEdges: 1 }),
      ];
      assert.ok(drive(seams, 40, 26, fresh) > 1000);
    }
  });

  test('some losses are not 0 (the driven paths bind the control)', () => {
    const seam = new RareEarthSeam(b);
    let sum = 0;
    for (let w = 0; w < 10; w++) sum += seam.week(0.1, true, 0);
    assert.ok(sum > 0, `${sum}`);
  });

  test('the tree: edges found by policy (flow only when binding), nodes by depth, the cap refused', () => {
    const t = new PolicyPaths(3);
    const e0 = t.addEdge(0, 0.5, true, 0, 10);
    const e1 = t.addEdge(0, 0.7, false, 1, 11);
    assert.equal(t.find(0, 0.5, true, 0), e0);
    assert.equal(t.find(0, 0.25, true, 0), -1);
    assert.equal(t.find(0, 0.25, false, 1), e1, 'not binding: the flow does not matter');
    assert.equal(t.find(0, 0.7, false, 0), -1, 'the rule does');
    const n = t.addNode(e0);
    assert.equal(t.nodeDepth[n], 1);
    assert.equal(t.edgeTo[e0], n);
    assert.equal(t.nodeIn[n], e0);
    assert.ok(t.addEdge(n, 0, true, 0, 12) >= 0);
    assert.equal(t.addEdge(n, 1, true, 0, 13), -1, 'three edges at most');
  });
});
