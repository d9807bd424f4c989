// A parsed YAML document to plain data, with the two resource faults named and located rather than
// escaping as internal errors: alias bombs ("billion laughs") and nesting deep enough to exhaust the
// stack of the recursive conversion.
import { isAlias, isCollection, isPair, type Document, type LineCounter } from 'yaml';

/** Deepest nesting a scenario or question file may use; the built-in files need about ten levels. */
export const MAX_YAML_DEPTH = 100;
/** Aliases (`*name`) a document may expand; enough for shared rate paths, not for a bomb. */
export const MAX_YAML_ALIASES = 100;

export interface YamlFault {
  line: number;
  col: number;
  message: string;
}

/** Thrown by `yamlToPlain`; the caller wraps it in its own located error type. */
export class YamlResourceError extends Error {
  constructor(readonly fault: YamlFault) {
    super(fault.message);
    this.name = 'YamlResourceError';
  }
}

/** Depth of the node tree, walked with an explicit stack (no recursion to overflow). */
function firstTooDeep(doc: Document): { offset: number } | null {
  const stack: { node: unknown; depth: number }[] = [{ node: doc.contents, depth: 1 }];
  while (stack.length) {
    const { node, depth } = stack.pop()!;
    if (!isCollection(node)) continue;
    if (depth > MAX_YAML_DEPTH) return { offset: node.range?.[0] ?? 0 };
    for (const item of node.items) {
      if (isPair(item)) {
        stack.push({ node: item.key, depth: depth + 1 });
        stack.push({ node: item.value, depth: depth + 1 });
      } else stack.push({ node: item, depth: depth + 1 });
    }
  }
  return null;
}

function countAliases(doc: Document): number {
  let n = 0;
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const node = stack.pop();
    if (isAlias(node)) n++;
    else if (isCollection(node))
      for (const item of node.items) {
        if (isPair(item)) stack.push(item.key, item.value);
        else stack.push(item);
      }
  }
  return n;
}

export function yamlToPlain(doc: Document, lines: LineCounter): unknown {
  const deep = firstTooDeep(doc);
  if (deep) {
    const pos = lines.linePos(deep.offset);
    throw new YamlResourceError({
      line: pos.line,
      col: pos.col,
      message: `nested deeper than ${MAX_YAML_DEPTH} levels (a scenario needs about ten)`,
    });
  }
  try {
    return doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (err) {
    if (err instanceof RangeError || /alias/i.test((err as Error).message)) {
      const aliases = countAliases(doc);
      throw new YamlResourceError({
        line: 1,
        col: 1,
        message:
          `aliases expand too far (${aliases} alias(es) in the file; expansion is limited to ` +
          `${MAX_YAML_ALIASES} copies per alias): write the values out or use fewer nested aliases`,
      });
    }
    throw err;
  }
}
