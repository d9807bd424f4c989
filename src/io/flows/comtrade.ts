// UN Comtrade's bulk layouts (Comtrade+ and the legacy "Trade Value (US$)" one), breakdown and
// aggregate rows excluded with counts.
import { normalizeHs, normalizeVintage } from '../../trade/index.ts';
import type { FlowDirection, FlowRow, FlowTable } from '../../trade/index.ts';
import { Errors, finish, pushRow, singleVintage, Warnings } from './checks.ts';
import { findColumn, FlowFileError, parseCsvGrid, parseNumber } from './grid.ts';

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
