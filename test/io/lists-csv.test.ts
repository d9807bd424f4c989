// Product-list CSVs are read by csv.ts's tokenizer (src/io/scenario/lists.ts csvRows); csv-parse,
// which read them before, is the reference: the same rows for every list file a scenario can name
// and for edge cases of quoting, spacing and blank lines, or an error from both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { csvRows } from '../../src/io/scenario/lists.ts';
import { DATA_DIR } from '../../src/io/index.ts';
import { Rng } from '../fuzz/lib/index.ts';

const ERROR = Symbol('error');
const reference = (text: string): unknown => {
  try {
    return parse(text, { columns: true, skip_empty_lines: true, trim: true, cast: false });
  } catch {
    return ERROR;
  }
};
const ours = (text: string): unknown => {
  try {
    return csvRows(text);
  } catch {
    return ERROR;
  }
};

test('every list file under data/ reads as csv-parse read it', () => {
  const files = [
    ...readdirSync(join(DATA_DIR, 'lists'))
      .filter((f) => f.endsWith('.csv'))
      .map((f) => join(DATA_DIR, 'lists', f)),
    join(DATA_DIR, 'trade', 'china_retaliation_2025-03_list_hs8.csv'),
  ];
  assert.ok(files.length > 10, `${files.length} files`);
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    const rows = ours(text);
    assert.notEqual(rows, ERROR, f);
    assert.deepEqual(rows, reference(text), f);
  }
});

test('quoting, spaces, blank lines, CRLF and ragged records: the same rows or an error from both', () => {
  const cells = ['a', ' b ', '"c, d"', '"e ""f"""', '', '0101', '"g\nh"', ' "i" '];
  const rng = new Rng(3);
  const pick = <T>(xs: T[]) => xs[Math.floor(rng.next() * xs.length)];
  let agreed = 0;
  for (let c = 0; c < 400; c++) {
    const width = 1 + Math.floor(rng.next() * 3);
    const lines = [Array.from({ length: width }, (_, i) => `col${i}`).join(',')];
    for (let r = 0; r < 4; r++) {
      const w = rng.next() < 0.1 ? width + 1 : width; // now and then a ragged record
      lines.push(rng.next() < 0.1 ? '' : Array.from({ length: w }, () => pick(cells)).join(','));
    }
    const text = lines.join(rng.next() < 0.2 ? '\r\n' : '\n') + (rng.next() < 0.5 ? '\n' : '');
    const want = reference(text);
    assert.deepEqual(ours(text), want, JSON.stringify(text));
    if (want !== ERROR) agreed++;
  }
  assert.ok(agreed > 100, `${agreed} texts read without error`);
});
