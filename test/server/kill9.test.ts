// kill -9 of a serving process: during a run and after runs have finished. On restart every
// finished run is read back exactly as it was, the run that was going is marked interrupted,
// and the run store passes SQLite's integrity check. (The in-process restart test in runs.test.ts
// closes the server cleanly; this one gives it no chance to.)
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { REPO_ROOT } from '../../src/io/index.ts';
import { call, readEvents, removeDir, runUnderWay, start, tempDir } from './helpers.ts';

const DIR = tempDir();
after(() => removeDir(DIR));

/** `leverage serve` in a child process; resolves with its base URL once it listens. */
function serve(dataDir: string): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(
    process.execPath,
    [join(REPO_ROOT, 'bin/leverage.js'), 'serve', '--port', '0', '--no-build', '--data-dir', dataDir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Leverage dashboard: (http:\/\/\S+?)\/?\n/.exec(out);
      if (m) resolve({ child, base: m[1] });
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.once('exit', (code) => reject(new Error(`serve exited ${code} before listening: ${err}`)));
  });
}

function kill9(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

async function finishedRun(base: string, seed: number) {
  const r = await call(base, '/api/runs', { json: { scenario: 'london-2025', runs: 100, seed } });
  assert.equal(r.status, 202, r.text);
  const events = await readEvents(`${base}/api/runs/${r.body.id}/events`, 120_000);
  assert.equal(events[events.length - 1].data.status, 'done');
  const res = await call(base, `/api/runs/${r.body.id}/result`);
  assert.equal(res.status, 200);
  return { id: r.body.id as string, result: res.body.result };
}

test(
  'kill -9 during a run and after runs finish: nothing finished is lost',
  { timeout: 600_000 },
  async () => {
    const dataDir = join(DIR, 'data');
    // 1. one run finished, one going: kill -9
    let s = await serve(dataDir);
    const first = await finishedRun(s.base, 3);
    const long = await call(s.base, '/api/runs', {
      json: { scenario: 'london-2025', runs: 20_000, seed: 4 },
    });
    assert.equal(long.status, 202, long.text);
    await runUnderWay(s.base, long.body.id);
    await kill9(s.child);

    // 2. restart (the lock left by the killed process is stale): a second run finishes; kill -9 again
    s = await serve(dataDir);
    const second = await finishedRun(s.base, 5);
    await kill9(s.child);

    // 3. in-process this time: read back what the killed processes left
    const srv = await start({ dataDir });
    try {
      for (const f of [first, second]) {
        const r = await call(srv.base, `/api/runs/${f.id}/result`);
        assert.equal(r.status, 200);
        assert.deepEqual(r.body.result, f.result, `run ${f.id} is read back as it was`);
      }
      const l = await call(srv.base, `/api/runs/${long.body.id}`);
      assert.equal(l.body.status, 'interrupted');
    } finally {
      await srv.close();
    }
    const db = new Database(join(dataDir, 'runs.sqlite'), { readonly: true });
    try {
      assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    } finally {
      db.close();
    }
  },
);
