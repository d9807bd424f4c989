// The generic flow table: one row a reporter, partner, product, year (and flow), value in USD.
import { normalizeHs, normalizeVintage } from '../../trade/index.ts';
import type { FlowDirection, FlowRow, FlowTable } from '../../trade/index.ts';
import { Errors, finish, pushRow, singleVintage, Warnings } from './checks.ts';
import { findColumn, FlowFileError, parseCsvGrid, parseNumber } from './grid.ts';

export interface FlowReadOptions {
  /** HS vintage to assume when the file has no classification column (e.g. "HS2022"). */
  classification?: string;
  /** Flow direction when the file has no flow column. Default "import". */
  flow?: FlowDirection;
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
  // quantity and duties may be left empty (null); a value there is a number >= 0 (undefined: an error)
  const amount = (
    rec: string[],
    line: number,
    name: 'quantity' | 'duties_usd',
  ): number | null | undefined => {
    if (col[name] < 0 || rec[col[name]] === '') return null;
    const x = parseNumber(rec[col[name]]);
    if (Number.isFinite(x) && x >= 0) return x;
    errors.add(
      `line ${line}, column ${name}: expected an empty cell or a number >= 0, got "${rec[col[name]]}"`,
    );
    return undefined;
  };
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
    const quantity = amount(rec, line, 'quantity');
    if (quantity === undefined) return;
    const duties = amount(rec, line, 'duties_usd');
    if (duties === undefined) return;
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
