// The ledger-view routes (averages, since-then, who-paid) and the as_of rules every scenario
// answer follows: as_of in the body, a warning for a date past it, a located error before the
// ledger's first date. CLI --json and API bodies are the same report documents.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { call, removeDir, start, tempDir } from './helpers.ts';

const DIR = tempDir();
let srv: Awaited<ReturnType<typeof start>>;
let base = '';

before(async () => {
  srv = await start({ dataDir: DIR });
  base = srv.base;
});
after(async () => {
  await srv.close();
  removeDir(DIR);
});

describe('ledger views over HTTP', () => {
  test('GET /averages: one row per day, both ways, with the PIIE points and as_of', async () => {
    const r = await call(base, '/api/scenarios/us-china/averages?from=2026-02-20&to=2026-02-28');
    assert.equal(r.status, 200);
    assert.equal(r.body.as_of, '2026-08-07');
    assert.deepEqual(r.body.warnings, []);
    assert.equal(r.body.days.length, 9);
    assert.ok(r.body.reference_points.length > 0);
    const csv = await fetch(
      `${base}/api/scenarios/us-china/averages?from=2026-02-20&to=2026-02-28&format=csv`,
    );
    assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
    const lines = (await csv.text()).trimEnd().split('\n');
    assert.match(lines[0], /^# Leverage ledger/);
    assert.match(lines[1], /^date,us_on_cn_additional_pct,/);
  });

  test('a date past as_of is answered with a warning naming the as-of date (any scenario route)', async () => {
    const r = await call(base, '/api/scenarios/us-china/ledger?date=2026-10-01');
    assert.equal(r.status, 200);
    assert.equal(r.body.as_of, '2026-08-07');
    assert.equal(r.body.warnings.length, 1);
    assert.match(r.body.warnings[0], /query\.date: 2026-10-01 is after the scenario's as-of date 2026-08-07/);
  });

  test('past the scheduled end of the Busan suspensions: the same flag and scheduled_changes; before as_of, none', async () => {
    const r = await call(base, '/api/scenarios/us-china/ledger?date=2026-11-28');
    assert.equal(r.status, 200);
    assert.equal(r.body.warnings.length, 1);
    assert.match(r.body.warnings[0], /scheduled, not verified after 2026-08-07: 2026-11-10 /);
    assert.equal(r.body.scheduled_changes.length, 8);
    const early = await call(base, '/api/scenarios/us-china/ledger?date=2026-08-01');
    assert.deepEqual(early.body.warnings, []);
    assert.deepEqual(early.body.scheduled_changes, []);
  });

  test('a date before the ledger first date is a located input error (the catalogue status)', async () => {
    const r = await call(base, '/api/scenarios/us-china/ledger?date=2017-06-01');
    assert.equal(r.status, 422);
    assert.equal(r.body.error.code, 'before_ledger');
    assert.equal(r.body.error.path, 'query.date');
    assert.match(r.body.error.message, /before the ledger's first date \(2018-01-01\)/);
  });

  test('GET /who-paid and /since-then answer their report documents', async () => {
    const w = await call(base, '/api/scenarios/us-china/who-paid?from=2025-01-01');
    assert.equal(w.status, 200);
    assert.match(w.body.assumption, /static-flow estimate/);
    assert.ok(w.body.ieepa_refundable.duties_usd > 0);
    const s = await call(base, '/api/scenarios/us-china/since-then');
    assert.equal(s.status, 200);
    assert.equal(s.body.then, '2025-06-11');
    assert.equal(s.body.now, '2026-08-07');
  });
});
