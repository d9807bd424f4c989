// The US side of the built-in scenario in 2026: the IEEPA layers end with the Supreme Court
// ruling, Section 122 runs 2026-02-24..07-23, the forced-labour Section 301 takes over, and the
// Section 232 actions of 2026 (semiconductors, the metals annexes).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { loadScenarioSync, loadUsImportsFromChina2024 } from '../../src/io/index.ts';
import { compileTariffSchedule, tariffStack } from '../../src/ledger/index.ts';

const scn = loadScenarioSync('us-china');
const stackOn = (product: string, date: string) =>
  tariffStack(scn, { importer: 'US', exporter: 'CN', product, date });
const byAuthority = (product: string, date: string) =>
  Object.fromEntries(stackOn(product, date).layers.map((l) => [l.authority, l.rate_pct]));
const HANDBAG = '4202216000'; // List 3 (25%), not under Section 232, not exempt from Section 122

test('as_of is the last date the ledger vouches for (2026-08-07)', () => {
  assert.equal(scn.as_of, '2026-08-07');
});

describe('must-show: the stack on 2026-03-02 has Section 122 and no IEEPA layer', () => {
  test('handbag: Section 301 25 + Section 122 10 = 35; both IEEPA layers removed, citing the ruling', () => {
    const s = stackOn(HANDBAG, '2026-03-02');
    assert.deepEqual(byAuthority(HANDBAG, '2026-03-02'), { 'Section 301': 25, 'Section 122': 10 });
    assert.equal(s.total_pct, 35);
    for (const id of ['us-ieepa-fentanyl', 'us-ieepa-reciprocal-cn']) {
      const r = s.removed.find((x) => x.measure_id === id);
      assert.ok(r, `${id} listed as removed`);
      assert.match(r!.reason, /expired since 2026-02-24/);
    }
    assert.equal(s.layers.filter((l) => l.authority.startsWith('IEEPA')).length, 0);
  });

  test('the day before collection stopped (2026-02-23) the IEEPA layers still count and Section 122 does not', () => {
    assert.deepEqual(byAuthority(HANDBAG, '2026-02-23'), {
      'Section 301': 25,
      'IEEPA fentanyl': 10,
      'IEEPA reciprocal': 10,
    });
  });

  test('steel (ch. 72) pays Section 232 and no Section 122; a product on the Section 122 list pays neither', () => {
    const steel = byAuthority('7208360030', '2026-03-02');
    assert.equal(steel['Section 232'], 50);
    assert.equal(steel['Section 122'], undefined);
    // 0201.10.05 (beef carcasses) is on the proclamation's exemption list
    assert.equal(
      stackOn('02011005', '2026-03-02').layers.find((l) => l.authority === 'Section 122'),
      undefined,
    );
  });
});

describe('must-show: the stack on 2026-08-03 has the forced-labour Section 301 layer and no Section 122', () => {
  test('handbag: Section 301 25 + Section 301 forced labour 12.5 = 37.5; Section 122 expired 2026-07-24', () => {
    const s = stackOn(HANDBAG, '2026-08-03');
    assert.deepEqual(byAuthority(HANDBAG, '2026-08-03'), {
      'Section 301': 25,
      'Section 301 forced labour': 12.5,
    });
    assert.equal(s.total_pct, 37.5);
    const r = s.removed.find((x) => x.authority === 'Section 122');
    assert.ok(r);
    assert.match(r!.reason, /expired since 2026-07-24/);
    // last covered day of Section 122 and first of the forced-labour duty
    assert.equal(byAuthority(HANDBAG, '2026-07-23')['Section 122'], 10);
    assert.equal(byAuthority(HANDBAG, '2026-07-23')['Section 301 forced labour'], undefined);
    assert.equal(byAuthority(HANDBAG, '2026-07-24')['Section 301 forced labour'], 12.5);
  });

  test('goods under Section 232 do not pay the forced-labour duty', () => {
    const s = stackOn('7208360030', '2026-08-03');
    assert.equal(
      s.layers.find((l) => l.authority === 'Section 301 forced labour'),
      undefined,
    );
    assert.ok(
      s.removed.some((x) => x.authority === 'Section 301 forced labour' && /Section 232/.test(x.reason)),
    );
  });
});

