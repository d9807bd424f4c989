// The compiled CLI loads one command file per run (dist/cli/commands.json says which); its
// top-level help must equal the help of the program with every command registered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeProgram } from '../../src/cli/run.ts';
import { registerAll } from '../../src/cli/commands/index.ts';
import { addExamples } from '../../src/cli/examples.ts';
import { buildManifest, commandNameIn, type ManifestEntry } from '../../src/cli/manifest.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

test('commandNameIn: the command a command line names', () => {
  assert.equal(commandNameIn(['ledger', '--at', '2025-06-11']), 'ledger');
  assert.equal(commandNameIn(['--as-known-on', '2025-05-01', 'claims', '--json']), 'claims');
  assert.equal(commandNameIn(['--as-known-on=2025-05-01', 'claims']), 'claims');
  assert.equal(commandNameIn(['help', 'run']), 'run');
  assert.equal(commandNameIn(['help']), null);
  assert.equal(commandNameIn(['--help']), null);
  assert.equal(commandNameIn([]), null);
});

test('the built manifest lists every command, each with the file that registers it', async () => {
  const built = JSON.parse(readFileSync(`${ROOT}dist/cli/commands.json`, 'utf8')) as ManifestEntry[];
  assert.deepEqual(built, await buildManifest(), 'dist/cli/commands.json is current (npm run build)');
  const full = makeProgram();
  await registerAll(full);
  assert.deepEqual(
    built.map((e) => e.name),
    full.commands.map((c) => c.name()),
  );
});

test('leverage --help from the manifest equals the help with every command loaded', async () => {
  const full = makeProgram();
  await registerAll(full);
  const lazy = execFileSync(process.execPath, ['bin/leverage.js', '--help'], { cwd: ROOT, encoding: 'utf8' });
  addExamples(full);
  // both at commander's default width: the child's stdout is a pipe, as is ours under the runner;
  // outputHelp, not helpInformation, so the text added after the help (the examples) is compared too
  let printed = '';
  full.configureOutput({ getOutHelpWidth: () => 80, writeOut: (t) => (printed += t) });
  full.outputHelp();
  assert.equal(lazy, printed);
});

// `--help` must stay instant: the compiled entry point's static imports (what loads before any
// command runs) may reach the CLI's own wiring and commander, never the library's domains.
test('the compiled entry point statically loads no library module', () => {
  const dist = join(ROOT, 'dist');
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(
      /^(?:import|export)[^'"]*?from\s+["'](\.[^'"]+)["']/gm,
    ))
      visit(resolve(dirname(file), m[1]!));
  };
  visit(join(dist, 'cli', 'main.js'));
  const outside = [...seen]
    .map((f) => relative(dist, f))
    .filter((f) => !/^(cli\/[^/]+\.js|cli\/commands\/index\.js|errors\/)/.test(f));
  assert.deepEqual(outside, []);
  assert.ok(seen.size < 20, `${seen.size} modules load before a command runs`);
});
