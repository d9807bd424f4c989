// Readers for trade-flow tables: a generic flow CSV, UN Comtrade's bulk layouts (Comtrade+ and the
// legacy "Trade Value (US$)" layout), and the Census-derived tables shipped in data/trade/.
// Every problem is either an error naming file, line, column, expected and got, or a warning with
// counts kept in the table. Nothing is dropped silently.
import { LeverageError } from '../errors/index.ts';
import { InputFileError, readTextFile } from './text-file.ts';
import { cachedParse } from './parse-cache.ts';
import { fileURLToPath } from 'node:url';
import { basename } from 'node:path';
import { forEachCsvRecord, CsvSyntaxError } from './csv.ts';
import {
  normalizeHs,
  normalizeVintage,
  canonicalPartner,
  isKnownPartner,
  nestedCodeRows,
} from '../trade/index.ts';
import type { FlowRow, FlowTable, FlowWarning, FlowDirection } from '../trade/index.ts';

/** A flow file that cannot be used as it is. The message names file, line, column, expected and got. */
export class FlowFileError extends LeverageError {
  constructor(message: string) {
    super('input', 'bad_flow_file', message);
    this.name = 'FlowFileError';
  }
}

/** Directory of the shipped trade data (data/trade/ at the repository root). */
export const TRADE_DATA_DIR = fileURLToPath(new URL('../../data/trade/', import.meta.url));

interface CsvGrid {
  header: string[];
  /** The data records (after the header) with their line numbers, read on demand. */
  each(onRecord: (fields: string[], line: number) => void): void;
}

