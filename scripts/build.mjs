// The build (`npm run build`; also `prepare` and `pretest`): src/ compiled to dist/ by tsc
// (incremental: a no-change rebuild is quick), the CLI's command manifest, and the dashboard
// (web/dist, by Vite) when it is missing or older than its sources.
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

const { buildManifest } = await import('../dist/cli/manifest.js');
writeFileSync(
  new URL('../dist/cli/commands.json', import.meta.url),
  JSON.stringify(await buildManifest(), null, 1) + '\n',
);

if (!process.argv.includes('--no-web')) {
  const { buildWebIfMissing } = await import('../dist/server/index.js');
  if (await buildWebIfMissing({ ifStale: true })) process.stdout.write('build: dashboard built (web/dist)\n');
}
