// The held-out comparison with the trackers, run on every `npm test` (table and reasons in
// data/ledger/NOTES.md, "Tracker comparison"): the US-on-China average of the built-in scenario
// against the Yale Budget Lab's published 2026 figure (ledger fig-budget-lab-china-etr-2026, row
// blt_us_2026_07_01 of the shipped validation table) and the US-on-China changes since 2025-01-01
// against PIIE's (Bown) published 2025 levels. The China-on-US levels against PIIE are in
// test/trade/china-side.test.ts and test/report/averages.test.ts.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { loadScenarioSync, loadShippedTradeData, loadValidationTargets } from '../../src/io/index.ts';
import type { Scenario } from '../../src/model/index.ts';
import { averagesReport, queryField } from '../../src/report/index.ts';
import { usOnChinaAverages } from '../helpers.ts';

const scn = loadScenarioSync('us-china');
const targets = loadValidationTargets();
const r = averagesReport(
  scn,
  loadShippedTradeData(),
  targets,
  { from: '2026-07-01', to: '2026-07-01' },
  queryField,
);

describe('Budget Lab, 2026-07-01 (statutory, trade-weighted, MFN + 301 + 232 + Section 122)', () => {
  const blt = targets.find((t) => t.id === 'blt_us_2026_07_01');

  test('the shipped table carries the figure with its date and second-hand source', () => {
    assert.ok(blt, 'row blt_us_2026_07_01');
    assert.equal(Number(blt!.value), 23.7);
    assert.equal(blt!.as_of, '2026-07-01');
    assert.match(blt!.source, /second-hand/);
  });

  test('Leverage with MFN is above the June release by less than 2 pp (24.8 against 23.7; the May release: 22.2)', () => {
    // Leverage's MFN is the pre-war (2018) level and its weights are 2024 Census HTS10, as the tracker's
    const got = r.days[0].us_on_cn_with_mfn_pct;
    assert.ok(got > 23.7, `${got}`);
    assert.ok(got - 23.7 < 2, `${got}`);
  });
});

describe('US-on-China changes since 2025-01-01 against PIIE (Bown) at its 2025 dates', () => {
  const averages = usOnChinaAverages;
  // The other reading of Section 232 that PIIE's published steps suggest: derivatives and listed
  // auto parts taxed on their full value (no metal-content shares, no end-use reading of US note
  // 33(h)), so the whole line leaves the reciprocal layer. The built-in scenario follows the law's
  // metal-content rule; which one PIIE applies is not published, so its change should lie between.
  const fullValue232: Scenario = {
    ...scn,
    measures: scn.measures.map((m) => {
      if (m.kind !== 'tariff' || !m.value_share) return m;
      if (!m.value_share.list.startsWith('s232-content-') && m.id !== 'us-s232-auto-parts') return m;
      const { value_share: _drop, ...rest } = m;
      return rest;
    }),
  };
  const piie = (id: string) => Number(targets.find((t) => t.id === id)!.value);
  // PIIE's change since 2025-01-20 (no US layer changed between 2025-01-01 and 01-20) from the
  // shipped levels; October from fig-avg-tariff-2025-10 (57%, Washington Post via Newser).
  const CASES: { date: string; piie: number; leverage: number; other: number; bracketed: boolean }[] = [
    {
      date: '2025-04-11',
      piie: piie('piie_us_2025_04') - piie('piie_us_2025_0120'),
      leverage: 105.0,
      other: 100.62,
      bracketed: true,
    },
    {
      date: '2025-05-03',
      piie: piie('piie_us_2025_05_peak') - piie('piie_us_2025_0120'),
      leverage: 100.98,
      other: 96.25,
      bracketed: false,
    },
    {
      date: '2025-05-14',
      piie: piie('piie_us_2025_geneva') - piie('piie_us_2025_0120'),
      leverage: 28.33,
      other: 31.51,
      bracketed: true,
    },
    {
      date: '2025-10-15',
      piie: 57 - piie('piie_us_2025_0120'),
      leverage: 29.98,
      other: 37.04,
      bracketed: true,
    },
  ];
  const dates = ['2025-01-01', ...CASES.map((c) => c.date)];
  const [jan, ...lev] = averages(scn, dates);
  const [janFull, ...full] = averages(fullValue232, dates);

  test('Leverage at each PIIE date, both readings of Section 232 (pinned to 0.01 pp; NOTES.md table)', () => {
    CASES.forEach((c, i) => {
      assert.ok(Math.abs(lev[i] - jan - c.leverage) < 0.01, `${c.date}: ${lev[i] - jan}`);
      assert.ok(Math.abs(full[i] - janFull - c.other) < 0.01, `${c.date} full value: ${full[i] - janFull}`);
    });
  });

  test("PIIE's change lies between the two readings at 2025-04-11, 05-14 and 10-15; above both at the 05-03 peak", () => {
    CASES.forEach((c, i) => {
      const lo = Math.min(lev[i] - jan, full[i] - janFull);
      const hi = Math.max(lev[i] - jan, full[i] - janFull);
      const inside = c.piie >= lo && c.piie <= hi;
      assert.equal(
        inside,
        c.bracketed,
        `${c.date}: PIIE ${c.piie.toFixed(1)}, readings ${lo.toFixed(2)}..${hi.toFixed(2)}`,
      );
    });
    // the known gap: PIIE rises 2.4 at the auto-parts step (124.1 -> 126.5), Leverage falls 4.0
    // (listed parts leave the 125% reciprocal layer for the 25% of Section 232)
    assert.ok(lev[1] - lev[0] < -3.9 && lev[1] - lev[0] > -4.1, `${lev[1] - lev[0]}`);
  });
});

// Currency: every 2026 ledger entry that is a measure or an agreement is carried into the scenario
// (cited by some entry's ledger_ids), and every cited id is a ledger entry.
describe('the 2026 ledger is carried into the scenario', () => {
  const ROOT = fileURLToPath(new URL('../../data/ledger/', import.meta.url));
  const read = (f: string) => parse(readFileSync(join(ROOT, f), 'utf8')) as { id: string; kind: string }[];
  const files = [
    'us_china_2025.yaml',
    'us_china_2026.yaml',
    'us_china_2026_cn.yaml',
    'cn_retaliation_2018_2020.yaml',
    'us_s232_2018_2020.yaml',
  ];
  const ledger = new Map(files.flatMap((f) => read(f).map((e) => [e.id, e] as const)));
  const cited = new Set(
    [...scn.measures, ...scn.agreements, ...scn.claims].flatMap((e) => e.ledger_ids ?? []),
  );

  test('every cited ledger id exists', () => {
    for (const id of cited) assert.ok(ledger.has(id), id);
  });

  test('every 2026 tariff, export control, licensing and agreement entry is cited', () => {
    const carried = ['tariff', 'export_control', 'licensing', 'agreement'];
    const missing = [...read('us_china_2026.yaml'), ...read('us_china_2026_cn.yaml')]
      .filter((e) => carried.includes(e.kind) && !cited.has(e.id))
      .map((e) => e.id);
    assert.deepEqual(missing, []);
  });
});
