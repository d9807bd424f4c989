import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { cli } from '../helpers.ts';
import { simulationBlock } from './helpers.ts';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { trackSummary } from '../report/track-summary.ts';

const BIN = fileURLToPath(new URL('../../bin/leverage.js', import.meta.url));

async function leverage(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const r = await cli(args);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('leverage run', () => {
  test('same seed: byte-identical JSON from --workers 1 and --workers 2', async () => {
    const base = ['run', '--runs', '150', '--seed', '3', '--weeks', '30', '--by', '2025-12-31', '--json'];
    const [one, two] = await Promise.all([
      leverage([...base, '--workers', '1']),
      leverage([...base, '--workers', '2']),
    ]);
    assert.equal(one.code, 0, one.stderr);
    assert.equal(two.code, 0, two.stderr);
    assert.equal(two.stdout, one.stdout);
    const doc = JSON.parse(one.stdout);
    assert.equal(doc.runs_completed, 150);
    assert.equal(doc.complete, true);
    assert.equal(doc.weeks.length, 30);
    assert.ok(doc.outcomes.framework.probability >= 0 && doc.outcomes.framework.probability <= 1);
    // --by D: "framework approved by D" is the cumulative curve at the last week starting on or
    // before D (2025-12-31 = 2025-06-11 + 29 weeks)
    assert.equal(doc.outcomes.framework.by, '2025-12-31');
    assert.equal(doc.weeks[29].date, '2025-12-31');
    assert.equal(doc.outcomes.framework.probability, doc.curves.framework_approved_by_week[29]);
  });

  test('bad input: a located error before any run, exit 2, no stack trace', async () => {
    const frag = simulationBlock();
    const dir = mkdtempSync(join(tmpdir(), 'leverage-cli-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(
      file,
      `id: bad\ntitle: bad\nextends: us-china\nparameters:\n${frag.replace('measure: us-ec-eda-2025-05', 'measure: no-such-control')}`,
    );
    const r = await leverage(['run', file, '--runs', '10', '--seed', '1']);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(
      r.stderr,
      /bad\.yaml:\d+:\d+ parameters\.simulation\.moves\.US\[1\]\.measure: unknown measure "no-such-control"/,
    );
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  });

  test('option errors: --runs 0, --json with --csv', async () => {
    const [a, b] = await Promise.all([
      leverage(['run', '--runs', '0', '--seed', '1']),
      leverage(['run', '--runs', '5', '--seed', '1', '--json', '--csv', 'x']),
    ]);
    assert.equal(a.code, 2);
    assert.match(a.stderr, /--runs: expected a number >= 1/);
    assert.equal(b.code, 2);
    assert.match(b.stderr, /--json and --csv are exclusive/);
  });

  test('one --runs limit (runs x weeks), checked before the scenario loads and stated in --help', async () => {
    const [a, b, help] = await Promise.all([
      leverage(['run', '--runs', '2000000', '--seed', '1']),
      leverage(['run', '--runs', '2000000', '--seed', '1', '--weeks', '40']),
      leverage(['run', '--help']),
    ]);
    assert.equal(a.code, 2);
    // "checked against 52 weeks" is the pre-load path: the post-load check knows the horizon.
    assert.match(
      a.stderr,
      /--runs: 2000000 runs x 52 weeks .* at most 60,000,000 run-weeks .*checked against 52 weeks/,
    );
    assert.equal(b.code, 2);
    assert.match(b.stderr, /--runs: 2000000 runs x 40 weeks .* at most 60,000,000 run-weeks/);
    assert.match(
      help.stdout.replace(/\s+/g, ' '),
      /runs x weeks at most 60,000,000 \(1,153,846 runs of 52 weeks\)/,
    );
  });

  test('--csv writes the tables', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'leverage-csv-'));
    const r = await leverage(['run', '--runs', '40', '--seed', '2', '--weeks', '8', '--csv', dir]);
    assert.equal(r.code, 0, r.stderr);
    for (const f of ['weeks.csv', 'outcomes.csv', 'sensitivity.csv', 'curves.csv', 'runs.csv'])
      assert.ok(existsSync(join(dir, f)), f);
    const runs = readFileSync(join(dir, 'runs.csv'), 'utf8').trim().split('\n');
    assert.equal(runs.length, 1 + 40, 'one row per run');
    assert.match(
      runs[0],
      /^run,strategies\.US\.params\.threshold,.*,framework_week,truce_end_week,escalation_week,struck_down_week,first_concession$/,
    );
    assert.match(runs[1], /^0,/);
    const weeks = readFileSync(join(dir, 'weeks.csv'), 'utf8').trim().split('\n');
    assert.equal(weeks.length, 1 + 8);
    assert.match(weeks[0], /^week,date,tariff_US_on_CN_pct_p5,/);
  });
});

