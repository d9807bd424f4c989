// Every command's --json document names its fields in snake_case, like the HTTP API (whose answers
// test/server/openapi-validate.test.ts checks against their published schemas). Each command that
// takes --json is run here (in-process, small sizes) or listed in SLOW with where its document is
// checked instead.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { registerAll } from '../../src/cli/commands/index.ts';
import { commandFixtures } from './fixtures.ts';
import { cli as leverageInProcess } from '../helpers.ts';

/** A camelCase name: a lower-case letter followed by an upper-case one (`probEnd`; not `A`). */
const CAMEL = /[a-z][A-Z]/;

/**
 * Objects whose keys are data, not field names (paths as camelKeys writes them, `[]` for any
 * index). Only these are exempt: region codes such as WIOD's `RoW` are camelCase by the pattern.
 */
const DATA_KEYS = new Set([
  '.weekly[].by_region_usd_m', // exposure: region code -> loss
]);

/** The camelCase keys of a JSON document as paths (`.lines[].chinaShare`); a DATA_KEYS object's keys are skipped, its values walked. */
function camelKeys(v: unknown, path = '', out = new Set<string>()): string[] {
  if (Array.isArray(v)) for (const x of v) camelKeys(x, `${path}[]`, out);
  else if (v !== null && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      if (!DATA_KEYS.has(path) && CAMEL.test(k)) out.add(`${path}.${k}`);
      camelKeys(x, `${path}.${k}`, out);
    }
  return [...out];
}

/** The names under every `properties` of a JSON Schema (its keywords are JSON Schema's own). */
function propertyNames(s: unknown, out: string[] = []): string[] {
  if (Array.isArray(s)) for (const x of s) propertyNames(x, out);
  else if (s !== null && typeof s === 'object')
    for (const [k, x] of Object.entries(s)) {
      if (k === 'properties' && x && typeof x === 'object') out.push(...Object.keys(x));
      propertyNames(x, out);
    }
  return out;
}

const { dir, mb, flows, pd, oneQuestion } = commandFixtures('leverage-snake-');

/** Command (as `leverage <command>`) -> argument lists to run it with (--json is added). */
const RUNS: Record<string, string[][]> = {
  validate: [['london-2025']],
  schema: [[]],
  ledger: [
    ['--at', '2025-06-11'],
    ['--at', '2025-06-11', '--product', '8541.43'],
  ],
  'ledger averages': [['--to', '2025-06-30']],
  'ledger who-paid': [['--to', '2019-12-31']],
  'ledger diff': [['us-china', 'us-china', '--to', '2018-03-01']],
  timeline: [[]],
  changes: [['--from', '2025-04-01', '--to', '2025-06-30']],
  tariffs: [[], ['--by', 'authority']],
  claims: [[], ['london-2025']],
  response: [['--at', '2025-06-11']],
  flows: [[flows]],
  branches: [[]],
  run: [['--runs', '30', '--seed', '3', '--weeks', '8']],
  sensitivity: [['--runs', '100', '--seed', '1', '--weeks', '8']],
  backtest: [[]],
  'io calc': [['--mrio', mb, '--what', 'x,A,L,G,multipliers,linkages,va']],
  'io shock': [
    ['--mrio', mb, '--demand', 'r:b=-10%'],
    ['--mrio', mb, '--supply', 'r:b=-10%', '--model', 'leontief'],
    ['--mrio', mb, '--export-cut', 'r:a=-10%', '--to', 'r'],
  ],
  'io extract': [['--mrio', mb]],
  exposure: [
    ['--at', '2025-06-11'],
    ['--model', 'bottleneck', '--weeks', '8'],
  ],
  'game strategies': [[]],
  'game match': [['--a', 'TitForTat', '--b', 'Random', '--turns', '10', '--noise', '0.1']],
  'game tournament': [['--players', 'TitForTat,Defector,Random', '--turns', '20', '--repetitions', '2']],
  'game moran': [
    ['--population', 'TitForTat,TitForTat,Defector'],
    ['--population', 'TitForTat,TitForTat,Defector', '--runs', '5'],
  ],
  'game nash': [[pd], [pd, '--method', 'lemke-howson']],
  'game bargain': [
    ['--delta1', '0.9', '--delta2', '0.8', '--d1', '-0.1', '--d2', '0.2', '--breakdown', '0.1'],
  ],
  'questions vocabulary': [[]],
  'questions schema': [[]],
  'questions resolve': [['data/questions/us-china.yaml']],
  forecast: [[oneQuestion, '--runs', '5']],
  score: [[oneQuestion, '--runs', '5']],
  calibrate: [
    [
      '--as-known-on',
      '2025-06-11',
      '--particles',
      '10',
      '--generations',
      '1',
      '--posterior',
      join(dir, 'p.json'),
    ],
  ],
  params: [[]],
};

