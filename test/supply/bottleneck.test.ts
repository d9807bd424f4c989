import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BottleneckInputError,
  BottleneckRun,
  bottleneckExposure,
  cesShare,
  cohortQuadrature,
  COHORT_TAIL_POWER,
  DEFAULT_BUFFER_COHORTS,
  lognormalCohorts,
  normalQuantile,
  parseBottleneckData,
  prepareBottleneck,
  type IoFacts,
  type Table,
} from '../../src/supply/index.ts';

// Small hand-made inputs (comma-separated, no quoted fields).
const table = (source: string, text: string): Table => {
  const lines = text.trim().split('\n');
  return {
    source,
    header: lines[0].split(','),
    rows: lines.slice(1).map((l) => l.split(',')),
    lines: lines.slice(1).map((_, i) => i + 2),
  };
};
const ITEMS = `item,label,ledger_control,flow_series,price_usd_per_kg,price_source
NdFeB,magnets,cn-ec,magnets,50,test
Dy,dysprosium,cn-ec,magnets,400,test`;
const USERS_HEAD =
  'user,label,country,end_use,sector,output_usd_per_week,output_basis,lines,china_import_share,embedded_via,lag_weeks,buffer_median_weeks,buffer_sigma_log';
const user = (id: string, o: Partial<Record<string, string | number>> = {}) =>
  [
    id,
    id,
    o.country ?? 'AAA',
    o.end_use ?? 'civil',
    o.sector ?? 's1',
    o.output ?? 1000,
    'test',
    o.lines ?? 10,
    o.china ?? 1,
    o.via ?? '',
    o.lag ?? 0,
    o.buffer ?? 0,
    o.sigma ?? 0,
  ].join(',');
const CONTENT_HEAD = 'user,item,unit,kg_per_unit,unit_value_usd,source';
const FLOWS_HEAD = 'destination,month,flow_t,yoy_pct,share,basis,source';

const io: IoFacts = {
  name: 'hand-made',
  regions: ['AAA', 'BBB'],
  sectors: ['s1'],
  sector: (r, s) =>
    s === 's1' && (r === 'AAA' || r === 'BBB') ? { outputUsdPerWeek: 1e6, vaRatio: 0.4 } : undefined,
  upstream: () => ({ AAA: 0.5, BBB: 0.1 }),
};

function data(users: string[], content: string[], flows: string[], check: { ledgerDate?: string } = {}) {
  return parseBottleneckData(
    {
      items: table('items.csv', ITEMS),
      users: table('users.csv', [USERS_HEAD, ...users].join('\n')),
      content: table('content.csv', [CONTENT_HEAD, ...content].join('\n')),
      flows: table('flows.csv', [FLOWS_HEAD, ...flows].join('\n')),
    },
    { sectors: io.sectors, ...check },
  );
}
// China stops shipping to AAA from March 2025 (share 0), open before
const STOP = ['AAA,2025-03,0,-100,,observed,test'];
const OPEN = ['AAA,2025-03,,,1,observed,test'];

