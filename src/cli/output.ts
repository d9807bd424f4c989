import {
  accessSync,
  constants,
  createWriteStream,
  existsSync,
  renameSync,
  statSync,
  unlinkSync,
} from 'node:fs';
import { dirname, basename, join } from 'node:path';
import Table from 'cli-table3';
import { UserError } from './errors.ts';
import { loadedContext } from './scenario.ts';
import { withAsOf } from '../report/index.ts';

/** Options every command shares. */
export interface OutputOptions {
  json?: boolean;
  out?: string;
}

/**
 * Write one complete document. With `--json` stdout carries exactly one JSON document; with
 * `--out FILE` the document is written to a temporary file and renamed into place only when
 * complete, so a failure never leaves half a result behind.
 */
export async function emit(result: unknown, opts: OutputOptions, human: () => string): Promise<void> {
  const text = opts.json
    ? JSON.stringify(withScenarioContext(result), null, 2) + '\n'
    : human().replace(/\n?$/, '\n');
  if (opts.out) {
    await writeAtomically(opts.out, text);
    return;
  }
  await writeStdout(text);
}

/** A JSON document of a command that loaded a scenario carries its `as_of` and date warnings. */
function withScenarioContext(result: unknown): unknown {
  const ctx = loadedContext();
  return ctx ? withAsOf(result, ctx.as_of, ctx.warnings) : result;
}

/** Resolve once the whole text has been handed to the OS, so exiting later cannot truncate it. */
export function writeStdout(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(text, (err) => {
      // The reader went away (`| head`): nothing more to write, and nothing to report.
      if (err && (err as NodeJS.ErrnoException).code === 'EPIPE') return resolve();
      return err ? reject(err) : resolve();
    });
  });
}

/** A reader that closes the pipe early must not crash the process with an unhandled 'error' event. */
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
});

export async function writeAtomically(path: string, text: string): Promise<void> {
  let isFolder = false;
  try {
    isFolder = statSync(path).isDirectory();
  } catch {
    /* does not exist yet: fine */
  }
  if (isFolder) throw new UserError(`--out: ${path} is a folder, expected a file name`);
  // Never replace a file the user made read-only (rename would, as it needs only the folder's rights;
  // the mode bits are read because root passes every access check).
  if (existsSync(path)) {
    let readOnly = (statSync(path).mode & 0o222) === 0;
    try {
      accessSync(path, constants.W_OK);
    } catch {
      readOnly = true;
    }
    if (readOnly) throw new UserError(`--out: ${path} is read-only; not replaced`);
  }
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await new Promise<void>((resolve, reject) => {
      const ws = createWriteStream(tmp);
      ws.on('error', reject);
      ws.end(text, (err?: Error | null) => (err ? reject(err) : resolve()));
    });
    renameSync(tmp, path);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      /* nothing to clean */
    }
    const code = (err as NodeJS.ErrnoException).code;
    if (code) {
      const folder = dirname(path);
      const why =
        code === 'ENOENT' && !existsSync(folder)
          ? `no such folder ${folder}`
          : code === 'ENOENT'
            ? `the folder ${folder} does not accept new files`
            : code === 'EACCES' || code === 'EPERM'
              ? `no permission to write in ${folder}`
              : code;
      throw new UserError(`--out: cannot write ${path} (${why})`);
    }
    throw err;
  }
}

/** A plain table without ANSI colour codes (cli-table3 colours even when piped otherwise). */
export function table(head: string[], rows: (string | number)[][]): string {
  const t = new Table({ head, style: { head: [], border: [] } });
  for (const r of rows) t.push(r.map((c) => (typeof c === 'number' ? fmt(c) : c)));
  return t.toString();
}

/** Numbers for humans: up to 2 decimals, no trailing zeros. */
export function fmt(x: number, digits = 2): string {
  if (!Number.isFinite(x)) return String(x);
  return Number(x.toFixed(digits)).toString();
}
