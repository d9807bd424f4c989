import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  effectiveRate,
  aggregateRowsToLines,
  linesMatching,
  stepSeries,
  periods,
  effectiveRateSeries,
  HS_SECTIONS,
  sectionIndex,
  stackDistribution,
  checkClaim,
  mostCommonStack,
} from '../../src/trade/index.ts';
import type { ScheduleLike, BaseWeights, ClaimContext, EffectiveRate } from '../../src/trade/index.ts';

const close = (a: number, b: number, tol = 1e-9) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);
const f = (xs: number[]) => Float64Array.from(xs);

// Hand-made table: 3 lines, weights 100/200/700; authorities A, B.
// line0 (0101..., section I):  A 10, B 0   -> total 10
// line1 (8505..., section XVI): A 10, B 25  -> total 35
// line2 (8505..., section XVI): none        -> total 0
const lines = ['0101210000', '8505110000', '8505190000'];
const base = {
  weights_usd: f([100, 200, 700]),
  rates: { authorities: ['A', 'B'], byAuthority_pct: f([10, 0, 10, 25, 0, 0]), total_pct: f([10, 35, 0]) },
  duties_usd: f([5, 20, 0]),
  sectionOf: sectionIndex(lines),
  sections: HS_SECTIONS,
  groups: [{ name: 'magnets', lines: linesMatching(lines, ['8505.11']) }],
};

describe('effective rate on a hand-made table', () => {
  const r = effectiveRate(base);
  test('average, coverage, revenue, realized', () => {
    close(r.base_usd, 1000);
    close(r.average_pct, 8); // (100*10 + 200*35) / 1000
    close(r.coverage_share, 0.3);
    close(r.rate_on_covered_pct, 8000 / 300);
    close(r.revenue_usd, 80);
    close(r.max_line_pct, 35);
    close(r.realized_pct!, 2.5);
    close(r.stacking_residual_pct, 0);
    assert.equal(r.mfn_pct, null);
  });
  test('by authority', () => {
    const [a, b] = r.by_authority;
    close(a.average_pct, 3);
    close(a.coverage_share, 0.3);
    close(a.rate_on_covered_pct, 10);
    close(b.average_pct, 5);
    close(b.coverage_share, 0.2);
    close(b.revenue_usd, 50);
  });
  test('by section and group', () => {
    const xvi = r.by_section.find((s) => s.name === 'XVI')!;
    close(xvi.base_usd, 900);
    close(xvi.average_pct, 7000 / 900);
    close(xvi.coverage_share, 200 / 900);
    const i = r.by_section.find((s) => s.name === 'I')!;
    close(i.average_pct, 10);
    assert.equal(r.by_group[0].name, 'magnets');
    close(r.by_group[0].average_pct, 35);
    close(r.by_group[0].share_of_base, 0.2);
  });
  test('MFN included when given, and stated', () => {
    const m = effectiveRate({ ...base, mfn_pct: f([2, 3, 1]) });
    close(m.average_pct, 9.5);
    close(m.additional_pct, 8);
    close(m.mfn_pct!, 1.5);
    close(m.max_line_pct, 38);
    close(m.revenue_usd, 95);
  });
  test('shape errors name the array', () => {
    assert.throws(
      () => effectiveRate({ ...base, weights_usd: f([1, 2]) }),
      /total_pct has 3 lines, weights_usd has 2/,
    );
  });
});

test('row aggregation equals per-line weights (property)', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.integer({ min: -1, max: 4 }), fc.integer({ min: 0, max: 1000 })), {
        maxLength: 200,
      }),
      (rows) => {
        const agg = aggregateRowsToLines(Int32Array.from(rows.map((r) => r[0])), f(rows.map((r) => r[1])), 5);
        for (let i = 0; i < 5; i++)
          close(
            agg.weights_usd[i],
            rows.filter((r) => r[0] === i).reduce((s, r) => s + r[1], 0),
          );
        close(
          agg.unmatched_usd,
          rows.filter((r) => r[0] < 0).reduce((s, r) => s + r[1], 0),
        );
      },
    ),
    { numRuns: 200, seed: 3 },
  );
});

test('average is bounded by min and max line totals and linear in rates (property)', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.tuple(
          fc.double({ min: 0.01, max: 1e6, noNaN: true }),
          fc.double({ min: 0, max: 200, noNaN: true }),
        ),
        { minLength: 1, maxLength: 50 },
      ),
      (rows) => {
        const w = f(rows.map((r) => r[0]));
        const t = f(rows.map((r) => r[1]));
        const e = effectiveRate({
          weights_usd: w,
          rates: { authorities: ['X'], byAuthority_pct: t, total_pct: t },
        });
        const lo = Math.min(...t);
        const hi = Math.max(...t);
        assert.ok(e.average_pct >= lo - 1e-9 && e.average_pct <= hi + 1e-9);
        const d = effectiveRate({
          weights_usd: w,
          rates: { authorities: ['X'], byAuthority_pct: t.map((x) => 2 * x), total_pct: t.map((x) => 2 * x) },
        });
        close(d.average_pct, 2 * e.average_pct, 1e-9 * Math.max(1, hi));
      },
    ),
    { numRuns: 200, seed: 5 },
  );
});

