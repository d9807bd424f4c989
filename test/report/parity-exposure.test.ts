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
    )) as {
      linear: { date: string; us_loss_usd: number }[];
      weeks: number;
      units: Record<string, string>;
      basis: { data: string[]; read_at: string | null; cliff: string; source: string };
      countries: Record<string, unknown>[];
      users: Record<string, unknown>[];
      weekly: Record<string, unknown>[];
    };
    assert.equal(r.linear.length, 8, 'the linear side column covers the same weeks');
    // every money or quantity field of the answer has its unit
    const fields = new Set<string>();
    for (const rows of [r.countries, r.users, r.weekly, r.linear as unknown as Record<string, unknown>[]])
      for (const k of Object.keys(rows[0] ?? {}))
        if (/_(usd|weeks|kg_per_week|usd_per_week)$/.test(k)) fields.add(k);
    assert.ok(fields.size >= 8, [...fields].join(', '));
    for (const k of fields) assert.ok(r.units[k], `units.${k}`);
    // money to cents, the linear side column too
    for (const l of r.linear) assert.equal(Math.round(l.us_loss_usd * 100) / 100, l.us_loss_usd);
    assert.deepEqual(
      r.basis.data,
      ['items', 'users', 'content', 'flows'].map((n) => `data/supply/bottleneck_${n}.csv`),
    );
    assert.match(r.basis.read_at ?? '', /^\d{4}-\d{2}-\d{2}$/);
    assert.match(r.basis.cliff, /1% of its modelled users' baseline output/);
  });

  test('bottleneck with hold_flows_from: the same on both edges', async () => {
    await assertParity(
      ['exposure', 'us-china', '--model', 'bottleneck', '--weeks', '6', '--hold-flows-from', '2025-04-01'],
      `${S}/exposure/bottleneck?weeks=6&hold_flows_from=2025-04-01`,
    );
  });
});
