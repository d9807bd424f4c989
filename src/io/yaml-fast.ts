// A fast reader for the plain block-style YAML that scenario files are written in (and that
// `yaml`'s stringify writes): block mappings and sequences, plain and quoted scalars (multi-line
// too), one-line flow sequences and flow mappings of scalars (`[a, 'b']`, `{ kind: beta, alpha: 2 }`),
// comments; scalars resolved by the YAML 1.2 core schema exactly as the `yaml` package does.
// Anything else (anchors, aliases, tags, block scalars, nested or multi-line flow collections,
// explicit keys, quoted or non-string keys, duplicate or
// `__proto__` keys, tabs, CR, directives, deep nesting, any syntax fault) returns undefined and
// the caller parses with `yaml`, which keeps every node's position for located errors.
// Why: `yaml` builds a positioned node for every scalar and runs at about 5 MB/s here, about 85%
// of loading a scenario with 2,000 extra measures; positions are needed only to locate an error.

// YAML's white space is the space (tabs are refused up front); String.trim would also drop NBSP.
// (index loops: the regex forms were about a fifth of the reader's time on a 4 MB scenario)
function trimL(s: string): string {
  let i = 0;
  while (s.charCodeAt(i) === 32) i++;
  return i === 0 ? s : s.slice(i);
}
function trimR(s: string): string {
  let j = s.length;
  while (j > 0 && s.charCodeAt(j - 1) === 32) j--;
  return j === s.length ? s : s.slice(0, j);
}

/** Thrown inside to give up; never escapes `fastYamlToPlain`. */
class Unsupported extends Error {}
const bail = (): never => {
  throw new Unsupported();
};

const MAX_DEPTH = 60; // under MAX_YAML_DEPTH: deeper files take the `yaml` path and its located error

// The core schema's tests (yaml 2.x, schema/core): null, bool, int, hex/octal, nan/inf, float.
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT = /^[-+]?[0-9]+$/;
const OTHER_NUMBER = /^(?:0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const KEY = /^[\w$][\w$.\-/ ]*$/;

/**
 * Whether a plain scalar starting with this character code is a string whatever follows: no core
 * schema pattern (null, bool, number) starts with it. Most scalars are words or URLs; this skips
 * the five patterns for them.
 */
const alwaysString = (c: number) =>
  !(
    (c >= 48 && c <= 57) || // 0-9
    c === 43 || // +
    c === 45 || // -
    c === 46 || // .
    c === 126 || // ~
    c === 78 || // N
    c === 110 || // n
    c === 84 || // T
    c === 116 || // t
    c === 70 || // F
    c === 102 // f
  );

/** A plain scalar's value under the core schema (as `yaml` resolves it: parseInt, parseFloat). */
function resolvePlain(s: string): unknown {
  if (s.length > 0 && alwaysString(s.charCodeAt(0))) return s;
  if (NULL.test(s)) return null;
  if (BOOL.test(s)) return s[0] === 't' || s[0] === 'T';
  if (INT.test(s)) return s.length > 15 ? bail() : parseInt(s, 10);
  if (OTHER_NUMBER.test(s)) bail();
  if (FLOAT.test(s)) return parseFloat(s);
  return s;
}

const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  n: '\n',
  t: '\t',
  r: '\r',
  b: '\b',
  f: '\f',
  '0': '\0',
};

/** First character of a plain scalar that `yaml` would read otherwise (an indicator). */
const isIndicator = (c: string) => '-?:,[]{}#&*!|>\'"%@`'.includes(c);
/** Whether `t` can start a plain scalar: no indicator first ("-", "?", ":" only before a non-space). */
const plainStart = (t: string) =>
  t[0] === '-' || t[0] === '?' || t[0] === ':' ? t.length > 1 && t[1] !== ' ' : !isIndicator(t[0]);
/** `key:` or `key: ...` with a plain key (quoted keys take the `yaml` path). */
const looksLikeEntry = (t: string) => {
  if (!plainStart(t)) return /^(?:'[^']*'|"[^"\\]*"):(?: |$)/.test(t);
  const c = t.indexOf(':'); // the first colon, followed by a space or the end of the line
  return c >= 0 && (c === t.length - 1 || t.charCodeAt(c + 1) === 32);
};

/** Indentation marks for lines without content (Reader.ind). */
const BLANK = -1;
const COMMENT = -2;

