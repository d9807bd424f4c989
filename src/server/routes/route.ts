// What every route file is given and returns: a Route (one entry of the route table, which both
// the router and /openapi.json read) and the app's parts a handler may use.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { parseBody, type Ops, type OpName } from '../ops.ts';
import type { RunManager, RunStore } from '../runs.ts';
import type { ScenarioStore } from '../scenarios.ts';

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  summary: string;
  tag: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Response content type when not JSON. */
  produces?: string;
  status?: number;
  /** Response body schema, published in openapi.json under components/schemas (name, schema). */
  response?: { name: string; schema: z.ZodType };
  /** A table answer beside the JSON one (format=csv): its content type, when it is sent, its layout and columns. */
  table?: {
    content_type: string;
    when: string;
    layout: string;
    columns: readonly { name: string; description: string }[];
  };
  handler: (req: FastifyRequest, reply: FastifyReply) => unknown;
}

export interface RouteContext {
  scenarios: ScenarioStore;
  store: RunStore;
  runs: RunManager;
  /** Request body limit in bytes (reported by /api/health). */
  bodyLimit: number;
  /** Most Monte Carlo runs one request may ask for. */
  maxRuns: number;
  /** A route's answer from one of ops.ts's operations (from a thread: its JSON text, sent as is). */
  work<K extends OpName>(op: K, arg: Parameters<Ops[K]>[0]): Promise<unknown>;
}

/** The scenario named in a request's path, with its raw query and body (checked by the op). */
export const on = (req: FastifyRequest) => ({
  name: (req.params as { name: string }).name,
  query: req.query,
  body: req.body,
});

/** A request's body checked against its schema. */
export const bodyOf = <T>(schema: z.ZodType<T>, req: FastifyRequest) => parseBody(schema, req.body);
