import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { removeDir, start, tempDir } from '../server/helpers.ts';
import { cli as leverage } from '../helpers.ts';

const dir = tempDir();
const server = await start({ dataDir: dir });
after(async () => {
  await server.close();
  removeDir(dir);
});
// requests injected, not over a socket: the in-process CLI holds the event loop for seconds, the
// server meanwhile closes the idle kept-alive socket, and the next fetch on it fails
async function get(url: string) {
  const r = await server.app.fastify.inject({ method: 'GET', url });
  return { status: r.statusCode, body: r.json() };
}

test('GET /api/questions/us-china/resolve is the document of `leverage questions resolve --json`', async () => {
  const [api, cli] = await Promise.all([
    get('/api/questions/us-china/resolve'),
    leverage(['questions', 'resolve', 'data/questions/us-china.yaml', '--json']),
  ]);
  assert.equal(api.status, 200);
  assert.equal(cli.status, 0, cli.stderr);
  assert.deepEqual(api.body, JSON.parse(cli.stdout));
  assert.ok(api.body.resolutions.length >= 60);
});

test('the forecast routes are in the OpenAPI document', async () => {
  const r = await get('/openapi.json');
  for (const p of ['/api/track-record', '/api/questions/us-china/score', '/api/questions/us-china/resolve'])
    assert.ok(r.body.paths[p], p);
});
