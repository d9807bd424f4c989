// The ledger on a date and the timeline of measures and agreements.
import * as S from '../schemas.ts';
import * as R from '../responses/index.ts';
import { on, type Route, type RouteContext } from './route.ts';

export function ledgerRoutes(ctx: RouteContext): Route[] {
  const { work } = ctx;
  return [
    {
      method: 'GET',
      url: '/api/scenarios/:name/ledger',
      tag: 'ledger',
      summary:
        'What is in force on a date: tracked stacks (or one product/group), measures, export controls, agreements',
      params: S.NameParams,
      query: S.LedgerQuery,
      response: { name: 'Ledger', schema: R.Ledger },
      handler: (req) => work('ledger', on(req)),
    },
    {
      method: 'GET',
      url: '/api/scenarios/:name/timeline',
      tag: 'ledger',
      summary: 'Measures and agreements as dated intervals (status, approvals, clocks) and every event',
      params: S.NameParams,
      query: S.TimelineQuery,
      response: { name: 'Timeline', schema: R.Timeline },
      handler: (req) => work('timeline', on(req)),
    },
  ];
}
