// The one error catalogue. Every failure a user can cause or meet is a LeverageError with a
// `kind` (what sort of failure: decides the exit code and the HTTP status) and a `code` (which
// failure: stable, machine-readable, shown in API bodies). Edges map kinds, never classes:
// `exitCodeFor` is the CLI's only mapping and `httpStatusFor` the server's.
// This module is a leaf: it imports nothing, so every layer (random, model, domains) may throw it.

/**
 * - input: the request, a file or a parameter is wrong (a user can fix it).
 * - not_found: a named thing (scenario, run, product, date, strategy) does not exist.
 * - conflict: the request clashes with the state of things (read-only scenario, data dir in use).
 * - solver: the inputs are well-formed but the numerics cannot answer (singular system, no
 *   convergence, infeasible game).
 * - internal: a bug. Never a user's fault; reported with its message, never a stack trace.
 */
export type ErrorKind = 'input' | 'not_found' | 'conflict' | 'solver' | 'internal';

export const ERROR_KINDS: readonly ErrorKind[] = ['input', 'not_found', 'conflict', 'solver', 'internal'];

/** Where the problem is, as precisely as the input allows. */
export interface ErrorLocation {
  /** File the problem is in (a path, or a scenario name on the server). */
  file?: string;
  /** Path inside the document or request, e.g. `measures[3].rates[0].rate_pct` or `query.date`. */
  path?: string;
  line?: number;
  col?: number;
}

export interface LeverageErrorOptions {
  location?: ErrorLocation;
  /** Structured detail for machines (e.g. the list of scenario issues); shown in API bodies. */
  details?: unknown;
  cause?: unknown;
}

/**
 * Messages are complete as they are (they start with their location when they have one, e.g.
 * `scenario.yaml:12:5 measures[3].rate_pct: must be >= 0`); `location` keeps the parts for machines.
 */
export class LeverageError extends Error {
  readonly kind: ErrorKind;
  readonly code: string;
  readonly location?: ErrorLocation;
  readonly details?: unknown;
  constructor(kind: ErrorKind, code: string, message: string, options: LeverageErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LeverageError';
    this.kind = kind;
    this.code = code;
    if (options.location) this.location = options.location;
    if (options.details !== undefined) this.details = options.details;
  }
}

/** Bad input: `code` defaults to `invalid`. */
export function inputError(message: string, options: LeverageErrorOptions & { code?: string } = {}) {
  return new LeverageError('input', options.code ?? 'invalid', message, options);
}

/** A named thing that does not exist: `no <what> "<id>"`, plus an optional hint (nearest names). */
export function notFoundError(what: string, id: string, hint?: string, path?: string): LeverageError {
  return new LeverageError('not_found', 'not_found', `no ${what} "${id}"${hint ? `; ${hint}` : ''}`, {
    ...(path ? { location: { path } } : {}),
  });
}

/**
 * CLI exit codes by kind. 0 is success; 1 is reserved for internal errors (and for checks that
 * ran and failed, e.g. a backtest with mismatches), so a script can tell "my input is wrong" (2)
 * from "the numerics could not answer" (4) from "try again later / elsewhere" (3).
 */
export const EXIT_CODES: Readonly<Record<ErrorKind, number>> = {
  input: 2,
  not_found: 2,
  conflict: 3,
  solver: 4,
  internal: 1,
};

/**
 * HTTP statuses by kind. Input errors are 422 (well-formed request, unusable content); the few
 * codes in HTTP_STATUS_BY_CODE refine their kind's status where HTTP has a more exact answer.
 */
export const HTTP_STATUSES: Readonly<Record<ErrorKind, number>> = {
  input: 422,
  not_found: 404,
  conflict: 409,
  solver: 422,
  internal: 500,
};

/** Codes whose status (or exit code) is more exact than their kind's. */
export const HTTP_STATUS_BY_CODE: Readonly<Record<string, number>> = {
  // The request itself is malformed (query, params, names, body syntax).
  bad_request: 400,
  bad_name: 400,
  bad_json: 400,
  body_too_large: 413,
  unsupported_media_type: 415,
  misdirected_request: 421,
  // Capacity: try again later.
  too_many_runs: 429,
  too_many_scenarios: 429,
  engine_unavailable: 503,
};
export const EXIT_CODE_BY_CODE: Readonly<Record<string, number>> = {
  // A check that ran and found differences (e.g. `simulate backtest` mismatches).
  check_failed: 1,
  // Stopped by SIGINT after reporting what was done (128 + signal 2, the shell's convention).
  interrupted: 130,
};

/**
 * Any thrown value as a LeverageError. Built-in RangeErrors and TypeErrors thrown by argument
 * checks stay what they were (internal) unless the domain already turned them into input errors:
 * a bare RangeError reaching an edge is a bug to fix where it is thrown.
 */
export function asLeverageError(err: unknown): LeverageError {
  if (err instanceof LeverageError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new LeverageError('internal', 'internal', message, { cause: err });
}

export function exitCodeFor(err: unknown): number {
  const e = asLeverageError(err);
  return Object.hasOwn(EXIT_CODE_BY_CODE, e.code) ? EXIT_CODE_BY_CODE[e.code] : EXIT_CODES[e.kind];
}

export function httpStatusFor(err: unknown): number {
  const e = asLeverageError(err);
  return Object.hasOwn(HTTP_STATUS_BY_CODE, e.code) ? HTTP_STATUS_BY_CODE[e.code] : HTTP_STATUSES[e.kind];
}

/** True for an input error (what domains throw for a bad argument, e.g. an unknown product). */
export function isInputError(err: unknown): err is LeverageError {
  return err instanceof LeverageError && err.kind === 'input';
}

/** A broken invariant inside Leverage (mismatched array lengths and the like): a bug, not bad input. */
export function internalError(message: string): LeverageError {
  return new LeverageError('internal', 'internal', message);
}

/** The numerics could not answer (no convergence, singular system). */
export function solverError(message: string, code = 'solver_failed'): LeverageError {
  return new LeverageError('solver', code, message);
}
export { editDistance, closestNames, didYouMean } from './suggest.ts';
