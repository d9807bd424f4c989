// The built-in scenario (us-china: the whole ledger, known today). london-2025, its view as known
// on 2025-06-11, has its own tests in london-view.test.ts.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { DATA_DIR, loadScenarioSync } from '../../src/io/index.ts';
import {
  agreementState,
  compileTariffSchedule,
  exportControlState,
  productStacks,
  tariffStack,
  withTariffOverride,
} from '../../src/ledger/index.ts';

// The built-in scenario, loaded once for the whole file.
const scn = loadScenarioSync('us-china');
const US_CN = (product: string, date: string) =>
  productStacks(scn, { importer: 'US', exporter: 'CN', product, date });
const HTTP = /^https?:\/\/\S+$/;

describe('must-show: US tariff stack on goods from China', () => {
  test('handbags 4202.21 on 2025-06-11 = Section 301 (25) + IEEPA fentanyl (20) + IEEPA reciprocal (10) = 55', () => {
    const p = US_CN('4202.21', '2025-06-11');
    assert.ok(p.line_count >= 1);
    // every line under 4202.21 has the same stack
    assert.equal(p.stacks.length, 1);
    const g = p.stacks[0];
    assert.equal(g.total_pct, 55); // 25 + 20 + 10
    assert.equal(p.min_total_pct, 55);
    assert.equal(p.max_total_pct, 55);
    const byAuth = Object.fromEntries(g.layers.map((l) => [l.authority, l]));
    assert.deepEqual(Object.keys(byAuth).sort(), ['IEEPA fentanyl', 'IEEPA reciprocal', 'Section 301']);
    assert.equal(byAuth['Section 301'].rate_pct, 25);
    assert.equal(byAuth['Section 301'].measure_id, 'us-s301-list3');
    assert.equal(byAuth['IEEPA fentanyl'].rate_pct, 20);
    // reciprocal: 34 statutory, 24 suspended under Geneva -> 10 applied
    assert.equal(byAuth['IEEPA reciprocal'].rate_pct, 10);
    assert.equal(byAuth['IEEPA reciprocal'].statutory_pct, 34);
    assert.equal(byAuth['IEEPA reciprocal'].suspended_pct, 24);
    for (const l of g.layers) {
      assert.ok(l.sources.length >= 1, `${l.measure_id} has a source`);
      for (const s of l.sources) assert.match(s, HTTP);
    }
    // each line, asked directly
    for (const line of g.lines)
      assert.equal(
        tariffStack(scn, { importer: 'US', exporter: 'CN', product: line, date: '2025-06-11' }).total_pct,
        55,
      );
  });

  test('toys 9503.00: 145 on 2025-04-10, 30 on 2025-06-11, 20 on 2025-11-15', () => {
    // 2025-04-10: fentanyl 20 + reciprocal 125 (EO 14266) = 145
    // 2025-06-11: fentanyl 20 + reciprocal 34 - 24 = 10 -> 30
    // 2025-11-15: fentanyl cut to 10 on 2025-11-10 + reciprocal 10 -> 20
    for (const [date, total] of [
      ['2025-04-10', 145],
      ['2025-06-11', 30],
      ['2025-11-15', 20],
    ] as const) {
      const p = US_CN('9503.00', date);
      assert.equal(p.min_total_pct, total, date);
      assert.equal(p.max_total_pct, total, date);
    }
    // the day before the 125% step (2025-04-09): 20 + 84 = 104
    assert.equal(US_CN('9503.00', '2025-04-09').max_total_pct, 104);
  });

  test('smartphones 8517.13 on 2025-04-10: the reciprocal layer is removed by the electronics carve-out', () => {
    const p = US_CN('8517.13', '2025-04-10');
    for (const g of p.stacks) {
      const auths = g.layers.map((l) => l.authority);
      assert.ok(!auths.includes('IEEPA reciprocal'), 'no reciprocal layer');
      assert.ok(auths.includes('IEEPA fentanyl'));
      const s301 = g.layers.filter((l) => l.authority === 'Section 301').reduce((t, l) => t + l.rate_pct, 0);
      assert.deepEqual(
        g.layers.map((l) => l.authority).filter((a) => a !== 'Section 301'),
        ['IEEPA fentanyl'],
      );
      assert.equal(g.total_pct, 20 + s301); // fentanyl 20 + any Section 301
      const rm = g.removed.find((r) => r.authority === 'IEEPA reciprocal');
      assert.ok(rm);
      // 8517.13 lines are also on the Annex II list: either exemption may be the one reported
      assert.match(rm.reason, /exempt under us-reciprocal-(annex-ii|electronics-exception)/);
    }
    // without Annex II, the electronics carve-out alone removes the reciprocal layer
    const noAnnex = { ...scn, measures: scn.measures.filter((m) => m.id !== 'us-reciprocal-annex-ii') };
    const q = productStacks(noAnnex, {
      importer: 'US',
      exporter: 'CN',
      product: '8517.13',
      date: '2025-04-10',
    });
    for (const g of q.stacks) {
      assert.ok(!g.layers.some((l) => l.authority === 'IEEPA reciprocal'));
      assert.match(
        g.removed.find((r) => r.authority === 'IEEPA reciprocal')!.reason,
        /us-reciprocal-electronics-exception/,
      );
    }
    // the day before the reciprocal tariff started (2025-04-04) it was only announced (2025-04-02)
    for (const g of US_CN('8517.13', '2025-04-04').stacks)
      assert.match(
        g.removed.find((r) => r.authority === 'IEEPA reciprocal')!.reason,
        /not in force: announced since 2025-04-02/,
      );
  });

  test('steel (chapter 73) on 2025-06-11: Section 232 50 removes the reciprocal layer, fentanyl stays', () => {
    const line = scn.products.universe.US.find((c) => c.startsWith('7326'))!;
    const s = tariffStack(scn, { importer: 'US', exporter: 'CN', product: line, date: '2025-06-11' });
    const by = Object.fromEntries(s.layers.map((l) => [l.authority, l.rate_pct]));
    assert.equal(by['Section 232'], 50);
    assert.equal(by['IEEPA fentanyl'], 20);
    assert.equal(by['IEEPA reciprocal'], undefined);
    assert.equal(s.total_pct, 70 + (by['Section 301'] ?? 0));
  });
});