describe('series from breakpoints', () => {
  // One line, one authority: 0 until 2025-02-04, 10 from 2025-02-04, 20 from 2025-03-04.
  let calls = 0;
  const sched: ScheduleLike = {
    lines: ['0101210000'],
    authorities: ['X'],
    breakpoints: ['2025-02-04', '2025-03-04'],
    ratesAt(date: string) {
      calls++;
      const r = date >= '2025-03-04' ? 20 : date >= '2025-02-04' ? 10 : 0;
      return { byAuthority: f([r]), total: f([r]) };
    },
  };
  const w: BaseWeights = {
    importer: 'US',
    exporter: 'CN',
    lines: ['0101210000'],
    weights_usd: f([50]),
    duties_usd: null,
    base_year: 2024,
    description: 'test',
    label: 'test',
    notes: [],
  };
  test('monthly means are day-weighted; evaluated once per segment', () => {
    calls = 0;
    const s = effectiveRateSeries(sched, w, { from: '2025-01-01', to: '2025-03-31', step: 'month' });
    assert.equal(calls, 3);
    assert.deepEqual(
      s.points.map((p) => p.from),
      ['2025-01-01', '2025-02-01', '2025-03-01'],
    );
    close(s.points[0].average_pct, 0);
    close(s.points[1].average_pct, (25 * 10) / 28); // Feb 4..28 at 10%
    close(s.points[2].average_pct, (3 * 10 + 28 * 20) / 31);
    close(s.points[1].average_at_start_pct, 0);
    assert.match(s.basis.mfn_note, /additional duties only/);
    assert.match(s.basis.weights, /fixed base-year weights/);
  });
  test('daily values step on the breakpoint day', () => {
    const s = effectiveRateSeries(sched, w, { from: '2025-02-03', to: '2025-02-05', step: 'day' });
    assert.deepEqual(
      s.points.map((p) => p.average_pct),
      [0, 10, 10],
    );
    assert.deepEqual(
      s.changes.map((c) => c.date),
      ['2025-02-03', '2025-02-04'],
    );
  });
  test('weeks of 7 days, last clipped', () => {
    const p = periods('2025-01-01', '2025-01-20', 'week');
    assert.deepEqual(p, [
      { start: '2025-01-01', end: '2025-01-07' },
      { start: '2025-01-08', end: '2025-01-14' },
      { start: '2025-01-15', end: '2025-01-20' },
    ]);
    assert.throws(() => periods('2025-02-01', '2025-01-01', 'day'), /before --from/);
  });
  test('stepSeries mean equals brute-force daily mean (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 80 }), { maxLength: 6 }),
        fc.constantFrom('day', 'week', 'month') as fc.Arbitrary<'day' | 'week' | 'month'>,
        (offsets, step) => {
          const day0 = Date.UTC(2025, 0, 1);
          const iso = (k: number) => new Date(day0 + k * 86400000).toISOString().slice(0, 10);
          const bps = offsets.sort((a, b) => a - b).map(iso);
          const valueOn = (d: string) => bps.filter((b) => b <= d).length * 3;
          const s = stepSeries(iso(0), iso(89), step, bps, (d) => f([valueOn(d)]));
          s.periods.forEach((p, i) => {
            let sum = 0;
            let n = 0;
            for (
              let d = p.start;
              d <= p.end;
              d = new Date(Date.parse(d) + 86400000).toISOString().slice(0, 10)
            ) {
              sum += valueOn(d);
              n++;
            }
            close(s.mean[i][0], sum / n, 1e-9);
          });
        },
      ),
      { numRuns: 100, seed: 9 },
    );
  });
});

describe('most common stack', () => {
  // 3 small lines at 55 (1 each), one big line at 30 (97): by line count 55 on 75% of the lines,
  // by value 30 on 97% of trade
  const d = stackDistribution(
    ['a', 'b', 'c', 'd'],
    f([1, 1, 1, 97]),
    ['X'],
    f([55, 55, 55, 30]),
    f([55, 55, 55, 30]),
  );
  test('by line count and by value, by hand; ties to the higher total', () => {
    assert.deepEqual(
      mostCommonStack(d.levels.map((l) => ({ total_pct: l.total_pct, share: l.line_share }))),
      {
        total_pct: 55,
        share: 0.75,
      },
    );
    const v = mostCommonStack(d.levels);
    assert.equal(v.total_pct, 30);
    close(v.share, 0.97);
    assert.equal(
      mostCommonStack([
        { total_pct: 10, share: 0.5 },
        { total_pct: 20, share: 0.5 },
      ]).total_pct,
      20,
    );
    assert.deepEqual(mostCommonStack([]), { total_pct: 0, share: 0 });
  });
});

