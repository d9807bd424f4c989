import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  chokepointWeights,
  faceValueExposure,
  prepareModel,
  runChokepoint,
  weeklySupply,
  exportCut,
  type ImportRow,
} from '../../src/supply/index.ts';
import { close, smallSystem } from './helpers.ts';

describe('licensing path -> weekly supply (queue model)', () => {
  test('approval 50 % after 45 days: nothing for ceil(45/7) = 7 weeks, then 0.5', () => {
    const w = weeklySupply(
      [{ from: '2025-04-04', approvalShare: 0.5, processingDays: 45 }],
      '2025-03-28',
      12,
    );
    // week 0 starts 03-28: before the regime
    assert.equal(w[0].available, 1);
    // application weeks 1.. (from 04-04) arrive 7 weeks later
    for (let k = 1; k <= 7; k++) assert.equal(w[k].available, 0, `week ${k}`);
    for (let k = 8; k < 12; k++) assert.equal(w[k].available, 0.5, `week ${k}`);
    assert.equal(w[3].cut, 1);
    assert.equal(w[1].weekStart, '2025-04-04');
  });

  test('observed flow share is used directly; a lifted regime restores full supply; backlog capped at 1', () => {
    const w = weeklySupply(
      [
        { from: '2025-01-01', approvalShare: 1, processingDays: 14 },
        { from: '2025-01-15', approvalShare: 1, processingDays: 0 },
        { from: '2025-02-05', flowShare: 0.3 },
        { from: '2025-02-19', inForce: false },
      ],
      '2025-01-01',
      9,
    );
    // weeks 0,1 applied with 14-day lag -> arrive in weeks 2,3; week 2 also gets its own cohort (lag 0)
    assert.deepEqual(
      w.map((x) => x.available),
      [0, 0, 1, 1, 1, 0.3, 0.3, 1, 1],
    );
  });

  test('bad paths are precise errors', () => {
    assert.throws(
      () => weeklySupply([{ from: '2025-13-01', flowShare: 0.5 }], '2025-01-01', 3),
      /licensing step 1: expected a date/,
    );
    assert.throws(
      () => weeklySupply([{ from: '2025-01-01', flowShare: 1.5 }], '2025-01-01', 3),
      /flowShare 1.5 outside \[0, 1\]/,
    );
    assert.throws(
      () => weeklySupply([{ from: '2025-01-01' }], '2025-01-01', 3),
      /needs flowShare or approvalShare/,
    );
  });
});

describe('face value and weights from trade rows', () => {
  const rows: ImportRow[] = [
    { hs: '850511', partner: 'CHN', valueUsd: 300 },
    { hs: '850511', partner: 'JPN', valueUsd: 100 },
    { hs: '850511', partner: 'SVK', valueUsd: 50 }, // inside the EU aggregate: dropped
    { hs: '280530', partner: 'CHN', valueUsd: 10 },
    { hs: '284690', partner: 'CHN', valueUsd: 30 },
    { hs: '284610', partner: 'JPN', valueUsd: 60 },
  ];
  test('China share per line and per group', () => {
    const f = faceValueExposure(rows, []);
    const mag = f.lines.find((l) => l.hs === '850511');
    assert.equal(mag?.china_share, 0.75);
    const re = f.groups.find((g) => g.group === 'rare-earths');
    // (10 + 30) / (10 + 30 + 60)
    assert.equal(re?.china_share, 0.4);
  });

  test('weights = rare-earth lines / all lines in the industry scope', () => {
    const labels = ['c9', 'c12', 'c14'].map((s) => ({ region: 'CHN', sector: s }));
    const m = prepareModel({
      ...smallSystem(
        [
          [1, 1, 1],
          [1, 1, 1],
          [1, 1, 1],
        ],
        [[10], [10], [10]],
      ),
      labels,
    });
    const china: ImportRow[] = [
      { hs: '8505110000', partner: 'CHN', valueUsd: 2 },
      { hs: '8504400000', partner: 'CHN', valueUsd: 98 },
      { hs: '8471300100', partner: 'CHN', valueUsd: 100 },
      { hs: '2846901000', partner: 'CHN', valueUsd: 5 },
      { hs: '2901100000', partner: 'CHN', valueUsd: 45 },
      { hs: '2805301000', partner: 'CHN', valueUsd: 1 },
      { hs: '7208100000', partner: 'CHN', valueUsd: 99 },
      { hs: '0101300000', partner: 'CHN', valueUsd: 1000 },
    ];
    const w = chokepointWeights(m, china);
    const by = Object.fromEntries(w.map((c) => [c.sector, c.weight]));
    assert.equal(by.c14, 2 / 200);
    assert.equal(by.c9, 5 / 50);
    assert.equal(by.c12, 1 / 100);
  });
});

describe('weekly loss from a chokepoint', () => {
  // two regions: CHN (a supplier) and USA (a user)
  const sys = smallSystem(
    [
      [10, 40, 0, 0],
      [0, 5, 0, 0],
      [0, 20, 10, 0],
      [0, 0, 30, 10],
    ],
    [[50], [95], [70], [60]],
    { regions: ['CHN', 'USA', 'USA', 'USA'], sectors: ['c14', 'c14', 'c15', 'c20'] },
  );
  const m = prepareModel(sys);
  test('loss scales with the weekly cut and equals the rank-1 extraction', () => {
    const supply = weeklySupply([{ from: '2025-04-07', flowShare: 0.25 }], '2025-03-31', 3);
    const run = runChokepoint(m, [{ index: 0, weight: 0.5 }], supply);
    assert.equal(run.weekly[0].downstreamLoss, 0);
    const cut = exportCut(m, [{ index: 0, weight: 0.5 }], Uint8Array.from([0, 1, 1, 1]));
    const d = cut.downstream(0.75);
    const total = -d.reduce((a, b) => a + b, 0) * (7 / 365);
    close(run.weekly[1].downstreamLoss, total, 1e-12, 'week 1');
    assert.ok(run.weekly[1].downstreamLoss > 0);
    // the US user of CHN's output loses; the sector that buys nothing from it does not
    assert.ok(run.fullCutDownstream[1] < 0);
    close(run.fullCutDownstream[0], 0, 1e-12, 'exporter output unchanged downstream');
    // by hand: the allocation CHN->USA/c14 is 40/100; half of it is removed: Δx_USA/c14 = -20 * x_USA/c14 / (Ghosh) ...
    // direct first-round loss of USA/c14 = 0.5 * z_12 = 20, propagated by G: Δx_2 = -20 * g_22 = -20 / (1 - b_22)
    close(run.fullCutDownstream[1], -20 / (1 - 5 / 100), 1e-12, 'USA/c14');
  });
});