describe('must-show: China on US soybeans', () => {
  // The March list's 10% lines under 1201, read straight from the data file.
  const rows = parseCsv(readFileSync(join(DATA_DIR, 'trade/china_retaliation_2025-03_list_hs8.csv')), {
    columns: true,
  }) as Record<string, string>[];
  const tenPctSoy = rows
    .filter((r) => r.china_hs8.startsWith('1201') && r.additional_tariff_pct === '10')
    .map((r) => r.china_hs8);

  test('the March 10% list has soybean lines and the scenario list holds them', () => {
    assert.ok(tenPctSoy.length >= 1);
    for (const c of tenPctSoy) assert.ok(scn.products.lists['cn-2025-03-10pct'].codes.includes(c), c);
  });

  // The 2018-2019 layers stay under the 2025 ones (statutory rates; China's market-based exclusion
  // process, which waives them for approved purchases, is not modelled): 25 (6 July 2018 list) +
  // 2.5 (1 Sep 2019 list, halved by Phase One) on soybeans.
  test('a listed soybean line on 2025-06-11 = 10 (counter-tariff, 24 of 34 suspended) + 10 (March list) + 25 + 2.5 (2018-19 layers) = 47.5', () => {
    for (const c of tenPctSoy) {
      const s = tariffStack(scn, { importer: 'CN', exporter: 'US', product: c, date: '2025-06-11' });
      const rec = s.layers.find((l) => l.measure_id === 'cn-tariff-reciprocal')!;
      assert.equal(rec.statutory_pct, 34);
      assert.equal(rec.suspended_pct, 24);
      assert.equal(rec.rate_pct, 10);
      assert.equal(s.layers.find((l) => l.measure_id === 'cn-tariff-2025-03-10-10pct')!.rate_pct, 10);
      assert.equal(s.layers.find((l) => l.measure_id === 'cn-ret-2018-07-06')!.rate_pct, 25);
      assert.equal(s.layers.find((l) => l.measure_id === 'cn-ret-2019-09-01-5pct')!.rate_pct, 2.5);
      assert.equal(s.total_pct, 47.5);
      // 2025-11-15: the March list was rolled back on 2025-11-10 -> 37.5
      assert.equal(
        tariffStack(scn, { importer: 'CN', exporter: 'US', product: c, date: '2025-11-15' }).total_pct,
        37.5,
      );
    }
  });

  test('asked at HS4 1201 (no Chinese line universe), the March list only covers some lines: reported as partial, total 10', () => {
    const s = tariffStack(scn, { importer: 'CN', exporter: 'US', product: '1201', date: '2025-06-11' });
    assert.equal(s.total_pct, 10);
    assert.ok(s.partial.some((l) => l.measure_id === 'cn-tariff-2025-03-10-10pct'));
  });
});

