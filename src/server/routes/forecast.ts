// Forecast harness routes: the track record shown beside the odds, and the score and resolution
// documents of the built-in question set (the same documents as `leverage score|questions
// resolve data/questions/us-china.yaml --json`, computed by the library and cached).
import * as R from '../responses/index.ts';
import type { Route, RouteContext } from './route.ts';

/** Each answers with an op of ops.ts (off the event loop: in the pool with threads). */
export function forecastRoutes(ctx: RouteContext): Route[] {
  return [
    {
      method: 'GET',
      url: '/api/track-record',
      response: { name: 'TrackRecord', schema: R.TrackRecord },
      tag: 'forecast',
      summary:
        "The model's score on the built-in question set against its best baseline, in words when it does not beat persistence, and what it said at each past origin vs what happened",
      handler: () => ctx.work('trackRecordSummary', undefined),
    },
    {
      method: 'GET',
      url: '/api/track-record/odds-basis',
      response: { name: 'OddsBasisNow', schema: R.OddsBasisNow },
      tag: 'forecast',
      summary:
        'What the odds of a run are and how such shares have scored, at once: pending (and scoring in the background) while the track record is cold, so a note never holds up the figures beside it',
      handler: () => ctx.work('oddsBasisNow', undefined),
    },
    {
      method: 'GET',
      url: '/api/questions/us-china/score',
      response: { name: 'Score', schema: R.Score },
      tag: 'forecast',
      summary:
        'Scores of the built-in question set (2,000 runs per origin, seed 1): the document of `leverage score data/questions/us-china.yaml --json`',
      handler: () => ctx.work('trackRecordScore', undefined),
    },
    {
      method: 'GET',
      url: '/api/questions/us-china/resolve',
      response: { name: 'Resolutions', schema: R.Resolutions },
      tag: 'forecast',
      summary: "Each built-in question's outcome from the ledger (`leverage questions resolve ... --json`)",
      handler: () => ctx.work('resolveQuestions', undefined),
    },
  ];
}
