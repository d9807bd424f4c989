// A scenario's problems: the located issue, the error that carries them, and how they print.
import { isAbsolute, relative } from 'node:path';
import { LeverageError } from '../../errors/index.ts';

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

export function displayPath(file: string): string {
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
