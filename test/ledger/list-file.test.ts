// Bad input of issue 11: a product list whose file does not resolve is a located error (file, line,
// path), not a silently empty list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadScenarioSync, ScenarioError } from '../../src/io/index.ts';
import { writeFiles } from '../helpers.ts';

test('a list file that does not exist: located error at the list, naming the file', () => {
  const d = writeFiles({
    'x.yaml': [
      'id: x',
      'extends: us-china',
      'title: a list file that does not exist',
      'products:',
      '  lists:',
      '    my-list:',
      '      title: missing',
      '      file: ./nope.csv',
      '      column: hts10',
      '      sources:',
      '      - https://example.org/x',
      '',
    ].join('\n'),
  });
  assert.throws(
    () => loadScenarioSync(join(d, 'x.yaml')),
    (e: unknown) =>
      e instanceof ScenarioError &&
      /x\.yaml:7:7 products\.lists\.my-list: .*nope\.csv: file not found/.test(e.message),
  );
});