describe('bottleneck: the stock-flow recursion by hand', () => {
  test('buffer 2 weeks, lag 1, flows stop from week 1: output falls to 0 in week 4 (S: 2,2,1,0)', () => {
    // weeks start 2025-02-24: week 0 is February (open), week 1 = 03-03 onward is stopped
    const d = data([user('u', { buffer: 2, lag: 1 })], ['u,NdFeB,unit,1,100,t'], STOP);
    const m = prepareBottleneck(d, io, { start: '2025-02-24', weeks: 6, cohorts: 1 });
    const run = new BottleneckRun(m).runAll();
    // arrivals: week 0 ships Feb (1) pre-start, week 1 receives week 0's shipment (1), week 2 receives week 1's (0)
    assert.deepEqual([...run.arrivals], [1, 1, 0, 0, 0, 0]);
    assert.deepEqual([...run.x], [1, 1, 1, 1, 0, 0]);
    assert.deepEqual([...run.stockWeeks], [2, 2, 1, 0, 0, 0]);
    assert.equal(run.dryWeek[0], 4);
  });

  test('a partial flow: output equals the arrival share once the buffer is gone', () => {
    const d = data([user('u', { buffer: 1 })], ['u,NdFeB,unit,1,100,t'], ['AAA,2025-03,,,0.25,observed,t']);
    const m = prepareBottleneck(d, io, { start: '2025-03-03', weeks: 4, cohorts: 1 });
    const run = new BottleneckRun(m).runAll();
    // S0 = 1; week 0: avail 1.25 -> x 1, S 0.25; week 1: avail 0.5 -> x 0.5; then 0.25
    assert.deepEqual([...run.x], [1, 0.5, 0.25, 0.25]);
  });

  test('refill never beyond the buffer target; a shortage after recovery is met from the refilled stock', () => {
    const d = data(
      [user('u', { buffer: 1 })],
      ['u,NdFeB,unit,1,100,t'],
      ['AAA,2025-03,,,0,observed,t', 'AAA,2025-04,,,1.5,observed,t', 'AAA,2025-05,,,0,observed,t'],
    );
    const m = prepareBottleneck(d, io, { start: '2025-03-24', weeks: 6, cohorts: 1 });
    const run = new BottleneckRun(m).runAll();
    // 03-24: x1 S0; 03-31 (March): x0; 04-07: avail 1.5 -> x1, S .5; 04-14: 2.0 -> x1, S capped at 1
    assert.deepEqual([...run.x].slice(0, 4), [1, 0, 1, 1]);
    assert.deepEqual([...run.stockWeeks].slice(0, 4), [0, 0, 0.5, 1]);
  });
});

