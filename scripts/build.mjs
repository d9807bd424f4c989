// The build (`npm run build`; also `prepare` and `pretest`): src/ compiled to dist/ by tsc
// (incremental: a no-change rebuild is quick), the CLI and the Monte Carlo worker bundled from
// it (dist/bundle/, esbuild), the CLI's command manifest, and the dashboard (web/dist, by Vite)
// when it is missing or older than its sources.
//   node scripts/build.mjs [--no-web]
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
if (r.status !== 0) {
  process.stderr.write('build: tsc failed\n');
  process.exit(r.status ?? 1);
}

// tsc never deletes the output of a source that is gone (a file split or renamed): remove it, so
// dist/ holds only what src/ compiles to (and the build id below hashes only that).
const dist = join(root, 'dist');
const bundle = join(dist, 'bundle');
rmSync(bundle, { recursive: true, force: true }); // rebuilt below from this build's dist/
for (const f of readdirSync(dist, { recursive: true })) {
  const m = /^(.*?)(\.d)?\.js(\.map)?$|^(.*?)\.d\.ts(\.map)?$/.exec(f);
  if (!m) continue;
  const base = m[1] ?? m[4];
  if (!['.ts', '.tsx', '.js', '.mjs'].some((ext) => existsSync(join(root, 'src', base + ext))))
    rmSync(join(dist, f));
}

// The build's id names the compiled code: parse caches (src/io/parse-cache.ts) key on it.
const hash = createHash('sha256');
for (const f of readdirSync(dist, { recursive: true })
  .filter((f) => f.endsWith('.js'))
  .sort())
  hash.update(`${f}\n`).update(readFileSync(join(dist, f)));
writeFileSync(join(dist, 'build-id'), hash.digest('hex').slice(0, 32) + '\n');

// The CLI as one ES module bundle with a chunk per lazily loaded command (dist/bundle/, esbuild):
// a process loads a few files instead of about 300 (dist/ and zod, commander, yaml, ...), about
// 30% less start-up CPU (bench/RESULTS.md, "Package"). Native and server-only packages stay
// outside. bin/leverage.js runs it when present; without esbuild (it comes with tsx, a
// development tool) the build skips it and the CLI runs dist/cli/main.js, the same code.
let esbuild = null;
try {
  esbuild = createRequire(import.meta.url)('esbuild');
} catch {
  process.stdout.write('build: esbuild not found, no CLI bundle (dist/cli/main.js is used)\n');
}
const bundleOptions = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'error',
  external: ['better-sqlite3', 'fastify', '@fastify/*', 'vite', '@vitejs/*', '@duckdb/*'],
  // bundled CommonJS packages (commander, cli-table3) require node's own modules
  banner: {
    js: "import { createRequire as __leverageRequire } from 'node:module'; const require = __leverageRequire(import.meta.url);",
  },
};
if (esbuild) {
  await esbuild.build({
    ...bundleOptions,
    entryPoints: [join(dist, 'cli/main.js')],
    outdir: bundle,
    splitting: true,
  });
  // the Monte Carlo worker thread in one file (src/simulate/runner.ts starts it when present)
  await esbuild.build({
    ...bundleOptions,
    entryPoints: [join(dist, 'simulate/worker.js')],
    outfile: join(bundle, 'simulate-worker.js'),
  });
}

const { buildManifest } = await import('../dist/cli/manifest.js');
writeFileSync(
  new URL('../dist/cli/commands.json', import.meta.url),
  JSON.stringify(await buildManifest(), null, 1) + '\n',
);

if (!process.argv.includes('--no-web')) {
  const { buildWebIfMissing } = await import('../dist/server/index.js');
  if (await buildWebIfMissing({ ifStale: true })) process.stdout.write('build: dashboard built (web/dist)\n');
}
