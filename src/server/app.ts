// The HTTP API (fastify 5). Every route is declared once in ROUTES: its zod schemas validate
// the request and describe it in the OpenAPI document served at /openapi.json.
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import { z } from 'zod';
import { REPO_ROOT } from '../io/index.ts';
import { availableParallelism } from 'node:os';
import { STRATEGIES } from '../game/index.ts';
import { ApiError, errorHandler, notFound, parseWith } from './errors.ts';
import { checkName } from './names.ts';
import { RunManager, RunStore, FINAL, type RunEvent, type RunExecutor, type RunProgress } from './runs.ts';
import { ScenarioStore } from './scenarios.ts';
import * as S from './schemas.ts';
import * as R from './responses/index.ts';
import { makeOps, parseBody, type Ops, type OpName } from './ops.ts';
import { WorkerPool } from './pool.ts';
import { forecastRoutes } from './forecast.ts';
import { bargainingReport } from '../report/index.ts';
import { ledgerViewRoutes, registerAsOfHooks, withAsOfText } from './ledger-views.ts';

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

interface Route {
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
  handler: (req: FastifyRequest, reply: FastifyReply) => unknown;
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
  /** The run named in a request's path, or 404. */
  const runOf = (params: unknown) => {
    const { id } = parseWith(S.IdParams, params, 'params');
    const run = store.get(id);
    if (!run) throw notFound('run', id);
    return { id, run };
  };
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

  /** The scenario named in a request's path, with its raw query and body (checked by the op). */
  const on = (req: FastifyRequest) => ({
    name: (req.params as { name: string }).name,
    query: req.query,
    body: req.body,
  });
  const b = <T>(schema: z.ZodType<T>, req: FastifyRequest) => parseBody(schema, req.body);