/** A flow file's text: refused like any input when it is not UTF-8 text (UTF-16, NUL bytes, Latin-1) or too large. */
function readText(path: string): string {
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

/** Collects counted warnings with the first few lines of each kind. */
class Warnings {
  private readonly map = new Map<string, FlowWarning>();
  add(code: string, message: string, line: number, value: number): void {
    let w = this.map.get(code);
    if (!w) this.map.set(code, (w = { code, message, count: 0, value_usd: 0, lines: [] }));
    w.count++;
    w.value_usd += Number.isFinite(value) ? value : 0;
    if (w.lines.length < 5) w.lines.push(line);
  }
  list(): FlowWarning[] {
    return [...this.map.values()];
  }
}

/** Collects row errors; throws one error listing the first few and the total count. */
class Errors {
  readonly items: string[] = [];
  count = 0;
  add(msg: string): void {
    this.count++;
    if (this.items.length < 8) this.items.push(msg);
  }
  throwIfAny(source: string): void {
    if (this.count === 0) return;
    const more = this.count > this.items.length ? `\n  ... and ${this.count - this.items.length} more` : '';
    throw new FlowFileError(`${source}: ${this.count} bad row(s):\n  ${this.items.join('\n  ')}${more}`);
  }
}

function findColumn(header: string[], names: string[]): number {
  const norm = header.map((h) => h.trim().toLowerCase());
  for (const n of names) {
    const i = norm.indexOf(n.toLowerCase());
    if (i >= 0) return i;
  }
  return -1;
}

const NUM = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Strict number: "", "n/a", "1,000" are rejected (the caller decides whether empty is allowed). */
function parseNumber(raw: string): number {
  return NUM.test(raw) ? Number(raw) : NaN;
}

export interface FlowReadOptions {
  /** HS vintage to assume when the file has no classification column (e.g. "HS2022"). */
  classification?: string;
  /** Flow direction when the file has no flow column. Default "import". */
  flow?: FlowDirection;
}

/** Canonical partner/reporter codes, unknown codes warned (kept), then the row is added. */
function pushRow(
  rows: FlowRow[],
  warnings: Warnings,
  r: Omit<FlowRow, 'reporter' | 'partner'> & { reporterRaw: string; partnerRaw: string },
): void {
  const partner = canonicalPartner(r.partnerRaw);
  const reporter = canonicalPartner(r.reporterRaw);
  if (!isKnownPartner(partner))
    warnings.add('unknown_partner', 'partner code not ISO 3166 or a known aggregate', r.line, r.value_usd);
  if (!isKnownPartner(reporter))
    warnings.add('unknown_reporter', 'reporter code not ISO 3166 or a known aggregate', r.line, r.value_usd);
  const { reporterRaw: _r, partnerRaw: _p, ...rest } = r;
  rows.push({ reporter, partner, ...rest });
}

/** The one HS vintage of a file, or an error with counts per vintage when rows mix them. */
function singleVintage(
  source: string,
  vintages: Map<string, { count: number; first: number }>,
  fallback: string | null,
): string | null {
  if (vintages.size > 1) {
    const parts = [...vintages]
      .map(([v, e]) => `${v}: ${e.count} rows (first at line ${e.first})`)
      .join('; ');
    throw new FlowFileError(
      `${source}: column classification: mixed HS vintages (${parts}); codes of different vintages cannot be ` +
        `summed line by line. Split the file by vintage and map each with matchHsVintage.`,
    );
  }
  return vintages.size === 1 ? [...vintages.keys()][0] : fallback;
}

const GENERIC_COLUMNS = {
  reporter: ['reporter', 'reporter_iso', 'reporteriso', 'importer'],
  partner: ['partner', 'partner_iso', 'partneriso', 'exporter'],
  product: ['product', 'hs', 'hs_code', 'hscode', 'commodity_code', 'cmdcode'],
  year: ['year', 'refyear'],
  value_usd: ['value_usd', 'value', 'trade_value_usd'],
  quantity: ['quantity', 'qty'],
  duties_usd: ['duties_usd', 'duty_usd', 'calculated_duty_usd'],
  classification: ['classification', 'hs_vintage', 'nomenclature'],
  flow: ['flow', 'flow_direction'],
};

/**
 * Generic flow table: header `reporter,partner,product,year,value_usd[,quantity][,duties_usd]
 * [,classification][,flow]` (aliases accepted, case-insensitive). Product codes at any HS depth.
 */
export function parseFlowCsv(text: string, source: string, opts: FlowReadOptions = {}): FlowTable {
  const g = parseCsvGrid(text, source);
  const col: Record<string, number> = {};
  for (const [k, names] of Object.entries(GENERIC_COLUMNS)) col[k] = findColumn(g.header, names);
  const required = ['reporter', 'partner', 'product', 'year', 'value_usd'];
  const missing = required.filter((k) => col[k] < 0);
  if (missing.length > 0) {
    throw new FlowFileError(
      `${source}: line 1 (header): missing column(s) ${missing.map((m) => `'${m}'`).join(', ')}; ` +
        `expected reporter,partner,product,year,value_usd[,quantity][,duties_usd][,classification][,flow], ` +
        `got ${g.header.join(',')}`,
    );
  }
  const errors = new Errors();
  const warnings = new Warnings();
  const rows: FlowRow[] = [];
  const vintages = new Map<string, { count: number; first: number }>();
  let defaultVintage: string | null = null;
  if (opts.classification) {
    defaultVintage = normalizeVintage(opts.classification);
    if (!defaultVintage)
      throw new FlowFileError(`classification: expected e.g. HS2017 or H5, got ${opts.classification}`);
  }
  g.each((rec, line) => {
    if (rec.length !== g.header.length) {
      errors.add(`line ${line}: expected ${g.header.length} fields (as in the header), got ${rec.length}`);
      return;
    }
    const reporterRaw = rec[col.reporter];
    const partnerRaw = rec[col.partner];
    const productRaw = rec[col.product];
    const product = normalizeHs(productRaw);
    if (!product) {
      errors.add(
        `line ${line}, column product: expected an HS code of 2-10 digits (even length), got "${productRaw}"`,
      );
      return;
    }
    const year = parseNumber(rec[col.year]);
    if (!Number.isInteger(year) || year < 1900 || year > 2100) {
      errors.add(`line ${line}, column year: expected a year 1900-2100, got "${rec[col.year]}"`);
      return;
    }
    const value = parseNumber(rec[col.value_usd]);
    if (!Number.isFinite(value)) {
      errors.add(`line ${line}, column value_usd: expected a number, got "${rec[col.value_usd]}"`);
      return;
    }
    if (value < 0) {
      errors.add(`line ${line}, column value_usd: expected a value >= 0, got ${rec[col.value_usd]}`);
      return;
    }
    let quantity: number | null = null;
    if (col.quantity >= 0 && rec[col.quantity] !== '') {
      quantity = parseNumber(rec[col.quantity]);
      if (!Number.isFinite(quantity) || quantity < 0) {
        errors.add(
          `line ${line}, column quantity: expected an empty cell or a number >= 0, got "${rec[col.quantity]}"`,
        );
        return;
      }
    }
    let duties: number | null = null;
    if (col.duties_usd >= 0 && rec[col.duties_usd] !== '') {
      duties = parseNumber(rec[col.duties_usd]);
      if (!Number.isFinite(duties) || duties < 0) {
        errors.add(
          `line ${line}, column duties_usd: expected an empty cell or a number >= 0, got "${rec[col.duties_usd]}"`,
        );
        return;
      }
    }
    let flow: FlowDirection = opts.flow ?? 'import';
    if (col.flow >= 0) {
      const f = rec[col.flow].toLowerCase();
      if (f === 'import' || f === 'm' || f === 'imports') flow = 'import';
      else if (f === 'export' || f === 'x' || f === 'exports') flow = 'export';
      else {
        errors.add(`line ${line}, column flow: expected import|export (or M|X), got "${rec[col.flow]}"`);
        return;
      }
    }
    if (col.classification >= 0) {
      const v = normalizeVintage(rec[col.classification]);
      if (!v) {
        errors.add(
          `line ${line}, column classification: expected an HS vintage (HS2017, H5, ...), got "${rec[col.classification]}"`,
        );
        return;
      }
      const e = vintages.get(v) ?? { count: 0, first: line };
      e.count++;
      vintages.set(v, e);
    }
    pushRow(rows, warnings, {
      reporterRaw,
      partnerRaw,
      product,
      year,
      flow,
      value_usd: value,
      quantity,
      duties_usd: duties,
      line,
    });
  });
  errors.throwIfAny(source);
  const classification = singleVintage(source, vintages, defaultVintage);
  return finish(source, 'generic', classification, rows, warnings, []);
}

function finish(
  source: string,
  layout: string,
  classification: string | null,
  rows: FlowRow[],
  warnings: Warnings,
  excluded: FlowTable['excluded'],
): FlowTable {
  // Each value is finite, but the table's totals must be too: every average and share divides by them.
  let totalValue = 0;
  let totalDuties = 0;
  for (const r of rows) {
    totalValue += r.value_usd;
    totalDuties += r.duties_usd ?? 0;
    // x 1e4: rate-weighted sums multiply values by percentages up to the thousands.
    if (!Number.isFinite(totalValue * 1e4) || !Number.isFinite(totalDuties * 1e4))
      throw new FlowFileError(
        `${source}: line ${r.line}, column ${Number.isFinite(totalValue * 1e4) ? 'duties_usd' : 'value_usd'}: the file's total passes ${(Number.MAX_VALUE / 1e4).toExponential(1)} USD here, too large to weight by tariff rates without overflow; values this large are not trade flows - check the units`,
      );
  }
  for (const r of nestedCodeRows(rows))
    warnings.add(
      'nested_codes',
      'row is an aggregate of other rows in the file (e.g. HS4 beside its HS6 lines); summing all rows double counts',
      r.line,
      r.value_usd,
    );
  // First line of each product per reporter/partner/year/flow: keyed by the rows' own product strings,
  // so no key string per row is built.
  const seen = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const k = `${r.reporter}|${r.partner}|${r.year}|${r.flow}`;
    let g = seen.get(k);
    if (!g) seen.set(k, (g = new Map()));
    const first = g.get(r.product);
    if (first !== undefined)
      warnings.add(
        'duplicate_key',
        `same reporter, partner, product, year and flow as line ${first}; values are kept and summed`,
        r.line,
        r.value_usd,
      );
    else g.set(r.product, r.line);
  }
  return { source, layout, classification, rows, warnings: warnings.list(), excluded };
}

