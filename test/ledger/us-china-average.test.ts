// The US-on-China trade-weighted average of the built-in scenario (additional duties, 2024
// HTS10 weights) at named dates, and the effect of each ledger fix of issue 11 on it.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenarioSync, loadUsImportsFromChina2024 } from '../../src/io/index.ts';
import { compileTariffSchedule, productIndex, scopeCoverage, tariffStack } from '../../src/ledger/index.ts';
import type { Scenario } from '../../src/model/index.ts';

const scn = loadScenarioSync('us-china');
const imp = loadUsImportsFromChina2024();
const totalUsd = imp.imports_usd.reduce((s, v) => s + v, 0);

/** Trade-weighted average additional duty (percent) on each date. */
function averages(s: Scenario, dates: string[]): number[] {
  const sched = compileTariffSchedule(s, { importer: 'US', exporter: 'CN', lines: imp.hs10 });
  return dates.map((d) => {
    const { total } = sched.ratesAt(d);
    let sum = 0;
    for (let i = 0; i < total.length; i++) sum += total[i] * imp.imports_usd[i];
    return sum / totalUsd;
  });
}

/** Share of 2024 imports from China whose HTS10 line is fully inside a scope. */
function coveredShare(scope: Parameters<typeof scopeCoverage>[1]): number {
  const idx = productIndex(scn);
  let usd = 0;
  imp.hs10.forEach((c, i) => {
    if (scopeCoverage(idx, scope, c) === 'full') usd += imp.imports_usd[i];
  });
  return usd / totalUsd;
}

const near = (got: number, want: number, tol: number, what: string) =>
  assert.ok(Math.abs(got - want) <= tol, `${what}: got ${got.toFixed(3)}, want ${want} ± ${tol}`);

const stackOn = (product: string, date: string) =>
  tariffStack(scn, { importer: 'US', exporter: 'CN', product, date });

describe('fix 1: the reciprocal exemption list is the legal Annex II text (US Note 2(v)(iii))', () => {
  test('Annex II + chapters 49/97/98 cover 6.2% of 2024 imports from China, 28.5% with the 11 April carve-out', () => {
    const annex = coveredShare({ lists: ['ieepa-annex-ii'] });
    const carve = coveredShare({ groups: ['electronics-carve-out'] });
    const both = coveredShare({ lists: ['ieepa-annex-ii'], groups: ['electronics-carve-out'] });
    near(annex * 100, 6.2, 0.1, 'Annex II share');
    near(carve * 100, 22.3, 0.1, 'carve-out share');
    near(both * 100, 28.5, 0.1, 'exempt share'); // issue 11: "about 28.5%"
    // the two groups are disjoint: the carve-out is its own group, not inside the Annex II file
    near(both, annex + carve, 1e-12, 'disjoint');
  });

  test('batteries, speakers, furniture and lamps are not exempt; computers are (carve-out), as are books (ch. 49)', () => {
    for (const [line, exempt] of [
      ['8507600020', false], // lithium-ion batteries: not in the legal text
      ['8518220000', false], // loudspeakers
      ['9403608040', false], // wooden furniture
      ['9405114010', false], // lamps
      ['8471300100', true], // laptops: carve-out of 11 April, retroactive to 5 April
      ['4901990070', true], // printed books: chapter 49
    ] as const) {
      const s = stackOn(line, '2025-04-10');
      const recip = s.layers.find((l) => l.authority === 'IEEPA reciprocal');
      assert.equal(recip === undefined, exempt, `${line}: reciprocal layer ${recip ? 'present' : 'absent'}`);
    }
  });

  test('the Annex II list lowers the 2025-04-10 average by 125% x its share of trade (6.2%): -7.7 pp', () => {
    const without = { ...scn, measures: scn.measures.filter((m) => m.id !== 'us-reciprocal-annex-ii') };
    const [a] = averages(scn, ['2025-04-10']);
    const [b] = averages(without, ['2025-04-10']);
    // every Annex II line paid the 125% reciprocal layer without the exemption, unless a Section 232
    // layer already excluded it: the drop is at most 125 x share and close to it
    const share = coveredShare({ lists: ['ieepa-annex-ii'] });
    assert.ok(b - a <= 125 * share * 100 + 1e-9, `${b - a}`);
    near(b - a, 7.7, 0.1, 'Annex II effect on 2025-04-10');
  });
});

