// Negotiation engine: strategies, iterated play, tournaments, equilibria, bargaining.
export { C, D, actionChar } from './types.ts';
export type {
  Action,
  History,
  MatchContext,
  OwnPayoffs,
  ParamValue,
  ParameterSpec,
  StageGame,
  Strategy,
  StrategyInfo,
} from './types.ts';
export { GameInputError } from './errors.ts';
export {
  DEFAULT_RSTP,
  NAMED_STAGE_GAMES,
  namedStageGame,
  symmetricStageGame,
  ownPayoffs,
  parseStageGame,
} from './stageGame.ts';
export {
  STRATEGIES,
  DETERMINISTIC_CLASSICS,
  getStrategyInfo,
  validateParameters,
  createStrategy,
  parseStrategySpec,
  splitStrategyList,
  instantiate,
  specLabel,
} from './registry.ts';
export type { StrategySpec } from './registry.ts';
export { TACO } from './strategies/taco.ts';
export { PainReactive } from './strategies/painReactive.ts';
export { generosity } from './strategies/generousTitForTat.ts';
export { playMatch, playInto, PairHistory } from './match.ts';
export type { MatchOptions, MatchResult, MatchTotals, PainSignal } from './match.ts';
export { roundRobin } from './tournament.ts';
export type { TournamentOptions, TournamentResult } from './tournament.ts';
export { moranProcess, moranFixation } from './moran.ts';
export type { MoranOptions, MoranResult, MoranFixationResult } from './moran.ts';
export { parseBimatrix, makeBimatrix, isEquilibrium, ENUMERATION_LIMIT } from './equilibria/bimatrix.ts';
export type { BimatrixGame, Equilibrium, EquilibriumReport, ExactMixed } from './equilibria/bimatrix.ts';
export { supportEnumeration, degeneracyWitness } from './equilibria/supportEnumeration.ts';
export { vertexEnumeration } from './equilibria/vertexEnumeration.ts';
export { lemkeHowson, lemkeHowsonPath } from './equilibria/lemkeHowson.ts';
export type { LemkeHowsonPath } from './equilibria/lemkeHowson.ts';
export { rationalFromNumber, formatRational } from './equilibria/rational.ts';
export { rubinstein, nashBargaining, leverage, leverageFromHarm, breakdownBargaining } from './bargaining.ts';
export type {
  RubinsteinOptions,
  RubinsteinResult,
  NashBargainingOptions,
  NashBargainingResult,
  LeverageResult,
  BreakdownOptions,
  HarmOptions,
  HarmLeverageResult,
} from './bargaining.ts';
export { planTournament, playTournamentMatches, aggregateTournament } from './tournament.ts';
export type { TournamentPlan } from './tournament.ts';
export { roundRobinParallel } from './parallel.ts';