/**
 * UN Comtrade bulk/API CSV (or tab-separated) files, both layouts:
 * - Comtrade+ (reporterISO, partnerISO, flowCode, classificationCode, cmdCode, refYear, primaryValue,
 *   qty, customsCode, motCode, partner2Code, isAggregate ...);
 * - legacy (Classification, Year, Trade Flow Code, Reporter ISO, Partner ISO, Commodity Code,
 *   Qty, Trade Value (US$)).
 * Breakdown rows (customs procedure, mode of transport, second partner not "total") and TOTAL/aggregate
 * commodity rows would double count and are excluded, with counts, from `rows`.
 */
export function parseComtradeCsv(text: string, source: string): FlowTable {
  const g = parseCsvGrid(text, source);
  const plus = findColumn(g.header, ['primaryValue']) >= 0;
  const c = plus
    ? {
        reporter: findColumn(g.header, ['reporterISO']),
        partner: findColumn(g.header, ['partnerISO']),
        product: findColumn(g.header, ['cmdCode']),
        year: findColumn(g.header, ['refYear']),
        value: findColumn(g.header, ['primaryValue']),
        qty: findColumn(g.header, ['qty']),
        flow: findColumn(g.header, ['flowCode']),
        cls: findColumn(g.header, ['classificationCode']),
        customs: findColumn(g.header, ['customsCode']),
        mot: findColumn(g.header, ['motCode']),
        partner2: findColumn(g.header, ['partner2Code']),
      }
    : {
        reporter: findColumn(g.header, ['Reporter ISO']),
        partner: findColumn(g.header, ['Partner ISO']),
        product: findColumn(g.header, ['Commodity Code']),
        year: findColumn(g.header, ['Year']),
        value: findColumn(g.header, ['Trade Value (US$)', 'TradeValueUS', 'Trade Value']),
        qty: findColumn(g.header, ['Qty']),
        flow: findColumn(g.header, ['Trade Flow Code', 'TradeFlow Code']),
        cls: findColumn(g.header, ['Classification']),
        customs: findColumn(g.header, ['Customs Proc. Code']),
        mot: findColumn(g.header, ['Mode of Transport Code']),
        partner2: findColumn(g.header, ['2nd Partner Code']),
      };
  const need = plus
    ? {
        reporter: 'reporterISO',
        partner: 'partnerISO',
        product: 'cmdCode',
        year: 'refYear',
        value: 'primaryValue',
        flow: 'flowCode',
      }
    : {
        reporter: 'Reporter ISO',
        partner: 'Partner ISO',
        product: 'Commodity Code',
        year: 'Year',
        value: 'Trade Value (US$)',
        flow: 'Trade Flow Code',
      };
  const missing = Object.entries(need)
    .filter(([k]) => c[k as keyof typeof c] < 0)
    .map(([, name]) => `'${name}'`);
  if (missing.length > 0)
    throw new FlowFileError(
      `${source}: line 1 (header): not a UN Comtrade ${plus ? 'Comtrade+' : 'legacy'} layout, missing ${missing.join(', ')}; got ${g.header.slice(0, 12).join(',')}${g.header.length > 12 ? ',...' : ''}`,
    );
  const errors = new Errors();
  const warnings = new Warnings();
  const excluded = new Map<string, { count: number; value_usd: number }>();
  const exclude = (reason: string, v: number) => {
    const e = excluded.get(reason) ?? { count: 0, value_usd: 0 };
    e.count++;
    e.value_usd += Number.isFinite(v) ? v : 0;
    excluded.set(reason, e);
  };
  const vintages = new Map<string, { count: number; first: number }>();
  const rows: FlowRow[] = [];
  const isTotalCode = (raw: string | undefined, totals: string[]) =>
    raw === undefined || raw === '' || totals.includes(raw);
  g.each((rec, line) => {
    if (rec.length < g.header.length) {
      errors.add(`line ${line}: expected ${g.header.length} fields, got ${rec.length}`);
      return;
    }
    const value = parseNumber(rec[c.value]);
    if (!Number.isFinite(value)) {
      errors.add(`line ${line}, column ${need.value}: expected a number, got "${rec[c.value]}"`);
      return;
    }
    if (value < 0) {
      errors.add(`line ${line}, column ${need.value}: expected a value >= 0, got ${rec[c.value]}`);
      return;
    }
    if (c.customs >= 0 && !isTotalCode(rec[c.customs], ['C00', '0']))
      exclude('customs-procedure breakdown (customsCode not C00)', value);
    else if (c.mot >= 0 && !isTotalCode(rec[c.mot], ['0', '-1']))
      exclude('mode-of-transport breakdown (motCode not 0)', value);
    else if (c.partner2 >= 0 && !isTotalCode(rec[c.partner2], ['0']))
      exclude('second-partner breakdown (partner2Code not 0)', value);
    else if (
      rec[c.product].toUpperCase() === 'TOTAL' ||
      rec[c.product].toUpperCase() === 'AG2' ||
      rec[c.product] === '999999'
    )
      exclude(`aggregate commodity code (${rec[c.product]})`, value);
    else {
      const product = normalizeHs(rec[c.product]);
      if (!product) {
        errors.add(
          `line ${line}, column ${need.product}: expected an HS code of 2-6 digits, got "${rec[c.product]}"`,
        );
        return;
      }
      const flowRaw = rec[c.flow].toUpperCase();
      let flow: FlowDirection;
      if (flowRaw === 'M' || flowRaw === '1') flow = 'import';
      else if (flowRaw === 'X' || flowRaw === '2') flow = 'export';
      else {
        exclude(`re-import/re-export or other flow (${rec[c.flow]})`, value);
        return;
      }
      const year = parseNumber(rec[c.year]);
      if (!Number.isInteger(year) || year < 1900 || year > 2100) {
        errors.add(`line ${line}, column ${need.year}: expected a year, got "${rec[c.year]}"`);
        return;
      }
      if (c.cls >= 0) {
        const v = normalizeVintage(rec[c.cls]);
        if (!v) {
          errors.add(`line ${line}, column classification: expected H0-H6 (HS vintage), got "${rec[c.cls]}"`);
          return;
        }
        const e = vintages.get(v) ?? { count: 0, first: line };
        e.count++;
        vintages.set(v, e);
      }
      let quantity: number | null = null;
      if (c.qty >= 0 && rec[c.qty] !== '') {
        const q = parseNumber(rec[c.qty]);
        quantity = Number.isFinite(q) && q >= 0 ? q : null;
        if (quantity === null)
          warnings.add('bad_quantity', 'quantity not a number >= 0; treated as missing', line, value);
      }
      pushRow(rows, warnings, {
        reporterRaw: rec[c.reporter],
        partnerRaw: rec[c.partner],
        product,
        year,
        flow,
        value_usd: value,
        quantity,
        duties_usd: null,
        line,
      });
    }
  });
  errors.throwIfAny(source);
  const classification = singleVintage(source, vintages, null);
  const ex = [...excluded].map(([reason, e]) => ({ reason, ...e }));
  return finish(source, plus ? 'comtrade+' : 'comtrade-legacy', classification, rows, warnings, ex);
}

