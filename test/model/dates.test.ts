// isIsoDate: a real calendar day written YYYY-MM-DD, by arithmetic; the same answers as reading
// the string with Date and writing it back (the rule it replaced).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isIsoDate } from '../../src/model/index.ts';

function byDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

test('leap days: every 4th year, not centuries unless divisible by 400', () => {
  assert.equal(isIsoDate('2024-02-29'), true);
  assert.equal(isIsoDate('2025-02-29'), false);
  assert.equal(isIsoDate('1900-02-29'), false);
  assert.equal(isIsoDate('2000-02-29'), true);
  assert.equal(isIsoDate('2100-02-29'), false);
  assert.equal(isIsoDate('0000-02-29'), true);
});

test('month and day bounds, shapes, non-strings', () => {
  for (const s of ['2025-04-30', '2025-12-31', '2025-01-01', '0000-01-01', '9999-12-31'])
    assert.equal(isIsoDate(s), true, s);
  for (const s of [
    '2025-04-31',
    '2025-13-01',
    '2025-00-10',
    '2025-06-00',
    '2025-6-1',
    '2025-06-011',
    ' 2025-06-01',
    '2025-06-01T00:00:00Z',
    '２０２５-06-01',
    '',
  ])
    assert.equal(isIsoDate(s), false, s);
  for (const v of [undefined, null, 20250601, new Date('2025-06-01'), ['2025-06-01']])
    assert.equal(isIsoDate(v), false);
});

test('the same as the Date round trip on every month 00-13 and day 00-32 of 1890-2110 and a sample of other years', () => {
  let n = 0;
  for (let y = 0; y <= 9999; y += y >= 1890 && y <= 2110 ? 1 : 89)
    for (let m = 0; m <= 13; m++)
      for (let d = 0; d <= 32; d++) {
        const s = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        assert.equal(isIsoDate(s), byDate(s), s);
        n++;
      }
  assert.ok(n > 100_000);
});
