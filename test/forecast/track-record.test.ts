import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { readFileSync } from 'node:fs';
import {
  loadQuestionSet,
  scoreSet,
  trackRecord,
  trackRecordIfReady,
  trackRecordKey,
  trackRecordSummary,
} from '../../src/forecast/index.ts';
import { cli as leverage } from '../helpers.ts';
import { tempDir } from '../helpers.ts';

// Two origins of the built-in set keep this fast; the code path is the one of the built-in track record.
const dir = tempDir('leverage-track-');
const builtin = parse(readFileSync(new URL('../../data/questions/us-china.yaml', import.meta.url), 'utf8'));
builtin.questions = builtin.questions.filter((q: { asked: string }) =>
  ['2025-06-11', '2025-08-11'].includes(q.asked),
);
delete builtin.$schema;
const file = join(dir, 'q.yaml');
writeFileSync(file, stringify(builtin));
const cacheDir = join(dir, 'cache');

/** A process that does nothing until killed: a lock's holder. */
const holder = () => spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });

test('the track record is the score document, cached on disk, and equal to `leverage score --json` and `forecast` + `score --forecasts`', async () => {
  // another process holds the lock and is killed mid-computation (it removes nothing): the call
  // waiting on it takes over, computes, and leaves only the document
  mkdirSync(cacheDir);
  const h = holder();
  writeFileSync(join(cacheDir, `${trackRecordKey(file, 40, 2)}.lock`), String(h.pid));
  const first = trackRecord({ file, runs: 40, seed: 2, cacheDir });
  h.kill('SIGKILL');
  const a = await first;
  assert.deepEqual(readdirSync(cacheDir), [`${trackRecordKey(file, 40, 2)}.json`]);
  const direct = await scoreSet(loadQuestionSet(file), { runs: 40, seed: 2 });
  assert.equal(JSON.stringify(a), JSON.stringify(direct));
  const cli = await leverage(['score', file, '--runs', '40', '--seed', '2', '--json']);
  assert.equal(cli.status, 0, cli.stderr);
  assert.deepEqual(JSON.parse(cli.stdout), JSON.parse(JSON.stringify(a)));
  const f = await leverage([
    'forecast',
    file,
    '--runs',
    '40',
    '--seed',
    '2',
    '--workers',
    '2',
    '--json',
    '--out',
    join(dir, 'f.json'),
  ]);
  assert.equal(f.status, 0, f.stderr);
  const s = await leverage(['score', file, '--forecasts', join(dir, 'f.json'), '--json']);
  assert.equal(s.status, 0, s.stderr);
  assert.deepEqual(JSON.parse(s.stdout), JSON.parse(JSON.stringify(a)));
  // the summary shown beside the odds carries the document's numbers, unchanged
  const t = trackRecordSummary(a, file);
  assert.equal(t.brier, a.overall.model.brier);
  assert.equal(t.persistence_brier, a.overall.baselines.persistence.brier);
  assert.equal(t.best_brier, a.overall.baselines[a.overall.best_baseline].brier);
  assert.equal(t.verdict, a.verdict);
  assert.equal(t.beats_persistence, a.overall.model.brier < a.overall.baselines.persistence.brier);
  assert.match(t.command, /^leverage score .*q\.yaml --runs 40 --seed 2 --json$/);
  assert.equal(t.history.length, a.origins.length);
  // a second call reads the cache (a damaged entry would be recomputed, not trusted)
  const b = await trackRecord({ file, runs: 40, seed: 2, cacheDir });
  assert.equal(JSON.stringify(b), JSON.stringify(a));
});

test('bad --forecasts files and options are clear errors', async () => {
  writeFileSync(join(dir, 'bad.json'), JSON.stringify({ forecasts: [{ id: 'nope', p_yes: 0.5 }] }));
  const r = await leverage(['score', file, '--forecasts', join(dir, 'bad.json'), '--json']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /unknown question id "nope"/);
  assert.equal(r.stdout, '');
  writeFileSync(
    join(dir, 'bad2.json'),
    JSON.stringify({ forecasts: [{ id: builtin.questions[0].id, p_yes: 2 }] }),
  );
  const r2 = await leverage(['score', file, '--forecasts', join(dir, 'bad2.json')]);
  assert.match(r2.stderr, /forecasts\[0\]\.p_yes: expected a probability in 0\.\.1/);
  const r3 = await leverage(['forecast', file, '--runs', '0']);
  assert.equal(r3.status, 2);
  assert.match(r3.stderr, /--runs/);
});

test('one computation across processes: while another process holds the lock, the call waits and reads what it wrote', async () => {
  const locks = join(dir, 'locks');
  mkdirSync(locks);
  const h = holder();
  const key = trackRecordKey(file, 1, 2);
  writeFileSync(join(locks, `${key}.lock`), String(h.pid));
  // the call has started nothing when it returns; the holder then writes a document no
  // computation makes, and removes its lock
  const waiting = trackRecord({ file, runs: 1, seed: 2, cacheDir: locks });
  writeFileSync(join(locks, 'doc.tmp'), JSON.stringify({ written_by: 'the holder' }));
  renameSync(join(locks, 'doc.tmp'), join(locks, `${key}.json`));
  renameSync(join(locks, `${key}.lock`), join(locks, 'released'));
  assert.deepEqual(await waiting, { written_by: 'the holder' });
  h.kill();
});

test('trackRecordIfReady: null at once on a cold cache (scoring starts), the document once it is scored', async () => {
  const cold = join(dir, 'cold-cache');
  const o = { file, runs: 20, seed: 5, cacheDir: cold };
  assert.equal(await trackRecordIfReady(o), null, 'cold: no waiting');
  // the background scoring is the one trackRecord gives (memoised): wait for it, then it is ready
  const doc = await trackRecord(o);
  assert.equal(readdirSync(cold).length, 1);
  assert.deepEqual(await trackRecordIfReady(o), doc);
});
