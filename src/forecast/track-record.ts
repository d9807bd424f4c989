// The model's track record on the built-in question set: exactly the document of
// `leverage score data/questions/us-china.yaml --json` (2,000 runs per origin, seed 1), computed
// by the library and cached (scoring is expensive). The cache key hashes the question file and
// every file under src/ and data/, so any change to the code, the ledger or the data recomputes
// it. This module's I/O is that cache only.
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  watch,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { Worker } from 'node:worker_threads';
import { inputError } from '../errors/index.ts';
import { DATA_DIR, REPO_ROOT } from '../io/index.ts';
import { BUILTIN_QUESTIONS, loadQuestionSet, scoreSet } from './pipeline.ts';
import { simulatorVerdictOf, verdictOf, type GroupScore, type ScoreResult } from './scorecard.ts';
import type { BaselineName } from './baselines.ts';

// Compiled: the worker's own JavaScript (named through its folder, so the URL holds from the CLI
// bundle in dist/bundle/ too). From source (tsx): a plain-JS shim that registers
// tsx in the thread first (workers do not inherit the loader).
const WORKER_SCRIPT = new URL(
  import.meta.url.endsWith('.ts') ? '../forecast/worker-entry.js' : '../forecast/worker.js',
  import.meta.url,
);

export { BUILTIN_QUESTIONS };
export const TRACK_RECORD_RUNS = 2000;
export const TRACK_RECORD_SEED = 1;
export const DEFAULT_TRACK_RECORD_DIR = join(REPO_ROOT, '.leverage', 'track-record');

export interface TrackRecordOptions {
  file?: string;
  runs?: number;
  seed?: number;
  workers?: number;
  /** Where cached documents live; null: no disk cache. */
  cacheDir?: string | null;
  /** Compute in a worker thread (the server: its event loop keeps answering meanwhile). */
  thread?: boolean;
}

function filesUnder(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) filesUnder(p, out);
    else if (e.isFile()) out.push(p);
  }
  return out;
}

/** Hash of everything the track record depends on: the question file, the code and the data. */
export function trackRecordKey(file: string, runs: number, seed: number): string {
  const h = createHash('sha256');
  h.update(`runs=${runs};seed=${seed};file=${relative(REPO_ROOT, file)}\n`);
  h.update(readFileSync(file));
  for (const f of [...filesUnder(join(REPO_ROOT, 'src')), ...filesUnder(DATA_DIR)]) {
    h.update(`\n${relative(REPO_ROOT, f)}\n`);
    h.update(readFileSync(f));
  }
  return h.digest('hex').slice(0, 32);
}

const memo = new Map<string, Promise<ScoreResult>>();

/** The options with their defaults, and the cache key they hash to (the key reads every file under src/ and data/). */
function keyed(o: TrackRecordOptions) {
  const file = o.file ?? BUILTIN_QUESTIONS;
  const runs = o.runs ?? TRACK_RECORD_RUNS;
  const seed = o.seed ?? TRACK_RECORD_SEED;
  const dir = o.cacheDir === undefined ? DEFAULT_TRACK_RECORD_DIR : o.cacheDir;
  return { file, runs, seed, dir, key: trackRecordKey(file, runs, seed) };
}

/** The score document of the built-in set (or another file), from the cache when the inputs are unchanged. */
export function trackRecord(o: TrackRecordOptions = {}): Promise<ScoreResult> {
  return trackRecordOf(o, keyed(o));
}

function trackRecordOf(o: TrackRecordOptions, k: ReturnType<typeof keyed>): Promise<ScoreResult> {
  const { file, runs, seed, dir, key } = k;
  const hit = memo.get(key);
  if (hit) return hit;
  const compute = () =>
    o.thread
      ? offThread({ file, runs, seed, workers: o.workers ?? 1 })
      : scoreSet(loadQuestionSet(file), { runs, seed, workers: o.workers ?? 1 });
  const p = dir ? computeOnce(dir, key, compute) : compute();
  memo.set(key, p);
  p.then(() => settled.add(key)).catch(() => memo.delete(key));
  return p;
}