/** Read a flow file: Comtrade layouts are recognised by their header; anything else is the generic layout. */
export function readFlowFile(path: string, opts: FlowReadOptions = {}): FlowTable {
  const text = readText(path);
  const first = text.slice(0, 2000);
  if (/primaryValue|Trade Value \(US\$\)|TradeValueUS/.test(first))
    return parseComtradeCsv(text, basename(path));
  return parseFlowCsv(text, basename(path), opts);
}

// ---------------------------------------------------------------------------------------------
// Shipped tables (data/trade/). Columns are checked by name; codes stay strings.

interface Table {
  file: string;
  header: string[];
  rows: string[][];
  lines: number[];
  col(name: string): number;
}

function loadShipped(file: string, required: string[], dir = TRADE_DATA_DIR): Table {
  const path = `${dir}${file}`;
  const g = parseCsvGrid(readText(path), file);
  const missing = required.filter((n) => !g.header.includes(n));
  if (missing.length > 0)
    throw new FlowFileError(
      `${file}: line 1 (header): missing ${missing.join(', ')}; got ${g.header.join(',')}`,
    );
  return { file, ...parseCsvTable(g), col: (n: string) => g.header.indexOf(n) };
}

function num(t: Table, r: number, c: number, name: string): number {
  const raw = t.rows[r][c];
  const x = parseNumber(raw);
  if (!Number.isFinite(x))
    throw new FlowFileError(`${t.file}: line ${t.lines[r]}, column ${name}: expected a number, got "${raw}"`);
  if (x < 0)
    throw new FlowFileError(`${t.file}: line ${t.lines[r]}, column ${name}: expected >= 0, got ${raw}`);
  return x;
}

