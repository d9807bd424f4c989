// The CLI as a terminal shows it: tables and prose fit 100 columns, --json is untouched by the
// width, the README's example is exactly what prints, every command's --help has an example,
// and mistakes get the right name back. Commands run in-process (test/helpers.ts cli).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { ROOT, cli } from '../helpers.ts';
import { fitText, setTableLayout, table, wrapCell } from '../../src/cli/output.ts';
import { usd } from '../../src/model/index.ts';
import { registerAll } from '../../src/cli/commands/index.ts';
import { EXAMPLES, commandPaths } from '../../src/cli/examples.ts';
import { closestNames, didYouMean, editDistance } from '../../src/errors/index.ts';

const COLS = { COLUMNS: '100' };
const widest = (s: string) => Math.max(...s.split('\n').map((l) => l.length));

describe('tables and numbers', () => {
  test('a table fits the width: text columns wrap at spaces, one rule under the header only', () => {
    setTableLayout({});
    const long = 'a note that is much longer than the room a narrow terminal leaves for it, by far';
    const t = table(
      ['id', 'rate %', 'note'],
      [
        ['us-s301-list3', 25, long],
        ['us-ieepa-fentanyl', 7.5, 'EO 14228'],
      ],
      50,
    );
    const lines = t.split('\n');
    assert.ok(widest(t) <= 50, t);
    assert.equal(lines.filter((l) => /^-+( +-+)*$/.test(l)).length, 1, 'one rule line');
    assert.match(lines[1], /^-{17} {2}-{6} {2}-+$/);
    // numbers right-aligned under their header; ids kept whole
    assert.equal(lines[2].slice(0, 25), 'us-s301-list3' + ' '.repeat(10) + '25');
    assert.equal(lines[lines.length - 1].slice(0, 25), 'us-ieepa-fentanyl' + ' '.repeat(5) + '7.5');
    // the note wrapped onto continuation lines, every word kept
    assert.equal(t.replace(/\s+/g, ' ').includes(long.split(' ').slice(-3).join(' ')), true);
    assert.ok(lines.length > 4);
  });

  test('a word longer than its column is broken, never lost', () => {
    const url = 'https://www.example.org/a/very/long/path/that/does/not/fit';
    const parts = wrapCell(url, 20);
    assert.ok(parts.every((p) => p.length <= 20));
    assert.equal(parts.join(''), url);
  });

  test('prose lines wrap with an indent; short ones are unchanged', () => {
    const s = fitText('short\nweights: ' + 'word '.repeat(40).trim(), 60);
    const lines = s.split('\n');
    assert.equal(lines[0], 'short');
    assert.ok(lines.every((l) => l.length <= 60));
    assert.ok(lines.slice(2).every((l) => l.startsWith('  ')));
  });

  test('money with its magnitude, never raw dollars or E-notation', () => {
    assert.equal(usd(64_544_700_100), '$64.5 bn');
    assert.equal(usd(429_400_000_000), '$429 bn');
    assert.equal(usd(6_290_000), '$6.29 m');
    assert.equal(usd(-187_600_000_000), '-$188 bn');
    assert.equal(usd(950), '$950');
    assert.equal(usd(141_709e9), '$142 tn');
    assert.equal(usd(1e15), '$1,000 tn');
  });
});

describe('closest names', () => {
  test('edit distance and the suggestions', () => {
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('TitForTat', 'titfortat'), 0);
    assert.deepEqual(closestNames('TitForTatt', ['Grudger', 'TitForTat', 'TitFor2Tats']), [
      'TitForTat',
      'TitFor2Tats',
    ]);
    assert.deepEqual(closestNames('US', ['AUS', 'RUS', 'USA']), ['USA', 'AUS', 'RUS']);
    assert.equal(didYouMean('zzzzzz', ['Grudger', 'TitForTat']), '');
  });
});

