// The shipped reference tables: tariff series by HS6 (2018-2020), published averages to validate
// against, and the HS2022 nomenclature.
import { cachedParse } from '../parse-cache.ts';
import { FlowFileError } from './grid.ts';
import { code, loadShipped, num, TRADE_DATA_DIR } from './shipped-table.ts';

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
 * which is a reporting code, not a heading anyone imports under. Parsed once per content of the
 * file (parse-cache.ts): a `ledger --product` query would otherwise spend about 50 ms on its CSV.
 */
export function hsCodes(dir?: string): string[] {
  return cachedParse(`hs-codes:${dir ?? TRADE_DATA_DIR}`, () =>
    loadHsNomenclature(dir)
      .filter((n) => n.section !== 'TOTAL')
      .map((n) => n.hscode),
  );
}

export function loadHsSections(dir?: string): { section: string; name: string }[] {
  const t = loadShipped('hs_sections.csv', ['section', 'name'], dir);
  return t.rows.map((r) => ({ section: r[t.col('section')], name: r[t.col('name')].trim() }));
}
