// Rare-earth exposure: the bottleneck view (CLI `exposure --model bottleneck` = GET
// /exposure/bottleneck), computed once in src/report/exposure.ts, with the linear model's US loss
// on the same weeks beside it in both.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertParity } from './parity.ts';

const S = '/api/scenarios/us-china';

describe('exposure (parity)', () => {
  test('bottleneck: CLI --json deep-equals the API body (default start, 8 weeks)', async () => {
    const r = (await assertParity(
      ['exposure', 'us-china', '--model', 'bottleneck', '--weeks', '8'],
      `${S}/exposure/bottleneck?weeks=8`,
    )) as { linear: { date: string; us_loss_usd: number }[]; weeks: number };
    assert.equal(r.linear.length, 8, 'the linear side column covers the same weeks');
  });

  test('bottleneck with hold_flows_from: the same on both edges', async () => {
    await assertParity(
      ['exposure', 'us-china', '--model', 'bottleneck', '--weeks', '6', '--hold-flows-from', '2025-04-01'],
      `${S}/exposure/bottleneck?weeks=6&hold_flows_from=2025-04-01`,
    );
  });
});
