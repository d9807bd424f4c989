import { LeverageError } from '../errors/index.ts';
import { readFileSync, statSync } from 'node:fs';

/** Largest input file we read: big enough for any real scenario or list, small enough to fail fast on a mistake. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

export class InputFileError extends LeverageError {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super('input', 'bad_file', `${file}: ${message}`, { location: { file } });
    this.name = 'InputFileError';
  }
}

/**
 * Read a UTF-8 text file, refusing what cannot be a text input: a missing file, a folder, an
 * empty or oversized file, binary content (NUL bytes or invalid UTF-8).
 */
export function readTextFile(file: string, maxBytes = MAX_INPUT_BYTES): string {
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new InputFileError(file, 'is a folder, expected a file');
    size = st.size;
  } catch (err) {
    if (err instanceof InputFileError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputFileError(
      file,
      code === 'ENOENT' ? 'file not found' : `cannot read file (${code ?? String(err)})`,
    );
  }
  if (size === 0) throw new InputFileError(file, 'file is empty');
  if (size > maxBytes)
    throw new InputFileError(
      file,
      `file is too large (${(size / 1048576).toFixed(1)} MB; the limit is ${maxBytes / 1048576} MB)`,
    );
  const bytes = readFileSync(file);
  if (bytes.includes(0)) throw new InputFileError(file, 'not a text file (it contains NUL bytes)');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputFileError(file, 'not a text file (invalid UTF-8)');
  }
  if (text.trim() === '') throw new InputFileError(file, 'file is empty (only whitespace)');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
