// docs/ledger-workflow.md, run: `ledger new` writes the skeleton, `validate` names what is left and
// every bad-input rule at its line, the documented example validates, and `ledger diff` shows its
// effect by date. The example is read from the page itself.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ledgerSkeleton, loadScenarioSync, loadShippedTradeData, ScenarioError } from '../../src/io/index.ts';
import { ledgerDiffReport, queryField } from '../../src/report/index.ts';
import { writeFiles } from '../helpers.ts';
import { cli as leverage, ROOT } from '../helpers.ts';

const DOC = readFileSync(join(ROOT, 'docs', 'ledger-workflow.md'), 'utf8');
const EXAMPLE = /```yaml\n# pharma\.yaml\n([\s\S]*?)```/.exec(DOC)![1];

/** The located problems of a scenario file (file:line:col path: message), or [] if it loads. */
function problems(text: string): string[] {
  const dir = writeFiles({ 'entry.yaml': text });
  try {
    loadScenarioSync(join(dir, 'entry.yaml'));
    return [];
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err;
    return err.message.split('\n');
  }
}
const edit = (from: string, to: string) => {
  assert.ok(EXAMPLE.includes(from), `the example has ${from}`);
  return problems(EXAMPLE.replace(from, to));
};
const has = (ps: string[], re: RegExp) =>
  assert.ok(
    ps.some((p) => re.test(p) && /entry\.yaml:\d+:\d+ /.test(p)),
    `expected a located ${re}, got\n${ps.join('\n')}`,
  );

describe('ledger new', () => {
  test('the CLI writes the documented skeleton; validate names every FILL at its line', async () => {
    const r = await leverage(['ledger', 'new', '--kind', 'tariff', '--id', 'us-china-pharma']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, ledgerSkeleton('tariff', { id: 'us-china-pharma' }));
    const ps = problems(r.stdout);
    for (const path of ['announced', 'rates[0].from', 'rates[0].rate_pct', 'status[0].date', 'sources[0]'])
      has(ps, new RegExp(`measures\\[0\\]\\.${path.replace(/[[\]]/g, '\\$&')}: .*"FILL"`));
  });

  test('each kind has a skeleton that extends the built-in ledger and does not pass as it is', () => {
    for (const k of ['tariff', 'control', 'agreement'] as const) {
      const text = ledgerSkeleton(k);
      assert.match(text, /^extends: us-china$/m);
      assert.ok(problems(text).length > 0, k);
    }
  });
});

describe('validate: the documented example and the bad-input rules', () => {
  test('the example of docs/ledger-workflow.md is valid and replaces one measure of us-china', () => {
    assert.deepEqual(problems(EXAMPLE), []);
  });

  test('sources required', () => has(edit(/ {2}sources:\n( {2}- .*\n)+/.exec(EXAMPLE)![0], ''), /sources/));
  test('rates in range', () => has(edit('rate_pct: 100', 'rate_pct: 5000'), /rates\[0\]\.rate_pct/));
  test('product lists resolve', () =>
    has(edit('lists: [s232-pharma]', 'lists: [s301-list9]'), /unknown product list "s301-list9"/));
  test('dates ordered', () =>
    has(
      edit("- date: '2026-07-31'\n    status: in_force", "- date: '2026-03-01'\n    status: in_force"),
      /run forward in time|before its entry/,
    ));
  test('a status change before its entry', () =>
    has(
      edit("- date: '2026-04-02'\n    status: announced", "- date: '2026-03-01'\n    status: announced"),
      /status\[0\]\.announced: status change announced 2026-03-01, before its entry was \(2026-04-02\)/,
    ));
  test('announced after effective without a retroactive flag; with the flag it passes', () => {
    // a notice published 2026-08-05 for a duty applying from 2026-07-31
    const late = EXAMPLE.replace(
      "announced: '2026-04-02'",
      "announced: '2026-08-05'\n  effective: '2026-07-31'",
    )
      .replace("- from: '2026-07-31'", "- from: '2026-07-31'\n    announced: '2026-08-05'")
      .replace("  - date: '2026-04-02'\n    status: announced\n", '')
      .replace(
        "- date: '2026-07-31'\n    status: in_force",
        "- date: '2026-07-31'\n    announced: '2026-08-05'\n    status: in_force",
      );
    has(
      problems(late),
      /the measure is announced \(2026-08-05\) after it takes effect \(2026-07-31\) without `retroactive: true`/,
    );
    assert.deepEqual(problems(late.replace('  kind: tariff', '  kind: tariff\n  retroactive: true')), []);
  });
});

describe('ledger diff us-china pharma.yaml', () => {
  test('lists the changed measure; the US-on-China average rises from 2026-07-31, China-on-US does not move', () => {
    const dir = writeFiles({ 'pharma.yaml': EXAMPLE });
    const a = loadScenarioSync('us-china');
    const b = loadScenarioSync(join(dir, 'pharma.yaml'));
    const r = ledgerDiffReport(a, b, loadShippedTradeData(), { from: '2026-01-01' }, queryField);
    // the built-in scenario carries the measure (3% of the listed trade pays); the example charges all of it
    assert.deepEqual(r.entries.added, []);
    assert.deepEqual(
      r.entries.changed.map((e) => e.id),
      ['us-s232-pharma-2026-07'],
    );
    assert.deepEqual(r.entries.removed, []);
    const us = r.averages.find((x) => x.key === 'us_on_cn')!;
    assert.equal(us.changes.length, 1);
    assert.equal(us.changes[0].from, '2026-07-31');
    assert.equal(us.changes[0].to, a.as_of);
    assert.ok(us.changes[0].change_pp > 0);
    assert.deepEqual(r.averages.find((x) => x.key === 'cn_on_us')!.changes, []);
  });
});
