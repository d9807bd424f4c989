// `leverage exposure --model bottleneck` end to end: one JSON document whose weekly rows scripts
// can sum, the counterfactual, CSV with units, and located errors.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cli as inProcess } from '../helpers.ts';

const cli = (...args: string[]) => inProcess(args);

describe('leverage exposure --model bottleneck', async () => {
  test('--json: weeks as objects with date, country, output_lost_usd; by user sums to by country', async () => {
    const r = await cli('exposure', 'us-china', '--model', 'bottleneck', '--weeks', '20', '--json');
    assert.equal(r.status, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.equal(j.model, 'bottleneck');
    assert.equal(j.weekly.length, 20 * j.countries.length);
    const w = j.weekly.find(
      (x: { date: string; country: string }) => x.date === '2025-06-09' && x.country === 'USA',
    );
    assert.ok(w.output_lost_usd > 0);
    const users = j.by_user.filter(
      (x: { date: string; country: string }) => x.date === '2025-06-09' && x.country === 'USA',
    );
    const s = users.reduce((a: number, x: { output_lost_usd: number }) => a + x.output_lost_usd, 0);
    assert.ok(Math.abs(s - w.output_lost_usd) < 1, `${s} vs ${w.output_lost_usd}`);
    assert.equal(j.linear.length, 20);
    assert.ok(j.units.output_lost_usd.includes('USD per week'));
  });

  test('--hold-flows-from 2025-05-01 raises the US loss in August; CSV carries units', async () => {
    const held = JSON.parse(
      (
        await cli(
          'exposure',
          '--model',
          'bottleneck',
          '--weeks',
          '26',
          '--hold-flows-from',
          '2025-05-01',
          '--json',
        )
      ).stdout,
    );
    const aug = held.weekly.filter(
      (x: { date: string; country: string }) => x.country === 'USA' && x.date.startsWith('2025-08'),
    );
    assert.ok(aug.every((x: { output_lost_usd: number }) => x.output_lost_usd > 1e9));
    assert.match(held.counterfactual, /2025-05-01/);
    const csv = await cli('exposure', '--model', 'bottleneck', '--weeks', '2', '--csv');
    assert.equal(csv.status, 0, csv.stderr);
    assert.match(csv.stdout, /^# leverage exposure --model bottleneck/);
    assert.match(csv.stdout, /# output_lost_usd: USD per week/);
    assert.match(csv.stdout, /\ndate,user,country,output_share,output_lost_usd/);
  });

  test('bad options are errors with exit 2', async () => {
    const r = await cli('exposure', '--model', 'bottleneck', '--hold-flows-from', '2025-13-01', '--json');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--hold-flows-from/);
    assert.equal(r.stdout, '');
    const m = await cli('exposure', '--model', 'quadratic');
    assert.equal(m.status, 2);
    assert.match(m.stderr, /--model: expected linear or bottleneck/);
    // the linear model's date options are refused, not silently ignored (--at once answered for 2025-03-03)
    for (const flag of ['--at', '--from']) {
      const a = await cli('exposure', '--model', 'bottleneck', flag, '2025-06-11', '--json');
      assert.equal(a.status, 2, flag);
      assert.match(
        a.stderr,
        new RegExp(`${flag} applies to --model linear; the bottleneck model runs from --start`),
      );
      assert.equal(a.stdout, '');
    }
  });
});
