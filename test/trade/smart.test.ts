import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  smart,
  cesResponse,
  marketResponse,
  elasticitiesFor,
  DEFAULT_ELASTICITIES,
} from '../../src/trade/index.ts';

const close = (a: number, b: number, tol = 1e-6) =>
  assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b} (tol ${tol})`);
const f = (xs: number[]) => Float64Array.from(xs);
const LN125 = 0.22314355131420976; // ln(1.25)

describe('SMART, 3 suppliers, 25% tariff on A only (hand-computed)', () => {
  // m = [100, 50, 50], t0 = 0, t1 = [0.25, 0, 0], eps_m = -1, sigma = 2, eps_x = Infinity.
  const r = smart(
    { m0: f([100, 50, 50]), t0: f([0, 0, 0]), t1: f([0.25, 0, 0]) },
    { sigma: 2, epsilon_m: -1, epsilon_x: Infinity },
  );
  test('trade creation = eps_m m dt/(1+t0)', () => {
    close(r.suppliers[0].creation, -25);
    close(r.suppliers[1].creation, 0);
    close(r.suppliers[2].creation, 0);
  });
  test('trade diversion = -sigma m_c (ln r_c - mean ln r), sums to zero', () => {
    const mean = 0.5 * LN125;
    close(r.suppliers[0].diversion, -2 * 100 * (LN125 - mean));
    close(r.suppliers[1].diversion, 2 * 50 * mean);
    close(r.suppliers[2].diversion, 2 * 50 * mean);
    close(
      r.suppliers.reduce((s, x) => s + x.diversion, 0),
      0,
      1e-9,
    );
  });
  test('revenue and welfare', () => {
    const dmA = -25 - 100 * LN125;
    close(r.suppliers[0].dm, dmA);
    close(r.revenue0, 0);
    close(r.revenue1, 0.25 * (100 + dmA));
    close(r.welfare, 0.5 * 0.25 * dmA); // B and C have t0 = t1 = 0: no welfare term
    close(r.suppliers[0].price_effect, 0);
  });
});

describe('SMART with finite export supply (Laird-Yeats)', () => {
  // eps_x = 4, eps_m = -1: supply factor 1/(1 + 1/4) = 0.8; dp^w/p^w = -1/5 * 0.25 = -0.05
  const r = smart(
    { m0: f([100, 50, 50]), t0: f([0, 0, 0]), t1: f([0.25, 0, 0]) },
    { sigma: 2, epsilon_m: -1, epsilon_x: 4 },
  );
  test('creation and price effect', () => {
    close(r.suppliers[0].creation, -20);
    close(r.suppliers[0].price_effect, -0.05);
    close(r.suppliers[1].price_effect, 0);
  });
  test('revenue at the lower world price and terms-of-trade welfare term', () => {
    const q1 = 100 - 20 - 100 * LN125;
    close(r.suppliers[0].m1_value, q1 * 0.95);
    close(r.suppliers[0].revenue1, 0.25 * q1 * 0.95);
    close(r.suppliers[0].welfare, 0.125 * (q1 - 100) + q1 * 0.05);
  });
});

describe('SMART caps', () => {
  test('linear creation overshoots at +125% (eps_m -1.5) and the new flow is capped at zero', () => {
    const r = smart(
      { m0: f([100, 100]), t0: f([0, 0]), t1: f([1.25, 0]) },
      { sigma: 1.5, epsilon_m: -1.5, epsilon_x: Infinity },
    );
    close(r.suppliers[0].creation, -187.5); // the shared notes' "-188%"
    close(r.suppliers[0].dm, -100);
    assert.equal(r.suppliers[0].capped, true);
    close(r.suppliers[0].m1_value, 0);
  });
  test('diversion never takes more than existing trade and still sums to zero', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            m: fc.double({ min: 0, max: 1e6, noNaN: true }),
            t0: fc.double({ min: 0, max: 1, noNaN: true }),
            t1: fc.double({ min: 0, max: 3, noNaN: true }),
          }),
          { minLength: 2, maxLength: 6 },
        ),
        fc.double({ min: 0.1, max: 20, noNaN: true }),
        (rows, sigma) => {
          const r = smart(
            { m0: f(rows.map((x) => x.m)), t0: f(rows.map((x) => x.t0)), t1: f(rows.map((x) => x.t1)) },
            { sigma, epsilon_m: -1, epsilon_x: Infinity },
          );
          const M = rows.reduce((s, x) => s + x.m, 0);
          const sum = r.suppliers.reduce((s, x) => s + x.diversion, 0);
          assert.ok(Math.abs(sum) <= 1e-9 * Math.max(1, M) * sigma, `sum ${sum}`);
          r.suppliers.forEach((s, c) => {
            assert.ok(s.diversion >= -rows[c].m - 1e-9 * Math.max(1, rows[c].m));
            assert.ok(s.m1_value >= 0);
          });
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });
});

describe('exact CES', () => {
  test('one supplier, +100%: m^ = 2^eps_m (closed form)', () => {
    const r = cesResponse(
      { m0: f([100]), t0: f([0]), t1: f([1]) },
      { sigma: 3, epsilon_m: -1.5, epsilon_x: Infinity },
    );
    close(r.suppliers[0].m1_value, 100 * Math.pow(2, -1.5), 1e-9);
    close(r.revenue1, 100 * Math.pow(2, -1.5), 1e-9);
  });
  test('two suppliers, +100% on A, sigma 2, eps_m -1 (hand-computed: P^ = 4/3, Q^ = 3/4)', () => {
    const r = cesResponse(
      { m0: f([50, 50]), t0: f([0, 0]), t1: f([1, 0]) },
      { sigma: 2, epsilon_m: -1, epsilon_x: Infinity },
    );
    close(r.suppliers[0].m1_value, 50 / 3, 1e-9);
    close(r.suppliers[1].m1_value, (50 * 4) / 3, 1e-9);
    close(r.suppliers[0].creation + r.suppliers[0].diversion, r.suppliers[0].dm, 1e-9);
  });
  test('finite export supply: world price satisfies p^w = m^^(1/eps_x)', () => {
    const r = cesResponse(
      { m0: f([60, 40]), t0: f([0.1, 0]), t1: f([0.6, 0]) },
      { sigma: 2, epsilon_m: -1.2, epsilon_x: 3 },
    );
    for (let c = 0; c < 2; c++) {
      const mh = [60, 40][c] + r.suppliers[c].dm;
      close(1 + r.suppliers[c].price_effect, Math.pow(mh / [60, 40][c], 1 / 3), 1e-9);
    }
    assert.ok(r.suppliers[0].price_effect < 0, 'taxed supplier world price falls');
  });
  test('small-shock limit equals SMART (total change; uniform shock also per supplier)', () => {
    const el = { sigma: 2.5, epsilon_m: -1.3, epsilon_x: Infinity };
    const m0 = f([120, 30, 50]);
    const t0 = f([0, 0, 0]);
    const h = 1e-5;
    // one supplier shocked: total change agrees to first order
    const t1 = f([h, 0, 0]);
    const a = smart({ m0, t0, t1 }, el);
    const b = cesResponse({ m0, t0, t1 }, el);
    const ta = a.suppliers.reduce((s, x) => s + x.dm, 0);
    const tb = b.suppliers.reduce((s, x) => s + x.dm, 0);
    close(tb / ta, 1, 1e-4);
    // per-supplier diversion + creation agree for the shocked supplier's loss ordering and sign
    assert.ok(b.suppliers[1].dm > 0 && a.suppliers[1].dm > 0);
    // uniform shock: every supplier's change is eps_m m dt
    const u = f([h, h, h]);
    const su = smart({ m0, t0, t1: u }, el);
    const cu = cesResponse({ m0, t0, t1: u }, el);
    for (let c = 0; c < 3; c++) close(cu.suppliers[c].dm / su.suppliers[c].dm, 1, 1e-4);
  });
  test('large shocks stay within the base flow for the taxed supplier (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 5 }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        fc.double({ min: 0.2, max: 10, noNaN: true }),
        fc.double({ min: -5, max: -0.1, noNaN: true }),
        (ms, dt, sigma, em) => {
          const n = ms.length;
          const t1 = new Float64Array(n);
          t1[0] = dt;
          const r = cesResponse(
            { m0: f(ms), t0: new Float64Array(n), t1 },
            { sigma, epsilon_m: em, epsilon_x: Infinity },
          );
          assert.ok(r.suppliers[0].m1_value >= 0 && r.suppliers[0].m1_value <= ms[0] * (1 + 1e-12));
        },
      ),
      { numRuns: 300, seed: 11 },
    );
  });
});

describe('market aggregation and elasticities', () => {
  test('marketResponse adds products and gives pre/post effective rates per supplier', () => {
    // two products, suppliers [CHN, VNM]; tariff 0 -> 0.5 on CHN in both; sigma 2, eps_m -1
    const mk = {
      products: ['850511', '940161'],
      suppliers: ['CHN', 'VNM'],
      m0: f([80, 20, 10, 90]),
      t0: f([0, 0, 0, 0]),
      t1: f([0.5, 0, 0.5, 0]),
    };
    const el = { sigma: 2, epsilon_m: -1, epsilon_x: Infinity, source: 'test' };
    const r = marketResponse(mk, 'ces', () => el, 'CHN');
    const p1 = cesResponse({ m0: f([80, 20]), t0: f([0, 0]), t1: f([0.5, 0]) }, el);
    const p2 = cesResponse({ m0: f([10, 90]), t0: f([0, 0]), t1: f([0.5, 0]) }, el);
    const chn = r.suppliers[0];
    close(chn.m1_usd, p1.suppliers[0].m1_value + p2.suppliers[0].m1_value, 1e-9);
    close(chn.rate_pre_pct, 0);
    close(chn.rate_post_pct, 50, 1e-9); // all CHN flows still pay 50%
    close(r.totals.revenue1_usd, 0.5 * chn.m1_usd, 1e-9);
    close(r.products[0].focus_dm_usd, p1.suppliers[0].dm, 1e-9);
  });
  test('elasticitiesFor: longest hs override, then group, then default', () => {
    const spec = {
      default: { sigma: 1.5, epsilon_m: -1.5, epsilon_x: 99, source: 'd' },
      overrides: [
        { hs: '85', sigma: 3, source: 'ch85' },
        { hs: '8505.11', epsilon_m: -0.5, source: 'magnets' },
        { group: 'rare-earths', sigma: 0.5, source: 'ree' },
      ],
    };
    assert.deepEqual(elasticitiesFor(spec, '85051100'), {
      sigma: 1.5,
      epsilon_m: -0.5,
      epsilon_x: 99,
      source: 'magnets',
    });
    assert.equal(elasticitiesFor(spec, '85171300').sigma, 3);
    assert.equal(elasticitiesFor(spec, '28053000', ['rare-earths']).sigma, 0.5);
    assert.equal(elasticitiesFor(spec, '28053000').source, 'd');
    assert.equal(DEFAULT_ELASTICITIES.default.sigma, 1.5);
  });
});
