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

test('the CSV answer of /averages (format=csv) is documented: its content type as served, its columns as the header row', async () => {
  const doc = (await call(srv.base, '/openapi.json')).body as any;
  const content = doc.paths['/api/scenarios/{name}/averages'].get.responses['200'].content;
  const types = Object.keys(content);
  assert.deepEqual(types, ['application/json', 'text/csv; charset=utf-8']);
  const csv = content['text/csv; charset=utf-8'];
  assert.equal(csv.schema.type, 'string');
  const columns: string[] = csv['x-columns'].map((c: { name: string }) => c.name);
  for (const c of csv['x-columns']) assert.ok(c.description.length > 0, `${c.name} is described`);
  assert.match(csv.schema.description, /^format=csv: /);
  for (const c of columns) assert.ok(csv.schema.description.includes(c), `the description names ${c}`);
  const url = '/api/scenarios/us-china/averages?from=2025-06-10&to=2025-06-12&format=csv';
  const r = await srv.app.fastify.inject({ method: 'GET', url });
  assert.equal(r.statusCode, 200);
  assert.equal(r.headers['content-type'], 'text/csv; charset=utf-8', 'served as documented');
  const lines = r.body.trimEnd().split('\n');
  const header = lines.find((l) => !l.startsWith('#'))!;
  assert.deepEqual(header.split(','), columns, 'the header row is the documented columns');
  const rows = lines.slice(lines.indexOf(header) + 1);
  assert.equal(rows.length, 3, 'one row per day');
  for (const row of rows) assert.equal(row.split(',').length, columns.length);
  assert.equal(rows[1].split(',')[0], '2025-06-11');
  // the JSON answer (the default) is the documented JSON
  const json = await srv.app.fastify.inject({ method: 'GET', url: url.replace('format=csv', 'format=json') });
  assert.match(String(json.headers['content-type']), /^application\/json/);
});
