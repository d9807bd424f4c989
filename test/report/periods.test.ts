// One convention for the bounds of a period in every JSON answer: `from` and `to`, the first and
// the last day, inclusive (like the query parameters and the head of every report over a range).
// The answers below are walked for the other names a period's bounds went by (`start`/`end`,
// `date`/`end`, `first_day`/`last_day`); the few keys left under such a name are listed with why.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { apiJson, cliJson } from './parity.ts';

const S = '/api/scenarios/us-china';

/** Names a period's bounds must not go by. */
const OTHER_NAMES = /^(start|end|first_day|last_day|period_start|period_end|begin|finish|date_from|date_to)$/;

/** Keys under such a name that are not a period's inclusive bounds (path as `.a[].b`). */
const NOT_BOUNDS: Record<string, string> = {
  '.agreements[].clocks[].start': "an agreement clock's start day (scenario format: start + days)",
  '.agreements[].clocks[].end':
    'the day the clock has run out (start + days, exclusive: the deadline as sources cite it), not an inclusive last day',
  '.rows[].clocks[].start': 'timeline: a clock, as above',
  '.rows[].clocks[].end': 'timeline: the day the clock has run out, as above',
  '.start': 'bottleneck: the first week of `weeks` weeks (a start and a length; the query parameter `start`)',
};

function otherBounds(v: unknown, path = '', out = new Set<string>()): string[] {
  if (Array.isArray(v)) for (const x of v) otherBounds(x, `${path}[]`, out);
  else if (v !== null && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      const p = `${path}.${k}`;
      if (OTHER_NAMES.test(k) && !NOT_BOUNDS[p]) out.add(p);
      otherBounds(x, p, out);
    }
  return [...out];
}

describe('period bounds are from/to in every answer', () => {
  test('the check finds another name at any depth and passes the listed keys', () => {
    assert.deepEqual(otherBounds({ start: 'x', points: [{ end: 'y', from: 'a' }], a: { first_day: 1 } }), [
      '.points[].end',
      '.a.first_day',
    ]);
  });

  test('API answers over periods: series points, report heads, the IEEPA collection period', async () => {
    const paths = [
      `${S}/tariffs?group=handbags&step=month`,
      `${S}/effective?step=month&by=authority`,
      `${S}/averages?from=2025-06-01&to=2025-06-30`,
      `${S}/who-paid?from=2025-01-01&to=2025-12-31`,
      `${S}/timeline?from=2025-04-01&to=2025-06-30`,
      `${S}/ledger?date=2025-06-11`,
      `${S}/since-then`,
      `${S}/claims`,
      `${S}/exposure?weeks=4`,
      `${S}/exposure/bottleneck?weeks=4`,
    ];
    const found: string[] = [];
    for (const p of paths) for (const k of otherBounds(await apiJson(p))) found.push(`${p}: ${k}`);
    assert.deepEqual(found, []);
    // the points of both series carry from/to, the month's first and last day
    const t = (await apiJson(`${S}/tariffs?group=handbags&step=month`)) as {
      points: { from: string; to: string }[];
    };
    assert.deepEqual([t.points[1].from, t.points[1].to], ['2025-02-01', '2025-02-28']);
    const w = (await apiJson(`${S}/who-paid?from=2025-01-01&to=2025-12-31`)) as {
      from: string;
      to: string;
      ieepa_refundable: { from: string | null; to: string | null };
    };
    assert.deepEqual([w.from, w.to], ['2025-01-01', '2025-12-31']);
    assert.deepEqual([w.ieepa_refundable.from, w.ieepa_refundable.to], ['2025-02-04', '2025-12-31']);
  });

  test('the CLI: tariffs --json points carry from/to', async () => {
    const doc = (await cliJson([
      'tariffs',
      '--from',
      '2025-04-01',
      '--to',
      '2025-04-14',
      '--step',
      'week',
    ])) as {
      points: Record<string, unknown>[];
    };
    assert.deepEqual(otherBounds(doc), []);
    assert.deepEqual(
      doc.points.map((p) => [p.from, p.to]),
      [
        ['2025-04-01', '2025-04-07'],
        ['2025-04-08', '2025-04-14'],
      ],
    );
  });
});