// Variants of the scenario without one fix, to pin each fix's effect on the average.
// only the metal-content shares (s232-content-*), not the other value shares (auto parts end use, pharma)
const withoutMetalContent: Scenario = {
  ...scn,
  measures: scn.measures.map((m) => {
    if (m.kind !== 'tariff' || !m.value_share?.list.startsWith('s232-content-')) return m;
    const { value_share: _drop, ...rest } = m;
    return rest;
  }),
};
const without232Max: Scenario = {
  ...scn,
  stacking: { ...scn.stacking, combine: { ...scn.stacking.combine, 'Section 232': 'add' } },
};
const VEHICLE_PARTS = ['us-s232-auto-parts', 'us-s232-mhd-2025-11', 'us-s232-buses-2025-11'];
const withoutParts: Scenario = {
  ...scn,
  measures: scn.measures.filter((m) => !VEHICLE_PARTS.includes(m.id)),
};

const DATES = ['2025-01-01', '2025-04-10', '2025-05-14', '2025-08-20', '2025-11-12'];
const full = averages(scn, DATES);
const effect = (variant: Scenario) => {
  const v = averages(variant, DATES);
  return Object.fromEntries(DATES.map((d, i) => [d, full[i] - v[i]]));
};

describe('fix 2: Section 232 on metal content (value_share)', () => {
  test('the stack of a derivative shows the share: 232 on the metal, the reciprocal layer on the rest', () => {
    // 8302.42 (base-metal fittings for furniture) is on the August 2025 derivative list
    const line = imp.hs10.find((c) => {
      const s = stackOn(c, '2025-08-20');
      return s.layers.some(
        (l) => l.measure_id === 'us-s232-derivatives-2025-08' && l.value_share !== undefined,
      );
    });
    assert.ok(line, 'some traded line is a derivative with a metal share');
    const s = stackOn(line!, '2025-08-20');
    const s232 = s.layers.find((l) => l.authority === 'Section 232')!;
    const recip = s.layers.find((l) => l.authority === 'IEEPA reciprocal')!;
    const share = s232.value_share!;
    assert.ok(share > 0 && share < 1);
    near(s232.rate_pct, 50 * share, 1e-9, '232 = 50% x metal share');
    near(recip.rate_pct, 10 * (1 - share), 1e-9, 'reciprocal = 10% x (1 - share)');
    near(recip.value_share!, 1 - share, 1e-12, 'reciprocal share');
    assert.match(s232.note!, /of the value/);
    assert.match(recip.note!, /outside Section 232/);
    near(
      s.total_pct,
      s.layers.reduce((t, l) => t + l.rate_pct, 0),
      1e-9,
      'total = sum of layers',
    );
  });

  test('effect on the average: -4.5 pp from 2025-08-18 (2025-08-20), +4.4 pp on 2025-04-10 (125% on the non-metal value)', () => {
    const e = effect(withoutMetalContent);
    near(e['2025-08-20'], -4.5, 0.1, 'metal content, 2025-08-20');
    near(e['2025-04-10'], 4.4, 0.1, 'metal content, 2025-04-10');
  });
});