function code(t: Table, r: number, c: number, name: string, digits: number): string {
  const raw = t.rows[r][c];
  if (raw.length !== digits || !/^\d+$/.test(raw))
    throw new FlowFileError(
      `${t.file}: line ${t.lines[r]}, column ${name}: expected ${digits} digits, got "${raw}"`,
    );
  return raw;
}

/** Census 2024 US imports for consumption from China by HTS10, with calculated duties (HS2022). */
export interface Hs10Imports {
  source: string;
  year: number;
  hs10: string[];
  description: string[];
  imports_usd: Float64Array;
  duties_usd: Float64Array;
}

export function loadUsImportsFromChina2024(dir?: string): Hs10Imports {
  const t = loadShipped(
    'us_imports_from_china_2024_hs10.csv',
    ['hs10', 'description', 'imports_usd', 'calculated_duty_usd'],
    dir,
  );
  const n = t.rows.length;
  const out: Hs10Imports = {
    source: t.file,
    year: 2024,
    hs10: new Array(n),
    description: new Array(n),
    imports_usd: new Float64Array(n),
    duties_usd: new Float64Array(n),
  };
  const [ch, cd, cv, cdu] = ['hs10', 'description', 'imports_usd', 'calculated_duty_usd'].map((x) =>
    t.col(x),
  );
  for (let r = 0; r < n; r++) {
    out.hs10[r] = code(t, r, ch, 'hs10', 10);
    out.description[r] = t.rows[r][cd];
    out.imports_usd[r] = num(t, r, cv, 'imports_usd');
    out.duties_usd[r] = num(t, r, cdu, 'calculated_duty_usd');
  }
  return out;
}

