// China's world production shares are data (data/supply/rare_earth_world_shares.csv), each with its source.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readWorldShares } from '../../src/io/index.ts';
import { writeFiles } from '../helpers.ts';

test('the shipped world shares: three stages, each a share with its ledger source', () => {
  const w = readWorldShares();
  assert.deepEqual(
    w.map((x) => [x.stage, x.china_share]),
    [
      ['mining', 0.69],
      ['separation and refining', 0.91],
      ['permanent magnets', 0.94],
    ],
  );
  for (const x of w) assert.match(x.source, /\(ledger fig-ree-[a-z0-9-]+\)$/);
});

test('a share outside [0, 1] or without a source is an error naming the file and line', () => {
  const dir = writeFiles({
    'bad.csv': 'stage,china_share,source\nmining,0.69,USGS\nrefining,91,IEA\n',
    'nosrc.csv': 'stage,china_share,source\nmining,0.69,\n',
  });
  assert.throws(
    () => readWorldShares(join(dir, 'bad.csv')),
    /bad\.csv:3: china_share must be a share in \[0, 1\], got "91"/,
  );
  assert.throws(() => readWorldShares(join(dir, 'nosrc.csv')), /nosrc\.csv:2: every share needs its source/);
});
