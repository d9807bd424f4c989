// End-to-end: the trade commands on the built-in scenario, through the real CLI.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { cli } from '../helpers.ts';
import { writeFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

async function leverage(...args: string[]) {
  const r = await cli(args);
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('leverage tariffs', async () => {
  const r = await leverage('tariffs', '--dates', '2025-01-01,2025-02-04,2025-03-04,2025-05-14', '--json');
  test('exits 0 with one JSON document stating weights and inclusions', async () => {
    assert.equal(r.code, 0, r.err);
    const doc = JSON.parse(r.out);
    const d = doc.directions[0];
    assert.match(d.basis.weights, /fixed base-year weights.*2024 US imports for consumption from China/);
    assert.equal(d.basis.mfn_included, false);
    const [jan, feb, mar, may] = d.rows;
    // fentanyl 10% (4 Feb) then 20% (4 Mar) on every line: the average rises by exactly 10 and 20 points
    assert.ok(
      Math.abs(feb.average_pct - jan.average_pct - 10) < 1e-9,
      `${feb.average_pct} - ${jan.average_pct}`,
    );
    assert.ok(Math.abs(mar.average_pct - jan.average_pct - 20) < 1e-9);
    assert.equal(feb.coverage_share, 1);
    // 1 Jan: only Section 301; its coverage is the 2024 list coverage (shared validation row: 50.3% on lists 1-3, 4A)
    assert.ok(Math.abs(jan.coverage_share - 0.503) < 0.02, `${jan.coverage_share}`);
    // the realized 2024 rate (46.66 / 429.43) is reported
    assert.ok(Math.abs(jan.realized_base_year_pct - 10.87) < 0.01);
    assert.ok(may.average_pct > mar.average_pct);
  });
  test('weekly series over Q2 has the step at 10 April inside the right week', async () => {
    const s = await leverage(
      'tariffs',
      '--from',
      '2025-04-01',
      '--to',
      '2025-04-30',
      '--step',
      'day',
      '--by',
      'authority',
      '--json',
    );
    assert.equal(s.code, 0, s.err);
    const doc = JSON.parse(s.out);
    assert.equal(doc.points.length, 30);
    const by = (d: string) => doc.points.find((p: { from: string }) => p.from === d);
    assert.ok(by('2025-04-10').average_pct > by('2025-04-08').average_pct);
    const sum = by('2025-04-20').by.reduce((a: number, b: { average_pct: number }) => a + b.average_pct, 0);
    assert.ok(
      Math.abs(sum - by('2025-04-20').average_pct) < 1e-9,
      'authority contributions add up to the average',
    );
  });
  test('--base-year 2017: the 2024 lines carry 2017 Census HS2 totals (USD 503.7 bn in the shared series)', async () => {
    const r = await leverage('tariffs', '--dates', '2025-01-01', '--base-year', '2017', '--json');
    assert.equal(r.code, 0, r.err);
    const b = JSON.parse(r.out).directions[0].basis;
    assert.equal(b.base_year, 2017);
    assert.ok(Math.abs(b.base_usd / 1e9 - 503.7) < 0.1, `${b.base_usd}`);
    assert.match(b.weights, /2017 US imports from China by HS2 chapter/);
  });
  test('bad options: precise message, exit 2, no stack trace', async () => {
    const b = await leverage('tariffs', '--step', 'fortnight');
    assert.equal(b.code, 2);
    assert.match(b.err, /--step: expected day, week or month, got "fortnight"/);
    assert.doesNotMatch(b.err, /at .*\.ts:\d+/);
    const c = await leverage('tariffs', '--importer', 'US', '--exporter', 'XX');
    assert.equal(c.code, 2);
    assert.match(c.err, /--exporter: unknown actor "XX"/);
  });
});

test('leverage claims: the 55% claim is explained against the average and coverage', async () => {
  const r = await leverage('claims', '--json');
  assert.equal(r.code, 0, r.err);
  const doc = JSON.parse(r.out);
  const c55 = doc.claims.find((c: { claimed: unknown }) => c.claimed === 55);
  assert.ok(c55, 'a 55% claim');
  assert.equal(c55.verdict, 'top_stack_not_average');
  assert.match(
    c55.explanation,
    /Section 301 25% on [\d.]+% of trade \(25% x [\d.]+% = [\d.]+ points of the average/,
  );
  // the gap is the claim minus the average as shown (one rounding), in the text and in gap_pp
  const shown = Number(c55.found.average_pct.toFixed(1));
  assert.equal(c55.gap_pp, Number((55 - shown).toFixed(1)));
  assert.ok(c55.explanation.includes(`The claim is ${(55 - shown).toFixed(1)} percentage points above`));
  assert.ok(c55.found.average_pct < 55);
  const done = doc.claims.find((c: { metric: string }) => c.metric === 'agreement_status');
  assert.equal(done.verdict, 'premature');
});

describe('leverage response', async () => {
  test('--set with an unknown authority is rejected with the list of authorities', async () => {
    const r = await leverage('response', '--at', '2025-06-11', '--set', 'IEEPA reciprocl=125');
    assert.equal(r.code, 2);
    assert.match(
      r.err,
      /--set: unknown tariff authority "IEEPA reciprocl" \(scenario tariff authorities: .*IEEPA reciprocal/,
    );
  });
  test('CES: China loses, others gain, the new flow stays positive, post-substitution rate below pre', async () => {
    const r = await leverage('response', '--at', '2025-06-11', '--set', 'IEEPA reciprocal=125', '--json');
    assert.equal(r.code, 0, r.err);
    const doc = JSON.parse(r.out);
    assert.ok(doc.china.change_usd < 0 && doc.china.m1_usd > 0);
    assert.ok(doc.china.rate_post_substitution_pct < doc.china.rate_pre_substitution_pct);
    const others = doc.suppliers.filter((s: { supplier: string }) => s.supplier !== 'CHN');
    assert.ok(others.some((s: { dm_usd: number }) => s.dm_usd > 0));
    assert.match(doc.basis.elasticities, /WITS SMART defaults/);
  });
});

test('response --model smart --table: per HS6, diversion sums to zero across partners and new flows are >= 0', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'leverage-resp-'));
  const f = join(dir, 't.csv');
  const r = await leverage('response', '--at', '2025-05-14', '--model', 'smart', '--table', f, '--json');
  assert.equal(r.code, 0, r.err);
  const lines = readFileSync(f, 'utf8').trim().split('\n');
  assert.equal(
    lines[0],
    'hs6,partner,m0_usd,t0_pct,t1_pct,creation_usd,diversion_usd,dm_usd,price_effect,m1_usd,revenue0_usd,revenue1_usd,welfare_usd',
  );
  const div = new Map<string, number>();
  const size = new Map<string, number>();
  for (const l of lines.slice(1)) {
    const c = l.split(',');
    div.set(c[0], (div.get(c[0]) ?? 0) + Number(c[6]));
    size.set(c[0], (size.get(c[0]) ?? 0) + Number(c[2]));
    assert.ok(Number(c[9]) >= 0, l);
  }
  for (const [hs, d] of div) assert.ok(Math.abs(d) <= 1e-6 * size.get(hs)! + 0.1, `${hs}: ${d}`);
  assert.ok(div.size > 4000);
});

describe('leverage flows', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'leverage-flows-'));
  test('unknown partners warned with counts; HS2022 match reported', async () => {
    const f = join(dir, 'ok.csv');
    // 850511 exists in HS2022; 010199 does not but its heading 0101 does; 000013 matches nothing (and stays a string)
    writeFileSync(
      f,
      'reporter,partner,product,year,value_usd\nUSA,CHN,850511,2024,100\nUSA,QQQ,850511,2024,50\nUSA,CHN,010199,2024,10\nUSA,CHN,000013,2024,40\n',
    );
    const r = await leverage('flows', f, '--json');
    assert.equal(r.code, 0, r.err);
    const doc = JSON.parse(r.out);
    assert.equal(doc.warnings.find((w: { code: string }) => w.code === 'unknown_partner').count, 1);
    assert.ok(Math.abs(doc.hs2022_match.exact_hs6_share - 150 / 200) < 1e-9);
    assert.ok(Math.abs(doc.hs2022_match.hs4_only_share - 10 / 200) < 1e-9);
    assert.ok(Math.abs(doc.hs2022_match.unmatched_share - 40 / 200) < 1e-9);
  });
  test('tariffs on an HS6 flow file: codes split over HTS10 lines so HTS8-scoped Section 301 counts (hand-computed)', async () => {
    // handbags 4202.21 (list 3: 25%), toys 9503.00 (list 4B, never in force: 0), both under fentanyl 20%
    // and reciprocal 10% on 11 June 2025. Weights 300 / 700 -> 301 contributes 0.3 * 25 = 7.5 points.
    const f = join(dir, 'hs6.csv');
    writeFileSync(
      f,
      'reporter,partner,product,year,value_usd,duties_usd\nUSA,CHN,420221,2024,300,30\nUSA,CHN,950300,2024,700,0\n',
    );
    const r = await leverage('tariffs', '--flows', f, '--dates', '2025-06-11', '--json');
    assert.equal(r.code, 0, r.err);
    const row = JSON.parse(r.out).directions[0].rows[0];
    const by = (a: string) => row.by_authority.find((x: { authority: string }) => x.authority === a);
    assert.ok(Math.abs(by('Section 301').average_pct - 7.5) < 1e-9, JSON.stringify(row));
    assert.ok(Math.abs(by('Section 301').coverage_share - 0.3) < 1e-9);
    assert.ok(Math.abs(by('IEEPA fentanyl').average_pct - 20) < 1e-9);
    assert.ok(Math.abs(by('IEEPA reciprocal').average_pct - 10) < 1e-9);
    assert.ok(Math.abs(row.realized_base_year_pct - 3) < 1e-9); // duties 30 / imports 1000
  });
  test('bad header: exit 2 with file, line and expected columns', async () => {
    const f = join(dir, 'bad.csv');
    writeFileSync(f, 'country,hs,value\nCHN,01,1\n');
    const r = await leverage('flows', f);
    assert.equal(r.code, 2);
    assert.match(
      r.err,
      /bad\.csv: line 1 \(header\): missing column\(s\) 'reporter', 'partner', 'year'; expected reporter,partner,product,year,value_usd.*got country,hs,value/,
    );
  });
});
