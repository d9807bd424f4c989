// The shipped trade tables (Census): US imports from China and by partner, US exports to China,
// China's retaliation lists; and all of them read at once for the trade commands.
import type { FlowRow, FlowTable } from '../../trade/index.ts';
import { cachedParse } from '../parse-cache.ts';
import { Warnings } from './checks.ts';
import { loadChinaTariffsOnUs2018_2020, loadUsTariffsOnChina2018_2020 } from './shipped-reference.ts';
import { code, loadShipped, num, TRADE_DATA_DIR } from './shipped-table.ts';

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
