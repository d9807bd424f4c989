// Public face of the simulation: the weekly negotiation loop on real payoffs, Monte Carlo over
// the scenario's uncertain parameters, outcome odds, sensitivity and the 2025 backtest.
export {
  resolveConfig,
  withStrategies,
  SimulationConfigError,
  formatPath,
  type ConfigProblem,
  type ResolvedConfig,
  type ResolvedUncertain,
  type SimulationParams,
} from './config.ts';
export { prepare } from './setup.ts';
export { measureInit, appliedRates, ledgerAverage } from './setup-ledger.ts';
export {
  AG,
  AGREEMENT_STATUS_NAMES,
  APPROVAL_NAMES,
  MOVE_KIND_CODES,
  type Prepared,
  type PrepareInputs,
  type BaseFlows,
  type SupplyBridge,
  type TradeMarket,
  type MeasureInit,
  type Warmup,
  type RareEarthBottleneck,
} from './prepared.ts';
export { compileDirection, evaluateDirection, type TariffDirection } from './tariffs.ts';
export { Simulator, drawUncertain, WEEK_METRICS, RUN_SCALARS } from './loop.ts';
export { aggregateCes } from './payoffs.ts';
export { prepareScenario, tradeFlows, rareEarthBridge, type PrepareOptions } from './engines.ts';
export {
  RareEarthSeam,
  prepareRareEarthBottleneck,
  BOTTLENECK_HISTORY_FROM,
  MAX_BRANCH_WEEKS,
  type BottleneckVariant,
} from './rare-earth.ts';
export {
  runMonteCarlo,
  runPrepared,
  checkRunOptions,
  basisOf,
  MAX_RUNS,
  MAX_RUN_WEEKS,
  DEFAULT_HORIZON_WEEKS,
  checkRunWeeks,
  checkBranches,
  startWorkers,
  type MonteCarloOptions,
  type StartedWorkers,
} from './runner.ts';
export {
  reduce,
  sensitivity,
  spearman,
  quantileSorted,
  metricNames,
  allocateRaw,
  computeBands,
  BAND_FIELDS,
  type MonteCarloResult,
  type RawResults,
  type Band,
  type Probability,
  type SensitivityRow,
  type WeekRow,
} from './reduce.ts';
export {
  backtest,
  scriptFromLedger,
  type BacktestResult,
  type BacktestMismatch,
  type BacktestWeek,
} from './backtest.ts';
export { storyOf, type Story } from './story.ts';
export type { ScheduleOp } from './schedule.ts';
export {
  drawRulings,
  litigationStream,
  courtState,
  LITIGATION_STREAM,
  type PreparedLitigation,
  type CourtState,
  type Ruling,
} from './litigation.ts';
export {
  Branches,
  bargain,
  emptyOutcome,
  DEFAULT_BRANCH_WEEKS,
  DEFAULT_BRANCH_EVERY,
  type BranchOutcome,
} from './branches.ts';
export {
  leverageOverTime,
  leverageOnPrepared,
  type LeveragePath,
  type LeveragePathOptions,
  type LeverageWeek,
} from './leverage-path.ts';
export { checkSimulationBlock, locateConfigProblems } from './locate.ts';
export { implicitMoves, withPendingMoves, type ImplicitMove } from './pending.ts';
export {
  parameterSpace,
  parameterVector,
  VectorSimulator,
  type ParameterSpace,
  type SimulatedRun,
} from './vector.ts';
