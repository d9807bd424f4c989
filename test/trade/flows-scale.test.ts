// The flow reader at size: linear in rows (a 35,000-row file took 32 s when nested-code detection
// scanned every code of a reporter/partner/year for each row), and the CSV tokenizer it rests on.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { forEachCsvRecord, CsvSyntaxError } from '../../src/io/csv.ts';
import { parseFlowCsv, FlowFileError } from '../../src/io/index.ts';
import { codeIndex, nestedCodeRows } from '../../src/trade/index.ts';
import type { FlowRow } from '../../src/trade/index.ts';

function records(text: string, delimiter = ','): [string[], number][] {
  const out: [string[], number][] = [];
  forEachCsvRecord(text, delimiter, (f, line) => {
    out.push([f, line]);
  });
  return out;
}

describe('CSV tokenizer', () => {
  test('quotes, doubled quotes, embedded delimiters and newlines, CRLF, trimming, empty lines', () => {
    const text = 'a,b,c\r\n 1 , "x, ""y""" ,3\r\n\r\n"multi\nline",2,\n4,5,6';
    assert.deepEqual(records(text), [
      [['a', 'b', 'c'], 1],
      [['1', 'x, "y"', '3'], 2],
      [['multi\nline', '2', ''], 4],
      [['4', '5', '6'], 6],
    ]);
  });
  test('tabs are data separators in TSV, not blanks to trim', () => {
    assert.deepEqual(records('a\t\tb\n', '\t'), [[['a', '', 'b'], 1]]);
  });
  test('an unclosed quote and a stray quote are errors with their line', () => {
    assert.throws(
      () => records('a,b\n1,"open\n2,3\n'),
      (e: unknown) => e instanceof CsvSyntaxError && e.line === 2 && /never closed/.test(e.message),
    );
    assert.throws(
      () => records('a,b\n1,2\n3,x"y\n'),
      (e: unknown) => e instanceof CsvSyntaxError && e.line === 3,
    );
    assert.throws(
      () => records('a,b\n"1"x,2\n'),
      (e: unknown) => e instanceof CsvSyntaxError && e.line === 2,
    );
  });
  test('a flow file with a CSV fault names the file and line', () => {
    assert.throws(
      () => parseFlowCsv('reporter,partner,product,year,value_usd\nUSA,CHN,"85,2024,1\n', 'f.csv'),
      (e: unknown) => e instanceof FlowFileError && /^f\.csv: not valid CSV: .*line 2/.test(e.message),
    );
  });
});

/** The rule, written the slow way: a row is an aggregate when a longer code starts with its code. */
function bruteNested(rows: FlowRow[]): FlowRow[] {
  return rows.filter((r) =>
    rows.some(
      (o) =>
        o.reporter === r.reporter &&
        o.partner === r.partner &&
        o.year === r.year &&
        o.flow === r.flow &&
        o.product.length > r.product.length &&
        o.product.startsWith(r.product),
    ),
  );
}

describe('nested codes', () => {
  test('the linear index finds exactly the aggregates the pairwise rule finds', () => {
    const code = fc
      .tuple(fc.constantFrom('85', '84', '03'), fc.constantFrom('', '05', '0511', '051100', '05110070'))
      .map(([a, b]) => a + b);
    const row = fc.record({
      partner: fc.constantFrom('CHN', 'MEX'),
      year: fc.constantFrom(2023, 2024),
      product: code,
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), (specs) => {
        const rows: FlowRow[] = specs.map((s, i) => ({
          reporter: 'USA',
          partner: s.partner,
          product: s.product,
          year: s.year,
          flow: 'import',
          value_usd: 1,
          quantity: null,
          duties_usd: null,
          line: i + 2,
        }));
        assert.deepEqual(nestedCodeRows(rows), bruteNested(rows));
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  test('the sorted code index: nested rows and first lines of repeated keys as the pairwise rule, groups interleaved', () => {
    const row = fc.record({
      reporter: fc.constantFrom('USA', 'CAN'),
      partner: fc.constantFrom('CHN', 'MEX'),
      year: fc.constantFrom(2023, 2024),
      flow: fc.constantFrom('import' as const, 'export' as const),
      // "8500" sorts between "85" and "8501": padding with zeros must not hide a prefix
      product: fc.constantFrom('85', '8500', '850000', '8501', '850110', '8502', '03', '0301', '9', '99'),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), (specs) => {
        const rows: FlowRow[] = specs.map((s, i) => ({
          ...s,
          value_usd: 1,
          quantity: null,
          duties_usd: null,
          line: i % 3 === 0 ? 0 : i + 2, // generated rows have line 0: still a first line
        }));
        const same = (a: FlowRow, b: FlowRow) =>
          a.reporter === b.reporter && a.partner === b.partner && a.year === b.year && a.flow === b.flow;
        const { nested, firstLine } = codeIndex(rows);
        rows.forEach((r, i) => {
          const agg = rows.some(
            (o) => same(o, r) && o.product.length > r.product.length && o.product.startsWith(r.product),
          );
          assert.equal(nested[i], agg ? 1 : 0, `row ${i} ${r.product}`);
          const first = rows.findIndex((o) => same(o, r) && o.product === r.product);
          assert.equal(firstLine[i], first < i ? rows[first].line : -1, `row ${i} ${r.product}`);
        });
      }),
      { seed: 11, numRuns: 300 },
    );
  });

  test('35,000 rows of mixed depth read in well under the quadratic time', () => {
    // Half HS6, half HS10 lines under them: the worst case of the old pairwise scan (about 8 s here).
    const lines = ['reporter,partner,product,year,value_usd'];
    for (let i = 0; i < 35_000; i++) {
      const hs6 = String(100000 + ((Math.floor(i / 2) * 7919) % 900000));
      lines.push(`USA,CHN,${i % 2 ? hs6 : hs6 + String(i % 100).padStart(4, '0')},2024,${i}`);
    }
    const text = lines.join('\n');
    const t0 = performance.now();
    const t = parseFlowCsv(text, 'big.csv');
    const seconds = (performance.now() - t0) / 1000;
    assert.equal(t.rows.length, 35_000);
    assert.ok(t.warnings.some((w) => w.code === 'nested_codes' && w.count > 1000));
    // The target is < 1 s (bench/RESULTS.md); 3 s leaves room for a loaded CI machine.
    assert.ok(seconds < 3, `took ${seconds.toFixed(2)} s`);
  });
});
