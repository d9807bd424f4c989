// Issue 12 "must show" / issue 17 item 1: every figure the CLI, the API (and so the dashboard,
// which renders the API's answers) show for 2025-06-11 on the built-in scenario is the same
// number. Each figure is read from the report functions (what the CLI prints with --json) and
// from the API answers the dashboard's panels ask for, and compared across the places it appears.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadShippedTradeData, loadUsImports2024ByPartner, loadScenarioSync } from '../../src/io/index.ts';
import {
  claimsReport,
  effectiveRates,
  groupStacks,
  keyDateReport,
  ledgerReport,
  queryField,
  tariffStackSeries,
} from '../../src/report/index.ts';
import { ledgerAverage, prepareScenario } from '../../src/simulate/index.ts';
import { apiJson } from './parity.ts';

const D = '2025-06-11';
const S = '/api/scenarios/us-china';
const scn = loadScenarioSync('us-china');
const trade = {
  ...loadShippedTradeData(),
  byPartner: loadUsImports2024ByPartner(),
};

describe(`every figure on ${D} is the same number everywhere`, () => {
  test('handbags stack: ledger (CLI ledger, overview) = groups (Tariffs panel) = stack series (Tariffs chart)', async () => {
    const fromLedger = ledgerReport(scn, { date: D }, queryField).stacks.find((s) => s.product === '420221')!;
    const fromGroups = groupStacks(scn, { date: D, importer: 'US', exporter: 'CN' }, queryField).groups.find(
      (g) => g.group === 'handbags',
    )!;
    const week = tariffStackSeries(
      scn,
      {
        importer: 'US',
        exporter: 'CN',
        group: 'handbags',
        from: D,
        to: D,
        step: 'week',
      },
      () => trade,
      queryField,
    ).points[0];
    assert.equal(fromLedger.total_pct, 55);
    assert.equal(fromGroups.total_pct, 55);
    assert.equal(week.total_pct, 55);
    const layers = Object.fromEntries(fromLedger.layers.map((l) => [l.authority, l.rate_pct]));
    assert.deepEqual(fromGroups.layers, layers);
    assert.deepEqual(week.layers, layers);
    // and the API answers are the report's objects
    const api = (await apiJson(`${S}/groups?date=${D}`)) as {
      groups: { group: string; total_pct: number }[];
    };
    assert.equal(api.groups.find((g) => g.group === 'handbags')!.total_pct, 55);
  });

  test('rare-earth flow share: ledger = exposure panel licensing = simulation week 0 (61.9%)', async () => {
    const ledger = ledgerReport(scn, { date: D }, queryField).export_controls.find(
      (c) => c.measure_id === 'cn-ec-ree-2025-04-04',
    )!;
    assert.equal(ledger.flow_share, 0.619);
    const exposure = (await apiJson(`${S}/exposure?from=${D}&weeks=1`)) as {
      licensing: { date: string; flow_share: number }[];
    };
    assert.equal(exposure.licensing[0].date, D);
    assert.equal(exposure.licensing[0].flow_share, ledger.flow_share);
    const story = (await apiJson(`${S}/story`)) as {
      weeks: { date: string; licence_flow_share: number }[];
    };
    assert.equal(story.weeks[0].date, D);
    assert.equal(story.weeks[0].licence_flow_share, ledger.flow_share);
  });

  test('trade-weighted average both ways: key dates (start, CLI) = daily series (/effective) = claims check = simulation start', async () => {
    const key = keyDateReport(scn, { trade }, { dates: [D] }, queryField);
    const prepared = await prepareScenario(scn);
    assert.equal(prepared.start, D);
    const claim = claimsReport(scn, trade).claims.find((c) => c.id === 'claim-trump-55')!;
    assert.equal(claim.date, D);
    for (const [k, [importer, exporter]] of [
      ['US', 'CN'],
      ['CN', 'US'],
    ].entries()) {
      const row = key.directions.find((x) => x.importer === importer)!.rows[0];
      const day = effectiveRates(
        scn,
        { trade },
        { importer, exporter, from: D, to: D, step: 'day' },
        queryField,
      ).points[0];
      const api = (await apiJson(
        `${S}/effective?importer=${importer}&exporter=${exporter}&step=day&from=${D}&to=${D}`,
      )) as { points: { average_pct: number }[] };
      assert.equal(day.average_pct, row.average_pct, `${importer}<-${exporter}: series vs key dates`);
      assert.equal(api.points[0].average_pct, row.average_pct, `${importer}<-${exporter}: API`);
      const sim = ledgerAverage(scn, prepared.directions[k], D);
      assert.ok(Math.abs(sim - row.average_pct) < 5e-4, `${importer}<-${exporter}: simulation start ${sim}`);
      if (importer === 'US') assert.equal(claim.found.average_pct, row.average_pct, 'claims check');
    }
    // 39.325 before the whole-line Section 301 exclusions (us-s301-exclusions-2024, -0.092)
    assert.equal(key.directions[0].rows[0].average_pct, 39.232);
  });
});
