// Monte Carlo runs: persisted in SQLite under the data directory, at most `maxConcurrent` running
// at once, progress pushed to listeners (server-sent events). On startup, rows left queued or
// running by a previous process are marked interrupted.
import { LeverageError } from '../errors/index.ts';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError, notFound } from './errors.ts';

export type RunStatus = 'queued' | 'running' | 'done' | 'failed' | 'interrupted' | 'cancelled';
export const FINAL: ReadonlySet<RunStatus> = new Set(['done', 'failed', 'interrupted', 'cancelled']);

export interface RunRow {
  id: string;
  scenario: string;
  params: Record<string, unknown>;
  status: RunStatus;
  progress: number;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  error: string | null;
}

export interface RunProgress {
  done: number;
  total: number;
}

/** What the store needs from a simulation engine: run, report progress, stop when aborted. */
export type RunExecutor = (
  scenario: string,
  params: Record<string, unknown>,
  ctx: { signal: AbortSignal; onProgress: (p: RunProgress) => void },
) => Promise<unknown>;

export type RunEvent =
  | { type: 'progress'; progress: number; done: number; total: number }
  | { type: 'status'; status: RunStatus; error?: string | null };

interface Raw {
  id: string;
  scenario: string;
  params_json: string;
  status: RunStatus;
  progress: number;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  result_json: string | null;
  error: string | null;
}

const toRow = (r: Raw): RunRow => ({
  id: r.id,
  scenario: r.scenario,
  params: JSON.parse(r.params_json) as Record<string, unknown>,
  status: r.status,
  progress: r.progress,
  created_at: r.created_at,
  started_at: r.started_at,
  finished_at: r.finished_at,
  error: r.error,
});

export class RunStore {
  readonly db: Database.Database;
  /** Rows marked interrupted when this store opened. */
  readonly recovered: number;

  private readonly lockPath: string;

  constructor(dataDir: string) {
    // one server per data directory: a second one would mark the first one's runs interrupted
    this.lockPath = join(dataDir, 'server.lock');
    acquireLock(this.lockPath);
    try {
      this.db = new Database(join(dataDir, 'runs.sqlite'));
    } catch (err) {
      releaseLock(this.lockPath);
      throw err;
    }
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 2000');
    this.db.exec(`CREATE TABLE IF NOT EXISTS runs (
      id TEXT PRIMARY KEY,
      scenario TEXT NOT NULL,
      params_json TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('queued','running','done','failed','interrupted','cancelled')),
      progress REAL NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL,
      started_at TEXT,
      finished_at TEXT,
      result_json TEXT,
      error TEXT
    );
    CREATE INDEX IF NOT EXISTS runs_created ON runs(created_at);`);
    const r = this.db
      .prepare(
        `UPDATE runs SET status = 'interrupted', finished_at = ?, error = 'the server stopped before the run finished' WHERE status IN ('queued','running')`,
      )
      .run(new Date().toISOString());
    this.recovered = r.changes;
  }

  create(scenario: string, params: Record<string, unknown>): RunRow {
    const id = randomUUID();
    const now = new Date().toISOString();
    this.db
      .prepare(
        `INSERT INTO runs (id, scenario, params_json, status, progress, created_at) VALUES (?, ?, ?, 'queued', 0, ?)`,
      )
      .run(id, scenario, JSON.stringify(params), now);
    return this.get(id)!;
  }

  get(id: string): RunRow | null {
    const r = this.db.prepare(`SELECT * FROM runs WHERE id = ?`).get(id) as Raw | undefined;
    return r ? toRow(r) : null;
  }

  result(id: string): unknown {
    const r = this.db.prepare(`SELECT result_json FROM runs WHERE id = ?`).get(id) as
      { result_json: string | null } | undefined;
    return r?.result_json ? (JSON.parse(r.result_json) as unknown) : null;
  }

  list(limit = 100): RunRow[] {
    return (
      this.db.prepare(`SELECT * FROM runs ORDER BY created_at DESC, id LIMIT ?`).all(limit) as Raw[]
    ).map(toRow);
  }

  setStatus(id: string, status: RunStatus, extra: { error?: string | null; result?: unknown } = {}): void {
    const now = new Date().toISOString();
    if (status === 'running')
      this.db.prepare(`UPDATE runs SET status = ?, started_at = ? WHERE id = ?`).run(status, now, id);
    else if (FINAL.has(status))
      this.db
        .prepare(
          `UPDATE runs SET status = ?, finished_at = ?, error = ?, result_json = ?, progress = CASE WHEN ? = 'done' THEN 1 ELSE progress END WHERE id = ?`,
        )
        .run(
          status,
          now,
          extra.error ?? null,
          extra.result === undefined ? null : JSON.stringify(extra.result),
          status,
          id,
        );
    else this.db.prepare(`UPDATE runs SET status = ? WHERE id = ?`).run(status, id);
  }

  setProgress(id: string, progress: number): void {
    this.db.prepare(`UPDATE runs SET progress = ? WHERE id = ?`).run(progress, id);
  }