describe('must-show: agreements, controls', () => {
  test('London framework: approvals pending on 2025-06-11, approved by 2025-06-28', () => {
    const a = agreementState(scn, 'agr-london-framework-2025-06', '2025-06-11');
    assert.equal(a.status, 'agreed_in_principle');
    assert.equal(a.approvals.length, 2);
    for (const ap of a.approvals) assert.equal(ap.status, 'pending');
    assert.equal(a.approved, false);
    // US approved 06-26, CN 06-27: on 06-26 not all approvals given yet
    assert.equal(agreementState(scn, 'agr-london-framework-2025-06', '2025-06-26').approved, false);
    const b = agreementState(scn, 'agr-london-framework-2025-06', '2025-06-28');
    assert.equal(b.approved, true);
    for (const ap of b.approvals) assert.equal(ap.status, 'approved');
  });

  test('Geneva clock: 90 days from 2025-05-14, ends 2025-08-12', () => {
    // 05-14 + 17 = 05-31; + 30 = 06-30 (47); + 31 = 07-31 (78); + 12 = 08-12 (90)
    const clock = (d: string) =>
      agreementState(scn, 'agr-geneva-2025-05', d).clocks.find((c) => c.id === 'geneva-suspension')!;
    assert.equal(clock('2025-05-14').end, '2025-08-12');
    assert.equal(clock('2025-05-14').days_left, 90);
    assert.equal(clock('2025-06-11').days_left, 62); // 06-11 -> 08-12: 19 + 31 + 12
    assert.equal(clock('2025-08-11').days_left, 1);
    assert.equal(clock('2025-08-12').running, false);
    assert.equal(clock('2025-08-12').days_left, 0);
    assert.equal(clock('2025-05-13').days_left, null);
  });

  test('rare-earth export control in force on 2025-06-11 with a flow share', () => {
    const s = exportControlState(scn, 'cn-ec-ree-2025-04-04', '2025-06-11');
    assert.equal(s.in_force, true);
    assert.equal(s.licence_required, true);
    assert.equal(s.flow_share, 0.619); // June step: 1 - 0.381
    assert.equal(s.licensing_since, '2025-06-01');
    assert.ok(s.sources.length >= 1);
  });

  test('the EDA export control is rolled back on 2025-07-02', () => {
    assert.equal(exportControlState(scn, 'us-ec-eda-2025-05', '2025-07-01').in_force, true);
    const s = exportControlState(scn, 'us-ec-eda-2025-05', '2025-07-02');
    assert.equal(s.in_force, false);
    assert.equal(s.status, 'rolled_back');
    assert.equal(s.licence_required, false);
  });
});

