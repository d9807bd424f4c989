// Scenario text to a YAML document keeping positions: located syntax errors, `locate` for a path.
import { extname } from 'node:path';
import type { Document, LineCounter, Node as YamlNode } from 'yaml';
import { yamlLib } from '../lazy-libs.ts';
import { flowNestingFault, MAX_YAML_DEPTH } from '../yaml-plain.ts';
import { ScenarioError } from './issues.ts';

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
  const { isMap, isSeq } = yamlLib();
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
  const { LineCounter: Lines, parseDocument } = yamlLib();
  const lines = new Lines();
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