  delete(id: string): boolean {
    return this.db.prepare(`DELETE FROM runs WHERE id = ?`).run(id).changes > 0;
  }

  close(): void {
    this.db.close();
    releaseLock(this.lockPath);
  }
}

export class DataDirInUseError extends LeverageError {
  constructor(
    readonly lockPath: string,
    readonly pid: number,
  ) {
    super(
      'conflict',
      'data_dir_in_use',
      `the data directory is in use by another Leverage server (process ${pid}); stop it or choose another data directory (${lockPath})`,
    );
    this.name = 'DataDirInUseError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function acquireLock(path: string): void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx' });
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) throw new DataDirInUseError(path, pid);
      unlinkSync(path); // stale: its server is gone
    }
  }
  throw new Error(`could not lock ${path}`);
}

function releaseLock(path: string): void {
  try {
    if (readFileSync(path, 'utf8').trim() === String(process.pid)) unlinkSync(path);
  } catch {
    // already gone
  }
}

export interface RunLimits {
  maxConcurrent: number;
  maxRuns: number;
}

export class RunManager {
  private active = new Map<
    string,
    { ctl: AbortController; listeners: Set<(e: RunEvent) => void>; lastWrite: number; promise: Promise<void> }
  >();

  constructor(
    readonly store: RunStore,
    readonly executor: RunExecutor | null,
    readonly limits: RunLimits = { maxConcurrent: 2, maxRuns: 20_000 },
  ) {}

  get running(): number {
    return this.active.size;
  }

  start(scenario: string, params: Record<string, unknown>): RunRow {
    if (!this.executor)
      throw new ApiError(
        'conflict',
        'engine_unavailable',
        'the Monte Carlo engine (src/simulate) is not available in this build',
      );
    if (this.active.size >= this.limits.maxConcurrent)
      throw new ApiError(
        'conflict',
        'too_many_runs',
        `at most ${this.limits.maxConcurrent} runs at a time; ${this.active.size} are running - wait for one to finish or cancel it`,
      );
    const row = this.store.create(scenario, params);
    const ctl = new AbortController();
    const listeners = new Set<(e: RunEvent) => void>();
    const entry = { ctl, listeners, lastWrite: 0, promise: Promise.resolve() };
    this.active.set(row.id, entry);
    const emit = (e: RunEvent) => {
      for (const l of listeners) l(e);
    };
    const exec = this.executor;
    entry.promise = (async () => {
      // yield once so the caller gets the id before work starts
      await new Promise((r) => setImmediate(r));
      this.store.setStatus(row.id, 'running');
      emit({ type: 'status', status: 'running' });
      try {
        const result = await exec(scenario, params, {
          signal: ctl.signal,
          onProgress: (p) => {
            const progress = p.total > 0 ? p.done / p.total : 0;
            const now = Date.now();
            if (now - entry.lastWrite > 200 || p.done === p.total) {
              entry.lastWrite = now;
              this.store.setProgress(row.id, progress);
            }
            emit({ type: 'progress', progress, done: p.done, total: p.total });
          },
        });
        if (ctl.signal.aborted) throw ctl.signal.reason ?? new Error('cancelled');
        this.store.setStatus(row.id, 'done', { result });
        emit({ type: 'status', status: 'done' });
      } catch (err) {
        if (ctl.signal.aborted && this.closing) {
          this.store.setStatus(row.id, 'interrupted', {
            error: 'the server stopped before the run finished',
          });
          emit({
            type: 'status',
            status: 'interrupted',
            error: 'the server stopped before the run finished',
          });
        } else if (ctl.signal.aborted) {
          if (this.store.get(row.id))
            this.store.setStatus(row.id, 'cancelled', { error: 'cancelled by request' });
          emit({ type: 'status', status: 'cancelled', error: 'cancelled by request' });
        } else {
          const msg = err instanceof Error ? err.message : String(err);
          this.store.setStatus(row.id, 'failed', { error: msg });
          emit({ type: 'status', status: 'failed', error: msg });
        }
      } finally {
        this.active.delete(row.id);
      }
    })();
    return row;
  }

  /** Listen to a run's events; returns an unsubscribe function, or null when the run is not active. */
  subscribe(id: string, f: (e: RunEvent) => void): (() => void) | null {
    const a = this.active.get(id);
    if (!a) return null;
    a.listeners.add(f);
    return () => a.listeners.delete(f);
  }

  /** Cancel a running run (it stays in the store as cancelled) or delete a finished one. */
  async remove(id: string): Promise<'cancelled' | 'deleted'> {
    const a = this.active.get(id);
    if (a) {
      a.ctl.abort(new Error('cancelled'));
      await a.promise;
      return 'cancelled';
    }
    if (!this.store.delete(id)) throw notFound('run', id);
    return 'deleted';
  }

  private closing = false;

  /** Stop everything (server shutdown): running runs are marked interrupted. */
  async close(): Promise<void> {
    this.closing = true;
    const all = [...this.active.values()];
    for (const a of all) a.ctl.abort(new Error('server shutting down'));
    await Promise.allSettled(all.map((a) => a.promise));
  }
}
