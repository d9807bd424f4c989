import { run } from '../../src/cli/run.ts';
import { captureStdout } from '../../src/cli/output.ts';

export interface InProcessResult {
  status: number;
  stdout: string;
  stderr: string;
}

/**
 * Run `leverage ...args` inside this process (no child process: a CLI start costs seconds on a
 * loaded machine) with stdout and stderr captured and the environment overridden for the call.
 * Calls are serialised. Stdout is captured through the CLI's own sink (the test runner reports
 * on this process's stdout, so that is never replaced); stderr by replacing its write.
 */
export function leverageInProcess(
  args: string[],
  env: Record<string, string | undefined> = {},
): Promise<InProcessResult> {
  const next = queue.then(() => runCaptured(args, env));
  queue = next.then(
    () => undefined,
    () => undefined,
  );
  return next;
}

let queue: Promise<void> = Promise.resolve();

async function runCaptured(
  args: string[],
  env: Record<string, string | undefined>,
): Promise<InProcessResult> {
  const out: string[] = [];
  const err: string[] = [];
  const realErr = process.stderr.write.bind(process.stderr);
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  const capture =
    (sink: string[]) =>
    (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
      sink.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const cb = rest.find((x) => typeof x === 'function') as (() => void) | undefined;
      if (cb) queueMicrotask(cb);
      return true;
    };
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  captureStdout((t) => out.push(t));
  process.stderr.write = capture(err) as typeof process.stderr.write;
  try {
    const status = await run(args);
    return { status, stdout: out.join(''), stderr: err.join('') };
  } finally {
    captureStdout(null);
    process.stderr.write = realErr;
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
