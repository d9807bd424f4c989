// Finite cells whose sums or products overflow: refused with a located error, or computed without
// overflow, never carried on as Infinity/NaN (which JSON prints as null).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parseFlowCsv, FlowFileError } from '../../src/io/index.ts';
import { prepareModel, MrioInputError } from '../../src/supply/index.ts';
import { parseBimatrix, supportEnumeration, vertexEnumeration, lemkeHowson } from '../../src/game/index.ts';
import { smallSystem } from '../supply/helpers.ts';

const HEAD = 'reporter,partner,product,year,value_usd,duties_usd\n';

describe('flow files', () => {
  test('values that are each finite but overflow in total: error at the line where it does', () => {
    assert.throws(
      () => parseFlowCsv(`${HEAD}USA,CHN,850511,2024,1e304,\nUSA,CHN,850519,2024,1e304,\n`, 'big.csv'),
      (e: unknown) =>
        e instanceof FlowFileError && /^big\.csv: line 3, column value_usd: .*overflow/.test(e.message),
    );
  });
  test('one value too large to weight by tariff rates is refused; duties too', () => {
    assert.throws(
      () => parseFlowCsv(`${HEAD}USA,CHN,850511,2024,1e306,\n`, 'one.csv'),
      /line 2, column value_usd/,
    );
    assert.throws(
      () => parseFlowCsv(`${HEAD}USA,CHN,850511,2024,1,1e306\n`, 'd.csv'),
      /line 2, column duties_usd/,
    );
  });
  test('large but plausible values pass (world trade is about 3e13 USD)', () => {
    const t = parseFlowCsv(`${HEAD}USA,CHN,850511,2024,3e13,1e12\n`, 'ok.csv');
    assert.equal(t.rows[0].value_usd, 3e13);
  });
});

describe('input-output tables', () => {
  test('finite cells whose row sum overflows: gross output refused, naming the row', () => {
    const sys = smallSystem(
      [
        [1e308, 1e308],
        [1, 1],
      ],
      [[1], [1]],
    );
    assert.throws(
      () => prepareModel(sys),
      (e: unknown) =>
        e instanceof MrioInputError && /gross output at row 1 \(R1\/s1\) overflows/.test(e.message),
    );
  });
  test('a column whose inputs overflow is refused', () => {
    const sys = smallSystem(
      [
        [1e308, 0],
        [1e308, 0],
      ],
      [[0], [0]],
    );
    assert.throws(() => prepareModel(sys), /column 1 \(R1\/s1\) overflow/);
  });
});

describe('games with payoffs near the largest double', () => {
  const g = parseBimatrix({
    A: [
      [1e308, 0],
      [0, 1e308],
    ],
    B: [
      [1e308, 0],
      [0, 3e307],
    ],
  });
  test('equilibrium payoffs are finite and right (mixed: x = 3/13, payoffs 5e307 and 3e308/13, written (1e308/13)*3)', () => {
    for (const report of [supportEnumeration(g), vertexEnumeration(g)]) {
      const mixed = report.equilibria.find((e) => e.row[0] > 0 && e.row[0] < 1)!;
      assert.ok(Math.abs(mixed.row[0] - 3 / 13) < 1e-15);
      assert.ok(Math.abs(mixed.row_payoff / 5e307 - 1) < 1e-12, String(mixed.row_payoff));
      assert.ok(Math.abs(mixed.col_payoff / ((1e308 / 13) * 3) - 1) < 1e-12, String(mixed.col_payoff));
      for (const e of report.equilibria)
        assert.ok(Number.isFinite(e.row_payoff) && Number.isFinite(e.col_payoff));
    }
    for (const e of lemkeHowson(g).equilibria)
      assert.ok(Number.isFinite(e.row_payoff) && Number.isFinite(e.col_payoff));
  });
});
