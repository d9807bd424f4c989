import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadScenarioSync, ScenarioError, type ScenarioIssue } from '../../src/io/index.ts';
import { validateScenario } from '../../src/io/validate.ts';
import { announcements, vintageView, type Scenario } from '../../src/model/index.ts';
import { sourcedValue } from '../../src/model/params-simulation.ts';
import { agreementState, tariffStack } from '../../src/ledger/index.ts';
import { SRC, baseScenario, writeFiles } from '../helpers.ts';

const full = loadScenarioSync('us-china');
const view = (d: string) => loadScenarioSync('us-china', { asKnownOn: d });
const rateSteps = (s: Scenario, id: string) => {
  const m = s.measures.find((x) => x.id === id);
  assert.ok(m && m.kind === 'tariff', `no tariff ${id}`);
  return m.rates.map((r) => `${r.from}:${r.rate_pct}`);
};

describe('vintage view of the built-in ledger', () => {
  // Ten dates from the first Section 301 list to after the ledger's as_of.
  const DATES = [
    '2018-07-06',
    '2019-06-01',
    '2024-09-20',
    '2025-02-03',
    '2025-04-05',
    '2025-04-09',
    '2025-06-11',
    '2025-08-11',
    '2025-11-02',
    '2026-03-01',
  ];
  for (const d of DATES) {
    test(`as known on ${d}: nothing announced later, and a valid scenario`, () => {
      const v = view(d);
      const late = announcements(v).filter((a) => a.announced > d);
      assert.deepEqual(late, [], `announced after ${d}`);
      assert.deepEqual(validateScenario(v), []);
      assert.ok(v.as_of! <= d && v.as_known_on === d);
      // A view is a subset of the full scenario: every entry in it is in the full one.
      for (const m of v.measures) assert.ok(full.measures.some((x) => x.id === m.id));
      // The views grow with D: the view on D has at most as many measures as the full ledger.
      assert.ok(v.measures.length <= full.measures.length);
    });
  }

  test('every entry of the built-in scenario carries an explicit announcement date', () => {
    const missing: string[] = [];
    for (const m of full.measures) {
      if (!m.announced) missing.push(m.id);
      m.status.forEach((s, i) => s.announced || missing.push(`${m.id}.status[${i}]`));
      if (m.kind === 'tariff') m.rates.forEach((r, i) => r.announced || missing.push(`${m.id}.rates[${i}]`));
    }
    for (const a of full.agreements) {
      a.status.forEach((s, i) => s.announced || missing.push(`${a.id}.status[${i}]`));
      a.approvals.forEach((ap) =>
        ap.status.forEach((s, i) => s.announced || missing.push(`${a.id}.${ap.by}[${i}]`)),
      );
    }
    assert.deepEqual(missing, []);
  });

  test('announced future changes are present: the 2026 Section 301 step and the Geneva suspension lapse', () => {
    const v = view('2025-06-11');
    assert.deepEqual(rateSteps(v, 'us-s301-2026-100pct'), ['2026-01-01:100']);
    const recip = v.measures.find((m) => m.id === 'us-ieepa-reciprocal-cn');
    assert.ok(recip?.kind === 'tariff');
    const last = recip.rates.at(-1)!;
    // As known on 11 June the 24-point suspension ends on 12 August; the extension came on 11 August.
    assert.equal(last.suspended_until, '2025-08-12');
    const q = { importer: 'US', exporter: 'CN', product: '9401.30', date: '2025-08-20' };
    const layer = (s: Scenario) => tariffStack(s, q).layers.find((l) => l.authority === 'IEEPA reciprocal');
    assert.equal(layer(v)?.rate_pct, 34);
    assert.equal(layer(full)?.rate_pct, 10);
  });

  test('later announcements are absent: the London framework is pending both approvals on 11 June', () => {
    const v = view('2025-06-11');
    assert.ok(!v.agreements.some((a) => a.id === 'agr-busan-2025-11'));
    assert.ok(!v.measures.some((m) => m.id === 'us-s232-copper'));
    const london = v.agreements.find((a) => a.id === 'agr-london-framework-2025-06')!;
    assert.deepEqual(
      london.approvals.map((ap) => ap.status.map((s) => s.status)),
      [['pending'], ['pending']],
    );
    assert.equal(
      agreementState(v, 'agr-london-framework-2025-06', '2025-07-01').status,
      'agreed_in_principle',
    );
    assert.equal(agreementState(full, 'agr-london-framework-2025-06', '2025-07-01').status, 'signed');
  });

  test('a withdrawn announced step is in the views before its withdrawal only', () => {
    assert.deepEqual(rateSteps(view('2025-04-05'), 'us-ieepa-reciprocal-cn'), [
      '2025-04-05:10',
      '2025-04-09:34',
    ]);
    assert.deepEqual(rateSteps(view('2025-04-08'), 'us-ieepa-reciprocal-cn'), [
      '2025-04-05:10',
      '2025-04-09:84',
    ]);
    assert.ok(!rateSteps(full, 'us-ieepa-reciprocal-cn').includes('2025-04-09:34'));
    assert.ok(!rateSteps(full, 'cn-tariff-reciprocal').includes('2025-04-10:34'));
    // On 5 April a chair from China was due to pay 20 (fentanyl) + 34 on 9 April; by 8 April, 20 + 84.
    const q = { importer: 'US', exporter: 'CN', product: '9401.30', date: '2025-04-09' };
    const recip = (s: Scenario) => tariffStack(s, q).layers.find((l) => l.authority === 'IEEPA reciprocal');
    assert.equal(recip(view('2025-04-05'))?.rate_pct, 34);
    assert.equal(recip(view('2025-04-08'))?.rate_pct, 84);
  });

  test('the retroactive electronics carve-out is absent before 11 April and present after', () => {
    assert.ok(!view('2025-04-10').measures.some((m) => m.id === 'us-reciprocal-electronics-exception'));
    assert.ok(view('2025-04-11').measures.some((m) => m.id === 'us-reciprocal-electronics-exception'));
  });

  test('licence-flow figures appear when the customs data were published', () => {
    const path = (s: Scenario) => {
      const m = s.measures.find((x) => x.id === 'cn-ec-ree-2025-04-04');
      assert.ok(m?.kind === 'export_control');
      return (m.licensing.path ?? []).map((p) => p.from);
    };
    assert.deepEqual(path(view('2025-06-19')), []);
    assert.deepEqual(path(view('2025-07-20')), ['2025-04-04', '2025-05-01', '2025-06-01']);
  });

  test('the view is deterministic and the full view is the view with no date', () => {
    assert.equal(JSON.stringify(view('2025-06-11')), JSON.stringify(view('2025-06-11')));
    assert.equal(JSON.stringify(vintageView(full)), JSON.stringify(full));
  });
});

