// Daily averages both ways (`leverage ledger averages`, GET /averages, the dashboard chart).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { loadScenarioSync, loadShippedTradeData, loadValidationTargets } from '../../src/io/index.ts';
import { compileTariffSchedule } from '../../src/ledger/index.ts';
import { averagesCsv, averagesReport, piiePoints, queryField, reportRange } from '../../src/report/index.ts';
import { baseWeightsFor, mfnFor } from '../../src/trade/index.ts';
import { LeverageError } from '../../src/errors/index.ts';

const scn = loadScenarioSync('us-china');
const data = loadShippedTradeData();
const targets = loadValidationTargets();
const r = averagesReport(scn, data, targets, {}, queryField);
const day = (d: string) => r.days.find((x) => x.date === d)!;
const near = (got: number, want: number, tol: number, what: string) =>
  assert.ok(Math.abs(got - want) <= tol, `${what}: got ${got}, want ${want} ± ${tol}`);

describe('daily averages from 2018-01-01 to as_of', () => {
  test('one row per day from the ledger first date to as_of, and the document says its as_of', () => {
    assert.equal(r.from, '2018-01-01');
    assert.equal(r.to, scn.as_of);
    assert.equal(r.as_of, scn.as_of);
    assert.deepEqual(r.warnings, []);
    const days = (Date.parse(r.to) - Date.parse(r.from)) / 86_400_000 + 1;
    assert.equal(r.days.length, days);
    assert.equal(r.days[0].date, '2018-01-01');
    assert.equal(r.days.at(-1)!.date, scn.as_of);
  });

  test('no additional duty before the first measure (2018-01-01): the with-MFN value is MFN alone', () => {
    assert.equal(day('2018-01-01').us_on_cn_additional_pct, 0);
    assert.equal(day('2018-01-01').cn_on_us_additional_pct, 0);
    assert.ok(day('2018-01-01').us_on_cn_with_mfn_pct > 0);
  });

  test('MFN is a constant: with_mfn - additional is the same on every day (invariant)', () => {
    for (const k of ['us_on_cn', 'cn_on_us'] as const) {
      const mfn = day('2018-01-01')[`${k}_with_mfn_pct`];
      for (const d of r.days)
        near(d[`${k}_with_mfn_pct`] - d[`${k}_additional_pct`], mfn, 0.002, `${k} MFN on ${d.date}`);
    }
  });

  test('hand-derived: the fentanyl step of 2025-03-04 (10% to 20% on every line from China) adds 10 pp', () => {
    near(
      day('2025-03-04').us_on_cn_additional_pct - day('2025-03-03').us_on_cn_additional_pct,
      10,
      0.002,
      'step',
    );
  });

  test('each day equals the weighted mean of the line totals computed directly (closed form)', () => {
    const base = baseWeightsFor('US', 'CN', data);
    const sched = compileTariffSchedule(scn, { importer: 'US', exporter: 'CN', lines: base.lines });
    let w = 0;
    for (const x of base.weights_usd) w += x;
    for (const d of ['2018-09-24', '2019-09-01', '2025-04-10', '2026-03-02', '2026-08-03']) {
      const { total } = sched.ratesAt(d);
      let s = 0;
      for (let i = 0; i < total.length; i++) s += total[i] * base.weights_usd[i];
      near(day(d).us_on_cn_additional_pct, s / w, 0.0006, d);
    }
  });

  test('China on US within 3 pp of PIIE at its published 2025 dates', () => {
    const cn2025 = r.reference_points.filter((p) => p.direction === 'cn_on_us' && p.date >= '2025-01-01');
    assert.equal(cn2025.length, 2);
    for (const p of cn2025) assert.ok(Math.abs(p.gap_pp!) <= 3, `${p.id}: gap ${p.gap_pp}`);
  });

  test("the gap to PIIE splits into the weights' part and the rest, which add up (closed form at 2017 weights)", () => {
    const w17 = baseWeightsFor('US', 'CN', data, 2017);
    const base = baseWeightsFor('US', 'CN', data);
    const sched = compileTariffSchedule(scn, { importer: 'US', exporter: 'CN', lines: base.lines });
    const mfn = mfnFor(base, data).mfn_pct;
    for (const p of r.reference_points) {
      assert.ok(p.gap_reason.length > 20, p.id);
      if (p.direction === 'cn_on_us') {
        // China-side 2017 weights do not ship: not split, and said so
        assert.equal(p.gap_weights_pp, null);
        assert.match(p.gap_reason, /do not ship/);
        continue;
      }
      // by hand: (additional + MFN) per line, weighted by the 2017 chapter totals
      const { total } = sched.ratesAt(p.date);
      let s = 0;
      let w = 0;
      for (let i = 0; i < total.length; i++) {
        s += (total[i] + mfn[i]) * w17.weights_usd[i];
        w += w17.weights_usd[i];
      }
      near(p.leverage_with_mfn_2017_weights_pct!, s / w, 0.0006, `${p.id} at 2017 weights`);
      near(p.gap_weights_pp! + p.gap_other_pp!, p.gap_pp!, 0.0011, `${p.id} parts add up`);
      near(p.gap_weights_pp!, p.leverage_with_mfn_pct! - p.leverage_with_mfn_2017_weights_pct!, 0.0011, p.id);
      assert.match(p.gap_reason, /from the weights/);
    }
  });

  test('the PIIE points are the percent rows of the shipped table (none invented), both directions', () => {
    const pts = piiePoints(targets);
    for (const p of pts) {
      const t = targets.find((x) => x.id === p.id)!;
      assert.equal(p.value_pct, Number(t.value));
      assert.equal(p.date, t.as_of);
    }
    assert.ok(pts.some((p) => p.direction === 'us_on_cn' && p.date === '2025-05-14' && p.value_pct === 51.1));
    assert.ok(
      !pts.some((p) => p.id === 'piie_us_term1_increase'),
      'a pp increase over a range is not a point',
    );
    assert.equal(r.reference_points.length, pts.length);
  });
});