describe('fix 3: Section 232 auto parts (2025-05-03) and medium/heavy trucks (2025-11-01)', () => {
  test('an auto part pays 232 and leaves the reciprocal layer (EO 14257)', () => {
    const s = stackOn('8708295160', '2025-06-11'); // body parts of motor vehicles
    const by = Object.fromEntries(s.layers.map((l) => [l.authority, l.rate_pct]));
    assert.equal(by['Section 232'], 25);
    assert.equal(by['IEEPA reciprocal'], undefined);
    assert.ok(s.removed.some((r) => r.authority === 'IEEPA reciprocal' && /Section 232/.test(r.reason)));
    // not before 2025-05-03
    assert.equal(
      stackOn('8708295160', '2025-05-02').layers.find((l) => l.measure_id === 'us-s232-auto-parts'),
      undefined,
    );
  });

  test('a heavy truck tractor pays 25% from 2025-11-01, not before', () => {
    const on = (d: string) =>
      stackOn('8701210080', d).layers.find((l) => l.measure_id === 'us-s232-mhd-2025-11');
    assert.equal(on('2025-10-31'), undefined);
    assert.equal(on('2025-11-01')?.rate_pct, 25);
  });

  test('effect on the average: +0.6 pp after Geneva (2025-05-14)', () => {
    const e = effect(withoutParts);
    near(e['2025-05-14'], 0.6, 0.1, 'parts, 2025-05-14');
    near(e['2025-04-10'], 0, 1e-9, 'nothing before 2025-05-03');
  });

  test('heading 8471 is on the list (US note 33(g)) but a laptop is not a vehicle part: no 232 duty, the other layers stay', () => {
    const list = scn.products.lists['s232-auto-parts'];
    assert.ok(list.codes.includes('8471'), 'the legal list holds heading 8471 whole');
    const s = stackOn('8471300100', '2025-06-11');
    // a layer no part of whose value pays is shown as not applying, not as "25% on 0%"
    assert.ok(!s.layers.some((l) => l.measure_id === 'us-s232-auto-parts'));
    assert.match(s.removed.find((l) => l.measure_id === 'us-s232-auto-parts')!.reason, /^does not apply/);
    assert.equal(s.total_pct, 20); // fentanyl 20; reciprocal removed by the electronics carve-out
    // a part proper still pays the whole 25%
    const brake = stackOn('8708295160', '2025-06-11').layers.find(
      (l) => l.measure_id === 'us-s232-auto-parts',
    )!;
    assert.equal(brake.rate_pct, 25);
  });

  test('the end-use reading lowers the average after Geneva by 25 x the 8471 share (8.3%) + 15 x the non-vehicle battery share (3.1%)', () => {
    // by hand: 8471 lines pay no reciprocal (electronics carve-out) before or after, so the whole
    // 25% auto-parts duty on them goes; lithium-ion batteries nesoi (8507.60.0020) pay the reciprocal
    // 10% (after Geneva) instead of the 25%, which excluded it; Section 301 and fentanyl stay on both
    const whole: Scenario = {
      ...scn,
      measures: scn.measures.map((m) => {
        if (m.id !== 'us-s232-auto-parts' || m.kind !== 'tariff') return m;
        const { value_share: _drop, ...rest } = m;
        return rest;
      }),
    };
    let usd = 0;
    let bat = 0;
    imp.hs10.forEach((c, i) => {
      if (c.startsWith('8471')) usd += imp.imports_usd[i];
      if (c === '8507600020') bat += imp.imports_usd[i];
    });
    near((usd / totalUsd) * 100, 8.25, 0.01, '8471 share of 2024 imports from China');
    near((bat / totalUsd) * 100, 3.08, 0.01, '8507.60.0020 share of 2024 imports from China');
    const D = ['2025-05-02', '2025-06-11', '2025-11-15'];
    const [a, b, c] = averages(scn, D);
    const [wa, wb, wc] = averages(whole, D);
    const want = (25 * usd + 15 * bat) / totalUsd;
    near(wa - a, 0, 1e-9, 'before 2025-05-03');
    near(wb - b, want, 1e-9, '2025-06-11');
    near(wc - c, want, 1e-9, '2025-11-15');
  });
});

describe('fix 4: overlapping Section 232 measures combine by max', () => {
  test('a line under steel (ch. 73) and the August derivatives pays 50%, not 100%', () => {
    const line = imp.hs10.find((c) => {
      const s = stackOn(c, '2025-08-20');
      return s.removed.some((r) => r.authority === 'Section 232' && /highest rate applies/.test(r.reason));
    });
    assert.ok(line, 'some traded line has two Section 232 measures');
    const s = stackOn(line!, '2025-08-20');
    assert.equal(s.layers.filter((l) => l.authority === 'Section 232').length, 1);
    assert.ok(s.layers.find((l) => l.authority === 'Section 232')!.rate_pct <= 50);
  });

  test('effect on the average: -0.8 pp after Busan (2025-11-12), -0.1 pp on 2025-08-20', () => {
    const e = effect(without232Max);
    near(e['2025-11-12'], -0.8, 0.1, 'max rule, 2025-11-12');
    near(e['2025-08-20'], -0.1, 0.1, 'max rule, 2025-08-20');
  });
});

// The two 2026 product lists of issue 11: the forced-labour final-action exemptions and the Section 232
// patented-pharmaceutical lines (data/lists/, provenance in data/README.md).
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FL = 'us-s301-forced-labor-2026-07';
const PHARMA = 'us-s232-pharma-2026-07';
const FL_FILE = 'section301_forced_labor_final_exemptions.csv';
const readRows = (file: string) =>
  readFileSync(join(ROOT, 'data', 'lists', file), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','));
