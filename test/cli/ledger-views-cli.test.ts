// The CLI side of the as_of rules and the daily averages (one spawn each).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli as leverage, STACK_TRACE } from '../helpers.ts';

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
    assert.ok(!('warning' in doc), 'one list of warnings, no singular warning field');
  });

  test('past the scheduled end of the Busan suspensions: the flag names each change, on stderr and in the JSON', async () => {
    const r = await leverage(['ledger', '--at', '2026-11-28', '--json']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /scheduled, not verified after 2026-08-07: 2026-11-10 /);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.warnings.length, 1);
    assert.match(
      doc.warnings[0],
      /2026-11-27 cn-ec-2024-12-gallium-ban not in force \(suspended\) -> in force\)$/,
    );
    assert.deepEqual(doc.scheduled_changes.map((c: { measure_id: string }) => c.measure_id).sort(), [
      'cn-ec-2024-12-gallium-ban',
      'cn-ec-2025-10-09-batteries-superhard',
      'cn-ec-2025-10-09-extraterritorial',
      'cn-ec-2025-10-09-ree-materials',
      'cn-tariff-reciprocal',
      'us-bis-affiliates-rule',
      'us-s301-exclusions-2024',
      'us-s301-maritime-cranes-chassis-2025-10',
    ]);
  });

  test('tariffs and exposure past as_of: the same warnings list, said once per date', async () => {
    const t = await leverage([
      'tariffs',
      '--from',
      '2026-09-01',
      '--to',
      '2026-09-30',
      '--step',
      'month',
      '--json',
    ]);
    assert.equal(t.status, 0, t.stderr);
    const doc = JSON.parse(t.stdout);
    assert.deepEqual(
      doc.warnings.map((w: string) => w.split(':')[0]),
      ['--from', '--to'],
    );
    assert.ok(!('warning' in doc));
    const e = await leverage(['exposure', '--at', '2026-09-01', '--json']);
    assert.equal(e.status, 0, e.stderr);
    const ex = JSON.parse(e.stdout);
    assert.equal(ex.warnings.length, 1);
    assert.match(ex.warnings[0], /^--at: 2026-09-01 is after the scenario's as-of date 2026-08-07/);
    assert.ok(!('warning' in ex));
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

// `ledger` has --json and --out of its own: typed after a subcommand they must reach the subcommand
// (commander files them under `ledger`; each used to print text, or write nothing, silently).
describe('ledger subcommands keep their own --json and --out', () => {
  test('ledger averages --json: one JSON document with the PIIE gap split', async () => {
    const r = await leverage(['ledger', 'averages', '--to', '2025-06-30', '--json']);
    assert.equal(r.status, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.to, '2025-06-30');
    const us = doc.reference_points.find(
      (p: { id: string; date: string; direction: string }) =>
        p.direction === 'us_on_cn' && p.date === '2025-05-14',
    );
    assert.ok(us, 'PIIE point of 2025-05-14');
    assert.equal(typeof us.gap_weights_pp, 'number');
    assert.match(us.gap_reason, /from the weights/);
  });

  test('ledger who-paid --json and ledger diff --json print JSON', async () => {
    const [w, d] = await Promise.all([
      leverage(['ledger', 'who-paid', '--to', '2018-03-01', '--json']),
      leverage(['ledger', 'diff', 'us-china', 'us-china', '--to', '2018-03-01', '--json']),
    ]);
    assert.equal(w.status, 0, w.stderr);
    assert.equal(JSON.parse(w.stdout).to, '2018-03-01');
    assert.equal(d.status, 0, d.stderr);
    assert.equal(typeof JSON.parse(d.stdout), 'object');
  });

  test('ledger new --out writes the file and prints nothing on stdout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'leverage-new-'));
    const out = join(dir, 'entry.yaml');
    const r = await leverage(['ledger', 'new', '--kind', 'tariff', '--out', out]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(readFileSync(out, 'utf8'), /FILL/);
    rmSync(dir, { recursive: true, force: true });
  });
});
