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
import { UserError } from './errors.ts';
import { cliIo, userPath } from './io.ts';

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
    : fitText(human(), terminalWidth()).replace(/\n?$/, '\n');
  if (opts.out) {
    await writeAtomically(opts.out, text);
    return;
  }
  await writeStdout(text);
}

/** Write without waiting (commander's help text) to the command's stdout. */
export function writeStdoutNow(text: string): void {
  cliIo().stdout.write(text);
}

/**
 * How a JSON document is stamped with the loaded scenario's `as_of` and date warnings. The
 * scenario module sets it when a command loads one (see cli/scenario.ts); kept as a slot rather
 * than an import so that `--help` and other scenario-free paths never load the library.
 */
let documentStamp: ((result: unknown) => unknown) | null = null;

/** Set (or clear, with null) the stamp every `--json` document gets. */
export function setDocumentStamp(stamp: ((result: unknown) => unknown) | null): void {
  documentStamp = stamp;
}

function withScenarioContext(result: unknown): unknown {
  return documentStamp ? documentStamp(result) : result;
}

/** Resolve once the whole text has been handed to the OS, so exiting later cannot truncate it. */
export function writeStdout(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    cliIo().stdout.write(text, (err?: Error | null) => {
      // The reader went away (`| head`): nothing more to write, and nothing to report.
      if (err && (err as NodeJS.ErrnoException).code === 'EPIPE') return resolve();
      return err ? reject(err) : resolve();
    });
  });
}

