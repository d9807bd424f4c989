// A date or control the request leaves out comes from the scenario's views block
// (docs/scenario.md#views), not from a copy in the server; without one the field is required.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { call, removeDir, start, tempDir } from './helpers.ts';

const DIR = tempDir();
let srv: Awaited<ReturnType<typeof start>>;
before(async () => {
  srv = await start({ dataDir: DIR });
});
after(async () => {
  await srv.close();
  removeDir(DIR);
});

test('the built-in views.date is the default date, and the scenario list hands it to the dashboard', async () => {
  const list = await call(srv.base, '/api/scenarios');
  const us = list.body.scenarios.find((s: { name: string }) => s.name === 'us-china');
  assert.equal(us.date, '2025-06-11');
  const dflt = await call(srv.base, '/api/scenarios/us-china/groups');
  const given = await call(srv.base, '/api/scenarios/us-china/groups?date=2025-06-11');
  assert.equal(dflt.status, 200, dflt.text);
  assert.deepEqual(dflt.body, given.body);
});

test("an upload's own views.date is its default; a scenario without one must be asked with a date", async () => {
  const up = await call(srv.base, '/api/scenarios', {
    json: { name: 'april', content: "id: april\nextends: us-china\nviews:\n  date: '2025-04-12'\n" },
  });
  assert.equal(up.status, 201, up.text);
  const a = await call(srv.base, '/api/scenarios/april/groups');
  const b = await call(srv.base, '/api/scenarios/us-china/groups?date=2025-04-12');
  assert.equal(a.body.date, '2025-04-12');
  assert.deepEqual(a.body.groups, b.body.groups);
  const plain = await call(srv.base, '/api/scenarios', {
    json: {
      name: 'plain',
      scenario: {
        id: 'plain',
        title: 'Plain',
        actors: { US: { name: 'United States' }, CN: { name: 'China' } },
      },
    },
  });
  assert.equal(plain.status, 201, plain.text);
  const g = await call(srv.base, '/api/scenarios/plain/groups');
  assert.equal(g.status, 400);
  assert.equal(g.body.error.message, 'query.date: required (scenario "plain" has no views.date)');
  const e = await call(srv.base, '/api/scenarios/plain/exposure');
  assert.equal(e.status, 400);
  assert.equal(e.body.error.message, 'query.measure: required (scenario "plain" has no views.control)');
});