describe('bottleneck: limits', () => {
  const users = [
    user('parts', { buffer: 3, sigma: 0.5, lag: 1 }),
    user('asm', { buffer: 4, sigma: 0.5, lag: 2, via: 'parts:0.5', china: 0.8 }),
    user('def', { buffer: 2, sigma: 0.5, end_use: 'defence', country: 'BBB' }),
  ];
  const content = [
    'parts,NdFeB,unit,0.5,1000,t',
    'asm,NdFeB,unit,1,20000,t',
    'asm,Dy,unit,0.05,20000,t',
    'def,NdFeB,unit,2,5000,t',
  ];
  const flows = [...STOP, 'BBB,2025-03,,,0.1,observed,t'];

  test('no cut gives no loss', () => {
    const d = data(users, content, [...OPEN, 'BBB,2025-03,,,1,observed,t']);
    const e = bottleneckExposure(d, io, { start: '2025-03-03', weeks: 20 });
    assert.ok(e.weekly.every((w) => w.output_lost_usd === 0 && w.band_high_usd === 0));
    assert.ok(e.users.every((u) => u.first_dry_date === null));
  });

  test('a cut with buffers gives a loss; infinite buffers give none', () => {
    const d = data(users, content, flows);
    const cut = bottleneckExposure(d, io, { start: '2025-03-03', weeks: 20, noBands: true });
    assert.ok(cut.countries.every((c) => c.cumulative_lost_usd > 0));
    const inf = bottleneckExposure(d, io, {
      start: '2025-03-03',
      weeks: 20,
      bufferFactor: Infinity,
      noBands: true,
    });
    assert.ok(inf.weekly.every((w) => w.output_lost_usd === 0));
  });

  test('CES with sigma -> 0 equals the min rule', () => {
    const d = data(users, content, flows);
    const base = { start: '2025-03-03', weeks: 20 };
    const min = new BottleneckRun(prepareBottleneck(d, io, base)).runAll();
    const ces = new BottleneckRun(prepareBottleneck(d, io, { ...base, sigma: 1e-4 })).runAll();
    let maxDiff = 0;
    for (let i = 0; i < min.x.length; i++) maxDiff = Math.max(maxDiff, Math.abs(min.x[i] - ces.x[i]));
    assert.ok(maxDiff < 1e-3, `max |x_ces - x_min| = ${maxDiff}`);
    assert.ok(
      min.x.some((v) => v < 0.9),
      'the case must bind',
    );
  });

  test('linear model recovered with buffers and lags 0: sigma -> infinity exactly, sigma = 1 to first order', () => {
    // one user, one item, value share alpha = 1 kg x 50 / 1000 = 0.05; flow share 0.3 (cut 0.7)
    const d = data(
      [user('u', { buffer: 5, lag: 3 })],
      ['u,NdFeB,unit,1,1000,t'],
      ['AAA,2025-03,,,0.3,observed,t'],
    );
    const opts = { start: '2025-03-03', weeks: 3, cohorts: 1, bufferFactor: 0, lagWeeks: 0 };
    const alpha = 0.05;
    const cut = 0.7;
    // linear (Ghosh direct): output loss = alpha x cut x output
    const linear = alpha * cut * 1000;
    const big = bottleneckExposure(d, io, { ...opts, sigma: 1e7, noBands: true });
    for (const w of big.weekly)
      assert.ok(Math.abs(w.output_lost_usd - linear) < 0.01, `${w.output_lost_usd} vs ${linear}`);
    const cd = bottleneckExposure(d, io, { ...opts, sigma: 1, noBands: true });
    // Cobb-Douglas: 1 - (1 - cut)^alpha, the linear loss times -ln(1 - cut)/cut to first order
    const closed = (1 - Math.pow(1 - cut, alpha)) * 1000;
    for (const w of cd.weekly)
      assert.ok(Math.abs(w.output_lost_usd - Math.round(closed * 100) / 100) < 0.011);
    // small cut: Cobb-Douglas and linear agree to first order
    const small = 1e-4;
    assert.ok(Math.abs((1 - Math.pow(1 - small, alpha)) / (alpha * small) - 1) < 1e-4);
    // min rule with no buffer: output = arrivals (0.3): a 70 % loss, not alpha x 70 %
    const min = bottleneckExposure(d, io, { ...opts, noBands: true });
    assert.equal(min.weekly[0].output_lost_usd, 700);
  });

  test('CES share: sigma = 1 is Cobb-Douglas, sigma large is linear, zero input under sigma < 1 stops output', () => {
    const z = [0.5, 0.8];
    const a = [0.1, 0.2];
    assert.ok(Math.abs(cesShare(z, a, 1) - Math.pow(0.5, 0.1) * Math.pow(0.8, 0.2)) < 1e-12);
    assert.ok(Math.abs(cesShare(z, a, 1e9) - (0.1 * 0.5 + 0.2 * 0.8 + 0.7)) < 1e-6);
    assert.equal(cesShare([0, 1], a, 0.5), 0);
    assert.ok(Math.abs(cesShare(z, a, 1e-5) - 0.5) < 1e-3);
  });
});

