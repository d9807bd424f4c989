// The scenario model: types, schema and small value helpers. Imports nothing else of ours.
export * from './schema.ts';
export * from './dates.ts';
export * from './hs.ts';
export * from './vintage.ts';
export type { SourcedValue } from './params-simulation.ts';
