// The scenario model: types, schema and small value helpers. Imports nothing else of ours.
export * from './schema.ts';
export * from './dates.ts';
export * from './hs.ts';
export * from './vintage.ts';
export type { SourcedValue, SimMove } from './params-simulation.ts';
/** A prior of simulation.uncertain (the server's run-result schema publishes it). */
export { DistributionSchema } from './params-simulation.ts';
export { usd } from './money.ts';
