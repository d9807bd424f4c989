import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadScenarioSync } from '../../src/io/index.ts';
import {
  compileTariffSchedule,
  productStacks,
  tariffStack,
  withTariffOverride,
} from '../../src/ledger/index.ts';
import { addDays, fromEpochDay, toEpochDay, type Scenario } from '../../src/model/index.ts';
import { SRC, baseScenario, loadObject } from '../helpers.ts';

// ---------------------------------------------------------------------------------------------
// A small hand-made scenario. Every expected figure below is derived from these numbers.

const UNIVERSE = [
  'hs10',
  '1111110010', // on S301 list A (25) and list B (7.5 from 2020-02-14): max -> 25
  '1111110020', // same
  '2222220100', // on list B only (HTS8 22222201)
  '2222220200', // on no list: "222222" is only partly covered by list B
  '5555000000', // bounded measure (effective / expires)
  '6666000000', // status walk
  '7300000010', // Section 232 (chapter 73)
  '8517130000', // electronics carve-out group and S301 list A
  '9999990000', // Annex-II-like list
  '1234560000', // nothing special: IEEPA layers only
].join('\n');

const tariff = (
  id: string,
  authority: string,
  scope: object,
  rates: object[],
  status: object[],
  extra: object = {},
) => ({
  id,
  kind: 'tariff',
  actor: 'US',
  target: 'CN',
  title: id,
  authority,
  scope,
  rates,
  status,
  sources: SRC,
  ...extra,
});

const TINY = baseScenario({
  products: {
    universe: { US: { file: 'universe.csv', column: 'hs10', sources: SRC } },
    lists: {
      's301-a': { title: 'list A', codes: ['1111.11', '8517.13.00'], sources: SRC },
      's301-b': { title: 'list B', codes: ['1111.11', '2222.22.01'], sources: SRC },
      annex2: { title: 'Annex II', codes: ['9999.99'], sources: SRC },
    },
    groups: { electronics: { title: 'carve-out', hs: ['8517.13'] } },
  },
  stacking: {
    combine: { 'Section 301': 'max' },
    exclusions: [{ when: 'Section 232', removes: ['IEEPA reciprocal'], importer: 'US', note: 'EO 14257' }],
  },
  measures: [
    tariff(
      's301-a',
      'Section 301',
      { lists: ['s301-a'] },
      [{ from: '2018-07-06', rate_pct: 25 }],
      [{ date: '2018-07-06', status: 'in_force' }],
    ),
    tariff(
      's301-b',
      'Section 301',
      { lists: ['s301-b'] },
      [
        { from: '2019-09-01', rate_pct: 15 },
        { from: '2020-02-14', rate_pct: 7.5 },
      ],
      [
        { date: '2019-09-01', status: 'in_force' },
        { date: '2020-02-14', status: 'lowered' },
      ],
    ),
    tariff(
      'fent',
      'IEEPA fentanyl',
      { all: true },
      [
        { from: '2025-02-04', rate_pct: 10 },
        { from: '2025-03-04', rate_pct: 20 },
      ],
      [
        { date: '2025-02-01', status: 'announced' },
        { date: '2025-02-04', status: 'in_force' },
        { date: '2025-03-04', status: 'raised' },
      ],
    ),
    tariff(
      'recip',
      'IEEPA reciprocal',
      { all: true },
      [
        { from: '2025-04-05', rate_pct: 10 },
        { from: '2025-04-10', rate_pct: 125 },
        { from: '2025-05-14', rate_pct: 34, suspended_pct: 24, suspended_until: '2025-08-12' },
      ],
      [
        { date: '2025-04-02', status: 'announced' },
        { date: '2025-04-05', status: 'in_force' },
        { date: '2025-04-10', status: 'raised' },
        { date: '2025-05-14', status: 'lowered' },
      ],
    ),
    tariff(
      's232',
      'Section 232',
      { hs: ['73'] },
      [
        { from: '2025-03-12', rate_pct: 25 },
        { from: '2025-06-04', rate_pct: 50 },
      ],
      [
        { date: '2025-03-12', status: 'in_force' },
        { date: '2025-06-04', status: 'raised' },
      ],
      { target: 'ALL' },
    ),
    tariff(
      'bounded',
      'Temporary',
      { hs: ['5555'] },
      [{ from: '2025-01-01', rate_pct: 5 }],
      [{ date: '2025-01-01', status: 'in_force' }],
      {
        effective: '2025-02-01',
        expires: '2025-03-01',
      },
    ),
    tariff(
      'walk',
      'Status walk',
      { hs: ['6666'] },
      [{ from: '2025-01-01', rate_pct: 7 }],
      [
        { date: '2025-01-01', status: 'announced' },
        { date: '2025-01-02', status: 'scheduled' },
        { date: '2025-01-03', status: 'in_force' },
        { date: '2025-01-04', status: 'suspended' },
        { date: '2025-01-05', status: 'raised' },
        { date: '2025-01-06', status: 'superseded' },
        { date: '2025-01-07', status: 'lowered' },
        { date: '2025-01-08', status: 'rolled_back' },
        { date: '2025-01-09', status: 'extended' },
        { date: '2025-01-10', status: 'expired' },
      ],
    ),
    // Targets Viet Nam only: must never show on goods from China.
    tariff(
      'vn-only',
      'IEEPA reciprocal',
      { all: true },
      [{ from: '2025-04-05', rate_pct: 46 }],
      [{ date: '2025-04-05', status: 'in_force' }],
      {
        target: 'VN',
      },
    ),
    {
      id: 'annex2',
      kind: 'tariff_exemption',
      actor: 'US',
      target: 'ALL',
      title: 'Annex II',
      authority: 'IEEPA reciprocal',
      scope: { lists: ['annex2'] },
      removes: ['IEEPA reciprocal'],
      status: [{ date: '2025-04-05', status: 'in_force' }],
      sources: SRC,
    },
    {
      id: 'electronics',
      kind: 'tariff_exemption',
      actor: 'US',
      target: 'CN',
      title: 'Electronics carve-out',
      authority: 'IEEPA reciprocal',
      scope: { groups: ['electronics'] },
      removes: ['IEEPA reciprocal'],
      status: [{ date: '2025-04-11', status: 'in_force' }],
      sources: SRC,
    },
  ],
});

