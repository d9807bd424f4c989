// What only a real `leverage` process shows (every other CLI test runs in-process through
// `run(argv)`, test/helpers.ts `cli`): the compiled entry point's exit codes and its one JSON
// document on a pipe. EPIPE and a slow reader: test/cli/ledger-cli.test.ts; SIGINT waiting on the
// first progress line: test/simulate/cli.test.ts; the packed tarball: test/package.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { STACK_TRACE, cli, cliProcess } from '../helpers.ts';

test('exit codes of the compiled CLI: 0, 2 for bad input or a missing scenario (src/errors EXIT_CODES); same as in-process', async () => {
  const cases: [string[], number, RegExp][] = [
    [['ledger', '--at', '2025-06-11', '--product', '4202.21', '--json'], 0, /^$/],
    [['ledger', '--at', '2025-13-01'], 2, /--at/],
    [
      ['ledger', 'no-such-scenario', '--at', '2025-06-11'],
      2,
      /no built-in scenario or file named "no-such-scenario"/,
    ],
    [['ledger', '--att', '2025-06-11'], 2, /unknown option --att \(did you mean --at\?\)/],
  ];
  const runs = await Promise.all(cases.map(([args]) => cliProcess(args)));
  for (const [i, [args, code, stderr]] of cases.entries()) {
    const r = runs[i];
    assert.equal(r.status, code, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, stderr);
    assert.doesNotMatch(r.stderr, STACK_TRACE);
    const inside = await cli(args);
    assert.equal(inside.status, code, 'run(argv) returns the exit code the process exits with');
    assert.equal(inside.stdout, r.stdout, 'and prints the same');
  }
  const doc = JSON.parse(runs[0].stdout) as { stacks: { total_pct: number }[] };
  assert.equal(doc.stacks[0].total_pct, 55, 'one JSON document: handbags from China, 11 June 2025');
});

test('in-process runs leave nothing behind: no exit code, no global options, no dates, no table layout', async () => {
  const { getAsKnownOn } = await import('../../src/cli/scenario.ts');
  const { showSources } = await import('../../src/cli/output.ts');
  const plain = ['ledger', '--at', '2025-06-11', '--product', '4202.21'];
  const fresh = await cli(plain);
  const exitCode = process.exitCode;
  // a failing run, then one with every global option
  assert.equal((await cli(['ledger', '--at', '2025-13-01'])).status, 2);
  const known = await cli(['--as-known-on', '2025-03-01', '--wide', '--sources', ...plain]);
  assert.equal(known.status, 0, known.stderr);
  assert.notEqual(known.stdout, fresh.stdout, 'the options changed that run');
  assert.equal(process.exitCode, exitCode, 'run(argv) returns the code; only bin sets process.exitCode');
  assert.equal(getAsKnownOn(), undefined);
  assert.equal(showSources(), false);
  const again = await cli(plain);
  assert.deepEqual(again, fresh, 'the same command prints the same as before the other runs');
});
