// Monte Carlo orchestration: N runs in chunks, in this thread or across worker threads, each
// run writing its own slot of shared buffers by run index; reduced in run order afterwards, so
// the result is identical whatever the worker count. The only file that spawns threads.
import { Worker } from 'node:worker_threads';
import type { Scenario } from '../model/index.ts';
import { prepareScenario, type PrepareOptions } from './engines.ts';
import { Simulator } from './loop.ts';
import { allocateRaw, reduce, type MonteCarloResult, type RawResults } from './reduce.ts';
import { writeRun } from './runner-core.ts';
import type { Prepared } from './setup.ts';

export interface MonteCarloOptions {
  runs: number;
  seed: number;
  /** Worker threads; 1 (default) runs in this thread, yielding between chunks. */
  workers?: number;
  /** Horizon override, weeks. */
  weeks?: number;
  /** Runs per dispatched chunk (default 250). Does not change results. */
  chunk?: number;
  /** Stop dispatching; in-flight chunks finish; the result is marked complete: false. */
  signal?: AbortSignal;
  onProgress?: (runsDone: number, runsTotal: number) => void;
  /** Tests: skip the IO table and give the chokepoint bridge directly. */
  supply?: PrepareOptions['supply'];
}

export const MAX_RUNS = 10_000_000;

export function checkRunOptions(o: MonteCarloOptions): void {
  if (!Number.isSafeInteger(o.runs) || o.runs < 1 || o.runs > MAX_RUNS)
    throw new RangeError(`runs: expected a whole number in 1..${MAX_RUNS}, got ${o.runs}`);
  if (!Number.isSafeInteger(o.seed) || o.seed < 0)
    throw new RangeError(`seed: expected a whole number >= 0, got ${o.seed}`);
  const w = o.workers ?? 1;
  if (!Number.isInteger(w) || w < 1 || w > 256)
    throw new RangeError(`workers: expected a whole number in 1..256, got ${w}`);
}

/** Load the engines' inputs for a scenario and run the Monte Carlo. */
export async function runMonteCarlo(scn: Scenario, opts: MonteCarloOptions): Promise<MonteCarloResult> {
  checkRunOptions(opts);
  const prepared = await prepareScenario(scn, {
    ...(opts.weeks !== undefined ? { weeks: opts.weeks } : {}),
    ...(opts.supply ? { supply: opts.supply } : {}),
  });
  return runPrepared(prepared, opts);
}

export function basisOf(p: Prepared): string[] {
  return [
    `start ${p.start}, ${p.horizon_weeks} weeks; each week each side's strategy (${p.actors[0]}: ${p.strategies[0].name}, ${p.actors[1]}: ${p.strategies[1].name}) picks talk (C) or fight (D) and makes the first applicable move of that posture's menu`,
    `tariffs: ledger stacking rules on ${p.directions[0].sig_weight_share.length} + ${p.directions[1].sig_weight_share.length} product signatures weighted by base-year trade (trade engine); payoffs from an aggregate two-supplier CES market per direction (trade engine's exact CES, perfectly elastic supply)`,
    `rare earths: ${p.supply.basis}`,
    `April 2025 peak: highest daily ledger average between 2025-04-01 and 2025-05-13`,
    ...p.notes,
  ];
}

/** Run the Monte Carlo on a prepared scenario. */
export async function runPrepared(p: Prepared, opts: MonteCarloOptions): Promise<MonteCarloResult> {
  checkRunOptions(opts);
  const R = opts.runs;
  const workers = Math.min(opts.workers ?? 1, Math.ceil(R / 50));
  const chunk = Math.max(1, opts.chunk ?? 250);
  const raw = allocateRaw(R, p.horizon_weeks, p.uncertain.length, workers > 1);
  // chunks complete out of order; the reported prefix is the runs 0..k-1 all done
  const done = new Uint8Array(Math.ceil(R / chunk));
  let next = 0;
  let finished = 0;
  const total = done.length;
  const progress = () => opts.onProgress?.(Math.min(R, countDone(done, chunk, R)), R);
  if (workers <= 1) await runInThread(p, opts, raw, chunk, done, () => next++, progress);
  else {
    // this thread takes chunks too while the workers start (they need a second or so to load)
    const local = runInThread(p, opts, raw, chunk, done, () => next++, progress);
    await new Promise<void>((resolve, reject) => {
      const pool: Worker[] = [];
      let alive = workers;
      let failed = false;
      const stopped = new Set<Worker>();
      const dispatch = (wk: Worker) => {
        if (failed || opts.signal?.aborted || next >= total) {
          if (!stopped.has(wk)) wk.postMessage('stop');
          stopped.add(wk);
          return;
        }
        const c = next++;
        wk.postMessage({ start: c * chunk, end: Math.min(R, (c + 1) * chunk) });
      };
      for (let i = 0; i < workers; i++) {
        const wk = new Worker(new URL('./worker-entry.js', import.meta.url), {
          workerData: { prepared: p, seed: opts.seed, raw },
        });
        pool.push(wk);
        wk.on('message', (m: 'ready' | { start: number; end: number }) => {
          if (m === 'ready')
            dispatch(wk); // two chunks in flight: the next is queued while one runs
          else {
            done[m.start / chunk] = 1;
            finished++;
            progress();
          }
          dispatch(wk);
        });
        wk.on('error', (err) => {
          failed = true;
          for (const x of pool) void x.terminate();
          reject(err);
        });
        wk.on('exit', () => {
          alive--;
          if (alive === 0 && !failed) resolve();
        });
      }
    });
    await local;
  }
  void finished;
  const n = countDone(done, chunk, R);
  return reduce(p, raw, n, { seed: opts.seed, runs_requested: R, basis: basisOf(p) });
}

/** Runs 0..k-1 all complete: the prefix of completed chunks. */
function countDone(done: Uint8Array, chunk: number, R: number): number {
  let c = 0;
  while (c < done.length && done[c]) c++;
  return Math.min(R, c * chunk);
}

async function runInThread(
  p: Prepared,
  opts: MonteCarloOptions,
  raw: RawResults,
  chunk: number,
  done: Uint8Array,
  take: () => number,
  progress: () => void,
): Promise<void> {
  const sim = new Simulator(p);
  const R = raw.runs;
  for (;;) {
    if (opts.signal?.aborted) return;
    const c = take();
    if (c >= done.length) return;
    for (let r = c * chunk; r < Math.min(R, (c + 1) * chunk); r++) {
      sim.run(opts.seed, r);
      writeRun(sim, raw, r);
    }
    done[c] = 1;
    progress();
    // let signals and timers in (SIGINT, progress bar) between chunks
    await new Promise<void>((res) => setImmediate(res));
  }
}