const tiny = loadObject(TINY, { 'universe.csv': UNIVERSE + '\n' });

const stack = (product: string, date: string, scn: Scenario = tiny) =>
  tariffStack(scn, { importer: 'US', exporter: 'CN', product, date });
const ids = (layers: { measure_id: string; rate_pct: number }[]) =>
  layers.map((l) => `${l.measure_id}=${l.rate_pct}`).sort();

describe('tariffStack: stacking rules on a hand-made scenario', () => {
  test('layers of different authorities add', () => {
    // 2025-06-11, a plain line: fentanyl 20 + reciprocal (34 - 24 suspended) 10 = 30
    const s = stack('1234560000', '2025-06-11');
    assert.deepEqual(ids(s.layers), ['fent=20', 'recip=10']);
    assert.equal(s.total_pct, 30);
    // the VN-only measure does not touch goods from CN
    assert.ok(![...s.layers, ...s.removed, ...s.partial].some((l) => l.measure_id === 'vn-only'));
  });

  test('a measure targeting another partner applies to that partner only', () => {
    // VN on 2025-06-11: vn-only 46 (reciprocal); the CN measures (target CN) do not apply; s232 targets ALL but not this line.
    const s = tariffStack(tiny, {
      importer: 'US',
      exporter: 'VN',
      product: '1234560000',
      date: '2025-06-11',
    });
    assert.deepEqual(ids(s.layers), ['vn-only=46']);
    assert.equal(s.total_pct, 46);
  });

  test('overlapping Section 301 lists take the highest; the lower is removed with a reason', () => {
    // 2025-06-11: list A 25, list B 7.5 -> max 25; + fentanyl 20 + reciprocal 10 = 55
    const s = stack('1111110010', '2025-06-11');
    assert.deepEqual(ids(s.layers), ['fent=20', 'recip=10', 's301-a=25']);
    assert.equal(s.total_pct, 55);
    const rm = s.removed.find((r) => r.measure_id === 's301-b');
    assert.ok(rm, 'list B is reported as removed');
    assert.equal(rm.rate_pct, 7.5);
    assert.match(rm.reason, /s301-a/);
    assert.match(rm.reason, /highest/);
    // 2019-12-01: A 25, B 15 -> 25 (no IEEPA yet)
    assert.equal(stack('1111110010', '2019-12-01').total_pct, 25);
    // 2018-08-01: only A exists -> 25, nothing removed
    const early = stack('1111110010', '2018-08-01');
    assert.equal(early.total_pct, 25);
    assert.equal(early.removed.length, 0);
    // list B alone: 7.5 + 20 + 10 = 37.5
    assert.equal(stack('2222220100', '2025-06-11').total_pct, 37.5);
  });

  test('max takes the higher whichever measure is listed first', () => {
    const reordered = loadObject(
      { ...TINY, measures: [...(TINY.measures as object[])].reverse() },
      { 'universe.csv': UNIVERSE + '\n' },
    );
    const s = stack('1111110010', '2025-06-11', reordered);
    assert.equal(s.total_pct, 55); // 25 + 20 + 10
    assert.ok(s.layers.some((l) => l.measure_id === 's301-a'));
  });

  test('a Section 232 layer removes the IEEPA reciprocal layer but not the fentanyl layer', () => {
    // 2025-06-11, steel line: 232 50 + fentanyl 20; reciprocal 10 removed -> 70
    const s = stack('7300000010', '2025-06-11');
    assert.deepEqual(ids(s.layers), ['fent=20', 's232=50']);
    assert.equal(s.total_pct, 70);
    const rm = s.removed.find((r) => r.measure_id === 'recip');
    assert.ok(rm);
    assert.equal(rm.rate_pct, 10);
    assert.match(rm.reason, /Section 232/);
    // 2025-04-10: 232 25 + fentanyl 20 = 45 (reciprocal 125 removed)
    assert.equal(stack('7300000010', '2025-04-10').total_pct, 45);
    // 2025-03-11: no 232 yet, no reciprocal yet: fentanyl 20 only
    assert.equal(stack('7300000010', '2025-03-11').total_pct, 20);
  });

  test('an exemption list removes exactly the layers it names', () => {
    // Annex II line, 2025-04-10: fentanyl 20; reciprocal 125 exempt -> 20
    const a = stack('9999990000', '2025-04-10');
    assert.deepEqual(ids(a.layers), ['fent=20']);
    assert.equal(a.total_pct, 20);
    const rm = a.removed.find((r) => r.measure_id === 'recip');
    assert.ok(rm);
    assert.match(rm.reason, /annex2/);
    // Electronics (HS prefix group), carve-out in force from 2025-04-11:
    // 2025-04-10: 301 A 25 + fentanyl 20 + reciprocal 125 = 170
    assert.equal(stack('8517130000', '2025-04-10').total_pct, 170);
    // 2025-04-11: reciprocal removed, 301 and fentanyl stay: 25 + 20 = 45
    const e = stack('8517130000', '2025-04-11');
    assert.deepEqual(ids(e.layers), ['fent=20', 's301-a=25']);
    assert.equal(e.total_pct, 45);
    assert.match(e.removed.find((r) => r.measure_id === 'recip')!.reason, /electronics/);
    // the coarse code 8517.13 is fully inside the group (reciprocal removed), but list A names only the HTS8
    // line 8517.13.00 under it: list A is partial there and not counted -> fentanyl 20 only
    const coarse = stack('8517.13', '2025-04-11');
    assert.equal(coarse.total_pct, 20);
    assert.deepEqual(
      coarse.partial.map((l) => l.measure_id),
      ['s301-a'],
    );
  });

  test('the suspended part of a rate is not counted and comes back after suspended_until', () => {
    // 2025-05-13: 125 in force; 2025-05-14: 34 statutory, 24 suspended -> 10 applied
    assert.equal(stack('1234560000', '2025-05-13').total_pct, 145); // 20 + 125
    const s = stack('1234560000', '2025-05-14');
    const r = s.layers.find((l) => l.measure_id === 'recip')!;
    assert.equal(r.statutory_pct, 34);
    assert.equal(r.suspended_pct, 24);
    assert.equal(r.rate_pct, 10);
    assert.equal(s.total_pct, 30); // 20 + 10
    // day before the suspension lapses: still 10; on suspended_until: 34 in full -> 20 + 34 = 54
    assert.equal(stack('1234560000', '2025-08-11').total_pct, 30);
    const after = stack('1234560000', '2025-08-12');
    assert.equal(after.layers.find((l) => l.measure_id === 'recip')!.rate_pct, 34);
    assert.equal(after.total_pct, 54);
  });

  test('statuses: only in_force / raised / lowered / extended count', () => {
    // walk: rate 7, status changes daily from 2025-01-01; fentanyl/reciprocal not yet in force
    const expected: [string, string, number][] = [
      ['2024-12-31', 'before any status', 0],
      ['2025-01-01', 'announced', 0],
      ['2025-01-02', 'scheduled', 0],
      ['2025-01-03', 'in_force', 7],
      ['2025-01-04', 'suspended', 0],
      ['2025-01-05', 'raised', 7],
      ['2025-01-06', 'superseded', 0],
      ['2025-01-07', 'lowered', 7],
      ['2025-01-08', 'rolled_back', 0],
      ['2025-01-09', 'extended', 7],
      ['2025-01-10', 'expired', 0],
      ['2025-06-01', 'expired (later)', 0],
    ];
    for (const [date, status, total] of expected) {
      const s = stack('6666000000', date);
      const walk = s.layers.filter((l) => l.measure_id === 'walk');
      assert.equal(walk.length, total ? 1 : 0, `${date} ${status}`);
      assert.equal(
        walk.reduce((t, l) => t + l.rate_pct, 0),
        total,
        `${date} ${status}`,
      );
      if (total === 0 && date >= '2025-01-01') {
        const rm = s.removed.find((r) => r.measure_id === 'walk');
        assert.ok(rm, `${date}: a measure that touches the product but is ${status} is reported as removed`);
        assert.match(rm.reason, new RegExp(status.split(' ')[0].replace(/_/g, ' ')));
      }
    }
    // fentanyl announced 2025-02-01 but in force from 2025-02-04
    assert.equal(stack('1234560000', '2025-02-03').total_pct, 0);
    assert.equal(stack('1234560000', '2025-02-04').total_pct, 10);
  });

  test('effective / expires bounds', () => {
    // status in_force from 2025-01-01 but effective 2025-02-01, expires 2025-03-01 (exclusive); fentanyl 10 from 02-04, 20 from 03-04
    const pre = stack('5555000000', '2025-01-31');
    assert.equal(
      pre.layers.some((l) => l.measure_id === 'bounded'),
      false,
    );
    // the reason names the effective date (not "not in force: in force since ...")
    assert.match(
      pre.removed.find((r) => r.measure_id === 'bounded')!.reason,
      /^not in force yet: effective from 2025-02-01$/,
    );
    assert.equal(stack('5555000000', '2025-02-01').total_pct, 5); // bounded 5, no fentanyl yet
    assert.equal(stack('5555000000', '2025-02-28').total_pct, 15); // 5 + fentanyl 10
    const s = stack('5555000000', '2025-03-01'); // expires: fentanyl 10 only
    assert.equal(s.total_pct, 10);
    assert.match(s.removed.find((r) => r.measure_id === 'bounded')!.reason, /expired since 2025-03-01/);
  });

  test('rate steps change on their from date (inclusive)', () => {
    assert.equal(stack('1234560000', '2025-03-03').total_pct, 10); // fentanyl 10
    assert.equal(stack('1234560000', '2025-03-04').total_pct, 20); // fentanyl 20
    assert.equal(stack('1234560000', '2025-04-09').total_pct, 30); // 20 + 10
    assert.equal(stack('1234560000', '2025-04-10').total_pct, 145); // 20 + 125
    assert.equal(stack('7300000010', '2025-06-03').total_pct, 45); // 232 25 + 20
    assert.equal(stack('7300000010', '2025-06-04').total_pct, 70); // 232 50 + 20
    assert.equal(
      stack('7300000010', '2025-06-04').layers.find((l) => l.measure_id === 's232')!.since,
      '2025-06-04',
    );
  });

  test('partial coverage of a coarse code is reported and not counted', () => {
    // list B lists HTS8 22222201 only: the HS6 query 222222 is partly covered
    const s = stack('222222', '2025-06-11');
    assert.deepEqual(
      s.partial.map((l) => l.measure_id),
      ['s301-b'],
    );
    assert.equal(s.total_pct, 30); // fentanyl 20 + reciprocal 10; list B not counted
    assert.ok(!s.layers.some((l) => l.measure_id === 's301-b'));
    // the fully listed line counts it, the unlisted line does not see it at all
    assert.equal(stack('2222220100', '2025-06-11').total_pct, 37.5);
    const none = stack('2222220200', '2025-06-11');
    assert.equal(none.total_pct, 30);
    assert.equal(none.partial.length, 0);
    // a partial exemption (chapter 99 query vs Annex II at HS6) leaves the reciprocal layer in `partial`, not counted
    const p = stack('99', '2025-06-11');
    assert.ok(p.partial.some((l) => l.measure_id === 'recip'));
    assert.equal(p.total_pct, 20);
  });

  test('dots in a product code are ignored; a bad code throws', () => {
    assert.equal(stack('1111.11.00.10', '2025-06-11').total_pct, stack('1111110010', '2025-06-11').total_pct);
    assert.throws(() => stack('12a4', '2025-06-11'), /not an HS code/);
  });
});