const SUMMARY = trackSummary(0.368, 0.25);

describe('start report section', () => {
  test('reportSection gives the outcome odds of 2,000 runs', async () => {
    const { reportSection } = await import('../../src/cli/commands/simulate.ts');
    const { loadScenarioSync } = await import('../../src/io/index.ts');
    const { oddsBasis } = await import('../../src/report/index.ts');
    const basis = oddsBasis(SUMMARY);
    const text = await reportSection(loadScenarioSync('us-china'), basis);
    assert.match(text, /^Outcome odds/);
    // every share printed says what it is and where its track record is
    assert.match(text, /outcome +share of runs +MC s\.e\./);
    assert.ok(text.includes(basis.note), text);
    assert.match(text, /2,000 runs, seed 1, 52 weeks from 2025-06-11/);
    // the table row (wrapped to the terminal width): the label, then its share (the date may wrap after it)
    assert.match(
      text.replace(/\s+/g, ' '),
      /framework agr-london-framework-2025-06 approved by both leaders (by )?(2025-07-31 )?\d+(\.\d)?%/,
    );
    assert.match(text, /first to concede: US/);
  });
});

describe('--strategy', () => {
  test('what-if strategies are checked against the registry before any run', async () => {
    const [a, b, c] = await Promise.all([
      leverage(['run', '--runs', '5', '--seed', '1', '--strategy', 'US=Nope']),
      leverage(['run', '--runs', '5', '--seed', '1', '--strategy', 'XX=TitForTat']),
      leverage(['run', '--runs', '5', '--seed', '1', '--strategy', 'US=TACO(decay=3)']),
    ]);
    assert.equal(a.code, 2);
    assert.match(a.stderr, /--strategy US: unknown strategy "Nope"/);
    assert.equal(b.code, 2);
    assert.match(b.stderr, /--strategy: unknown actor "XX"/);
    assert.equal(c.code, 2);
    assert.match(c.stderr, /--strategy US: TACO\.decay: expected a value in \[0, 1\], got 3/);
  });
});

describe('interrupt', () => {
  test('SIGINT: partial results marked complete: false, exit 130', async () => {
    // Interrupt once the runs are under way (the first progress line), not after a fixed time:
    // a timer fires before the handler is installed on a loaded machine.
    const child = execFile(
      process.execPath,
      [BIN, 'run', '--runs', '500000', '--seed', '1', '--weeks', '10', '--json'],
      { maxBuffer: 64 << 20, env: { ...process.env, LEVERAGE_PROGRESS: 'lines' } },
    );
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => {
      stderr += d;
      if (!sent && /^progress \d+\/500000$/m.test(stderr)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    assert.equal(code, 130, stderr);
    const doc = JSON.parse(stdout);
    assert.equal(doc.complete, false);
    assert.equal(doc.runs_requested, 500_000);
    assert.ok(doc.runs_completed < 500_000);
    assert.match(stderr, /interrupted: \d+ of 500000 runs reported/);
    assert.doesNotMatch(stderr, /\n\s+at /);
  });
});
