import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenarioSync } from '../src/io/index.ts';
import type { Scenario } from '../src/model/index.ts';

/** A fresh temporary folder. */
export function tempDir(prefix = 'leverage-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Write files (name -> content; objects are written as JSON) into a fresh temp folder; returns the folder. */
export function writeFiles(files: Record<string, string | object>, dir = tempDir()): string {
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}

/** Write a scenario object as JSON into a temp folder and load it. */
export function loadObject(obj: object, extraFiles: Record<string, string | object> = {}): Scenario {
  const dir = writeFiles({ 'scenario.json': obj, ...extraFiles });
  return loadScenarioSync(join(dir, 'scenario.json'));
}

export const SRC = ['https://example.org/source'];

/** A minimal valid scenario body to build on. */
export function baseScenario(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'tiny',
    title: 'Tiny test scenario',
    actors: { US: { name: 'United States' }, CN: { name: 'China' }, VN: { name: 'Viet Nam' } },
    ...extra,
  };
}