class Reader {
  private i = 0;
  /**
   * Each line's indentation (leading spaces), BLANK or COMMENT: measured once, since every line is
   * looked at by several steps. A `- key: value` line's entry is re-marked at its key's column.
   */
  private readonly ind: Int32Array;
  constructor(private readonly lines: string[]) {
    this.ind = new Int32Array(lines.length);
    for (let k = 0; k < lines.length; k++) {
      const line = lines[k];
      let n = 0;
      while (line.charCodeAt(n) === 32) n++;
      this.ind[k] = n === line.length ? BLANK : line.charCodeAt(n) === 35 ? COMMENT : n;
    }
  }

  /** The next line with content (blank and comment lines skipped), or -1. */
  private next(): number {
    while (this.i < this.lines.length && this.ind[this.i] < 0) this.i++;
    return this.i < this.lines.length ? this.i : -1;
  }
  done(): boolean {
    return this.next() < 0;
  }
  private static isDash(content: string): boolean {
    return content === '-' || content.startsWith('- ');
  }

  /** The node starting on the next content line, indented more than its parent's `n`. */
  block(n: number, depth: number): unknown {
    if (depth > MAX_DEPTH) bail();
    const j = this.next();
    const ind = this.ind[j];
    const content = this.lines[j].slice(ind);
    if (Reader.isDash(content)) return this.seq(ind, depth);
    if (looksLikeEntry(content)) return this.map(ind, depth);
    this.i = j + 1; // a scalar on the lines below its key
    return this.scalar(content, n);
  }

  map(n: number, depth: number): Record<string, unknown> {
    const obj: Record<string, unknown> = {};
    for (let j = this.next(); j >= 0; j = this.next()) {
      const ind = this.ind[j];
      if (ind < n) break;
      if (ind > n) bail();
      const content = this.lines[j].slice(n);
      if (Reader.isDash(content)) break;
      let key: string;
      let colon: number;
      if (content[0] === "'" || content[0] === '"') {
        // a quoted key on one line ('2017': ...): the text between the quotes, '' read as '
        const q = content[0];
        let end = 1;
        while (end < content.length && (content[end] !== q || (q === "'" && content[end + 1] === q)))
          end += content[end] === q ? 2 : 1;
        key = content.slice(1, end);
        if (q === '"' ? key.includes('\\') : false) bail();
        if (q === "'") key = key.replace(/''/g, "'");
        colon = end + 1;
        if (content[colon] !== ':' || (colon + 1 < content.length && content[colon + 1] !== ' ')) bail();
        if (key === '__proto__') bail();
      } else {
        colon = content.indexOf(': ');
        if (colon < 0 && content.endsWith(':')) colon = content.length - 1;
        if (colon < 0) bail();
        key = plainKey(content.slice(0, colon));
      }
      if (Object.prototype.hasOwnProperty.call(obj, key)) bail(); // `yaml`'s uniqueKeys error
      this.i = j + 1;
      obj[key] = this.value(content.slice(colon + 1), n, depth, true);
    }
    return obj;
  }

  seq(n: number, depth: number): unknown[] {
    const arr: unknown[] = [];
    for (let j = this.next(); j >= 0; j = this.next()) {
      const ind = this.ind[j];
      if (ind < n) break;
      if (ind > n) bail();
      const content = this.lines[j].slice(n);
      if (!Reader.isDash(content)) break;
      const after = content.slice(1);
      const t = trimL(after);
      if (t !== '' && looksLikeEntry(t)) {
        // `- key: value`: a mapping whose keys sit where `key` starts (the line is re-marked
        // there, as if the dash were a space; map reads it from that column)
        const keyAt = n + 1 + after.length - t.length;
        this.ind[j] = keyAt;
        this.i = j;
        arr.push(this.map(keyAt, depth + 1));
      } else {
        this.i = j + 1;
        arr.push(this.value(after, n, depth, false));
      }
    }
    return arr;
  }

  /** The value after `key:` or `-` on a line: inline scalar, or a nested block below, or null. */
  private value(rest: string, n: number, depth: number, inMap: boolean): unknown {
    const t = trimL(rest);
    if (t !== '' && t[0] !== '#') return this.scalar(t, n);
    const j = this.next();
    if (j < 0) return null;
    const ind = this.ind[j];
    if (ind > n) return this.block(n, depth + 1);
    // a sequence may sit at its key's indentation
    if (inMap && ind === n && Reader.isDash(this.lines[j].slice(n))) return this.seq(n, depth + 1);
    return null;
  }