/** A cached document, or null (absent; a damaged entry is recomputed, not trusted). */
function readCached(path: string): ScoreResult | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as ScoreResult;
  } catch {
    return null;
  }
}

/**
 * One computation per key across processes (a server and a CLI started together, or a test
 * suite's files, would otherwise each score the set for minutes): the process that creates
 * `<key>.lock` computes and writes `<key>.json`; the others wait for the lock to go. A lock whose
 * process is gone (killed mid-computation) is taken over.
 */
async function computeOnce(
  dir: string,
  key: string,
  compute: () => Promise<ScoreResult>,
): Promise<ScoreResult> {
  const path = join(dir, `${key}.json`);
  const lock = join(dir, `${key}.lock`);
  for (;;) {
    const cached = readCached(path);
    if (cached) return cached;
    mkdirSync(dir, { recursive: true });
    if (takeLock(lock)) {
      try {
        // written between the read above and the lock
        const done = readCached(path);
        if (done) return done;
        const r = await compute();
        const tmp = `${path}.${process.pid}.tmp`;
        writeFileSync(tmp, JSON.stringify(r));
        renameSync(tmp, path);
        return r;
      } finally {
        rmSync(lock, { force: true });
      }
    }
    await released(dir, lock);
  }
}

/** The lock's holder, or null when there is no lock or its holder is gone. */
function holder(lock: string): number | null {
  let pid: number;
  try {
    pid = Number(readFileSync(lock, 'utf8'));
  } catch {
    return null; // no lock
  }
  // empty: created, its pid not yet written (a lock left empty for long is a crashed writer's)
  if (pid === 0) {
    const st = statSync(lock, { throwIfNoEntry: false });
    return st && Date.now() - st.mtimeMs < 10_000 ? 0 : null;
  }
  if (!Number.isInteger(pid) || pid < 0) return null;
  try {
    process.kill(pid, 0); // signal 0: only asks whether the process exists
    return pid;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM' ? pid : null;
  }
}

/** Create the lock for this process (true), or leave another live process's lock (false). */
function takeLock(lock: string): boolean {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    if (holder(lock) !== null) return false;
    rmSync(lock, { force: true }); // its process is gone: take it over
  }
  return false;
}

/**
 * Resolves when the lock is removed (a folder event) or its holder has died (checked each second:
 * a killed process removes nothing, so no event tells of it).
 */
function released(dir: string, lock: string): Promise<void> {
  return new Promise((resolve) => {
    const watcher = watch(dir);
    const check = () => {
      if (holder(lock) !== null) return;
      watcher.close();
      clearInterval(timer);
      resolve();
    };
    const timer = setInterval(check, 1000);
    watcher.on('change', check);
    watcher.on('error', check);
    check(); // removed before the watcher started
  });
}

/**
 * The score document if it is at hand now (computed in this process, or in the cache), else null
 * after starting its computation in the background: for a note beside other figures, which must
 * never wait minutes for a cold track record (issue 17: the editor's odds-basis sentence).
 */
export async function trackRecordIfReady(o: TrackRecordOptions = {}): Promise<ScoreResult | null> {
  const k = keyed(o);
  const ready = settled.has(k.key) || !!(k.dir && existsSync(join(k.dir, `${k.key}.json`)));
  // started either way; trackRecordOf marks the key settled when it finishes
  const p = trackRecordOf(o, k);
  return ready ? p : null;
}

/** Keys whose computation has finished in this process. */
const settled = new Set<string>();

function offThread(o: { file: string; runs: number; seed: number; workers: number }): Promise<ScoreResult> {
  return new Promise((resolve, reject) => {
    const wk = new Worker(WORKER_SCRIPT, { workerData: { trackRecord: o } });
    let out: ScoreResult | null = null;
    wk.on('message', (m: { result: ScoreResult } | { error: string; input: boolean }) => {
      if ('error' in m) reject(m.input ? inputError(m.error) : new Error(m.error));
      else out = m.result;
    });
    wk.on('error', reject);
    wk.on('exit', () => (out ? resolve(out) : reject(new Error('the track-record worker stopped early'))));
  });
}

