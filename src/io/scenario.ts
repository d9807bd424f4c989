import { LeverageError } from '../errors/index.ts';
import { existsSync, realpathSync } from 'node:fs';
import { dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import {
  ParametersSchema,
  ScenarioFileShallowSchema,
  describe,
  firstAnnounced,
  isIsoDate,
  normalizeHs,
  vintageView,
  type Agreement,
  type Claim,
  type Measure,
  type ParsedScenarioFile,
  type ProductList,
  type Scenario,
} from '../model/index.ts';
import { DEFAULT_SCENARIO, SCENARIO_DIR } from './paths.ts';
import { InputFileError, readTextFile } from './text-file.ts';
import { cachedParse } from './parse-cache.ts';
import { validateScenario } from './validate.ts';
import { flowNestingFault, MAX_YAML_DEPTH, yamlToPlain, YamlResourceError } from './yaml-plain.ts';

/** One thing wrong with a scenario, located as precisely as the input allows. */
export interface ScenarioIssue {
  file: string;
  line?: number;
  col?: number;
  /** Path inside the document, e.g. `measures[3].rates[0].rate_pct`. */
  path: string;
  message: string;
}

export class ScenarioError extends LeverageError {
  constructor(readonly issues: ScenarioIssue[]) {
    const first = issues[0];
    super('input', 'invalid_scenario', issues.map(formatIssue).join('\n'), {
      ...(first
        ? {
            location: {
              file: first.file,
              path: first.path,
              ...(first.line ? { line: first.line, col: first.col ?? 1 } : {}),
            },
          }
        : {}),
      details: issues,
    });
    this.name = 'ScenarioError';
  }
}

export function formatIssue(i: ScenarioIssue): string {
  const where = i.line ? `${displayPath(i.file)}:${i.line}:${i.col ?? 1}` : displayPath(i.file);
  return i.path ? `${where} ${i.path}: ${i.message}` : `${where}: ${i.message}`;
}

function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

/** Path segments as the user reads them: measures[3].rate_pct */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${String(seg)}` : String(seg);
  }
  return out;
}

/** A parsed source file: its YAML document keeps the positions of every node. */
export interface SourceDoc {
  file: string;
  doc: Document.Parsed;
  lines: LineCounter;
}

/** Where a node sits: line and column of the node at `path`, or of its nearest existing parent. */
export function locate(
  src: SourceDoc,
  path: readonly PropertyKey[],
  atKey?: string,
): { line?: number; col?: number } {
  let node: unknown = src.doc.contents;
  let best: YamlNode | null = (node as YamlNode) ?? null;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown })?.value === seg);
      if (!pair) break;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      node = node.items[seg];
    } else break;
    if (node && (node as YamlNode).range) best = node as YamlNode;
    else break;
  }
  if (atKey !== undefined && isMap(best)) {
    const pair = best.items.find((p) => (p.key as { value?: unknown })?.value === atKey);
    const k = pair?.key as YamlNode | undefined;
    if (k?.range) return src.lines.linePos(k.range[0]);
  }
  if (best?.range) return src.lines.linePos(best.range[0]);
  return {};
}

/** Resolve a scenario name: a built-in id (london-2025) or a path to a .yaml/.yml/.json file. */
export function resolveScenarioPath(nameOrPath: string | undefined, relativeTo?: string): string {
  const name = nameOrPath ?? DEFAULT_SCENARIO;
  const looksLikePath = /[\\/]/.test(name) || /\.(ya?ml|json)$/i.test(name);
  if (!looksLikePath) {
    for (const ext of ['.yaml', '.yml', '.json']) {
      const p = join(SCENARIO_DIR, name + ext);
      if (existsSync(p)) return p;
    }
  }
  const p = resolve(relativeTo ?? process.cwd(), name);
  if (!looksLikePath && !existsSync(p))
    throw new ScenarioError([
      { file: name, path: '', message: `no built-in scenario or file named "${name}"` },
    ]);
  return p;
}

/** Parse a YAML or JSON text into a document, turning syntax errors into located issues. */
export function parseSource(file: string, text: string): SourceDoc {
  const deep = flowNestingFault(text);
  if (deep)
    throw new ScenarioError([
      {
        file,
        ...lineCol(text, deep.offset),
        path: '',
        message: `${extname(file).toLowerCase() === '.json' ? 'JSON' : 'YAML'} nested deeper than ${MAX_YAML_DEPTH} levels (a scenario needs about ten)`,
      },
    ]);
  // A .json file must be strict JSON (no comments, trailing commas or bare keys, which the YAML
  // parser used for positions would accept).
  if (extname(file).toLowerCase() === '.json') {
    try {
      JSON.parse(text);
    } catch (err) {
      const msg = (err as Error).message;
      const at = /position (\d+)/.exec(msg);
      const pos = at ? lineCol(text, Number(at[1])) : { line: 1, col: 1 };
      throw new ScenarioError([
        {
          file,
          ...pos,
          path: '',
          message: `JSON syntax error: ${msg.replace(/ in JSON at position \d+.*$/, '')}`,
        },
      ]);
    }
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter: lines,
    prettyErrors: false,
    uniqueKeys: true,
    merge: false,
  });
  if (doc.errors.length) {
    throw new ScenarioError(
      doc.errors.slice(0, 10).map((e) => {
        const pos = e.linePos?.[0] ?? lines.linePos(e.pos[0]);
        const what = extname(file).toLowerCase() === '.json' ? 'JSON' : 'YAML';
        return {
          file,
          line: pos.line,
          col: pos.col,
          path: '',
          message: /call stack/i.test(e.message)
            ? `${what} nested too deeply to parse (a scenario needs about ten levels)`
            : `${what} syntax error: ${firstLine(e.message)}`,
        };
      }),
    );
  }
  return { file, doc, lines };
}

function lineCol(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, col: offset - before.lastIndexOf('\n') };
}

function firstLine(s: string): string {
  return s.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

export function zodIssues(
  src: SourceDoc | ((path: PropertyKey[]) => SourceDoc),
  error: z.ZodError,
  prefix: PropertyKey[] = [],
): ScenarioIssue[] {
  const out: ScenarioIssue[] = [];
  for (const issue of error.issues) {
    const path = [...prefix, ...issue.path];
    const iss = { ...issue, path } as z.core.$ZodIssue;
    const at =
      typeof src === 'function' ? src(iss.code === 'unrecognized_keys' ? [...path, iss.keys[0]] : path) : src;
    if (iss.code === 'unrecognized_keys') {
      for (const key of iss.keys) {
        out.push({
          file: at.file,
          ...locate(at, path, key),
          path: formatPath([...path, key]),
          message: 'unknown field',
        });
      }
      continue;
    }
    let message = iss.message;
    if (iss.code === 'invalid_type' && message.startsWith('Invalid input')) {
      const got = valueAt(at, path);
      message =
        got === undefined
          ? `missing required field (expected ${iss.expected})`
          : `expected ${iss.expected}, got ${describe(got)}`;
    } else if (
      iss.code === 'invalid_type' &&
      valueAt(at, path) === undefined &&
      / got nothing$/.test(message)
    ) {
      // Our own messages end in "got nothing" when the field is absent: say that it is missing.
      message = `missing required field (${message.replace(/, got nothing$/, '')})`;
    } else if (iss.code === 'invalid_union' && message === 'Invalid input') {
      message = `unexpected value ${describe(valueAt(at, path))}`;
    }
    out.push({ file: at.file, ...locate(at, path), path: formatPath(path), message });
  }
  return out;
}

function valueAt(src: SourceDoc, path: readonly PropertyKey[]): unknown {
  const n = src.doc.getIn(path as unknown[], false);
  return n;
}

/** A single file, parsed and checked against the schema, before `extends` is resolved. */
export interface LoadedFile {
  src: SourceDoc;
  data: ParsedScenarioFile;
}

/**
 * Largest scenario file: 16 MiB, about 8,000 measures like the built-in ones (which take 220 KB
 * for 74). Loading is linear in size but the YAML parser keeps about 35 bytes of memory per byte
 * read: 20,000 extra measures (37 MB) took 26 s and 1.3 GB, and the 64 MB input limit would
 * need over 2 GB, enough to abort Node on a smaller machine. See docs/scenario.md (Size).
 */
export const MAX_SCENARIO_BYTES = 16 * 1024 * 1024;

export function loadScenarioFile(file: string): LoadedFile {
  let text: string;
  try {
    text = readTextFile(file, MAX_SCENARIO_BYTES);
  } catch (err) {
    if (err instanceof InputFileError)
      throw new ScenarioError([{ file, path: '', message: err.message.slice(file.length + 2) }]);
    throw err;
  }
  const src = parseSource(file, text);
  let raw: unknown;
  try {
    raw = yamlToPlain(src.doc, src.lines);
  } catch (err) {
    if (err instanceof YamlResourceError) throw new ScenarioError([{ file, path: '', ...err.fault }]);
    throw err;
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ScenarioError([
      {
        file,
        line: 1,
        col: 1,
        path: '',
        message: `expected a mapping at the top level, got ${describe(raw)}`,
      },
    ]);
  }
  const parsed = ScenarioFileShallowSchema.safeParse(raw);
  if (!parsed.success) throw new ScenarioError(zodIssues(src, parsed.error).slice(0, 50));
  return { src, data: parsed.data as ParsedScenarioFile };
}

/** Where an entry of the merged scenario was defined, so later checks can point into the right file. */
export interface Origin {
  src: SourceDoc;
  path: (string | number)[];
}

export type OriginMap = Map<string, Origin>;

/** Keys of the origin map: `measures/<id>`, `lists/<id>`, `actors/<id>`, ... */
export function originKey(collection: string, id: string): string {
  return `${collection}/${id}`;
}

interface Assembled {
  files: string[];
  /** The parsed files, base first. */
  srcs: SourceDoc[];
  data: ParsedScenarioFile;
  origins: OriginMap;
  /** Folder each product list's file is relative to. */
  listBase: Map<string, string>;
  universeBase: Map<string, string>;
}

function assemble(file: string, chain: string[]): Assembled {
  const real = existsSync(file) ? realpathSync(file) : file;
  if (chain.includes(real)) {
    throw new ScenarioError([
      {
        file,
        path: 'extends',
        message: `extends forms a cycle: ${[...chain, real].map(displayPath).join(' -> ')}`,
      },
    ]);
  }
  const { src, data } = loadScenarioFile(file);
  const dir = dirname(file);
  const here = (path: (string | number)[]): Origin => ({ src, path });

  let base: Assembled | undefined;
  if (data.extends) {
    let basePath: string;
    try {
      basePath = resolveScenarioPath(data.extends, dir);
    } catch (err) {
      if (err instanceof ScenarioError)
        throw new ScenarioError([
          {
            file,
            ...locate(src, ['extends']),
            path: 'extends',
            message: `cannot find scenario "${data.extends}"`,
          },
        ]);
      throw err;
    }
    if (!existsSync(basePath))
      throw new ScenarioError([
        { file, ...locate(src, ['extends']), path: 'extends', message: `file not found: ${basePath}` },
      ]);
    // Report a cycle at the `extends` line that closes it, rather than without a position.
    const baseReal = realpathSync(basePath);
    if ([...chain, real].includes(baseReal))
      throw new ScenarioError([
        {
          file,
          ...locate(src, ['extends']),
          path: 'extends',
          message: `extends forms a cycle: ${[...chain, real, baseReal].map(displayPath).join(' -> ')}`,
        },
      ]);
    base = assemble(basePath, [...chain, real]);
    // A file with `as_known_on` is the view of what it extends as known on that date, plus its own entries.
    if (data.as_known_on) {
      const first = firstAnnounced(base.data);
      if (first !== undefined && data.as_known_on < first)
        throw new ScenarioError([
          {
            file,
            ...locate(src, ['as_known_on']),
            path: 'as_known_on',
            message: `${data.as_known_on} is before the first announcement of "${data.extends}" (${first}): nothing was known yet`,
          },
        ]);
      base = { ...base, data: vintageView(base.data, data.as_known_on) };
    }
  }

  const origins: OriginMap = new Map(base?.origins);
  const listBase = new Map(base?.listBase);
  const merged: ParsedScenarioFile = {
    ...(base?.data ?? {}),
    id: data.id,
    title: data.title ?? base?.data.title,
    description: data.description ?? (data.extends ? base?.data.description : undefined),
    as_of: data.as_of ?? base?.data.as_of,
    as_known_on: data.as_known_on ?? base?.data.as_known_on,
    extends: data.extends,
  } as ParsedScenarioFile;

  const dupes: ScenarioIssue[] = [];
  const mergeRecord = <T>(
    collection: string,
    baseRec: Record<string, T> | undefined,
    own: Record<string, T> | undefined,
    path: string[],
  ) => {
    if (!own) return baseRec;
    for (const k of Object.keys(own)) origins.set(originKey(collection, k), here([...path, k]));
    return { ...(baseRec ?? {}), ...own };
  };
  merged.actors = mergeRecord('actors', base?.data.actors, data.actors, ['actors']);
  if (data.products || base?.data.products) {
    const bp = base?.data.products ?? {};
    const op = data.products ?? {};
    merged.products = {
      classification: op.classification ?? bp.classification,
      universe: op.universe || bp.universe ? { ...(bp.universe ?? {}), ...(op.universe ?? {}) } : undefined,
      lists: mergeRecord('lists', bp.lists, op.lists, ['products', 'lists']),
      groups: mergeRecord('groups', bp.groups, op.groups, ['products', 'groups']),
    };
    for (const k of Object.keys(op.lists ?? {})) listBase.set(k, dir);
  }
  const universeBase = new Map(base?.universeBase);
  for (const k of Object.keys(data.products?.universe ?? {})) universeBase.set(k, dir);
  if (data.stacking || base?.data.stacking) {
    const bs = base?.data.stacking;
    const os = data.stacking;
    merged.stacking = {
      combine: { ...(bs?.combine ?? {}), ...(os?.combine ?? {}) },
      exclusions: os?.exclusions?.length ? os.exclusions : (bs?.exclusions ?? []),
      note: os?.note ?? bs?.note,
    };
  }

  // Entries with ids: a child entry replaces the base entry of the same id; `remove` drops base entries.
  const removed = new Set(data.remove ?? []);
  const allBaseIds = new Set([
    ...(base?.data.measures ?? []).map((m) => m.id),
    ...(base?.data.agreements ?? []).map((a) => a.id),
    ...(base?.data.claims ?? []).map((c) => c.id),
  ]);
  (data.remove ?? []).forEach((id, i) => {
    if (!allBaseIds.has(id))
      dupes.push({
        file,
        ...locate(src, ['remove', i]),
        path: `remove[${i}]`,
        message: `no measure, agreement or claim "${id}" in the extended scenario`,
      });
  });
  const mergeById = <T extends { id: string }>(
    collection: 'measures' | 'agreements' | 'claims',
    baseList: T[] | undefined,
    own: T[] | undefined,
  ): T[] => {
    const seen = new Map<string, number>();
    (own ?? []).forEach((e, i) => {
      if (seen.has(e.id)) {
        dupes.push({
          file,
          ...locate(src, [collection, i, 'id']),
          path: `${collection}[${i}].id`,
          message: `duplicate id "${e.id}" (also ${collection}[${seen.get(e.id)}])`,
        });
      } else seen.set(e.id, i);
    });
    const out: T[] = [];
    for (const e of baseList ?? []) {
      if (removed.has(e.id)) {
        origins.delete(originKey(collection, e.id));
        continue;
      }
      const i = seen.get(e.id);
      out.push(i === undefined ? e : own![i]);
    }
    const baseIds = new Set((baseList ?? []).map((e) => e.id));
    for (const [id, i] of seen) if (!baseIds.has(id)) out.push(own![i]);
    for (const [id, i] of seen) origins.set(originKey(collection, id), here([collection, i]));
    return out;
  };
  merged.measures = mergeById('measures', base?.data.measures, data.measures) as Measure[];
  merged.agreements = mergeById('agreements', base?.data.agreements, data.agreements) as Agreement[];
  merged.claims = mergeById('claims', base?.data.claims, data.claims) as Claim[];
  merged.parameters = deepMerge(base?.data.parameters ?? {}, data.parameters ?? {});
  if (data.parameters) origins.set('parameters', here(['parameters']));
  origins.set(originKey('file', 'root'), here([]));
  if (dupes.length) throw new ScenarioError(dupes);
  return {
    files: [...(base?.files ?? []), file],
    srcs: [...(base?.srcs ?? []), src],
    data: merged,
    origins,
    listBase,
    universeBase,
  };
}

/**
 * `parameters` of an extending file merge into the base's key by key, except that a spec - an
 * object with a `name` (a strategy) or a `value` (a sourced number) - is replaced whole: a child
 * that switches a side from TACO to TitForTat must not inherit TACO's parameters.
 */
function deepMerge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const av = out[k];
    out[k] = isMergeable(av) && isMergeable(v) ? deepMerge(av, v) : v;
  }
  return out;
}

function isMergeable(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v) && !('name' in v) && !('value' in v);
}

/** Rows of a CSV data file, every value a string (HS codes keep their leading zeros). */
function readCsvRows(file: string, origin: Origin, path: string): Record<string, string>[] {
  let text: string;
  try {
    text = readTextFile(file);
  } catch (err) {
    if (err instanceof InputFileError)
      throw new ScenarioError([
        { file: origin.src.file, ...locate(origin.src, origin.path), path, message: err.message },
      ]);
    throw err;
  }
  try {
    return parseCsv(text, { columns: true, skip_empty_lines: true, trim: true, cast: false }) as Record<
      string,
      string
    >[];
  } catch (err) {
    throw new ScenarioError([
      {
        file: origin.src.file,
        ...locate(origin.src, origin.path),
        path,
        message: `${displayPath(file)}: CSV error: ${(err as Error).message}`,
      },
    ]);
  }
}

function readCodeColumn(
  file: string,
  column: string,
  where: Record<string, string | string[]> | undefined,
  origin: Origin,
  path: string,
  cache: Map<string, Record<string, string>[]>,
): string[] {
  let rows = cache.get(file);
  if (!rows) {
    rows = readCsvRows(file, origin, path);
    cache.set(file, rows);
  }
  const fail = (message: string) =>
    new ScenarioError([{ file: origin.src.file, ...locate(origin.src, origin.path), path, message }]);
  const header = rows.length ? Object.keys(rows[0]) : [];
  if (!header.includes(column))
    throw fail(`${displayPath(file)} has no column "${column}" (columns: ${header.join(', ')})`);
  for (const col of Object.keys(where ?? {}))
    if (!header.includes(col)) throw fail(`${displayPath(file)} has no column "${col}" to filter on`);
  const filters = Object.entries(where ?? {}).map(
    ([c, v]) => [c, new Set(Array.isArray(v) ? v : [v])] as const,
  );
  const codes: string[] = [];
  const trimmed: string[] = [];
  rows.forEach((row, i) => {
    for (const [c, allowed] of filters) if (!allowed.has(row[c])) return;
    let raw = (row[column] ?? '').replace(/[.\s]/g, '');
    // A code with digits beyond HTS10 (a statistical suffix, e.g. "850511007000") is read as its HTS10 line.
    if (/^\d{11,12}$/.test(raw)) {
      trimmed.push(raw);
      raw = raw.slice(0, 10);
    }
    const code = normalizeHs(raw);
    if (code === null)
      throw fail(
        `${displayPath(file)} line ${i + 2}: "${row[column]}" in column ${column} is not an HS code`,
      );
    codes.push(code);
  });
  if (codes.length === 0) throw fail(`${displayPath(file)}: no rows match ${JSON.stringify(where ?? {})}`);
  const out = [...new Set(codes)].sort() as string[] & { trimmed?: string[] };
  if (trimmed.length) out.trimmed = trimmed;
  return out;
}

/**
 * Per-code shares of value (rows filtered as for the codes), each in [0, 1]: from a column of
 * shares (`share_column`), or set by each row's value in another column (`share_by`).
 */
function readShares(
  file: string,
  column: string,
  spec: { share_column: string } | { share_by: { column: string; shares: Record<string, number> } },
  where: Record<string, string | string[]> | undefined,
  origin: Origin,
  path: string,
  cache: Map<string, Record<string, string>[]>,
): Record<string, number> {
  const rows = cache.get(file)!; // read by readCodeColumn just before
  const fail = (message: string) =>
    new ScenarioError([{ file: origin.src.file, ...locate(origin.src, origin.path), path, message }]);
  const [col, field] =
    'share_column' in spec ? [spec.share_column, 'share_column'] : [spec.share_by.column, 'share_by.column'];
  if (!rows.length || !(col in rows[0])) throw fail(`${displayPath(file)} has no column "${col}" (${field})`);
  const filters = Object.entries(where ?? {}).map(
    ([c, v]) => [c, new Set(Array.isArray(v) ? v : [v])] as const,
  );
  const shareOf = (row: Record<string, string>, line: number): number => {
    const at = `${displayPath(file)} line ${line}: "${row[col]}" in column ${col}`;
    if ('share_by' in spec) {
      const v = spec.share_by.shares[row[col]];
      if (v === undefined)
        throw fail(`${at} has no share in share_by.shares (${Object.keys(spec.share_by.shares).join(', ')})`);
      return v;
    }
    const v = Number(row[col]);
    if (row[col] === '' || !Number.isFinite(v) || v < 0 || v > 1)
      throw fail(`${at} is not a share in [0, 1]`);
    return v;
  };
  const shares: Record<string, number> = {};
  rows.forEach((row, i) => {
    for (const [c, allowed] of filters) if (!allowed.has(row[c])) return;
    shares[normalizeHs((row[column] ?? '').replace(/[.\s]/g, ''))!] = shareOf(row, i + 2);
  });
  return shares;
}

export interface LoadOptions {
  /**
   * Return the scenario as known on this date (docs/vintages.md): later announcements absent,
   * announced future changes present, fitted parameters whose data came later at their prior.
   * It applies to the whole scenario, after a file's own `as_known_on` (which views only what
   * that file extends).
   */
  asKnownOn?: string;
}

/**
 * Load a scenario by built-in id or path: parse, check the schema, resolve `extends`, read
 * product lists from their data files and check every cross-reference and date; then take the
 * vintage view (as known today, or on `asKnownOn`). Throws ScenarioError listing every problem
 * with file:line:col and the path inside the document.
 */
export function loadScenarioSync(nameOrPath?: string, options: LoadOptions = {}): Scenario {
  const file = resolveScenarioPath(nameOrPath);
  checkAsKnownOn(file, options.asKnownOn);
  // parsed once per content of the files it reads (parse-cache.ts)
  return cachedParse(`scenario:${file}:${JSON.stringify(options)}`, () =>
    loadScenarioViews(nameOrPath)(options.asKnownOn),
  );
}

function checkAsKnownOn(file: string, asKnownOn: string | undefined): void {
  if (asKnownOn !== undefined && !isIsoDate(asKnownOn))
    throw new ScenarioError([
      {
        file,
        path: 'as known on',
        message: `expected a date YYYY-MM-DD, got ${describe(asKnownOn)}`,
      },
    ]);
}

/**
 * Read and check a scenario once and return its vintage views: `views()` is the scenario as
 * known today, `views(D)` as known on D, each exactly what `loadScenarioSync(file, {asKnownOn})`
 * returns (same checks, same located errors) without reading the files again (the forecast
 * harness takes a view per origin).
 */
export function loadScenarioViews(nameOrPath?: string): (asKnownOn?: string) => Scenario {
  const file = resolveScenarioPath(nameOrPath);
  const { files, srcs, data, origins, listBase, universeBase } = assemble(file, []);
  const root = origins.get(originKey('file', 'root'))!;
  const missing: ScenarioIssue[] = [];
  if (!data.title)
    missing.push({
      file,
      line: 1,
      col: 1,
      path: 'title',
      message: 'missing required field (a scenario needs a title)',
    });
  if (!data.actors || Object.keys(data.actors).length === 0)
    missing.push({
      file,
      line: 1,
      col: 1,
      path: 'actors',
      message: 'missing required field (a scenario needs at least one actor)',
    });
  if (missing.length) throw new ScenarioError(missing);

  // Engine parameters are checked once merged, each problem located in the last file that sets it.
  const params = ParametersSchema.safeParse(data.parameters ?? {});
  if (!params.success) {
    const owner = (path: PropertyKey[]): SourceDoc => {
      for (let n = path.length; n > 0; n--)
        for (let i = srcs.length - 1; i >= 0; i--)
          if (srcs[i].doc.hasIn(path.slice(0, n) as unknown[])) return srcs[i];
      return srcs[srcs.length - 1];
    };
    throw new ScenarioError(zodIssues(owner, params.error, ['parameters']).slice(0, 50));
  }
  data.parameters = params.data;

  const cache = new Map<string, Record<string, string>[]>();
  const lists: Record<string, ProductList> = {};
  for (const [id, l] of Object.entries(data.products?.lists ?? {})) {
    const origin = origins.get(originKey('lists', id)) ?? root;
    const path = formatPath(origin.path);
    let codes: string[] = [];
    if (l.file) {
      if (!l.column)
        throw new ScenarioError([
          {
            file: origin.src.file,
            ...locate(origin.src, origin.path),
            path,
            message: 'a list read from a file needs `column`',
          },
        ]);
      codes = readCodeColumn(
        resolve(listBase.get(id) ?? dirname(file), l.file),
        l.column,
        l.where,
        origin,
        path,
        cache,
      );
    }
    if (l.share_by && l.share_column)
      throw new ScenarioError([
        {
          file: origin.src.file,
          ...locate(origin.src, origin.path),
          path,
          message: 'a product list gives its shares by `share_column` or by `share_by`, not both',
        },
      ]);
    const shareSpec = l.share_column
      ? { share_column: l.share_column }
      : l.share_by
        ? { share_by: l.share_by }
        : undefined;
    const shares =
      l.file && shareSpec
        ? readShares(
            resolve(listBase.get(id) ?? dirname(file), l.file),
            l.column!,
            shareSpec,
            l.where,
            origin,
            path,
            cache,
          )
        : undefined;
    if (l.codes) codes = [...new Set([...codes, ...l.codes.map((c) => normalizeHs(c)!)])].sort();
    if (!l.file && !l.codes)
      throw new ScenarioError([
        {
          file: origin.src.file,
          ...locate(origin.src, origin.path),
          path,
          message: 'a product list needs `file` + `column` or `codes`',
        },
      ]);
    const trimmed = (codes as { trimmed?: string[] }).trimmed;
    const warnings = trimmed
      ? [
          `${trimmed.length} code(s) longer than 10 digits read as their first 10 digits: ${trimmed.slice(0, 5).join(', ')}`,
        ]
      : undefined;
    lists[id] = {
      title: l.title,
      codes,
      sources: l.sources,
      ...(l.file ? { file: l.file } : {}),
      ...(l.note ? { note: l.note } : {}),
      ...(shares ? { shares } : {}),
      ...(warnings ? { warnings } : {}),
    };
  }
  const universe: Record<string, string[]> = {};
  for (const [importer, u] of Object.entries(data.products?.universe ?? {})) {
    const base = universeBase.get(importer) ?? dirname(file);
    const origin = { src: root.src, path: ['products', 'universe', importer] };
    universe[importer] = readCodeColumn(
      resolve(base, u.file),
      u.column,
      undefined,
      origin,
      `products.universe.${importer}`,
      cache,
    );
  }

  const scenario: Scenario = {
    id: data.id,
    title: data.title!,
    ...(data.description ? { description: data.description } : {}),
    ...(data.as_of ? { as_of: data.as_of } : {}),
    ...(data.as_known_on ? { as_known_on: data.as_known_on } : {}),
    files,
    actors: data.actors!,
    products: {
      classification: data.products?.classification ?? 'HS',
      universe,
      lists,
      groups: data.products?.groups ?? {},
    },
    stacking: data.stacking ?? { combine: {}, exclusions: [] },
    measures: data.measures ?? [],
    agreements: data.agreements ?? [],
    claims: data.claims ?? [],
    parameters: data.parameters ?? {},
  };
  const located = (problems: ReturnType<typeof validateScenario>, prefix = '') =>
    new ScenarioError(
      problems.slice(0, 50).map((p) => {
        const origin = origins.get(p.origin) ?? root;
        const path = [...origin.path, ...p.path];
        return {
          file: origin.src.file,
          ...locate(origin.src, path),
          path: formatPath(path),
          message: prefix + p.message,
        };
      }),
    );
  const problems = validateScenario(scenario);
  if (problems.length) throw located(problems);

  const first = firstAnnounced(scenario);
  return (asKnownOn) => {
    checkAsKnownOn(file, asKnownOn);
    if (asKnownOn !== undefined && first !== undefined && asKnownOn < first)
      throw new ScenarioError([
        {
          file,
          path: 'as known on',
          message: `${asKnownOn} is before the ledger's first announcement (${first}): nothing was known yet`,
        },
      ]);
    const view = vintageView(scenario, asKnownOn);
    if (asKnownOn !== undefined) {
      // A view must itself be a valid scenario (e.g. nothing in it refers to a later entry).
      const viewProblems = validateScenario(view);
      if (viewProblems.length) throw located(viewProblems, `in the view as known on ${asKnownOn}: `);
    }
    return view;
  };
}

export async function loadScenario(nameOrPath?: string, options: LoadOptions = {}): Promise<Scenario> {
  return loadScenarioSync(nameOrPath, options);
}