describe('productStacks', () => {
  test('expands a code into the universe lines and groups identical stacks', () => {
    // 222222 on 2025-06-11: 2222220100 -> 7.5 + 20 + 10 = 37.5; 2222220200 -> 30
    const p = productStacks(tiny, { importer: 'US', exporter: 'CN', product: '2222.22', date: '2025-06-11' });
    assert.equal(p.line_count, 2);
    assert.equal(p.stacks.length, 2);
    assert.equal(
      p.stacks.reduce((t, g) => t + g.line_count, 0),
      p.line_count,
    );
    assert.equal(p.min_total_pct, 30);
    assert.equal(p.max_total_pct, 37.5);
    assert.deepEqual(p.stacks.find((g) => g.total_pct === 37.5)!.lines, ['2222220100']);
    // 1111: two lines with identical stacks (25 + 20 + 10 = 55) -> one group of 2
    const q = productStacks(tiny, { importer: 'US', exporter: 'CN', product: '1111', date: '2025-06-11' });
    assert.equal(q.line_count, 2);
    assert.equal(q.stacks.length, 1);
    assert.equal(q.stacks[0].line_count, 2);
    assert.equal(q.stacks[0].total_pct, 55);
    assert.equal(q.min_total_pct, 55);
    assert.equal(q.max_total_pct, 55);
  });

  test('a whole chapter and a group; a code with no known lines is asked as itself', () => {
    // All ten universe lines: counts add up, min/max are those of the groups
    const all = ['1111', '2222', '5555', '6666', '7300', '8517', '9999', '1234'];
    let lines = 0;
    for (const c of all)
      lines += productStacks(tiny, {
        importer: 'US',
        exporter: 'CN',
        product: c,
        date: '2025-06-11',
      }).line_count;
    assert.equal(lines, 10);
    const g = productStacks(tiny, {
      importer: 'US',
      exporter: 'CN',
      group: 'electronics',
      date: '2025-06-11',
    });
    assert.equal(g.line_count, 1);
    assert.equal(g.stacks[0].total_pct, 45); // 301 A 25 + fentanyl 20
    const unknown = productStacks(tiny, {
      importer: 'US',
      exporter: 'CN',
      product: '4444',
      date: '2025-06-11',
    });
    assert.equal(unknown.line_count, 1);
    assert.deepEqual(unknown.stacks[0].lines, ['4444']);
    assert.throws(
      () => productStacks(tiny, { importer: 'US', exporter: 'CN', group: 'nope', date: '2025-06-11' }),
      /unknown product group/,
    );
  });

  test('invariant: line counts add up and min/max bound every group (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('1111', '2222', '7300', '8517', '9999', '1234', '222222'),
        fc.integer({ min: 0, max: 900 }),
        (code, off) => {
          const date = addDays('2024-12-01', off);
          const p = productStacks(tiny, { importer: 'US', exporter: 'CN', product: code, date });
          assert.equal(
            p.stacks.reduce((t, g) => t + g.line_count, 0),
            p.line_count,
          );
          for (const g of p.stacks) {
            assert.ok(g.total_pct >= p.min_total_pct && g.total_pct <= p.max_total_pct);
            assert.equal(
              g.total_pct,
              g.layers.reduce((t, l) => t + l.rate_pct, 0),
            );
            for (const line of g.lines)
              assert.equal(
                tariffStack(tiny, { importer: 'US', exporter: 'CN', product: line, date }).total_pct,
                g.total_pct,
              );
          }
        },
      ),
      { numRuns: 150, seed: 42 },
    );
  });
});