describe('every command fits 100 columns; --json does not depend on the width', () => {
  // every other command's default output at 100 columns: fits-100.test.ts
  test('run at 100 columns: the week-by-week table fits, no date or band is split across lines', async () => {
    // a piped `leverage run` printed "2025-06-1" / "1" and "(344.99-3" / "44.99)" (issue 17)
    const r = await cli(['run', '--runs', '50', '--seed', '1'], COLS);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.split('\n');
    const over = lines.filter((l) => l.length > 100);
    assert.deepEqual(over, [], `lines over 100 columns:\n${over.join('\n')}`);
    const start = lines.findIndex((l) => l.startsWith('week of'));
    assert.ok(start > 0, 'the week-by-week table is printed');
    const end = lines.indexOf('', start);
    const body = lines.slice(start + 3, end === -1 ? undefined : end);
    const rows = body.filter((l) => /^\d{4}-/.test(l));
    assert.ok(rows.length >= 10, `${rows.length} weeks`);
    for (const l of rows) assert.match(l, /^\d{4}-\d{2}-\d{2} {2}/, 'each week starts with a whole date');
    for (const l of lines)
      assert.doesNotMatch(l, /\d{4}-\d{2}-(?!\d{2})|\d{4}-\d(?!\d)/, `a split date in: ${l}`);
    // a band "(5%-95%)" may move to the next line whole, never in two pieces
    for (const l of body)
      assert.equal(l.split('(').length, l.split(')').length, `a band split across lines: ${l}`);
    // the same table through table() directly: a date column keeps its width at any terminal width
    const t = table(['week of', 'a_long_metric_id_pct'], [['2025-06-11', 'x '.repeat(60)]], 40);
    assert.ok(
      t.split('\n').every((l) => l.length <= 40),
      t,
    );
    assert.ok(t.split('\n').slice(2)[0].startsWith('2025-06-11  '), t);
    // a number column with a long header wraps the header, so an id beside it stays whole
    // (`exposure --model bottleneck` once printed "us-light" / "-vehicle" / "s")
    const ids = table(
      ['user', 'output USD bn/wk', 'buffer wk', 'cum. USD bn'],
      [['us-defence-electronics', '0.323', '16', '0']],
      50,
    );
    const idLines = ids.split('\n');
    assert.ok(
      idLines.every((l) => l.length <= 50),
      ids,
    );
    assert.ok(
      idLines.some((l) => l.startsWith('us-defence-electronics  ')),
      ids,
    );
    assert.ok(idLines[0].startsWith('user  ') && !idLines[0].includes('bn/wk'), ids);
  });

  test('--json is one document, the same at 100 and 300 columns and with --wide', async () => {
    const args = [
      'ledger',
      '--at',
      '2025-06-11',
      '--importer',
      'US',
      '--exporter',
      'CN',
      '--product',
      '4202.21',
      '--json',
    ];
    const narrow = await cli(args, COLS);
    const wide = await cli(['--wide', ...args], { COLUMNS: '300' });
    assert.equal(narrow.status, 0, narrow.stderr);
    assert.equal(narrow.stdout, wide.stdout);
    assert.equal(JSON.parse(narrow.stdout).total_pct, 55);
  });

  test('--wide keeps long lines whole; --sources adds the source column', async () => {
    const args = [
      'ledger',
      '--at',
      '2025-06-11',
      '--importer',
      'US',
      '--exporter',
      'CN',
      '--product',
      '4202.21',
    ];
    const plain = await cli(args, COLS);
    assert.doesNotMatch(plain.stdout, /https?:/);
    const sources = await cli(['--sources', ...args], COLS);
    assert.match(sources.stdout, /^ {2}IEEPA fentanyl: https:\/\/www\.executiveactions\.org\/304/m);
    assert.match(sources.stdout, /https:\/\/www\.executiveactions\.org\/304/);
    assert.ok(widest(sources.stdout) <= 100);
    const wide = await cli(['--wide', ...args], COLS);
    assert.ok(widest(wide.stdout) > 100, 'the full URLs on one line each');
  });
});

describe('README', () => {
  test('the worked example prints exactly what the README shows', async () => {
    const readme = readFileSync(`${ROOT}README.md`, 'utf8');
    const m = /```sh\nnpx leverage (ledger [^\n]+)\n```\n\n```\n([\s\S]*?)```\n/.exec(readme);
    assert.ok(m, 'the README has a ledger example followed by its output');
    const r = await cli(m[1].split(' '), COLS);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, m[2]);
  });
});

describe('--help', () => {
  test('every command has an example, and its --help shows it', async () => {
    const program = new Command('leverage');
    await registerAll(program);
    const paths = commandPaths(program);
    assert.ok(paths.length >= 25);
    assert.deepEqual(
      paths.filter((p) => !EXAMPLES[p]),
      [],
      'commands without an example',
    );
    for (const p of ['ledger', 'io shock', 'game match']) {
      const r = await cli([...p.split(' '), '--help'], COLS);
      assert.equal(r.status, 0);
      assert.ok(r.stdout.includes(`Example:\n  $ ${EXAMPLES[p]}`), `${p}: ${r.stdout}`);
    }
  });
});

