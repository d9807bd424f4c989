// Readers for multi-regional input-output tables:
//  - pymrio's text folder format (Z.txt, Y.txt, <extension>/F.txt, tab-separated, header rows
//    for the column levels and index columns for region/sector, as pymrio's save_all writes them);
//  - the plain CSV layout (rows.csv, y_columns.csv, [wiot_YYYY/]Z.csv[.gz], Y.csv[.gz], x.csv).
// Numbers are parsed by hand over the decompressed bytes (WIOD: 2 M cells in ~50 ms).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { DATA_DIR, DEFAULT_MRIO_DIR } from './paths.ts';
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import {
  indexArray,
  MrioInputError,
  type Csr,
  type IndexArray,
  type FactorAccount,
  type FinalDemandLabel,
  type ImportRow,
  type IOSystem,
  type SectorLabel,
} from '../supply/index.ts';
import { parseCsvSync as parseCsv } from './lazy-libs.ts';

const gunzipAsync = promisify(gunzip);

export const WIOD_CITATION =
  'Timmer, M. P., Dietzenbacher, E., Los, B., Stehrer, R. and de Vries, G. J. (2015), "An Illustrated User Guide to the World Input-Output Database: the Case of Global Automotive Production", Review of International Economics 23: 575-605.';

/** The shipped default table: WIOD 2013 release, world table 2011 (41 regions x 35 industries). */
export { DEFAULT_MRIO_DIR };
export const DEFAULT_TRADE_DIR = join(DATA_DIR, 'trade');

export type MrioFormat = 'pymrio-text' | 'csv';

export interface ReadMrioOptions {
  /** For a folder holding several wiot_YYYY tables. Default: the latest. */
  year?: number;
}

async function readMaybeGz(file: string): Promise<Buffer> {
  const raw = await readFile(file);
  if (!file.endsWith('.gz')) return raw;
  try {
    return await gunzipAsync(raw);
  } catch (err) {
    // zlib's own errors ("unexpected end of file") name neither the file nor the fault
    throw new MrioInputError(
      `${file}: not a complete gzip file (${(err as Error).message}); download it again`,
    );
  }
}

const isDir = (p: string) => existsSync(p) && statSync(p).isDirectory();

/** Which layout a folder holds, or an error naming what was looked for. */
export function detectMrioFormat(dir: string): { format: MrioFormat; tableDir: string; year?: number } {
  if (!isDir(dir)) throw new MrioInputError(`--mrio ${dir}: not a directory`);
  if (existsSync(join(dir, 'Z.txt'))) return { format: 'pymrio-text', tableDir: dir };
  if (existsSync(join(dir, 'Z.csv')) || existsSync(join(dir, 'Z.csv.gz')))
    return { format: 'csv', tableDir: dir };
  const years = readdirSync(dir)
    .map((d) => /^wiot_(\d{4})$/.exec(d))
    .filter((m): m is RegExpExecArray => m !== null && isDir(join(dir, m[0])))
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
  if (years.length > 0) return { format: 'csv', tableDir: dir, year: years[years.length - 1] };
  throw new MrioInputError(
    `${dir}: no IO table found (expected Z.txt for pymrio's text format, Z.csv[.gz] for the CSV layout, or wiot_YYYY/ folders)`,
  );
}

/** Read a table in either layout (detected). */
export async function readMrio(
  dir: string,
  opts: ReadMrioOptions = {},
): Promise<IOSystem & { format: MrioFormat }> {
  const d = detectMrioFormat(dir);
  if (d.format === 'pymrio-text') return { ...(await readPymrioText(dir)), format: d.format };
  if (d.year !== undefined || opts.year !== undefined) {
    const year = opts.year ?? d.year;
    const sub = join(dir, `wiot_${year}`);
    if (!isDir(sub)) throw new MrioInputError(`${dir}: no table for year ${year} (no folder wiot_${year})`);
    return { ...(await readCsvMrio(sub)), format: d.format };
  }
  return { ...(await readCsvMrio(dir)), format: d.format };
}

