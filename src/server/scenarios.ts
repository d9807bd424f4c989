// Scenarios the API serves: the built-in ones (read-only, data/scenarios) and the ones users
// upload (files named by a validated slug under <dataDir>/scenarios). Loaded scenarios are cached
// by name and file modification time.
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { LineCounter, parseDocument } from 'yaml';
import {
  flowNestingFault,
  loadScenarioSync,
  MAX_YAML_DEPTH,
  nestedDeeperThan,
  ScenarioError,
  SCENARIO_DIR,
  yamlToPlain,
  YamlResourceError,
  type ScenarioIssue,
} from '../io/index.ts';
import type { Scenario } from '../model/index.ts';
import { checkSimulationBlock } from '../simulate/index.ts';
import { ApiError, notFound, scrubPaths } from './errors.ts';
import { checkName, insideDir, SLUG } from './names.ts';

export const MAX_UPLOADED_SCENARIOS = 200;
const EXTS = ['.yaml', '.yml', '.json'];

export interface ScenarioInfo {
  name: string;
  builtin: boolean;
  title: string | null;
  extends: string | null;
  valid: boolean;
  /** The scenario's views.date (null: none); absent when the scenario is invalid. */
  date?: string | null;
  error?: string;
}

export interface PublicIssue {
  line?: number;
  col?: number;
  path: string;
  message: string;
  file?: string;
}

/** Issues without server paths: the file is named by its scenario name only. */
function publicIssues(issues: ScenarioIssue[], names: Map<string, string>): PublicIssue[] {
  return issues.map((i) => {
    const known =
      names.get(i.file) ??
      (basename(i.file).startsWith('.upload-') ? 'upload' : basename(i.file).replace(/\.(ya?ml|json)$/i, ''));
    return {
      ...(i.line ? { line: i.line, col: i.col } : {}),
      path: i.path,
      message: scrubPaths(i.message),
      file: known,
    };
  });
}

export class ScenarioStore {
  readonly uploadDir: string;
  private cache = new Map<string, { key: string; scn: Scenario }>();

  constructor(dataDir: string) {
    this.uploadDir = join(dataDir, 'scenarios');
    mkdirSync(this.uploadDir, { recursive: true });
  }

  private builtinFile(name: string): string | null {
    for (const ext of EXTS) {
      const p = join(SCENARIO_DIR, name + ext);
      if (existsSync(p)) return p;
    }
    return null;
  }

  private uploadFile(name: string): string | null {
    for (const ext of EXTS) {
      const p = insideDir(this.uploadDir, name + ext);
      if (existsSync(p)) return p;
    }
    return null;
  }

  isBuiltin(name: string): boolean {
    return this.builtinFile(name) !== null;
  }

  exists(name: string): boolean {
    return this.builtinFile(name) !== null || this.uploadFile(name) !== null;
  }

  private names(): { name: string; builtin: boolean }[] {
    const list = (dir: string, builtin: boolean) =>
      existsSync(dir)
        ? readdirSync(dir)
            .filter(
              (f) => EXTS.includes(extname(f).toLowerCase()) && SLUG.test(f.slice(0, -extname(f).length)),
            )
            .map((f) => ({ name: f.slice(0, -extname(f).length), builtin }))
        : [];
    const b = list(SCENARIO_DIR, true);
    const u = list(this.uploadDir, false).filter((x) => !b.some((y) => y.name === x.name));
    return [...b, ...u].sort((x, y) => Number(y.builtin) - Number(x.builtin) || x.name.localeCompare(y.name));
  }

  list(): ScenarioInfo[] {
    return this.names().map(({ name, builtin }) => {
      try {
        const scn = this.get(name);
        return {
          name,
          builtin,
          title: scn.title,
          // the loaded scenario keeps its files, base first: the one before its own is what it extends
          extends:
            scn.files.length > 1
              ? basename(scn.files[scn.files.length - 2]).replace(/\.(ya?ml|json)$/i, '')
              : null,
          valid: true,
          // the date the scenario's views show when none is asked for (the dashboard's default)
          date: scn.views.date ?? null,
        };
      } catch (err) {
        return {
          name,
          builtin,
          title: null,
          extends: null,
          valid: false,
          error: err instanceof ApiError ? err.message : String(err),
        };
      }
    });
  }