// ---------------------------------------------------------------------------------------------

function checkScheduleAgainstStack(
  scn: Scenario,
  importer: string,
  exporter: string,
  lines: string[],
  from: string,
  to: string,
  runs: number,
  seed: number,
) {
  const sched = compileTariffSchedule(scn, { importer, exporter, lines });
  const span = toEpochDay(to) - toEpochDay(from);
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: span }),
      fc.array(fc.integer({ min: 0, max: lines.length - 1 }), { minLength: 1, maxLength: 8 }),
      (off, picks) => {
        const date = fromEpochDay(toEpochDay(from) + off);
        const { total } = sched.ratesAt(date);
        for (const i of picks) {
          const s = tariffStack(scn, { importer, exporter, product: lines[i], date });
          assert.ok(
            Math.abs(total[i] - s.total_pct) < 1e-9,
            `${lines[i]} on ${date}: schedule ${total[i]} vs stack ${s.total_pct}`,
          );
        }
      },
    ),
    { numRuns: runs, seed },
  );
  return sched;
}

/** Totals are constant from each breakpoint up to the day before the next one. */
function checkBreakpoints(sched: ReturnType<typeof compileTariffSchedule>, from: string, to: string) {
  const bps = sched.breakpoints;
  for (let k = 0; k < bps.length; k++)
    assert.ok(k === 0 || bps[k - 1] < bps[k], 'breakpoints are sorted and unique');
  // segments: [from, bp0), [bp0, bp1), ..., [bpN, to]
  const starts = [from, ...bps.filter((b) => b > from && b <= to)];
  for (let k = 0; k < starts.length; k++) {
    const a = starts[k];
    const b = k + 1 < starts.length ? addDays(starts[k + 1], -1) : to;
    if (b < a) continue;
    const mid = fromEpochDay(Math.floor((toEpochDay(a) + toEpochDay(b)) / 2));
    const ta = sched.ratesAt(a).total;
    const tm = sched.ratesAt(mid).total;
    const tb = sched.ratesAt(b).total;
    assert.deepEqual(tm, ta, `totals change inside [${a}, ${b}] (at ${mid})`);
    assert.deepEqual(tb, ta, `totals change inside [${a}, ${b}] (at ${b})`);
  }
}