  const ROUTES: Route[] = [
    {
      method: 'GET',
      url: '/api/health',
      tag: 'meta',
      summary: 'Liveness and limits',
      response: { name: 'Health', schema: R.Health },
      handler: () => ({
        ok: true,
        limits: {
          body_bytes: bodyLimit,
          max_concurrent_runs: runs.limits.maxConcurrent,
          max_runs_per_request: maxRuns,
        },
        engine: { monte_carlo: runs.executor !== null },
        runs_running: runs.running,
      }),
    },
    // scenarios
    {
      method: 'GET',
      url: '/api/scenarios',
      tag: 'scenarios',
      summary: 'List built-in and uploaded scenarios',
      response: { name: 'ScenarioList', schema: R.ScenarioList },
      handler: () => work('scenarioList', undefined),
    },
    {
      method: 'GET',
      url: '/api/scenarios/:name',
      tag: 'scenarios',
      summary: 'A scenario (product lists as counts) with its tariff authorities',
      params: S.NameParams,
      response: { name: 'ScenarioInfo', schema: R.ScenarioInfo },
      handler: (req) => work('scenarioInfo', on(req)),
    },
    {
      method: 'POST',
      url: '/api/scenarios/validate',
      tag: 'scenarios',
      summary:
        'Validate a scenario (YAML/JSON text in content, or a JSON object in scenario) without saving it',
      body: S.ScenarioUpload,
      response: { name: 'ScenarioValid', schema: R.ScenarioValid },
      handler: (req) => work('validate', on(req)),
    },
    {
      method: 'POST',
      url: '/api/scenarios',
      tag: 'scenarios',
      summary: 'Upload a scenario under a name (may extend a built-in or another upload)',
      body: S.ScenarioUpload,
      status: 201,
      response: { name: 'ScenarioSaved', schema: R.ScenarioSaved },
      handler: (req, reply) => {
        const body = b(S.ScenarioUpload, req);
        const { name, scenario } = scenarios.check(body, true);
        void reply.status(201);
        return {
          name,
          id: scenario.id,
          title: scenario.title,
          counts: {
            measures: scenario.measures.length,
            agreements: scenario.agreements.length,
            claims: scenario.claims.length,
          },
        };
      },
    },
    {
      method: 'PUT',
      url: '/api/scenarios/:name',
      tag: 'scenarios',
      summary:
        'Upload a scenario as a raw YAML or JSON body (Content-Type application/yaml or application/json)',
      params: S.NameParams,
      status: 201,
      response: { name: 'ScenarioPut', schema: R.ScenarioPut },
      handler: (req, reply) => {
        const name = checkName((req.params as { name: string }).name);
        const body =
          typeof req.body === 'string' ? { name, content: req.body } : { name, scenario: req.body };
        const { scenario } = scenarios.check(body, true);
        void reply.status(201);
        return { name, id: scenario.id, title: scenario.title };
      },
    },
    {
      method: 'DELETE',
      url: '/api/scenarios/:name',
      tag: 'scenarios',
      summary: 'Delete an uploaded scenario',
      params: S.NameParams,
      response: { name: 'ScenarioDeleted', schema: R.ScenarioDeleted },
      handler: (req) => (scenarios.delete((req.params as { name: string }).name), { deleted: true }),
    },
    // ledger and trade
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
    {
      method: 'GET',
      url: '/api/scenarios/:name/tariffs',
      tag: 'trade',
      summary:
        'Tariff stack by authority over time for a direction and a product group, product or all lines; coverage',
      params: S.NameParams,
      query: S.TariffQuery,
      response: { name: 'TariffSeries', schema: R.TariffSeries },
      handler: (req) => work('tariffs', on(req)),
    },
    {
      method: 'POST',
      url: '/api/scenarios/:name/tariffs',
      tag: 'trade',
      summary: 'Tariff stack series with what-if tariff layers (overrides)',
      params: S.NameParams,
      body: S.TariffBody,
      response: { name: 'TariffSeriesWhatIf', schema: R.TariffSeriesWhatIf },
      handler: (req) => work('tariffsWhatIf', on(req)),
    },
    {
      method: 'GET',
      url: '/api/scenarios/:name/groups',
      tag: 'trade',
      summary: "Each product group's stack on a date (most common stack, min and max)",
      params: S.NameParams,
      query: S.GroupsQuery,
      response: { name: 'Groups', schema: R.Groups },
      handler: (req) => work('groups', on(req)),
    },
    {
      method: 'GET',
      url: '/api/scenarios/:name/effective',
      tag: 'trade',
      summary: 'Trade-weighted effective tariff rate by authority (shipped base-year flows)',
      params: S.NameParams,
      query: S.EffectiveQuery,
      response: { name: 'Effective', schema: R.Effective },
      handler: (req) => work('effective', on(req)),
    },
    {
      method: 'GET',
      url: '/api/scenarios/:name/claims',
      tag: 'trade',
      summary: "The scenario's public claims checked against the ledger and flows",
      params: S.NameParams,
      response: { name: 'Claims', schema: R.Claims },
      handler: (req) => work('claims', on(req)),
    },
    {
      method: 'GET',
      url: '/api/scenarios/:name/response',
      tag: 'trade',
      summary: 'Partial-equilibrium trade response of US imports (CES by default, or SMART)',
      params: S.NameParams,
      query: S.ResponseQuery,
      response: { name: 'TradeResponse', schema: R.TradeResponse },
      handler: (req) => work('response', on(req)),
    },
    {
      method: 'POST',
      url: '/api/scenarios/:name/response',
      tag: 'trade',
      summary: 'Trade response with what-if tariff layers and elasticities',
      params: S.NameParams,
      body: S.ResponseBody,
      response: { name: 'TradeResponse', schema: R.TradeResponse },
      handler: (req) => work('responseWhatIf', on(req)),
    },
    // supply
    {
      method: 'GET',
      url: '/api/scenarios/:name/exposure',
      tag: 'supply',
      summary: 'Rare-earth licensing over time, exposure by industry and country, weekly loss, flow diagram',
      params: S.NameParams,
      query: S.ExposureQuery,
      response: { name: 'Exposure', schema: R.Exposure },
      handler: (req) => work('exposure', on(req)),
    },
    {
      method: 'GET',
      url: '/api/scenarios/:name/exposure/bottleneck',
      tag: 'supply',
      summary:
        'Rare-earth bottleneck model: weekly stocks, output lost by user and country (USD a week, with bands), the week each cohort runs dry; counterfactual hold_flows_from',
      params: S.NameParams,
      query: S.BottleneckQuery,
      response: { name: 'Bottleneck', schema: R.Bottleneck },
      handler: (req) => work('bottleneck', on(req)),
    },
    {
      method: 'GET',
      url: '/api/io/sectors',
      tag: 'supply',
      summary: 'Regions and industries of the input-output table',
      response: { name: 'IoSectors', schema: R.IoSectors },
      handler: () => work('ioSectors', undefined),
    },
    {
      method: 'POST',
      url: '/api/io/shock',
      tag: 'supply',
      summary: 'Demand (Leontief) or supply (Ghosh) shock on one sector of the WIOD table',
      body: S.ShockBody,
      response: { name: 'IoShock', schema: R.IoShock },
      handler: (req) => work('ioShock', on(req)),
    },
    // game
    {
      method: 'GET',
      url: '/api/game/strategies',
      tag: 'game',
      summary: 'Strategies with their parameters (Axelrod semantics)',
      response: { name: 'Strategies', schema: R.Strategies },
      handler: () => ({
        strategies: STRATEGIES.map((s) => ({
          name: s.name,
          axelrod: s.axelrod ?? null,
          description: s.description,
          stochastic: s.stochastic,
          // a RegExp serializes as {}: send its source, the pattern a client can use
          parameters: s.parameters.map(({ pattern, ...rest }) => ({
            ...rest,
            ...(pattern ? { pattern: pattern.source } : {}),
          })),
        })),
      }),
    },
    {
      method: 'POST',
      url: '/api/game/tournament',
      tag: 'game',
      summary: 'Round-robin tournament (players as "Name" or "Name(key=value)")',
      body: S.TournamentBody,
      response: { name: 'Tournament', schema: R.Tournament },
      handler: (req) => {
        const x = b(S.TournamentBody, req);
        const n = x.players.length;
        const turns = ((n * (n + 1)) / 2) * x.turns * x.repetitions;
        if (turns > S.MAX_TOURNAMENT_WORK)
          throw new ApiError(
            'input',
            'too_large',
            `the tournament would play ${turns.toLocaleString('en-US')} turns; at most ${S.MAX_TOURNAMENT_WORK.toLocaleString('en-US')} per request (fewer players, turns or repetitions)`,
            'body',
          );
        return work('tournament', x);
      },
    },
    {
      method: 'POST',
      url: '/api/game/bargaining',
      tag: 'game',
      summary: 'Rubinstein alternating offers (with outside options) or Nash bargaining with leverage',
      body: S.BargainingBody,
      response: { name: 'Bargaining', schema: R.Bargaining },
      handler: (req) => {
        const { method: _method, ...x } = b(S.BargainingBody, req);
        return bargainingReport(x, (f) => `body.${f}`);
      },
    },
    {
      method: 'POST',
      url: '/api/game/equilibria',
      tag: 'game',
      summary: 'Nash equilibria of a bimatrix game (exact)',
      body: S.EquilibriaBody,
      response: { name: 'Equilibria', schema: R.Equilibria },
      handler: (req) => {
        const x = b(S.EquilibriaBody, req);
        const rows = x.A.length;
        const cols = x.A[0].length;
        if (x.B.length !== rows || x.A.some((r) => r.length !== cols) || x.B.some((r) => r.length !== cols))
          throw new ApiError(
            'input',
            'bad_request',
            `A and B must both be ${rows} x ${cols} matrices`,
            'body.B',
          );
        if (x.method !== 'lemke-howson' && rows + cols > S.MAX_ENUMERATION_SIZE)
          throw new ApiError(
            'input',
            'too_large',
            `${x.method} enumeration of a ${rows} x ${cols} game is too slow for a request (rows + cols <= ${S.MAX_ENUMERATION_SIZE}); use method lemke-howson (one equilibrium) for larger games`,
            'body.method',
          );
        return work('equilibria', x);
      },
    },
    // runs
    {
      method: 'GET',
      url: '/api/scenarios/:name/story',
      tag: 'runs',
      summary: 'One run of the weekly negotiation loop, step by step (moves and weekly path)',
      params: S.NameParams,
      query: S.StoryQuery,
      response: { name: 'Story', schema: R.Story },
      handler: (req) => work('story', on(req)),
    },
    {
      method: 'GET',
      url: '/api/runs',
      tag: 'runs',
      summary: 'Runs, newest first',
      response: { name: 'RunList', schema: R.RunList },
      handler: () => ({
        runs: store.list(),
        running: runs.running,
        limits: { max_concurrent: runs.limits.maxConcurrent, max_runs: maxRuns },
      }),
    },
    {
      method: 'POST',
      url: '/api/runs',
      tag: 'runs',
      summary: 'Start a Monte Carlo run; answers 202 with its id',
      body: S.RunBody,
      status: 202,
      response: { name: 'RunStarted', schema: R.RunStarted },
      handler: async (req, reply) => {
        const x = b(S.RunBody, req);
        const name = checkName(x.scenario, 'body.scenario');
        if (x.runs > maxRuns)
          throw new ApiError(
            'input',
            'too_large',
            `runs: at most ${maxRuns.toLocaleString('en-US')} per request, got ${x.runs.toLocaleString('en-US')}`,
            'body.runs',
          );
        await work('checkRun', { name, options: x.options }); // 404 / 422 / 400 before a run is created
        const row = runs.start(name, {
          runs: x.runs,
          seed: x.seed,
          ...(x.weeks ? { weeks: x.weeks } : {}),
          ...(x.options ? { options: x.options } : {}),
        });
        void reply.status(202).header('location', `/api/runs/${row.id}`);
        return {
          id: row.id,
          status: row.status,
          events: `/api/runs/${row.id}/events`,
          result: `/api/runs/${row.id}/result`,
        };
      },
    },
    {
      method: 'GET',
      url: '/api/runs/:id',
      tag: 'runs',
      summary: 'A run: status and progress',
      params: S.IdParams,
      response: { name: 'Run', schema: R.Run },
      handler: (req) => runOf(req.params).run,
    },
    {
      method: 'GET',
      url: '/api/runs/:id/result',
      tag: 'runs',
      summary: "A finished run's result (409 while it is not done)",
      params: S.IdParams,
      response: { name: 'RunResult', schema: R.RunResult },
      handler: (req) => {
        const { id, run: r } = runOf(req.params);
        if (r.status !== 'done')
          throw new ApiError(
            'conflict',
            'not_done',
            `run ${id} is ${r.status}${r.error ? ` (${r.error})` : ''}; results exist only for done runs`,
          );
        return { ...r, result: store.result(id) };
      },
    },
    {
      method: 'GET',
      url: '/api/runs/:id/events',
      tag: 'runs',
      summary: 'Server-sent events: progress, then a final status event',
      params: S.IdParams,
      produces: 'text/event-stream',
      handler: (req, reply) => {
        const { id, run: r } = runOf(req.params);
        reply.hijack();
        const res = reply.raw;
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        const send = (event: string, data: unknown) =>
          res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
        send('progress', { id, status: r.status, progress: r.progress });
        if (FINAL.has(r.status)) {
          send('end', { id, status: r.status, error: r.error });
          res.end();
          return;
        }
        let lastSent = 0;
        // a comment line every 15 s keeps proxies from closing a quiet stream
        const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
        const unsub = runs.subscribe(id, (e: RunEvent) => {
          if (e.type === 'progress') {
            const now = Date.now();
            if (now - lastSent < 100 && e.done !== e.total) return;
            lastSent = now;
            send('progress', { id, status: 'running', progress: e.progress, done: e.done, total: e.total });
          } else if (FINAL.has(e.status)) {
            send('end', { id, status: e.status, error: e.error ?? null });
            clearInterval(keepAlive);
            res.end();
            unsub?.();
          } else send('status', { id, status: e.status });
        });
        if (!unsub) {
          clearInterval(keepAlive);
          const now = store.get(id)!;
          send('end', { id, status: now.status, error: now.error });
          res.end();
          return;
        }
        res.on('close', () => clearInterval(keepAlive));
        req.raw.on('close', () => {
          clearInterval(keepAlive);
          unsub();
        });
      },
    },
    {
      method: 'DELETE',
      url: '/api/runs/:id',
      tag: 'runs',
      summary: 'Cancel a running run, or delete a finished one',
      params: S.IdParams,
      response: { name: 'RunRemoved', schema: R.RunRemoved },
      handler: async (req) => {
        const { id } = parseWith(S.IdParams, req.params, 'params');
        return { id, outcome: await runs.remove(id) };
      },
    },
    ...forecastRoutes((op) => work(op, undefined)),
    // daily averages, since-then, who-paid (ledger-views.ts): light reads of the ledger, answered inline
    ...ledgerViewRoutes((req) => scenarios.get(checkName((req.params as { name: string }).name))),
  ];

  const openapi = openApiDocument(ROUTES, { bodyLimit, maxRuns, maxConcurrent: runs.limits.maxConcurrent });
  fastify.get('/openapi.json', async () => openapi);
  for (const r of ROUTES)
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

function openApiDocument(
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
