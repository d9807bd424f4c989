// Rare-earth exposure: the bottleneck view (CLI `exposure --model bottleneck` = GET
// /exposure/bottleneck), computed once in src/report/exposure.ts, with the linear model's US loss
// on the same weeks beside it in both.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_BUFFER_COHORTS } from '../../src/supply/index.ts';
import { assertParity, cliJson } from './parity.ts';

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

// Issue 17 item 1: the US output lost to the rare-earth cut on 2025-06-11. The simulation's week 0
// and the bottleneck view are one model on the same weeks and must give the same number; the
// linear view (`exposure --at`) is another quantity, labelled as such, at the same flow share.
describe('US output lost to the rare-earth cut on 2025-06-11: simulation week 0 vs the exposure views', () => {
  test("the simulation's week 0 is the bottleneck view's US loss that week; the linear view is labelled as the other model", async () => {
    const run = (await cliJson(['run', 'us-china', '--runs', '5', '--seed', '1', '--weeks', '1'])) as {
      start: string;
      weeks: { date: string; licence_flow_share: { p50: number }; output_lost_usd: { p50: number } }[];
      metrics: Record<string, string>;
      basis: string[];
    };
    const w0 = run.weeks[0];
    assert.equal(w0.date, '2025-06-11');
    const re = run.basis.find((b) => b.startsWith('rare earths: '))!;
    // the basis names the model that made the figure, and the weeks and cohorts to reproduce it
    const m = /exposure --model bottleneck --start (\d{4}-\d{2}-\d{2}) --cohorts (\d+)/.exec(re);
    assert.ok(m, re);
    assert.equal(Number(m[2]), DEFAULT_BUFFER_COHORTS, 'one default of buffer cohorts');
    assert.match(run.metrics.output_lost_usd, /bottleneck/);
    const weeks = 1 + Math.round((Date.parse(w0.date) - Date.parse(m[1])) / (7 * 86_400_000));
    const bn = (await cliJson([
      'exposure',
      'us-china',
      '--model',
      'bottleneck',
      '--start',
      m[1],
      // no --cohorts: the run's cohorts (named in its basis) are the exposure view's default too
      '--weeks',
      String(weeks),
    ])) as { weekly: { date: string; country: string; output_lost_usd: number }[] };
    const us = bn.weekly.find((r) => r.date === w0.date && r.country === 'USA')!;
    assert.ok(us, `the bottleneck view has the week of ${w0.date}`);
    // the run prints 6 significant digits
    assert.ok(
      Math.abs(w0.output_lost_usd.p50 - us.output_lost_usd) <= 1e-5 * us.output_lost_usd,
      `simulation ${w0.output_lost_usd.p50} vs bottleneck view ${us.output_lost_usd}`,
    );
    // only the US's own users: the component makers abroad (MEX, KOR) are not the US's loss
    const all = bn.weekly.filter((r) => r.date === w0.date).reduce((a, r) => a + r.output_lost_usd, 0);
    assert.ok(
      all > us.output_lost_usd * 1.1,
      'the view has foreign component makers with losses of their own',
    );
    // the linear view: same flow share that day, a different quantity, labelled as the linear model
    const lin = (await cliJson(['exposure', 'us-china', '--at', w0.date])) as {
      controls: { id: string; flow_share: number | null }[];
      at: { cut_share: number; us_loss_usd_m: number };
      assumptions: string[];
    };
    assert.equal(Math.round((1 - lin.at.cut_share) * 1000) / 1000, w0.licence_flow_share.p50);
    assert.ok(
      lin.assumptions.some(
        (a) => /^us_loss_usd_m: the linear IO model's US output lost/.test(a) && /output_lost_usd/.test(a),
      ),
      lin.assumptions.join(' | '),
    );
    // the relation the labels state: the linear model's loss is far smaller than the bottleneck's
    assert.ok(
      lin.at.us_loss_usd_m * 1e6 * 10 < us.output_lost_usd,
      `${lin.at.us_loss_usd_m} vs ${us.output_lost_usd}`,
    );
  });
});
