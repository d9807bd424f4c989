import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { cli } from '../helpers.ts';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'leverage-game-'));

async function run(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const r = await cli(['game', ...args]);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}
function assertUserError(r: Awaited<ReturnType<typeof run>>, message: RegExp): void {
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, message);
  assert.doesNotMatch(r.stderr, /^\s{4}at /m, 'no stack trace');
}

describe('leverage game CLI', async () => {
  test('match --json: one JSON document with both action strings and scores', async () => {
    const args = [
      'match',
      '--a',
      'TitForTat',
      '--b',
      'Grudger',
      '--turns',
      '200',
      '--noise',
      '0.05',
      '--seed',
      '1',
      '--json',
    ];
    const r = await run(...args);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.match(doc.actions[0], /^[CD]{200}$/);
    assert.match(doc.actions[1], /^[CD]{200}$/);
    assert.equal(typeof doc.scores[0], 'number');
    // same seed: byte-identical output
    assert.equal((await run(...args)).stdout, r.stdout);
  });

  test('tournament --json and nash --json (lemke-howson label, vertex) parse as single documents', async () => {
    const t = await run(
      'tournament',
      '--players',
      'TitForTat,Defector,TACO(threshold=8, decay=0.2)',
      '--turns',
      '20',
      '--repetitions',
      '3',
      '--json',
    );
    assert.equal(t.code, 0, t.stderr);
    const doc = JSON.parse(t.stdout);
    assert.deepEqual(doc.players, ['TitForTat', 'Defector', 'TACO(threshold=8, decay=0.2)']);
    assert.equal(doc.pairs_played_once, true);
    const g = file(
      'pennies.json',
      JSON.stringify({
        A: [
          [1, -1],
          [-1, 1],
        ],
        B: [
          [-1, 1],
          [1, -1],
        ],
      }),
    );
    const n = await run('nash', g, '--method', 'lemke-howson', '--label', '1', '--json');
    assert.equal(n.code, 0, n.stderr);
    assert.deepEqual(JSON.parse(n.stdout).equilibria[0].row_exact, ['1/2', '1/2']);
    const out = join(dir, 'v.json');
    const v = await run('nash', g, '--method', 'vertex', '--json', '--out', out);
    assert.equal(v.code, 0);
    assert.equal(JSON.parse(readFileSync(out, 'utf8')).equilibria.length, 1);
  });

  test('bargain --json: Rubinstein closed form and outside option', async () => {
    const r = await run('bargain', '--delta1', '0.9', '--delta2', '0.8', '--json');
    assert.equal(r.code, 0, r.stderr);
    assert.ok(Math.abs(JSON.parse(r.stdout).rubinstein.share1 - 0.2 / 0.28) < 1e-12);
  });

  test('strategies --json lists every strategy with its declared parameters', async () => {
    const r = await run('strategies', '--json');
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.strategies.length, 25); // with PainReactive
    const taco = doc.strategies.find((s: { name: string }) => s.name === 'TACO');
    assert.deepEqual(
      taco.parameters.map((p: { name: string; min: number; max: number }) => [p.name, p.min, p.max]),
      [
        ['threshold', 0, 1e12],
        ['decay', 0, 1],
        ['reescalate', 0, 1],
      ],
    );
  });

  test('match --game with R,S,T,P: payoffs follow the given game', async () => {
    const g = file('rstp.json', '{"R": 4, "S": -1, "T": 6, "P": 0}');
    const r = await run(
      'match',
      '--a',
      'Cooperator',
      '--b',
      'Defector',
      '--turns',
      '3',
      '--game',
      g,
      '--json',
    );
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).scores, [-3, 18]);
  });

  test('bad input: unknown strategy, noise outside [0,1], malformed game files, bad method', async () => {
    assertUserError(
      await run('match', '--a', 'TitForTwat', '--b', 'Grudger'),
      /leverage: unknown strategy "TitForTwat"/,
    );
    assertUserError(
      await run('match', '--a', 'TitForTat', '--b', 'Grudger', '--noise', '1.5'),
      /--noise: expected a number <= 1.*got 1\.5/,
    );
    assertUserError(
      await run('tournament', '--players', 'TitForTat,TACO(decay=2)'),
      /TACO\.decay: expected a value in \[0, 1\], got 2/,
    );
    const ragged = file('ragged.json', '{"A": [[1, 2], [3]], "B": [[1, 2], [3, 4]]}');
    assertUserError(
      await run('nash', ragged),
      /ragged\.json: A is not rectangular: row 0 has 2 entries but row 1 has 1/,
    );
    const text = file('text.json', '{"A": [[1, "x"]], "B": [[1, 2]]}');
    const withJson = await run('nash', text, '--json');
    assertUserError(withJson, /text\.json: A\[0\]\[1\] must be a finite number, got "x"/);
    assert.equal(withJson.stdout, '', 'no partial JSON on stdout after an error');
    const broken = file('broken.json', '{"A": [[1, 2]');
    assertUserError(await run('nash', broken), /broken\.json: not valid JSON/);
    assertUserError(
      await run('nash', join(dir, 'missing.json')),
      /missing\.json: cannot read file \(ENOENT\)/,
    );
    const wide = file('wide.json', '{"A": [[3, 0, 1], [5, 1, 0]], "B": [[3, 5], [0, 1]]}');
    assertUserError(
      await run('match', '--a', 'TitForTat', '--b', 'Defector', '--game', wide),
      /wide\.json: A\[0\] must have 2 entries, got 3/,
    );
    const ok = file('ok.json', '{"A": [[1]], "B": [[1]]}');
    assertUserError(
      await run('nash', ok, '--method', 'simplex'),
      /--method: expected support, vertex or lemke-howson, got "simplex"/,
    );
    assertUserError(
      await run('bargain', '--delta1', '1.2', '--delta2', '0.5'),
      /--delta1: expected a number <= 1/,
    );
  });
});
