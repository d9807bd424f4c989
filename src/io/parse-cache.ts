// Parsed inputs reused across processes: the result of parsing and validating a scenario (its
// YAML, extends and product-list CSVs) or the shipped trade tables, cached on disk and keyed by
// the build, the node version and what was asked; an entry is used only when every file the
// parse read still has the same content (SHA-256). Only the compiled build caches (its build id
// names the code that parsed); from source every call parses. Writers write a temporary file
// and rename it, so concurrent processes never see half an entry. LEVERAGE_CACHE=0 turns the
// cache off; LEVERAGE_CACHE_DIR moves it (default: the system temp folder). cachedCompute does
// the same for results computed from whole data folders (the simulation's prepared scenario).
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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

/** SHA-256 over the paths and bytes of every file under each folder, once per process (as the readers' own caches assume). */
const folderHashes = new Map<string, string>();

function folderHash(dirs: string[]): string {
  const key = dirs.join('\n');
  let h = folderHashes.get(key);
  if (h === undefined) {
    const hash = createHash('sha256');
    const walk = (dir: string) => {
      const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
        a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
      );
      for (const e of entries) {
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else hash.update(`${p}\n`).update(readFileSync(p));
      }
    };
    for (const d of dirs) walk(d);
    h = hash.digest('hex');
    folderHashes.set(key, h);
  }
  return h;
}

/**
 * SHA-256 of a value's content, independent of how V8 holds it in memory. v8.serialize is not
 * canonical: a fresh parse and its deserialized copy (or a number kept as a double rather than a
 * small integer, which can depend on when the JIT ran) give different bytes for equal values, so
 * a key over them missed at random (the prepared scenario was rewritten on a run that should
 * have reused it). Keys are walked in insertion order (actor order matters); a cycle throws.
 */
export function canonicalHash(value: unknown): string {
  const hash = createHash('sha256');
  const open = new Set<object>();
  // many small pieces: joined in a buffer and hashed in blocks (a call per piece is 5x slower)
  let buf = '';
  const put = (t: string): void => {
    buf += t;
    if (buf.length > 1 << 16) {
      hash.update(buf);
      buf = '';
    }
  };
  const walk = (v: unknown): void => {
    if (v === null || typeof v !== 'object') {
      if (typeof v === 'function' || typeof v === 'symbol') throw new TypeError('not cloneable');
      // -0 spelled out; strings quoted so "1" and 1 differ
      const t = typeof v === 'number' ? (Object.is(v, -0) ? '-0' : String(v)) : JSON.stringify(v);
      put(`${typeof v}:${t ?? 'undefined'};`);
      return;
    }
    if (open.has(v)) throw new TypeError('a cycle');
    open.add(v);
    if (Array.isArray(v)) {
      put(`[${v.length};`);
      for (const x of v) walk(x);
    } else if (v instanceof Map) {
      put(`map${v.size};`);
      for (const [k, x] of v) {
        walk(k);
        walk(x);
      }
    } else if (v instanceof Set) {
      put(`set${v.size};`);
      for (const x of v) walk(x);
    } else if (v instanceof Date) put(`date:${v.getTime()};`);
    else if (ArrayBuffer.isView(v))
      put(`${v.constructor.name}:${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64')};`);
    else {
      const proto = Object.getPrototypeOf(v) as object | null;
      if (proto !== Object.prototype && proto !== null) throw new TypeError('not a plain object');
      const keys = Object.keys(v);
      put(`{${keys.length};`);
      for (const k of keys) {
        put(`${JSON.stringify(k)}:`);
        walk((v as Record<string, unknown>)[k]);
      }
    }
    open.delete(v);
  };
  walk(value);
  return hash.update(buf).digest('hex');
}

/**
 * `compute()`, or its value from an earlier process, for a result that depends on what was
 * asked and on whole data folders rather than on a known list of files. `key` names the
 * request; `input` is everything else the value depends on, structured-cloneable (e.g. the
 * loaded scenario); `dirs` the data folders it reads. The entry is used only when the build,
 * the node version, the input (its content, canonicalHash) and every file under the folders
 * are the same. Same switches as cachedParse; errors and uncloneable inputs are not cached.
 */
export async function cachedCompute<T>(
  key: string,
  input: unknown,
  dirs: string[],
  compute: () => Promise<T>,
): Promise<T> {
  const id = buildId();
  if (id === null || process.env.LEVERAGE_CACHE === '0') return compute();
  let deps: string;
  try {
    deps = sha256(`${canonicalHash(input)}\n${folderHash(dirs)}`);
  } catch {
    return compute(); // an input the serializer cannot copy, or a folder that cannot be read
  }
  const dir = cacheDir();
  const file = join(dir, `${sha256(`${id}\n${process.version}\ncompute:${key}`)}.v8`);
  try {
    const entry = deserialize(readFileSync(file)) as { deps: string; value: T };
    if (entry.deps === deps) return entry.value;
  } catch {
    // no entry yet, or a damaged one: compute again
  }
  const value = await compute();
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, serialize({ deps, value }));
    renameSync(tmp, file);
  } catch {
    rmSync(tmp, { force: true }); // a read-only or full disk, or a value that cannot be copied: still answers
  }
  return value;
}
