// The US side of the built-in scenario from 2018: the Section 301 lists step on their dates, and
// the scenario's Section 301 average is re-derived here from the list file alone (an independent check of the
// stack engine on the 2018-2020 history), then compared with PIIE's series.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { DATA_DIR, loadScenarioSync, loadUsImportsFromChina2024 } from '../../src/io/index.ts';
import { compileTariffSchedule } from '../../src/ledger/index.ts';

const scn = loadScenarioSync('us-china');
const imp = loadUsImportsFromChina2024();
const total = imp.imports_usd.reduce((a, b) => a + b, 0);
const sched = compileTariffSchedule(scn, { importer: 'US', exporter: 'CN', lines: imp.hs10 });
// The Section 301 layer alone: the 2018-2020 Section 232 layers are checked in s232-2018.test.ts.
const A = sched.authorities.length;
const K301 = sched.authorities.indexOf('Section 301');
const avg = (d: string) => {
  const t = sched.ratesAt(d).byAuthority;
  let x = 0;
  for (let i = 0; i < imp.hs10.length; i++) x += t[i * A + K301] * imp.imports_usd[i];
  return x / total;
};

// The 2018-2020 rate path of each Section 301 list, as the sources give it (USTR notices; PIIE chart).
const PATH: Record<string, [string, number][]> = {
  '1': [['2018-07-06', 25]],
  '2': [['2018-08-23', 25]],
  '3': [
    ['2018-09-24', 10],
    ['2019-05-10', 25],
  ],
  '3_addl': [
    ['2018-09-24', 10],
    ['2019-05-10', 25],
  ],
  '4A': [
    ['2019-09-01', 15],
    ['2020-02-14', 7.5],
  ],
};
const rows = parseCsv(readFileSync(join(DATA_DIR, 'lists', 'section301_china_product_lists_hts8.csv')), {
  columns: true,
}) as { hts8: string; s301_list: string }[];
const listsOf = new Map<string, string[]>();
for (const r of rows)
  if (PATH[r.s301_list]) listsOf.set(r.hts8, [...(listsOf.get(r.hts8) ?? []), r.s301_list]);

// The whole-line Section 301 exclusions of US note 20(vvv) (heading 9903.88.69) pay no list duty from
// 2024-06-15 (s301-exclusions.test.ts).
const excluded = new Set(
  (
    parseCsv(readFileSync(join(DATA_DIR, 'lists', 'section301_exclusions_2026_hts10.csv')), {
      columns: true,
    }) as { hts10: string; coverage: string }[]
  )
    .filter((r) => r.coverage === 'whole')
    .map((r) => r.hts10),
);

/** The average on a date from the list file alone: per line the highest of its lists' rates in force. */
function fromListFile(date: string): number {
  const inForce = (l: string) => PATH[l].filter(([from]) => from <= date).at(-1)?.[1] ?? 0;
  let x = 0;
  imp.hs10.forEach((c, i) => {
    if (date >= '2024-06-15' && excluded.has(c)) return;
    const r = Math.max(0, ...(listsOf.get(c.slice(0, 8)) ?? []).map(inForce));
    x += r * imp.imports_usd[i];
  });
  return x / total;
}

const dayBefore = (d: string) => new Date(Date.parse(d) - 86_400_000).toISOString().slice(0, 10);

describe('US Section 301 on China 2018-2020', () => {
  // the list steps of 2018-2020 and the start of the whole-line exclusions (heading 9903.88.69)
  const STEPS = [
    '2018-07-06',
    '2018-08-23',
    '2018-09-24',
    '2019-05-10',
    '2019-09-01',
    '2020-02-14',
    '2024-06-15',
  ];
  const DATES = ['2018-07-05', ...STEPS, '2024-06-14', '2024-09-26'].sort();
  test('the scenario average equals the list file re-derived by hand at each step date', () => {
    for (const d of DATES) {
      const a = avg(d);
      const b = fromListFile(d);
      assert.ok(Math.abs(a - b) < 1e-9, `${d}: scenario ${a} vs list file ${b}`);
    }
  });

  test('the average steps exactly on the list dates and the exclusions of 2024-06-15, nowhere else before the 2024 review', () => {
    assert.equal(avg('2018-01-01'), 0);
    // rates are constant between breakpoints (tested in stack.test.ts), so only breakpoints can step
    const changed = sched.breakpoints
      .filter((b) => b > '2018-01-01' && b < '2024-09-27')
      .filter((b) => avg(b) !== avg(dayBefore(b)));
    assert.deepEqual(changed, STEPS);
  });

  test('coverage of lists 1-3 and 4A at 2024 weights is 50.3% of imports (validation_targets s301_coverage_2024w)', () => {
    const t = sched.ratesAt('2020-02-14').byAuthority;
    let usd = 0;
    for (let i = 0; i < imp.hs10.length; i++) if (t[i * A + K301] > 0) usd += imp.imports_usd[i];
    assert.ok(Math.abs((100 * usd) / total - 50.3) < 0.1, `${(100 * usd) / total}`);
  });
});