const readCodes = (file: string) => readRows(file).map((r) => r[0]);

describe('fix 5: the forced-labour duty spares the final Annex II Part A exemptions (US note 52(b)-(e), from 2026-07-24)', () => {
  const condition = new Map(readRows(FL_FILE).map(([c, k]) => [c, k] as const));
  // a line's condition: its own HTS10 row, else its HTS8 row (the list mixes 2,113 HTS8 and 7 HTS10 codes)
  const conditionOf = (hs10: string) => condition.get(hs10) ?? condition.get(hs10.slice(0, 8));
  const PAYING: Record<string, number> = { full: 0, ex: 0, aircraft: 0.1, pharma: 0.5 };
  const withoutLists: Scenario = {
    ...scn,
    measures: scn.measures.map((m) => {
      if (m.id !== FL || m.kind !== 'tariff') return m;
      const { value_share: _drop, ...rest } = m;
      return { ...rest, scope: { all: true } };
    }),
  };

  test("the file is the tracker's 2,120 codes: 863 full, 16 Ex, 541 civil-aircraft use, 700 pharmaceutical use", () => {
    const rows = readRows(FL_FILE);
    assert.equal(rows.length, 2120);
    assert.equal(condition.size, 2120, 'no code twice');
    const count = (k: string) => rows.filter((r) => r[1] === k).length;
    assert.deepEqual([count('full'), count('ex'), count('aircraft'), count('pharma')], [863, 16, 541, 700]);
    assert.equal(rows.filter((r) => r[0].length === 10).length, 7);
    const hash = createHash('sha256')
      .update(readFileSync(join(ROOT, 'data', 'lists', FL_FILE)))
      .digest('hex');
    assert.equal(hash, '15b5e352cd810af33b90699bb595010f5aca43ea10de25ba1b2c6239acc96054', 'verbatim copy');
  });

  test('the scenario reads 879 unconditional codes and 1,241 end-use codes with paying shares 0.1 / 0.5 (assumption)', () => {
    const exempt = scn.products.lists['s301fl-final-exempt'];
    const endUse = scn.products.lists['s301fl-final-end-use'];
    assert.equal(exempt.codes.length, 879);
    assert.equal(endUse.codes.length, 1241);
    assert.equal(Object.keys(endUse.shares!).length, 1241);
    assert.equal(endUse.shares!['84119110'], 0.1); // turbojet parts: civil aircraft use
    assert.equal(endUse.shares!['29349990'], 0.5); // heterocyclic compounds: pharmaceutical use
  });

  test('2026-08-03: the average falls by 12.5 x the exempt value of 2024 trade outside Section 232, by hand', () => {
    // by hand: each line's forced-labour duty is 12.5 x (1 - its Section 232 value share) x the share that pays
    const D = '2026-08-03';
    let usd = 0;
    imp.hs10.forEach((c, i) => {
      const k = conditionOf(c);
      if (!k) return;
      const s232 = stackOn(c, D).layers.find((l) => l.authority === 'Section 232');
      usd += imp.imports_usd[i] * (s232 ? 1 - (s232.value_share ?? 1) : 1) * (1 - PAYING[k]);
    });
    const expected = 12.5 * (usd / totalUsd);
    const [a] = averages(scn, [D]);
    const [b] = averages(withoutLists, [D]);
    near(b - a, expected, 1e-9, 'final-list effect on 2026-08-03');
    near(b - a, 4.22, 0.01, 'final-list effect on 2026-08-03 (pinned)');
    // nothing before the duty: the lists only narrow the forced-labour layer
    const [c] = averages(scn, ['2026-07-23']);
    const [d] = averages(withoutLists, ['2026-07-23']);
    near(d - c, 0, 1e-9, 'no effect on 2026-07-23');
  });

  test('a full line (smartphones, 8517.13) pays no forced-labour duty; an aircraft-use line pays 12.5 on 10%; a handbag pays 12.5', () => {
    assert.equal(condition.get('85171300'), 'full');
    const phone = stackOn('8517130000', '2026-08-03');
    assert.equal(
      phone.layers.find((l) => l.authority === 'Section 301 forced labour'),
      undefined,
    );
    assert.equal(condition.get('84119110'), 'aircraft');
    const turbine = stackOn('8411911000', '2026-08-03').layers.find(
      (l) => l.authority === 'Section 301 forced labour',
    );
    assert.ok(turbine, 'an end-use line keeps the layer on the share that pays');
    near(turbine.rate_pct, 1.25, 1e-9, '12.5 x 0.1');
    assert.equal(turbine.value_share, 0.1);
    assert.equal(conditionOf('4202216000'), undefined);
    const bag = stackOn('4202216000', '2026-08-03').layers.find(
      (l) => l.authority === 'Section 301 forced labour',
    );
    assert.equal(bag?.rate_pct, 12.5);
  });
});

