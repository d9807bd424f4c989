// Money has one formatter (src/model/money.ts), used by the CLI, the dashboard's panels and its
// exported charts (issue 17: "$64.5 bn", trillions as "tn", never "$141709 bn").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { usd } from '../../src/model/index.ts';
import { ioMoneyText } from '../../src/cli/commands/io-options.ts';
import { usd as webUsd, usdM } from '../../web/src/charts/util.ts';

test('three significant figures in the largest unit reached, trillions included', () => {
  const cases: [number, string][] = [
    [120, '$120'],
    [999.4, '$999'],
    [999.6, '$1 k'], // rounds to 1,000: the next unit
    [12_345, '$12.3 k'],
    [6_290_000, '$6.29 m'],
    [64_544_700_100, '$64.5 bn'],
    [999.4e9, '$999 bn'],
    [999.6e9, '$1 tn'],
    [1_417_090_000_000, '$1.42 tn'],
    [141_709e9, '$142 tn'], // the world output of an IO table, once "$141709 bn"
    [1e15, '$1,000 tn'],
    [-187_600_000_000, '-$188 bn'],
    [0, '$0'],
    [-0.3, '$0'], // no "-$0"
  ];
  for (const [x, want] of cases) assert.equal(usd(x), want, String(x));
  for (const x of [1e3, 1e6, 1e9, 1e12, 1e14]) assert.doesNotMatch(usd(x), /e\+|1000 /);
});

test('the CLI, the IO tables and the dashboard format money with that one function', () => {
  assert.equal(webUsd, usd);
  assert.equal(ioMoneyText(141_709_000, 'USD millions a year'), '$142 tn');
  assert.equal(usdM(-56_141), '-$56.1 bn');
});
