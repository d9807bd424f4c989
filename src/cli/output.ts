import { createWriteStream, renameSync, unlinkSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import Table from 'cli-table3';

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
  const text = opts.json ? JSON.stringify(result, null, 2) + '\n' : human().replace(/\n?$/, '\n');
  if (opts.out) {
    await writeAtomically(opts.out, text);
    return;
  }
  await writeStdout(text);
}

/** Resolve once the whole text has been handed to the OS, so exiting later cannot truncate it. */
export function writeStdout(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(text, (err) => (err ? reject(err) : resolve()));
  });
}

export async function writeAtomically(path: string, text: string): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await new Promise<void>((resolve, reject) => {
      const ws = createWriteStream(tmp);
      ws.on('error', reject);
      ws.end(text, () => resolve());
    });
    renameSync(tmp, path);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      /* nothing to clean */
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
