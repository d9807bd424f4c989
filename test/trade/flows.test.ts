import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseFlowCsv,
  parseComtradeCsv,
  FlowFileError,
  loadUsImportsFromChina2024,
  loadUsImports2024ByPartner,
  loadUsTariffsOnChina2018_2020,
} from '../../src/io/index.ts';
import {
  summarizeFlows,
  matchHsVintage,
  normalizeHs,
  hsSection,
  flowTableWeights,
  expandToLines,
} from '../../src/trade/index.ts';

const H = 'reporter,partner,product,year,value_usd,quantity,duties_usd';

describe('generic flow CSV', () => {
  test('reads codes as strings (leading zeros kept) and sums', () => {
    const t = parseFlowCsv(`${H}\nUSA,CHN,010121,2024,100,,5\nUS,CN,8505.11,2024,300,2,15\n`, 'f.csv');
    assert.deepEqual(
      t.rows.map((r) => r.product),
      ['010121', '850511'],
    );
    assert.deepEqual(
      t.rows.map((r) => r.partner),
      ['CHN', 'CHN'],
    );
    const s = summarizeFlows(t);
    assert.equal(s.value_usd, 400);
    assert.equal(s.realized_rate_pct, 5);
    assert.equal(t.warnings.length, 0);
    const w = flowTableWeights(t, 'USA', 'CHN');
    assert.deepEqual(w.lines, ['010121', '850511']);
    assert.equal(w.base_year, 2024);
  });
  test('bad header: names the missing column, what was expected and what was found', () => {
    assert.throws(
      () => parseFlowCsv('reporter,partner,hs,yr,value_usd\nUSA,CHN,01,2024,1\n', 'bad.csv'),
      (e: Error) =>
        e instanceof FlowFileError &&
        /bad\.csv: line 1 \(header\): missing column\(s\) 'year'; expected reporter,partner,product,year,value_usd.*got reporter,partner,hs,yr,value_usd/.test(
          e.message,
        ),
    );
  });
  test('a column named twice is refused, in both layouts (the first would be read, the second dropped)', () => {
    assert.throws(
      () => parseFlowCsv(`${H},Value_USD\nUSA,CHN,010121,2024,100,,5,900\n`, 'twice.csv'),
      (e: Error) =>
        e instanceof FlowFileError &&
        /twice\.csv: line 1 \(header\): column 'Value_USD' appears twice \(columns 5 and 8\)/.test(e.message),
    );
    const cm = 'reporterISO,partnerISO,cmdCode,refYear,flowCode,classificationCode,primaryValue,primaryValue';
    assert.throws(
      () => parseComtradeCsv(`${cm}\nUSA,CHN,010121,2024,M,H6,100,900\n`, 'ct.csv'),
      (e: Error) =>
        e instanceof FlowFileError &&
        /ct\.csv: line 1 \(header\): column 'primaryValue' appears twice/.test(e.message),
    );
    // empty header cells are not names: two of them are not a duplicate
    assert.equal(parseFlowCsv(`${H},,\nUSA,CHN,010121,2024,100,,5,,\n`, 'blank.csv').rows.length, 1);
  });
  test('negative values: every bad row counted, with line and column', () => {
    const text = `${H}\nUSA,CHN,010121,2024,-5,,\nUSA,CHN,010122,2024,7,,\nUSA,CHN,010123,2024,-1,,\n`;
    assert.throws(
      () => parseFlowCsv(text, 'neg.csv'),
      (e: Error) =>
        /neg\.csv: 2 bad row\(s\)/.test(e.message) &&
        /line 2, column value_usd: expected a value >= 0, got -5/.test(e.message) &&
        /line 4/.test(e.message),
    );
  });
  test('non-numeric and bad codes are errors too', () => {
    assert.throws(
      () => parseFlowCsv(`${H}\nUSA,CHN,0101,2024,1e3x,,\n`, 'x.csv'),
      /line 2, column value_usd: expected a number, got "1e3x"/,
    );
    assert.throws(
      () => parseFlowCsv(`${H}\nUSA,CHN,01012,2024,1,,\n`, 'x.csv'),
      /line 2, column product: expected an HS code of 2-10 digits \(even length\), got "01012"/,
    );
  });
  test('unknown partner codes: kept, warned with counts and value', () => {
    const t = parseFlowCsv(
      `${H}\nUSA,ZZZ,0101,2024,10,,\nUSA,ZZZ,0102,2024,5,,\nUSA,CHN,0103,2024,1,,\n`,
      'p.csv',
    );
    assert.equal(t.rows.length, 3);
    const w = t.warnings.find((x) => x.code === 'unknown_partner')!;
    assert.equal(w.count, 2);
    assert.equal(w.value_usd, 15);
    assert.deepEqual(w.lines, [2, 3]);
  });
  test('mixed HS vintages: error with counts per vintage', () => {
    const text =
      'reporter,partner,product,year,value_usd,classification\nUSA,CHN,010121,2018,1,H5\nUSA,CHN,010121,2024,1,HS2022\nUSA,CHN,010129,2024,1,H6\n';
    assert.throws(
      () => parseFlowCsv(text, 'mix.csv'),
      /mixed HS vintages \(HS2017: 1 rows \(first at line 2\); HS2022: 2 rows \(first at line 3\)\)/,
    );
  });
  test('nested codes (HS4 beside its HS6) and duplicates are warned, not dropped', () => {
    const t = parseFlowCsv(
      `${H}\nUSA,CHN,8505,2024,10,,\nUSA,CHN,850511,2024,6,,\nUSA,CHN,850511,2024,1,,\n`,
      'n.csv',
    );
    assert.equal(t.rows.length, 3);
    assert.equal(t.warnings.find((w) => w.code === 'nested_codes')!.count, 1);
    assert.equal(t.warnings.find((w) => w.code === 'duplicate_key')!.count, 1);
  });
});