// ---------------------------------------------------------------------------------------------
// Hand-written numeric scanner

interface ScanLine {
  lineNo: number;
  labels: string[];
  values: Float64Array;
  count: number;
}

const CR = 13;
const LF = 10;

/**
 * Scan delimited lines of `buf` from byte `offset`: the first `indexCols` fields are labels, the
 * rest numbers. Calls `onLine` per non-empty line with a reused values buffer. Bad numbers are
 * errors naming file, line and column.
 */
function scanNumeric(
  buf: Buffer,
  file: string,
  sep: number,
  offset: number,
  firstLineNo: number,
  indexCols: number,
  width: number,
  onLine: (l: ScanLine) => void,
): void {
  const values = new Float64Array(Math.max(width, 1));
  const line: ScanLine = { lineNo: firstLineNo, labels: [], values, count: 0 };
  let pos = offset;
  const len = buf.length;
  while (pos < len) {
    let end = buf.indexOf(LF, pos);
    if (end < 0) end = len;
    let stop = end;
    if (stop > pos && buf[stop - 1] === CR) stop--;
    if (stop > pos) {
      line.labels = [];
      line.count = 0;
      let f = pos;
      let field = 0;
      while (f <= stop) {
        let e = buf.indexOf(sep, f);
        if (e < 0 || e > stop) e = stop;
        if (field < indexCols) {
          line.labels.push(unquote(buf.toString('utf8', f, e)));
        } else {
          if (line.count >= values.length)
            throw new MrioInputError(
              `${file} line ${line.lineNo}: more than ${values.length} numeric columns (expected ${values.length})`,
            );
          values[line.count++] = parseNumber(buf, f, e, file, line.lineNo, field + 1);
        }
        field++;
        f = e + 1;
        if (e === stop) break;
      }
      onLine(line);
    }
    line.lineNo++;
    pos = end + 1;
  }
}

function unquote(s: string): string {
  return s.length >= 2 && s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1).replace(/""/g, '"') : s;
}

function parseNumber(buf: Buffer, s: number, e: number, file: string, lineNo: number, col: number): number {
  while (s < e && buf[s] === 32) s++;
  while (e > s && buf[e - 1] === 32) e--;
  let i = s;
  let neg = false;
  if (i < e && (buf[i] === 45 || buf[i] === 43)) {
    neg = buf[i] === 45;
    i++;
  }
  let v = 0;
  let digits = 0;
  for (; i < e; i++) {
    const c = buf[i] - 48;
    if (c < 0 || c > 9) break;
    v = v * 10 + c;
    digits++;
  }
  if (i === e && digits > 0 && digits <= 15) return neg ? -v : v;
  // decimals, exponents or long integers: exact conversion by the engine
  const text = buf.toString('latin1', s, e);
  const x = text === '' ? NaN : Number(text);
  if (!Number.isFinite(x))
    throw new MrioInputError(
      `${file} line ${lineNo}, column ${col}: expected a number, got ${JSON.stringify(text)}`,
    );
  return x;
}

/** Split the first `count` lines of a buffer (header rows), returning them and the offset after. */
function headLines(buf: Buffer, count: number): { lines: string[]; offset: number } {
  const lines: string[] = [];
  let pos = 0;
  while (lines.length < count && pos < buf.length) {
    let end = buf.indexOf(LF, pos);
    if (end < 0) end = buf.length;
    lines.push(buf.toString('utf8', pos, end).replace(/\r$/, ''));
    pos = end + 1;
  }
  return { lines, offset: pos };
}

