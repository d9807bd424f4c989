// One scenario file: name to path, read within the size limit, parsed, shallow schema checked.
import { existsSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { ScenarioFileShallowSchema, type ParsedScenarioFile } from '../../model/index.ts';
import { DEFAULT_SCENARIO, SCENARIO_DIR } from '../paths.ts';
import { InputFileError, readTextFile } from '../text-file.ts';
import { fastYamlToPlain } from '../yaml-fast.ts';
import { yamlToPlain, YamlResourceError } from '../yaml-plain.ts';
import { ScenarioError } from './issues.ts';
import { parseSource, type SourceDoc } from './source.ts';
import { checkTopLevel } from './schema-issues.ts';

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

/** A source whose positioned document is parsed on first use (the text parsed without error before). */
function lazySource(file: string, text: string): SourceDoc {
  let parsed: SourceDoc | undefined;
  const get = () => (parsed ??= parseSource(file, text));
  return {
    file,
    get doc() {
      return get().doc;
    },
    get lines() {
      return get().lines;
    },
  };
}

export function loadScenarioFile(file: string): LoadedFile {
  let text: string;
  try {
    text = readTextFile(file, MAX_SCENARIO_BYTES);
  } catch (err) {
    if (err instanceof InputFileError)
      throw new ScenarioError([{ file, path: '', message: err.message.slice(file.length + 2) }]);
    throw err;
  }
  // Block-style YAML is read without positions; the positioned document is parsed only when an
  // error needs a line (`locate`), so every located error is as before (yaml-fast.ts).
  const fast = extname(file).toLowerCase() === '.json' ? undefined : fastYamlToPlain(text);
  const src = fast === undefined ? parseSource(file, text) : lazySource(file, text);
  let raw: unknown = fast;
  if (fast === undefined)
    try {
      raw = yamlToPlain(src.doc, src.lines);
    } catch (err) {
      if (err instanceof YamlResourceError) throw new ScenarioError([{ file, path: '', ...err.fault }]);
      throw err;
    }
  const top = checkTopLevel(src, raw, ScenarioFileShallowSchema);
  if (top.issues) throw new ScenarioError(top.issues);
  return { src, data: top.data as ParsedScenarioFile };
}
