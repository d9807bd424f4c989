import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ERROR_KINDS,
  EXIT_CODES,
  HTTP_STATUSES,
  LeverageError,
  asLeverageError,
  exitCodeFor,
  httpStatusFor,
  inputError,
  isInputError,
  notFoundError,
} from '../../src/errors/index.ts';
import { ScenarioError } from '../../src/io/index.ts';
import { InputFileError, readTextFile } from '../../src/io/text-file.ts';
import { SolveError } from '../../src/supply/linalg.ts';
import { MrioInputError } from '../../src/supply/system.ts';
import { GameInputError } from '../../src/game/errors.ts';
import { SimulationConfigError } from '../../src/simulate/config.ts';
import { ApiError } from '../../src/server/errors.ts';
import { UserError } from '../../src/cli/errors.ts';
import { deriveSeed } from '../../src/random/index.ts';

test('every kind has an exit code and an HTTP status; only internal errors exit 1 or answer 5xx', () => {
  for (const k of ERROR_KINDS) {
    assert.ok(Number.isInteger(EXIT_CODES[k]) && EXIT_CODES[k] > 0, k);
    assert.ok(HTTP_STATUSES[k] >= 400, k);
    assert.equal(EXIT_CODES[k] === 1, k === 'internal', k);
    assert.equal(HTTP_STATUSES[k] >= 500, k === 'internal', k);
  }
});

test('one mapping: a solver failure is the same kind at both edges (exit 4, HTTP 422, not 500)', () => {
  const e = new SolveError('singular matrix');
  assert.ok(e instanceof LeverageError);
  assert.equal(e.kind, 'solver');
  assert.equal(exitCodeFor(e), 4);
  assert.equal(httpStatusFor(e), 422);
});

test('the domain error classes are LeverageErrors of the right kind', () => {
  const cases: [LeverageError, string][] = [
    [new MrioInputError('bad table'), 'input'],
    [new GameInputError('unknown strategy'), 'input'],
    [new SimulationConfigError([{ path: ['runs'], message: 'must be > 0' }]), 'input'],
    [new InputFileError('x.csv', 'file is empty'), 'input'],
    [new UserError('bad flag'), 'input'],
    [new UserError('2 mismatches', { kind: 'conflict', code: 'check_failed' }), 'conflict'],
    [notFoundError('scenario', 'gone'), 'not_found'],
  ];
  for (const [e, kind] of cases) {
    assert.ok(e instanceof LeverageError, e.name);
    assert.equal(e.kind, kind, e.name);
  }
  assert.equal(new UserError('bad flag').exitCode, 2);
  assert.equal(new UserError('x', { kind: 'conflict', code: 'check_failed' }).exitCode, 1);
  assert.equal(new UserError('x', { kind: 'conflict', code: 'interrupted' }).exitCode, 130);
});

test('location detail is kept: a scenario error carries file, line, col and path of its first issue', () => {
  const e = new ScenarioError([
    { file: 'a.yaml', line: 12, col: 5, path: 'measures[3].rate_pct', message: 'must be >= 0' },
    { file: 'a.yaml', path: 'actors', message: 'missing' },
  ]);
  assert.deepEqual(e.location, { file: 'a.yaml', path: 'measures[3].rate_pct', line: 12, col: 5 });
  assert.match(e.message, /a\.yaml:12:5 measures\[3\]\.rate_pct: must be >= 0/);
  assert.equal(e.code, 'invalid_scenario');
  assert.equal((e.details as unknown[]).length, 2);
  const s = new SimulationConfigError([{ path: ['uncertain', 2, 'min'], message: 'too small' }]);
  assert.equal(s.location?.path, 'parameters.simulation.uncertain[2].min');
  assert.throws(
    () => readTextFile('/nonexistent/leverage-file.csv'),
    (err: unknown) =>
      err instanceof InputFileError && err.location?.file === '/nonexistent/leverage-file.csv',
  );
});

test('the API statuses of the old hand-written codes are unchanged by the catalogue', () => {
  const cases: [ConstructorParameters<typeof ApiError>[0], string, number][] = [
    ['input', 'bad_request', 400],
    ['input', 'bad_name', 400],
    ['input', 'invalid', 422],
    ['input', 'invalid_scenario', 422],
    ['input', 'misdirected_request', 421],
    ['not_found', 'not_found', 404],
    ['conflict', 'read_only', 409],
    ['conflict', 'too_many_runs', 429],
    ['conflict', 'engine_unavailable', 503],
  ];
  for (const [kind, code, status] of cases) {
    const e = new ApiError(kind, code, 'm', 'query.x');
    assert.equal(e.status, status, code);
    assert.equal(e.path, 'query.x');
  }
});

test('domains throw input errors, not bare RangeErrors; unknown throwables are internal', () => {
  assert.throws(
    () => deriveSeed(-1, 0),
    (err: unknown) => isInputError(err) && /non-negative integer seed/.test((err as Error).message),
  );
  const bare = asLeverageError(new RangeError('Invalid array length'));
  assert.equal(bare.kind, 'internal');
  assert.equal(exitCodeFor(new TypeError('x')), 1);
  assert.equal(httpStatusFor('a string'), 500);
  assert.equal(httpStatusFor(inputError('bad')), 422);
  // a code that is also an Object.prototype key does not pick up a prototype value
  assert.equal(exitCodeFor(new LeverageError('input', 'constructor', 'x')), 2);
});
