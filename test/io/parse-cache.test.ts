// The compiled CLI reuses parsed scenarios and trade tables across processes (src/io/parse-cache.ts):
// same output as a fresh parse, reused while the files are unchanged, parsed again when one
// changes or an entry is damaged; and the Monte Carlo's prepared scenario (cachedCompute).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../helpers.ts';
import { canonicalHash } from '../../src/io/parse-cache.ts';
import { loadScenarioSync } from '../../src/io/index.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);

test('parsed scenarios are cached by file content', { timeout: 180_000 }, async () => {
  const dir = tempDir();
  const cache = join(dir, 'cache');
  const file = join(dir, 'c.yaml');
  writeFileSync(file, 'extends: london-2025\nid: cache-a\ntitle: Cache A\n');
  const ledger = async (env: Record<string, string> = {}) =>
    (
      await run(
        process.execPath,
        ['bin/leverage.js', 'ledger', file, '--at', '2025-06-11', '--product', '4202.21', '--json'],
        {
          cwd: ROOT,
          env: { ...process.env, LEVERAGE_CACHE_DIR: cache, ...env },
        },
      )
    ).stdout;
  const entries = () => readdirSync(cache).filter((f) => f.endsWith('.v8'));

  const first = await ledger();
  assert.equal(JSON.parse(first).scenario, 'cache-a');
  // the scenario with its extends and lists, and the HS codes that check --product
  assert.equal(entries().length, 2, 'two entries: the scenario and the HS code list');
  const inodes = () => entries().map((f) => statSync(join(cache, f)).ino);
  const before = inodes();

  assert.equal(await ledger(), first, 'from the cache: the same document');
  assert.deepEqual(inodes(), before, 'the entries were reused, not rewritten');
  assert.equal(await ledger({ LEVERAGE_CACHE: '0' }), first, 'equal to a fresh parse');

  writeFileSync(file, 'extends: london-2025\nid: cache-b\ntitle: Cache B\n');
  assert.equal(JSON.parse(await ledger()).scenario, 'cache-b', 'a changed file is parsed again');

  for (const f of entries()) writeFileSync(join(cache, f), 'not an entry');
  assert.equal(JSON.parse(await ledger()).scenario, 'cache-b', 'a damaged entry is parsed again');
});

test(
  'the Monte Carlo reuses a prepared scenario while the scenario is unchanged',
  { timeout: 180_000 },
  async () => {
    const dir = tempDir();
    const cache = join(dir, 'cache');
    const file = join(dir, 'r.yaml');
    writeFileSync(file, 'extends: us-china\nid: cache-run\ntitle: Cache run A\n');
    const mc = async (env: Record<string, string> = {}) =>
      (
        await run(
          process.execPath,
          ['bin/leverage.js', 'run', file, '--runs', '20', '--weeks', '6', '--seed', '3', '--json'],
          { cwd: ROOT, env: { ...process.env, LEVERAGE_CACHE_DIR: cache, ...env } },
        )
      ).stdout;
    // the prepared scenario's entry is the one with a `deps` hash (cachedCompute)
    const prepared = () => {
      const f = readdirSync(cache).find(
        (x) => x.endsWith('.v8') && 'deps' in (deserialize(readFileSync(join(cache, x))) as object),
      );
      assert.ok(f, 'an entry for the prepared scenario');
      return statSync(join(cache, f)).ino;
    };

    const first = await mc();
    assert.equal(JSON.parse(first).scenario, 'cache-run');
    const inode = prepared();
    // the second run reads the scenario from its own cache, a copy held differently in memory:
    // the key hashes content (canonicalHash), so the first run's entry serves both
    assert.equal(await mc(), first, 'from the cache: the same document');
    assert.equal(prepared(), inode, 'the entry was reused, not rewritten');
    assert.equal(await mc(), first);
    assert.equal(prepared(), inode, 'and again');
    assert.equal(await mc({ LEVERAGE_CACHE: '0' }), first, 'equal to a fresh preparation');

    writeFileSync(file, 'extends: us-china\nid: cache-run\ntitle: Cache run B\n');
    await mc();
    assert.notEqual(prepared(), inode, 'a changed scenario is prepared again');
  },
);

test('the prepared scenario is keyed by content, not by how V8 holds it', () => {
  // v8.serialize gives different bytes for a fresh parse and its copy (this missed the cache at random)
  const fresh = loadScenarioSync('us-china');
  const copy = deserialize(serialize(fresh)) as typeof fresh;
  assert.notDeepEqual(serialize(fresh), serialize(copy), 'the case the key must survive');
  assert.equal(canonicalHash(copy), canonicalHash(fresh));
  assert.equal(canonicalHash({ a: [1, 2.5, -0, 'x'] }), canonicalHash({ a: [1, 2.5, -0, 'x'] }));
  for (const other of [
    { a: [1, 2.5, 0, 'x'] },
    { a: [1, 2.5, -0, 'y'] },
    { a: ['1', 2.5, -0, 'x'] },
    { b: [] },
  ])
    assert.notEqual(canonicalHash(other), canonicalHash({ a: [1, 2.5, -0, 'x'] }));
  assert.notEqual(canonicalHash(new Map([[1, 2]])), canonicalHash(new Map([[2, 1]])));
  assert.notEqual(canonicalHash({ a: 1, b: 2 }), canonicalHash({ b: 2, a: 1 }), 'insertion order counts');
  const cycle: Record<string, unknown> = {};
  cycle.self = cycle;
  assert.throws(() => canonicalHash(cycle), /cycle/);
});
