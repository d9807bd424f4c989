// The package as a user gets it: `npm pack`, the tarball installed into an empty folder, then
// the CLI (help, a ledger query, the server without Vite) and the library from .mjs and .ts.
// Uses the dist/ that `pretest` built; the tarball's dependencies come from npm's cache.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { loadScenarioSync } from '../../src/io/index.ts';
import { tariffStack } from '../../src/ledger/index.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

test(
  'npm pack: the tarball installs and runs without tsx, Vite or the sources',
  { timeout: 600_000 },
  async (t) => {
    assert.ok(existsSync(join(ROOT, 'dist/cli/main.js')), 'dist/ is built (pretest)');
    assert.ok(existsSync(join(ROOT, 'web/dist/index.html')), 'the dashboard is built (pretest)');
    const dir = mkdtempSync(join(tmpdir(), 'leverage-pack-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));

    // pretest has just built dist/ and web/dist: pack them as they are
    const packed = await run(NPM, ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], {
      cwd: ROOT,
      maxBuffer: 64 << 20,
    });
    const info = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
    const paths = info[0].files.map((f) => f.path);
    assert.ok(paths.includes('dist/cli/main.js') && paths.includes('dist/index.d.ts'));
    assert.ok(paths.includes('dist/cli/commands.json') && paths.includes('web/dist/index.html'));
    // the CLI the bin runs and the Monte Carlo worker, bundled by the build (scripts/build.mjs)
    assert.ok(paths.includes('dist/bundle/main.js') && paths.includes('dist/bundle/simulate-worker.js'));
    assert.ok(
      !paths.some((p) => p.startsWith('src/') || p.startsWith('test/') || p.startsWith('web/src/')),
      'no sources',
    );
    assert.ok(!paths.some((p) => p.endsWith('.tsbuildinfo')));

    const app = join(dir, 'app');
    cpSync(join(ROOT, 'test/package/app'), app, { recursive: true });
    await run(
      NPM,
      [
        'install',
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
        join(dir, info[0].filename),
      ],
      { cwd: app, maxBuffer: 64 << 20 },
    );
    // --ignore-scripts skips better-sqlite3's native build (minutes); its binary for this node is ours
    const native = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
    mkdirSync(dirname(join(app, native)), { recursive: true });
    cpSync(join(ROOT, native), join(app, native));
    for (const devOnly of ['tsx', 'vite', 'react', 'typescript'])
      assert.ok(
        !existsSync(join(app, 'node_modules', devOnly)),
        `${devOnly} is not installed with the package`,
      );
    const bin = join(app, 'node_modules/.bin/leverage');

    const help = await run(bin, ['--help'], { cwd: app });
    assert.match(help.stdout, /^Usage: leverage /);
    assert.match(help.stdout, /\n {2}ledger \[options\] \[scenario\]/);

    const ledger = await run(bin, ['ledger', '--product', '4202.21', '--at', '2025-06-11', '--json'], {
      cwd: app,
    });
    const doc = JSON.parse(ledger.stdout) as { stacks: { total_pct: number }[] };
    assert.equal(doc.stacks[0].total_pct, 55, 'handbags from China on 11 June 2025: the "55%"');

    // the library: plain JavaScript, and TypeScript through the shipped declarations
    const mjs = await run(process.execPath, ['use.mjs'], { cwd: app });
    const scn = loadScenarioSync('london-2025');
    const expected = tariffStack(scn, {
      importer: 'US',
      exporter: 'CN',
      product: '4202.21',
      date: '2025-06-11',
    });
    assert.equal(mjs.stdout.trim(), `${expected.total_pct} function function`);
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    await run(process.execPath, [tsc, '--noEmit', '-p', 'tsconfig.json'], { cwd: app });
    writeFileSync(
      join(app, 'bad.ts'),
      "import { tariffStack } from 'leverage';\nconst n: string = tariffStack;\n",
    );
    await assert.rejects(
      run(process.execPath, [tsc, '--noEmit', '-p', 'tsconfig.json'], { cwd: app }),
      (err: { stdout?: string }) => /bad\.ts.*TS2322/.test(err.stdout ?? ''),
      'the declarations are real: a wrong use fails to typecheck',
    );

    // the server: dashboard and API from the package folder, no Vite to build with
    const data = join(dir, 'data');
    const server = spawn(bin, ['serve', '--port', '0', '--data-dir', data], { cwd: app });
    t.after(() => server.kill('SIGKILL'));
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      let err = '';
      server.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        const m = /Leverage dashboard: (http\S+)/.exec(out);
        if (m) resolve(m[1]);
      });
      server.stderr.on('data', (b: Buffer) => (err += b.toString()));
      server.on('exit', (code) => reject(new Error(`serve exited (${code}): ${err}`)));
    });
    const health = await fetch(new URL('api/health', url));
    assert.equal(health.status, 200);
    // answered by the compiled pool thread (app.ts threads: the default from dist/)
    const ledgerApi = await fetch(new URL('api/scenarios/london-2025/ledger?date=2025-06-11', url));
    assert.equal(ledgerApi.status, 200);
    const hb = ((await ledgerApi.json()) as { stacks: { product: string; total_pct: number }[] }).stacks.find(
      (x) => x.product === '420221',
    );
    assert.equal(hb?.total_pct, 55);
    const page = await fetch(url);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<div id="root">/);
    server.kill('SIGTERM');
  },
);
