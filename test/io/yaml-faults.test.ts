// Resource faults in YAML input (alias bombs, deep nesting) are located errors in the CLI's loader
// and in the server's upload path, never internal errors.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadScenarioSync, ScenarioError } from '../../src/io/index.ts';
import { writeFiles } from '../helpers.ts';
import { call, removeDir, start, tempDir } from '../server/helpers.ts';

const BOMB = (() => {
  let s = 'id: bomb\ntitle: bomb\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
  for (let i = 1; i < 9; i++)
    s += `a${i}: &a${i} [${Array(9)
      .fill(`*a${i - 1}`)
      .join(', ')}]\n`;
  return s;
})();
const DEEP_BLOCK =
  'id: deep\ntitle: x\nmeasures:\n' +
  Array.from({ length: 3000 }, (_, i) => '  '.repeat(i + 1) + 'k:\n').join('');
const DEEP_FLOW = 'id: deep\ntitle: x\nmeasures: ' + '['.repeat(150) + '1' + ']'.repeat(150) + '\n';

function issuesOf(text: string) {
  const dir = writeFiles({ 's.yaml': text });
  try {
    loadScenarioSync(join(dir, 's.yaml'));
  } catch (err) {
    assert.ok(err instanceof ScenarioError, `expected a ScenarioError, got ${String(err)}`);
    return err.issues;
  }
  assert.fail('loaded without error');
}

describe('YAML resource faults in files', () => {
  test('an alias bomb is refused with a reason', () => {
    const [i] = issuesOf(BOMB);
    assert.match(i.message, /aliases expand too far/);
    assert.equal(i.line, 1);
  });
  test('3,000 nested mappings: located, "nested too deeply"', () => {
    const [i] = issuesOf(DEEP_BLOCK);
    assert.match(i.message, /nested too deeply/);
    assert.ok(i.line! > 3, `line ${i.line}`);
  });
  test('150 nested sequences (parseable) are refused past the depth limit, at the deep node', () => {
    const [i] = issuesOf(DEEP_FLOW);
    assert.match(i.message, /nest(ed|s) deeper than 100 levels/);
    assert.equal(i.line, 3);
    // 'measures: ' is 10 columns: the 101st '[' (the first node past the limit) is at column 111
    assert.equal(i.col, 111);
  });
});

describe('YAML resource faults in uploads', () => {
  const DIR = tempDir();
  let srv: Awaited<ReturnType<typeof start>>;
  before(async () => (srv = await start({ dataDir: DIR })));
  after(async () => {
    await srv.close();
    removeDir(DIR);
  });
  for (const [name, content, reason] of [
    ['alias bomb', BOMB, /aliases expand too far/],
    // One-space indents keep 1,200 levels under the body limit; past the parser's own depth.
    [
      'deep block nesting',
      'id: deep\ntitle: x\nmeasures:\n' +
        Array.from({ length: 1200 }, (_, i) => ' '.repeat(i + 1) + 'k:\n').join(''),
      /nested (too deeply|deeper than)/,
    ],
    ['deep flow nesting', DEEP_FLOW, /nest(ed|s) deeper than 100 levels/],
  ] as const)
    test(`${name}: 422 with the reason and a position`, async () => {
      const r = await call(srv.base, '/api/scenarios/validate', { json: { content } });
      assert.equal(r.status, 422);
      assert.equal(r.body.error.code, 'invalid_scenario');
      assert.match(r.body.error.message, reason);
      assert.ok(r.body.error.details?.[0]?.line >= 1, JSON.stringify(r.body.error));
    });
});
