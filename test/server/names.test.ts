// Scenario names and error messages: the pure guards behind the API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkName, insideDir } from '../../src/server/names.ts';
import { ApiError, scrubPaths } from '../../src/server/errors.ts';

test('scenario names are slugs; paths, NUL, dots and separators are refused', () => {
  for (const ok of ['london-2025', 'a', 'my_what-if-2', '0abc']) assert.equal(checkName(ok), ok);
  for (const bad of [
    '',
    '..',
    '../x',
    'a/b',
    'a\\b',
    '/etc/passwd',
    'C:x',
    'x\0y',
    '.hidden',
    'UPPER',
    'a b',
    'x'.repeat(65),
    '-lead',
  ])
    assert.throws(
      () => checkName(bad),
      (e: unknown) => e instanceof ApiError && e.status === 400 && e.code === 'bad_name',
      JSON.stringify(bad),
    );
  assert.throws(() => checkName(42), ApiError);
});

test('resolved files must stay inside their folder', () => {
  assert.equal(insideDir('/data/scenarios', 'a.yaml'), '/data/scenarios/a.yaml');
  for (const bad of ['../a.yaml', '/etc/passwd', 'x/../../a.yaml', '.'])
    assert.throws(() => insideDir('/data/scenarios', bad), ApiError, bad);
});

test('error messages name files, not server paths', () => {
  assert.equal(
    scrubPaths('file not found: /srv/leverage/.leverage/scenarios/foo.yaml'),
    'file not found: foo.yaml',
  );
  assert.equal(
    scrubPaths('cannot read /tmp/x/scenarios/.upload-0a1b2c.yaml: bad'),
    'cannot read the upload: bad',
  );
  assert.equal(
    scrubPaths('extends forms a cycle: /x/y/a.yaml -> /x/y/b.yaml'),
    'extends forms a cycle: a.yaml -> b.yaml',
  );
  assert.equal(scrubPaths('expected 3, got "a/b" (10/20)'), 'expected 3, got "a/b" (10/20)');
});
