// China's tariff on US goods: the 2018-2019 retaliation layers (derived from the HS6 series of
// China's total tariff, data/trade/china_tariffs_on_us_hs6_2018_2020.csv) under the 2025 layers,
// checked line by line against the series, against sourced product rates, and in the average
// against PIIE's published levels.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DATA_DIR,
  REPO_ROOT,
  loadScenarioSync,
  loadShippedTradeData,
  loadValidationTargets,
} from '../../src/io/index.ts';
import { compileTariffSchedule, tariffStack } from '../../src/ledger/index.ts';
import { baseWeightsFor, keyDateRates } from '../../src/trade/index.ts';
import {
  deriveChinaRetaliation2018,
  parseWideSeries,
  toCsv,
  LIST_FILE,
  SERIES_FILE,
} from '../../scripts/derive-cn-retaliation-2018.ts';

const scn = loadScenarioSync('us-china');
const seriesText = readFileSync(join(REPO_ROOT, SERIES_FILE), 'utf8');
const series = parseWideSeries(seriesText);
const { rows, dropped } = deriveChinaRetaliation2018(series);
const day = (d: string, k: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + k * 864e5).toISOString().slice(0, 10);
const additional = (product: string, date: string) =>
  tariffStack(scn, { importer: 'CN', exporter: 'US', product, date }).total_pct;

describe('China 2018-2019 lists: derived from the series', () => {
  test('the shipped list file is what the derivation gives from the shipped series', () => {
    assert.equal(readFileSync(join(REPO_ROOT, LIST_FILE), 'utf8'), toCsv(rows));
  });

  test('most rows are exact (the series increment equals the tier): at least 95%', () => {
    const exact = rows.filter((r) => r.assignment === 'exact').length;
    assert.ok(exact / rows.length >= 0.95, `${exact} of ${rows.length}`);
    // the suspended vehicles: 27 HS6 at 25 and 8 at 5 (falls on 2019-01-02 in chapter 87)
    assert.equal(rows.filter((r) => r.group === '301-1-autos' || r.group === '301-2-autos').length, 27);
    assert.equal(rows.filter((r) => r.group === '301-3-autos').length, 8);
  });

  // Every action date of the series: the stack's step across it equals the series' step on every
  // HS6 whose rows are all exact (the MFN dates 2018-05-01, 07-01, 11-01 are not layers; on
  // 2019-01-02 only the chapter-87 suspension is a layer change).
  const ACTION = [
    '2018-04-02',
    '2018-07-06',
    '2018-08-23',
    '2018-09-24',
    '2019-01-02',
    '2019-06-01',
    '2019-09-01',
    '2019-12-26',
  ];
  test('line by line: the stack steps like the series at each action date (exact lines)', () => {
    // lines with a nearest-tier row, or a small increment left off a list, are not exact
    const notExact = new Set([...rows.filter((r) => r.assignment !== 'exact'), ...dropped].map((r) => r.hs6));
    assert.ok(
      notExact.size / series.hs6.length < 0.05,
      `${notExact.size} of ${series.hs6.length} HS6 not exact`,
    );
    const lines = series.hs6.filter((h) => !notExact.has(h));
    const sched = compileTariffSchedule(scn, { importer: 'CN', exporter: 'US', lines });
    const col = new Map(series.dates.map((d, i) => [d, i]));
    const rowOf = new Map(series.hs6.map((h, i) => [h, i]));
    let checked = 0;
    for (const d of ACTION) {
      // the 2019 suspension took effect on 1 January (the series column is dated 2 January)
      const eff = d === '2019-01-02' ? '2019-01-01' : d;
      const before = sched.ratesAt(day(eff, -1)).total;
      const after = sched.ratesAt(eff).total;
      const c = col.get(d)!;
      const mismatches: string[] = [];
      lines.forEach((h, i) => {
        const r = rowOf.get(h)!;
        const a = series.rates_pct[c][r];
        const b = series.rates_pct[c - 1][r];
        if (!Number.isFinite(a) || !Number.isFinite(b)) return;
        if (d === '2019-01-02' && !h.startsWith('87')) return;
        const want = Math.round((a - b) * 1e4) / 1e4;
        checked++;
        if (Math.abs(after[i] - before[i] - want) > 1e-9)
          mismatches.push(`${h}: stack ${after[i] - before[i]}, series ${want}`);
      });
      assert.deepEqual(mismatches.slice(0, 5), [], `${d}: ${mismatches.length} mismatches`);
    }
    assert.ok(checked > 30_000, `${checked} line-dates checked`);
  });
});

