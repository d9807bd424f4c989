import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenarioSync, loadUsImportsFromChina2024 } from '../src/io/index.ts';
import { compileTariffSchedule } from '../src/ledger/index.ts';
import type { Scenario } from '../src/model/index.ts';

/** A fresh temporary folder. */
export function tempDir(prefix = 'leverage-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Write files (name -> content; objects are written as JSON) into a fresh temp folder; returns the folder. */
export function writeFiles(files: Record<string, string | object>, dir = tempDir()): string {
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}

/** Write a scenario object as JSON into a temp folder and load it. */
export function loadObject(obj: object, extraFiles: Record<string, string | object> = {}): Scenario {
  const dir = writeFiles({ 'scenario.json': obj, ...extraFiles });
  return loadScenarioSync(join(dir, 'scenario.json'));
}

export const SRC = ['https://example.org/source'];

/** The US-on-China trade-weighted average additional duty (percent) on each date, at 2024 HTS10 weights. */
export function usOnChinaAverages(scn: Scenario, dates: string[]): number[] {
  const imp = loadUsImportsFromChina2024();
  const total = imp.imports_usd.reduce((a, b) => a + b, 0);
  const sched = compileTariffSchedule(scn, { importer: 'US', exporter: 'CN', lines: imp.hs10 });
  return dates.map((d) => {
    const t = sched.ratesAt(d).total;
    let x = 0;
    for (let i = 0; i < t.length; i++) x += t[i] * imp.imports_usd[i];
    return x / total;
  });
}

/** A minimal valid scenario body to build on. */
export function baseScenario(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'tiny',
    title: 'Tiny test scenario',
    actors: { US: { name: 'United States' }, CN: { name: 'China' }, VN: { name: 'Viet Nam' } },
    ...extra,
  };
}

/** The repository root: the CLI runs from here, as a user would. */
export const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** A stack trace line ("    at fn (file:1:2)"): the CLI must never print one. */
export const STACK_TRACE = /^\s+at /m;

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/**
 * `leverage ...args` run inside this process through the CLI's own `run(argv, io)` (a CLI process
 * costs 1-3 s to start on a loaded machine; this one call per file loads the modules once): io
 * gives it buffers for stdout and stderr, no terminal, an empty stdin, the repository root as its
 * folder and this process's environment with `env` over it (a key set to undefined is removed).
 * Calls are serialised. Real processes: `cliProcess`.
 */
export function cli(args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  const next = queue.then(() => runCaptured(args, env));
  queue = next.then(
    () => undefined,
    () => undefined,
  );
  return next;
}

let queue: Promise<void> = Promise.resolve();

/** A stream that keeps what is written to it. */
function collector(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

async function runCaptured(args: string[], env: Record<string, string | undefined>): Promise<CliResult> {
  // loaded on first use: files that never call the CLI do not pay for it
  const { run } = await import('../src/cli/run.ts');
  const out = collector();
  const err = collector();
  const vars: Record<string, string | undefined> = { ...process.env, ...env };
  for (const k of Object.keys(vars)) if (vars[k] === undefined) delete vars[k];
  const status = await run(args, {
    stdout: out.stream,
    stderr: err.stream,
    stdin: Readable.from([]),
    env: vars,
    cwd: ROOT,
    isTTY: { stdout: false, stderr: false },
  });
  return { status, stdout: out.text(), stderr: err.text() };
}

export interface ProcessResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * `node bin/leverage.js ...args` as a real process from the repository root, for what only a
 * process shows: exit codes, signals, pipes, the compiled build. At most 4 at a time per file.
 */
export function cliProcess(
  args: string[],
  opts: { env?: Record<string, string | undefined>; cwd?: string } = {},
): Promise<ProcessResult> {
  return limit(
    () =>
      new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [join(ROOT, 'bin/leverage.js'), ...args], {
          cwd: opts.cwd ?? ROOT,
          env: { ...process.env, ...opts.env },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        child.stdout.on('data', (b: Buffer) => out.push(b));
        child.stderr.on('data', (b: Buffer) => err.push(b));
        child.on('error', reject);
        child.on('close', (status, signal) =>
          resolve({
            status,
            signal,
            stdout: Buffer.concat(out).toString('utf8'),
            stderr: Buffer.concat(err).toString('utf8'),
          }),
        );
      }),
  );
}

let running = 0;
const waiting: (() => void)[] = [];
async function limit<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= 4) await new Promise<void>((r) => waiting.push(r));
  running++;
  try {
    return await fn();
  } finally {
    running--;
    waiting.shift()?.();
  }
}
