// `leverage branches`: one JSON document with leverage by week and each side's disagreement
// payoff (USD, cumulative over the branch weeks); bad options are named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cli as leverage } from '../helpers.ts';

test('leverage branches --json: weeks with date, losses and payoffs per actor, shares summing to 1', async () => {
  const r = await leverage([
    'branches',
    '--from',
    '2025-05-19',
    '--to',
    '2025-06-09',
    '--branch-weeks',
    '6',
    '--json',
  ]);
  assert.equal(r.status, 0, r.stderr);
  const doc = JSON.parse(r.stdout);
  assert.equal(doc.path, 'ledger');
  assert.equal(doc.branch_weeks, 6);
  assert.match(doc.unit, /USD-equivalent, cumulative over the 6 weeks/);
  assert.deepEqual(
    doc.weeks.map((w: { date: string }) => w.date),
    ['2025-05-19', '2025-05-26', '2025-06-02', '2025-06-09'],
  );
  for (const w of doc.weeks) {
    assert.equal(w.disagreement_payoff_usd.CN, -w.breakdown_loss_usd.CN);
    assert.ok(Math.abs(w.bargaining_share.US + w.bargaining_share.CN - 1) < 1e-12);
    assert.ok(w.breakdown_loss_usd.US > 0, 'Geneva is live: the US loses from its breakdown');
  }
});

test('leverage branches: bad options are located errors with a non-zero exit', async () => {
  const r = await leverage(['branches', '--branch-weeks', '99', '--json']);
  assert.notEqual(r.status, 0);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /--branch-weeks/);
});
