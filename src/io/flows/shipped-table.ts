// The tables shipped in data/trade/: read whole, columns checked by name, codes kept as strings.
import { REPO_ROOT } from '../paths.ts';
import { FlowFileError, parseCsvGrid, parseCsvTable, parseNumber, readText } from './grid.ts';

/** Directory of the shipped trade data (data/trade/ at the repository root). */
export const TRADE_DATA_DIR = `${REPO_ROOT}data/trade/`;

export interface Table {
  file: string;
  header: string[];
  rows: string[][];
  lines: number[];
  col(name: string): number;
}

/** A shipped table read whole, its `required` columns checked by name. */
export function loadShipped(file: string, required: string[], dir = TRADE_DATA_DIR): Table {
  const path = `${dir}${file}`;
  const g = parseCsvGrid(readText(path), file);
  const missing = required.filter((n) => !g.header.includes(n));
  if (missing.length > 0)
    throw new FlowFileError(
      `${file}: line 1 (header): missing ${missing.join(', ')}; got ${g.header.join(',')}`,
    );
  return { file, ...parseCsvTable(g), col: (n: string) => g.header.indexOf(n) };
}

/** A number >= 0 in row r, column c (named `name` in errors). */
export function num(t: Table, r: number, c: number, name: string): number {
  const raw = t.rows[r][c];
  const x = parseNumber(raw);
  if (!Number.isFinite(x))
    throw new FlowFileError(`${t.file}: line ${t.lines[r]}, column ${name}: expected a number, got "${raw}"`);
  if (x < 0)
    throw new FlowFileError(`${t.file}: line ${t.lines[r]}, column ${name}: expected >= 0, got ${raw}`);
  return x;
}

/** A code of exactly `digits` digits in row r, column c (kept as a string). */
export function code(t: Table, r: number, c: number, name: string, digits: number): string {
  const raw = t.rows[r][c];
  if (raw.length !== digits || !/^\d+$/.test(raw))
    throw new FlowFileError(
      `${t.file}: line ${t.lines[r]}, column ${name}: expected ${digits} digits, got "${raw}"`,
    );
  return raw;
}
