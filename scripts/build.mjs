// The build (`npm run build`; also `prepare` and `pretest`): src/ compiled to dist/ by tsc
// (incremental: a no-change rebuild is quick), the CLI's command manifest, and the dashboard
// (web/dist, by Vite) when it is missing or older than its sources.
//   node scripts/build.mjs [--no-web]
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
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

const { buildManifest } = await import('../dist/cli/manifest.js');
writeFileSync(
  new URL('../dist/cli/commands.json', import.meta.url),
  JSON.stringify(await buildManifest(), null, 1) + '\n',
);

if (!process.argv.includes('--no-web')) {
  const { buildWebIfMissing } = await import('../dist/server/index.js');
  if (await buildWebIfMissing({ ifStale: true })) process.stdout.write('build: dashboard built (web/dist)\n');
}
