// The US-on-China average of the built-in scenario against the Yale Budget Lab's published 2026 figure
// (ledger fig-budget-lab-china-etr-2026, row blt_us_2026_07_01 of the shipped validation table).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { loadScenarioSync, loadShippedTradeData, loadValidationTargets } from '../../src/io/index.ts';
import { averagesReport, queryField } from '../../src/report/index.ts';

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

  test('Leverage with MFN is above the June release by less than 2 pp (24.9 against 23.7; the May release: 22.2)', () => {
    // Leverage's MFN is the pre-war (2018) level and its weights are 2024 Census HTS10, as the tracker's
    const got = r.days[0].us_on_cn_with_mfn_pct;
    assert.ok(got > 23.7, `${got}`);
    assert.ok(got - 23.7 < 2, `${got}`);
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