describe('claims check', () => {
  // Distribution: 30% of trade at 55 (10+20+25), 60% at 30 (10+20), 10% at 130 (10+20+100).
  const ls = ['a', 'b', 'c'];
  const wts = f([30, 60, 10]);
  const auth = ['IEEPA fentanyl', 'IEEPA reciprocal', 'Section 301'];
  const byA = f([20, 10, 25, 20, 10, 0, 20, 10, 100]);
  const tot = f([55, 30, 130]);
  const rate: EffectiveRate = effectiveRate({
    weights_usd: wts,
    rates: { authorities: auth, byAuthority_pct: byA, total_pct: tot },
  });
  const ctx: ClaimContext = {
    effective: () => ({
      rate,
      weights: '2024 weights',
      label: '2024 US imports from China',
      mfn: 'additional duties only',
    }),
    distribution: () => stackDistribution(ls, wts, auth, byA, tot),
    stack: () => ({ total_pct: 55, layers: [{ authority: 'Section 301', rate_pct: 25 }] }),
    agreement: (_id, date) =>
      date < '2025-06-26'
        ? {
            status: 'agreed_in_principle',
            approved: false,
            approvals: [
              { by: 'US', role: 'president', status: 'pending' },
              { by: 'CN', role: 'president', status: 'pending' },
            ],
          }
        : { status: 'signed', approved: true, approvals: [] },
    agreementPath: () => [
      { date: '2025-06-10', status: 'agreed_in_principle' },
      { date: '2025-06-26', status: 'signed' },
    ],
  };
  const claim = {
    id: 'trump-55',
    by: 'Donald Trump',
    actor: 'US',
    date: '2025-06-11',
    quote: 'WE ARE GETTING A TOTAL OF 55% TARIFFS',
    asserts: {
      metric: 'tariff_stack' as const,
      importer: 'US',
      exporter: 'CN',
      value_pct: 55,
      decomposition: { 'IEEPA reciprocal': 10, 'IEEPA fentanyl': 20, 'Section 301': 25 },
    },
    sources: ['x'],
  };
  test('"55%" is a top stack on 30% of trade, not the average (hand: .3*55 + .6*30 + .1*130 = 47.5)', () => {
    const c = checkClaim(claim, ctx);
    close(rate.average_pct, 0.3 * 55 + 0.6 * 30 + 0.1 * 130);
    assert.equal(c.verdict, 'top_stack_not_average');
    close(c.found.share_at_claimed as number, 0.3);
    close(c.found.share_at_or_above_claimed as number, 0.4);
    assert.equal(c.found.most_common_by_value_total_pct, 30);
    // per-layer contributions (rate x share of trade at that rate) add up, by hand:
    // reciprocal 10 x 100% = 10.0, fentanyl 20 x 100% = 20.0, Section 301 25 x 30% = 7.5
    // (all of Section 301: 25 x 30% + 100 x 10% = 17.5); 37.5 of 47.5, the other 10.0 is 301 at 100%
    assert.match(
      c.explanation,
      /Section 301 25% on 30% of trade \(25% x 30% = 7\.5 points of the average; all of Section 301: 17\.5 points\)/,
    );
    assert.match(
      c.explanation,
      /IEEPA fentanyl 20% on 100% of trade \(20% x 100% = 20\.0 points of the average\)/,
    );
    assert.match(c.explanation, /together 37\.5 points of the 47\.5% average; the other 10\.0 points/);
    assert.match(c.explanation, /trade-weighted average was 47.5%/);
    assert.equal(c.gap_pp, 7.5);
    assert.match(c.explanation, /The claim is 7\.5 percentage points above the average/);
  });
  test('a claim about a later date is checked on that date and says why', () => {
    const c = checkClaim(
      {
        ...claim,
        date: '2025-10-30',
        asserts: {
          metric: 'tariff_average',
          importer: 'US',
          exporter: 'CN',
          value_pct: 47,
          at: '2025-11-10',
        },
      },
      ctx,
    );
    assert.match(
      c.explanation,
      /^Checked on 2025-11-10, the date the claim refers to \(it was made on 2025-10-30, when it had not yet come\)\./,
    );
    const same = checkClaim({ ...claim, asserts: { ...claim.asserts, metric: 'tariff_average' } }, ctx);
    assert.doesNotMatch(same.explanation, /Checked on/);
  });
  test('a stack that nearly all trade faces matches', () => {
    const c = checkClaim(
      { ...claim, asserts: { metric: 'tariff_stack', importer: 'US', exporter: 'CN', value_pct: 30 } },
      { ...ctx, distribution: () => stackDistribution(ls, f([1, 98, 1]), auth, byA, tot) },
    );
    assert.equal(c.verdict, 'matches');
  });
  test('an average claim is compared with the average', () => {
    const c = checkClaim(
      { ...claim, asserts: { metric: 'tariff_average', importer: 'CN', exporter: 'US', value_pct: 10 } },
      ctx,
    );
    assert.equal(c.verdict, 'understates');
    close(c.gap_pp!, 10 - 47.5);
  });
  test('a claim about a promised rate is checked on the date it refers to (asserts.at)', () => {
    const seen: string[] = [];
    const spy: ClaimContext = {
      ...ctx,
      effective: (i, e, d) => (seen.push(d), ctx.effective(i, e, d)),
      distribution: (i, e, d) => (seen.push(d), ctx.distribution(i, e, d)),
    };
    const c = checkClaim(
      {
        ...claim,
        date: '2025-10-30',
        asserts: {
          metric: 'tariff_average',
          importer: 'US',
          exporter: 'CN',
          value_pct: 47,
          at: '2025-11-10',
        },
      },
      spy,
    );
    assert.deepEqual([...new Set(seen)], ['2025-11-10']);
    assert.equal(c.date, '2025-10-30');
    close(c.gap_pp!, 47 - 47.5);
  });
  test('"the deal is done" before approvals is premature, and says when it was signed', () => {
    const c = checkClaim(
      { ...claim, asserts: { metric: 'agreement_status', agreement: 'london', value_status: 'done' } },
      ctx,
    );
    assert.equal(c.verdict, 'premature');
    assert.match(c.explanation, /2 required approval\(s\) were still outstanding/);
    assert.match(c.explanation, /signed" on 2025-06-26/);
    const later = checkClaim(
      {
        ...claim,
        date: '2025-07-01',
        asserts: { metric: 'agreement_status', agreement: 'london', value_status: 'done' },
      },
      ctx,
    );
    assert.equal(later.verdict, 'matches');
  });
});

test('row scan over many dates equals per-date effectiveRate on aggregated lines, and splits add up (property)', async () => {
  const { accumulateRows, rowAccumulator, finishRows } = await import('../../src/trade/index.ts');
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.integer({ min: -1, max: 3 }), fc.integer({ min: 1, max: 1000 })), {
        minLength: 1,
        maxLength: 100,
      }),
      fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 4 * 2 * 2, maxLength: 4 * 2 * 2 }),
      fc.integer({ min: 0, max: 100 }),
      (rows, cells, cut) => {
        const L = 4;
        const D = 2;
        const A = 2;
        const byAuthority = f(cells); // (i*D + d)*A + a
        const total = new Float64Array(L * D);
        for (let i = 0; i < L; i++)
          for (let d = 0; d < D; d++)
            total[i * D + d] = byAuthority[(i * D + d) * A] + byAuthority[(i * D + d) * A + 1];
        const r = { nLines: L, nDates: D, nAuthorities: A, total, byAuthority };
        const lineOf = Int32Array.from(rows.map((x) => x[0]));
        const value = f(rows.map((x) => x[1]));
        const acc = rowAccumulator(r);
        const k = Math.min(cut, rows.length);
        accumulateRows(lineOf, value, 0, k, r, acc); // two ranges, as two threads would
        accumulateRows(lineOf, value, k, rows.length, r, acc);
        const got = finishRows(r, acc);
        const w = aggregateRowsToLines(lineOf, value, L).weights_usd;
        for (let d = 0; d < D; d++) {
          const ba = new Float64Array(L * A);
          const tt = new Float64Array(L);
          for (let i = 0; i < L; i++) {
            tt[i] = total[i * D + d];
            for (let a = 0; a < A; a++) ba[i * A + a] = byAuthority[(i * D + d) * A + a];
          }
          const e = effectiveRate({
            weights_usd: w,
            rates: { authorities: ['a', 'b'], byAuthority_pct: ba, total_pct: tt },
          });
          close(got.dates[d].average_pct, e.average_pct, 1e-9);
          close(got.dates[d].coverage_share, e.coverage_share, 1e-12);
          close(got.dates[d].by_authority[1].coverage_share, e.by_authority[1].coverage_share, 1e-12);
        }
      },
    ),
    { numRuns: 200, seed: 13 },
  );
});
