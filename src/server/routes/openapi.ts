// The OpenAPI 3.1 document served at /openapi.json, built from the route table: each route's
// zod schemas (params, query, body, response) as JSON Schema, and the error answers it may give.
import { z } from 'zod';
import type { Route } from './route.ts';

/** A table answer (CSV) as an OpenAPI media type: text, its layout and columns in words and as `x-columns`. */
function tableContent(t: NonNullable<Route['table']>) {
  return {
    schema: {
      type: 'string',
      description: `${t.when}: ${t.layout}. Columns: ${t.columns.map((c) => `${c.name} (${c.description})`).join('; ')}`,
    },
    'x-columns': t.columns,
  };
}

export function openApiDocument(
  routes: Route[],
  limits: { bodyLimit: number; maxRuns: number; maxConcurrent: number },
) {
  const paths: Record<string, Record<string, unknown>> = {};
  const js = (s: z.ZodType) =>
    z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  const errorRef = { $ref: '#/components/schemas/Error' };
  const responseSchemas: Record<string, unknown> = {};
  for (const r of routes) {
    if (r.response)
      responseSchemas[r.response.name] = z.toJSONSchema(r.response.schema, {
        io: 'output',
        unrepresentable: 'any',
      });
    const path = r.url.replace(/:([a-z]+)/g, '{$1}');
    const parameters: unknown[] = [];
    for (const m of r.url.matchAll(/:([a-z]+)/g))
      parameters.push({ name: m[1], in: 'path', required: true, schema: { type: 'string' } });
    if (r.query) {
      const s = js(r.query) as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, schema] of Object.entries(s.properties ?? {}))
        parameters.push({
          name,
          in: 'query',
          required: (s.required ?? []).includes(name) && !(schema as { default?: unknown }).default,
          schema,
        });
    }
    const op: Record<string, unknown> = {
      summary: r.summary,
      tags: [r.tag],
      operationId: `${r.method.toLowerCase()}${r.url.replace(/[/:{}-]+(\w)/g, (_m, c: string) => c.toUpperCase())}`,
      parameters,
      responses: {
        [String(r.status ?? 200)]: {
          description: 'OK',
          content: {
            [r.produces ?? 'application/json']: {
              schema: r.response
                ? { $ref: `#/components/schemas/${r.response.name}` }
                : r.produces
                  ? { type: 'string', description: `a ${r.produces} stream, not JSON` }
                  : {},
            },
            ...(r.table ? { [r.table.content_type]: tableContent(r.table) } : {}),
          },
        },
        '400': {
          description: 'Bad request (malformed JSON, invalid field)',
          content: { 'application/json': { schema: errorRef } },
        },
        '404': {
          description: 'Unknown scenario, run or route',
          content: { 'application/json': { schema: errorRef } },
        },
        ...(r.body
          ? {
              '415': {
                description:
                  'Unsupported content type (send application/json, application/yaml or text/plain)',
                content: { 'application/json': { schema: errorRef } },
              },
            }
          : {}),
        ...(r.method !== 'GET'
          ? {
              '413': {
                description: `Body larger than ${limits.bodyLimit} bytes`,
                content: { 'application/json': { schema: errorRef } },
              },
            }
          : {}),
        '422': {
          description: 'Understood but not acceptable (invalid scenario, too large)',
          content: { 'application/json': { schema: errorRef } },
        },
        ...(r.url === '/api/runs' && r.method === 'POST'
          ? {
              '429': {
                description: `More than ${limits.maxConcurrent} runs at once`,
                content: { 'application/json': { schema: errorRef } },
              },
            }
          : {}),
      },
    };
    if (r.body) {
      const schema = js(r.body) as { properties?: Record<string, Record<string, unknown>> };
      // The run size limit is a server option (maxRunSize), checked in the handler (422 with the
      // limit in the message); the published schema states the same number.
      if (r.url === '/api/runs' && schema.properties?.runs) schema.properties.runs.maximum = limits.maxRuns;
      op.requestBody = { required: true, content: { 'application/json': { schema } } };
    }
    (paths[path] ??= {})[r.method.toLowerCase()] = op;
  }
  paths['/openapi.json'] = {
    get: { summary: 'This document', tags: ['meta'], responses: { '200': { description: 'OpenAPI 3.1' } } },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Leverage API',
      version: '0.1.0',
      description: `HTTP API of Leverage: scenarios, ledger, tariffs, claims, trade response, rare-earth exposure, IO shocks, game tools and Monte Carlo runs. Limits: request bodies <= ${limits.bodyLimit} bytes (413), runs <= ${limits.maxRuns} per request (422), ${limits.maxConcurrent} concurrent runs (429). Errors: {error: {code, message, path?}}.`,
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: {
        ...responseSchemas,
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string' },
                message: { type: 'string' },
                path: { type: 'string' },
                details: {},
              },
            },
          },
        },
      },
    },
  };
}
