import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { loadScenarioSync } from '../../src/io/index.ts';
import { paramsReport } from '../../src/report/index.ts';
import { tempDir } from '../helpers.ts';
import { cli as leverageInProcess } from '../helpers.ts';

describe('leverage params', () => {
  test('--json lists the report rows for the built-in scenario, one complete document', async () => {
    const r = await leverageInProcess(['params', '--json']);
    assert.equal(r.status, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as ReturnType<typeof paramsReport>;
    const lib = paramsReport(loadScenarioSync('us-china'));
    assert.equal(doc.scenario, 'us-china');
    assert.deepEqual(doc.rows, lib.rows);
    assert.ok(doc.rows.length > 10);
  });

  test('--only and --path filter the rows; the human table names every shown path', async () => {
    const r = await leverageInProcess([
      'params',
      '--only',
      'assumptions',
      '--path',
      'simulation.objectives',
      '--json',
    ]);
    assert.equal(r.status, 0, r.stderr);
    const rows = (JSON.parse(r.stdout) as { rows: { path: string; provenance: string; range?: number[] }[] })
      .rows;
    assert.ok(rows.length > 0);
    for (const x of rows) {
      assert.ok(x.path.startsWith('parameters.simulation.objectives.'), x.path);
      assert.equal(x.provenance, 'assumption');
      assert.equal(x.range?.length, 2, `${x.path} has a range`);
    }
    const h = await leverageInProcess(['params', '--path', 'simulation.objectives'], { COLUMNS: '200' });
    assert.equal(h.status, 0, h.stderr);
    for (const x of rows) assert.ok(h.stdout.includes(x.path.replace(/^parameters\./, '')), x.path);
  });

  test('bad --only and an empty --path are errors', async () => {
    const a = await leverageInProcess(['params', '--only', 'sometimes']);
    assert.notEqual(a.status, 0);
    assert.match(a.stderr, /--only: expected assumptions or sourced/);
    assert.equal(a.stdout, '');
    const b = await leverageInProcess(['params', '--path', 'no.such.thing', '--json']);
    assert.notEqual(b.status, 0);
    assert.match(b.stderr, /--path no\.such\.thing: no parameter under it/);
    assert.equal(b.stdout, '');
  });

  test('--as-known-on before a fitted value’s data date shows its prior, and says so', async () => {
    // the built-in scenario, with one weight re-stated as fitted to data of 2025-10-20
    const dir = tempDir();
    const file = join(dir, 'fitted.yaml');
    writeFileSync(
      file,
      [
        'extends: us-china',
        'id: fitted',
        'parameters:',
        '  simulation:',
        '    objectives:',
        '      US:',
        '        political:',
        '          value: 3',
        '          source: https://example.org/fit',
        "          data_date: '2025-10-20'",
        '          prior: { value: 2, assumption: prior weight }',
        '',
      ].join('\n'),
    );
    const row = async (d: string) => {
      const r = await leverageInProcess([
        '--as-known-on',
        d,
        'params',
        file,
        '--path',
        'simulation.objectives.US.political',
        '--json',
      ]);
      assert.equal(r.status, 0, r.stderr);
      return JSON.parse(r.stdout) as { as_known_on: string; rows: Record<string, unknown>[] };
    };
    const before = await row('2025-10-19');
    assert.equal(before.as_known_on, '2025-10-19');
    assert.equal(before.rows.length, 1);
    assert.deepEqual(
      { v: before.rows[0].value, p: before.rows[0].provenance, s: before.rows[0].prior_shown },
      { v: 2, p: 'assumption', s: true },
    );
    const after = await row('2025-10-21');
    assert.deepEqual(
      { v: after.rows[0].value, p: after.rows[0].provenance, s: after.rows[0].prior_shown },
      { v: 3, p: 'https://example.org/fit', s: false },
    );
  });
});