/** Write `text` to `path` (resolved against the command's folder) through a temporary file renamed into place. */
export async function writeAtomically(typed: string, text: string): Promise<void> {
  const path = userPath(typed);
  let isFolder = false;
  try {
    isFolder = statSync(path).isDirectory();
  } catch {
    /* does not exist yet: fine */
  }
  if (isFolder) throw new UserError(`--out: ${typed} is a folder, expected a file name`);
  // Never replace a file the user made read-only (rename would, as it needs only the folder's rights;
  // the mode bits are read because root passes every access check).
  if (existsSync(path)) {
    let readOnly = (statSync(path).mode & 0o222) === 0;
    try {
      accessSync(path, constants.W_OK);
    } catch {
      readOnly = true;
    }
    if (readOnly) throw new UserError(`--out: ${typed} is read-only; not replaced`);
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
      const folder = dirname(typed);
      const why =
        code === 'ENOENT' && !existsSync(folder)
          ? `no such folder ${folder}`
          : code === 'ENOENT'
            ? `the folder ${folder} does not accept new files`
            : code === 'EACCES' || code === 'EPERM'
              ? `no permission to write in ${folder}`
              : code;
      throw new UserError(`--out: cannot write ${typed} (${why})`);
    }
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// Tables and numbers for a terminal

/** How tables are laid out: set once per run from the global `--wide` and `--sources` flags. */
const layout = { wide: false, sources: false };

export function setTableLayout(o: { wide?: boolean; sources?: boolean }): void {
  layout.wide = o.wide === true;
  layout.sources = o.sources === true;
}

/** Whether tables show their source URLs (`--sources`, or `--wide`). */
export function showSources(): boolean {
  return layout.sources || layout.wide;
}

/**
 * The width tables must fit: the terminal's columns on a TTY, else $COLUMNS, else 100 (a file or
 * pipe gets the same layout as a common terminal); unlimited with `--wide`.
 */
export function terminalWidth(): number {
  if (layout.wide) return Infinity;
  const io = cliIo();
  const tty = io.isTTY.stdout ? io.columns : undefined;
  const env = Number(io.env.COLUMNS);
  const w = tty && tty > 0 ? tty : Number.isInteger(env) && env > 0 ? env : 100;
  return Math.max(40, w);
}

const GAP = '  ';
const NUMERIC = /^[-+]?[$]?\d[\d,]*(\.\d+)?(%| tn| bn| m| k)?$/;

/**
 * A plain table: a header, one rule under it, columns two spaces apart, numbers right-aligned, no
 * rule between rows. It fits `terminalWidth()`: the widest columns are narrowed first and their
 * cells wrapped at spaces (long words, such as URLs, broken), so no line is longer than the width.
 */
export function table(head: string[], rows: (string | number)[][], width = terminalWidth()): string {
  const cells = rows.map((r) => head.map((_, j) => cellText(r[j])));
  const natural = head.map((h, j) => Math.max(h.length, ...cells.map((r) => longestLine(r[j]))));
  const widths = fitWidths(natural, head, width, cells);
  const numeric = head.map(
    (_, j) => cells.length > 0 && cells.every((r) => r[j] === '' || NUMERIC.test(r[j])),
  );
  const lines: string[] = [];
  const emit = (row: string[], isHead = false): void => {
    const wrapped = row.map((c, j) => wrapCell(isHead ? headerBreaks(c) : c, widths[j]));
    const height = Math.max(1, ...wrapped.map((w) => w.length));
    for (let k = 0; k < height; k++)
      lines.push(
        wrapped
          .map((w, j) => {
            const t = w[k] ?? '';
            return numeric[j] ? t.padStart(widths[j]) : t.padEnd(widths[j]);
          })
          .join(GAP)
          .trimEnd(),
      );
  };
  emit(head, true);
  lines.push(widths.map((w) => '-'.repeat(w)).join(GAP));
  for (const r of cells) emit(r);
  return lines.join('\n');
}

function cellText(c: string | number | undefined): string {
  if (c === undefined) return '';
  return typeof c === 'number' ? fmt(c) : c;
}

/** A header id may wrap after its underscores (tariff_US_on_CN_pct): marked with a zero-width space. */
const BREAK = '\u200b';
function headerBreaks(h: string): string {
  return h.replace(/_(?=[^_\s])/g, `_${BREAK}`);
}

/** A date (2025-06-11) or a number: one token that is never broken across lines. */
const ATOM = /^(\d{4}-\d{2}-\d{2}|[-+]?[$]?\d[\d,]*(\.\d+)?(%| tn| bn| m| k)?)$/;

function longestLine(s: string): number {
  return Math.max(0, ...s.split('\n').map((l) => l.length));
}

/**
 * Column widths whose sum (with gaps) fits `width`. Columns of text (cells with spaces) are
 * narrowed and wrapped first, to a common cap on the widest; columns of single words (ids, dates,
 * codes) keep their width unless the text columns cannot make room, and then they are capped too.
 * No column gets narrower than its header's longest word or 6 characters; a column of dates or
 * numbers not narrower than its widest cell (its header wraps instead).
 */
function fitWidths(natural: number[], head: string[], width: number, cells: string[][]): number[] {
  const gaps = GAP.length * (natural.length - 1);
  const total = (ws: number[]) => ws.reduce((a, b) => a + b, 0) + gaps;
  if (total(natural) <= width) return natural;
  const longestWord = (t: string) => Math.max(0, ...t.split(/[ \n\u200b]/).map((w) => w.length));
  // columns of dates and numbers keep their width (a date split as "2025-06-1" / "1" misreads)
  const atoms = head.map((_, j) => cells.length > 0 && cells.every((r) => r[j] === '' || ATOM.test(r[j])));
  // an atom column may still wrap its header ("output USD" / "bn/wk") down to its widest cell
  const least = head.map((h, j) =>
    atoms[j]
      ? Math.max(longestWord(headerBreaks(h)), ...cells.map((r) => longestLine(r[j])))
      : Math.min(natural[j], Math.max(6, longestWord(headerBreaks(h)))),
  );
  // text columns wrap between words: not narrower than their longest word (up to 24 characters)
  const words = head.map((_, j) =>
    Math.min(
      natural[j],
      Math.max(least[j], Math.min(24, Math.max(0, ...cells.map((r) => longestWord(r[j]))))),
    ),
  );
  const text = head.map((_, j) => cells.some((r) => r[j].includes(' ')));
  const search = (which: (j: number) => boolean, floor: number[]): number[] | null => {
    for (let cap = Math.max(...natural); cap >= 0; cap--) {
      const ws = natural.map((w, j) => (which(j) ? Math.max(floor[j], Math.min(w, cap)) : w));
      if (total(ws) <= width) return ws;
    }
    return null;
  };
  return (
    search((j) => text[j], words) ??
    search(() => true, words) ??
    search(() => true, least) ??
    // nothing fits even at the floors: the floors (lines longer than the terminal, but readable)
    least
  );
}

/**
 * Prose for a terminal: every line longer than `width` wrapped at spaces, its continuation lines
 * indented two more than the line itself. Tables (already fitted) pass unchanged.
 */
export function fitText(text: string, width: number): string {
  if (!Number.isFinite(width)) return text;
  return text
    .split('\n')
    .flatMap((line) => {
      if (line.length <= width) return [line];
      const indent = /^ */.exec(line)![0];
      const body = wrapCell(line.slice(indent.length), width - indent.length - 2);
      return body.map((l, i) => (i === 0 ? indent : indent + '  ') + l);
    })
    .join('\n');
}

/** A cell's text as lines of at most `w` characters, broken at spaces where possible. */
export function wrapCell(text: string, width: number): string[] {
  const w = Math.max(1, width);
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    // a word may hold zero-width break points (headerBreaks): its pieces join without a space
    const pieces = para.split(' ').flatMap((w) => w.split(BREAK).map((p, i) => ({ p, glued: i > 0 })));
    for (const piece of pieces) {
      let word = piece.p;
      const sep = piece.glued ? '' : ' ';
      while (word.length > w) {
        // a word longer than the column (a URL, a long id): fill the line, break the word
        const room = line ? w - line.length - sep.length : w;
        if (room < 4 && line) {
          out.push(line);
          line = '';
          continue;
        }
        out.push((line ? line + sep : '') + word.slice(0, room));
        line = '';
        word = word.slice(room);
      }
      if (!line) line = word;
      else if (line.length + sep.length + word.length <= w) line += sep + word;
      else {
        out.push(line);
        line = word;
      }
    }
    out.push(line);
  }
  return out;
}

/** Numbers for humans: up to 2 decimals, no trailing zeros. */
export function fmt(x: number, digits = 2): string {
  if (!Number.isFinite(x)) return String(x);
  return Number(x.toFixed(digits)).toString();
}

/**
 * Three significant figures in plain decimals (0.000123, 4.56, 7890), never E-notation; below
 * 10^-12 of whatever unit, "~0".
 */
export function sig(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a === 0) return '0';
  if (a < 1e-12) return '~0';
  const magnitude = Math.floor(Math.log10(a));
  const text = x.toFixed(Math.min(14, Math.max(0, 2 - magnitude)));
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** A percentage given in percent: "42.7%". */
export function pct(x: number, digits = 1): string {
  return `${fmt(x, digits)}%`;
}

/** A share in [0, 1] as a percentage: 0.427 -> "42.7%". */
export function share(x: number, digits = 1): string {
  return `${fmt(100 * x, digits)}%`;
}
