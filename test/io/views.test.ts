// The scenario's `views` block (docs/scenario.md#views): merged over extends, kept by vintage
// views, read by the report layer, and every bad value a located error.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadScenarioSync, ScenarioError } from '../../src/io/index.ts';
import { ledgerReport, queryField } from '../../src/report/index.ts';
import { writeFiles } from '../helpers.ts';

/** A file extending us-china with `body` appended, loaded; or its first located issue. */
function child(body: string) {
  const file = join(writeFiles({ 'child.yaml': `id: child\nextends: us-china\n${body}` }), 'child.yaml');
  return { file, load: () => loadScenarioSync(file) };
}

function firstIssue(body: string): string {
  const { file, load } = child(body);
  try {
    load();
  } catch (err) {
    assert.ok(err instanceof ScenarioError, String(err));
    const i = err.issues[0];
    assert.equal(i.file, file, 'the issue names the child file');
    return `${i.line}:${i.col} ${i.path}: ${i.message}`;
  }
  assert.fail('loaded without error');
}

describe('the views block', () => {
  test('built in: us-china sets it, london-2025 (extends, as known on 2025-06-11) and an earlier vintage keep it', () => {
    const v = loadScenarioSync('us-china').views;
    assert.equal(v.date, '2025-06-11');
    assert.equal(v.control, 'cn-ec-ree-2025-04-04');
    assert.deepEqual(v.peak_window, { from: '2025-04-01', to: '2025-05-13' });
    assert.deepEqual(v.actor_regions, { US: 'USA', CN: 'CHN' });
    assert.equal(v.tracked_products?.length, 6);
    assert.equal(v.key_date_products?.length, 6);
    assert.deepEqual(loadScenarioSync('london-2025').views, v);
    // not a dated fact: the view as known before the control was announced still names it
    assert.deepEqual(loadScenarioSync('us-china', { asKnownOn: '2025-03-01' }).views, v);
  });

  test('an extending file replaces each key it sets whole and inherits the others', () => {
    const s = child(`views:
  tracked_products:
  - { label: Toys, product: '9503', importer: US, exporter: CN }
`).load();
    assert.deepEqual(s.views.tracked_products, [
      { label: 'Toys', product: '9503', importer: 'US', exporter: 'CN' },
    ]);
    assert.equal(s.views.date, '2025-06-11');
    // the ledger overview follows the scenario's list, not a list in code
    const r = ledgerReport(s, { date: '2025-06-11' }, queryField);
    assert.deepEqual(
      r.stacks.map((x) => x.label),
      ['Toys'],
    );
  });

  test('bad values are errors naming the file, line and path', () => {
    assert.equal(
      firstIssue(`views:
  tracked_products:
  - { label: X, product: '4202.21', importer: VN, exporter: CN }
`),
      '5:47 views.tracked_products[0].importer: unknown actor "VN" (actors: US, CN, US-president, CN-president)',
    );
    assert.match(
      firstIssue(`views:
  key_date_products:
  - { label: X, product: '0101.99', importer: US, exporter: CN }
`),
      /^5:26 views\.key_date_products\[0\]\.product: unknown product "0101\.99": no line of US's universe starts with it$/,
    );
    assert.match(
      firstIssue(`views:
  actor_regions: { US: USA, CN: XXX }
`),
      /^4:33 views\.actor_regions\.CN: unknown region "XXX": not a region of the IO table/,
    );
    assert.match(
      firstIssue(`views:
  actor_regions: { US: usa }
`),
      /^4:24 views\.actor_regions\.US: expected an ISO3 region code \(e\.g\. USA\), got "usa"/,
    );
    assert.match(
      firstIssue(`views:
  control: nope
`),
      /^4:12 views\.control: unknown measure "nope"/,
    );
    assert.match(
      firstIssue(`views:
  control: us-ieepa-reciprocal-cn
`),
      /views\.control: "us-ieepa-reciprocal-cn" is a tariff, not an export_control/,
    );
    assert.match(
      firstIssue(`views:
  peak_window: { from: '2025-05-13', to: '2025-04-01' }
`),
      /views\.peak_window\.to: the window ends \(2025-04-01\) before it starts \(2025-05-13\)/,
    );
  });
});