describe('ledger hygiene', () => {
  test('every measure, agreement and claim has http(s) sources', () => {
    const entries = [...scn.measures, ...scn.agreements, ...scn.claims];
    assert.ok(scn.measures.length > 20 && scn.agreements.length >= 4 && scn.claims.length >= 1);
    for (const e of entries) {
      assert.ok(e.sources.length >= 1, `${e.id} has no source`);
      for (const s of e.sources) assert.match(s, HTTP, `${e.id}: ${s}`);
    }
  });

  test('every date sequence runs forward', () => {
    const forward = (what: string, dates: string[], strict = false) => {
      for (let i = 1; i < dates.length; i++)
        assert.ok(
          strict ? dates[i] > dates[i - 1] : dates[i] >= dates[i - 1],
          `${what}: ${dates[i - 1]} then ${dates[i]}`,
        );
    };
    for (const m of scn.measures) {
      forward(
        `${m.id} status`,
        m.status.map((s) => s.date),
      );
      if (m.effective && m.expires) assert.ok(m.expires > m.effective, m.id);
      if (m.kind === 'tariff') {
        forward(
          `${m.id} rates`,
          m.rates.map((r) => r.from),
          true,
        );
        for (const r of m.rates) {
          if (r.suspended_until) assert.ok(r.suspended_until > r.from, m.id);
          if (r.suspended_pct !== undefined) assert.ok(r.suspended_pct <= r.rate_pct, m.id);
        }
      }
      if (m.kind === 'export_control')
        forward(
          `${m.id} licensing`,
          (m.licensing.path ?? []).map((p) => p.from),
          true,
        );
      if (m.kind === 'licensing')
        forward(
          `${m.id} path`,
          (m.path ?? []).map((p) => p.from),
          true,
        );
    }
    for (const a of scn.agreements) {
      forward(
        `${a.id} status`,
        a.status.map((s) => s.date),
      );
      for (const ap of a.approvals)
        forward(
          `${a.id} approvals`,
          ap.status.map((s) => s.date),
        );
    }
  });
});

describe('claims and what-ifs on the built-in scenario', () => {
  test('each claimed decomposition adds up and is the stack of at least one US tariff line on the claim date', () => {
    const us = compileTariffSchedule(scn, {
      importer: 'US',
      exporter: 'CN',
      lines: scn.products.universe.US,
    });
    const withDecomposition = scn.claims.filter(
      (c) => c.asserts.metric === 'tariff_stack' && c.asserts.decomposition,
    );
    // claim-trump-55: 10 + 20 + 25 = 55; claim-wh-145: 125 + 20 = 145; claim-wh-245: 125 + 20 + 100 = 245
    assert.ok(withDecomposition.length >= 3);
    for (const c of withDecomposition) {
      const dec = c.asserts.decomposition!;
      assert.equal(
        Object.values(dec).reduce((t, x) => t + x, 0),
        c.asserts.value_pct,
        `${c.id}: parts add up`,
      );
      if (c.asserts.importer !== 'US') continue;
      const { byAuthority } = us.ratesAt(c.asserts.at ?? c.date);
      const A = us.authorities.length;
      let found = false;
      for (let i = 0; i < us.lines.length && !found; i++)
        found = us.authorities.every((a, k) => byAuthority[i * A + k] === (dec[a] ?? 0));
      assert.ok(found, `${c.id}: some line has exactly ${JSON.stringify(dec)} on ${c.date}`);
    }
  });

  test('what-if: IEEPA reciprocal at 125 from 2025-06-01 on toys', () => {
    const w = withTariffOverride(scn, {
      importer: 'US',
      exporter: 'CN',
      authority: 'IEEPA reciprocal',
      pct: 125,
      from: '2025-06-01',
    });
    const toys = (date: string) =>
      productStacks(w, { importer: 'US', exporter: 'CN', product: '9503.00', date }).max_total_pct;
    assert.equal(toys('2025-05-31'), 30); // unchanged before: 20 + 10
    assert.equal(toys('2025-06-11'), 145); // 20 + 125
    assert.equal(toys('2025-11-15'), 135); // fentanyl cut to 10 + 125
    assert.equal(US_CN('9503.00', '2025-06-11').max_total_pct, 30, 'the loaded scenario is unchanged');
  });
});
