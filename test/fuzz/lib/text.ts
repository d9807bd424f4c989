// Byte- and text-level faults: encodings, truncation, stray bytes, resource bombs.
import type { Rng } from './rng.ts';

export type TextMutation =
  | 'utf16le-bom'
  | 'utf16be-bom'
  | 'utf16le-nobom'
  | 'utf8-bom'
  | 'latin1'
  | 'crlf'
  | 'truncate'
  | 'nul-byte'
  | 'invalid-utf8'
  | 'empty'
  | 'whitespace';

export const TEXT_MUTATIONS: TextMutation[] = [
  'utf16le-bom',
  'utf16be-bom',
  'utf16le-nobom',
  'utf8-bom',
  'latin1',
  'crlf',
  'truncate',
  'nul-byte',
  'invalid-utf8',
  'empty',
  'whitespace',
];

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
  return le;
}

/** The bytes of `text` with one encoding or byte fault; `utf8-bom` and `crlf` are faults a reader must accept. */
export function mutateBytes(text: string, kind: TextMutation, rng: Rng): Buffer {
  switch (kind) {
    case 'utf16le-bom':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf16be-bom':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(text)]);
    case 'utf16le-nobom':
      return Buffer.from(text, 'utf16le');
    case 'utf8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'latin1': {
      // a non-ASCII character written as Latin-1 (one byte >= 0x80): invalid UTF-8
      const at = rng.int(text.length);
      return Buffer.from(text.slice(0, at) + 'Québec ' + text.slice(at), 'latin1');
    }
    case 'crlf':
      return Buffer.from(text.replace(/\n/g, '\r\n'), 'utf8');
    case 'truncate':
      return Buffer.from(text, 'utf8').subarray(0, rng.int(Buffer.byteLength(text)));
    case 'nul-byte': {
      const b = Buffer.from(text, 'utf8');
      const at = rng.int(b.length);
      return Buffer.concat([b.subarray(0, at), Buffer.from([0]), b.subarray(at)]);
    }
    case 'invalid-utf8': {
      const b = Buffer.from(text, 'utf8');
      const at = rng.int(b.length);
      return Buffer.concat([b.subarray(0, at), Buffer.from([0xc3, 0x28]), b.subarray(at)]);
    }
    case 'empty':
      return Buffer.alloc(0);
    case 'whitespace':
      return Buffer.from(' \n\t\n', 'utf8');
  }
}

/** "Billion laughs": each level refers to the one before ten times. */
export function yamlBomb(levels: number): string {
  const out = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i < levels; i++)
    out.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
  return out.join('\n') + '\n';
}

/** Deeply nested YAML: flow `[[[...]]]` or block mappings, `depth` levels. */
export function yamlNesting(depth: number, block: boolean): string {
  if (!block) return `id: deep\nx: ${'['.repeat(depth)}1${']'.repeat(depth)}\n`;
  const lines = ['id: deep'];
  for (let i = 0; i < depth; i++) lines.push(`${' '.repeat(i)}k${i}:`);
  lines.push(`${' '.repeat(depth)}v: 1`);
  return lines.join('\n') + '\n';
}