describe('compileTariffSchedule', () => {
  const tinyLines = tiny.products.universe.US;

  test('hand-checked totals on the small scenario', () => {
    const sched = compileTariffSchedule(tiny, { importer: 'US', exporter: 'CN', lines: tinyLines });
    const t = sched.ratesAt('2025-06-11').total;
    const at = (line: string) => t[sched.lines.indexOf(line)];
    assert.equal(at('1111110010'), 55); // 25 + 20 + 10
    assert.equal(at('2222220100'), 37.5); // 7.5 + 20 + 10
    assert.equal(at('7300000010'), 70); // 50 + 20
    assert.equal(at('8517130000'), 45); // 25 + 20
    assert.equal(at('9999990000'), 20); // 20
    // breakpoints include the dates where totals change
    for (const d of [
      '2025-03-04',
      '2025-04-10',
      '2025-05-14',
      '2025-08-12',
      '2025-04-11',
      '2025-03-01',
      '2025-02-01',
    ])
      assert.ok(sched.breakpoints.includes(d), d);
  });

  test('same totals as tariffStack line by line (property, small scenario incl. coarse codes)', () => {
    checkScheduleAgainstStack(
      tiny,
      'US',
      'CN',
      [...tinyLines, '222222', '1111', '73', '8517.13', '8517', '99'],
      '2018-01-01',
      '2026-12-31',
      300,
      7,
    );
  });

  test('totals constant between breakpoints (small scenario)', () => {
    const sched = compileTariffSchedule(tiny, { importer: 'US', exporter: 'CN', lines: tinyLines });
    checkBreakpoints(sched, '2017-01-01', '2027-01-01');
  });

  const london = loadScenarioSync('us-china');

  test('same totals as tariffStack line by line (property, us-china US on CN)', () => {
    checkScheduleAgainstStack(
      london,
      'US',
      'CN',
      london.products.universe.US,
      '2018-01-01',
      '2026-12-31',
      60,
      11,
    );
  });

  test('same totals as tariffStack line by line (property, us-china CN on US)', () => {
    const lines = [
      ...new Set(
        Object.values(london.products.lists)
          .flatMap((l) => l.codes)
          .filter((c) => c.length === 8),
      ),
    ].slice(0, 3000);
    checkScheduleAgainstStack(
      london,
      'CN',
      'US',
      [...lines, '1201', '2701', '2709'],
      '2025-01-01',
      '2026-12-31',
      60,
      13,
    );
  });

  test('totals constant between breakpoints (us-china US on CN)', () => {
    const sched = compileTariffSchedule(london, {
      importer: 'US',
      exporter: 'CN',
      lines: london.products.universe.US,
    });
    checkBreakpoints(sched, '2018-01-01', '2026-12-31');
  });
});

