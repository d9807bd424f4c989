// Ledger views over time: the daily averages both ways (the dashboard's averages chart), "since
// then" (the start story's second half) and who paid. Each route returns its report function's
// document (light reads of the ledger, answered inline); as-of.ts adds the scenario's as_of.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { loadValidationTargets } from '../../io/index.ts';
import {
  AVERAGES_CSV_COLUMNS,
  AVERAGES_CSV_LAYOUT,
  AVERAGES_CSV_TYPE,
  averagesCsv,
  averagesReport,
  queryField,
  sinceThenReport,
  whoPaidReport,
  type PublishedTarget,
} from '../../report/index.ts';
import { cached, shippedTrade } from '../analysis.ts';
import { parseWith } from '../errors.ts';
import { checkName } from '../names.ts';
import { date, NameParams } from '../schemas.ts';
import * as R from '../responses/index.ts';
import type { Route, RouteContext } from './route.ts';

export const AveragesQuery = z.strictObject({
  from: date.optional(),
  to: date.optional(),
  format: z.enum(['json', 'csv']).default('json'),
});

export const WhoPaidQuery = z.strictObject({ from: date.optional(), to: date.optional() });

let targets: PublishedTarget[] | null = null;
const shippedTargets = () => (targets ??= loadValidationTargets());

export function ledgerViewRoutes(ctx: RouteContext): Route[] {
  const scn = (req: FastifyRequest) => ctx.scenarios.get(checkName((req.params as { name: string }).name));
  return [
    {
      method: 'GET',
      url: '/api/scenarios/:name/averages',
      tag: 'ledger',
      summary:
        "Daily trade-weighted average tariffs both ways (additional and with MFN) from the ledger's first date (or from) to as_of (or to), with PIIE's published points (format=csv: a source line, a date column, units in headers)",
      params: NameParams,
      query: AveragesQuery,
      response: { name: 'Averages', schema: R.Averages },
      table: {
        content_type: AVERAGES_CSV_TYPE,
        when: 'format=csv',
        layout: AVERAGES_CSV_LAYOUT,
        columns: AVERAGES_CSV_COLUMNS,
      },
      handler: (req, reply) => {
        const s = scn(req);
        const { format, ...q } = parseWith(AveragesQuery, req.query, 'query');
        const r = cached(s, 'averages:' + JSON.stringify(q), () =>
          averagesReport(s, shippedTrade(), shippedTargets(), q, queryField),
        );
        if (format === 'csv') return reply.type(AVERAGES_CSV_TYPE).send(averagesCsv(r));
        return r;
      },
    },
    {
      method: 'GET',
      url: '/api/scenarios/:name/since-then',
      tag: 'ledger',
      summary:
        "Today's averages and layers both ways against 2025-06-11, and every date that moved them with the ledger's events (the second half of `npm start`)",
      params: NameParams,
      response: { name: 'SinceThen', schema: R.SinceThen },
      handler: (req) => {
        const s = scn(req);
        return cached(s, 'since-then', () => sinceThenReport(s, shippedTrade(), queryField));
      },
    },
    {
      method: 'GET',
      url: '/api/scenarios/:name/who-paid',
      tag: 'ledger',
      summary:
        'Duties by authority and month both ways at fixed base-year flows (a static-flow estimate, stated), and the IEEPA duties the ruling makes refundable beside the published refund figures',
      params: NameParams,
      query: WhoPaidQuery,
      response: { name: 'WhoPaid', schema: R.WhoPaid },
      handler: (req) => {
        const s = scn(req);
        const q = parseWith(WhoPaidQuery, req.query, 'query');
        return cached(s, 'who-paid:' + JSON.stringify(q), () =>
          whoPaidReport(s, shippedTrade(), q, queryField),
        );
      },
    },
  ];
}
