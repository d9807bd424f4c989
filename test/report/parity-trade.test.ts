// Trade questions: effective rates (CLI `tariffs` = GET /effective), the stack over time (GET
// /tariffs, monthly value = mean over the month's days), claims, the trade response (one default
// model, CES). Issue 17 item 1: monthly mean vs first-day, CES vs SMART, most common stack.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadShippedTradeData } from '../../src/io/index.ts';
import { productStacks } from '../../src/ledger/index.ts';
import { loadScenarioSync } from '../../src/io/index.ts';
import {
  DEFAULT_RESPONSE_MODEL,
  claimsReport,
  groupStacks,
  queryField,
  tariffStackSeries,
} from '../../src/report/index.ts';
import { apiJson, assertParity } from './parity.ts';

const scn = loadScenarioSync('us-china');
const S = '/api/scenarios/us-china';

const addDay = (d: string, n: number) =>
  new Date(Date.parse(d + 'T00:00:00Z') + n * 86_400_000).toISOString().slice(0, 10);

describe('tariffs and averages (report)', () => {
  test('a month of the stack series is the mean over its days (April 2025, handbags), not its first day', () => {
    const trade = () => loadShippedTradeData();
    const r = tariffStackSeries(
      scn,
      {
        importer: 'US',
        exporter: 'CN',
        group: 'handbags',
        from: '2025-01-01',
        to: '2025-12-31',
        step: 'month',
      },
      trade,
      queryField,
    );
    const april = r.points.find((p) => p.from === '2025-04-01')!;
    assert.equal(april.to, '2025-04-30');
    // independent: the ledger's own stacks, day by day (productStacks, not the compiled schedule)
    let sum = 0;
    for (let d = '2025-04-01'; d <= '2025-04-30'; d = addDay(d, 1))
      sum += productStacks(scn, { importer: 'US', exporter: 'CN', date: d, group: 'handbags' }).stacks[0]
        .total_pct;
    assert.ok(Math.abs(april.total_pct - sum / 30) < 1e-3, `${april.total_pct} vs ${sum / 30}`);
    const first = productStacks(scn, {
      importer: 'US',
      exporter: 'CN',
      date: '2025-04-01',
      group: 'handbags',
    }).stacks[0].total_pct;
    assert.notEqual(april.total_pct, first, 'April rose during the month: the mean is not the first day');
    assert.ok(april.total_pct > first, 'the April peak shows in April');
    assert.equal(
      Object.values(april.layers)
        .reduce((a, b) => a + b, 0)
        .toFixed(3),
      april.total_pct.toFixed(3),
      'layers add up to the total',
    );
  });

  test('parity: `leverage tariffs --json` deep-equals GET /effective (month, by authority)', async () => {
    const q = {
      importer: 'US',
      exporter: 'CN',
      from: '2025-01-01',
      to: '2025-12-31',
      step: 'month',
      by: 'authority',
    };
    const doc = (await assertParity(
      ['tariffs', ...Object.entries(q).flatMap(([k, v]) => [`--${k}`, v])],
      `${S}/effective?${new URLSearchParams(q)}`,
    )) as { points: { from: string; average_pct: number; average_at_start_pct: number }[] };
    assert.equal(doc.points.length, 12);
    const apr = doc.points[3];
    assert.equal(apr.from, '2025-04-01');
    assert.ok(apr.average_pct > apr.average_at_start_pct, 'April mean above its first day');
  });

  test('GET /tariffs and /effective use the same period definition (from, to, mean)', async () => {
    const t = (await apiJson(`${S}/tariffs?step=month`)) as { points: { from: string; to: string }[] };
    const e = (await apiJson(`${S}/effective?step=month`)) as { points: { from: string; to: string }[] };
    assert.deepEqual(
      t.points.map((p) => [p.from, p.to]),
      e.points.map((p) => [p.from, p.to]),
    );
  });
});

describe('claims (report)', () => {
  test('parity: `leverage claims --json` deep-equals GET /claims; "most common" says by trade value', async () => {
    const doc = (await assertParity(['claims'], `${S}/claims`)) as ReturnType<typeof claimsReport>;
    const c = doc.claims.find((x) => x.id === 'claim-trump-55')!;
    assert.equal(c.claimed, 55);
    assert.ok(typeof c.found.most_common_by_value_total_pct === 'number');
    assert.equal(c.found.most_common_total_pct, undefined, 'no unlabelled "most common" figure');
    assert.match(c.explanation, /most common stack by trade value/);
  });
});

describe('most common stack: one definition (trade mostCommonStack) in the Tariffs panel and the claims check', () => {
  test('a group on one day: the series, /groups and the ledger stacks grouped by level give the same stack and line share', () => {
    const date = '2025-06-11';
    for (const [importer, exporter] of [
      ['US', 'CN'],
      ['CN', 'US'],
    ]) {
      const groups = groupStacks(scn, { date, importer, exporter }, queryField);
      for (const g of groups.groups.filter((x) => x.line_count > 0)) {
        const r = tariffStackSeries(
          scn,
          { importer, exporter, group: g.group, from: date, to: date, step: 'week' },
          () => loadShippedTradeData(),
          queryField,
        );
        const p = r.points[0];
        // by hand from the ledger's stacks: line counts summed by stack level, the largest (ties: higher)
        const ps = productStacks(scn, { importer, exporter, date, group: g.group });
        const byLevel = new Map<number, number>();
        for (const st of ps.stacks)
          byLevel.set(st.total_pct, (byLevel.get(st.total_pct) ?? 0) + st.line_count);
        const [level, count] = [...byLevel].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0];
        assert.equal(g.total_pct, level, `${importer}-${exporter} ${g.group}: /groups`);
        assert.equal(g.modal_share, Math.round((count / ps.line_count) * 1e4) / 1e4, g.group);
        if (r.points.length === 1 && p.from === date && p.to === date) {
          assert.equal(p.total_pct, level, `${g.group}: series`);
          assert.equal(p.modal_share, g.modal_share, `${g.group}: series share`);
        }
      }
    }
  });

  test('the claims check gives the most common stack by value and by line count, each saying what it counts', async () => {
    const doc = (await apiJson(`${S}/claims`)) as ReturnType<typeof claimsReport>;
    const c = doc.claims.find((x) => x.id === 'claim-trump-55')!;
    const f = c.found as Record<string, number>;
    for (const k of ['value', 'lines']) {
      assert.equal(typeof f[`most_common_by_${k}_total_pct`], 'number', k);
      assert.ok(f[`most_common_by_${k}_share`] > 0 && f[`most_common_by_${k}_share`] <= 1, k);
    }
    const pct = (v: number) => `${Number(v.toFixed(1))}%`;
    assert.ok(
      c.explanation.includes(
        `the most common stack by trade value was ${pct(f.most_common_by_value_total_pct)}`,
      ) && c.explanation.includes(`by line count ${pct(f.most_common_by_lines_total_pct)}, on `),
      c.explanation,
    );
  });
});

describe('trade response (report)', () => {
  test('one default model, CES (docs/trade.md): the CLI and the API agree without --model', async () => {
    assert.equal(DEFAULT_RESPONSE_MODEL, 'ces');
    const doc = (await assertParity(['response', '--at', '2025-06-11'], `${S}/response?at=2025-06-11`)) as {
      basis: { model: string };
      china: { change_usd: number };
      top_products: unknown[];
    };
    assert.equal(doc.basis.model, 'ces');
    assert.ok(doc.china.change_usd < 0);
    assert.equal(doc.top_products.length, 15);
  });
});
