// Every command's default output fits a 100-column terminal (issue 17 item 4): each command path
// `leverage --help` lists is run here at COLUMNS=100, or named below with where its width is
// checked instead, so a new command cannot be added without either.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Command } from 'commander';
import { cli } from '../helpers.ts';
import { commandFixtures } from './fixtures.ts';
import { registerAll } from '../../src/cli/commands/index.ts';
import { commandPaths } from '../../src/cli/examples.ts';

const { dir, mb, flows, pd, oneQuestion } = commandFixtures('leverage-fits-');

/** Command path -> argument lists, each run at 100 columns (the default output, no --json). */
const RUNS: Record<string, string[][]> = {
  validate: [['london-2025']],
  ledger: [
    ['--at', '2025-06-11'],
    ['--at', '2025-06-11', '--product', '8505.11'],
  ],
  'ledger averages': [['--from', '2025-01-01', '--to', '2025-12-31']],
  'ledger who-paid': [['--from', '2025-01-01', '--to', '2025-12-31']],
  'ledger new': [
    ['--kind', 'tariff'],
    ['--kind', 'control'],
    ['--kind', 'agreement'],
  ],
  'ledger diff': [['data/scenarios/london-2025.yaml', 'data/scenarios/us-china.yaml']],
  branches: [['--from', '2025-04-07', '--to', '2025-05-05', '--branch-weeks', '4']],
  params: [[], ['--only', 'assumptions']],
  calibrate: [
    [
      '--as-known-on',
      '2025-06-11',
      '--seed',
      '1',
      '--particles',
      '10',
      '--generations',
      '1',
      '--posterior',
      join(dir, 'p.json'),
    ],
  ],
  timeline: [[], ['--from', '2025-04-01', '--to', '2025-06-30']],
  changes: [['--from', '2025-05-01', '--to', '2025-06-30']],
  tariffs: [
    ['--importer', 'US', '--exporter', 'CN', '--from', '2025-01-01', '--to', '2025-12-31', '--step', 'month'],
    [],
  ],
  claims: [[]],
  response: [['--at', '2025-06-11']],
  flows: [[flows]],
  sensitivity: [['--runs', '50', '--seed', '1']],
  backtest: [[]],
  io: [['--help']],
  'io calc': [[], ['--what', 'x,A,L,G,multipliers,linkages,va', '--mrio', mb]],
  'io shock': [['--demand', 'USA:c1=10%']],
  'io extract': [[]],
  exposure: [
    ['--at', '2025-06-11'],
    ['--model', 'bottleneck', '--weeks', '8'],
  ],
  game: [['--help']],
  'game strategies': [[]],
  'game match': [['--a', 'TitForTat', '--b', 'Grudger', '--turns', '20']],
  'game tournament': [['--players', 'TitForTat,Grudger,Defector', '--turns', '20', '--repetitions', '2']],
  'game moran': [['--population', 'TitForTat,TitForTat,Defector', '--seed', '1']],
  'game nash': [[pd]],
  'game bargain': [['--delta1', '0.9', '--delta2', '0.8']],
  questions: [['--help']],
  'questions vocabulary': [[]],
  'questions resolve': [['data/questions/us-china.yaml']],
  forecast: [[oneQuestion, '--runs', '5']],
  score: [[oneQuestion, '--runs', '5', '--seed', '1']],
};

/** Commands not run here, and why. */
const ELSEWHERE: Record<string, string> = {
  run: 'terminal.test.ts "run at 100 columns" (with its week-by-week table and the track record)',
  start:
    'the report is the sections of ledger, tariffs, exposure, run and track record, each run here or there',
  'questions track-record':
    "scores the whole built-in set (slow on a cold cache); its section prints inside `run`'s output",
  schema: 'prints a JSON Schema document (a file, like --json)',
  'questions schema': 'prints a JSON Schema document (a file, like --json)',
  serve: 'starts the server',
};

test('every command is run here or named with where its width is checked', async () => {
  const program = new Command('leverage');
  await registerAll(program);
  const paths = commandPaths(program);
  assert.deepEqual(
    paths.filter((p) => !RUNS[p] && !ELSEWHERE[p]),
    [],
    'commands neither run at 100 columns nor named',
  );
  assert.deepEqual(
    Object.keys(RUNS).filter((p) => !paths.includes(p)),
    [],
    'no stale names',
  );
});

for (const [path, runs] of Object.entries(RUNS))
  for (const args of runs)
    test(`${path} ${args.join(' ')}`.trim(), async () => {
      const r = await cli([...path.split(' '), ...args], { COLUMNS: '100' });
      assert.equal(r.status, 0, r.stderr);
      assert.ok(r.stdout.trim() !== '', 'prints something');
      const over = r.stdout.split('\n').filter((l) => l.length > 100);
      assert.deepEqual(over, [], `lines over 100 columns:\n${over.join('\n')}`);
      assert.doesNotMatch(r.stdout, /[┌│─]/, 'no box-drawing borders');
      assert.doesNotMatch(r.stdout, /\d\.\d+e[+-]\d/i, 'no E-notation');
    });
