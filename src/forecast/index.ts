// Public face of the forecast harness: question files, resolution from the ledger, vintage
// forecasts from past origins, proper scores against baselines, the track record.
export {
  QuestionFileSchema,
  QuestionSchema,
  QuestionMeasureSchema,
  questionsJsonSchema,
  MEASURE_KINDS,
  RATE_OPS,
  STATUS_OPS,
  AGREEMENT_VALUES,
  CONTROL_VALUES,
  type Question,
  type QuestionFile,
  type QuestionMeasure,
} from './schema.ts';
export {
  parseQuestions,
  readQuestions,
  checkQuestions,
  QuestionFileError,
  type LoadedQuestions,
} from './load.ts';
export { vocabulary, type Vocabulary } from './vocabulary.ts';
export { observe, holds, layerRate, averageRate, type Reading } from './observe.ts';
export {
  resolveQuestion,
  resolveQuestions,
  checkRecordedOutcomes,
  describeReading,
  type Resolution,
  type Outcome,
} from './resolve.ts';
export {
  forecastQuestions,
  forecastOrigin,
  byOrigin,
  weekOf,
  ENSEMBLE_SIZE,
  type ForecastOptions,
  type ForecastResult,
  type QuestionForecast,
  type OriginInfo,
  type Quantiles,
  type Recalibration,
  type PoolWeights,
  type ViewOn,
} from './forecast.ts';
export {
  recalibrateForecast,
  pooled,
  poolWeights,
  POOL_SOURCES,
  RECALIBRATION_PRIOR,
  RECALIBRATION_BASIS,
  REFERENCE_TRACK_BASIS,
  type ReferenceTrack,
  type TrackPoint,
} from './recalibrate.ts';
export {
  BASELINES,
  BASELINE_TITLES,
  baselineForecast,
  shiftedEnsemble,
  type BaselineName,
} from './baselines.ts';
export { brier, logLoss, crpsEnsemble, bootstrap, reliability, skill, CLIP_LO, CLIP_HI } from './score.ts';
export {
  scoreForecasts,
  verdictOf,
  simulatorVerdictOf,
  type ScoreResult,
  type GroupScore,
  type QuestionScore,
} from './scorecard.ts';
export { cachedViews } from './views.ts';
export { formatOdds } from './odds.ts';
export {
  loadQuestionSet,
  loadView,
  forecastSet,
  posteriorsOf,
  resolveSet,
  resolutionDocument,
  scoreSet,
  shippedData,
  type QuestionSet,
} from './pipeline.ts';
export {
  trackRecord,
  trackRecordIfReady,
  trackRecordSummary,
  trackRecordKey,
  BUILTIN_QUESTIONS,
  TRACK_RECORD_RUNS,
  TRACK_RECORD_SEED,
  DEFAULT_TRACK_RECORD_DIR,
  type TrackRecordOptions,
  type TrackRecordSummary,
} from './track-record.ts';
