// Schema (zod) failures to located scenario issues, saying what was missing or found.
import type { z } from 'zod';
import { describe } from '../../model/index.ts';
import { formatPath, type ScenarioIssue } from './issues.ts';
import { locate, type SourceDoc } from './source.ts';

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

/** At most this many schema issues are reported for one file (the rest repeat the same mistake). */
const MAX_FILE_ISSUES = 50;

/**
 * A file's top-level value checked against its schema: the parsed data, or the located issues
 * (a value that is not a mapping is one issue at 1:1; else the schema's, at most 50).
 */
export function checkTopLevel<T>(
  src: SourceDoc,
  raw: unknown,
  schema: z.ZodType<T>,
): { data: T; issues?: undefined } | { issues: ScenarioIssue[] } {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    return {
      issues: [
        {
          file: src.file,
          line: 1,
          col: 1,
          path: '',
          message: `expected a mapping at the top level, got ${describe(raw)}`,
        },
      ],
    };
  // jitless: zod would compile a parser per object schema (new Function) on this first parse;
  // compiling costs more than it saves on one read of a file (measured: about 40% of the
  // schema check's CPU on a scenario with 2,000 extra measures, bench/RESULTS.md "Scale")
  const parsed = schema.safeParse(raw, { jitless: true });
  return parsed.success
    ? { data: parsed.data }
    : { issues: zodIssues(src, parsed.error).slice(0, MAX_FILE_ISSUES) };
}