describe('bottleneck: routes and policy', () => {
  test('embedded route: the component maker running dry cuts the buyer after the lag', () => {
    const d = data(
      [user('asm', { buffer: 10, lag: 2, via: 'parts:1' }), user('parts', { buffer: 1 })],
      ['asm,NdFeB,unit,1,1000,t', 'parts,NdFeB,unit,1,1000,t'],
      STOP,
    );
    const m = prepareBottleneck(d, io, { start: '2025-03-03', weeks: 20, cohorts: 1 });
    assert.deepEqual(
      [...m.order].map((j) => m.users[j].user),
      ['parts', 'asm'],
    );
    const run = new BottleneckRun(m).runAll();
    const J = m.J;
    const parts = m.users.findIndex((u) => u.user === 'parts');
    const asm = 1 - parts;
    // parts: stock 1 covers week 0, nothing from week 1
    assert.equal(run.x[0 * J + parts], 1);
    assert.equal(run.x[1 * J + parts], 0);
    // asm receives parts' week-t output in week t+2: arrivals 0 from week 3; its 10-week stock lasts to week 12
    assert.equal(run.arrivals[2 * J + asm], 1);
    assert.equal(run.arrivals[3 * J + asm], 0);
    assert.equal(run.x[12 * J + asm], 1);
    assert.equal(run.x[13 * J + asm], 0);
  });

  test('priority licences and denial act by end use; hold-flows keeps a date’s level', () => {
    const d = data(
      [user('civ'), user('def', { end_use: 'defence' })],
      ['civ,NdFeB,unit,1,1000,t', 'def,NdFeB,unit,1,1000,t'],
      ['AAA,2025-03,,,0.2,observed,t', 'AAA,2025-04,,,1,observed,t'],
    );
    const m = prepareBottleneck(d, io, { start: '2025-03-03', weeks: 8, cohorts: 1 });
    const r = new BottleneckRun(m);
    r.step({ priority: [0.5, 0], deny: [false, false] });
    assert.ok(Math.abs(r.x[0] - 0.6) < 1e-12); // 0.2 + 0.5 x 0.8
    assert.ok(Math.abs(r.x[1] - 0.2) < 1e-12);
    r.step({ deny: [false, true] });
    assert.ok(Math.abs(r.x[2] - 0.2) < 1e-12);
    assert.equal(r.x[3], 0);
    // observed: April reopens; held at 2025-03-10: stays 0.2
    const seen = bottleneckExposure(d, io, { start: '2025-03-03', weeks: 8, noBands: true });
    const held = bottleneckExposure(d, io, {
      start: '2025-03-03',
      weeks: 8,
      noBands: true,
      holdFlowsFrom: '2025-03-10',
    });
    const apr = (e: typeof seen) =>
      e.by_user.filter((u) => u.date === '2025-04-07' && u.user === 'civ')[0].output_share;
    assert.equal(apr(seen), 1);
    assert.equal(apr(held), 0.2);
  });
});

describe('bottleneck: quadrature', () => {
  // Phi by bisection on the quantile function (|error| < 1.2e-9), to check against closed forms.
  const Phi = (x: number) => {
    let lo = 1e-15;
    let hi = 1 - 1e-15;
    for (let i = 0; i < 200; i++) {
      const mid = (lo + hi) / 2;
      if (normalQuantile(mid) < x) lo = mid;
      else hi = mid;
    }
    return (lo + hi) / 2;
  };
  test('normal quantiles and log-normal cohorts', () => {
    assert.ok(Math.abs(normalQuantile(0.975) - 1.959964) < 1e-6);
    assert.ok(Math.abs(normalQuantile(0.01) + 2.326348) < 1e-6);
    const even = lognormalCohorts(10, 0.5, 201, 1);
    assert.ok(Math.abs(even[100] - 10) < 1e-9); // equal weights: the middle node is the median
    for (const p of [1, COHORT_TAIL_POWER]) {
      const { weight } = cohortQuadrature(201, p);
      const c = lognormalCohorts(10, 0.5, 201, p);
      assert.ok(Math.abs(weight.reduce((a, w) => a + w, 0) - 1) < 1e-12);
      const mean = c.reduce((a, v, f) => a + weight[f] * v, 0);
      assert.ok(Math.abs(mean / (10 * Math.exp(0.125)) - 1) < 0.01, `p ${p}`); // E = median exp(sigma^2 / 2)
      for (let f = 1; f < c.length; f++) assert.ok(c[f] > c[f - 1]);
    }
  });
  test('the low tail: E[(K - tau)+] against its closed form, 16 tail-dense cohorts beat 24 equal ones', () => {
    // The shortfall of a plant with buffer tau after K weeks without supply is (K - tau)+; for a
    // log-normal (median m, sigma s): K Phi(ln(K/m)/s) - m exp(s^2/2) Phi((ln(K/m) - s^2)/s).
    const m = 10;
    const s = 0.5;
    const quad = (K: number, F: number, p: number) => {
      const { z, weight } = cohortQuadrature(F, p);
      let v = 0;
      for (let f = 0; f < F; f++) v += weight[f] * Math.max(0, K - m * Math.exp(s * z[f]));
      return v;
    };
    for (const k of [2, 1.5, 1, 0.5]) {
      const K = m * Math.exp(-k * s); // k sigmas below the median: 2.3%, 6.7%, 16%, 31% of plants
      const exact =
        K * Phi(Math.log(K / m) / s) - m * Math.exp((s * s) / 2) * Phi((Math.log(K / m) - s * s) / s);
      const dense = Math.abs(quad(K, DEFAULT_BUFFER_COHORTS, COHORT_TAIL_POWER) / exact - 1);
      const even = Math.abs(quad(K, 24, 1) / exact - 1);
      assert.ok(dense < 0.03, `k ${k}: ${dense}`);
      assert.ok(dense < even, `k ${k}: ${dense} vs ${even}`);
    }
  });
});

