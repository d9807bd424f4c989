// Who paid: duties by authority and month at static flows, and the IEEPA share the ruling makes
// refundable (`leverage ledger who-paid`, GET /who-paid).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { loadScenarioSync, loadShippedTradeData } from '../../src/io/index.ts';
import { queryField, whoPaidReport, PUBLISHED_IEEPA_REFUNDS } from '../../src/report/index.ts';

const scn = loadScenarioSync('us-china');
const r = whoPaidReport(scn, loadShippedTradeData(), { from: '2025-01-01' }, queryField);
const us = r.directions.find((d) => d.key === 'us_on_cn')!;
const month = (m: string) => us.months.find((x) => x.month === m)!;
const layer = (m: string, a: string) => month(m).by_authority.find((x) => x.authority === a)?.duties_usd ?? 0;
const near = (got: number, want: number, tol: number, what: string) =>
  assert.ok(Math.abs(got - want) <= tol, `${what}: got ${got}, want ${want} ± ${tol}`);

describe('who paid, US on goods from China, 2024 flows', () => {
  test('states the flow year and that it is a static-flow estimate (an assumption)', () => {
    assert.equal(us.flow_year, 2024);
    assert.match(r.assumption, /static-flow estimate \(an assumption\)/);
    assert.match(r.assumption, /1\/366/); // 2024 is a leap year
  });

  test('hand-derived: IEEPA fentanyl in February and March 2025', () => {
    // 10% on every line from 2025-02-04: 25 days of February at 1/366 of the year's flow a day
    const base = us.flow_usd_per_year;
    near(layer('2025-02', 'IEEPA fentanyl'), (0.1 * base * 25) / 366, 2, 'February');
    // 3 days at 10% then 28 days at 20% (from 2025-03-04)
    near(layer('2025-03', 'IEEPA fentanyl'), (base * (3 * 0.1 + 28 * 0.2)) / 366, 2, 'March');
    assert.equal(layer('2025-01', 'IEEPA fentanyl'), 0);
    assert.equal(month('2025-02').days, 28);
  });

  test('months add up to the authority totals and the direction total (invariant)', () => {
    const sum = us.months.reduce((s, m) => s + m.duties_usd, 0);
    near(sum, us.total_usd, us.months.length, 'months vs total');
    const byA = us.by_authority.reduce((s, a) => s + a.duties_usd, 0);
    near(byA, us.total_usd, us.by_authority.length, 'authorities vs total');
  });

  test('no IEEPA duty is collected from 2026-02-24 (the ruling); the refundable sum is their total', () => {
    assert.equal(layer('2026-03', 'IEEPA fentanyl'), 0);
    assert.equal(layer('2026-03', 'IEEPA reciprocal'), 0);
    assert.ok(layer('2026-03', 'Section 122') > 0);
    const i = r.ieepa_refundable;
    assert.equal(i.from, '2025-02-04');
    assert.equal(i.to, '2026-02-23');
    const ieepa = us.by_authority
      .filter((a) => a.authority.startsWith('IEEPA'))
      .reduce((s, a) => s + a.duties_usd, 0);
    near(i.duties_usd, ieepa, 2, 'refundable = IEEPA total');
    near(i.share_of_us_duties, i.duties_usd / us.total_usd, 1e-4, 'share');
  });

  test('the published refund figures are carried beside, with their sources', () => {
    assert.deepEqual(r.published_refunds, [...PUBLISHED_IEEPA_REFUNDS]);
    for (const p of r.published_refunds) {
      assert.ok(p.sources.length > 0 && p.sources.every((s) => /^https:\/\//.test(s)));
      assert.equal(p.ledger_entry, 'us-ieepa-refunds-2026');
    }
  });

  test('China on US goods: no duty before its first layer (2018-04-02)', () => {
    const cn = whoPaidReport(
      scn,
      loadShippedTradeData(),
      { from: '2018-01-01', to: '2018-06-30' },
      queryField,
    ).directions.find((d) => d.key === 'cn_on_us')!;
    assert.equal(cn.months.find((m) => m.month === '2018-03')!.duties_usd, 0);
    assert.ok(cn.months.find((m) => m.month === '2018-04')!.duties_usd > 0);
  });
});
