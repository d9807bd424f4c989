// Public face of the HTTP server: start it (API + dashboard) and build the dashboard if missing.
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from '../io/index.ts';
import { buildApp, WEB_DIST, type App } from './app.ts';
import { monteCarloExecutor } from './engine.ts';
import type { RunExecutor } from './runs.ts';

export { buildApp, WEB_DIST, type App, type AppOptions } from './app.ts';
export { ApiError } from './errors.ts';
export {
  RunStore,
  RunManager,
  DataDirInUseError,
  type RunExecutor,
  type RunRow,
  type RunStatus,
} from './runs.ts';
export { ScenarioStore } from './scenarios.ts';

export const DEFAULT_DATA_DIR = join(REPO_ROOT, '.leverage');

export interface ServerOptions {
  port?: number;
  host?: string;
  dataDir?: string;
  bodyLimit?: number;
  headersTimeoutMs?: number;
  maxConcurrentRuns?: number;
  maxRunSize?: number;
  /** Override the Monte Carlo engine (tests); default: src/simulate's when available. */
  executor?: RunExecutor | null;
  /**
   * Compute what the dashboard's first screen asks for (default true): in the background once
   * listening with `threads`, else before listening.
   */
  warm?: boolean;
  /**
   * Heavy work in worker threads, never on the event loop (app.ts). Default: on when running the
   * compiled build; off from source (tests under tsx), where each thread would load tsx again.
   */
  threads?: boolean;
  /** When `port` is taken, listen on a free port instead of failing (the URL says which). */
  anyPortIfBusy?: boolean;
}

export interface RunningServer {
  url: string;
  app: App;
  close(): Promise<void>;
}

/** Start the API and dashboard server. Port 0 picks a free port; the URL says which. */
export async function startServer(opts: ServerOptions = {}): Promise<RunningServer> {
  const dataDir = resolve(opts.dataDir ?? DEFAULT_DATA_DIR);
  const threads = opts.threads ?? !import.meta.url.endsWith('.ts');
  mkdirSync(dataDir, { recursive: true });
  const app = await buildApp({
    dataDir,
    bodyLimit: opts.bodyLimit,
    headersTimeoutMs: opts.headersTimeoutMs,
    maxConcurrentRuns: opts.maxConcurrentRuns,
    maxRunSize: opts.maxRunSize,
    // a server bound to loopback answers to loopback names only (DNS rebinding); others to any
    allowedHosts: isLoopback(opts.host ?? '127.0.0.1') ? undefined : null,
    ...(opts.executor !== undefined ? { executor: opts.executor } : { makeExecutor: monteCarloExecutor }),
    threads,
  });
  if (opts.warm !== false && !threads) await app.work('warm', undefined);
  const host = opts.host ?? '127.0.0.1';
  try {
    await app.fastify.listen({ port: opts.port ?? 0, host });
  } catch (err) {
    if (!(opts.anyPortIfBusy && (err as NodeJS.ErrnoException).code === 'EADDRINUSE')) {
      await app.fastify.close();
      throw err;
    }
    await app.fastify.listen({ port: 0, host });
  }
  // start-up does only the listening; the request thread starts and warms meanwhile
  if (opts.warm !== false && threads) void app.work('warm', undefined).catch(() => {});
  const addr = app.fastify.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  const shownHost =
    host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}/`,
    app,
    close: () => app.fastify.close(),
  };
}

/** Newest modification time of the dashboard's sources (web/src, index.html, vite config). */
function newestSource(dir = join(REPO_ROOT, 'web')): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'dist' || e.name === 'node_modules') continue;
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return t;
}

/**
 * Build the dashboard with Vite when web/dist is missing (or, with `ifStale`, older than its
 * sources). Returns true when it built.
 */
export async function buildWebIfMissing(opts: { ifStale?: boolean } = {}): Promise<boolean> {
  const index = join(WEB_DIST, 'index.html');
  if (existsSync(index) && !(opts.ifStale && newestSource() > statSync(index).mtimeMs)) return false;
  const { build } = await import('vite');
  await build({
    configFile: join(REPO_ROOT, 'web', 'vite.config.ts'),
    root: join(REPO_ROOT, 'web'),
    logLevel: 'warn',
  });
  return true;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}