/** Grows CSR arrays row by row, keeping only nonzeros. */
class CsrBuilder {
  private colIdx: IndexArray;
  private values: Float64Array;
  private nnz = 0;
  readonly rowPtr: number[] = [0];
  constructor(
    private readonly cols: number,
    capacity: number,
  ) {
    this.colIdx = indexArray(Math.max(16, capacity), cols);
    this.values = new Float64Array(this.colIdx.length);
  }
  /** Append the nonzeros of one dense row. */
  addRow(vals: Float64Array, count: number): void {
    for (let j = 0; j < count; j++) {
      const a = vals[j];
      if (a === 0) continue;
      if (this.nnz === this.values.length) {
        const c2 = indexArray(this.values.length * 2, this.cols);
        c2.set(this.colIdx);
        this.colIdx = c2;
        const v2 = new Float64Array(c2.length);
        v2.set(this.values);
        this.values = v2;
      }
      this.colIdx[this.nnz] = j;
      this.values[this.nnz++] = a;
    }
    this.rowPtr.push(this.nnz);
  }
  build(rows: number): Csr {
    return {
      rows,
      cols: this.cols,
      rowPtr: Int32Array.from(this.rowPtr),
      colIdx: this.colIdx.slice(0, this.nnz),
      values: this.values.slice(0, this.nnz),
    };
  }
}

// ---------------------------------------------------------------------------------------------
// pymrio text format

interface PymrioTable {
  file: string;
  rowLabels: string[][];
  colLabels: string[][];
  data: Float64Array;
  rows: number;
  cols: number;
}

async function fileParams(
  dir: string,
): Promise<Record<string, { name: string; nr_index_col: number; nr_header: number }>> {
  const p = join(dir, 'file_parameters.json');
  if (!existsSync(p)) return {};
  let j: unknown;
  try {
    j = JSON.parse(await readFile(p, 'utf8'));
  } catch (e) {
    throw new MrioInputError(`${p}: not valid JSON (${(e as Error).message})`);
  }
  const files =
    (
      j as {
        files?: Record<
          string,
          { name?: string; nr_index_col?: string | number; nr_header?: string | number }
        >;
      }
    ).files ?? {};
  const out: Record<string, { name: string; nr_index_col: number; nr_header: number }> = {};
  for (const [k, v] of Object.entries(files))
    out[k] = {
      name: v.name ?? `${k}.txt`,
      nr_index_col: Number(v.nr_index_col ?? 2),
      nr_header: Number(v.nr_header ?? 2),
    };
  return out;
}

/** Read one pymrio text table (tab-separated, `header` column-label rows, `indexCols` label columns). */
async function readPymrioTable(
  file: string,
  indexCols: number,
  header: number,
  onRow?: (labels: string[], vals: Float64Array, count: number, rowIdx: number) => void,
): Promise<PymrioTable> {
  if (!existsSync(file)) throw new MrioInputError(`${file}: file not found`);
  const buf = await readFile(file);
  const { lines, offset: afterHeader } = headLines(buf, header + 1);
  if (lines.length < header)
    throw new MrioInputError(`${file}: expected ${header} header rows, found ${lines.length}`);
  const headerFields = lines.slice(0, header).map((l) => l.split('\t'));
  const cols = headerFields[0].length - indexCols;
  headerFields.forEach((h, r) => {
    if (h.length - indexCols !== cols)
      throw new MrioInputError(
        `${file}: header row ${r + 1} has ${h.length - indexCols} column labels, header row 1 has ${cols}`,
      );
  });
  const colLabels = Array.from({ length: cols }, (_, c) => headerFields.map((h) => h[indexCols + c]));
  // pandas writes an index-name row ("region\tsector\t\t...") after the column headers
  let offset = afterHeader;
  let firstLine = header + 2;
  const maybeNames = lines[header];
  if (
    maybeNames === undefined ||
    !maybeNames
      .split('\t')
      .slice(indexCols)
      .every((f) => f === '')
  ) {
    offset = headLines(buf, header).offset;
    firstLine = header + 1;
  }
  const rowLabels: string[][] = [];
  const chunks: Float64Array[] = [];
  scanNumeric(buf, file, 9, offset, firstLine, indexCols, cols, (l) => {
    if (l.labels.length < indexCols)
      throw new MrioInputError(
        `${file} line ${l.lineNo}: expected ${indexCols} label columns, got ${l.labels.length}`,
      );
    if (l.count !== cols)
      throw new MrioInputError(
        `${file} line ${l.lineNo} (${l.labels.join('/')}): ${l.count} values, expected ${cols} (one per column label)`,
      );
    rowLabels.push(l.labels.slice());
    if (onRow) onRow(l.labels, l.values, l.count, rowLabels.length - 1);
    else chunks.push(l.values.slice(0, cols));
  });
  const data = new Float64Array(onRow ? 0 : rowLabels.length * cols);
  chunks.forEach((c, i) => data.set(c, i * cols));
  return { file, rowLabels, colLabels, data, rows: rowLabels.length, cols };
}

