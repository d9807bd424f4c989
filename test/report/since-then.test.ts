// "Since then" (npm start): today's averages and layers against 2025-06-11, from the ledger.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { loadScenarioSync, loadShippedTradeData } from '../../src/io/index.ts';
import { queryField, sinceThenReport } from '../../src/report/index.ts';

const scn = loadScenarioSync('us-china');
const r = sinceThenReport(scn, loadShippedTradeData(), queryField);
const us = r.directions.find((d) => d.key === 'us_on_cn')!;
const cn = r.directions.find((d) => d.key === 'cn_on_us')!;
const near = (got: number, want: number, tol: number, what: string) =>
  assert.ok(Math.abs(got - want) <= tol, `${what}: got ${got}, want ${want} ± ${tol}`);

describe('since then: 2025-06-11 to as_of', () => {
  test('runs from London to the scenario as_of, both directions', () => {
    assert.equal(r.then, '2025-06-11');
    assert.equal(r.now, scn.as_of);
    assert.equal(r.as_of, scn.as_of);
    assert.deepEqual(
      r.directions.map((d) => [d.importer, d.exporter]),
      [
        ['US', 'CN'],
        ['CN', 'US'],
      ],
    );
  });

  test('the layers add up to the average on both dates (invariant), and the change is their sum', () => {
    for (const d of [us, cn]) {
      near(
        d.layers.reduce((s, l) => s + l.then_pp, 0),
        d.then_pct,
        0.05,
        `${d.key} layers then`,
      );
      near(
        d.layers.reduce((s, l) => s + l.now_pp, 0),
        d.now_pct,
        0.05,
        `${d.key} layers now`,
      );
      near(
        d.moves.reduce((s, m) => s + m.change_pp, 0),
        d.change_pp,
        0.05,
        `${d.key} moves sum`,
      );
    }
  });

  test('IEEPA is gone today; fentanyl was 20 pp of the US average in June (a flat 20% on every line)', () => {
    const fent = us.layers.find((l) => l.authority === 'IEEPA fentanyl')!;
    assert.equal(fent.then_pp, 20);
    assert.equal(fent.now_pp, 0);
    assert.ok(!us.layers.some((l) => l.authority.startsWith('IEEPA') && l.now_pp !== 0));
    assert.ok(us.layers.some((l) => l.authority === 'Section 301 forced labour' && l.now_pp > 0));
  });

  test('the ruling day (collection stops 2026-02-24): IEEPA out, Section 122 in, with the events that did it', () => {
    const m = us.moves.find((x) => x.date === '2026-02-24')!;
    assert.ok(m, 'a move on 2026-02-24');
    const by = Object.fromEntries(m.layers.map((l) => [l.authority, l.change_pp]));
    assert.equal(by['IEEPA fentanyl'], -10); // 10% on every line since Busan
    assert.ok(by['IEEPA reciprocal'] < 0);
    assert.ok(by['Section 122'] > 0);
    const ids = m.events.map((e) => e.id);
    assert.ok(ids.includes('us-ieepa-fentanyl') && ids.includes('us-s122-surcharge-2026-02'));
    assert.ok(
      m.events.some((e) => /Learning Resources/.test(e.event)),
      'the ruling is named',
    );
  });

  test("Section 122's lapse and the forced-labour 301 on 2026-07-24", () => {
    const m = us.moves.find((x) => x.date === '2026-07-24')!;
    const by = Object.fromEntries(m.layers.map((l) => [l.authority, l.change_pp]));
    assert.ok(by['Section 122'] < 0);
    assert.ok(by['Section 301 forced labour'] > 0);
    assert.ok(!us.layers.some((l) => l.authority === 'Section 122' && l.now_pp !== 0));
  });

  test('China on US: the March 2025 countermeasures end on 2025-11-10', () => {
    const m = cn.moves.find((x) => x.date === '2025-11-10')!;
    assert.ok(m.change_pp < 0);
    assert.ok(m.events.some((e) => e.id === 'cn-tariff-2025-03-10-10pct'));
  });
});
