// The supply commands end to end: one JSON document on stdout, precise errors with exit code 2.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cli as inProcess } from '../helpers.ts';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { mbFolder } from './helpers.ts';

const cli = (...args: string[]) => inProcess(args);

describe('leverage io (pymrio folder)', async () => {
  const dir = mbFolder();
  test('io shock --demand: L Δy by hand, one JSON document', async () => {
    // Δy_b = -10 % of 1700 = -170; Δx = L Δy = [100, 340] / 303 * -170
    const r = await cli('io', 'shock', '--mrio', dir, '--demand', 'r:b=-10%', '--json');
    assert.equal(r.status, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.equal(j.model, 'leontief');
    // the folder declares no unit: figures stay in its own unit, keyed `_table_unit`
    assert.equal(j.unit, 'unknown');
    assert.deepEqual(j.shocks, [
      { sector: 'r/b', change_share: -0.1, base_table_unit: 1700, change_table_unit: -170 },
    ]);
    const byName = Object.fromEntries(
      j.top_sectors.map((s: { sector: string; change_table_unit: number }) => [
        s.sector,
        s.change_table_unit,
      ]),
    );
    assert.ok(Math.abs(byName.a - (-170 * 100) / 303) < 1e-6);
    assert.ok(Math.abs(byName.b - (-170 * 340) / 303) < 1e-6);
    assert.ok(Math.abs(j.total_output_change_table_unit - (-170 * 440) / 303) < 1e-6);
    assert.ok(j.solve.relative_residual < 1e-12);
  });
  test('io calc --what L,multipliers', async () => {
    const r = await cli('io', 'calc', '--mrio', dir, '--what', 'L,multipliers', '--json');
    assert.equal(r.status, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.ok(Math.abs(j.results.L[0][0] - 380 / 303) < 1e-9);
    assert.ok(Math.abs(j.results.multipliers.output[1] - 440 / 303) < 1e-9);
  });
  test('io extract: complete extraction of a = 3000 - 1700 / 0.95', async () => {
    const r = await cli('io', 'extract', '--mrio', dir, '--json');
    assert.equal(r.status, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    const a = j.extractions.find((e: { sector: string }) => e.sector === 'a');
    assert.ok(Math.abs(a.complete - (3000 - 1700 / 0.95)) < 1e-6);
  });
  test('bad input: exit 2, message names the problem, no stack trace', async () => {
    for (const [args, msg] of [
      [['io', 'shock', '--mrio', dir, '--demand', 'r:zz=-10%'], /unknown sector "zz" in region r/],
      [
        ['io', 'shock', '--mrio', dir, '--demand', 'r:a=-10%', '--model', 'ghosh'],
        /final-demand shock is demand-driven/,
      ],
      [['io', 'shock', '--mrio', dir], /give --demand/],
      [['io', 'calc', '--mrio', dir, '--what', 'Q'], /--what: unknown item "Q"/],
      [['io', 'shock', '--mrio', dir, '--export-cut', 'r:a=10%'], /--export-cut: r\/a 10% is not a cut/],
      [['io', 'shock', '--mrio', dir, '--export-cut', 'r:a=-10%', '--to', 'XX'], /--to: unknown region "XX"/],
      [
        ['io', 'shock', '--mrio', dir, '--supply', 'r:a=-10%', '--to', 'r'],
        /--to applies to --export-cut only/,
      ],
      [['io', 'calc', '--mrio', join(dir, 'nope')], /not a directory/],
    ] as const) {
      const r = await cli(...args);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, msg);
      assert.doesNotMatch(r.stderr, /\n\s+at /);
      assert.equal(r.stdout, '');
    }
    rmSync(dirname(dir), { recursive: true, force: true });
  });
});

describe('leverage exposure (built-in scenario, shipped WIOD)', async () => {
  test('weekly cut follows the scenario licensing state; losses scale with the cut', async () => {
    const r = await cli('exposure', '--at', '2025-06-11', '--json');
    assert.equal(r.status, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.equal(j.scenario, 'us-china');
    const ctl = j.controls.find((c: { in_force: boolean }) => c.in_force);
    assert.ok(ctl, 'a rare-earth control is in force on 2025-06-11');
    const last = j.weekly[j.weekly.length - 1];
    // the week's cut is 1 - the flow share reported for the control on that date
    if (ctl.flow_share !== undefined) assert.ok(Math.abs(last.cut_share - (1 - ctl.flow_share)) < 1e-12);
    // weeks with no cut have no loss; losses are positive when cut > 0
    for (const w of j.weekly) assert.equal(w.cut_share === 0, w.downstream_loss_usd_m === 0);
    // magnets: China's share of US imports of HS 8505.11 from the shipped trade file
    const mag = j.face_value.lines.find((l: { hs: string }) => l.hs === '850511');
    assert.ok(Math.abs(mag.china_share - 344660767 / mag.us_imports_usd) < 1e-12);
    assert.equal(j.us_industries[0].sector.startsWith('c'), true);
    // by industry and by country agree: US industries' weekly losses add up to the US row
    j.weekly.forEach((w: { us_loss_usd_m: number; by_region_usd_m: Record<string, number> }, k: number) => {
      const sumUs = j.us_industries.reduce(
        (a: number, u: { weekly_loss_usd_m: number[] }) => a + u.weekly_loss_usd_m[k],
        0,
      );
      assert.ok(
        Math.abs(sumUs - w.us_loss_usd_m) <= 1e-6 * Math.max(1, w.us_loss_usd_m),
        `week ${k}: ${sumUs} vs ${w.us_loss_usd_m}`,
      );
      assert.equal(w.by_region_usd_m.USA, w.us_loss_usd_m);
    });
    const sumUs = j.weekly.reduce((a: number, w: { us_loss_usd_m: number }) => a + w.us_loss_usd_m, 0);
    assert.ok(Math.abs(j.cumulative.us_loss_usd_m - sumUs) <= 1e-6 * Math.max(1, sumUs));
    assert.equal(j.cumulative.weeks, j.weekly.length);
    // first-order benchmark: λ φ, zero without a cut, proportional to the cut otherwise
    assert.ok(j.first_order.domar_weight > 0 && j.first_order.domar_weight < 1);
    assert.equal(j.first_order.gdp_loss_at_date_usd_m > 0, j.at.cut_share > 0);
  });
});
