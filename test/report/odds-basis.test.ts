// What the printed odds are: the simulator's shares of runs, with the scores of such shares and of
// the recalibrated forecast on the resolved questions, read from the track record (not recomputed).
// GET /api/track-record carries it (its schema: test/server/openapi-validate.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { oddsBasis } from '../../src/report/index.ts';
import { trackSummary } from './track-summary.ts';

const summary = trackSummary;

test('the note names the shares, their Brier score against the best baseline, and the forecast', () => {
  const b = oddsBasis(summary(0.368, 0.25));
  assert.equal(b.kind, 'simulator_shares');
  assert.equal(b.label, 'share of runs');
  assert.equal(
    b.note,
    "Odds are shares of simulated runs, not a scored forecast: on 72 resolved questions the simulator's " +
      'shares scored Brier 0.368 vs coin 0.250 (worse; lower is better); the recalibrated forecast ' +
      '(leverage forecast) 0.287 (leverage score data/questions/us-china.yaml --json).',
  );
  assert.match(oddsBasis(summary(0.2, 0.25)).note, /Brier 0\.200 vs coin 0\.250 \(better;/);
  assert.match(oddsBasis(summary(null, 0.25)).note, /the simulator's shares are not in the score document/);
});
