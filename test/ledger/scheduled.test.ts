// One rule for the scheduled ends of the Busan suspensions past as_of (docs/ledger-workflow.md
// "Dates past as_of"): each applies on its date as scheduled, and every answer on a date past
// as_of says "scheduled, not verified after 2026-08-07", naming the changes it rests on.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { loadScenarioSync } from '../../src/io/index.ts';
import { exportControlState, scheduledChanges, tariffStack } from '../../src/ledger/index.ts';
import { ledgerReport, queryField } from '../../src/report/index.ts';

const scn = loadScenarioSync('us-china');
const FLAG = 'scheduled, not verified after 2026-08-07';

// Each suspended measure and the day its suspension is scheduled to end (sources: its status notes).
const CONTROLS: [string, string][] = [
  ['cn-ec-2025-10-09-ree-materials', '2026-11-10'],
  ['cn-ec-2025-10-09-extraterritorial', '2026-11-10'],
  ['cn-ec-2025-10-09-batteries-superhard', '2026-11-10'],
  ['us-bis-affiliates-rule', '2026-11-10'],
  ['cn-ec-2024-12-gallium-ban', '2026-11-27'],
];

describe('suspensions past as_of: applied as scheduled', () => {
  test('every suspended export control: not in force on 2026-11-09, in force on 2026-11-28', () => {
    for (const [id] of CONTROLS) {
      assert.equal(exportControlState(scn, id, '2026-11-09').in_force, false, id);
      assert.equal(exportControlState(scn, id, '2026-11-28').in_force, true, id);
    }
    // the Ga/Ge/Sb ban ends later than the others: still suspended the day before its end
    assert.equal(exportControlState(scn, 'cn-ec-2024-12-gallium-ban', '2026-11-26').in_force, false);
  });

  test("China's counter-tariff: 10% applied (24 of 34 suspended) on 2026-11-09, 34% on 2026-11-28", () => {
    const on = (date: string) =>
      tariffStack(scn, { importer: 'CN', exporter: 'US', product: '8802.40', date }).layers.find(
        (l) => l.measure_id === 'cn-tariff-reciprocal',
      )!;
    assert.equal(on('2026-11-09').rate_pct, 10);
    const after = on('2026-11-28');
    assert.equal(after.rate_pct, 34);
    assert.equal(after.suspended_pct, 0);
    // the stale step note ("suspension extended one year") is not shown once the suspension ended
    assert.equal(after.note, `the suspension of 24 points ended on 2026-11-10; ${FLAG}`);
    assert.equal(on('2026-11-09').note, '34% statutory, 24 points suspended');
  });

  test('the maritime Section 301 duty on STS cranes: out on 2026-11-09, 100% on 2026-11-28', () => {
    const on = (date: string) =>
      tariffStack(scn, { importer: 'US', exporter: 'CN', product: '8426.19.00', date }).layers.find(
        (l) => l.measure_id === 'us-s301-maritime-cranes-chassis-2025-10',
      );
    assert.equal(on('2026-11-09'), undefined);
    assert.equal(on('2026-11-28')?.rate_pct, 100);
  });

  test('the scheduled changes named are exactly these, with their dates; none before as_of', () => {
    const got = scheduledChanges(scn, '2026-11-28').map((c) => `${c.date} ${c.measure_id}`);
    assert.deepEqual(
      got.sort(),
      [
        '2026-11-10 cn-tariff-reciprocal',
        '2026-11-10 us-s301-maritime-cranes-chassis-2025-10',
        '2026-11-10 us-s301-exclusions-2024',
        ...CONTROLS.map(([id, d]) => `${d} ${id}`),
      ].sort(),
    );
    // the IEEPA reciprocal suspension also "lapses" on 2026-11-10, but that layer ended on 2026-02-24
    assert.ok(!got.some((g) => g.includes('us-ieepa-reciprocal-cn')));
    assert.deepEqual(scheduledChanges(scn, '2026-11-09'), []);
    assert.deepEqual(scheduledChanges(scn, '2026-08-01'), []);
  });
});

describe('the flag', () => {
  test('on 2026-11-28 the warning and scheduled_changes name every change; on 2026-11-09 the flag alone', () => {
    const late = ledgerReport(scn, { date: '2026-11-28' }, queryField);
    assert.equal(late.warnings.length, 1);
    assert.ok(late.warnings[0].includes(`(${FLAG}: `), late.warnings[0]);
    for (const [id, d] of CONTROLS)
      assert.ok(late.warnings[0].includes(`${d} ${id} not in force (suspended) -> in force`), id);
    assert.ok(
      late.warnings[0].includes('2026-11-10 cn-tariff-reciprocal applied rate 10% -> applied rate 34%'),
    );
    assert.ok(
      late.warnings[0].includes('2026-11-10 us-s301-exclusions-2024 in force -> not in force (expired)'),
    );
    assert.equal(late.scheduled_changes.length, 8);
    const mid = ledgerReport(scn, { date: '2026-11-09' }, queryField);
    assert.equal(mid.warnings.length, 1);
    assert.ok(mid.warnings[0].endsWith(`(${FLAG})`), mid.warnings[0]);
    assert.deepEqual(mid.scheduled_changes, []);
  });

  test('a query before as_of has no flag', () => {
    const r = ledgerReport(scn, { date: '2026-08-01' }, queryField);
    assert.deepEqual(r.warnings, []);
    assert.deepEqual(r.scheduled_changes, []);
    assert.equal(r.beyond_as_of, false);
  });
});

describe('layers with no paying share', () => {
  test('Section 232 auto parts on computers (8471, paying share 0): not applying, not "25% on 0%"', () => {
    const s = tariffStack(scn, { importer: 'US', exporter: 'CN', product: '8471.30', date: '2026-08-03' });
    assert.ok(!s.layers.some((l) => l.measure_id === 'us-s232-auto-parts'));
    const gone = s.removed.find((l) => l.measure_id === 'us-s232-auto-parts')!;
    assert.match(gone.reason, /^does not apply: no part of the value pays \(s232-auto-parts-paying/);
    assert.ok(!JSON.stringify(s).includes('on 0% of the value'));
    // the total is what it was with the zero layer listed: nothing
    assert.equal(s.total_pct, 0);
  });

  test('the ledger report (CLI, API, dashboard) shows the same: no zero-share layer in any stack', () => {
    const r = ledgerReport(scn, { date: '2026-08-03', product: '8471.30' }, queryField);
    for (const d of r.detail)
      for (const st of d.stacks)
        assert.ok(!st.layers.some((l) => l.value_share === 0), JSON.stringify(st.layers));
  });
});
