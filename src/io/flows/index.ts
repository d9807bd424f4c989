// Readers for trade-flow tables: a generic flow CSV, UN Comtrade's bulk layouts (Comtrade+ and the
// legacy "Trade Value (US$)" layout), and the Census-derived tables shipped in data/trade/.
// Every problem is either an error naming file, line, column, expected and got, or a warning with
// counts kept in the table. Nothing is dropped silently.
export { FlowFileError, parseCsvGrid, parseCsvTable } from './grid.ts';
export { parseFlowCsv, type FlowReadOptions } from './generic.ts';
export { parseComtradeCsv } from './comtrade.ts';
export { readFlowFile } from './read.ts';
export { TRADE_DATA_DIR } from './shipped-table.ts';
export {
  loadUsImportsFromChina2024,
  loadUsImports2024ByPartner,
  loadChinaRetaliationExports2024,
  loadUsChinaHs2Monthly,
  loadUsExportsToChinaHs4,
  loadChinaRetaliationListHs8,
  loadShippedTradeData,
  type Hs10Imports,
  type Hs2Monthly,
} from './shipped-trade.ts';
export {
  loadUsTariffsOnChina2018_2020,
  loadChinaTariffsOnUs2018_2020,
  loadValidationTargets,
  loadHsNomenclature,
  hsCodes,
  loadHsSections,
  type Hs6TariffSeries,
  type ValidationTarget,
} from './shipped-reference.ts';