/** 2024 US imports by HS6 and partner (51 partners, EU-27 as EUN; Slovakia dropped: it is inside EUN). */
export function loadUsImports2024ByPartner(dir?: string): FlowTable {
  const t = loadShipped(
    'us_imports_2024_hs6_by_partner.csv',
    ['partner_census_code', 'partner_iso3', 'hs6', 'imports_usd', 'calculated_duty_usd'],
    dir,
  );
  const [ci, ch, cv, cd] = ['partner_iso3', 'hs6', 'imports_usd', 'calculated_duty_usd'].map((x) => t.col(x));
  const rows: FlowRow[] = [];
  const warnings = new Warnings();
  const excluded = {
    reason: 'Slovakia (SVK) rows: already inside the EU-27 aggregate EUN (see data/README.md)',
    count: 0,
    value_usd: 0,
  };
  for (let r = 0; r < t.rows.length; r++) {
    const partner = t.rows[r][ci];
    const value = num(t, r, cv, 'imports_usd');
    if (partner === 'SVK') {
      excluded.count++;
      excluded.value_usd += value;
      continue;
    }
    rows.push({
      reporter: 'USA',
      partner,
      product: code(t, r, ch, 'hs6', 6),
      year: 2024,
      flow: 'import',
      value_usd: value,
      quantity: null,
      duties_usd: num(t, r, cd, 'calculated_duty_usd'),
      line: t.lines[r],
    });
  }
  return {
    source: t.file,
    layout: 'census-hs6-partner',
    classification: 'HS2022',
    rows,
    warnings: warnings.list(),
    excluded: [excluded],
  };
}

/** 2024 US exports to China for the HS6 lines on China's March-2025 retaliation lists. */
export function loadChinaRetaliationExports2024(dir?: string): {
  hs6: string[];
  exports_usd: Float64Array;
  additional_pct: Float64Array;
  source: string;
} {
  const t = loadShipped(
    'china_retaliation_2025-03_us_exports_hs6.csv',
    ['hs6', 'us_exports_to_china_usd_2024', 'additional_tariff_pct'],
    dir,
  );
  const n = t.rows.length;
  const hs6: string[] = new Array(n);
  const v = new Float64Array(n);
  const p = new Float64Array(n);
  const [ch, cv, cp] = ['hs6', 'us_exports_to_china_usd_2024', 'additional_tariff_pct'].map((x) => t.col(x));
  for (let r = 0; r < n; r++) {
    hs6[r] = code(t, r, ch, 'hs6', 6);
    v[r] = num(t, r, cv, 'us_exports_to_china_usd_2024');
    p[r] = num(t, r, cp, 'additional_tariff_pct');
  }
  return { hs6, exports_usd: v, additional_pct: p, source: t.file };
}

