// Each verdict sits under the numbers it judges (issue 17): the track record printed after the
// outcome odds (npm start, leverage run) judges the recalibrated forecast under the forecast's
// scores and the simulator's shares of runs (the odds printed above it) under theirs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trackRecordSection } from '../../src/cli/commands/forecast.ts';
import { oddsBasis } from '../../src/report/index.ts';
import { trackSummary } from '../report/track-summary.ts';

test('the track record section puts each verdict under its own Brier score', () => {
  const t = {
    ...trackSummary(0.359, 0.25),
    verdict:
      'the recalibrated forecast beat assuming nothing changes but not the best baseline, coin flip (0.5)',
    simulator_verdict:
      "the simulator's shares of runs beat assuming nothing changes but not the best baseline",
  };
  const lines = trackRecordSection({ ...t, odds_basis: oddsBasis(t) }).split('\n');
  const f = lines.findIndex((l) => l.startsWith('  recalibrated forecast (leverage forecast): Brier 0.287'));
  assert.ok(f > 0, lines.join('\n'));
  assert.equal(lines[f + 1], `    ${t.verdict}`);
  assert.equal(lines[f + 2], "  simulator's shares of runs (the odds runs print): Brier 0.359");
  assert.equal(lines[f + 3], `    ${t.simulator_verdict}`);
  // no sentence says "these odds": whose odds is always named
  assert.ok(!lines.some((l) => /these odds/.test(l)));
  // without the simulator's scores, no line claims them
  const none = trackRecordSection({
    ...t,
    simulated_brier: null,
    simulator_verdict: null,
    odds_basis: oddsBasis(t),
  });
  assert.ok(!/simulator's shares of runs \(the odds runs print\)/.test(none));
});
