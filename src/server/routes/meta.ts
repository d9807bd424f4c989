// Liveness and the server's limits.
import * as R from '../responses/index.ts';
import type { Route, RouteContext } from './route.ts';

export function healthRoutes(ctx: RouteContext): Route[] {
  const { bodyLimit, runs, maxRuns } = ctx;
  return [
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
  ];
}