describe('Section 232 in 2026', () => {
  test('semiconductors: 8471.80.4000 pays 25% from 2026-01-15; lines failing the gate pay nothing under 9903.79.01', () => {
    assert.equal(
      stackOn('8471804000', '2026-01-14').layers.find(
        (l) => l.measure_id === 'us-s232-semiconductors-2026-01',
      ),
      undefined,
    );
    const on = stackOn('8471804000', '2026-01-15').layers.find((l) => l.authority === 'Section 232');
    assert.equal(on?.rate_pct, 25);
    const other = stackOn('8471500150', '2026-01-15').layers.find(
      (l) => l.measure_id === 'us-s232-semiconductors-2026-01',
    );
    assert.ok(!other || other.rate_pct === 0);
  });

  test('metals annexes from 2026-04-06: steel 50% on the full value under Annex I-A; the old measures are superseded', () => {
    const s = stackOn('7208360030', '2026-04-10');
    const l = s.layers.find((x) => x.authority === 'Section 232')!;
    assert.equal(l.measure_id, 'us-s232-metals-annex-i-a-2026-04');
    assert.equal(l.rate_pct, 50);
    assert.equal(l.value_share, undefined);
    assert.ok(
      s.removed.some(
        (x) => x.measure_id === 'us-s232-steel-aluminium' && /superseded since 2026-04-06/.test(x.reason),
      ),
    );
  });

  test('a derivative on 2026-03-02 pays Section 122 on the value outside its metal content only', () => {
    const imp = loadUsImportsFromChina2024();
    const line = imp.hs10.find((c) => {
      const l = stackOn(c, '2026-03-02').layers;
      return (
        l.some((x) => x.authority === 'Section 232' && (x.value_share ?? 1) < 1) &&
        l.some((x) => x.authority === 'Section 122')
      );
    });
    assert.ok(line, 'some traded derivative pays both');
    const s = stackOn(line!, '2026-03-02');
    const share = s.layers.find((l) => l.authority === 'Section 232')!.value_share!;
    const s122 = s.layers.find((l) => l.authority === 'Section 122')!;
    assert.ok(Math.abs(s122.rate_pct - 10 * (1 - share)) < 1e-9, `${line}`);
    assert.match(s122.note!, /outside Section 232/);
  });
});

describe('US-on-China average through 2026 (additional duties, 2024 weights)', () => {
  const imp = loadUsImportsFromChina2024();
  const total = imp.imports_usd.reduce((a, b) => a + b, 0);
  const sched = compileTariffSchedule(scn, { importer: 'US', exporter: 'CN', lines: imp.hs10 });
  const avg = (d: string) => {
    const t = sched.ratesAt(d).total;
    let x = 0;
    for (let i = 0; i < t.length; i++) x += t[i] * imp.imports_usd[i];
    return x / total;
  };
  const byAuth = (d: string) => {
    const r = sched.ratesAt(d).byAuthority;
    const A = sched.authorities.length;
    return Object.fromEntries(
      sched.authorities.map((a, k) => {
        let x = 0;
        for (let i = 0; i < imp.hs10.length; i++) x += r[i * A + k] * imp.imports_usd[i];
        return [a, x / total];
      }),
    );
  };

  test('the ruling removes both IEEPA layers from the average on 2026-02-24 and Section 122 adds at most 10 points', () => {
    const before = byAuth('2026-02-23');
    const after = byAuth('2026-02-24');
    assert.ok(before['IEEPA fentanyl'] > 9.9 && before['IEEPA fentanyl'] <= 10);
    assert.equal(after['IEEPA fentanyl'], 0);
    assert.equal(after['IEEPA reciprocal'], 0);
    assert.ok(after['Section 122'] > 0 && after['Section 122'] < 10);
    assert.equal(before['Section 122'], 0);
    const drop = avg('2026-02-23') - avg('2026-02-24');
    const expected = before['IEEPA fentanyl'] + before['IEEPA reciprocal'] - after['Section 122'];
    assert.ok(Math.abs(drop - expected) < 1e-9, `${drop} vs ${expected}`);
  });

  test('from 2026-07-24 the forced-labour layer replaces Section 122', () => {
    const a = byAuth('2026-07-23');
    const b = byAuth('2026-07-24');
    assert.ok(a['Section 122'] > 0);
    assert.equal(b['Section 122'], 0);
    assert.equal(a['Section 301 forced labour'], 0);
    assert.ok(b['Section 301 forced labour'] > 0 && b['Section 301 forced labour'] <= 12.5);
  });
});
