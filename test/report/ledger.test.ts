import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadScenarioSync } from '../../src/io/index.ts';
import { LeverageError } from '../../src/errors/index.ts';
import { ledgerReport, queryField } from '../../src/report/index.ts';
import { cliField } from '../../src/cli/args.ts';
import { assertParity } from './parity.ts';

const scn = loadScenarioSync('us-china');

describe('ledger on a date (report)', () => {
  test('a date past as_of: one warnings list, labelled as the edge calls the field', () => {
    const past = ledgerReport(scn, { date: '2026-10-01' }, cliField({ date: '--at' }));
    assert.equal(past.warnings.length, 1);
    assert.match(past.warnings[0], /^--at: 2026-10-01 is after the scenario's as-of date 2026-08-07/);
    assert.ok(!('warning' in past));
    assert.deepEqual(ledgerReport(scn, { date: '2025-06-11' }, queryField).warnings, []);
  });

  test('11 June 2025: handbags 55% = Section 301 25 + IEEPA fentanyl 20 + IEEPA reciprocal 10', () => {
    const r = ledgerReport(scn, { date: '2025-06-11' }, queryField);
    const hb = r.stacks.find((s) => s.product === '420221')!;
    assert.equal(hb.total_pct, 55);
    assert.equal(
      hb.layers.reduce((s, l) => s + l.rate_pct, 0),
      hb.total_pct,
      'the total is the sum of the layers',
    );
    assert.deepEqual(Object.fromEntries(hb.layers.map((l) => [l.authority, l.rate_pct])), {
      'Section 301': 25,
      'IEEPA fentanyl': 20,
      'IEEPA reciprocal': 10,
    });
    // default view: the tracked products, no per-line detail, no single total
    assert.equal(r.detail.length, 0);
    assert.equal(r.total_pct, null);
  });

  test('one product, one direction: total_pct and layers are set at the top (same in CLI and API)', () => {
    const r = ledgerReport(
      scn,
      { date: '2025-06-11', importer: 'US', exporter: 'CN', product: '4202.21' },
      queryField,
    );
    assert.equal(r.product, '420221');
    assert.equal(r.total_pct, 55);
    assert.equal(r.stacks.length, 1);
    assert.equal(r.stacks[0].total_pct, r.total_pct);
  });

  test('a product without a direction shows both directions', () => {
    const r = ledgerReport(scn, { date: '2025-06-11', product: '4202.21' }, queryField);
    assert.deepEqual(
      r.stacks.map((s) => `${s.importer}<-${s.exporter}`),
      ['US<-CN', 'CN<-US'],
    );
    assert.equal(r.total_pct, null, 'two stacks: no single total');
  });

  test('bad queries are located at the field, in each edge’s own words', () => {
    const cases: [object, RegExp][] = [
      [{ importer: 'XX' }, /^(--importer|query\.importer): unknown actor "XX" \(scenario actors: US, CN/],
      [{ group: 'nope' }, /^(--group|query\.group): unknown product group "nope"/],
      [{ product: '42x' }, /^(--product|query\.product): expected an HS code of 2-10 digits/],
    ];
    for (const [q, re] of cases)
      for (const label of [queryField, cliField({ date: '--at' })])
        assert.throws(
          () => ledgerReport(scn, { date: '2025-06-11', ...q }, label),
          (e: unknown) =>
            e instanceof LeverageError && e.kind === 'input' && re.test(e.message) && !!e.location?.path,
        );
  });

  test('parity: `leverage ledger --json` deep-equals GET /ledger (default view and one product)', async () => {
    await assertParity(['ledger', '--at', '2025-06-11'], '/api/scenarios/us-china/ledger?date=2025-06-11');
    const doc = (await assertParity(
      ['ledger', '--at', '2025-06-11', '--importer', 'US', '--exporter', 'CN', '--product', '4202.21'],
      '/api/scenarios/us-china/ledger?date=2025-06-11&importer=US&exporter=CN&product=4202.21',
    )) as { total_pct: number };
    assert.equal(doc.total_pct, 55);
  });
});
