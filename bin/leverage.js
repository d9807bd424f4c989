#!/usr/bin/env node
// Entry point for `npx leverage`: the compiled CLI (dist/, built by `npm install` / `npm run build`).
import { existsSync } from 'node:fs';
import process from 'node:process';
import { URL } from 'node:url';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('leverage: the build is missing (dist/); run `npm run build` in the package folder\n');
  process.exitCode = 1;
} else {
  await import(main.href);
}
