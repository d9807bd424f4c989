// Monte Carlo runs over HTTP: start -> id, progress as server-sent events, results, list,
// delete, limits (size 422, concurrency 429), and a restart with runs in the SQLite store.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { call, readEvents, removeDir, runUnderWay, start, tempDir } from './helpers.ts';

const DIR = tempDir();
after(() => removeDir(DIR));

describe('runs', () => {
  let srv: Awaited<ReturnType<typeof start>>;
  let base = '';
  before(async () => {
    srv = await start({ dataDir: DIR, maxConcurrentRuns: 2, maxRunSize: 20_000 });
    base = srv.base;
  });
  after(async () => {
    if (srv) await srv.close();
  });

  let doneId = '';
  test('start a run, follow its progress as server-sent events, read the result', async () => {
    const r = await call(base, '/api/runs', { json: { scenario: 'us-china', runs: 300, seed: 7 } });
    assert.equal(r.status, 202, r.text);
    assert.match(r.body.id, /^[0-9a-f-]{36}$/);
    assert.equal(r.headers.get('location'), `/api/runs/${r.body.id}`);
    const events = await readEvents(`${base}/api/runs/${r.body.id}/events`);
    assert.ok(events.length >= 2, JSON.stringify(events));
    assert.equal(events[0].event, 'progress');
    const end = events[events.length - 1];
    assert.equal(end.event, 'end');
    assert.equal(end.data.status, 'done');
    const progress = events.filter((e) => e.event === 'progress').map((e) => e.data.progress as number);
    for (let i = 1; i < progress.length; i++)
      assert.ok(progress[i] >= progress[i - 1], 'progress never goes back');
    const res = await call(base, `/api/runs/${r.body.id}/result`);
    assert.equal(res.status, 200);
    assert.equal(res.body.status, 'done');
    assert.equal(res.body.result.runs_completed, 300);
    assert.equal(res.body.result.seed, 7);
    assert.ok(res.body.result.weeks.length > 10);
    assert.ok(res.body.result.outcomes.framework.probability >= 0);
    const row = await call(base, `/api/runs/${r.body.id}`);
    assert.equal(row.body.progress, 1);
    doneId = r.body.id;
    // events of a finished run: one progress and the end
    const again = await readEvents(`${base}/api/runs/${r.body.id}/events`);
    assert.deepEqual(
      again.map((e) => e.event),
      ['progress', 'end'],
    );
  });

  test("a what-if strategy without the base strategy's parameters runs (its uncertain parameters are dropped)", async () => {
    const r = await call(base, '/api/runs', {
      json: {
        scenario: 'us-china',
        runs: 100,
        seed: 3,
        options: { strategies: { US: { name: 'TitForTat' } } },
      },
    });
    assert.equal(r.status, 202, r.text);
    const events = await readEvents(`${base}/api/runs/${r.body.id}/events`);
    assert.equal(events[events.length - 1].data.status, 'done', JSON.stringify(events[events.length - 1]));
    const res = await call(base, `/api/runs/${r.body.id}/result`);
    assert.equal(res.body.result.strategies.US.name, 'TitForTat');
    assert.ok(!res.body.result.uncertain.some((u: { path: string }) => u.path.startsWith('strategies.US.')));
  });

  test('same scenario and seed give identical results', async () => {
    const r = await call(base, '/api/runs', { json: { scenario: 'us-china', runs: 300, seed: 7 } });
    await readEvents(`${base}/api/runs/${r.body.id}/events`);
    const a = await call(base, `/api/runs/${doneId}/result`);
    const b = await call(base, `/api/runs/${r.body.id}/result`);
    assert.deepEqual(b.body.result.weeks, a.body.result.weeks);
    assert.deepEqual(b.body.result.outcomes, a.body.result.outcomes);
    assert.equal((await call(base, `/api/runs/${r.body.id}`, { method: 'DELETE' })).body.outcome, 'deleted');
  });

  test('a run with what-if edits differs from the recorded scenario', async () => {
    const r = await call(base, '/api/runs', {
      json: {
        scenario: 'us-china',
        runs: 300,
        seed: 7,
        options: {
          overrides: [
            { importer: 'US', exporter: 'CN', authority: 'IEEPA reciprocal', pct: 125, from: '2025-06-11' },
          ],
        },
      },
    });
    assert.equal(r.status, 202, r.text);
    const ev = await readEvents(`${base}/api/runs/${r.body.id}/events`);
    assert.equal(ev[ev.length - 1].data.status, 'done');
    const a = await call(base, `/api/runs/${doneId}/result`);
    const b = await call(base, `/api/runs/${r.body.id}/result`);
    const us = (x: typeof a) => x.body.result.weeks[2].tariff_US_on_CN_pct.p50;
    assert.ok(us(b) > us(a), `${us(b)} > ${us(a)}`);
    const bad = await call(base, '/api/runs', {
      json: {
        scenario: 'us-china',
        runs: 10,
        options: {
          overrides: [{ importer: 'US', exporter: 'CN', authority: 'Nope', pct: 1, from: '2025-06-11' }],
        },
      },
    });
    assert.equal(bad.status, 400);
  });

  test('run size is limited: 422', async () => {
    const r = await call(base, '/api/runs', { json: { scenario: 'us-china', runs: 20_001 } });
    assert.equal(r.status, 422);
    assert.equal(r.body.error.code, 'too_large');
    assert.equal(r.body.error.path, 'body.runs');
    const zero = await call(base, '/api/runs', { json: { scenario: 'us-china', runs: 0 } });
    assert.equal(zero.status, 400);
  });

  test('unknown and malformed run ids', async () => {
    assert.equal((await call(base, '/api/runs/00000000-0000-4000-8000-000000000000')).status, 404);
    assert.equal((await call(base, '/api/runs/00000000-0000-4000-8000-000000000000/result')).status, 404);
    assert.equal((await call(base, '/api/runs/00000000-0000-4000-8000-000000000000/events')).status, 404);
    assert.equal(
      (await call(base, '/api/runs/00000000-0000-4000-8000-000000000000', { method: 'DELETE' })).status,
      404,
    );
    const bad = await call(base, '/api/runs/not-a-uuid');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.path, 'params.id');
    const scn = await call(base, '/api/runs', { json: { scenario: '../etc', runs: 10 } });
    assert.equal(scn.status, 400);
    const missing = await call(base, '/api/runs', { json: { scenario: 'missing-scenario', runs: 10 } });
    assert.equal(missing.status, 404);
  });

  test('concurrent runs are limited: the third answers 429; cancelling frees a slot', async () => {
    const body = { scenario: 'us-china', runs: 20_000, seed: 1 };
    const [a, b, c] = await Promise.all([
      call(base, '/api/runs', { json: body }),
      call(base, '/api/runs', { json: body }),
      call(base, '/api/runs', { json: body }),
    ]);
    const statuses = [a.status, b.status, c.status].sort();
    assert.deepEqual(statuses, [202, 202, 429]);
    const limited = [a, b, c].find((x) => x.status === 429)!;
    assert.equal(limited.body.error.code, 'too_many_runs');
    const ids = [a, b, c].filter((x) => x.status === 202).map((x) => x.body.id as string);
    const cancel = await call(base, `/api/runs/${ids[0]}`, { method: 'DELETE' });
    assert.equal(cancel.body.outcome, 'cancelled');
    assert.equal((await call(base, `/api/runs/${ids[0]}`)).body.status, 'cancelled');
    const d = await call(base, '/api/runs', { json: { ...body, runs: 100 } });
    assert.equal(d.status, 202, 'a slot is free again');
    assert.equal(
      (await call(base, `/api/runs/${ids[0]}/result`)).status,
      409,
      'no result for a cancelled run',
    );
    await call(base, `/api/runs/${ids[1]}`, { method: 'DELETE' });
    await readEvents(`${base}/api/runs/${d.body.id}/events`);
  });

  test('one run, step by step: the same seed and run index give the same story', async () => {
    const a = await call(base, '/api/scenarios/us-china/story?seed=1&run=3');
    assert.equal(a.status, 200, a.text);
    assert.ok(a.body.moves.length > 0);
    assert.ok(a.body.weeks.length > 10);
    assert.ok(Object.keys(a.body.parameters).length > 0);
    const b = await call(base, '/api/scenarios/us-china/story?seed=1&run=3');
    assert.deepEqual(b.body, a.body);
    const c = await call(base, '/api/scenarios/us-china/story?seed=1&run=4');
    assert.notDeepEqual(c.body.parameters, a.body.parameters);
    assert.equal((await call(base, '/api/scenarios/us-china/story?run=-1')).status, 400);
  });

  test('the list shows runs newest first with their status', async () => {
    const r = await call(base, '/api/runs');
    assert.equal(r.status, 200);
    assert.ok(r.body.runs.length >= 4);
    const created = r.body.runs.map((x: { created_at: string }) => x.created_at);
    assert.deepEqual([...created].sort().reverse(), created);
    assert.ok(r.body.runs.some((x: { status: string }) => x.status === 'cancelled'));
  });
});

