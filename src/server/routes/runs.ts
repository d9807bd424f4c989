// One story run, and Monte Carlo runs: start, list, status, result, progress events, cancel.
import { ApiError, notFound, parseWith } from '../errors.ts';
import { checkName } from '../names.ts';
import { FINAL, type RunEvent } from '../runs.ts';
import * as S from '../schemas.ts';
import * as R from '../responses/index.ts';
import { bodyOf, on, type Route, type RouteContext } from './route.ts';

export function runRoutes(ctx: RouteContext): Route[] {
  const { work, runs, store, maxRuns } = ctx;
  /** The run named in a request's path, or 404. */
  const runOf = (params: unknown) => {
    const { id } = parseWith(S.IdParams, params, 'params');
    const run = store.get(id);
    if (!run) throw notFound('run', id);
    return { id, run };
  };
  return [
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
        const x = bodyOf(S.RunBody, req);
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
  ];
}
