// london-2025 is us-china as known on 2025-06-11 (docs/vintages.md): what it keeps, what it drops,
// and how its stacks differ from the full ledger after that date.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { loadScenarioSync } from '../../src/io/index.ts';
import { productStacks, tariffStack } from '../../src/ledger/index.ts';

const london = loadScenarioSync('london-2025');
const full = loadScenarioSync('us-china');
const stack = (s: typeof london, product: string, date: string) =>
  tariffStack(s, { importer: 'US', exporter: 'CN', product, date });

describe('london-2025: the built-in ledger as known on 2025-06-11', () => {
  test('is a vintage view: as_of and as_known_on are 2025-06-11', () => {
    assert.equal(london.id, 'london-2025');
    assert.equal(london.as_of, '2025-06-11');
    assert.equal(london.as_known_on, '2025-06-11');
    assert.ok(full.as_of! > '2025-06-11');
  });

  test('keeps what was announced by then and drops what came later', () => {
    const ids = new Set(london.measures.map((m) => m.id));
    assert.ok(ids.has('us-ieepa-reciprocal-cn'));
    assert.ok(ids.has('us-s301-list3'));
    for (const later of ['us-s122-surcharge-2026-02', 'us-s301-forced-labor-2026-07', 'us-s232-copper'])
      assert.ok(!ids.has(later), `${later} was announced after 2025-06-11`);
    assert.deepEqual(london.agreements.map((a) => a.id).sort(), [
      'agr-geneva-2025-05',
      'agr-london-framework-2025-06',
    ]);
  });

  test("carries the seed's claims made by 11 June 2025; the 30 October one is us-china's", () => {
    assert.deepEqual(london.claims.map((c) => c.id).sort(), [
      'claim-trump-55',
      'claim-trump-china-10',
      'claim-trump-deal-done',
      'claim-wh-145',
      'claim-wh-245',
    ]);
    assert.ok(full.claims.some((c) => c.id === 'claim-trump-47'));
  });

  test('the same 55 on handbags on 2025-06-11 as the full ledger', () => {
    for (const s of [london, full]) {
      const p = productStacks(s, { importer: 'US', exporter: 'CN', product: '420221', date: '2025-06-11' });
      assert.equal(p.min_total_pct, 55);
      assert.equal(p.max_total_pct, 55);
    }
  });

  test('after London it knows only the scheduled changes: the Geneva suspension lapses on 2025-08-12', () => {
    // toys 9503.00 on 2025-11-15: the June view has fentanyl 20 + reciprocal 34 (the 24-point
    // suspension ran out on 2025-08-12, its extension came later) = 54; the full ledger has
    // fentanyl 10 (Busan) + reciprocal 10 = 20
    assert.equal(stack(london, '9503.00', '2025-11-15').total_pct, 54);
    assert.equal(stack(full, '9503.00', '2025-11-15').total_pct, 20);
  });
});