describe('bottleneck: bad input is located', () => {
  const ok = { users: [user('u')], content: ['u,NdFeB,unit,1,1000,t'], flows: STOP };
  const bad = (part: Partial<typeof ok>, pattern: RegExp, check: { ledgerDate?: string } = {}) =>
    assert.throws(
      () => data(part.users ?? ok.users, part.content ?? ok.content, part.flows ?? ok.flows, check),
      (e: unknown) => e instanceof BottleneckInputError && pattern.test(e.message),
    );
  test('negative content, buffers, flows', () => {
    bad({ content: ['u,NdFeB,unit,-1,1000,t'] }, /content\.csv: line 2, column kg_per_unit: -1 is below 0/);
    bad(
      { users: [user('u', { buffer: -2 })] },
      /users\.csv: line 2, column buffer_median_weeks: -2 is below 0/,
    );
    bad({ flows: ['AAA,2025-03,-5,,,observed,t'] }, /flows\.csv: line 2, column flow_t: -5 is below 0/);
    bad({ flows: ['AAA,2025-03,,,-0.5,observed,t'] }, /flows\.csv: line 2, column share: -0.5 is below 0/);
  });
  test('unknown sector, user, item; cycles; flows after the ledger date', () => {
    bad({ users: [user('u', { sector: 'c99' })] }, /users\.csv: line 2, column sector: unknown sector "c99"/);
    bad({ users: [user('u', { via: 'nobody:0.5' })] }, /column embedded_via: unknown user "nobody"/);
    bad({ content: ['u,Xx,unit,1,1000,t'] }, /content\.csv: line 2, column item: unknown item "Xx"/);
    bad(
      { flows: ['AAA,2026-01,,,0.5,observed,t'] },
      /flows\.csv: line 2, column month: 2026-01 starts after the ledger's last date 2025-12-31/,
      {
        ledgerDate: '2025-12-31',
      },
    );
    const cyc = data(
      [user('a', { via: 'b:0.5' }), user('b', { via: 'a:0.5' })],
      ['a,NdFeB,unit,1,1,t', 'b,NdFeB,unit,1,1,t'],
      STOP,
    );
    assert.throws(() => prepareBottleneck(cyc, io, { start: '2025-03-03', weeks: 2 }), /cycle: a -> b -> a/);
  });
  test('a sector the IO table lacks for the country is an error at prepare', () => {
    const d = data([user('u', { country: 'CCC' })], ok.content, ['CCC,2025-03,,,0.5,observed,t']);
    assert.throws(() => prepareBottleneck(d, io, { start: '2025-03-03', weeks: 2 }), /no CCC\/s1/);
  });
});
