// A pool of worker threads for the server's heavy work (ops.ts): the event loop posts a task and
// goes back to answering requests. Workers start on first use; errors come back with their
// LeverageError kind and code, so the API answers exactly as if the work had run inline.
import { Worker } from 'node:worker_threads';
import { LeverageError, type ErrorKind } from '../errors/index.ts';
import { ApiError } from './errors.ts';
import type { OpName } from './ops.ts';

// Compiled: the worker's own JavaScript (named through its folder, so the URL holds from the CLI
// bundle in dist/bundle/ too). From source (tsx): a plain-JS shim that registers
// tsx in the thread first (workers do not inherit the loader).
const WORKER_SCRIPT = new URL(
  import.meta.url.endsWith('.ts') ? '../server/pool-worker-entry.js' : '../server/pool-worker.js',
  import.meta.url,
);

/** An error as it crosses the thread boundary. */
export interface WireError {
  leverage: boolean;
  api: boolean;
  kind: ErrorKind;
  code: string;
  message: string;
  path?: string;
  details?: unknown;
}

export function toWire(err: unknown): WireError {
  if (err instanceof LeverageError)
    return {
      leverage: true,
      api: err instanceof ApiError,
      kind: err.kind,
      code: err.code,
      message: err.message,
      ...(err.location?.path !== undefined ? { path: err.location.path } : {}),
      ...(err.details !== undefined ? { details: err.details } : {}),
    };
  const message = err instanceof Error ? err.message : String(err);
  return { leverage: false, api: false, kind: 'internal', code: 'internal', message };
}

export function fromWire(w: WireError): Error {
  if (w.api) return new ApiError(w.kind, w.code, w.message, w.path, w.details);
  if (w.leverage)
    return new LeverageError(w.kind, w.code, w.message, {
      ...(w.path !== undefined ? { location: { path: w.path } } : {}),
      ...(w.details !== undefined ? { details: w.details } : {}),
    });
  return new Error(w.message);
}

/** What a pool worker is told: a task, or to cancel one. */
export type ToWorker = { id: number; op: OpName | 'run'; arg: unknown } | { cancel: number };
/**
 * What it answers: progress of a task, its result as JSON text (what the API sends, functions and
 * undefined left out as JSON.stringify does; the event loop then only forwards it), or its error.
 */
export type FromWorker =
  { id: number; progress: unknown } | { id: number; json: string } | { id: number; error: WireError };

interface Task {
  resolve(json: string): void;
  reject(e: Error): void;
  onProgress?: (p: unknown) => void;
  slot: Slot;
}

interface Slot {
  worker: Worker;
  inFlight: number;
}

export class WorkerPool {
  private slots: Slot[] = [];
  private tasks = new Map<number, Task>();
  private nextId = 1;
  private closed = false;

  /** `size` threads at most, each given `workerData` (the server's data directory). */
  constructor(
    readonly size: number,
    private readonly workerData: { dataDir: string },
  ) {}

  /** Run `op` on the least busy thread (a new one while fewer than `size` are busy): its result as JSON. */
  call(
    op: OpName | 'run',
    arg: unknown,
    opts: { signal?: AbortSignal; onProgress?: (p: unknown) => void } = {},
  ): Promise<string> {
    if (this.closed) return Promise.reject(new Error('the server is closing'));
    const slot = this.pick();
    const id = this.nextId++;
    return new Promise<string>((resolve, reject) => {
      this.tasks.set(id, { resolve, reject, onProgress: opts.onProgress, slot });
      slot.inFlight++;
      slot.worker.postMessage({ id, op, arg } satisfies ToWorker);
      const cancel = () => slot.worker.postMessage({ cancel: id } satisfies ToWorker);
      opts.signal?.addEventListener('abort', cancel, { once: true });
    });
  }

  /** Threads started so far. */
  get started(): number {
    return this.slots.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots;
    this.slots = [];
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private pick(): Slot {
    let best: Slot | undefined;
    for (const s of this.slots) if (!best || s.inFlight < best.inFlight) best = s;
    if (best && (best.inFlight === 0 || this.slots.length >= this.size)) return best;
    return this.spawn();
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_SCRIPT, { workerData: this.workerData });
    const slot: Slot = { worker, inFlight: 0 };
    this.slots.push(slot);
    worker.on('message', (m: FromWorker) => {
      const t = this.tasks.get(m.id);
      if (!t) return;
      if ('progress' in m) return t.onProgress?.(m.progress);
      this.tasks.delete(m.id);
      slot.inFlight--;
      if ('error' in m) t.reject(fromWire(m.error));
      else t.resolve(m.json);
    });
    const lost = (why: string) => {
      this.slots = this.slots.filter((s) => s !== slot);
      for (const [id, t] of this.tasks)
        if (t.slot === slot) {
          this.tasks.delete(id);
          t.reject(new Error(`a server worker stopped: ${why}`));
        }
    };
    worker.on('error', (err) => lost(err instanceof Error ? err.message : String(err)));
    worker.on('exit', (code) => lost(`exit code ${code}`));
    return slot;
  }
}