  /** The loaded scenario; 404 when unknown, 422 when its file is invalid. */
  get(nameIn: string): Scenario {
    const name = checkName(nameIn);
    const file = this.builtinFile(name) ?? this.uploadFile(name);
    if (!file) throw notFound('scenario', name);
    const key = `${file}:${statSync(file).mtimeMs}`;
    const hit = this.cache.get(name);
    if (hit && hit.key === key) return hit.scn;
    try {
      const scn = loadScenarioSync(file);
      this.cache.set(name, { key, scn });
      return scn;
    } catch (err) {
      if (err instanceof ScenarioError)
        throw new ApiError(
          'input',
          'invalid_scenario',
          `scenario "${name}" is invalid (${err.issues.length} problem${err.issues.length === 1 ? '' : 's'})`,
          undefined,
          publicIssues(err.issues, new Map([[file, name]])),
        );
      throw err;
    }
  }

  /**
   * Check an uploaded scenario (YAML or JSON text, or an already-parsed object) and, with `save`,
   * store it under `name`. Uploads may extend a built-in or another upload by name; they may not
   * reference files (product lists and universes come from what they extend).
   */
  check(
    input: { name?: string; content?: string; scenario?: unknown },
    save: boolean,
  ): { name: string | null; scenario: Scenario } {
    const name = input.name === undefined ? null : checkName(input.name, 'body.name');
    if (save && name === null)
      throw new ApiError('input', 'bad_request', 'body.name is required to save a scenario', 'body.name');
    if (name && this.isBuiltin(name))
      throw new ApiError(
        'conflict',
        'read_only',
        `"${name}" is a built-in scenario and cannot be replaced; choose another name`,
        'body.name',
      );
    if (
      save &&
      name &&
      !this.uploadFile(name) &&
      this.names().filter((x) => !x.builtin).length >= MAX_UPLOADED_SCENARIOS
    )
      throw new ApiError(
        'conflict',
        'too_many_scenarios',
        `at most ${MAX_UPLOADED_SCENARIOS} uploaded scenarios; delete some first`,
      );
    let text: string;
    let ext: '.yaml' | '.json';
    let raw: unknown;
    if (typeof input.content === 'string') {
      const deep = flowNestingFault(input.content);
      if (deep) {
        // where: line and column of the bracket past the limit, as the loader reports it
        const before = input.content.slice(0, deep.offset);
        const line = before.split('\n').length;
        const col = deep.offset - before.lastIndexOf('\n');
        const message = `the uploaded text nests deeper than ${MAX_YAML_DEPTH} levels (a scenario needs about ten)`;
        throw new ApiError('input', 'invalid_scenario', message, 'body.content', [
          { path: 'content', line, col, message },
        ]);
      }
      const lines = new LineCounter();
      const doc = parseDocument(input.content, {
        lineCounter: lines,
        uniqueKeys: true,
        merge: false,
        prettyErrors: false,
      });
      const unreadable = (message: string, pos?: { line: number; col: number }) =>
        new ApiError(
          'input',
          'invalid_scenario',
          `the uploaded text is not valid YAML or JSON: ${message}`,
          'body.content',
          [{ path: '', message, ...(pos ?? {}), file: 'upload' }],
        );
      if (doc.errors.length) {
        const e = doc.errors[0];
        const message = /call stack/i.test(e.message)
          ? 'nested too deeply to parse (a scenario needs about ten levels)'
          : e.message.split('\n')[0];
        throw unreadable(message, e.linePos?.[0] ?? lines.linePos(e.pos[0]));
      }
      try {
        raw = yamlToPlain(doc, lines);
      } catch (err) {
        if (err instanceof YamlResourceError)
          throw unreadable(err.fault.message, { line: err.fault.line, col: err.fault.col });
        throw err;
      }
      if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
        const ext0 = (raw as Record<string, unknown>).extends;
        if (typeof ext0 === 'string') {
          const target = this.extendsTarget(ext0, name);
          if (target !== ext0) doc.set('extends', target);
        }
      }
      text = doc.toString();
      ext = '.yaml';
    } else if (input.scenario !== undefined) {
      raw = input.scenario;
      // JSON.stringify below recurses: a body nested thousands deep would overflow the stack
      if (nestedDeeperThan(raw))
        throw new ApiError(
          'input',
          'invalid_scenario',
          `body.scenario nests deeper than ${MAX_YAML_DEPTH} levels (a scenario needs about ten)`,
          'body.scenario',
        );
      if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
        const o = { ...(raw as Record<string, unknown>) };
        if (typeof o.extends === 'string') o.extends = this.extendsTarget(o.extends, name);
        text = JSON.stringify(o, null, 2);
      } else text = JSON.stringify(raw);
      ext = '.json';
    } else
      throw new ApiError(
        'input',
        'bad_request',
        'give the scenario as body.content (YAML or JSON text) or body.scenario (a JSON object)',
        'body',
      );
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
      throw new ApiError(
        'input',
        'invalid_scenario',
        'a scenario is a mapping (an object) at the top level',
        'body',
      );
    const fileKey = findKey(raw, 'file');
    if (fileKey)
      throw new ApiError(
        'input',
        'file_reference',
        `uploaded scenarios cannot reference files on the server (found "file" at ${fileKey}); extend a built-in scenario to use its product lists`,
        fileKey,
      );

    const tmp = join(this.uploadDir, `.upload-${randomBytes(6).toString('hex')}${ext}`);
    writeFileSync(tmp, text, { flag: 'wx' });
    let scenario: Scenario;
    try {
      scenario = loadScenarioSync(tmp);
      checkSimulationBlock(scenario);
    } catch (err) {
      unlinkSync(tmp);
      if (err instanceof ScenarioError)
        throw new ApiError(
          'input',
          'invalid_scenario',
          `the scenario is invalid (${err.issues.length} problem${err.issues.length === 1 ? '' : 's'}): ${err.issues[0].path ? err.issues[0].path + ': ' : ''}${scrubPaths(err.issues[0].message)}`,
          err.issues[0].path || undefined,
          publicIssues(err.issues, new Map([[tmp, name ?? 'upload']])),
        );
      throw err;
    }
    if (!save || !name) {
      unlinkSync(tmp);
      return { name, scenario };
    }
    const old = this.uploadFile(name);
    const dest = insideDir(this.uploadDir, name + ext);
    renameSync(tmp, dest);
    if (old && old !== dest) unlinkSync(old);
    this.cache.clear();
    return { name, scenario: this.get(name) };
  }

  /** `extends` of an upload: a built-in id stays as it is; an upload becomes its file in the same folder. */
  private extendsTarget(ext: string, self: string | null): string {
    const n = checkName(ext, 'body.extends');
    if (n === self)
      throw new ApiError('input', 'invalid_scenario', 'a scenario cannot extend itself', 'extends');
    if (this.isBuiltin(n)) return n;
    const f = this.uploadFile(n);
    if (!f) throw new ApiError('input', 'invalid_scenario', `extends: no scenario named "${n}"`, 'extends');
    return './' + basename(f);
  }

  delete(nameIn: string): void {
    const name = checkName(nameIn);
    if (this.isBuiltin(name))
      throw new ApiError('conflict', 'read_only', `"${name}" is a built-in scenario and cannot be deleted`);
    const f = this.uploadFile(name);
    if (!f) throw notFound('scenario', name);
    unlinkSync(f);
    this.cache.clear();
  }
}

function findKey(v: unknown, key: string, path = ''): string | null {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const r = findKey(v[i], key, `${path}[${i}]`);
      if (r) return r;
    }
  } else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      const p = path ? `${path}.${k}` : k;
      if (k === key) return p;
      const r = findKey(x, key, p);
      if (r) return r;
    }
  }
  return null;
}