/** Load and expect a ScenarioError; returns its issues. */
function fails(obj: object, asKnownOn?: string): ScenarioIssue[] {
  const dir = writeFiles({ 's.json': obj });
  try {
    loadScenarioSync(join(dir, 's.json'), { asKnownOn });
  } catch (err) {
    assert.ok(err instanceof ScenarioError, String(err));
    return err.issues;
  }
  assert.fail('loaded without error');
}

const tariff = (extra: Record<string, unknown> = {}) => ({
  id: 't1',
  kind: 'tariff',
  actor: 'US',
  target: 'CN',
  title: 'A tariff',
  authority: 'Section 301',
  scope: { hs: ['9401'] },
  rates: [{ from: '2025-03-01', announced: '2025-02-01', rate_pct: 25 }],
  status: [
    { date: '2025-02-01', status: 'announced' },
    { date: '2025-03-01', announced: '2025-02-01', status: 'in_force' },
  ],
  sources: SRC,
  ...extra,
});

describe('vintage rules are located errors', () => {
  test('a status change before its entry', () => {
    const issues = fails(
      baseScenario({
        measures: [
          tariff({
            announced: '2025-02-01',
            status: [
              { date: '2025-01-15', status: 'in_force' },
              { date: '2025-03-01', announced: '2025-02-01', status: 'raised' },
            ],
          }),
        ],
      }),
    );
    assert.equal(issues.length, 1);
    assert.match(issues[0].path, /^measures\[0\]\.status\[0\]/);
    assert.match(issues[0].message, /before its entry/);
    assert.ok(issues[0].line! > 1);
  });

  test('announced after effective without the retroactivity flag, and accepted with it', () => {
    const late = tariff({
      announced: '2025-03-05',
      effective: '2025-03-01',
      status: [{ date: '2025-03-01', announced: '2025-03-05', status: 'in_force' }],
      rates: [{ from: '2025-03-01', announced: '2025-03-05', rate_pct: 25 }],
    });
    const issues = fails(baseScenario({ measures: [late] }));
    assert.ok(issues.some((i) => i.path === 'measures[0].announced' && /retroactive/.test(i.message)));
    assert.ok(issues.some((i) => i.path.startsWith('measures[0].status[0]')));
    const dir = writeFiles({ 's.json': baseScenario({ measures: [{ ...late, retroactive: true }] }) });
    const s = loadScenarioSync(join(dir, 's.json'));
    assert.equal(s.measures[0].announced, '2025-03-05');
  });

  test('a withdrawn step outside announcement..effect, and a view date before anything was known', () => {
    const issues = fails(
      baseScenario({
        measures: [
          tariff({
            rates: [
              { from: '2025-03-01', announced: '2025-02-01', rate_pct: 25, withdrawn: '2025-03-10' },
              { from: '2025-03-01', announced: '2025-02-20', rate_pct: 30 },
            ],
          }),
        ],
      }),
    );
    assert.deepEqual(
      issues.map((i) => i.path),
      ['measures[0].rates[0].withdrawn'],
    );
    const early = fails(baseScenario({ measures: [tariff()] }), '2025-01-01');
    assert.match(early[0].message, /before the ledger's first announcement \(2025-02-01\)/);
  });

  test('a file with as_known_on views what it extends, and keeps its own entries', () => {
    const dir = writeFiles({
      'base.json': baseScenario({
        measures: [
          tariff(),
          tariff({
            id: 't2',
            rates: [{ from: '2025-06-01', announced: '2025-05-01', rate_pct: 10 }],
            status: [{ date: '2025-06-01', announced: '2025-05-01', status: 'in_force' }],
          }),
        ],
      }),
      'view.json': {
        id: 'view',
        extends: 'base.json',
        as_known_on: '2025-04-01',
        claims: [
          {
            id: 'c1',
            by: 'Someone',
            actor: 'US',
            date: '2025-07-01',
            quote: 'It is 25.',
            asserts: { metric: 'tariff_average', importer: 'US', exporter: 'CN', value_pct: 25 },
            sources: SRC,
          },
        ],
      },
    });
    const s = loadScenarioSync(join(dir, 'view.json'));
    assert.deepEqual(
      s.measures.map((m) => m.id),
      ['t1'],
    );
    assert.deepEqual(
      s.claims.map((c) => c.id),
      ['c1'],
    );
    assert.equal(s.as_known_on, '2025-04-01');
    assert.equal(s.as_of, '2025-04-01');
  });
});

describe('fitted parameters fall back to their prior', () => {
  test('a value whose data postdate the view becomes its prior', () => {
    const p = {
      simulation: {
        share: {
          value: 0.7,
          source: 'https://example.org/sept',
          data_date: '2025-10-20',
          prior: { value: 0.5, assumption: 'half of normal flow' },
        },
      },
    };
    const s = { ...full, parameters: p } as unknown as Scenario;
    const before = vintageView(s, '2025-10-19').parameters as unknown as typeof p;
    const after = vintageView(s, '2025-10-20').parameters as unknown as typeof p;
    assert.deepEqual(before.simulation.share, { value: 0.5, assumption: 'half of normal flow' });
    assert.equal(after.simulation.share.value, 0.7);
  });

  test('data_date needs a prior', () => {
    const schema = sourcedValue('a share', 0, 1);
    assert.ok(
      !schema.safeParse({ value: 0.7, source: 'https://example.org/x', data_date: '2025-10-20' }).success,
    );
    assert.ok(
      schema.safeParse({
        value: 0.7,
        source: 'https://example.org/x',
        data_date: '2025-10-20',
        prior: { value: 0.5, assumption: 'x' },
      }).success,
    );
  });
});
