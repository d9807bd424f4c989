// The ledger: pure queries over a scenario's dated measures and agreements.
export {
  tariffStack,
  type StackQuery,
  type StackLayer,
  type RemovedLayer,
  type TariffStack,
} from './stack.ts';
export { productStacks, type ProductStacks, type ProductStackGroup } from './product-stacks.ts';
export { compileTariffSchedule, type TariffSchedule } from './tariff-schedule.ts';
export { withTariffOverride } from './what-if.ts';
export { valueShareOf } from './tariff-measures.ts';
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
