// Ledger views over time: the daily averages both ways (the dashboard's averages chart), "since
// then" (the start story's second half) and who paid. Each route returns its report function's
// document; and every answer about a scenario carries its as_of, with a warning for a queried
// date past it and a located error for one before the ledger's first date.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { loadValidationTargets } from '../io/index.ts';
import type { Scenario } from '../model/index.ts';
import {
  asOfWarning,
  averagesCsv,
  averagesReport,
  checkLedgerDate,
  queryField,
  sinceThenReport,
  whoPaidReport,
  withAsOf,
  type PublishedTarget,
} from '../report/index.ts';
import { cached, shippedTrade } from './analysis.ts';
import { parseWith } from './errors.ts';
import { checkName } from './names.ts';
import type { ScenarioStore } from './scenarios.ts';
import { date, NameParams } from './schemas.ts';
import * as R from './responses/index.ts';

interface ViewRoute {
  method: 'GET';
  url: string;
  summary: string;
  tag: string;
  params?: z.ZodType;
  query?: z.ZodType;
  produces?: string;
  /** Response body schema, published in openapi.json (see app.ts Route). */
  response?: { name: string; schema: z.ZodType };
  handler: (req: FastifyRequest, reply: FastifyReply) => unknown;
}

export const AveragesQuery = z.strictObject({
  from: date.optional(),
  to: date.optional(),
  format: z.enum(['json', 'csv']).default('json'),
});

export const WhoPaidQuery = z.strictObject({ from: date.optional(), to: date.optional() });

let targets: PublishedTarget[] | null = null;
const shippedTargets = () => (targets ??= loadValidationTargets());

export function ledgerViewRoutes(scn: (req: FastifyRequest) => Scenario): ViewRoute[] {
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
      handler: (req, reply) => {
        const s = scn(req);
        const { format, ...q } = parseWith(AveragesQuery, req.query, 'query');
        const r = cached(s, 'averages:' + JSON.stringify(q), () =>
          averagesReport(s, shippedTrade(), shippedTargets(), q, queryField),
        );
        if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(averagesCsv(r));
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

const DATE_FIELDS = ['date', 'at', 'from', 'to'];

/**
 * For every /api/scenarios/:name/... answer: a queried date before the ledger's first date is a
 * located 400; the JSON body carries the scenario's as_of and `warnings` for queried dates past it.
 */
const context = new WeakMap<FastifyRequest, { as_of: string | null; warnings: string[] }>();

/**
 * A scenario answer computed in a worker thread arrives as JSON text, which fastify does not
 * pass through preSerialization: add the same `as_of` and `warnings` to it (parsed here, so the
 * document is exactly what the inline path serializes). Other text passes unchanged.
 */
export function withAsOfText(req: FastifyRequest, text: string): string {
  const ctx = context.get(req);
  if (!ctx || !text.startsWith('{')) return text;
  const doc = JSON.parse(text) as unknown;
  if (typeof doc !== 'object' || doc === null || 'error' in doc) return text;
  return JSON.stringify(withAsOf(doc, ctx.as_of, ctx.warnings));
}

export function registerAsOfHooks(fastify: FastifyInstance, scenarios: ScenarioStore): void {
  fastify.addHook('preHandler', async (req) => {
    const name = (req.params as { name?: unknown } | undefined)?.name;
    if (typeof name !== 'string' || !req.url.startsWith('/api/scenarios/')) return;
    if (req.method !== 'GET' && req.method !== 'POST') return;
    let s: Scenario;
    try {
      s = scenarios.get(checkName(name));
    } catch {
      return; // the route answers the bad name itself
    }
    const query = (req.query ?? {}) as Record<string, unknown>;
    const warnings: string[] = [];
    for (const f of DATE_FIELDS) {
      const v = query[f];
      if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) continue;
      checkLedgerDate(s, queryField, f, v);
      const w = asOfWarning(s, queryField, f, v);
      if (w) warnings.push(w);
    }
    context.set(req, { as_of: s.as_of ?? null, warnings });
  });
  fastify.addHook('preSerialization', async (req, _reply, payload) => {
    const ctx = context.get(req);
    if (!ctx || typeof payload !== 'object' || payload === null || Array.isArray(payload)) return payload;
    if ('error' in (payload as object)) return payload;
    return withAsOf(payload, ctx.as_of, ctx.warnings);
  });
}