describe('fix 6: Section 232 patented pharmaceuticals from 2026-07-31 (US note 40(c))', () => {
  const listed = new Set(readCodes('section232_pharma_products_hts10.csv'));
  const LINE = '3002150011'; // immunological products in measured doses, the largest listed line in 2024 imports from China
  const pharmaLayer = (c: string, d: string) => stackOn(c, d).layers.find((l) => l.measure_id === PHARMA);

  test('the list holds the 131 HTS10 lines of the note; every one has a paying share in [0, 1]', () => {
    assert.equal(listed.size, 131);
    assert.ok(listed.has(LINE));
    const shares = scn.products.lists['s232-pharma-paying'].shares!;
    assert.equal(Object.keys(shares).length, 131);
    for (const v of Object.values(shares)) assert.equal(v, 0.03); // the labelled assumption
  });

  test('a chapter-30 line: the 100% layer on the paying share on 2026-08-03, no forced-labour layer; nothing on 2026-07-30', () => {
    const s = stackOn(LINE, '2026-08-03');
    const l = pharmaLayer(LINE, '2026-08-03')!;
    assert.ok(l, 'pharma layer present');
    assert.equal(l.statutory_pct, 100);
    assert.equal(l.since, '2026-07-31');
    near(l.rate_pct, 100 * l.value_share!, 1e-9, '100% on the paying share');
    assert.equal(
      s.layers.find((x) => x.authority === 'Section 301 forced labour'),
      undefined,
    );
    assert.equal(pharmaLayer(LINE, '2026-07-30'), undefined);
    assert.ok(
      stackOn(LINE, '2026-07-30').removed.some(
        (r) => r.measure_id === PHARMA && /not in force/.test(r.reason),
      ),
    );
  });

  test('charged on all the listed trade, a listed line leaves the forced-labour layer altogether (note 52(f)(8))', () => {
    // without the final-action lists and the paying-share assumption: 100% and no forced-labour duty
    const upper: Scenario = {
      ...scn,
      measures: scn.measures.map((m) => {
        if (m.kind !== 'tariff') return m;
        if (m.id === FL) {
          const { value_share: _dropFl, ...fl } = m;
          return { ...fl, scope: { all: true } };
        }
        if (m.id !== PHARMA) return m;
        const { value_share: _drop, ...rest } = m;
        return rest;
      }),
    };
    const s = tariffStack(upper, { importer: 'US', exporter: 'CN', product: LINE, date: '2026-08-03' });
    assert.equal(s.layers.find((l) => l.measure_id === PHARMA)?.rate_pct, 100);
    assert.equal(
      s.layers.find((l) => l.authority === 'Section 301 forced labour'),
      undefined,
    );
    assert.ok(
      s.removed.some((r) => r.authority === 'Section 301 forced labour' && /Section 232/.test(r.reason)),
    );
  });

  test('effect on the average on 2026-08-03: +0.01 pp at the 3% paying share, +0.46 pp if all the listed trade paid', () => {
    const without: Scenario = { ...scn, measures: scn.measures.filter((m) => m.id !== PHARMA) };
    const all: Scenario = {
      ...scn,
      measures: scn.measures.map((m) => {
        if (m.id !== PHARMA || m.kind !== 'tariff') return m;
        const { value_share: _drop, ...rest } = m;
        return rest;
      }),
    };
    const [a, b, c] = [scn, without, all].map((s) => averages(s, ['2026-08-03'])[0]);
    near(a - b, 0.01, 0.005, 'pharma at 3%');
    near(c - b, 0.46, 0.01, 'pharma at 100% of the listed trade');
    const [a0] = averages(scn, ['2026-07-30']);
    const [b0] = averages(without, ['2026-07-30']);
    near(a0 - b0, 0, 1e-9, 'nothing before 2026-07-31');
  });
});
