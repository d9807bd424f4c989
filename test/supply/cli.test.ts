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
    assert.ok(Math.abs(j.results.leontief_inverse_usd_per_usd[0][0] - 380 / 303) < 1e-9);
    assert.ok(Math.abs(j.results.multipliers.output_usd_per_usd[1] - 440 / 303) < 1e-9);
  });
  test('io extract: complete extraction of a = 3000 - 1700 / 0.95', async () => {
    const r = await cli('io', 'extract', '--mrio', dir, '--json');
    assert.equal(r.status, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    const a = j.extractions.find((e: { sector: string }) => e.sector === 'a');
    // a table in no declared currency: its money keys say so (`_table_unit`), shares are `_share`
    assert.ok(Math.abs(a.complete_table_unit - (3000 - 1700 / 0.95)) < 1e-6);
    assert.ok(Math.abs(a.complete_share - a.complete_table_unit / j.total_output_table_unit) < 1e-9);
    assert.equal(j.unit, j.table.unit);
  });
  test('io calc and io extract: every figure names its unit in its key', async () => {
    // money in the table's unit (this folder declares none), money per money, indices, shares
    const UNIT = /_(table_unit|usd_m|usd_per_usd|per_table_unit|per_usd_m|index|share|ratio)$/;
    const STRUCTURE = new Set(['row_ptr', 'col_idx', 'key_sector', 'regions', 'account', 'row', 'format']);
    const bare: string[] = [];
    const walk = (v: unknown, path: string): void => {
      if (Array.isArray(v)) return v.forEach((x, i) => walk(x, i === 0 ? path : ''));
      if (v === null || typeof v !== 'object') return;
      for (const [k, x] of Object.entries(v)) {
        const numeric = typeof x === 'number' || (Array.isArray(x) && typeof x.flat(2)[0] === 'number');
        if (
          numeric &&
          !STRUCTURE.has(k) &&
          !UNIT.test(k) &&
          !(k === 'values' && path.endsWith('_usd_per_usd'))
        )
          bare.push(`${path}.${k}`);
        walk(x, `${path}.${k}`);
      }
    };
    const calc = await cli(
      'io',
      'calc',
      '--mrio',
      dir,
      '--what',
      'x,A,L,G,multipliers,linkages,va',
      '--json',
    );
    assert.equal(calc.status, 0, calc.stderr);
    const c = JSON.parse(calc.stdout);
    walk(c.results, 'results');
    assert.deepEqual(c.results.gross_output_table_unit, [1000, 2000]);
    const ext = await cli('io', 'extract', '--mrio', dir, '--json');
    assert.equal(ext.status, 0, ext.stderr);
    const e = JSON.parse(ext.stdout);
    assert.equal(e.total_output_table_unit, 3000);
    walk({ extractions: e.extractions }, 'extract');
    assert.deepEqual(bare, []);
    assert.ok(
      e.extractions.every(
        (x: Record<string, unknown>) => 'output_table_unit' in x && 'forward_table_unit' in x,
      ),
    );
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
