import { Worker } from 'node:worker_threads';
import { GameInputError } from './errors.ts';
import { TOTALS_STRIDE, aggregateTournament, planTournament, playTournamentMatches } from './tournament.ts';
import type { TournamentOptions, TournamentResult } from './tournament.ts';

// Compiled: the worker's own JavaScript (named through its folder, so the URL holds from the CLI
// bundle in dist/bundle/ too). From source (tsx): a plain-JS shim that registers
// tsx in the thread first (workers do not inherit the loader).
const WORKER_SCRIPT = new URL(
  import.meta.url.endsWith('.ts') ? '../game/tournamentWorker.boot.js' : '../game/tournamentWorker.js',
  import.meta.url,
);

/** What a tournament worker receives: the options (no callbacks) and its match range. */
export interface TournamentWorkerJob {
  opts: Omit<TournamentOptions, 'pain'>;
  from: number;
  to: number;
}

function runWorker(job: TournamentWorkerJob): Promise<Float64Array> {
  return new Promise((resolve, reject) => {
    const w = new Worker(WORKER_SCRIPT, { workerData: job });
    w.once('message', (totals: Float64Array) => {
      resolve(totals);
      void w.terminate();
    });
    w.once('error', reject);
    w.once('exit', (code) => {
      if (code !== 0) reject(new Error(`tournament worker exited with code ${code}`));
    });
  });
}

/**
 * `roundRobin` on `workers` threads. The matches (indexed k, see `playTournamentMatches`) are
 * split into contiguous ranges, each range is played in a worker, and the per-match totals are
 * aggregated in k order on the calling thread, so the result is byte-identical to
 * `roundRobin` (same seed) for any number of workers. A pain callback cannot cross threads.
 */
export async function roundRobinParallel(
  opts: TournamentOptions,
  workers: number,
): Promise<TournamentResult> {
  if (!Number.isInteger(workers) || workers < 1 || workers > 256)
    throw new GameInputError(`workers: expected an integer in [1, 256], got ${workers}`);
  const plan = planTournament(opts);
  const K = plan.matchCount;
  const w = Math.min(workers, K);
  if (w <= 1) return aggregateTournament(plan, playTournamentMatches(plan, 0, K));
  if (opts.pain)
    throw new GameInputError(
      'workers: a pain signal (callback) cannot be sent to worker threads; use 1 worker',
    );
  const { pain: _pain, ...plain } = opts;
  const bounds = Array.from({ length: w + 1 }, (_, i) => Math.round((i * K) / w));
  const parts = await Promise.all(
    bounds.slice(0, w).map((from, i) => runWorker({ opts: plain, from, to: bounds[i + 1] })),
  );
  const totals = new Float64Array(K * TOTALS_STRIDE);
  parts.forEach((p, i) => totals.set(p, bounds[i] * TOTALS_STRIDE));
  return aggregateTournament(plan, totals);
}
