import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputFileError, MAX_INPUT_BYTES, readTextFile } from '../../src/io/index.ts';
import { tempDir } from '../helpers.ts';

describe('readTextFile refuses what cannot be a text input', () => {
  const dir = tempDir();
  const file = (name: string, content: string | Buffer) => {
    const p = join(dir, name);
    writeFileSync(p, content);
    return p;
  };
  const refuses = (path: string, message: RegExp) =>
    assert.throws(
      () => readTextFile(path),
      (err: unknown) => err instanceof InputFileError && err.file === path && message.test(err.message),
    );

  test('missing file, folder, empty, whitespace-only', () => {
    refuses(join(dir, 'nope.yaml'), /: file not found$/);
    refuses(dir, /: is a folder, expected a file$/);
    refuses(file('empty.yaml', ''), /: file is empty$/);
    refuses(file('ws.yaml', ' \n\t\n'), /: file is empty \(only whitespace\)$/);
  });

  test('binary: NUL bytes, or invalid UTF-8 without NUL', () => {
    refuses(file('nul.yaml', Buffer.from([0x69, 0x64, 0x00, 0x3a])), /contains NUL bytes/);
    // 0xC3 0x28 is an invalid two-byte sequence
    refuses(file('latin.yaml', Buffer.from([0x69, 0x64, 0x3a, 0x20, 0xc3, 0x28, 0x0a])), /invalid UTF-8/);
  });

  test('a byte-order mark is dropped; valid UTF-8 is read as is', () => {
    assert.equal(readTextFile(file('bom.yaml', '\ufeffid: x\n')), 'id: x\n');
    assert.equal(readTextFile(file('utf8.yaml', 'title: Zölle\n')), 'title: Zölle\n');
  });

  test('the size limit is 64 MB and can be lowered', () => {
    assert.equal(MAX_INPUT_BYTES, 64 * 1024 * 1024);
    const p = file('big.yaml', 'x'.repeat(2048));
    assert.equal(readTextFile(p, 2048).length, 2048); // exactly at the limit: read
    assert.throws(() => readTextFile(p, 2047), /file is too large/);
  });
});
