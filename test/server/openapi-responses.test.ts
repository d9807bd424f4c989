/* eslint-disable @typescript-eslint/no-explicit-any -- the OpenAPI document is read loosely */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { call, removeDir, start, tempDir } from './helpers.ts';

const DIR = tempDir();
let srv: Awaited<ReturnType<typeof start>>;

before(async () => {
  srv = await start({ dataDir: DIR, bodyLimit: 64 * 1024 });
});
after(async () => {
  await srv.close();
  removeDir(DIR);
});

test('a wrong content type is answered 415 as documented', async () => {
  const doc = (await call(srv.base, '/openapi.json')).body as any;
  const op = doc.paths['/api/scenarios/validate'].post;
  assert.ok(op.responses['415'], 'openapi documents 415 for a route with a body');
  const r = await call(srv.base, '/api/scenarios/validate', {
    method: 'POST',
    body: '<x/>',
    headers: { 'content-type': 'application/xml' },
  });
  assert.equal(r.status, 415);
  assert.equal(r.body.error.code, 'unsupported_media_type');
});

test('every $ref in openapi.json resolves under components/schemas', async () => {
  const doc = (await call(srv.base, '/openapi.json')).body as any;
  const refs = JSON.stringify(doc).match(/#\/components\/schemas\/[A-Za-z0-9_]+/g) ?? [];
  for (const ref of refs) assert.ok(doc.components.schemas[ref.split('/').pop()!], ref);
});

test('the published runs maximum is the limit the server enforces (not 2^53)', async () => {
  const doc = (await call(srv.base, '/openapi.json')).body as any;
  const body = doc.paths['/api/runs'].post.requestBody.content['application/json'].schema;
  const max = body.properties.runs.maximum;
  assert.equal(max, 20_000);
  const over = await call(srv.base, '/api/runs', { method: 'POST', json: { runs: max + 1 } });
  assert.equal(over.status, 422);
  assert.match(over.body.error.message, /at most 20,000/);
});