/** Wide tariff series by HS6 (percent), one column per date `tariff_pct_YYYY-MM-DD`. */
export interface Hs6TariffSeries {
  source: string;
  classification: string;
  dates: string[];
  hs6: string[];
  /** rates_pct[d][i]: total tariff on line i at dates[d]; NaN where the file has a blank cell. */
  rates_pct: Float64Array[];
  /** Blank cells per date (a code not in the series at that date); they are NaN, not zero. */
  missing_cells: number[];
}

function loadWideSeries(file: string, dir?: string): Hs6TariffSeries {
  const t = loadShipped(file, ['hs6'], dir);
  const dateCols = t.header.map((h, i) => [h, i] as const).filter(([h]) => h.startsWith('tariff_pct_'));
  if (dateCols.length === 0)
    throw new FlowFileError(
      `${file}: line 1 (header): expected tariff_pct_YYYY-MM-DD columns, got ${t.header.join(',')}`,
    );
  const n = t.rows.length;
  const ch = t.col('hs6');
  const hs6: string[] = new Array(n);
  const rates = dateCols.map(() => new Float64Array(n));
  const missing = dateCols.map(() => 0);
  for (let r = 0; r < n; r++) {
    hs6[r] = code(t, r, ch, 'hs6', 6);
    for (let d = 0; d < dateCols.length; d++) {
      if (t.rows[r][dateCols[d][1]] === '') {
        rates[d][r] = NaN;
        missing[d]++;
      } else rates[d][r] = num(t, r, dateCols[d][1], dateCols[d][0]);
    }
  }
  return {
    source: file,
    classification: 'HS2017',
    dates: dateCols.map(([h]) => h.slice('tariff_pct_'.length)),
    hs6,
    rates_pct: rates,
    missing_cells: missing,
  };
}

/** US total tariff (MFN + Section 301) on China by HS6 (HS2017) at the 2018-2020 action dates. */
export const loadUsTariffsOnChina2018_2020 = (dir?: string): Hs6TariffSeries =>
  loadWideSeries('us_tariffs_on_china_hs6_2018_2020.csv', dir);
/** China's total tariff (MFN + retaliation) on US goods by HS6 at 12 dates 2018-2019. */
export const loadChinaTariffsOnUs2018_2020 = (dir?: string): Hs6TariffSeries =>
  loadWideSeries('china_tariffs_on_us_hs6_2018_2020.csv', dir);

export interface ValidationTarget {
  id: string;
  metric: string;
  value: string;
  unit: string;
  as_of: string;
  definition_and_weights: string;
  source: string;
}

export function loadValidationTargets(dir?: string): ValidationTarget[] {
  const t = loadShipped(
    'validation_targets_us_china_tariffs.csv',
    ['id', 'metric', 'value', 'unit', 'as_of', 'definition_and_weights', 'source'],
    dir,
  );
  return t.rows.map((r) => ({
    id: r[t.col('id')],
    metric: r[t.col('metric')],
    value: r[t.col('value')],
    unit: r[t.col('unit')],
    as_of: r[t.col('as_of')],
    definition_and_weights: r[t.col('definition_and_weights')],
    source: r[t.col('source')],
  }));
}

/** Monthly US-China trade by HS2 (Census), 2013-01 .. 2020-10. */
export interface Hs2Monthly {
  month: string[];
  hs2: string[];
  imports_usd: Float64Array;
  duties_usd: Float64Array;
  exports_usd: Float64Array;
  /** Blank cells read as 0: the source joins imports and exports on (month, hs2); a blank means no record. */
  blank_cells: number;
}

export function loadUsChinaHs2Monthly(dir?: string): Hs2Monthly {
  const t = loadShipped(
    'us_china_trade_hs2_monthly_2013_2020.csv',
    ['month', 'hs2', 'us_imports_from_china_usd', 'calculated_duty_usd', 'us_exports_to_china_usd'],
    dir,
  );
  const n = t.rows.length;
  const out: Hs2Monthly = {
    month: new Array(n),
    hs2: new Array(n),
    imports_usd: new Float64Array(n),
    duties_usd: new Float64Array(n),
    exports_usd: new Float64Array(n),
    blank_cells: 0,
  };
  const blankOrNum = (r: number, name: string) => {
    if (t.rows[r][t.col(name)] === '') {
      out.blank_cells++;
      return 0;
    }
    return num(t, r, t.col(name), name);
  };
  for (let r = 0; r < n; r++) {
    out.month[r] = t.rows[r][t.col('month')];
    out.hs2[r] = code(t, r, t.col('hs2'), 'hs2', 2);
    out.imports_usd[r] = blankOrNum(r, 'us_imports_from_china_usd');
    out.duties_usd[r] = blankOrNum(r, 'calculated_duty_usd');
    out.exports_usd[r] = blankOrNum(r, 'us_exports_to_china_usd');
  }
  return out;
}

