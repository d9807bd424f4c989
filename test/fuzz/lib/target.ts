// What a fuzz target is: a named input family with its mutations; each case is a closure the
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// runner times and classifies.
import type { Rng } from './rng.ts';

export interface FuzzCase {
  mutation: string;
  label: string;
  /** How a located error may name the input: a file name, or a pattern such as `row \d+`. */
  where: (string | RegExp)[];
  /** Returns the accepted output (checked for non-finite numbers) or throws. */
  run: () => unknown;
}

export interface FuzzTarget {
  name: string;
  /** Time one case may take before it counts as a hang. */
  limitMs: number;
  setup(): Promise<void> | void;
  next(rng: Rng): FuzzCase | Promise<FuzzCase>;
  teardown(): Promise<void> | void;
}

/** A scratch folder made in `setup` and removed in `teardown`, for targets that write files. */
export function scratchDir(prefix: string) {
  let dir = '';
  return {
    path: () => dir,
    setup() {
      dir = mkdtempSync(join(tmpdir(), `leverage-fuzz-${prefix}-`));
    },
    teardown() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