describe('China on US goods: sourced product rates', () => {
  test('soybeans (1201.90): additional 30 in Dec 2019, 27.5 from Phase One (14 Feb 2020)', () => {
    // aboissa.com.br: "US soy import tariff drops from 30% to 27.5%" (the additional rate)
    assert.equal(additional('1201.90', '2020-02-13'), 30);
    assert.equal(additional('1201.90', '2020-02-14'), 27.5);
  });

  test('pork (0203.29): additional 60 in late 2019 (25 Section 232 reply + 25 + 10)', () => {
    // Brownfield, Dec 2019: "U.S. pork had an import duty of 12% with an additional retaliatory tariff of 60%"
    assert.equal(additional('0203.29', '2019-12-01'), 60);
  });

  test('cars (8703.23): +25 from 6 July 2018, suspended from 1 January 2019', () => {
    assert.equal(additional('8703.23', '2018-07-05'), 0);
    assert.equal(additional('8703.23', '2018-07-06'), 25);
    assert.equal(additional('8703.23', '2018-12-31'), 25);
    assert.equal(additional('8703.23', '2019-01-01'), 0);
    // in 2025 the suspended layer stays off: only the 10% counter-tariff (24 of 34 suspended)
    assert.equal(additional('8703.23', '2025-06-11'), 10);
  });

  test('the second exclusion list removes the retaliation layers on polyethylene 26 Dec 2019 - 25 Dec 2020', () => {
    assert.equal(additional('3901.20', '2019-12-25'), 30);
    assert.equal(additional('3901.20', '2019-12-26'), 0);
    assert.equal(additional('3901.20', '2020-12-25'), 0);
    assert.equal(additional('3901.20', '2020-12-26'), 27.5);
  });
});

describe('China-on-US average (with pre-war MFN) vs PIIE', () => {
  const data = loadShippedTradeData();
  const base = baseWeightsFor('CN', 'US', data);
  const targets = new Map(loadValidationTargets().map((t) => [t.id, t]));
  const at = (dates: string[]) => keyDateRates(scn, base, data, dates, true).rows.map((r) => r.average_pct);

  test('the weights: 2024 US exports to China, USD 143.5 bn, residuals spread over HS6 lines', () => {
    let tot = 0;
    for (const v of base.weights_usd) tot += v;
    assert.ok(Math.abs(tot - 143.5e9) < 1e3, `${tot}`);
    assert.ok(base.notes.some((n) => n.includes('spread equally over China') && n.includes('HS6')));
    assert.ok(base.lines.filter((l) => l.length === 6).length > 3000);
  });

  test('within 3 pp of PIIE at its published 2025 dates (2025-01-20 derived 21.2; post-Geneva 32.6)', () => {
    const cases: [string, string][] = [
      ['piie_cn_2025_0120', '2025-01-20'],
      ['piie_cn_2025_geneva', '2025-05-14'],
    ];
    const got = at(cases.map((c) => c[1]));
    cases.forEach(([id, date], i) => {
      const want = Number(targets.get(id)!.value);
      assert.equal(targets.get(id)!.as_of, date);
      assert.ok(Math.abs(got[i] - want) <= 3, `${id} ${date}: Leverage ${got[i].toFixed(2)}, PIIE ${want}`);
    });
    // and the 2018-19 layers are what closes the gap: without them the post-Geneva level is ~19-20
    assert.ok(got[1] - got[0] > 10 && got[1] - got[0] < 14, `${got[1] - got[0]}`);
  });

  test('within 3 pp of PIIE at the 2018-2020 dates it gives for the first trade war', () => {
    const cases: [string, string][] = [
      ['piie_cn_2018h1', '2018-07-05'],
      ['piie_cn_2018q3', '2018-09-24'],
      ['piie_cn_2019_12', '2019-12-19'],
      ['piie_cn_phase1', '2020-02-14'],
    ];
    const got = at(cases.map((c) => c[1]));
    cases.forEach(([id, date], i) => {
      const want = Number(targets.get(id)!.value);
      assert.ok(Math.abs(got[i] - want) <= 3, `${id} ${date}: Leverage ${got[i].toFixed(2)}, PIIE ${want}`);
    });
  });
});

test('data/README.md documents the derived list file', () => {
  const readme = readFileSync(join(DATA_DIR, 'README.md'), 'utf8');
  assert.ok(readme.includes('china_retaliation_2018_2019_hs6.csv'));
});
