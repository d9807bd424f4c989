// Leverage library API: every domain's public face, flat (`import { stackAt } from 'leverage'`)
// and as a namespace (`import { ledger } from 'leverage'`). Four names are used by two domains;
// the flat name is the one chosen below and the other is reached through its namespace:
// normalizeHs, LicensingStep, MEASURE_KINDS (model's; also ledger., trade., forecast.) and
// PrepareOptions (supply's; also simulate.).
export * from './model/index.ts';
export * from './errors/index.ts';
export * from './random/index.ts';
export * from './io/index.ts';
export * from './ledger/index.ts';
export * from './trade/index.ts';
export * from './supply/index.ts';
export * from './game/index.ts';
export * from './simulate/index.ts';
export * from './forecast/index.ts';
export * from './report/index.ts';
export { normalizeHs, MEASURE_KINDS, type LicensingStep } from './model/index.ts';
export type { PrepareOptions } from './supply/index.ts';

export * as model from './model/index.ts';
export * as errors from './errors/index.ts';
export * as random from './random/index.ts';
export * as io from './io/index.ts';
export * as ledger from './ledger/index.ts';
export * as trade from './trade/index.ts';
export * as supply from './supply/index.ts';
export * as game from './game/index.ts';
export * as simulate from './simulate/index.ts';
export * as forecast from './forecast/index.ts';
export * as report from './report/index.ts';