describe('dates and CSV', () => {
  test('a date after as_of is answered with a warning naming the as-of date', () => {
    const w = averagesReport(scn, data, targets, { from: '2026-08-01', to: '2026-09-01' }, queryField);
    assert.equal(w.days.length, 32);
    assert.equal(w.warnings.length, 1);
    assert.match(w.warnings[0], /query\.to: 2026-09-01 is after the scenario's as-of date 2026-08-07/);
  });

  test('a date before the ledger first date is a located error', () => {
    assert.throws(
      () => averagesReport(scn, data, targets, { from: '2017-12-31' }, queryField),
      (e: unknown) =>
        e instanceof LeverageError &&
        e.kind === 'input' &&
        /query\.from: 2017-12-31 is before the ledger's first date \(2018-01-01\)/.test(e.message),
    );
  });

  test('CSV: a source line, a date column, units in the headers, one row per day', () => {
    const w = averagesReport(scn, data, targets, { from: '2026-02-20', to: '2026-02-28' }, queryField);
    const lines = averagesCsv(w).trimEnd().split('\n');
    assert.match(lines[0], /^# Leverage ledger, scenario us-china .*PIIE/);
    assert.equal(
      lines[1],
      'date,us_on_cn_additional_pct,us_on_cn_with_mfn_pct,cn_on_us_additional_pct,cn_on_us_with_mfn_pct',
    );
    assert.equal(lines.length, 2 + 9);
    assert.match(lines[2], /^2026-02-20,/);
  });
});

// One range rule for every report over the ledger (averages and who paid share it).
test('reportRange: defaults to the ledger first date and as_of; refuses a reversed or too-early range', () => {
  assert.deepEqual(reportRange(scn, {}, queryField), { from: '2018-01-01', to: scn.as_of });
  assert.throws(
    () => reportRange(scn, { from: '2025-06-11', to: '2025-06-01' }, queryField),
    (e: Error) =>
      e instanceof LeverageError && /to: 2025-06-01 is before query.from 2025-06-11/.test(e.message),
  );
  assert.throws(() => reportRange(scn, { from: '2017-06-01' }, queryField), LeverageError);
  assert.throws(() => reportRange({ ...scn, as_of: undefined }, {}, queryField), /has no as_of/);
});
