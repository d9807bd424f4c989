// Monte Carlo orchestration: N runs in chunks, in this thread or across worker threads, each
// run writing its own slot of shared buffers by run index; reduced in run order afterwards, so
// the result is identical whatever the worker count. The only file that spawns threads.
import { inputError } from '../errors/index.ts';
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { Scenario } from '../model/index.ts';
import { prepareScenario, type PrepareOptions } from './engines.ts';
import { Simulator } from './loop.ts';
import {
  allocateRaw,
  reduce,
  computeBands,
  BAND_FIELDS,
  type MonteCarloResult,
  type RawResults,
} from './reduce.ts';
import { NM } from './loop.ts';
import { writeRun } from './runner-core.ts';
import { DEFAULT_BRANCH_EVERY, type Prepared } from './prepared.ts';
import { MAX_BRANCH_WEEKS, rareEarthBasis } from './rare-earth.ts';

// From source (tsx): a plain-JS shim that registers tsx in the thread first (workers do not
// inherit the loader). Compiled: the build's one-file bundle of the worker when it made one (a
// thread then loads one file instead of about 200: half the start-up CPU), else its own
// JavaScript; both named through their folder, so the URL holds from the CLI bundle too.
const BUNDLED_WORKER = new URL('../bundle/simulate-worker.js', import.meta.url);
const WORKER_SCRIPT = import.meta.url.endsWith('.ts')
  ? new URL('../simulate/worker-entry.js', import.meta.url)
  : existsSync(BUNDLED_WORKER)
    ? BUNDLED_WORKER
    : new URL('../simulate/worker.js', import.meta.url);

export interface MonteCarloOptions {
  runs: number;
  seed: number;
  /**
   * Threads that run the runs: this one and `workers - 1` worker threads; 1 (default) runs in
   * this thread only, yielding between chunks.
   */
  workers?: number;
  /** Worker threads started ahead by startWorkers (used first; those not needed are stopped). */
  started?: StartedWorkers;
  /** Horizon override, weeks. */
  weeks?: number;
  /** Runs per dispatched chunk (default 250). Does not change results. */
  chunk?: number;
  /** Stop dispatching; in-flight chunks finish; the result is marked complete: false. */
  signal?: AbortSignal;
  onProgress?: (runsDone: number, runsTotal: number) => void;
  /** Tests: skip the IO table and give the chokepoint bridge directly. */
  supply?: PrepareOptions['supply'];
  /** Called with the raw per-run buffers (and the completed prefix n) before the reduction, e.g. to export runs. */
  onRaw?: (raw: RawResults, n: number) => void;
  /**
   * Leverage from breakdown branches (branches.ts): each run branches `weeks` weeks forward at
   * every `every`-th week (default 4) and leverage_0_share_shift is the Nash share they imply.
   * Off by default: each branch point costs 2 x weeks steps of the bottleneck model.
   */
  branches?: { weeks: number; every?: number };
}

/** Weekly results are kept for every run (4 bytes x 7 metrics): runs x weeks is capped at this. */
export const MAX_RUN_WEEKS = 60_000_000;
/** The one limit on runs is MAX_RUN_WEEKS; a run has at least one week. */
export const MAX_RUNS = MAX_RUN_WEEKS;
/** The horizon the CLI checks --runs against before loading a scenario, when --weeks is not given. */
export const DEFAULT_HORIZON_WEEKS = 52;

/** Runs x weeks within memory (about 1.7 GB of weekly results at the cap). */
export function checkRunWeeks(runs: number, weeks: number): void {
  if (runs * weeks > MAX_RUN_WEEKS)
    throw inputError(
      `${runs} runs x ${weeks} weeks keeps ${((runs * weeks * 28) / 1e9).toFixed(1)} GB of weekly results; at most ${MAX_RUN_WEEKS.toLocaleString('en-US')} run-weeks (e.g. ${Math.floor(MAX_RUN_WEEKS / weeks).toLocaleString('en-US')} runs of ${weeks} weeks)`,
    );
}

export function checkRunOptions(o: MonteCarloOptions): void {
  if (!Number.isSafeInteger(o.runs) || o.runs < 1 || o.runs > MAX_RUNS)
    throw inputError(`runs: expected a whole number in 1..${MAX_RUNS}, got ${o.runs}`);
  if (!Number.isSafeInteger(o.seed) || o.seed < 0)
    throw inputError(`seed: expected a whole number >= 0, got ${o.seed}`);
  const w = o.workers ?? 1;
  if (!Number.isInteger(w) || w < 1 || w > 256)
    throw inputError(`workers: expected a whole number in 1..256, got ${w}`);
  if (o.branches) checkBranches(o.branches.weeks, o.branches.every ?? DEFAULT_BRANCH_EVERY);
}

/** Branch length 1..MAX_BRANCH_WEEKS weeks, spacing 1..52 weeks. */
export function checkBranches(weeks: number, every: number): void {
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > MAX_BRANCH_WEEKS)
    throw inputError(
      `leverage branches: expected a whole number of weeks in 1..${MAX_BRANCH_WEEKS}, got ${weeks}`,
    );
  if (!Number.isInteger(every) || every < 1 || every > 52)
    throw inputError(`leverage branch spacing: expected a whole number of weeks in 1..52, got ${every}`);
}

/** Worker threads started before the work is known (startWorkers). */
export interface StartedWorkers {
  readonly workers: Worker[];
}

/**
 * Start `n` worker threads now, so that they load the simulation code while this thread loads
 * and prepares the scenario (a worker takes about 0.2 s CPU to load; on separate cores that
 * overlaps). They wait for runPrepared's first message; until then they do not keep the
 * process alive (an error before the runs exits as usual).
 */
