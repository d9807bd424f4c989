// The HTTP API (fastify 5): the server, its hooks and limits, the route table (routes/, where
// every route is declared once: its zod schemas validate the request and describe it in the
// OpenAPI document served at /openapi.json), the error mapping and the dashboard's static files.
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { REPO_ROOT } from '../io/index.ts';
import { availableParallelism } from 'node:os';
import { ApiError, errorHandler } from './errors.ts';
import { RunManager, RunStore, type RunExecutor, type RunProgress } from './runs.ts';
import { ScenarioStore } from './scenarios.ts';
import { makeOps, type Ops, type OpName } from './ops.ts';
import { WorkerPool } from './pool.ts';
import { registerAsOfHooks, withAsOfText } from './as-of.ts';
import { openApiDocument, routeTable } from './routes/index.ts';

export const HEADERS_TIMEOUT_MS = 10_000;
export const REQUEST_TIMEOUT_MS = 60_000;

export const WEB_DIST = join(REPO_ROOT, 'web', 'dist');

export interface AppOptions {
  dataDir: string;
  bodyLimit?: number;
  /** Time a client has to send its request headers (default HEADERS_TIMEOUT_MS). */
  headersTimeoutMs?: number;
  maxConcurrentRuns?: number;
  maxRunSize?: number;
  /** The Monte Carlo engine; null answers run requests with 503. */
  executor?: RunExecutor | null;
  /**
   * Host names accepted in the Host header (DNS-rebinding guard); null accepts any. Default:
   * loopback names only (127.0.0.1, localhost, ::1).
   */
  allowedHosts?: string[] | null;
  /** Or: make the engine from the app's scenario store (shares its cache). */
  makeExecutor?: (scenarios: ScenarioStore) => RunExecutor | null;
  webDist?: string;
  /**
   * Run the heavy work (scenarios, ledger, tariffs, trade response, exposure, games, Monte Carlo
   * runs) in worker threads so the event loop only routes (default false: inline, as tests from
   * source want). Monte Carlo runs then use the pool unless `executor` is given.
   */
  threads?: boolean;
}

export interface App {
  fastify: FastifyInstance;
  scenarios: ScenarioStore;
  runs: RunManager;
  store: RunStore;
  /** Run one of ops.ts's operations (in the pool with `threads`, else inline): its answer as data. */
  work<K extends OpName>(op: K, arg: Parameters<Ops[K]>[0]): Promise<unknown>;
}

/** An answer a pool thread has already serialized. */
class JsonText {
  constructor(readonly text: string) {}
}

