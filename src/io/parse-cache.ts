// Parsed inputs reused across processes: the result of parsing and validating a scenario (its
// YAML, extends and product-list CSVs) or the shipped trade tables, cached on disk and keyed by
// the build, the node version and what was asked; an entry is used only when every file the
// parse read still has the same content (SHA-256). Only the compiled build caches (its build id
// names the code that parsed); from source every call parses. Writers write a temporary file
// and rename it, so concurrent processes never see half an entry. LEVERAGE_CACHE=0 turns the
// cache off; LEVERAGE_CACHE_DIR moves it (default: the system temp folder).
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';

/** A file a parse read, with the SHA-256 of its bytes. */
type Read = [path: string, sha256: string];

const recorders: Read[][] = [];

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** Readers call this with every file's bytes, so a cached parse knows what it depends on. */
export function noteRead(path: string, bytes: Uint8Array): void {
  if (recorders.length === 0) return;
  const h = sha256(bytes);
  for (const r of recorders) r.push([path, h]);
}

let build: string | null | undefined;
/** The compiled build's id (dist/build-id, written by scripts/build.mjs); null from source. */
function buildId(): string | null {
  if (build === undefined) {
    try {
      build = import.meta.url.endsWith('.ts')
        ? null
        : readFileSync(new URL('../build-id', import.meta.url), 'utf8').trim() || null;
    } catch {
      build = null;
    }
  }
  return build;
}

function cacheDir(): string {
  const uid = typeof process.getuid === 'function' ? process.getuid() : 'user';
  return process.env.LEVERAGE_CACHE_DIR ?? join(tmpdir(), `leverage-cache-${uid}`);
}

function unchanged(reads: Read[]): boolean {
  for (const [path, h] of reads) {
    try {
      if (sha256(readFileSync(path)) !== h) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/**
 * `parse()`, or its result from an earlier process when none of the files it read has changed.
 * `key` names the request (e.g. the resolved file and the load options). Errors are not cached.
 */
export function cachedParse<T>(key: string, parse: () => T): T {
  const id = buildId();
  if (id === null || process.env.LEVERAGE_CACHE === '0') return parse();
  const dir = cacheDir();
  const file = join(dir, `${sha256(`${id}\n${process.version}\n${key}`)}.v8`);
  try {
    const entry = deserialize(readFileSync(file)) as { reads: Read[]; value: T };
    if (unchanged(entry.reads)) return entry.value;
  } catch {
    // no entry yet, or a damaged one: parse again
  }
  const reads: Read[] = [];
  recorders.push(reads);
  let value: T;
  try {
    value = parse();
  } finally {
    recorders.splice(recorders.indexOf(reads), 1);
  }
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, serialize({ reads, value }));
    renameSync(tmp, file);
  } catch {
    rmSync(tmp, { force: true }); // a read-only or full disk: the parse still answers
  }
  return value;
}
