// The flow readers' common ground: CSV (or TSV) to a grid with line numbers, columns found by
// name, strict numbers, and the one error type every reader throws.
import { LeverageError } from '../../errors/index.ts';
import { CsvSyntaxError, forEachCsvRecord } from '../csv.ts';
import { InputFileError, readTextFile } from '../text-file.ts';

/** A flow file that cannot be used as it is. The message names file, line, column, expected and got. */
export class FlowFileError extends LeverageError {
  constructor(message: string) {
    super('input', 'bad_flow_file', message);
    this.name = 'FlowFileError';
  }
}

export interface CsvGrid {
  header: string[];
  /** The data records (after the header) with their line numbers, read on demand. */
  each(onRecord: (fields: string[], line: number) => void): void;
}

/** A flow file's text: refused like any input when it is not UTF-8 text (UTF-16, NUL bytes, Latin-1) or too large. */
export function readText(path: string): string {
  try {
    return readTextFile(path);
  } catch (err) {
    if (err instanceof InputFileError) throw new FlowFileError(err.message);
    throw err;
  }
}

/** Parse CSV (or TSV when the header has tabs and no commas) into a grid with source line numbers. */
export function parseCsvGrid(text: string, source: string): CsvGrid {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const firstLine = body.slice(0, body.indexOf('\n') >= 0 ? body.indexOf('\n') : body.length);
  const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  let header: string[] | null = null;
  const located = (f: () => void) => {
    try {
      f();
    } catch (err) {
      if (err instanceof CsvSyntaxError) throw new FlowFileError(`${source}: not valid CSV: ${err.message}`);
      throw err;
    }
  };
  // The header is the first record; the rest is tokenized again only when the caller reads it.
  located(() =>
    forEachCsvRecord(body, delimiter, (f) => {
      header = f;
      return false;
    }),
  );
  if (!header) throw new FlowFileError(`${source}: empty file (expected a header row)`);
  checkUniqueHeader(header, source);
  return {
    header,
    each: (onRecord) =>
      located(() => {
        let first = true;
        forEachCsvRecord(body, delimiter, (fields, line) => {
          if (first) first = false;
          else onRecord(fields, line);
        });
      }),
  };
}

/** A small CSV held whole: header, rows and their line numbers (big flow files use `each`). */
export function parseCsvTable(
  gridOrText: CsvGrid | string,
  source = '',
): { header: string[]; rows: string[][]; lines: number[] } {
  const g = typeof gridOrText === 'string' ? parseCsvGrid(gridOrText, source) : gridOrText;
  const rows: string[][] = [];
  const lines: number[] = [];
  g.each((fields, line) => {
    rows.push(fields);
    lines.push(line);
  });
  return { header: g.header, rows, lines };
}

/** The index of the first of `names` in the header (case-insensitive, trimmed), or -1. */
/**
 * A column name given twice (names compared as findColumn compares them) is refused: the readers
 * take the first, so a second 'value_usd' with other numbers would be dropped without a word.
 */
function checkUniqueHeader(header: string[], source: string): void {
  const seen = new Map<string, number>();
  header.forEach((h, i) => {
    const name = h.trim().toLowerCase();
    if (name === '') return;
    const first = seen.get(name);
    if (first !== undefined)
      throw new FlowFileError(
        `${source}: line 1 (header): column '${h.trim()}' appears twice (columns ${first + 1} and ${i + 1}); give each column one name`,
      );
    seen.set(name, i);
  });
}

export function findColumn(header: string[], names: string[]): number {
  const norm = header.map((h) => h.trim().toLowerCase());
  for (const n of names) {
    const i = norm.indexOf(n.toLowerCase());
    if (i >= 0) return i;
  }
  return -1;
}

const NUM = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Strict number: "", "n/a", "1,000" are rejected (the caller decides whether empty is allowed). */
export function parseNumber(raw: string): number {
  return NUM.test(raw) ? Number(raw) : NaN;
}
