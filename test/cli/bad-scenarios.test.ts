import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers.ts';
import { cli as leverage, ROOT, STACK_TRACE } from '../helpers.ts';

const FIXTURES = 'test/fixtures/bad';
const EXPECTED = JSON.parse(readFileSync(join(ROOT, FIXTURES, 'EXPECTED.json'), 'utf8')) as Record<
  string,
  { at: string | null; fragment: string; file?: string; sep?: string }
>;
const files = readdirSync(join(ROOT, FIXTURES)).filter((f) => f !== 'EXPECTED.json');

test('every fixture has an expectation and there are at least 15', () => {
  assert.ok(files.length >= 15);
  assert.deepEqual(
    files.slice().sort(),
    Object.keys(EXPECTED)
      .filter((k) => !k.startsWith('_'))
      .sort(),
  );
});

test('the binary fixture really holds NUL bytes and invalid UTF-8', () => {
  const b = readFileSync(join(ROOT, FIXTURES, 'binary.yaml'));
  assert.ok(b.length >= 256);
  assert.ok(b.includes(0));
});

/** What every failure must look like: non-zero exit, file and precise message on stderr, no stack trace. */
function assertCleanFailure(
  r: { status: number | null; stderr: string },
  file: string,
  exp: { at: string | null; fragment: string; file?: string; sep?: string },
) {
  assert.notEqual(r.status, 0, 'exit code');
  assert.ok(r.status !== null);
  assert.doesNotMatch(r.stderr, STACK_TRACE, 'no stack trace');
  assert.match(r.stderr, /^leverage: /);
  assert.ok(r.stderr.includes(file), `stderr names ${file}:\n${r.stderr}`);
  const where = `${FIXTURES}/${exp.file ?? file}${exp.at ? `:${exp.at}` : ''}`;
  // `file:line:col path: message`, or `file:line:col: message` when there is no path (syntax errors, unreadable files)
  const line = `${where}${exp.sep ?? (exp.at ? ' ' : ': ')}${exp.fragment}`;
  assert.ok(r.stderr.includes(line), `stderr has\n  ${line}\ngot:\n${r.stderr}`);
}

// Start every `validate` run at once (the runner limits parallel processes); each test awaits its own.
const validated = new Map(files.map((f) => [f, leverage(['validate', `${FIXTURES}/${f}`])]));

describe('validate refuses each malformed scenario precisely', () => {
  for (const f of files) {
    test(f, async () => {
      const r = await validated.get(f)!;
      assertCleanFailure(r, f, EXPECTED[f]);
      assert.equal(r.stdout, '', 'nothing on stdout');
    });
  }
});

describe('ledger --out on a bad scenario leaves nothing behind', { concurrency: 3 }, () => {
  for (const f of ['wrong-type.yaml', 'binary.yaml', 'unknown-actor.yaml']) {
    test(f, async () => {
      const dir = tempDir();
      const r = await leverage([
        'ledger',
        `${FIXTURES}/${f}`,
        '--at',
        '2025-06-11',
        '--out',
        join(dir, 'out.json'),
      ]);
      assertCleanFailure(r, f, EXPECTED[f]);
      assert.deepEqual(readdirSync(dir), [], 'no output file and no temp file');
      rmSync(dir, { recursive: true });
    });
  }
});

describe('validate --json on a bad file', () => {
  test('prints exactly one JSON document with valid: false and the issues', async () => {
    const r = await leverage(['validate', `${FIXTURES}/wrong-type.yaml`, '--json']);
    assert.notEqual(r.status, 0);
    assert.doesNotMatch(r.stderr, STACK_TRACE);
    const doc = JSON.parse(r.stdout); // throws if there is more than one document or trailing text
    assert.equal(doc.valid, false);
    assert.equal(doc.issues.length, 1);
    assert.equal(doc.issues[0].line, 14);
    assert.equal(doc.issues[0].col, 19);
    assert.equal(doc.issues[0].path, 'measures[0].rates[0].rate_pct');
    assert.match(doc.issues[0].message, /expected a number >= 0/);
  });
});

describe('a very large file is refused before it is read', () => {
  const dir = tempDir();
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('65 MB of valid-looking YAML', async () => {
    const file = join(dir, 'huge.yaml');
    const fd = openSync(file, 'w');
    writeSync(fd, 'id: huge\ntitle: Huge\nactors: {US: {name: US}}\nparameters:\n  padding:\n');
    const chunk = Buffer.from(`    - ${'x'.repeat(58)}\n`.repeat(16384)); // 64 bytes a line, 1 MB a chunk
    for (let i = 0; i < 65; i++) writeSync(fd, chunk);
    closeSync(fd);
    const r = await leverage(['validate', file]);
    assert.notEqual(r.status, 0);
    assert.doesNotMatch(r.stderr, STACK_TRACE);
    assert.ok(r.stderr.includes('huge.yaml'));
    // scenario files have their own, lower limit (MAX_SCENARIO_BYTES, docs/scenario.md)
    assert.match(r.stderr, /file is too large \(6[5-6]\.\d MB; the limit is 16 MB\)/);
    writeFileSync(file, ''); // free the space now
  });
});