const key = (parts: string[]) => parts.join('/');

function checkSameLabels(what: string, got: string[][], expected: SectorLabel[], file: string): void {
  if (got.length !== expected.length)
    throw new MrioInputError(
      `${file}: ${got.length} ${what}, expected ${expected.length} (one per row of Z)`,
    );
  for (let i = 0; i < got.length; i++) {
    const e = `${expected[i].region}/${expected[i].sector}`;
    if (key(got[i]) !== e)
      throw new MrioInputError(
        `${file}: ${what.replace(/s$/, '')} ${i + 1} is ${key(got[i])}, but row ${i + 1} of Z is ${e} (labels do not match)`,
      );
  }
}

/** Read a folder written by pymrio's `save_all` (IOSystem with extensions). */
export async function readPymrioText(dir: string): Promise<IOSystem> {
  const params = await fileParams(dir);
  const zp = params.Z ?? { name: 'Z.txt', nr_index_col: 2, nr_header: 2 };
  const zfile = join(dir, zp.name);
  // Z straight into CSR (column count known only after the header: 32-bit indices)
  const zb = new CsrBuilder(1 << 20, 1024);
  const Zt = await readPymrioTable(zfile, zp.nr_index_col, zp.nr_header, (_l, vals, count) =>
    zb.addRow(vals, count),
  );
  if (Zt.rows !== Zt.cols)
    throw new MrioInputError(`${zfile}: Z must be square, got ${Zt.rows} rows x ${Zt.cols} columns`);
  const labels: SectorLabel[] = Zt.rowLabels.map((r) => ({
    region: r[0],
    sector: r.slice(1).join('/') || r[0],
  }));
  checkSameLabels('column labels', Zt.colLabels, labels, zfile);
  const Z: Csr = { ...zb.build(Zt.rows), cols: Zt.cols };

  const yp = params.Y ?? { name: 'Y.txt', nr_index_col: 2, nr_header: 2 };
  const Yt = await readPymrioTable(join(dir, yp.name), yp.nr_index_col, yp.nr_header);
  checkSameLabels('row labels', Yt.rowLabels, labels, Yt.file);
  const yLabels: FinalDemandLabel[] = Yt.colLabels.map((c) => ({
    region: c[0],
    category: c.slice(1).join('/'),
  }));

  let unit = 'unknown';
  const up = join(dir, params.unit?.name ?? 'unit.txt');
  if (existsSync(up)) {
    const l = (await readFile(up, 'utf8')).split(/\r?\n/)[1];
    if (l) unit = l.split('\t').slice(-1)[0] || unit;
  }

  const factors: FactorAccount[] = [];
  for (const ext of readdirSync(dir).sort()) {
    const ed = join(dir, ext);
    if (!isDir(ed)) continue;
    const ep = await fileParams(ed);
    const fp =
      ep.F ?? (existsSync(join(ed, 'F.txt')) ? { name: 'F.txt', nr_index_col: 1, nr_header: 2 } : undefined);
    if (!fp) continue;
    const Ft = await readPymrioTable(join(ed, fp.name), fp.nr_index_col, fp.nr_header);
    checkSameLabels('column labels', Ft.colLabels, labels, Ft.file);
    let units: string[] | undefined;
    const uf = join(ed, ep.unit?.name ?? 'unit.txt');
    if (existsSync(uf)) {
      const ul = (await readFile(uf, 'utf8'))
        .split(/\r?\n/)
        .slice(1)
        .filter((s) => s !== '');
      const m = new Map(ul.map((s) => s.split('\t') as [string, string]));
      units = Ft.rowLabels.map((r) => m.get(r.join('\t')) ?? m.get(r[0]) ?? '');
    }
    factors.push({
      name: ext,
      rows: Ft.rowLabels.map((r) => r.join('/')),
      ...(units ? { units } : {}),
      F: Ft.data,
    });
  }
  let name = basename(resolve(dir));
  const meta = join(dir, 'metadata.json');
  if (existsSync(meta)) {
    try {
      const j = JSON.parse(await readFile(meta, 'utf8')) as { name?: string };
      if (j.name) name = j.name;
    } catch {
      /* metadata is optional */
    }
  }
  return { name, unit, labels, Z, Y: Yt.data, yLabels, factors, source: `pymrio text folder ${dir}` };
}