describe('UN Comtrade layouts', () => {
  test('Comtrade+: breakdown rows and TOTAL excluded with counts; classification read', () => {
    const h =
      'typeCode,freqCode,refYear,reporterISO,flowCode,partnerISO,partner2Code,classificationCode,cmdCode,customsCode,motCode,qty,primaryValue';
    const text = [
      h,
      'C,A,2023,USA,M,CHN,0,H6,850511,C00,0,12,1000',
      'C,A,2023,USA,M,CHN,0,H6,850511,C01,0,5,400', // customs breakdown
      'C,A,2023,USA,M,CHN,0,H6,TOTAL,C00,0,,9999',
      'C,A,2023,USA,X,CHN,0,H6,120190,C00,0,,300',
      'C,A,2023,USA,RM,CHN,0,H6,120190,C00,0,,30',
    ].join('\n');
    const t = parseComtradeCsv(text, 'c.csv');
    assert.equal(t.layout, 'comtrade+');
    assert.equal(t.classification, 'HS2022');
    assert.deepEqual(
      t.rows.map((r) => [r.product, r.flow, r.value_usd]),
      [
        ['850511', 'import', 1000],
        ['120190', 'export', 300],
      ],
    );
    assert.equal(
      t.excluded.reduce((s, e) => s + e.count, 0),
      3,
    );
    assert.equal(
      t.excluded.reduce((s, e) => s + e.value_usd, 0),
      400 + 9999 + 30,
    );
  });
  test('Comtrade+ tab-separated, mixed H5/H6 rows: error with counts per vintage', () => {
    const h = [
      'refYear',
      'reporterISO',
      'flowCode',
      'partnerISO',
      'classificationCode',
      'cmdCode',
      'primaryValue',
    ].join('\t');
    const rows = [
      '2017\tUSA\tM\tCHN\tH5\t850511\t10',
      '2023\tUSA\tM\tCHN\tH6\t850511\t20',
      '2023\tUSA\tM\tCHN\tH6\t850519\t5',
    ];
    assert.throws(
      () => parseComtradeCsv([h, ...rows].join('\n'), 'tab.tsv'),
      /tab\.tsv: column classification: mixed HS vintages \(HS2017: 1 rows \(first at line 2\); HS2022: 2 rows \(first at line 3\)\)/,
    );
    const ok = parseComtradeCsv([h, rows[1], rows[2]].join('\n'), 'tab.tsv');
    assert.equal(ok.rows.length, 2);
    assert.equal(ok.classification, 'HS2022');
  });
  test('legacy layout', () => {
    const h =
      'Classification,Year,Period,Aggregate Level,Is Leaf Code,Trade Flow Code,Trade Flow,Reporter Code,Reporter,Reporter ISO,Partner Code,Partner,Partner ISO,Commodity Code,Commodity,Qty,Trade Value (US$)';
    const t = parseComtradeCsv(
      `${h}\nH4,2016,2016,2,0,1,Import,36,Australia,AUS,0,World,WLD,01,Live animals,,91128858\n`,
      'l.csv',
    );
    assert.equal(t.layout, 'comtrade-legacy');
    assert.equal(t.classification, 'HS2012');
    assert.equal(t.rows[0].value_usd, 91128858);
    assert.equal(t.rows[0].partner, 'WLD');
  });
  test('not a Comtrade header: says which columns are missing', () => {
    assert.throws(
      () => parseComtradeCsv('refYear,primaryValue\n2023,1\n', 'z.csv'),
      /not a UN Comtrade Comtrade\+ layout, missing 'reporterISO', 'partnerISO', 'cmdCode', 'flowCode'/,
    );
  });
});