export async function buildApp(opts: AppOptions): Promise<App> {
  const bodyLimit = opts.bodyLimit ?? 1_048_576;
  const maxRuns = opts.maxRunSize ?? 20_000;
  // A client must send its headers within 10 s and its whole request within 60 s (Node's defaults,
  // 60 s and 300 s checked every 30 s, let slow or half-open clients hold sockets for minutes).
  const headersTimeout = opts.headersTimeoutMs ?? HEADERS_TIMEOUT_MS;
  const fastify = Fastify({
    bodyLimit,
    logger: false,
    routerOptions: { maxParamLength: 200 },
    // fastify sets server.requestTimeout from its own option (0 = off, which also stops the checks)
    requestTimeout: Math.max(headersTimeout, REQUEST_TIMEOUT_MS),
    serverFactory: (handler) =>
      createServer(
        {
          headersTimeout,
          requestTimeout: Math.max(headersTimeout, REQUEST_TIMEOUT_MS),
          connectionsCheckingInterval: Math.min(1000, headersTimeout),
        },
        handler,
      ),
  });
  const scenarios = new ScenarioStore(opts.dataDir);
  const store = new RunStore(opts.dataDir);
  // with threads: a pool for requests (one thread on two cores) and one for Monte Carlo runs
  const pools = opts.threads
    ? {
        work: new WorkerPool(Math.max(1, Math.min(2, availableParallelism() - 1)), { dataDir: opts.dataDir }),
        // runs share their threads (each yields between chunks): at most one per spare core
        runs: new WorkerPool(Math.min(opts.maxConcurrentRuns ?? 2, Math.max(1, availableParallelism() - 1)), {
          dataDir: opts.dataDir,
        }),
      }
    : null;
  const ops = pools ? null : makeOps(scenarios);
  /** A route's answer: from a thread, the JSON text the thread wrote (sent as is). */
  const work = async <K extends OpName>(op: K, arg: Parameters<Ops[K]>[0]): Promise<unknown> =>
    pools ? new JsonText(await pools.work.call(op, arg)) : (ops![op] as (a: unknown) => unknown)(arg);
  const workData: App['work'] = async (op, arg) => {
    const r = await work(op, arg);
    return r instanceof JsonText ? JSON.parse(r.text) : r;
  };
  const executor: RunExecutor | null =
    opts.executor !== undefined
      ? opts.executor
      : pools && opts.makeExecutor
        ? async (name, params, ctx) => {
            const signal = ctx.signal;
            const onProgress = (p: unknown) => ctx.onProgress(p as RunProgress);
            return JSON.parse(await pools.runs.call('run', { name, params }, { signal, onProgress }));
          }
        : (opts.makeExecutor?.(scenarios) ?? null);
  const runs = new RunManager(store, executor, {
    maxConcurrent: opts.maxConcurrentRuns ?? 2,
    maxRuns,
  });

  fastify.setErrorHandler(errorHandler);
  registerAsOfHooks(fastify, scenarios);
  const allowed =
    opts.allowedHosts === undefined ? ['127.0.0.1', 'localhost', '[::1]', '::1'] : opts.allowedHosts;
  if (allowed) {
    const set = new Set(allowed.map((h) => h.toLowerCase()));
    fastify.addHook('onRequest', async (req) => {
      const host = (req.headers.host ?? '').toLowerCase().replace(/:\d+$/, '');
      if (!set.has(host))
        throw new ApiError(
          'input',
          'misdirected_request',
          `this server answers to ${[...set].join(', ')} only (Host: ${JSON.stringify(host.slice(0, 80))}); start it with --host to serve other names`,
        );
    });
  }
  // read-only answers may be fetched by other local tools (notebooks); writes need same-origin
  fastify.addHook('onSend', async (req, reply) => {
    if (req.method === 'GET' && (req.url.startsWith('/api/') || req.url === '/openapi.json'))
      void reply.header('access-control-allow-origin', '*');
  });
  for (const ct of ['application/yaml', 'text/yaml', 'application/x-yaml', 'text/plain'])
    fastify.addContentTypeParser(ct, { parseAs: 'string' }, (_req, body, done) => done(null, body));

  const table = routeTable({ scenarios, store, runs, bodyLimit, maxRuns, work });

  const openapi = openApiDocument(table, { bodyLimit, maxRuns, maxConcurrent: runs.limits.maxConcurrent });
  fastify.get('/openapi.json', async () => openapi);
  for (const r of table)
    fastify.route({
      method: r.method,
      url: r.url,
      handler: async (req, reply) => {
        const out = await r.handler(req, reply);
        if (!(out instanceof JsonText)) return out;
        void reply.type('application/json; charset=utf-8');
        return withAsOfText(req, out.text);
      },
    });
  fastify.all('/api/*', async (req) => {
    throw new ApiError(
      'not_found',
      'not_found',
      `no route ${req.method} ${req.url.split('?')[0]}; see /openapi.json`,
    );
  });

  const dist = opts.webDist ?? WEB_DIST;
  if (existsSync(join(dist, 'index.html'))) {
    await fastify.register(fastifyStatic, {
      root: dist,
      prefix: '/',
      index: ['index.html'],
      wildcard: false,
      cacheControl: true,
      maxAge: 0,
    });
    fastify.setNotFoundHandler((req, reply) => {
      if (req.method === 'GET' && !req.url.startsWith('/api/') && !/\.[a-z0-9]{1,6}(\?|$)/i.test(req.url)) {
        // the dashboard keeps its view in the query string: other paths go to the root with it
        const q = req.url.indexOf('?');
        return reply.redirect('/' + (q >= 0 ? req.url.slice(q) : ''), 302);
      }
      return reply
        .status(404)
        .send({ error: { code: 'not_found', message: `no route ${req.method} ${req.url.split('?')[0]}` } });
    });
  } else {
    fastify.get('/', async (_req, reply) =>
      reply
        .type('text/html')
        .send(
          '<!doctype html><title>Leverage</title><p>The dashboard is not built. Run <code>npm start</code> (or build it with Vite: <code>npx vite build web</code>). The API is at <a href="/openapi.json">/openapi.json</a>.</p>',
        ),
    );
  }

  fastify.addHook('onClose', async () => {
    await runs.close();
    store.close();
    await Promise.all([pools?.work.close(), pools?.runs.close()]);
  });
  return { fastify, scenarios, runs, store, work: workData };
}