describe('silent wrong answers are errors or say what they show', () => {
  test('a nonexistent HS code is an error naming the nearest valid codes', async () => {
    const r = await cli([
      'ledger',
      '--at',
      '2025-06-11',
      '--importer',
      'US',
      '--exporter',
      'CN',
      '--product',
      '9999.99',
    ]);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.match(
      r.stderr,
      /--product: no such HS code 9999\.99 .*nearest valid codes: 9705\.39, 9706\.10, 9706\.90/,
    );
    const near = await cli(['ledger', '--at', '2025-06-11', '--product', '4202.28']);
    assert.match(near.stderr, /nearest valid codes: .*4202\.29/);
    // a national line that does not exist under a real HS6 is refused, naming the lines that do
    const line = await cli(['ledger', '--at', '2025-06-11', '--product', '8541.43.99.99']);
    assert.equal(line.status, 2);
    assert.equal(line.stdout, '');
    assert.match(
      line.stderr,
      /--product: no such national tariff line 8541\.43\.99\.99: the scenario's lines under HS 8541\.43 .* are 8541\.43\.00, 8541\.43\.00\.10/,
    );
    // real codes at any depth, and US national (HTS10) lines, still answer
    for (const code of ['42', '4202.21', '4202.21.30.00']) {
      const ok = await cli([
        'ledger',
        '--at',
        '2025-06-11',
        '--importer',
        'US',
        '--exporter',
        'CN',
        '--product',
        code,
        '--json',
      ]);
      assert.equal(ok.status, 0, `${code}: ${ok.stderr}`);
    }
  });

  test('a product without importer/exporter says it shows both directions', async () => {
    const r = await cli(['ledger', '--at', '2025-06-11', '--product', '4202.21'], COLS);
    assert.equal(r.status, 0, r.stderr);
    assert.match(
      r.stdout.replace(/\s+/g, ' '),
      /No --importer and --exporter given: showing every direction \(US on goods from CN; CN on goods from US\)/,
    );
    assert.match(r.stdout, /Tariff stack, US on goods from CN, HS 4202\.21/);
    assert.match(r.stdout, /Tariff stack, CN on goods from US, HS 4202\.21/);
  });

  test('an unknown option names the closest one, before any missing required option', async () => {
    const r = await cli(['ledger', '--att', '2025-06-11']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^leverage: unknown option --att \(did you mean --at\?\)$/m);
    assert.doesNotMatch(r.stderr, /not specified/);
    const missing = await cli(['ledger']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /required option '?--at <date>'? not specified/);
  });

  test('an unknown strategy or sector suggests the closest names', async () => {
    const s = await cli(['game', 'match', '--a', 'TitForTatt', '--b', 'Grudger', '--turns', '5']);
    assert.equal(s.status, 2);
    assert.match(s.stderr, /unknown strategy "TitForTatt" \(did you mean TitForTat or TitFor2Tats\?\)/);
    const r = await cli(['io', 'shock', '--demand', 'US:c1=10%']);
    assert.match(r.stderr, /unknown region "US" \(did you mean USA/);
    const c = await cli(['io', 'shock', '--demand', 'USA:c99=10%']);
    assert.match(c.stderr, /unknown sector "c99" in region USA \(did you mean c9/);
  });

  test('--base-year 2017 works where the docs offer it, and is refused with the reason elsewhere', async () => {
    const base = ['tariffs', '--from', '2025-06-01', '--to', '2025-06-30', '--step', 'month'];
    const us = await cli([...base, '--importer', 'US', '--exporter', 'CN', '--base-year', '2017', '--json']);
    assert.equal(us.status, 0, us.stderr);
    assert.match(JSON.stringify(JSON.parse(us.stdout)), /2017/);
    const cn = await cli([...base, '--importer', 'CN', '--exporter', 'US', '--base-year', '2017']);
    assert.equal(cn.status, 2);
    assert.match(cn.stderr, /--base-year: China-side weights are built for 2024 only/);
    const early = await cli([...base, '--importer', 'US', '--exporter', 'CN', '--base-year', '2012']);
    assert.equal(early.status, 2);
    assert.match(early.stderr, /--base-year: .*2013-2019.*got 2012/);
  });
});
