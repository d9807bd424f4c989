// Parity between the edges: the CLI's `--json` and the API's body are the same report object.
// `cliJson` runs the CLI as a user would; `apiJson` asks an in-memory server (fastify inject,
// no socket). A parity test deep-equals the two for the same query.
import assert from 'node:assert/strict';
import { after } from 'node:test';
import { buildApp, type App } from '../../src/server/index.ts';
import { cli as leverage } from '../helpers.ts';
import { tempDir } from '../helpers.ts';

/** Run `leverage ...argv --json` and parse its one JSON document (the command must succeed). */
export async function cliJson(argv: string[]): Promise<unknown> {
  const r = await leverage([...argv, '--json']);
  assert.equal(r.status, 0, `leverage ${argv.join(' ')}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

let app: Promise<App> | null = null;
// registered when this helper is imported (top level of the test file): the app is closed when
// the whole file ends, not when the first describe block that used it does
after(async () => {
  if (app) await (await app).fastify.close();
});

/** One in-memory app per test file, closed when the file's tests end. */
function sharedApp(): Promise<App> {
  app ??= buildApp({ dataDir: tempDir('leverage-parity-'), executor: null });
  return app;
}

/** GET an API path on the in-memory server (POST with a JSON body); the answer must be 200 JSON. */
export async function apiJson(path: string, body?: object): Promise<unknown> {
  const a = await sharedApp();
  const r = await a.fastify.inject(
    body === undefined ? { method: 'GET', url: path } : { method: 'POST', url: path, payload: body },
  );
  assert.equal(r.statusCode, 200, `${body ? 'POST' : 'GET'} ${path}: ${r.body}`);
  return JSON.parse(r.body);
}

/** The parity assertion: the CLI's document deep-equals the API's body (GET, or POST with `body`). */
export async function assertParity(argv: string[], path: string, body?: object): Promise<unknown> {
  const [cli, api] = await Promise.all([cliJson(argv), apiJson(path, body)]);
  assert.deepEqual(
    cli,
    api,
    `leverage ${argv.join(' ')} --json differs from ${body ? 'POST' : 'GET'} ${path}`,
  );
  return cli;
}