export function startWorkers(n: number): StartedWorkers {
  const workers: Worker[] = [];
  for (let i = 0; i < n; i++) {
    const wk = new Worker(WORKER_SCRIPT);
    wk.unref();
    workers.push(wk);
  }
  return { workers };
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
    `rare earths: ${rareEarthBasis(p)}`,
    `April 2025 peak: highest daily ledger average between ${p.peak_window.from} and ${p.peak_window.to}`,
    p.branches.weeks > 0
      ? `leverage: Nash bargaining share from each side's loss if talks broke down, branches of ${p.branches.weeks} weeks ("agreement holds" vs "breakdown", bottleneck stocks carried) every ${p.branches.every} weeks`
      : "leverage: Nash bargaining share from the two sides' current weekly pains (run with --leverage-branches N for breakdown branches)",
    ...p.notes,
  ];
}

/** Run the Monte Carlo on a prepared scenario. */
export async function runPrepared(p0: Prepared, opts: MonteCarloOptions): Promise<MonteCarloResult> {
  checkRunOptions(opts);
  const p: Prepared = opts.branches
    ? { ...p0, branches: { weeks: opts.branches.weeks, every: opts.branches.every ?? DEFAULT_BRANCH_EVERY } }
    : p0;
  checkRunWeeks(opts.runs, p.horizon_weeks);
  const R = opts.runs;
  // threads: this one and workers - 1 worker threads (it does a thread's share of the runs
  // instead of waiting, so k threads on k cores do not contend with a k+1-th)
  const threads = Math.min(opts.workers ?? 1, Math.ceil(R / 50));
  const workers = threads - 1;
  const started = opts.started?.workers ?? [];
  for (const wk of started.slice(workers)) void wk.terminate();
  const chunk = Math.max(1, opts.chunk ?? 250);
  const raw = allocateRaw(R, p.horizon_weeks, p.uncertain.length, workers > 0);
  // chunks complete out of order; the reported prefix is the runs 0..k-1 all done
  const done = new Uint8Array(Math.ceil(R / chunk));
  let next = 0;
  const total = done.length;
  const progress = () => opts.onProgress?.(Math.min(R, countDone(done, chunk, R)), R);
  if (workers <= 0) {
    await runInThread(p, opts, raw, chunk, done, () => next++, progress);
    const k = countDone(done, chunk, R);
    opts.onRaw?.(raw, k);
    return reduce(p, raw, k, { seed: opts.seed, runs_requested: R, basis: basisOf(p) });
  }
  // Workers run chunks; this thread takes chunks too while they start (they need a moment to
  // load). When every chunk is done (or the run was interrupted), the workers and this thread
  // compute the weekly bands, a share of the (metric, week) slices each, then the workers stop.
  const slices = NM * p.horizon_weeks;
  const bands = new Float64Array(new SharedArrayBuffer(8 * BAND_FIELDS * slices));
  let n = 0;
  await new Promise<void>((resolve, reject) => {
    const pool: Worker[] = [];
    let alive = workers;
    let failed = false;
    let inFlight = 0;
    let localDone = false;
    let bandPhase = false;
    let bandsPending = 0;
    const fail = (err: unknown) => {
      if (failed) return;
      failed = true;
      for (const x of pool) void x.terminate();
      reject(err instanceof Error ? err : new Error(String(err)));
    };
    const dispatch = (wk: Worker) => {
      if (failed || bandPhase || opts.signal?.aborted || next >= total) return;
      const c = next++;
      inFlight++;
      wk.postMessage({ start: c * chunk, end: Math.min(R, (c + 1) * chunk) });
    };
    const maybeBands = () => {
      if (failed || bandPhase || !localDone || inFlight > 0) return;
      if (!(next >= total || opts.signal?.aborted)) return;
      bandPhase = true;
      n = countDone(done, chunk, R);
      const parts = workers + 1;
      const per = Math.ceil(slices / parts);
      bandsPending = workers;
      pool.forEach((wk, i) =>
        wk.postMessage({ bands: { from: i * per, to: Math.min(slices, (i + 1) * per), n }, out: bands }),
      );
      try {
        computeBands(raw, n, workers * per, slices, bands);
      } catch (err) {
        fail(err);
      }
    };
    for (let i = 0; i < workers; i++) {
      const wk = started[i] ?? new Worker(WORKER_SCRIPT);
      wk.ref();
      // a worker reads its inputs from its first message (it may have been started before they were known)
      wk.postMessage({ init: { prepared: p, seed: opts.seed, raw } });
      pool.push(wk);
      wk.on('message', (m: 'ready' | 'bands' | { start: number; end: number }) => {
        if (m === 'ready') {
          dispatch(wk); // two chunks in flight: the next is queued while one runs
          dispatch(wk);
        } else if (m === 'bands') {
          bandsPending--;
          if (bandsPending === 0) for (const x of pool) x.postMessage('stop');
        } else {
          done[m.start / chunk] = 1;
          inFlight--;
          progress();
          dispatch(wk);
        }
        maybeBands();
      });
      wk.on('error', fail);
      wk.on('exit', () => {
        alive--;
        if (alive === 0 && !failed) {
          if (bandPhase && bandsPending === 0) resolve();
          else fail(new Error('a simulation worker stopped before finishing'));
        }
      });
    }
    runInThread(p, opts, raw, chunk, done, () => (bandPhase ? total : next++), progress).then(() => {
      localDone = true;
      maybeBands();
    }, fail);
  });
  opts.onRaw?.(raw, n);
  return reduce(p, raw, n, { seed: opts.seed, runs_requested: R, basis: basisOf(p) }, bands);
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
