// The server with its heavy work in worker threads (app.ts `threads`, the compiled default):
// the same answers as inline, errors with their kind and code, Monte Carlo runs with progress
// and cancellation, and an event loop that keeps answering while the threads work.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { call, readEvents, removeDir, runUnderWay, start, tempDir } from './helpers.ts';

let threaded: Awaited<ReturnType<typeof start>>;
let inline: Awaited<ReturnType<typeof start>>;
const dirs: string[] = [];
// a thread started from source loads tsx first: generous on a loaded machine
const SLOW_MS = 300_000;

before(async () => {
  dirs.push(tempDir(), tempDir());
  threaded = await start({ dataDir: dirs[0], threads: true });
  inline = await start({ dataDir: dirs[1], threads: false });
});
after(async () => {
  await threaded?.close();
  await inline?.close();
  for (const d of dirs) removeDir(d);
});

test('the event loop answers /api/health while a thread computes the claims', async () => {
  // the first claims of a thread reads the shipped flows: long enough to probe meanwhile
  let claimsDone = false;
  const claims = call(threaded.base, '/api/scenarios/london-2025/claims').then((r) => {
    claimsDone = true;
    return r;
  });
  const health = await call(threaded.base, '/api/health');
  assert.equal(health.status, 200);
  assert.equal(claimsDone, false, 'health answered before the claims were ready');
  assert.equal((await claims).status, 200);
});

test('threaded answers equal the inline ones, byte for byte', async () => {
  for (const path of [
    '/api/scenarios',
    '/api/scenarios/london-2025',
    '/api/scenarios/london-2025/ledger?date=2025-06-11',
    '/api/scenarios/london-2025/timeline?from=2025-01-01&to=2025-03-31',
    '/api/scenarios/london-2025/tariffs?importer=US&exporter=CN&group=handbags&from=2025-01-01&to=2025-12-31&step=month',
    '/api/scenarios/london-2025/groups?date=2025-06-11&importer=US&exporter=CN',
    '/api/scenarios/london-2025/claims',
    '/api/scenarios/london-2025/response?at=2025-06-11&base_date=2025-01-01&model=smart',
    '/api/scenarios/london-2025/story?seed=3&run=1',
  ]) {
    const [a, b] = await Promise.all([call(threaded.base, path), call(inline.base, path)]);
    assert.equal(a.status, 200, `${path}: ${a.text.slice(0, 200)}`);
    assert.equal(a.text, b.text, path);
  }
  const body = { players: ['GenerousTitForTat', 'Random', 'TACO'], turns: 50, repetitions: 3, seed: 1 };
  const [a, b] = await Promise.all([
    call(threaded.base, '/api/game/tournament', { json: body }),
    call(inline.base, '/api/game/tournament', { json: body }),
  ]);
  assert.equal(a.status, 200, a.text);
  assert.equal(a.text, b.text);
});

test('errors from a thread keep their status, code and path', async () => {
  for (const [method, path, json] of [
    ['GET', '/api/scenarios/no-such-scenario/ledger?date=2025-06-11', undefined],
    ['GET', '/api/scenarios/london-2025/ledger?date=2025-02-30', undefined],
    ['GET', '/api/scenarios/london-2025/ledger?date=2025-06-11&group=nope', undefined],
    ['POST', '/api/scenarios/london-2025/tariffs', []],
    ['POST', '/api/game/tournament', { players: ['NoSuchStrategy', 'TitForTat'], turns: 5, repetitions: 1 }],
    ['POST', '/api/runs', { scenario: 'no-such-scenario', runs: 10, seed: 1 }],
  ] as const) {
    const [a, b] = await Promise.all([
      call(threaded.base, path, { method, ...(json !== undefined ? { json } : {}) }),
      call(inline.base, path, { method, ...(json !== undefined ? { json } : {}) }),
    ]);
    assert.ok(a.status >= 400 && a.status < 500, `${path}: ${a.status}`);
    assert.equal(a.status, b.status, path);
    assert.deepEqual(a.body, b.body, path);
  }
});

test('a Monte Carlo run in the pool reports progress and equals the inline run', async () => {
  const json = { scenario: 'london-2025', runs: 200, seed: 11 };
  const ids = await Promise.all(
    [threaded, inline].map(async (s) => (await call(s.base, '/api/runs', { json })).body.id as string),
  );
  const events = await readEvents(`${threaded.base}/api/runs/${ids[0]}/events`, SLOW_MS);
  assert.ok(events.some((e) => e.event === 'progress' && e.data.done > 0));
  assert.equal(events.at(-1)!.data.status, 'done');
  await readEvents(`${inline.base}/api/runs/${ids[1]}/events`, SLOW_MS);
  const [a, b] = await Promise.all([
    call(threaded.base, `/api/runs/${ids[0]}/result`),
    call(inline.base, `/api/runs/${ids[1]}/result`),
  ]);
  assert.deepEqual(a.body.result, b.body.result);
});

test('a run cancelled while a thread runs it stops', async () => {
  const r = await call(threaded.base, '/api/runs', {
    json: { scenario: 'london-2025', runs: 20000, seed: 2 },
  });
  assert.equal(r.status, 202);
  // wait until the thread has started on it, then cancel
  await runUnderWay(threaded.base, r.body.id);
  const del = await call(threaded.base, `/api/runs/${r.body.id}`, { method: 'DELETE' });
  assert.equal(del.status, 200);
  const events = await readEvents(`${threaded.base}/api/runs/${r.body.id}/events`, SLOW_MS);
  assert.equal(events.at(-1)!.data.status, 'cancelled');
});
