#!/usr/bin/env node
// Entry point for `npx leverage`: the compiled CLI (dist/, built by `npm install` / `npm run build`).
// In a development checkout whose src/ has changed since the last build, run the sources through
// tsx instead, so a stale dist/ never answers for edited code (the package ships no src/).
import { existsSync, readdirSync, statSync } from 'node:fs';
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';

// the build's one-file bundle of the same code (scripts/build.mjs) when it made one; the build
// writes it before commands.json, so the check below also covers it
const bundled = new URL('../dist/bundle/main.js', import.meta.url);
const main = existsSync(bundled) ? bundled : new URL('../dist/cli/main.js', import.meta.url);
const built = new URL('../dist/cli/commands.json', import.meta.url); // written last by the build
const src = fileURLToPath(new URL('../src/', import.meta.url));

function newerThan(dir, t) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = `${dir}/${e.name}`;
    if (e.isDirectory() ? newerThan(p, t) : statSync(p).mtimeMs > t) return true;
  }
  return false;
}

if (existsSync(src) && (!existsSync(built) || newerThan(src, statSync(built).mtimeMs))) {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
} else if (existsSync(main)) {
  await import(main.href);
} else {
  process.stderr.write('leverage: the build is missing (dist/); run `npm run build` in the package folder\n');
  process.exitCode = 1;
}
