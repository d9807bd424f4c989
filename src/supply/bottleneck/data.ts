// Input data of the bottleneck model: critical items, using activities ("users") mapped to IO
// sectors, content per unit (bill of materials) and China's destination-specific monthly export
// flows. Parsed from plain tables (the CSV files in data/supply, read at the edge) into checked,
// plain data. Every error names the file, the line and the column.

/** A parsed table: header, rows and the source line of each row (what the CSV reader returns). */
export interface Table {
  source: string;
  header: string[];
  rows: string[][];
  lines: number[];
}

export class BottleneckInputError extends LeverageError {
  constructor(message: string) {
    super('input', 'bad_bottleneck_input', message);
    this.name = 'BottleneckInputError';
  }
}

export type EndUse = 'civil' | 'defence';
export const END_USES: readonly EndUse[] = ['civil', 'defence'];

export interface Item {
  item: string;
  label: string;
  /** Ledger id of the export control that names the item. */
  ledgerControl: string;
  /** Which flow series carries the item (only magnets are observed by destination). */
  flowSeries: string;
  /** Price, for the CES value share; undefined when no source gives one. */
  priceUsdPerKg?: number;
  priceSource: string;
}

export interface Range {
  central: number;
  low: number;
  high: number;
}

/** A user's purchase of one critical item, through an embedded route (components). */
export interface EmbeddedRoute {
  /** The user whose output carries the item (a component maker). */
  via: string;
  /** Share of the user's need that arrives inside that user's output. */
  share: number;
}

export interface User {
  user: string;
  label: string;
  /** ISO3 country of the user (IO region). */
  country: string;
  endUse: EndUse;
  /** IO sector code the activity belongs to (WIOD 2013 industry code). */
  sector: string;
  /** Baseline output, USD a week: given, or sector gross output x sectorShare. */
  outputUsdPerWeek?: number;
  sectorShare?: Range;
  outputBasis: string;
  lines: number;
  linesBasis: string;
  /** China's share of the directly imported item (the rest is non-China supply). */
  chinaImportShare: number;
  chinaImportBasis: string;
  embedded: EmbeddedRoute[];
  /** Transit lag of direct shipments, weeks. */
  lagWeeks: number;
  /** Buffer in weeks of need: log-normal with this median and sigma_log; low/high bound the band. */
  buffer: Range & { sigmaLog: number };
}

export interface Content {
  user: string;
  item: string;
  unit: string;
  kgPerUnit: Range;
  unitValueUsd: number;
  source: string;
}

export interface FlowMonth {
  destination: string;
  /** YYYY-MM */
  month: string;
  flowT?: number;
  yoyPct?: number;
  /** Share of normal flow that got through (1 + y/y or the stated share). */
  share: number;
  basis: 'observed' | 'derived' | 'assumption';
  source: string;
}

export interface BottleneckData {
  items: Item[];
  users: User[];
  content: Content[];
  flows: FlowMonth[];
}

const NUM = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Cell reader for one table row: every problem is located (file:line, column). */
class Row {
  constructor(
    private readonly t: Table,
    private readonly r: number,
    private readonly col: Map<string, number>,
  ) {}
  where(column?: string): string {
    return `${this.t.source}: line ${this.t.lines[this.r]}${column ? `, column ${column}` : ''}`;
  }
  fail(column: string | undefined, msg: string): never {
    throw new BottleneckInputError(`${this.where(column)}: ${msg}`);
  }
  text(c: string, required = true): string {
    const i = this.col.get(c);
    const v = i === undefined ? '' : (this.t.rows[this.r][i] ?? '').trim();
    if (required && v === '') this.fail(c, 'is empty');
    return v;
  }
  num(
    c: string,
    opts: { required?: boolean; min?: number; max?: number; integer?: boolean } = {},
  ): number | undefined {
    const raw = this.text(c, opts.required ?? true);
    if (raw === '') return undefined;
    if (!NUM.test(raw)) this.fail(c, `expected a number, got ${JSON.stringify(raw)}`);
    const v = Number(raw);
    if (opts.min !== undefined && v < opts.min)
      this.fail(c, `${v} is below ${opts.min}${opts.min === 0 ? ' (must not be negative)' : ''}`);
    if (opts.max !== undefined && v > opts.max) this.fail(c, `${v} is above ${opts.max}`);
    if (opts.integer && !Number.isInteger(v)) this.fail(c, `${v} must be a whole number`);
    return v;
  }
  req(c: string, opts: { min?: number; max?: number; integer?: boolean } = {}): number {
    return this.num(c, { ...opts, required: true }) as number;
  }
  range(c: string, lo: string, hi: string, min = 0): Range {
    const central = this.req(c, { min });
    const low = this.num(lo, { required: false, min }) ?? central;
    const high = this.num(hi, { required: false, min }) ?? central;
    if (!(low <= central && central <= high))
      this.fail(c, `range must satisfy ${lo} <= ${c} <= ${hi} (${low}, ${central}, ${high})`);
    return { central, low, high };
  }
}