describe('withTariffOverride', () => {
  test('sets a layer from a date and leaves the input unchanged', () => {
    const before = JSON.stringify(tiny);
    const w = withTariffOverride(tiny, {
      importer: 'US',
      exporter: 'CN',
      authority: 'IEEPA reciprocal',
      pct: 125,
      from: '2025-06-01',
    });
    assert.equal(JSON.stringify(tiny), before, 'input scenario unchanged');
    // after: 20 + 125 = 145; before the override date: unchanged (2025-05-20: 20 + 10 = 30)
    assert.equal(stack('1234560000', '2025-06-11', w).total_pct, 145);
    assert.equal(stack('1234560000', '2025-05-20', w).total_pct, 30);
    assert.equal(stack('1234560000', '2025-06-11').total_pct, 30, 'original still answers 30');
    // the VN measure is another target and is left alone
    assert.equal(
      tariffStack(w, { importer: 'US', exporter: 'VN', product: '1234560000', date: '2025-06-11' }).total_pct,
      46,
    );
    // the exclusions still apply to the overridden layer: steel = 50 + 20
    assert.equal(stack('7300000010', '2025-06-11', w).total_pct, 70);
  });

  test('a new authority adds an economy-wide measure; a negative rate is refused', () => {
    const w = withTariffOverride(tiny, {
      importer: 'US',
      exporter: 'CN',
      authority: 'Section 122',
      pct: 15,
      from: '2025-06-01',
    });
    assert.equal(w.measures.length, tiny.measures.length + 1);
    assert.equal(stack('1234560000', '2025-06-11', w).total_pct, 45); // 30 + 15
    assert.equal(stack('1234560000', '2025-05-31', w).total_pct, 30);
    assert.throws(
      () =>
        withTariffOverride(tiny, {
          importer: 'US',
          exporter: 'CN',
          authority: 'x',
          pct: -1,
          from: '2025-06-01',
        }),
      /rate must be/,
    );
    assert.throws(
      () =>
        withTariffOverride(tiny, {
          importer: 'US',
          exporter: 'CN',
          authority: 'x',
          pct: NaN,
          from: '2025-06-01',
        }),
      /rate must be/,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Section 232 on metal content: a layer that taxes a share of the value (value_share).

const METAL = baseScenario({
  products: {
    universe: { US: { file: 'universe.csv', column: 'hs10', sources: SRC } },
    lists: {
      deriv: { title: 'derivatives', codes: ['8302'], sources: SRC },
      content: {
        title: 'metal content',
        file: 'content.csv',
        column: 'hs10',
        share_column: 'share',
        sources: SRC,
      },
    },
  },
  stacking: {
    combine: { 'Section 232': 'max' },
    exclusions: [{ when: 'Section 232', removes: ['IEEPA reciprocal'] }],
  },
  measures: [
    tariff(
      'fent',
      'IEEPA fentanyl',
      { all: true },
      [{ from: '2025-02-04', rate_pct: 20 }],
      [{ date: '2025-02-04', status: 'in_force' }],
    ),
    tariff(
      'recip',
      'IEEPA reciprocal',
      { all: true },
      [{ from: '2025-04-05', rate_pct: 10 }],
      [{ date: '2025-04-05', status: 'in_force' }],
    ),
    tariff(
      'steel',
      'Section 232',
      { hs: ['73'] },
      [{ from: '2025-06-04', rate_pct: 50 }],
      [{ date: '2025-06-04', status: 'in_force' }],
    ),
    tariff(
      'deriv',
      'Section 232',
      { lists: ['deriv'] },
      [{ from: '2025-06-04', rate_pct: 50 }],
      [{ date: '2025-06-04', status: 'in_force' }],
      { value_share: { list: 'content', note: 'steel content' } },
    ),
    tariff(
      'parts',
      'Section 232',
      { hs: ['8302000020'] },
      [{ from: '2025-06-04', rate_pct: 25 }],
      [{ date: '2025-06-04', status: 'in_force' }],
    ),
  ],
});
const METAL_FILES = {
  'universe.csv': 'hs10\n7300000010\n8302000010\n8302000020\n8302000030\n8302000040\n',
  // 8302000040 is not on the share list: its derivative duty is on the whole value
  'content.csv': 'hs10,share\n8302000010,0.4\n8302000020,0.4\n8302000030,0\n',
};
const metal = loadObject(METAL, METAL_FILES);

describe('value_share: Section 232 on the metal content of a line', () => {
  const at = (p: string) =>
    tariffStack(metal, { importer: 'US', exporter: 'CN', product: p, date: '2025-08-20' });
  const by = (p: string) => Object.fromEntries(at(p).layers.map((l) => [l.measure_id, l.rate_pct]));

  test('total = share x 232 + (1 - share) x the layers 232 excludes + the others', () => {
    // 50 x 0.4 = 20 on the metal; reciprocal 10 x 0.6 = 6 on the rest; fentanyl 20 on all
    assert.deepEqual(by('8302000010'), { fent: 20, recip: 6, deriv: 20 });
    assert.equal(at('8302000010').total_pct, 46);
    const d = at('8302000010').layers.find((l) => l.measure_id === 'deriv')!;
    assert.equal(d.value_share, 0.4);
    assert.equal(d.statutory_pct, 50);
    assert.match(d.note!, /50% on 40% of the value \(content: steel content\)/);
    const r = at('8302000010').layers.find((l) => l.measure_id === 'recip')!;
    assert.equal(r.value_share, 0.6);
    assert.match(r.note!, /on the 60% of the value outside Section 232 \(deriv\)/);
  });

  test('a full-value 232 layer still removes the excluded layers', () => {
    assert.deepEqual(by('7300000010'), { fent: 20, steel: 50 });
    assert.ok(at('7300000010').removed.some((x) => x.measure_id === 'recip'));
  });

  test('max picks the larger contribution: parts 25% on the whole value beat 50% on 40%, and take all the value', () => {
    assert.deepEqual(by('8302000020'), { fent: 20, parts: 25 });
    const removed = at('8302000020')
      .removed.map((x) => x.measure_id)
      .sort();
    assert.deepEqual(removed, ['deriv', 'recip']);
  });

  test('a zero share taxes nothing and leaves the whole value to the reciprocal layer; an unlisted line pays on all of it', () => {
    assert.equal(at('8302000030').total_pct, 30); // 0 + 10 + 20
    assert.deepEqual(by('8302000040'), { fent: 20, deriv: 50 });
  });

  test('the compiled schedule gives the same totals', () => {
    const lines = ['7300000010', '8302000010', '8302000020', '8302000030', '8302000040'];
    const sched = compileTariffSchedule(metal, { importer: 'US', exporter: 'CN', lines });
    for (const d of ['2025-05-01', '2025-08-20']) {
      const { total } = sched.ratesAt(d);
      lines.forEach((c, i) =>
        assert.equal(
          total[i],
          tariffStack(metal, { importer: 'US', exporter: 'CN', product: c, date: d }).total_pct,
          `${c} ${d}`,
        ),
      );
    }
  });

  test('bad input: a share outside [0, 1] and a value_share list without shares are located errors', () => {
    assert.throws(
      () => loadObject(METAL, { ...METAL_FILES, 'content.csv': 'hs10,share\n8302000010,1.4\n' }),
      /content\.csv line 2: "1\.4" in column share is not a share in \[0, 1\]/,
    );
    const noShares = structuredClone(METAL) as { products: { lists: { content: Record<string, unknown> } } };
    delete noShares.products.lists.content.share_column;
    assert.throws(() => loadObject(noShares, METAL_FILES), /value_share[\s\S]*has no share_column/);
  });

  // share_by: one share per value of a column (the forced-labour end-use lines, condition aircraft -> 0.1)
  const BY_FILES = {
    ...METAL_FILES,
    'content.csv': 'hs10,kind\n8302000010,air\n8302000020,pharma\n8302000030,full\n',
  };
  const shareBy = (shares: Record<string, number>, extra: Record<string, unknown> = {}) => {
    const s = structuredClone(METAL) as { products: { lists: { content: Record<string, unknown> } } };
    delete s.products.lists.content.share_column;
    Object.assign(s.products.lists.content, {
      where: { kind: ['air', 'pharma'] },
      share_by: { column: 'kind', shares },
      ...extra,
    });
    return s;
  };

  test('share_by: each row takes the share of its value in the column; rows outside `where` are not listed', () => {
    const s = loadObject(shareBy({ air: 0.1, pharma: 0.5 }), BY_FILES);
    assert.deepEqual(s.products.lists.content.codes, ['8302000010', '8302000020']);
    assert.deepEqual(s.products.lists.content.shares, { '8302000010': 0.1, '8302000020': 0.5 });
    // the derivative layer (50%) on 10% of the value, the rest to the reciprocal layer
    const st = tariffStack(s, { importer: 'US', exporter: 'CN', product: '8302000010', date: '2025-08-20' });
    assert.equal(st.layers.find((l) => l.measure_id === 'deriv')?.rate_pct, 5);
  });

  test('share_by bad input: a value without a share, a share outside [0, 1], both share_column and share_by', () => {
    assert.throws(
      () => loadObject(shareBy({ air: 0.1 }), BY_FILES),
      /content\.csv line 3: "pharma" in column kind has no share in share_by\.shares \(air\)/,
    );
    assert.throws(() => loadObject(shareBy({ air: 0.1, pharma: 1.5 }), BY_FILES), /share_by[\s\S]*1/);
    assert.throws(
      () => loadObject(shareBy({ air: 0.1, pharma: 0.5 }, { share_column: 'kind' }), BY_FILES),
      /share_column` or by `share_by`, not both/,
    );
  });
});
