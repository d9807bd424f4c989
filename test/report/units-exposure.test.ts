// Every figure of the exposure answers carries its unit in its key (`_usd`, `_usd_m`, `_share`,
// ...): the CLI's `exposure --json` (linear), the API's /exposure (the dashboard's view),
// POST /api/io/shock, whose shock size is a USD amount for a demand shock and a fraction for a
// supply shock, and the CLI's `io shock --json` (money `_usd_m` on a USD table, `_table_unit` on
// a table in another or no declared unit). Counts, indices and named ratios are listed, with
// what they are.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { mbFolder } from '../supply/helpers.ts';
import { apiJson, cliJson } from './parity.ts';

const UNIT = /_(usd|usd_m|table_unit|pct|pp|share|weeks|days)$/;

/** Numbers whose keys carry no unit because they have none (path as `.a[].b`). */
const UNITLESS: Record<string, string> = {
  '.weeks': 'count of weeks in the window',
  '.cumulative.weeks': 'count of weeks summed',
  '.weekly[].week': 'week index',
  '.licensing[].week': 'week index',
  '.top[].index': "the sector's row in the table",
  '.top_sectors[].index': "the sector's row in the table",
  '.solve.iterations': "the solver's iteration count",
  '.solve.relative_residual': "the solver's residual",
  '.solve.solves': 'count of linear solves',
  '.chokepoints[].weight': 'rare-earth share of the chokepoint industry (a weight, documented as a share)',
  '.first_order.domar_weight': 'Domar weight: controlled sales / world value added',
  '.flow.nodes[].stage': 'diagram column 0-3',
  '.flow.links[].value': 'diagram width (basis.flow_diagram says what it is)',
  '.report.relative_residual': "the solver's residual",
};
/** Objects described elsewhere (the IO table's summary: counts and spectral bounds). */
const SKIP = new Set(['.table']);

/** Paths of numbers (or number arrays) under keys without a unit suffix; a unit-suffixed map's values count as its unit's. */
function unitless(v: unknown, path = '', out = new Set<string>()): string[] {
  if (Array.isArray(v)) for (const x of v) unitless(x, `${path}[]`, out);
  else if (v !== null && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      const p = `${path}.${k}`;
      if (SKIP.has(p)) continue;
      const numeric = typeof x === 'number' || (Array.isArray(x) && x.some((y) => typeof y === 'number'));
      if (numeric && !UNIT.test(k) && !UNITLESS[p]) out.add(p);
      // a map keyed by data (region -> loss) under a unit-suffixed key: its values carry that unit
      if (UNIT.test(k) && x !== null && typeof x === 'object' && !Array.isArray(x)) continue;
      unitless(x, p, out);
    }
  return [...out];
}

describe('exposure answers: every figure key carries its unit', () => {
  test('the check finds a bare figure at any depth and passes listed ones', () => {
    assert.deepEqual(unitless({ weeks: 3, a: [{ loss: 1, loss_usd_m: 2 }], b_usd_m: { RoW: 1 } }), [
      '.a[].loss',
    ]);
  });

  test('CLI exposure --json (linear model)', async () => {
    const doc = (await cliJson(['exposure', '--at', '2025-06-11'])) as {
      weekly: { us_loss_usd_m: number; by_region_usd_m: Record<string, number> }[];
    };
    assert.deepEqual(unitless(doc), []);
    assert.ok(doc.weekly.length > 0 && doc.weekly.every((w) => w.by_region_usd_m.USA === w.us_loss_usd_m));
  });

  test('GET /exposure (the dashboard view) and POST /api/io/shock of both kinds', async () => {
    const ex = (await apiJson('/api/scenarios/us-china/exposure?weeks=6')) as {
      industries: { loss_usd_m: number }[];
    };
    assert.deepEqual(unitless(ex), []);
    assert.ok(ex.industries[0].loss_usd_m > 0);
    const demand = (await apiJson('/api/io/shock', { kind: 'demand', sector: 'USA:c14', change: -100 })) as {
      demand_change_usd_m: number | null;
      output_change_share: number | null;
    };
    assert.deepEqual(unitless(demand), []);
    assert.equal(demand.demand_change_usd_m, -100);
    assert.equal(demand.output_change_share, null);
    const supply = (await apiJson('/api/io/shock', { kind: 'supply', sector: 'CHN:c14', change: -0.5 })) as {
      demand_change_usd_m: number | null;
      output_change_share: number | null;
      top: { change_usd_m: number; change_share: number }[];
    };
    assert.deepEqual(unitless(supply), []);
    assert.equal(supply.output_change_share, -0.5);
    assert.equal(supply.demand_change_usd_m, null);
    // the shocked sector itself loses half its output
    assert.ok(Math.abs(supply.top[0].change_share + 0.5) < 1e-12);
  });

  test('CLI io shock --json: every kind and model on the shipped table, and a table without a USD unit', async () => {
    for (const argv of [
      ['--demand', 'USA:c1=10%,CHN:c14=-20%'],
      ['--supply', 'CHN:c14=-70%'],
      ['--supply', 'CHN:c14=-70%', '--model', 'leontief'],
      ['--export-cut', 'CHN:c14=-70%', '--to', 'USA'],
    ]) {
      const doc = (await cliJson(['io', 'shock', ...argv, '--top', '5'])) as {
        unit: string;
        total_output_change_usd_m: number;
        by_region: { change_usd_m: number }[];
      };
      assert.deepEqual(unitless(doc), [], argv.join(' '));
      assert.equal(doc.unit, 'USD millions a year');
      // the regions' changes add up to the total (every region is listed)
      const sum = doc.by_region.reduce((a, r) => a + r.change_usd_m, 0);
      assert.ok(Math.abs(sum - doc.total_output_change_usd_m) < 1e-6 * Math.abs(sum), argv.join(' '));
    }
    const dir = mbFolder();
    try {
      const doc = (await cliJson(['io', 'shock', '--mrio', dir, '--supply', 'r:a=-10%'])) as Record<
        string,
        unknown
      >;
      assert.deepEqual(unitless(doc), []);
      assert.equal(doc.unit, 'unknown');
      assert.ok('total_output_change_table_unit' in doc && !('total_output_change_usd_m' in doc));
    } finally {
      rmSync(dirname(dir), { recursive: true, force: true });
    }
  });

  test('CLI io shock --supply and POST /api/io/shock: the same figures for the same shock', async () => {
    const [cli, api] = (await Promise.all([
      cliJson(['io', 'shock', '--supply', 'CHN:c14=-50%', '--top', '8']),
      apiJson('/api/io/shock', { kind: 'supply', sector: 'CHN:c14', change: -0.5, top: 8 }),
    ])) as [{ top_sectors: unknown[]; by_region: unknown[] }, { top: unknown[]; by_region: unknown[] }];
    assert.deepEqual(cli.top_sectors, api.top);
    assert.deepEqual(cli.by_region.slice(0, 8), api.by_region);
  });
});