function rowsOf(t: Table, required: string[]): Row[] {
  const col = new Map(t.header.map((h, i) => [h.trim().toLowerCase(), i] as const));
  const missing = required.filter((c) => !col.has(c));
  if (missing.length)
    throw new BottleneckInputError(`${t.source}: header: missing column(s) ${missing.join(', ')}`);
  return t.rows.map((_, r) => new Row(t, r, col));
}

function unique<T>(rows: Row[], list: T[], key: (x: T) => string, column: string): void {
  const seen = new Set<string>();
  list.forEach((x, i) => {
    const k = key(x);
    if (seen.has(k)) rows[i].fail(column, `duplicate ${JSON.stringify(k)}`);
    seen.add(k);
  });
}

export function parseItems(t: Table): Item[] {
  const rows = rowsOf(t, ['item', 'label', 'ledger_control', 'flow_series']);
  const items = rows.map((r) => ({
    item: r.text('item'),
    label: r.text('label'),
    ledgerControl: r.text('ledger_control'),
    flowSeries: r.text('flow_series'),
    ...(r.num('price_usd_per_kg', { required: false, min: 0 }) !== undefined
      ? { priceUsdPerKg: r.num('price_usd_per_kg', { min: 0 }) as number }
      : {}),
    priceSource: r.text('price_source', false),
  }));
  unique(rows, items, (x) => x.item, 'item');
  return items;
}

function parseEmbedded(r: Row, raw: string): EmbeddedRoute[] {
  if (raw === '') return [];
  return raw.split(';').map((part) => {
    const m = /^\s*([a-z0-9-]+)\s*:\s*([0-9.eE+-]+)\s*$/.exec(part);
    if (!m || !NUM.test(m[2]))
      r.fail('embedded_via', `expected "user:share;user:share", got ${JSON.stringify(part)}`);
    const share = Number(m[2]);
    if (!(share >= 0 && share <= 1)) r.fail('embedded_via', `share ${share} of ${m[1]} must be in [0, 1]`);
    return { via: m[1], share };
  });
}

export function parseUsers(t: Table): User[] {
  const rows = rowsOf(t, [
    'user',
    'label',
    'country',
    'end_use',
    'sector',
    'output_basis',
    'lines',
    'china_import_share',
    'lag_weeks',
    'buffer_median_weeks',
    'buffer_sigma_log',
  ]);
  const users = rows.map((r): User => {
    const endUse = r.text('end_use');
    if (!END_USES.includes(endUse as EndUse))
      r.fail('end_use', `expected civil or defence, got ${JSON.stringify(endUse)}`);
    const out = r.num('output_usd_per_week', { required: false, min: 0 });
    const share = r.num('sector_share', { required: false, min: 0, max: 1 });
    if ((out === undefined) === (share === undefined))
      r.fail('output_usd_per_week', 'give exactly one of output_usd_per_week and sector_share');
    const median = r.req('buffer_median_weeks', { min: 0 });
    const embedded = parseEmbedded(r, r.text('embedded_via', false));
    const emb = embedded.reduce((s, e) => s + e.share, 0);
    if (emb > 1 + 1e-12) r.fail('embedded_via', `embedded shares sum to ${emb} > 1`);
    return {
      user: r.text('user'),
      label: r.text('label'),
      country: r.text('country'),
      endUse: endUse as EndUse,
      sector: r.text('sector'),
      ...(out !== undefined ? { outputUsdPerWeek: out } : {}),
      ...(share !== undefined
        ? { sectorShare: r.range('sector_share', 'sector_share_low', 'sector_share_high') }
        : {}),
      outputBasis: r.text('output_basis'),
      lines: r.req('lines', { min: 1 }),
      linesBasis: r.text('lines_basis', false),
      chinaImportShare: r.req('china_import_share', { min: 0, max: 1 }),
      chinaImportBasis: r.text('china_import_basis', false),
      embedded,
      lagWeeks: r.req('lag_weeks', { min: 0, max: 26, integer: true }),
      buffer: {
        central: median,
        low: r.num('buffer_low_weeks', { required: false, min: 0 }) ?? median,
        high: r.num('buffer_high_weeks', { required: false, min: 0 }) ?? median,
        sigmaLog: r.req('buffer_sigma_log', { min: 0, max: 3 }),
      },
    };
  });
  unique(rows, users, (x) => x.user, 'user');
  users.forEach((u, i) => {
    if (!(u.buffer.low <= u.buffer.central && u.buffer.central <= u.buffer.high))
      rows[i].fail(
        'buffer_median_weeks',
        'range must satisfy buffer_low_weeks <= buffer_median_weeks <= buffer_high_weeks',
      );
    // an embedded route must name a known user (the model orders users so suppliers run first)
    for (const e of u.embedded) {
      const j = users.findIndex((x) => x.user === e.via);
      if (j < 0) rows[i].fail('embedded_via', `unknown user ${JSON.stringify(e.via)}`);
      if (j === i) rows[i].fail('embedded_via', 'a user cannot supply itself');
    }
  });
  return users;
}

