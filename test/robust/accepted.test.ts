// Inputs that used to be accepted silently: each is now a located error.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadScenarioSync, ScenarioError } from '../../src/io/index.ts';
import { SRC, baseScenario, writeFiles } from '../helpers.ts';

function issues(files: Record<string, string | object>, main: string) {
  const dir = writeFiles(files);
  try {
    loadScenarioSync(join(dir, main));
  } catch (err) {
    assert.ok(err instanceof ScenarioError, String(err));
    return err.issues;
  }
  assert.fail('accepted');
}

const tariff = (status: { date: string; status: string }[]) => ({
  id: 't1',
  kind: 'tariff',
  actor: 'US',
  target: 'CN',
  title: 'A duty',
  authority: 'Section 301',
  scope: { all: true },
  rates: [{ from: '2025-01-01', rate_pct: 10 }],
  status,
  sources: SRC,
});

describe('silently accepted before', () => {
  test('two different statuses on the same date in one measure', () => {
    const [i] = issues(
      {
        's.json': baseScenario({
          measures: [
            tariff([
              { date: '2025-01-01', status: 'in_force' },
              { date: '2025-01-01', status: 'suspended' },
            ]),
          ],
        }),
      },
      's.json',
    );
    assert.match(i.path, /^measures\[0\]\.status\[1\]/);
    assert.match(i.message, /two statuses on 2025-01-01/);
  });
  test('the same status repeated on a date is not an error (it says nothing new)', () => {
    const dir = writeFiles({
      's.json': baseScenario({
        measures: [
          tariff([
            { date: '2025-01-01', status: 'in_force' },
            { date: '2025-01-01', status: 'in_force' },
          ]),
        ],
      }),
    });
    assert.equal(loadScenarioSync(join(dir, 's.json')).measures.length, 1);
  });
  test('year 0 and year 2999 dates are out of range', () => {
    for (const d of ['0000-01-01', '2999-01-01']) {
      const [i] = issues(
        { 's.json': baseScenario({ measures: [tariff([{ date: d, status: 'in_force' }])] }) },
        's.json',
      );
      assert.match(i.message, new RegExp(`between 1900-01-01 and 2100-12-31, got "${d}"`));
      assert.equal(i.path, 'measures[0].status[0].date');
    }
  });
  test('as_of before every dated entry, and as_of 2999', () => {
    const [a] = issues(
      {
        's.json': baseScenario({
          as_of: '1900-01-01',
          measures: [tariff([{ date: '2025-01-01', status: 'in_force' }])],
        }),
      },
      's.json',
    );
    assert.equal(a.path, 'as_of');
    assert.match(a.message, /before the first dated entry \(2025-01-01\)/);
    const [b] = issues({ 's.json': baseScenario({ as_of: '2999-12-31' }) }, 's.json');
    assert.equal(b.path, 'as_of');
  });
  test('an actor keyed __proto__ is refused where it stands (YAML and JSON)', () => {
    const yaml = 'id: p\ntitle: p\nactors:\n  US: {name: United States}\n  __proto__: {name: Nobody}\n';
    const [y] = issues({ 's.yaml': yaml }, 's.yaml');
    assert.match(y.message, /"__proto__" is not allowed/);
    assert.equal(y.line, 5);
    assert.equal(y.col, 3);
    const json = '{"id": "p", "title": "p", "actors": {"US": {"name": "US"}, "__proto__": {"name": "x"}}}';
    const [j] = issues({ 's.json': json }, 's.json');
    assert.match(j.message, /"__proto__" is not allowed/);
  });
});