  private scalar(t: string, n: number): unknown {
    const c = t[0];
    if (c === '"' || c === "'") return this.quoted(t, n);
    if (c === '[') return flowSeq(t);
    if (c === '{') return flowMap(t);
    if (!plainStart(t)) bail();
    let s = stripComment(t);
    // a comment ends a plain scalar: an indented line after one is an error to yaml, so no answer
    const commented = s.length < trimR(t).length;
    // continuation lines of a multi-line plain scalar: folded, one space per break, "\n" per blank line
    let blanks = 0;
    for (let k = this.i; k < this.lines.length; k++) {
      const ind = this.ind[k];
      if (ind === BLANK) {
        blanks++;
        continue;
      }
      if (ind === COMMENT || ind <= n) break;
      const lt = trimR(this.lines[k].slice(ind));
      if (commented || !plainStart(lt) || lt.includes(' #')) bail();
      s += blanks ? '\n'.repeat(blanks) + lt : ' ' + lt;
      blanks = 0;
      this.i = k + 1;
    }
    if (s.includes(': ') || s.endsWith(':') || s.includes('\t')) bail();
    return resolvePlain(s);
  }

  /** A single- or double-quoted scalar starting at `t`, possibly continued on lines indented more than `n`. */
  private quoted(t: string, n: number): string {
    const q = t[0];
    let out = '';
    let kept = 0; // out[0, kept) ends with an escape: its spaces are not trimmed at a line break
    let line = t.slice(1);
    for (;;) {
      let k = 0;
      let closed = -1;
      while (k < line.length) {
        // copy the run of ordinary characters up to the next quote (or backslash in "...") at once
        const stop = nextSpecial(line, k, q);
        if (stop > k) {
          out += line.slice(k, stop);
          k = stop;
          if (k >= line.length) break;
        }
        const ch = line[k];
        if (q === "'" && ch === "'") {
          if (line[k + 1] === "'") {
            out += "'";
            k += 2;
            continue;
          }
          closed = k;
          break;
        }
        if (q === '"' && ch === '"') {
          closed = k;
          break;
        }
        if (q === '"' && ch === '\\') {
          const e = line[k + 1];
          if (e === 'u' || e === 'x') {
            const len = e === 'u' ? 4 : 2;
            const hex = line.slice(k + 2, k + 2 + len);
            if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) bail();
            out += String.fromCharCode(parseInt(hex, 16));
            kept = out.length;
            k += 2 + len;
            continue;
          }
          if (e === undefined || !(e in ESCAPES)) bail(); // escaped line break and rare escapes
          out += ESCAPES[e];
          kept = out.length;
          k += 2;
          continue;
        }
        out += ch;
        k++;
      }
      if (closed >= 0) {
        if (!/^(?: +#.*)? *$/.test(line.slice(closed + 1))) bail();
        return out;
      }
      // the scalar goes on: trailing spaces dropped, one space per line break, "\n" per blank line
      out = out.slice(0, kept) + out.slice(kept).replace(/ +$/, '');
      let blanks = 0;
      for (;;) {
        if (this.i >= this.lines.length) bail();
        const k = this.i++;
        const ind = this.ind[k];
        if (ind === BLANK) {
          blanks++;
          continue;
        }
        // a "#" line inside a quoted scalar is text (COMMENT marks it; its indentation is counted again)
        const at = ind === COMMENT ? this.lines[k].length - trimL(this.lines[k]).length : ind;
        if (at <= n) bail();
        line = this.lines[k].slice(at);
        break;
      }
      out += blanks ? '\n'.repeat(blanks) : ' ';
    }
  }
}

/** The first index from `k` of the quote `q` (or of a backslash, in a double-quoted scalar), else the length. */
function nextSpecial(line: string, k: number, q: string): number {
  let e = line.indexOf(q, k);
  if (e < 0) e = line.length;
  if (q === '"') {
    const b = line.indexOf('\\', k);
    if (b >= 0 && b < e) e = b;
  }
  return e;
}

function stripComment(t: string): string {
  const h = t.indexOf(' #');
  return trimR(h >= 0 ? t.slice(0, h) : t);
}

/** A plain mapping key as `yaml` writes it into an object: a number key only as its own string ("8501"; not "1.50"). */
function plainKey(key: string): string {
  const resolved = KEY.test(key) && !key.endsWith(' ') && key !== '__proto__' ? resolvePlain(key) : null;
  if (resolved !== key && !(typeof resolved === 'number' && String(resolved) === key)) bail();
  return key;
}

/**
 * The scalar at t[k] inside a one-line flow collection, and the index after it: quoted on this
 * line (no escapes), or plain up to the first of `stops` (no indicators, quotes or comments in it;
 * `colon` says whether a ":" may appear, as in a URL).
 */
function flowScalar(t: string, k: number, stops: string, colon: boolean): [unknown, number] {
  const q = t[k];
  if (q === "'" || q === '"') {
    let v = '';
    for (k++; ; k++) {
      if (k >= t.length || (q === '"' && t[k] === '\\')) bail();
      if (t[k] === q) {
        if (q === "'" && t[k + 1] === q) k++;
        else break;
      }
      v += t[k];
    }
    return [v, k + 1];
  }
  const from = k;
  while (k < t.length && !stops.includes(t[k])) k++;
  const s = trimR(trimL(t.slice(from, k)));
  if (s === '' || /[[\]{}#'"]/.test(s) || !plainStart(s)) bail();
  if (colon ? s.includes(': ') || s.endsWith(':') : s.includes(':')) bail();
  return [resolvePlain(s), k];
}

/**
 * The items of a one-line flow collection opened at t[0], ending at `close`: `item(k)` reads one
 * and returns the index after it. No trailing comma; only a comment may follow the collection.
 */
function flowItems(t: string, close: string, item: (k: number) => number): void {
  let k = 1;
  const skip = () => {
    while (t[k] === ' ') k++;
  };
  skip();
  if (t[k] === close) k++;
  else
    for (;;) {
      skip();
      k = item(k);
      skip();
      if (t[k] === ',') k++;
      else if (t[k] === close) {
        k++;
        break;
      } else bail();
    }
  if (!/^(?: +#.*)? *$/.test(t.slice(k))) bail();
}

/** `[a, 'b, c', 3]` on one line: scalars only (nested collections, escapes, trailing commas: unsupported). */
function flowSeq(t: string): unknown[] {
  const out: unknown[] = [];
  flowItems(t, ']', (k) => {
    const [v, next] = flowScalar(t, k, ',]', true);
    out.push(v);
    return next;
  });
  return out;
}

/** `{ kind: beta, alpha: 2, note: 'a, b' }` on one line: plain or single-quoted keys, scalar values only. */
function flowMap(t: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  flowItems(t, '}', (k) => {
    let key: string;
    if (t[k] === "'" || t[k] === '"') {
      const [v, next] = flowScalar(t, k, '', false);
      key = v as string;
      k = next;
      if (key === '__proto__') bail();
    } else {
      const from = k;
      while (k < t.length && t[k] !== ':') k++;
      key = plainKey(t.slice(from, k)); // `{a : 1}` (a space before the colon) left to yaml
    }
    if (t[k] !== ':' || t[k + 1] !== ' ') bail(); // `{a:1}` and `{a}` read otherwise; left to yaml
    k += 2;
    while (t[k] === ' ') k++;
    const [v, next] = flowScalar(t, k, ',}', false);
    if (Object.prototype.hasOwnProperty.call(out, key)) bail(); // `yaml`'s uniqueKeys error
    out[key] = v;
    return next;
  });
  return out;
}

/** The plain data of `text` when it is in the supported subset, else undefined (parse it with `yaml`). */
export function fastYamlToPlain(text: string): Record<string, unknown> | undefined {
  if (text.includes('\r') || text.includes('\t')) return undefined;
  const lines = text.split('\n');
  for (const l of lines)
    if (l.startsWith('---') || l.startsWith('...') || l.startsWith('%')) return undefined;
  try {
    const r = new Reader(lines);
    if (r.done()) return undefined;
    const v = r.block(-1, 1);
    if (!r.done() || v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
    return v as Record<string, unknown>;
  } catch (err) {
    if (err instanceof Unsupported) return undefined;
    throw err;
  }
}
