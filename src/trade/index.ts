// Public face of the trade domain: flows, HS vintages, effective rates, PE trade response, claims.
export {
  hsSection,
  normalizeHs,
  hsMatches,
  matchHsVintage,
  HS_SECTIONS,
  NATIONAL_CHAPTERS_SECTION,
} from './hs.ts';
export type { MatchLevel, VintageMatch } from './hs.ts';
export { isKnownPartner, canonicalPartner, actorToIso3 } from './partners.ts';
export { summarizeFlows, nestedCodeRows, normalizeVintage, COMTRADE_CLASSIFICATIONS } from './flows.ts';
export { codeIndex } from './code-index.ts';
export type { CodeIndex } from './code-index.ts';
export type { FlowRow, FlowTable, FlowWarning, FlowDirection, FlowSummary, MatchReport } from './flows.ts';
export {
  effectiveRate,
  aggregateRowsToLines,
  linesMatching,
  accumulateRows,
  rowAccumulator,
  finishRows,
} from './effective.ts';
export type {
  RateMatrix,
  LineGroup,
  EffectiveRateInput,
  EffectiveRate,
  AuthorityRate,
  BreakdownRate,
  MultiDateRates,
} from './effective.ts';
export { smart, cesResponse } from './smart.ts';
export type { Elasticities, ProductShock, SupplierResponse, ProductResponse } from './smart.ts';
export { marketResponse, elasticitiesFor, DEFAULT_ELASTICITIES } from './response.ts';
export type {
  ElasticitySpec,
  ResolvedElasticities,
  Market,
  ResponseModel,
  SupplierTotal,
  ProductRow,
  MarketResponse,
  MarketCells,
} from './response.ts';
export { periods, stepSeries, toDay, fromDay } from './series.ts';
export type { Step, Period } from './series.ts';
export {
  usImportsFromChinaWeights,
  chinaSideWeights,
  flowTableWeights,
  sectionIndex,
  mfnForLines,
  reweightToHs2Totals,
  weightedAverageHs6,
  expandToLines,
} from './weights.ts';
export type { BaseWeights } from './weights.ts';
export { effectiveRateAt, effectiveRateSeries, rateBasis } from './rates.ts';
export type {
  ScheduleLike,
  RateOptions,
  RateBasis,
  Breakdown,
  SeriesPoint,
  EffectiveRateSeries,
} from './rates.ts';
export { checkClaim, mostCommonStack, stackDistribution, stackLevel } from './claims.ts';
export type { ClaimLike, ClaimContext, ClaimCheck, Verdict, StackDistribution } from './claims.ts';
export {
  baseWeightsFor,
  mfnFor,
  groupsFor,
  scenarioRateSeries,
  keyDateRates,
  scenarioClaims,
  scenarioResponse,
  elasticitySpec,
  US_EXPORTS_TO_CHINA_2024,
} from './scenario.ts';
export { KEY_DATES_2025, KEY_DATES_2025_LABELLED, type KeyDate } from './key-dates.ts';
export type { ShippedTrade, RateQuery, KeyDateRow, ResponseQuery, ScenarioResponse } from './scenario.ts';
