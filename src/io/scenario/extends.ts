// `extends` resolved: a file merged over the files it extends (`remove`, `as_known_on`), with origins.
import { existsSync, realpathSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  firstAnnounced,
  vintageView,
  type Agreement,
  type Claim,
  type Measure,
  type ParsedScenarioFile,
} from '../../model/index.ts';
import { displayPath, ScenarioError, type ScenarioIssue } from './issues.ts';
import { loadScenarioFile, resolveScenarioPath } from './file.ts';
import { locate, type SourceDoc } from './source.ts';

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

/** A file merged over the files it extends, with where each entry was defined. */
export interface Assembled {
  files: string[];
  /** The parsed files, base first. */
  srcs: SourceDoc[];
  data: ParsedScenarioFile;
  origins: OriginMap;
  /** Folder each product list's file is relative to. */
  listBase: Map<string, string>;
  universeBase: Map<string, string>;
}

export function assemble(file: string, chain: string[]): Assembled {
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
  // views: each key an extending file sets replaces the base's whole (a list is not appended to)
  if (data.views || base?.data.views) {
    merged.views = { ...(base?.data.views ?? {}), ...(data.views ?? {}) };
    for (const k of Object.keys(data.views ?? {})) origins.set(originKey('views', k), here(['views', k]));
  }
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
