// The US-on-China trade-weighted average of the built-in scenario (additional duties, 2024
// HTS10 weights) at named dates, and the effect of each ledger fix of issue 11 on it.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
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

  test('US-on-China change since 2025-01-01 on 2025-04-10 is +100.4 pp (was +85.3 with the broad list)', () => {
    const [jan, apr] = averages(scn, ['2025-01-01', '2025-04-10']);
    near(apr - jan, 100.4, 0.1, 'change on 2025-04-10');
  });
});
