// Reproduce PIIE's 2018-2020 average US tariff on China from the shipped product-level data.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  loadUsImportsFromChina2024,
  loadUsTariffsOnChina2018_2020,
  loadUsChinaHs2Monthly,
  loadValidationTargets,
  loadHsNomenclature,
} from '../../src/io/index.ts';
import { reweightToHs2Totals, weightedAverageHs6, hsSection } from '../../src/trade/index.ts';

// Weights: PIIE weights by 2017 US imports from China. We take the 2024 HTS10 values and rescale them
// within each HS2 chapter to the 2017 Census HS2 totals (pre-war composition at chapter level), then map
// the HS2017 HS6 tariff series onto the HS2022 lines (exact HS6, else HS4 mean).
const imp = loadUsImportsFromChina2024();
const series = loadUsTariffsOnChina2018_2020();
const hs2 = loadUsChinaHs2Monthly();
const t2017 = new Map<string, number>();
for (let i = 0; i < hs2.month.length; i++)
  if (hs2.month[i].startsWith('2017-'))
    t2017.set(hs2.hs2[i], (t2017.get(hs2.hs2[i]) ?? 0) + hs2.imports_usd[i]);
const w = reweightToHs2Totals(imp.hs10, imp.imports_usd, t2017).weights_usd;
const targets = new Map(loadValidationTargets().map((t) => [t.id, Number(t.value)]));

function averageAt(column: string): { avg: number; matched: number } {
  const d = series.dates.indexOf(column);
  assert.ok(d >= 0, `no column ${column}`);
  const src = new Map<string, number>();
  series.hs6.forEach((h, i) => {
    if (Number.isFinite(series.rates_pct[d][i])) src.set(h, series.rates_pct[d][i]);
  });
  const r = weightedAverageHs6(src, imp.hs10, w, { allowHs4: true });
  return { avg: r.average_pct, matched: r.match.matched_share };
}

describe('US tariff on China 2018-2020 vs PIIE (within 1 pp)', () => {
  // PIIE date -> the series column in force on that date (the Waugh series steps on action dates).
  const cases: [string, string][] = [
    ['piie_us_2018h1', '2018-01-01'], // 2018-07-05: before the first 301 tranche -> MFN only
    ['piie_us_2018q3', '2018-09-24'],
    ['piie_us_2019_0614', '2018-09-24'], // PIIE counts the list-3 increase from 15 June 2019 (goods in transit)
    ['piie_us_2019_12', '2019-09-01'],
    ['piie_us_phase1', '2020-02-14'],
  ];
  for (const [id, col] of cases) {
    test(`${id} (${targets.get(id)}%) vs series at ${col}`, () => {
      const target = targets.get(id)!;
      const { avg, matched } = averageAt(col);
      assert.ok(matched > 0.95, `matched share ${matched}`);
      assert.ok(Math.abs(avg - target) <= 1, `${id}: reproduced ${avg.toFixed(2)}% vs PIIE ${target}%`);
    });
  }
  test('the increase over 2018-2020 is about 15.5 pp (PIIE: 3.8 -> 19.3)', () => {
    const inc = averageAt('2020-02-14').avg - averageAt('2018-01-01').avg;
    assert.ok(Math.abs(inc - (19.3 - 3.8)) <= 1, `${inc}`);
  });
});

test('chapter -> section map agrees with the HS2022 nomenclature file', () => {
  const nom = loadHsNomenclature();
  let checked = 0;
  for (const n of nom) {
    if (n.level !== 2) continue;
    if (n.hscode === '99') {
      // the file files chapter 99 (national use) under 'TOTAL'; we label 98-99 as national chapters
      assert.equal(hsSection('99'), 'national (ch. 98-99)');
      continue;
    }
    assert.equal(hsSection(n.hscode), n.section, `chapter ${n.hscode}`);
    checked++;
  }
  assert.ok(checked >= 96, `${checked}`);
});
