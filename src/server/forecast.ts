// Forecast harness routes: the track record shown beside the odds, and the score and resolution
// documents of the built-in question set (the same documents as `leverage score|questions
// resolve data/questions/us-china.yaml --json`, computed by the library and cached).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import * as R from './responses/index.ts';

interface ForecastRoute {
  method: 'GET';
  url: string;
  summary: string;
  tag: string;
  /** Response body schema, published in openapi.json (see app.ts Route). */
  response: { name: string; schema: z.ZodType };
  handler: (req: FastifyRequest, reply: FastifyReply) => unknown;
}

/** `work` runs an op of ops.ts (app.ts: off the event loop, in the pool with threads). */
export function forecastRoutes(
  work: (op: 'trackRecordSummary' | 'trackRecordScore' | 'resolveQuestions') => Promise<unknown>,
): ForecastRoute[] {
  return [
    {
      method: 'GET',
      url: '/api/track-record',
      response: { name: 'TrackRecord', schema: R.TrackRecord },
      tag: 'forecast',
      summary:
        "The model's score on the built-in question set against its best baseline, in words when it does not beat persistence, and what it said at each past origin vs what happened",
      handler: () => work('trackRecordSummary'),
    },
    {
      method: 'GET',
      url: '/api/questions/us-china/score',
      response: { name: 'Score', schema: R.Score },
      tag: 'forecast',
      summary:
        'Scores of the built-in question set (2,000 runs per origin, seed 1): the document of `leverage score data/questions/us-china.yaml --json`',
      handler: () => work('trackRecordScore'),
    },
    {
      method: 'GET',
      url: '/api/questions/us-china/resolve',
      response: { name: 'Resolutions', schema: R.Resolutions },
      tag: 'forecast',
      summary: "Each built-in question's outcome from the ledger (`leverage questions resolve ... --json`)",
      handler: () => work('resolveQuestions'),
    },
  ];
}