export function parseContent(t: Table): Content[] {
  const rows = rowsOf(t, ['user', 'item', 'unit', 'kg_per_unit', 'unit_value_usd', 'source']);
  const list = rows.map((r) => ({
    user: r.text('user'),
    item: r.text('item'),
    unit: r.text('unit'),
    kgPerUnit: r.range('kg_per_unit', 'kg_low', 'kg_high'),
    unitValueUsd: r.req('unit_value_usd', { min: 0 }),
    source: r.text('source'),
  }));
  unique(rows, list, (x) => `${x.user}/${x.item}`, 'item');
  return list;
}

export function parseFlows(t: Table): FlowMonth[] {
  const rows = rowsOf(t, ['destination', 'month', 'basis', 'source']);
  const list = rows.map((r): FlowMonth => {
    const month = r.text('month');
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
      r.fail('month', `expected YYYY-MM, got ${JSON.stringify(month)}`);
    const flowT = r.num('flow_t', { required: false, min: 0 });
    const yoyPct = r.num('yoy_pct', { required: false, min: -100 });
    const given = r.num('share', { required: false, min: 0 });
    if (given === undefined && yoyPct === undefined) r.fail('share', 'give share or yoy_pct');
    const basis = r.text('basis');
    if (basis !== 'observed' && basis !== 'derived' && basis !== 'assumption')
      r.fail('basis', `expected observed, derived or assumption, got ${JSON.stringify(basis)}`);
    return {
      destination: r.text('destination'),
      month,
      ...(flowT !== undefined ? { flowT } : {}),
      ...(yoyPct !== undefined ? { yoyPct } : {}),
      share: given ?? 1 + (yoyPct as number) / 100,
      basis: basis as FlowMonth['basis'],
      source: r.text('source'),
    };
  });
  unique(rows, list, (x) => `${x.destination}/${x.month}`, 'month');
  return list;
}

/**
 * All four tables, cross-checked: every content row names a known user and item, every user has
 * content, every sector exists in `sectors` (when given), every user's country has a flow series,
 * and no flow month starts after `ledgerDate` (the ledger's last date: no figures from the future).
 */
export function parseBottleneckData(
  tables: { items: Table; users: Table; content: Table; flows: Table },
  check: { sectors?: readonly string[]; ledgerDate?: string; knownOn?: string } = {},
): BottleneckData {
  const items = parseItems(tables.items);
  const users = parseUsers(tables.users);
  const content = parseContent(tables.content);
  const flows = parseFlows(tables.flows);
  const contentRows = rowsOf(tables.content, []);
  content.forEach((c, i) => {
    if (!users.some((u) => u.user === c.user))
      contentRows[i].fail('user', `unknown user ${JSON.stringify(c.user)}`);
    if (!items.some((x) => x.item === c.item))
      contentRows[i].fail('item', `unknown item ${JSON.stringify(c.item)}`);
  });
  const userRows = rowsOf(tables.users, []);
  const flowRows = rowsOf(tables.flows, []);
  users.forEach((u, i) => {
    if (!content.some((c) => c.user === u.user))
      userRows[i].fail('user', `${u.user} has no row in ${tables.content.source}`);
    if (check.sectors && !check.sectors.includes(u.sector))
      userRows[i].fail(
        'sector',
        `unknown sector ${JSON.stringify(u.sector)} (the IO table has ${check.sectors.join(', ')})`,
      );
    if (!flows.some((f) => f.destination === u.country))
      userRows[i].fail('country', `no flow series for destination ${u.country} in ${tables.flows.source}`);
  });
  if (check.ledgerDate) {
    flows.forEach((f, i) => {
      if (`${f.month}-01` > (check.ledgerDate as string))
        flowRows[i].fail('month', `${f.month} starts after the ledger's last date ${check.ledgerDate}`);
    });
  }
  // A vintage view knows only the months that had started by its date (customs figures published later are not used).
  const known = check.knownOn ? flows.filter((f) => `${f.month}-01` <= (check.knownOn as string)) : flows;
  return { items, users, content, flows: known };
}
import { LeverageError } from '../../errors/index.ts';
