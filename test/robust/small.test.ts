// Small faults of the audit: UTF-16 input named as such, --out that refuses read-only files and
// names the real reason, a short header timeout for slow clients.
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { readTextFile, InputFileError } from '../../src/io/index.ts';
import { writeAtomically } from '../../src/cli/output.ts';
import { tempDir } from '../helpers.ts';
import { removeDir, start } from '../server/helpers.ts';

describe('encodings', () => {
  const dir = tempDir();
  const utf16 = (text: string, bom: boolean) => {
    const body = Buffer.from(text, 'utf16le');
    return bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), body]) : body;
  };
  for (const bom of [true, false])
    test(`UTF-16${bom ? ' with a byte-order mark' : ' without a mark'} is named, with the fix`, () => {
      const f = join(dir, `s${bom}.yaml`);
      writeFileSync(f, utf16('id: x\ntitle: y\n', bom));
      assert.throws(
        () => readTextFile(f),
        (e: unknown) => e instanceof InputFileError && /UTF-16 .*save it as UTF-8/.test(e.message),
      );
    });
  test('other binary content keeps its own message', () => {
    const f = join(dir, 'b.bin');
    writeFileSync(f, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x41, 0x42, 0x43, 0x44]));
    assert.throws(() => readTextFile(f), /NUL bytes/);
  });
});

describe('--out', () => {
  const dir = tempDir();
  test('a read-only file is not replaced', async () => {
    const f = join(dir, 'ro.json');
    writeFileSync(f, 'keep');
    chmodSync(f, 0o444);
    await assert.rejects(writeAtomically(f, '{}'), /read-only; not replaced/);
    assert.equal(readFileSync(f, 'utf8'), 'keep');
  });
  test('a folder that exists but takes no files is not called missing', async () => {
    await assert.rejects(
      writeAtomically('/proc/leverage-x.json', '{}'),
      /the folder \/proc does not accept new files/,
    );
    await assert.rejects(writeAtomically(join(dir, 'no', 'x.json'), '{}'), /no such folder/);
  });
});

describe('slow clients', () => {
  const dir = tempDir();
  after(() => removeDir(dir));
  test('a client that never finishes its headers is disconnected after the header timeout', async () => {
    const srv = await start({ dataDir: dir, headersTimeoutMs: 300 });
    try {
      const { port } = new URL(srv.url);
      const t0 = performance.now();
      const closedAfter = await new Promise<number>((resolve, reject) => {
        const sock = connect(Number(port), '127.0.0.1', () =>
          sock.write('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n'),
        );
        sock.on('close', () => resolve(performance.now() - t0));
        sock.on('error', () => undefined);
        sock.resume(); // read the 408, or 'end' (and so 'close') never comes
        setTimeout(() => reject(new Error('still open after 5 s')), 5000).unref();
      });
      assert.ok(closedAfter >= 250 && closedAfter < 5000, `closed after ${closedAfter.toFixed(0)} ms`);
    } finally {
      await srv.close();
    }
  });
});