/** Commands that print a JSON Schema (its keywords are JSON Schema's own, its fields the `properties`). */
const SCHEMAS = new Set(['schema', 'questions schema']);

/** Commands not run here, with where their document is checked instead. */
const SLOW: Record<string, string> = {
  // scores the whole built-in question set (2,000 runs at every origin) unless cached
  'questions track-record': 'GET /api/track-record, the same summary (openapi-validate.test.ts)',
};

/** Every command that takes --json, as `leverage <command>` names it. */
async function jsonCommands(): Promise<string[]> {
  const program = new Command();
  await registerAll(program);
  const out: string[] = [];
  const walk = (c: Command, path: string[]) => {
    for (const s of c.commands) {
      const name = [...path, s.name()];
      if (s.options.some((o) => o.long === '--json')) out.push(name.join(' '));
      walk(s, name);
    }
  };
  walk(program, []);
  return out;
}

describe('--json documents', () => {
  test('every command taking --json is run here or listed in SLOW', async () => {
    assert.deepEqual((await jsonCommands()).sort(), [...Object.keys(RUNS), ...Object.keys(SLOW)].sort());
  });

  test('name their fields in snake_case (data keys aside)', async () => {
    const found: string[] = [];
    for (const [command, runs] of Object.entries(RUNS))
      for (const args of runs) {
        const argv = [...command.split(' '), ...args, '--json'];
        const r = await leverageInProcess(argv);
        assert.equal(r.status, 0, `${argv.join(' ')}: ${r.stderr}`);
        const doc: unknown = JSON.parse(r.stdout);
        // the JSON Schemas (scenario format, question files): their field names are the `properties`
        const bad = SCHEMAS.has(command) ? propertyNames(doc).filter((n) => CAMEL.test(n)) : camelKeys(doc);
        for (const p of bad) found.push(`${argv.join(' ')}: ${p}`);
      }
    assert.deepEqual(found, [], 'camelCase field names in --json documents');
  });

  test('the schema commands print the same one document with --json as without, and the committed file', async () => {
    const committed: Record<string, string> = {
      schema: 'scenario.schema.json',
      'questions schema': 'questions.schema.json',
    };
    assert.deepEqual(Object.keys(committed).sort(), [...SCHEMAS].sort());
    for (const command of SCHEMAS) {
      const plain = await leverageInProcess(command.split(' '));
      const json = await leverageInProcess([...command.split(' '), '--json']);
      assert.equal(json.status, 0, `${command} --json: ${json.stderr}`);
      assert.equal(json.stdout, plain.stdout, `${command}: --json prints what the plain command prints`);
      assert.deepEqual(
        JSON.parse(json.stdout),
        JSON.parse(readFileSync(committed[command], 'utf8')),
        command,
      );
    }
  });

  test('the check finds a camelCase key at any depth, and skips only the listed data keys', () => {
    assert.deepEqual(
      camelKeys({ a: [{ b_c: { dE: 1 } }], weekly: [{ by_region_usd_m: { RoW: 1, USA: 2 } }] }),
      ['.a[].b_c.dE'],
    );
    assert.deepEqual(propertyNames({ properties: { rate_pct: {}, x: { properties: { rowExact: {} } } } }), [
      'rate_pct',
      'x',
      'rowExact',
    ]);
  });
});