/** Annual US exports to China by HS4 (530 lines, about 60% of total), 2013-2020 (2020 = Jan-Nov). */
export function loadUsExportsToChinaHs4(dir?: string): {
  hs4: string[];
  year: Int32Array;
  exports_usd: Float64Array;
} {
  const t = loadShipped(
    'us_exports_to_china_hs4_annual_2013_2020.csv',
    ['hs4', 'year', 'us_exports_to_china_usd'],
    dir,
  );
  const n = t.rows.length;
  const hs4: string[] = new Array(n);
  const year = new Int32Array(n);
  const v = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    hs4[r] = code(t, r, t.col('hs4'), 'hs4', 4);
    year[r] = num(t, r, t.col('year'), 'year');
    v[r] = num(t, r, t.col('us_exports_to_china_usd'), 'us_exports_to_china_usd');
  }
  return { hs4, year, exports_usd: v };
}

/** HS2022 nomenclature: code (2/4/6 digits) -> description and section. */
export function loadHsNomenclature(
  dir?: string,
): { hscode: string; description: string; section: string; level: number }[] {
  const t = loadShipped('hs_nomenclature_hs2022.csv', ['section', 'hscode', 'description', 'level'], dir);
  return t.rows
    .filter((r) => r[t.col('hscode')] !== 'TOTAL')
    .map((r) => ({
      hscode: r[t.col('hscode')],
      description: r[t.col('description')],
      section: r[t.col('section')],
      level: Number(r[t.col('level')]),
    }));
}

/**
 * The HS2022 codes themselves (2, 4 and 6 digits), for checking a code a user typed: the
 * nomenclature without Comtrade's catch-all 99 / 9999 / 999999 ("commodities not specified"),
 * which is a reporting code, not a heading anyone imports under.
 */
export function hsCodes(dir?: string): string[] {
  return loadHsNomenclature(dir)
    .filter((n) => n.section !== 'TOTAL')
    .map((n) => n.hscode);
}

export function loadHsSections(dir?: string): { section: string; name: string }[] {
  const t = loadShipped('hs_sections.csv', ['section', 'name'], dir);
  return t.rows.map((r) => ({ section: r[t.col('section')], name: r[t.col('name')].trim() }));
}

/** China's March-2025 retaliation list: HS8 lines (China's national codes) and their additional rates. */
export function loadChinaRetaliationListHs8(dir?: string): {
  hs8: string[];
  additional_pct: Float64Array;
  source: string;
} {
  const t = loadShipped(
    'china_retaliation_2025-03_list_hs8.csv',
    ['china_hs8', 'additional_tariff_pct'],
    dir,
  );
  const n = t.rows.length;
  const hs8: string[] = new Array(n);
  const p = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    hs8[r] = code(t, r, t.col('china_hs8'), 'china_hs8', 8);
    p[r] = num(t, r, t.col('additional_tariff_pct'), 'additional_tariff_pct');
  }
  return { hs8, additional_pct: p, source: t.file };
}

/** Every shipped table the trade commands use, read once (and parsed once per content: parse-cache.ts). */
export function loadShippedTradeData(dir?: string) {
  return cachedParse(`trade:${dir ?? TRADE_DATA_DIR}`, () => ({
    usImportsFromChina: loadUsImportsFromChina2024(dir),
    chinaListed: loadChinaRetaliationExports2024(dir),
    chinaListHs8: loadChinaRetaliationListHs8(dir),
    usExportsHs4: loadUsExportsToChinaHs4(dir),
    hs2Monthly: loadUsChinaHs2Monthly(dir),
    usTariffs2018: loadUsTariffsOnChina2018_2020(dir),
    chinaTariffs2018: loadChinaTariffsOnUs2018_2020(dir),
  }));
}
