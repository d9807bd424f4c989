import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { backtest, tradeFlows, scriptFromLedger } from '../../src/simulate/index.ts';
import { london, prepared, TEST_SUPPLY } from './helpers.ts';

describe('backtest: the real 2025 history through the loop', () => {
  const scn = london();
  const inputs = { flows: tradeFlows(['US', 'CN']), supply: TEST_SUPPLY };
  const r = backtest(scn, inputs);

  test('scripted moves from the ledger timeline reproduce the ledger week by week', () => {
    // 2025-01-01 to the knowledge date (as_of 2026-08-07 since the 2026 ledger): 84 weekly dates
    assert.equal(scn.as_of, '2026-08-07');
    assert.equal(r.weeks.length, 84);
    assert.ok(r.scripted_events > 50, `scripted events: ${r.scripted_events}`);
    assert.ok(r.checks > 1500, `checks: ${r.checks}`);
    assert.deepEqual(r.mismatches.slice(0, 5), []);
    assert.ok(r.max_abs_error_pct < 1e-9);
  });

  test('the loop passes through the states the ledger records (tariff averages, truce, framework)', () => {
    const at = (d: string) => r.weeks.find((w) => w.date === d)!;
    // 2025-04-16: after the April escalation; 2025-05-14: Geneva took effect that day; hand-read from the ledger:
    // the US average on China at least doubles between January and mid-April and falls after Geneva
    const jan = at('2025-01-01').average_pct.US_on_CN.loop;
    const apr = at('2025-04-16').average_pct.US_on_CN.loop;
    const may = at('2025-05-14').average_pct.US_on_CN.loop;
    assert.ok(apr > 2 * jan && may < apr, `${jan} ${apr} ${may}`);
    // China's all-goods counter-tariff: 125% in mid-April, 10% applied after Geneva, on top of the Feb/Mar lists
    // and the 2018-19 retaliation layers (about 14 points on 2024 weights: 21.6 with MFN on 2025-01-20, MFN 7.4)
    assert.ok(at('2025-04-16').average_pct.CN_on_US.loop > 125);
    const geneva = at('2025-05-14').average_pct.CN_on_US.loop;
    assert.ok(geneva > 22 && geneva < 30, `${geneva}`);
  });

  test('the comparison can fail: leaving out one scripted event shows up as mismatches', () => {
    const p = prepared(scn, { start: '2025-01-01', weeks: 48 });
    const script = scriptFromLedger(scn, p);
    // the event that sets the IEEPA reciprocal rate to 125% on 2025-04-10
    const idx = script.findIndex((e) => e.date === '2025-04-10' && e.what === 'us-ieepa-reciprocal-cn rate');
    assert.ok(idx >= 0);
    const broken = backtest(scn, inputs, { skipEvent: (i) => i === idx });
    assert.ok(broken.mismatches.length > 0, 'a skipped event must be detected');
    assert.ok(
      broken.mismatches.some(
        (m) =>
          m.date === '2025-04-16' &&
          m.what === 'us-ieepa-reciprocal-cn applied rate' &&
          m.loop === 84 &&
          m.ledger === 125,
      ),
    );
    // an agreement event too
    const ag = script.findIndex(
      (e) => e.what === 'agr-london-framework-2025-06 approval by US-president' && e.date === '2025-06-26',
    );
    assert.ok(ag >= 0);
    const broken2 = backtest(scn, inputs, { skipEvent: (i) => i === ag });
    assert.ok(
      broken2.mismatches.some(
        (m) =>
          m.what === 'agr-london-framework-2025-06 approval by US-president' &&
          m.loop === 'pending' &&
          m.ledger === 'approved',
      ),
    );
  });
});
