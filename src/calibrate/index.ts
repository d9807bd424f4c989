// Public face of calibration: ABC-SMC over a scenario's uncertain parameters and discrete
// structure, fitted to the history known at a vintage; posteriors stored per vintage and
// drawn from by the forecast harness.
export {
  abcSmc,
  logPrior,
  distance,
  weightedMoments,
  type AbcModel,
  type AbcOptions,
  type AbcResult,
  type Prior,
  type Particle,
  type Generation,
} from './abc.ts';
export { statisticNames, pathStatistics, STEP_PCT, type StatisticInfo } from './history.ts';
export {
  calibrate,
  observedStatistics,
  structuresOf,
  withStructure,
  DEFAULT_CALIBRATION_FROM,
  DEFAULT_PARTICLES,
  DEFAULT_GENERATIONS,
  STRUCTURE_STRATEGIES,
  STRUCTURE_RENEWAL,
  type CalibrateOptions,
  type Posterior,
  type PosteriorModel,
  type Structure,
} from './fit.ts';
export { posteriorDir, posteriorFile, posteriorFor, readPosterior, writePosterior } from './store.ts';
export { posteriorDraws, type PosteriorEngine } from './draw.ts';