describe('shipped tables', () => {
  test('2024 US imports from China: totals match the shared README (USD 429.43 bn, duties 46.66 bn)', () => {
    const d = loadUsImportsFromChina2024();
    assert.equal(d.hs10.length, 14422);
    const tot = d.imports_usd.reduce((s, v) => s + v, 0);
    const dut = d.duties_usd.reduce((s, v) => s + v, 0);
    assert.ok(Math.abs(tot / 1e9 - 429.43) < 0.01, `${tot}`);
    assert.ok(Math.abs(dut / 1e9 - 46.66) < 0.01, `${dut}`);
    assert.ok(d.hs10.every((c) => /^\d{10}$/.test(c)));
  });
  test('HS6 by partner: Slovakia excluded (inside EUN), and reported', () => {
    const t = loadUsImports2024ByPartner();
    assert.ok(!t.rows.some((r) => r.partner === 'SVK'));
    assert.ok(t.excluded[0].count > 0 && /Slovakia/.test(t.excluded[0].reason));
  });
  test('HS2017 vs HS2022: plain HS6 join matches about 79% of 2024 China import value; HS4 fallback raises it', () => {
    const d = loadUsImportsFromChina2024();
    const s = loadUsTariffsOnChina2018_2020();
    const src = new Map(s.hs6.map((h, i) => [h, s.rates_pct[s.dates.indexOf('2020-02-14')][i]] as const));
    const m = matchHsVintage(src, d.hs10, d.imports_usd);
    assert.ok(m.matched_hs6_share > 0.78 && m.matched_hs6_share < 0.8, `${m.matched_hs6_share}`);
    assert.ok(m.matched_share > 0.93, `${m.matched_share}`);
  });
});

test('HS helpers', () => {
  assert.equal(normalizeHs('8505.11.00'), '85051100');
  assert.equal(normalizeHs('123'), null);
  assert.equal(hsSection('8505'), 'XVI');
  assert.equal(hsSection('0101'), 'I');
  assert.equal(hsSection('9903'), 'national (ch. 98-99)');
  assert.equal(hsSection('97'), 'XXI');
});

test('expandToLines splits coarse codes over the lines under them (by line weights, else equally)', () => {
  const base = {
    importer: 'US',
    exporter: 'CN',
    lines: ['850511', '9503', '0101'],
    weights_usd: Float64Array.from([100, 60, 7]),
    duties_usd: null,
    base_year: 2024,
    description: 'd',
    label: 'l',
    notes: [],
  };
  const lines = ['8505110010', '8505110070', '9503000011', '9503000090', '9503000013', '8505190000'];
  const lw = Float64Array.from([1, 3, 0, 0, 0, 9]);
  const e = expandToLines(base, lines, lw, 'by test weights');
  const w = (c: string) => e.weights_usd[e.lines.indexOf(c)];
  assert.equal(w('8505110010'), 25);
  assert.equal(w('8505110070'), 75);
  assert.equal(w('9503000011'), 20); // zero line weights: equal split
  assert.equal(w('0101'), 7); // nothing under it: kept
  assert.ok(!e.lines.includes('8505190000'));
  assert.equal(
    e.weights_usd.reduce((s, v) => s + v, 0),
    167,
  );
  assert.match(e.notes[0], /2 product codes \(95\.8% of value\) split/);
});