// ---------------------------------------------------------------------------------------------
// Plain CSV layout

function findUp(dir: string, file: string): string | undefined {
  for (const d of [dir, dirname(dir)]) if (existsSync(join(d, file))) return join(d, file);
  return undefined;
}

function readLabelCsv(file: string, text: string, cols: string[]): Record<string, string>[] {
  let recs: Record<string, string>[];
  try {
    recs = parseCsv(text, { columns: true, skip_empty_lines: true, cast: false }) as Record<string, string>[];
  } catch (e) {
    throw new MrioInputError(`${file}: ${(e as Error).message}`);
  }
  for (const c of cols)
    if (recs.length > 0 && !(c in recs[0]))
      throw new MrioInputError(
        `${file}: missing column ${JSON.stringify(c)} (have ${Object.keys(recs[0]).join(', ')})`,
      );
  return recs;
}

/**
 * Read the CSV layout: Z.csv[.gz] (n lines x n numbers, no header), Y.csv[.gz] (n x k), optional
 * x.csv (header + n numbers, the published output), labels from rows.csv
 * (index,country,industry[,industry_name]) and y_columns.csv (index,country,category) in the
 * folder or its parent.
 */
export async function readCsvMrio(dir: string): Promise<IOSystem> {
  const rowsFile = findUp(dir, 'rows.csv');
  const ycolFile = findUp(dir, 'y_columns.csv');
  if (!rowsFile)
    throw new MrioInputError(
      `${dir}: rows.csv (index,country,industry) not found here or in the parent folder`,
    );
  if (!ycolFile)
    throw new MrioInputError(
      `${dir}: y_columns.csv (index,country,category) not found here or in the parent folder`,
    );
  const rows = readLabelCsv(rowsFile, await readFile(rowsFile, 'utf8'), ['country', 'industry']);
  const labels: SectorLabel[] = rows.map((r) => ({
    region: r.country,
    sector: r.industry,
    ...(r.industry_name ? { name: r.industry_name } : {}),
  }));
  const yrows = readLabelCsv(ycolFile, await readFile(ycolFile, 'utf8'), ['country', 'category']);
  const yLabels: FinalDemandLabel[] = yrows.map((r) => ({ region: r.country, category: r.category }));
  const n = labels.length;
  const k = yLabels.length;
  const zfile = existsSync(join(dir, 'Z.csv.gz')) ? join(dir, 'Z.csv.gz') : join(dir, 'Z.csv');
  const yfile = existsSync(join(dir, 'Y.csv.gz')) ? join(dir, 'Y.csv.gz') : join(dir, 'Y.csv');
  if (!existsSync(zfile)) throw new MrioInputError(`${dir}: Z.csv or Z.csv.gz not found`);
  if (!existsSync(yfile)) throw new MrioInputError(`${dir}: Y.csv or Y.csv.gz not found`);
  const [zbuf, ybuf] = await Promise.all([readMaybeGz(zfile), readMaybeGz(yfile)]);

  // Z: n x n into CSR; the width is checked line by line
  const zb = new CsrBuilder(n, Math.ceil(n * n * 0.25));
  let zr = 0;
  scanNumeric(zbuf, zfile, 44, 0, 1, 0, Math.max(n, 1), (l) => {
    if (zr >= n) throw new MrioInputError(`${zfile}: more than ${n} rows (rows.csv lists ${n} sectors)`);
    if (l.count !== n)
      throw new MrioInputError(
        `${zfile} line ${l.lineNo}: ${l.count} values, expected ${n} (Z must be square, one column per row of rows.csv)`,
      );
    zb.addRow(l.values, n);
    zr++;
  });
  if (zr !== n) throw new MrioInputError(`${zfile}: ${zr} rows, expected ${n} (rows.csv lists ${n} sectors)`);
  const Y = new Float64Array(n * k);
  let yr = 0;
  scanNumeric(ybuf, yfile, 44, 0, 1, 0, Math.max(k, 1), (l) => {
    if (yr >= n) throw new MrioInputError(`${yfile}: more than ${n} rows (rows.csv lists ${n} sectors)`);
    if (l.count !== k)
      throw new MrioInputError(
        `${yfile} line ${l.lineNo}: ${l.count} values, expected ${k} (one per row of y_columns.csv)`,
      );
    Y.set(l.values.subarray(0, k), yr * k);
    yr++;
  });
  if (yr !== n) throw new MrioInputError(`${yfile}: ${yr} rows, expected ${n}`);
  let xPublished: Float64Array | undefined;
  const xfile = join(dir, 'x.csv');
  if (existsSync(xfile)) {
    const xb = await readFile(xfile);
    const { offset } = headLines(xb, 1);
    const xs: number[] = [];
    scanNumeric(xb, xfile, 44, offset, 2, 0, 1, (l) => xs.push(l.values[0]));
    if (xs.length !== n) throw new MrioInputError(`${xfile}: ${xs.length} values, expected ${n}`);
    xPublished = Float64Array.from(xs);
  }
  const isWiod = /wiod/i.test(dir) || /wiod/i.test(rowsFile);
  const year = /wiot_(\d{4})/.exec(dir)?.[1];
  return {
    name: isWiod
      ? `WIOD 2013 release, world input-output table ${year ?? ''}`.trim()
      : basename(resolve(dir)),
    unit: isWiod ? 'million USD (current prices, basic prices)' : 'unknown',
    labels,
    Z: zb.build(n),
    Y,
    yLabels,
    ...(xPublished ? { xPublished } : {}),
    source: `CSV layout ${dir}`,
    ...(isWiod ? { citation: WIOD_CITATION } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Trade files for the chokepoint bridge

/** us_imports_2024_*_hs6_by_partner.csv: hs6, partner_iso3, imports_usd (codes kept as strings). */
export async function readImportsByPartner(file: string): Promise<ImportRow[]> {
  return readTradeCsv(file, 'hs6', 'partner_iso3');
}

/** us_imports_from_china_2024_hs10.csv: hs10, imports_usd. Partner is CHN. */
export async function readChinaImportsHs(file: string): Promise<ImportRow[]> {
  return readTradeCsv(file, 'hs10', undefined);
}

async function readTradeCsv(
  file: string,
  hsCol: string,
  partnerCol: string | undefined,
): Promise<ImportRow[]> {
  if (!existsSync(file)) throw new MrioInputError(`${file}: file not found`);
  const recs = readLabelCsv(file, await readFile(file, 'utf8'), [
    hsCol,
    'imports_usd',
    ...(partnerCol ? [partnerCol] : []),
  ]);
  return recs.map((r, i) => {
    const v = Number(r.imports_usd);
    if (r.imports_usd === '' || !Number.isFinite(v))
      throw new MrioInputError(
        `${file} row ${i + 2}: imports_usd ${JSON.stringify(r.imports_usd)} is not a number`,
      );
    if (!/^\d+$/.test(r[hsCol]))
      throw new MrioInputError(
        `${file} row ${i + 2}: ${hsCol} ${JSON.stringify(r[hsCol])} is not an HS code`,
      );
    return { hs: r[hsCol], partner: partnerCol ? r[partnerCol] : 'CHN', valueUsd: v };
  });
}
