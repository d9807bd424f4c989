import { LeverageError } from '../errors/index.ts';
import { readFileSync, statSync } from 'node:fs';
import { noteRead } from './parse-cache.ts';

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
  noteRead(file, bytes);
  // UTF-16 (Excel's "Unicode text", PowerShell's default) starts with a byte-order mark or has a NUL in
  // every other byte: name it, so the user knows to re-save as UTF-8.
  const bom16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (bom16 || looksUtf16(bytes))
    throw new InputFileError(file, 'is UTF-16 encoded, which is not supported: save it as UTF-8');
  if (bytes.includes(0)) throw new InputFileError(file, 'not a text file (it contains NUL bytes)');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputFileError(file, 'not a text file (invalid UTF-8)');
  }
  // a scan to the first non-blank, not trim(): that copies the whole text (50 MB for a big flow file)
  if (!/\S/.test(text)) throw new InputFileError(file, 'file is empty (only whitespace)');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** ASCII text in UTF-16 without a mark: NUL in nearly every odd (LE) or even (BE) byte of the start. */
function looksUtf16(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length - (bytes.length % 2), 512);
  if (n < 4) return false;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const half = n / 2;
  return (odd > 0.9 * half && even === 0) || (even > 0.9 * half && odd === 0);
}
