// The ledger: pure queries over a scenario's dated measures and agreements.
export {
  tariffStack,
  productStacks,
  compileTariffSchedule,
  withTariffOverride,
  valueShareOf,
  type StackQuery,
  type StackLayer,
  type RemovedLayer,
  type TariffStack,
  type ProductStacks,
  type ProductStackGroup,
  type TariffSchedule,
} from './stack.ts';
export {
  measuresInForce,
  exportControlState,
  exportControlsInForce,
  agreementState,
  agreementsOn,
  timeline,
  changesBetween,
  type MeasureState,
  type MeasureFilter,
  type ExportControlState,
  type AgreementState,
  type TimelineEvent,
} from './queries.ts';
export { isActiveOn, statusOn, rateOn, measureDates } from './status.ts';
export { scheduledChanges, scheduledFlag, type ScheduledChange } from './scheduled.ts';
export { scopeCoverage, linesUnder, productIndex, type Coverage } from './products.ts';
