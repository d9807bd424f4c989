import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  readMrio,
  readChinaImportsHs,
  loadScenarioSync,
  DEFAULT_MRIO_DIR,
  DEFAULT_TRADE_DIR,
} from '../../src/io/index.ts';
import { prepareModel, chokepointWeights, runChokepoint } from '../../src/supply/index.ts';
import { rareEarthBridge, tradeFlows } from '../../src/simulate/index.ts';

describe('engine adapters', () => {
  test('rare-earth bridge: positive losses, and loss is linear in the cut (the loop scales one solve)', async () => {
    const regions = loadScenarioSync('us-china').views.actor_regions!; // US -> USA, CN -> CHN
    const b = await rareEarthBridge('CN', 'US', regions);
    assert.ok(b.importer_loss_usd_per_week > 0 && b.exporter_loss_usd_per_week > 0);
    assert.match(b.basis, /WIOD/);
    const again = await rareEarthBridge('CN', 'US', regions);
    assert.equal(again, b, 'computed once per process');
    // the supply engine itself at cuts 1, 0.5 and 0.26: losses in proportion
    const m = prepareModel(await readMrio(DEFAULT_MRIO_DIR), { clean: true });
    const w = chokepointWeights(
      m,
      await readChinaImportsHs(join(DEFAULT_TRADE_DIR, 'us_imports_from_china_2024_hs10.csv')),
      'CHN',
    );
    const cuts = [1, 0.5, 0.26];
    const run = runChokepoint(
      m,
      w,
      cuts.map((cut, week) => ({ week, weekStart: '2025-01-01', available: 1 - cut, cut, basis: '' })),
      { exporterRegion: 'CHN', targets: ['USA'] },
    );
    const usa = run.weekly.map((x) => x.byRegion.find((r) => r.region === 'USA')!.downstream);
    // linear to 5 significant digits (the partial-extraction solve leaves a ~1e-6 relative term)
    for (let i = 1; i < cuts.length; i++)
      assert.ok(
        Math.abs(usa[i] - usa[0] * cuts[i]) <= 1e-5 * usa[0],
        `cut ${cuts[i]}: ${usa[i]} vs ${usa[0] * cuts[i]}`,
      );
    assert.ok(
      Math.abs(usa[0] * 1e6 - b.importer_loss_usd_per_week) <= 1e-6 * b.importer_loss_usd_per_week,
      'million USD -> USD',
    );
  });

  test('base-year flows from the trade engine: 2024 US imports from China (USD 429 bn over HTS10 lines)', () => {
    const f = tradeFlows(['US', 'CN']);
    let us = 0;
    for (const v of f['US<-CN'].weights_usd) us += v;
    assert.ok(us > 4.2e11 && us < 4.4e11, `${us}`);
    assert.ok(f['US<-CN'].lines.length > 10_000);
    let cn = 0;
    for (const v of f['CN<-US'].weights_usd) cn += v;
    assert.ok(Math.abs(cn - 143.5e9) < 1e6, 'China side sums to 2024 US exports to China (USD 143.5 bn)');
    assert.throws(() => tradeFlows(['US', 'EU']), /ships base-year flows for US and CN only/);
  });
});
