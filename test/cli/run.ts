import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root: the CLI is run from here, as a user would. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Run `node bin/leverage.js ...args` from the repository root and collect its output. Asynchronous
 * (child_process.spawn) so that test files can run several CLI processes at once and stay fast.
 */
export function leverage(args: string[]): Promise<RunResult> {
  return limit(() => spawnLeverage(args));
}

// At most MAX_PARALLEL CLI processes at a time per test file.
const MAX_PARALLEL = 4;
let running = 0;
const waiting: (() => void)[] = [];
async function limit<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= MAX_PARALLEL) await new Promise<void>((r) => waiting.push(r));
  running++;
  try {
    return await fn();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

function spawnLeverage(args: string[]): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/leverage.js', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (status) =>
      resolve({
        status,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
  });
}

/** A stack trace line ("    at fn (file:1:2)"): the CLI must never print one. */
export const STACK_TRACE = /^\s+at /m;
