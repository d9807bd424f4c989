// A parsed YAML document to plain data, with the faults that would otherwise escape as internal errors
// or vanish named and located: alias bombs ("billion laughs"), nesting deep enough to exhaust the stack
// of the recursive conversion, and `__proto__` keys (which set a prototype instead of a key).
import type { Document, LineCounter } from 'yaml';
import { yamlLib } from './lazy-libs.ts';

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

/** The first node too deep or keyed `__proto__`, walked with an explicit stack (no recursion to overflow). */
function firstFault(doc: Document): { offset: number; why: 'depth' | 'proto' } | null {
  const { isCollection, isPair, isScalar } = yamlLib();
  const stack: { node: unknown; depth: number }[] = [{ node: doc.contents, depth: 1 }];
  while (stack.length) {
    const { node, depth } = stack.pop()!;
    if (!isCollection(node)) continue;
    if (depth > MAX_YAML_DEPTH) return { offset: node.range?.[0] ?? 0, why: 'depth' };
    for (const item of node.items) {
      if (isPair(item)) {
        // `__proto__` would set the object's prototype instead of a key, and the entry would vanish.
        if (isScalar(item.key) && item.key.value === '__proto__')
          return { offset: item.key.range?.[0] ?? 0, why: 'proto' };
        stack.push({ node: item.key, depth: depth + 1 });
        stack.push({ node: item.value, depth: depth + 1 });
      } else stack.push({ node: item, depth: depth + 1 });
    }
  }
  return null;
}

function countAliases(doc: Document): number {
  const { isAlias, isCollection, isPair } = yamlLib();
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

/**
 * Where flow nesting (`[` and `{` outside quotes and comments) first goes deeper than `max` in a
 * YAML or JSON text, or null. Checked before the YAML parser runs: it recurses on flow
 * collections, and a stack overflow inside it leaves positions that vary from run to run and, on a
 * later parse in the same process, can abort Node (V8 fails to allocate while compiling a RegExp).
 */
export function flowNestingFault(text: string, max = MAX_YAML_DEPTH): { offset: number } | null {
  let depth = 0;
  let quote = 0; // the open quote character, 0 outside quotes
  let prev = 10; // the character before, as a code (a newline at the start)
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote) {
      if (c === 92 && quote === 34)
        i++; // \x inside "..."
      else if (c === quote) {
        if (quote === 39 && text.charCodeAt(i + 1) === 39)
          i++; // '' inside '...'
        else quote = 0;
      }
    } else if (c === 35 && (prev === 32 || prev === 9 || prev === 10 || prev === 13)) {
      const nl = text.indexOf('\n', i);
      if (nl < 0) break;
      i = nl;
    } else if ((c === 34 || c === 39) && isTokenStart(prev)) quote = c;
    else if (c === 91 || c === 123) {
      if (++depth > max) return { offset: i };
    } else if ((c === 93 || c === 125) && depth > 0) depth--;
    prev = text.charCodeAt(i);
  }
  return null;
}

/** True when plain data (an uploaded JSON object) nests deeper than `max`; walked without recursion. */
export function nestedDeeperThan(value: unknown, max = MAX_YAML_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > max) return true;
    for (const x of Array.isArray(v) ? v : Object.values(v)) stack.push([x, depth + 1]);
  }
  return false;
}

/** A quote opens a quoted scalar only where a token may start (not inside `China's`). */
const isTokenStart = (c: number) =>
  c === 32 || c === 9 || c === 10 || c === 13 || c === 91 || c === 123 || c === 44 || c === 58 || c === 45;

export function yamlToPlain(doc: Document, lines: LineCounter): unknown {
  const fault = firstFault(doc);
  if (fault) {
    const pos = lines.linePos(fault.offset);
    throw new YamlResourceError({
      line: pos.line,
      col: pos.col,
      message:
        fault.why === 'depth'
          ? `nested deeper than ${MAX_YAML_DEPTH} levels (a scenario needs about ten)`
          : 'the key "__proto__" is not allowed (it would be dropped, not read)',
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
