// The Section 301 product exclusions extended to 2026-11-09 (headings 9903.88.69/.70, US notes
// 20(vvv) and 20(www); measure us-s301-exclusions-2024): what the list holds, that removing the
// Section 301 layer lifts only the 2018-19 list duty, their effect on the US-on-China average
// re-derived by hand from the list and trade files, and their announced ends as known on each date.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { DATA_DIR, loadScenarioSync, loadUsImportsFromChina2024 } from '../../src/io/index.ts';
import { isActiveOn, scheduledChanges, tariffStack } from '../../src/ledger/index.ts';
import type { Scenario } from '../../src/model/index.ts';
import { usOnChinaAverages } from '../helpers.ts';

const ID = 'us-s301-exclusions-2024';
const scn = loadScenarioSync('us-china');
const imp = loadUsImportsFromChina2024();
const total = imp.imports_usd.reduce((a, b) => a + b, 0);
const rows = parseCsv(readFileSync(join(DATA_DIR, 'lists', 'section301_exclusions_2026_hts10.csv')), {
  columns: true,
}) as { hts10: string; note: string; item: string; s301_list: string; coverage: string }[];
const whole = rows.filter((r) => r.coverage === 'whole');

const averages = usOnChinaAverages;
const without: Scenario = { ...scn, measures: scn.measures.filter((m) => m.id !== ID) };

describe('Section 301 exclusions to 2026-11-09', () => {
  test('the list: 178 exclusions by subdivision (164 + 14, as USTR counts them), 26 naming a whole line', () => {
    const items = (note: string) => new Set(rows.filter((r) => r.note === note).map((r) => r.item)).size;
    assert.deepEqual(
      ['20(vvv)(i)', '20(vvv)(ii)', '20(vvv)(iii)', '20(vvv)(iv)', '20(www)'].map(items),
      [47, 22, 70, 25, 14],
    );
    assert.equal(whole.length, 26);
    // a whole-line exclusion names one line; all 14 solar-equipment exclusions are descriptions
    assert.equal(new Set(whole.map((r) => r.hts10)).size, 26);
    assert.ok(!whole.some((r) => r.note === '20(www)'));
    assert.deepEqual(
      [...scn.products.lists['s301-exclusions-whole'].codes].sort(),
      whole.map((r) => r.hts10).sort(),
    );
  });

  test('no whole-line exclusion is on a Section 301 list other than the 2018-19 lists, so removing the layer lifts only that duty', () => {
    const s = tariffStack;
    for (const r of whole) {
      const before = s(scn, { importer: 'US', exporter: 'CN', product: r.hts10, date: '2024-06-14' });
      const ids = before.layers.filter((l) => l.authority === 'Section 301').map((l) => l.measure_id);
      // the line pays exactly one Section 301 list duty before the exclusion, a 2018-19 list
      assert.equal(ids.length, 1, `${r.hts10}: ${ids.join(',')}`);
      assert.match(ids[0], /^us-s301-list(1|2|3|4a)$/, r.hts10);
      for (const d of ['2025-11-15', '2026-08-03']) {
        const st = s(scn, { importer: 'US', exporter: 'CN', product: r.hts10, date: d });
        assert.ok(!st.layers.some((l) => l.authority === 'Section 301'), `${r.hts10} ${d}`);
        assert.ok(
          st.removed.some((l) => l.authority === 'Section 301' && l.reason.startsWith(`exempt under ${ID}`)),
        );
      }
    }
  });

  test('effect on the average, by hand: minus each whole line’s list rate x its trade share from 2024-06-15 to 2026-11-09', () => {
    const rate: Record<string, number> = { '1': 25, '2': 25, '3': 25, '4A': 7.5 };
    const at = new Map(imp.hs10.map((c, i) => [c, imp.imports_usd[i]]));
    const byHand = -whole.reduce((x, r) => x + rate[r.s301_list] * at.get(r.hts10)!, 0) / total;
    assert.ok(Math.abs(byHand - -0.0922) < 5e-5, `${byHand}`);
    const dates = [
      '2024-06-14',
      '2024-06-15',
      '2025-04-10',
      '2025-11-15',
      '2026-08-03',
      '2026-11-09',
      '2026-11-10',
    ];
    const a = averages(scn, dates);
    const b = averages(without, dates);
    const diff = a.map((x, i) => x - b[i]);
    const want = [0, byHand, byHand, byHand, byHand, byHand, 0];
    diff.forEach((d, i) => assert.ok(Math.abs(d - want[i]) < 1e-9, `${dates[i]}: ${d} vs ${want[i]}`));
    // the levels at the named dates either side of the scheduled end (2026-11-10 also brings back
    // the maritime 301 duty on cranes and chassis, +0.12)
    assert.ok(Math.abs(a[5] - 22.1517) < 5e-5, `${a[5]}`);
    assert.ok(Math.abs(a[6] - 22.3617) < 5e-5, `${a[6]}`);
  });

  test('the end is named as scheduled past as_of', () => {
    const c = scheduledChanges(scn, '2026-11-10').find((x) => x.measure_id === ID);
    assert.deepEqual(c, { date: '2026-11-10', measure_id: ID, change: 'in force -> not in force (expired)' });
  });

  test('as known on each date, the exclusions end on the expiry announced by then', () => {
    const cases: [string, string][] = [
      ['2024-06-01', '2025-06-01'], // 89 FR 46948 (2024-05-30): through 2025-05-31
      ['2025-06-15', '2025-09-01'], // notice of 2025-05-31: through 2025-08-31
      ['2025-10-01', '2025-11-30'], // notice of 2025-08-28: through 2025-11-29
      ['2025-11-02', '2026-11-10'], // Busan fact sheet of 2025-11-01: to 2026-11-10
    ];
    for (const [known, end] of cases) {
      const v = loadScenarioSync('us-china', { asKnownOn: known });
      const m = v.measures.find((x) => x.id === ID)!;
      const dayBefore = new Date(Date.parse(end) - 86_400_000).toISOString().slice(0, 10);
      assert.equal(isActiveOn(m, dayBefore), true, `${known}: in force ${dayBefore}`);
      assert.equal(isActiveOn(m, end), false, `${known}: ended ${end}`);
    }
    assert.equal(
      loadScenarioSync('us-china', { asKnownOn: '2024-05-01' }).measures.some((x) => x.id === ID),
      false,
    );
  });
});