export interface TrackRecordSummary {
  questions_id: string;
  command: string;
  runs: number;
  seed: number;
  resolved: number;
  origins: number;
  scenario_as_of: string | null;
  brier: number;
  brier_90: GroupScore['model']['brier_90'];
  /** The simulator's shares of runs before recalibration (null: not in the document). */
  simulated_brier: number | null;
  persistence_brier: number;
  best_baseline: BaselineName;
  best_brier: number;
  skill_vs_best: number | null;
  skill_vs_best_90: GroupScore['skill_vs_best']['interval'];
  beats_persistence: boolean;
  /** The recalibrated forecast against the baselines, in words (it names whose odds it scores). */
  verdict: string;
  /** The simulator's shares of runs against the same baselines, in words (null: not in the document). */
  simulator_verdict: string | null;
  /** What the model said at each past origin and what happened. */
  history: {
    origin: string;
    questions: number;
    model_brier: number;
    simulated_brier: number | null;
    persistence_brier: number;
    best_baseline: BaselineName;
    best_brier: number;
    items: {
      id: string;
      text: string;
      kind: string;
      resolves: string;
      p_model: number;
      p_simulated?: number;
      outcome: boolean;
      realised_pct?: number;
      quantiles?: ScoreResult['questions'][number]['quantiles'];
    }[];
  }[];
}

/** The few numbers shown beside the odds, taken from the score document (nothing recomputed). */
export function trackRecordSummary(s: ScoreResult, file = BUILTIN_QUESTIONS): TrackRecordSummary {
  const o = s.overall;
  const rel = relative(REPO_ROOT, file) || file;
  const extra =
    s.runs === TRACK_RECORD_RUNS && s.seed === TRACK_RECORD_SEED ? '' : ` --runs ${s.runs} --seed ${s.seed}`;
  return {
    questions_id: s.questions_id,
    command: `leverage score ${rel}${extra} --json`,
    runs: s.runs,
    seed: s.seed,
    resolved: s.resolved,
    origins: s.origins.length,
    scenario_as_of: s.scenario_as_of,
    brier: o.model.brier,
    brier_90: o.model.brier_90,
    simulated_brier: o.simulated?.brier ?? null,
    persistence_brier: o.baselines.persistence.brier,
    best_baseline: o.best_baseline,
    best_brier: o.baselines[o.best_baseline].brier,
    skill_vs_best: o.skill_vs_best.brier_skill,
    skill_vs_best_90: o.skill_vs_best.interval,
    beats_persistence: o.model.brier < o.baselines.persistence.brier,
    // from the numbers, not the document's sentence: a cached document keeps older wording
    verdict: verdictOf(o),
    simulator_verdict: simulatorVerdictOf(o),
    history: s.origins.map((g) => ({
      origin: g.origin,
      questions: g.questions,
      model_brier: g.model.brier,
      simulated_brier: g.simulated?.brier ?? null,
      persistence_brier: g.baselines.persistence.brier,
      best_baseline: g.best_baseline,
      best_brier: g.baselines[g.best_baseline].brier,
      items: s.questions
        .filter((q) => q.asked === g.origin && q.outcome !== 'unresolved')
        .map((q) => ({
          id: q.id,
          text: q.text,
          kind: q.kind,
          resolves: q.resolves,
          p_model: q.p.model,
          ...(q.p.simulated !== undefined ? { p_simulated: q.p.simulated } : {}),
          outcome: q.outcome as boolean,
          ...(q.realised_pct !== undefined ? { realised_pct: q.realised_pct } : {}),
          ...(q.quantiles ? { quantiles: q.quantiles } : {}),
        })),
    })),
  };
}
