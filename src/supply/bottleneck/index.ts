// Public face of the bottleneck (stock-flow critical-input) model: rare earths -> magnets ->
// motors -> vehicles, electronics, defence. Pure functions over plain data; files are read at
// the edge (src/io).
export {
  parseBottleneckData,
  parseItems,
  parseUsers,
  parseContent,
  parseFlows,
  BottleneckInputError,
  END_USES,
  type Table,
  type BottleneckData,
  type Item,
  type User,
  type Content,
  type FlowMonth,
  type EmbeddedRoute,
  type EndUse,
  type Range,
} from './data.ts';
export {
  DEFAULT_BUFFER_COHORTS,
  DEFAULT_RAMP,
  type BottleneckModel,
  type IoFacts,
  type SectorFacts,
  type PrepareOptions,
  type WeekPolicy,
  type Scale,
} from './model.ts';
export { prepareBottleneck } from './prepare.ts';
export { BottleneckRun, type RunSnapshot, type RunMark } from './run.ts';
export {
  cesShare,
  cohortQuadrature,
  COHORT_TAIL_POWER,
  lognormalCohorts,
  normalQuantile,
} from './numerics.ts';
export { ioFacts, usdPerUnit } from './propagate.ts';
export {
  bottleneckExposure,
  policyPath,
  type BottleneckExposure,
  type ExposureOptions,
  type ControlStep,
  type CountryWeek,
  type UserWeek,
  type UserSummary,
  type CountrySummary,
} from './exposure.ts';
