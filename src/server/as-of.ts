// Every answer about a scenario carries its as_of, with a warning for a queried date past it and
// a located error for one before the ledger's first date.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Scenario } from '../model/index.ts';
import { asOfWarning, checkLedgerDate, queryField, withAsOf } from '../report/index.ts';
import { checkName } from './names.ts';
import type { ScenarioStore } from './scenarios.ts';

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
