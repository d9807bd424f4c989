// What the CLI reads from and writes to, given to `run(argv, io)`: the process's own streams,
// environment and folder in bin/leverage.js (main.ts), a test's buffers in test/helpers.ts `cli()`.
// Commands reach it through `cliIo()` while their run lasts, so no command touches `process`'s
// streams, environment or folder itself.
import { resolve } from 'node:path';

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  /** The environment the command sees (COLUMNS, LEVERAGE_PROGRESS, LEVERAGE_DEBUG). */
  env: Readonly<Record<string, string | undefined>>;
  /** The folder relative paths (scenario files, `--out`) are resolved against. */
  cwd: string;
  /** Whether stdout and stderr are terminals (tables fit it; progress bars only on one). */
  isTTY: { stdout: boolean; stderr: boolean };
  /** The terminal's width when stdout is one. */
  columns?: number;
}

/** The process's own: what `leverage` at a shell uses. */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    isTTY: { stdout: process.stdout.isTTY === true, stderr: process.stderr.isTTY === true },
    ...(process.stdout.isTTY ? { columns: process.stdout.columns } : {}),
  };
}

let current: CliIo | null = null;

/** The io of the running command (`run` sets it for its duration; the process's outside a run). */
export function cliIo(): CliIo {
  return (current ??= processIo());
}

/** Make `io` the current one; returns a function restoring the previous one. */
export function useIo(io: CliIo): () => void {
  const previous = current;
  current = io;
  return () => {
    current = previous;
  };
}

/** A line (or several) on the command's stderr. */
export function writeStderr(text: string): void {
  cliIo().stderr.write(text);
}

/** The stream a progress bar draws on: stderr when it is a terminal, else none. */
export function progressStream(): NodeJS.WritableStream | null {
  const io = cliIo();
  return io.isTTY.stderr ? io.stderr : null;
}

/** A path the user typed, resolved against the command's folder. */
export function userPath(path: string): string {
  return resolve(cliIo().cwd, path);
}
