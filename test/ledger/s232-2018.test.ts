// The first-term Section 232 duties on Chinese goods (data/ledger/us_s232_2018_2020.yaml): steel 25%
// and aluminium 10% from 2018-03-23 (Proclamations 9705, 9704), the derivatives from 2020-02-08
// (Proclamation 9980), replaced on 2025-03-12 by the 2025 proclamation. The scope is written here
// by hand in the proclamations' own form (HTS6 ranges, headings, subheadings), independently of the
// prefix lists in the scenario, and the 2025-03-12 step is checked line by line against the law:
// steel articles stay at 25%, aluminium articles go from 10% to 25%.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { loadScenarioSync, loadUsImportsFromChina2024 } from '../../src/io/index.ts';
import { compileTariffSchedule, tariffStack } from '../../src/ledger/index.ts';
import { usOnChinaAverages } from '../helpers.ts';

const scn = loadScenarioSync('us-china');
const imp = loadUsImportsFromChina2024();
const total = imp.imports_usd.reduce((a, b) => a + b, 0);
const sched = compileTariffSchedule(scn, { importer: 'US', exporter: 'CN', lines: imp.hs10 });
const A = sched.authorities.length;
const K232 = sched.authorities.indexOf('Section 232');

// Proclamation 9705 clause 1: "7206.10 through 7216.50, 7216.99 through 7301.10, 7302.10, 7302.40
// through 7302.90, and 7304.10 through 7306.90" (HTS6).
const STEEL_RANGES: [string, string][] = [
  ['720610', '721650'],
  ['721699', '730110'],
  ['730210', '730210'],
  ['730240', '730290'],
  ['730410', '730690'],
];
const isSteel = (c: string) => STEEL_RANGES.some(([lo, hi]) => c.slice(0, 6) >= lo && c.slice(0, 6) <= hi);
// Proclamation 9704 clause 1: headings 7601, 7604-7609; castings and forgings 7616.99.51.60/.70.
const isAlu = (c: string) =>
  ['7601', '7604', '7605', '7606', '7607', '7608', '7609'].includes(c.slice(0, 4)) ||
  ['7616995160', '7616995170'].includes(c);
// Proclamation 9980: steel nails (7317.00.30/.55/.65) and steel stampings (8708.10.30, 8708.29.21 of
// steel); aluminium stranded wire (7614.10.50, 7614.90.20/.40/.50) and aluminium stampings.
const isSteelDerivative = (c: string) =>
  ['73170030', '73170055', '73170065'].includes(c.slice(0, 8)) || ['8708103020', '8708292120'].includes(c);
const isAluDerivative = (c: string) =>
  ['76141050', '76149020', '76149040', '76149050'].includes(c.slice(0, 8)) ||
  ['8708103030', '8708292130'].includes(c);

/** The Section 232 rate the proclamations put on a line on a date before 2025-03-12. */
function byHand(c: string, d: string): number {
  if (d < '2018-03-23') return 0;
  if (isSteel(c)) return 25;
  if (isAlu(c)) return 10;
  if (d < '2020-02-08') return 0;
  if (isSteelDerivative(c)) return 25;
  if (isAluDerivative(c)) return 10;
  return 0;
}
const rate232 = (d: string) => {
  const t = sched.ratesAt(d).byAuthority;
  return imp.hs10.map((_, i) => t[i * A + K232]);
};

describe('Section 232 on China before 2025-03-12 (Proclamations 9704, 9705, 9980)', () => {
  test('every line pays the rate the proclamations give, and nothing else pays Section 232', () => {
    for (const d of ['2018-03-22', '2018-03-23', '2020-02-07', '2020-02-08', '2024-06-01', '2025-03-11']) {
      const r = rate232(d);
      imp.hs10.forEach((c, i) => assert.equal(r[i], byHand(c, d), `${c} on ${d}`));
    }
  });

  test('the 2018 steel layer is in the stack of hot-rolled steel 7208.10.15.00 on 2024-06-01', () => {
    const s = tariffStack(scn, {
      importer: 'US',
      exporter: 'CN',
      product: '7208.10.15.00',
      date: '2024-06-01',
    });
    const l = s.layers.find((x) => x.authority === 'Section 232');
    assert.equal(l?.measure_id, 'us-s232-steel-2018');
    assert.equal(l?.rate_pct, 25);
    assert.equal(l?.since, '2018-03-23');
    assert.ok(
      l?.sources.some((u) => u.includes('2018-05478')),
      'Proclamation 9705 in the Federal Register',
    );
  });

  test('the 2018 layers weigh 0.077 pp on 2025-01-01, on 0.42% of 2024 imports from China', () => {
    const r = rate232('2025-01-01');
    let x = 0;
    let cov = 0;
    imp.hs10.forEach((_, i) => {
      x += r[i] * imp.imports_usd[i];
      if (r[i] > 0) cov += imp.imports_usd[i];
    });
    assert.ok(Math.abs(x / total - 0.077) < 0.0005, `${x / total}`);
    assert.ok(Math.abs((100 * cov) / total - 0.42) < 0.005, `${(100 * cov) / total}`);
  });
});

describe('2025-03-12: the 2025 proclamation replaces the 2018 layers only as the law did', () => {
  const before = rate232('2025-03-11');
  const after = rate232('2025-03-12');

  test('steel articles and the steel nails stay at 25%; aluminium articles and stranded wire go from 10% to 25%', () => {
    imp.hs10.forEach((c, i) => {
      if (isSteel(c) || (isSteelDerivative(c) && c.startsWith('73'))) assert.equal(after[i], 25, c);
      if (isAlu(c) || (isAluDerivative(c) && c.startsWith('76'))) assert.equal(after[i] - before[i], 15, c);
    });
  });

  test('the stack of 7208.10.15.00 changes measure but not rate; the 2018 layer reads as superseded', () => {
    const q = { importer: 'US', exporter: 'CN', product: '7208.10.15.00' };
    const s11 = tariffStack(scn, { ...q, date: '2025-03-11' });
    const s12 = tariffStack(scn, { ...q, date: '2025-03-12' });
    const of = (s: typeof s11) => s.layers.filter((l) => l.authority === 'Section 232');
    assert.deepEqual(
      of(s11).map((l) => [l.measure_id, l.rate_pct]),
      [['us-s232-steel-2018', 25]],
    );
    assert.deepEqual(
      of(s12).map((l) => [l.measure_id, l.rate_pct]),
      [['us-s232-steel-aluminium', 25]],
    );
    assert.equal(s12.total_pct, s11.total_pct);
    assert.ok(
      s12.removed.some(
        (r) => r.measure_id === 'us-s232-steel-2018' && /superseded since 2025-03-12/.test(r.reason),
      ),
    );
  });

  // The four 2020 stamping lines: the 2025 measure's derivative list (the Yale tracker's) puts 8708.10.30
  // and 8708.29.21 under aluminium on their BEA aluminium content from 03-12, a simplification of the
  // 2025 measure (the law moved derivatives to metal content on 2025-06-04); 0.0003% of 2024 imports.
  test('no line pays less Section 232 from 2025-03-12 but the four 2020 stamping lines', () => {
    const lower = imp.hs10.filter((_, i) => after[i] < before[i]);
    assert.deepEqual(lower, ['8708103020', '8708103030', '8708292120', '8708292130']);
  });

  test('the average rises by 0.870 pp that day (0.947 before the 2018 layers were in the ledger)', () => {
    const [b, a] = usOnChinaAverages(scn, ['2025-03-11', '2025-03-12']);
    assert.ok(Math.abs(a - b - 0.87) < 0.0005, `${a - b}`);
  });
});