describe('one server per data directory', () => {
  test('a second server on the same data directory is refused; a stale lock is taken over', async () => {
    const dir = join(DIR, 'locked');
    const a = await start({ dataDir: dir });
    try {
      await assert.rejects(start({ dataDir: dir }), /in use by another Leverage server/);
    } finally {
      await a.close();
    }
    writeFileSync(join(dir, 'server.lock'), '999999999'); // a process that does not exist
    const b = await start({ dataDir: dir });
    assert.equal(readFileSync(join(dir, 'server.lock'), 'utf8'), String(process.pid));
    await b.close();
    assert.equal(existsSync(join(dir, 'server.lock')), false, 'the lock goes with the server');
  });
});

describe('a restart keeps finished runs and marks interrupted ones', () => {
  const dir = join(DIR, 'restart');
  test('runs survive a restart; running ones become interrupted', async () => {
    let srv = await start({ dataDir: dir });
    const done = await call(srv.base, '/api/runs', { json: { scenario: 'us-china', runs: 200, seed: 3 } });
    await readEvents(`${srv.base}/api/runs/${done.body.id}/events`);
    const before = await call(srv.base, `/api/runs/${done.body.id}/result`);
    assert.equal(before.status, 200);
    // a long run still going when the server stops
    const long = await call(srv.base, '/api/runs', {
      json: { scenario: 'us-china', runs: 20_000, seed: 3 },
    });
    assert.equal(long.status, 202);
    await runUnderWay(srv.base, long.body.id);
    await srv.close();
    // a crash leaves rows running: simulate one in the store
    const db = new Database(join(dir, 'runs.sqlite'));
    db.prepare(
      `INSERT INTO runs (id, scenario, params_json, status, progress, created_at) VALUES ('11111111-1111-4111-8111-111111111111', 'us-china', '{"runs":5}', 'running', 0.4, ?)`,
    ).run(new Date().toISOString());
    db.close();

    srv = await start({ dataDir: dir });
    try {
      const after = await call(srv.base, `/api/runs/${done.body.id}/result`);
      assert.equal(after.status, 200);
      assert.deepEqual(after.body.result, before.body.result, 'the finished result is kept as it was');
      const l = await call(srv.base, `/api/runs/${long.body.id}`);
      assert.equal(l.body.status, 'interrupted');
      const crashed = await call(srv.base, '/api/runs/11111111-1111-4111-8111-111111111111');
      assert.equal(crashed.body.status, 'interrupted');
      assert.match(crashed.body.error, /server stopped/);
      const ev = await readEvents(`${srv.base}/api/runs/11111111-1111-4111-8111-111111111111/events`);
      assert.equal(ev[ev.length - 1].data.status, 'interrupted');
      const del = await call(srv.base, `/api/runs/${long.body.id}`, { method: 'DELETE' });
      assert.equal(del.body.outcome, 'deleted');
    } finally {
      await srv.close();
    }
  });
});
