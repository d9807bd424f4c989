// Public face of the report layer: one function per question a user asks, each returning one
// typed, unit-labelled, rounded-once result. The CLI formats it for a terminal, the server
// returns it as JSON, the dashboard renders it (type-only imports); none of them computes.
// See README.md in this folder for the pattern.
export { queryField, fieldError, type FieldLabel } from './query.ts';
export {
  ledgerReport,
  type LedgerQuery,
  type LedgerReport,
  type LedgerStack,
  type LedgerDetail,
} from './ledger.ts';
export { roundFigures, significant10 } from './query.ts';
export {
  tariffStackSeries,
  groupStacks,
  MAX_TARIFF_POINTS,
  type TariffStackQuery,
  type TariffStackPoint,
  type TariffStackSeries,
  type GroupStack,
  type GroupStacks,
} from './tariffs.ts';
export {
  effectiveRates,
  keyDateReport,
  DEFAULT_BASE_YEAR,
  type EffectiveQuery,
  type EffectiveTables,
  type EffectiveRates,
  type KeyDateQuery,
  type KeyDateRates,
} from './effective.ts';
export { claimsReport, type ClaimsReport } from './claims.ts';
export {
  tradeResponse,
  DEFAULT_RESPONSE_MODEL,
  DEFAULT_RESPONSE_BASE_DATE,
  DEFAULT_RESPONSE_TOP,
  type TradeResponseQuery,
  type TradeResponse,
} from './response.ts';
export {
  withOverrides,
  withElasticities,
  tariffAuthorities,
  type TariffOverride,
  type ElasticityEdit,
} from './whatif.ts';
export {
  timelineReport,
  type TimelineQuery,
  type TimelineReport,
  type TimelineRow,
  type TimelineInterval,
  type TimelineRate,
} from './timeline.ts';
export {
  bargainingReport,
  equilibriaReport,
  type BargainingQuery,
  type BargainingReport,
  type EquilibriumMethod,
  strategyCatalogue,
} from './game.ts';

export {
  averagesReport,
  averagesCsv,
  piiePoints,
  AVERAGE_COLUMNS,
  AVERAGES_CSV_COLUMNS,
  AVERAGES_CSV_LAYOUT,
  AVERAGES_CSV_TYPE,
  type AveragesQuery,
  type AveragesReport,
  type DailyAverage,
  type ReferencePoint,
  type PublishedTarget,
} from './averages.ts';
export type { DirectionKey, DirectionId } from './segments.ts';
export type { RangeHead } from './dates.ts';
export {
  sinceThenReport,
  type SinceThenReport,
  type SinceThenDirection,
  type LayerChange,
  type AverageMove,
} from './since-then.ts';
export {
  ledgerFirstDate,
  checkLedgerDate,
  asOfWarning,
  asOfWarnings,
  withAsOf,
  reportRange,
} from './dates.ts';
export {
  whoPaidReport,
  IEEPA_AUTHORITIES,
  PUBLISHED_IEEPA_REFUNDS,
  type WhoPaidQuery,
  type WhoPaidReport,
  type WhoPaidDirection,
  type MonthDuties,
  type PublishedRefund,
} from './who-paid.ts';
export {
  ledgerDiffReport,
  type DiffQuery,
  type LedgerDiffReport,
  type AverageDiff,
  type StackDiff,
} from './ledger-diff.ts';
export { paramsReport, type ParamsReport, type ParamRow } from './params.ts';
export {
  bottleneckInputsAt,
  bottleneckReport,
  linearUsPath,
  rareEarthExposure,
  type BottleneckQuery,
  type BottleneckReport,
  type ExposureInputs,
  type LinearPath,
  type RareEarthExposure,
} from './exposure.ts';
export { exposureView, type ExposureView, type ExposureViewQuery } from './exposure-view.ts';
export {
  ioMoney,
  ioShockDocument,
  ioShockReport,
  ioShockRun,
  type IoShockApplied,
  type IoShockKind,
  type IoShockQuery,
  type IoShockReport,
  type IoShockRun,
  type IoShockRunQuery,
} from './io-shock.ts';
export { oddsBasis, trackRecordReport, type OddsBasis, type TrackRecordReport } from './odds-basis.ts';
export {
  ioCalcReport,
  ioExtractReport,
  IO_CALC_ITEMS,
  type IoCalcItem,
  type IoExtraction,
  type IoExtractReport,
} from './io-tables.ts';
