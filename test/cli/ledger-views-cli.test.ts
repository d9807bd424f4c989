// The CLI side of the as_of rules and the daily averages (one spawn each).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { leverage, STACK_TRACE } from './run.ts';

describe('dates against the scenario (CLI)', () => {
  test('a date past as_of: answered, a warning on stderr naming the as-of date, and in the JSON', async () => {
    const r = await leverage([
      'ledger',
      '--at',
      '2026-10-01',
      '--importer',
      'US',
      '--exporter',
      'CN',
      '--product',
      '4202.21',
      '--json',
    ]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /warning: --at: 2026-10-01 is after the scenario's as-of date 2026-08-07/);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.scenario, 'us-china'); // the default scenario
    assert.equal(doc.as_of, '2026-08-07');
    assert.equal(doc.warnings.length, 1);
  });

  test('a date before the ledger first date: a located error, non-zero exit, nothing on stdout', async () => {
    const r = await leverage(['ledger', '--at', '2017-06-01']);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /--at: 2017-06-01 is before the ledger's first date \(2018-01-01\)/);
    assert.doesNotMatch(r.stderr, STACK_TRACE);
    assert.equal(r.stdout, '');
  });

  test('ledger averages --csv: source line, date column, units in headers', async () => {
    const r = await leverage(['ledger', 'averages', '--from', '2026-07-22', '--to', '2026-07-25', '--csv']);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[0], /^# Leverage ledger, scenario us-china/);
    assert.equal(
      lines[1],
      'date,us_on_cn_additional_pct,us_on_cn_with_mfn_pct,cn_on_us_additional_pct,cn_on_us_with_mfn_pct',
    );
    assert.deepEqual(
      lines.slice(2).map((l) => l.split(',')[0]),
      ['2026-07-22', '2026-07-23', '2026-07-24', '2026-07-25'],
    );
    // Section 122 lapses and the forced-labour 301 starts on 2026-07-24
    assert.notEqual(lines[3].split(',')[1], lines[4].split(',')[1]);
  });
});
