import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers.ts';
import { cli as leverage, ROOT, STACK_TRACE } from '../helpers.ts';

const HTTP = /^https?:\/\/\S+$/;

describe('ledger', () => {
  test('US on CN, 4202.21, 2025-06-11: one JSON document, total 55 = Section 301 25 + fentanyl 20 + reciprocal 10', async () => {
    const r = await leverage([
      'ledger',
      '--at',
      '2025-06-11',
      '--importer',
      'US',
      '--exporter',
      'CN',
      '--product',
      '4202.21',
      '--json',
    ]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    const doc = JSON.parse(r.stdout); // exactly one document: any trailing text makes this throw
    assert.equal(doc.date, '2025-06-11');
    assert.equal(doc.product, '420221');
    assert.equal(doc.total_pct, 55);
    const by = Object.fromEntries(
      doc.layers.map((l: { authority: string; rate_pct: number }) => [l.authority, l.rate_pct]),
    );
    assert.deepEqual(by, { 'Section 301': 25, 'IEEPA fentanyl': 20, 'IEEPA reciprocal': 10 });
    for (const l of doc.layers as { sources: string[] }[]) {
      assert.ok(l.sources.length >= 1);
      for (const s of l.sources) assert.match(s, HTTP);
    }
    assert.equal(
      doc.layers.find((l: { authority: string }) => l.authority === 'Section 301').measure_id,
      'us-s301-list3',
    );
  });

  test('--out writes the same document atomically and prints nothing', async () => {
    const dir = tempDir();
    const out = join(dir, 'ledger.json');
    const r = await leverage([
      'ledger',
      '--at',
      '2025-06-11',
      '--importer',
      'US',
      '--exporter',
      'CN',
      '--product',
      '4202.21',
      '--json',
      '--out',
      out,
    ]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.deepEqual(readdirSync(dir), ['ledger.json'], 'no temp file left');
    assert.equal(JSON.parse(readFileSync(out, 'utf8')).total_pct, 55);
    rmSync(dir, { recursive: true });
  });

  test('precise errors, non-zero exit, no stack trace, nothing on stdout', async () => {
    const cases: [string[], string][] = [
      [['ledger', '--at', '2025-02-30', '--json'], 'leverage: --at: 2025-02-30 is not a calendar date'],
      [['ledger', '--at', 'tomorrow'], 'leverage: --at: expected a date YYYY-MM-DD, got "tomorrow"'],
      [
        ['ledger', '--at', '2025-06-11', '--importer', 'XX', '--json'],
        'leverage: --importer: unknown actor "XX" (scenario actors: US, CN',
      ],
      [
        ['ledger', '--at', '2025-06-11', '--group', 'nope', '--json'],
        'leverage: --group: unknown product group "nope" (groups: ',
      ],
      [
        ['ledger', '--at', '2025-06-11', '--product', '42x'],
        'leverage: --product: expected an HS code of 2-10 digits (dots allowed), got "42x"',
      ],
      [
        ['ledger', 'no-such-scenario', '--at', '2025-06-11'],
        'no built-in scenario or file named "no-such-scenario"',
      ],
      [
        ['changes', '--from', '2025-06-01', '--to', '2025-05-01'],
        'leverage: --to 2025-05-01 is before --from 2025-06-01',
      ],
    ];
    const results = await Promise.all(cases.map(([args]) => leverage(args)));
    results.forEach((r, i) => {
      const [args, fragment] = cases[i];
      assert.notEqual(r.status, 0, args.join(' '));
      assert.ok(
        r.stderr.includes(fragment),
        `${args.join(' ')}: expected\n  ${fragment}\ngot\n  ${r.stderr}`,
      );
      assert.doesNotMatch(r.stderr, STACK_TRACE);
      assert.equal(r.stdout, '', `${args.join(' ')}: nothing on stdout`);
    });
  });
});

describe('validate', () => {
  test('the built-in scenario is valid: one JSON document with its counts', async () => {
    const r = await leverage(['validate', 'london-2025', '--json']);
    assert.equal(r.status, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.valid, true);
    assert.equal(doc.id, 'london-2025');
    assert.ok(doc.counts.measures > 20);
    // the view as known on 2025-06-11 has Geneva and London; Stockholm, Busan and Beijing 2026 came later
    assert.equal(doc.counts.agreements, 2);
  });
});

describe('help, schema', () => {
  test('--help exits 0', async () => {
    const sub = await leverage(['ledger', '--help']);
    assert.equal(sub.status, 0);
    assert.match(sub.stdout, /Usage: leverage ledger/);
    assert.match(sub.stdout, /--at <date>/);
  });

  test('schema prints a JSON Schema', async () => {
    const r = await leverage(['schema']);
    assert.equal(r.status, 0, r.stderr);
    const s = JSON.parse(r.stdout);
    assert.match(s.$schema, /json-schema\.org/);
    assert.ok(s.properties.measures);
    assert.ok(s.properties.actors);
    assert.equal(s.additionalProperties, false, 'strict: unknown fields are refused by editors too');
  });
});

describe('timeline', () => {
  test('--id and --from/--to filter', async () => {
    const r = await leverage([
      'timeline',
      '--id',
      'agr-geneva-2025-05',
      '--from',
      '2025-05-13',
      '--to',
      '2025-08-12',
      '--json',
    ]);
    assert.equal(r.status, 0, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.ok(doc.events.length >= 2);
    for (const e of doc.events) {
      assert.equal(e.id, 'agr-geneva-2025-05');
      assert.ok(e.date >= '2025-05-13' && e.date <= '2025-08-12');
    }
    // the 90-day clock runs out on 2025-08-12
    assert.ok(
      doc.events.some((e: { date: string; kind: string }) => e.kind === 'clock' && e.date === '2025-08-12'),
    );
  });

  test('--json is one document, events sorted by date, complete even through a slow reader', async () => {
    // timeline --json is ~170 kB, more than a pipe buffer: the CLI must wait for the reader, not exit early.
    const text = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['bin/leverage.js', 'timeline', '--json'], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const chunks: Buffer[] = [];
      child.stdout.on('data', (b: Buffer) => {
        chunks.push(b);
        child.stdout.pause();
        setTimeout(() => child.stdout.resume(), 15);
      });
      child.on('error', reject);
      child.on('close', (code) =>
        code === 0 ? resolve(Buffer.concat(chunks).toString('utf8')) : reject(new Error(`exit ${code}`)),
      );
    });
    assert.ok(text.length > 65536);
    const doc = JSON.parse(text); // one complete JSON document
    assert.ok(text.endsWith('}\n'));
    assert.equal(doc.scenario, 'us-china');
    assert.ok(doc.events.length > 100);
    // events sorted by date
    for (let i = 1; i < doc.events.length; i++)
      assert.ok(
        doc.events[i - 1].date <= doc.events[i].date,
        `${doc.events[i - 1].date} > ${doc.events[i].date}`,
      );
  });
});

describe('output edge cases', () => {
  test('--out into a missing folder or onto a folder: precise error, no stack trace, nothing left behind', async () => {
    const dir = tempDir();
    const [missing, folder] = await Promise.all([
      leverage(['schema', '--out', join(dir, 'missing', 'x.json')]),
      leverage(['schema', '--out', dir]),
    ]);
    assert.equal(missing.status, 2);
    assert.ok(
      missing.stderr.includes(
        `leverage: --out: cannot write ${join(dir, 'missing', 'x.json')} (no such folder ${join(dir, 'missing')})`,
      ),
      missing.stderr,
    );
    assert.equal(folder.status, 2);
    assert.ok(
      folder.stderr.includes(`leverage: --out: ${dir} is a folder, expected a file name`),
      folder.stderr,
    );
    for (const r of [missing, folder]) assert.doesNotMatch(r.stderr, STACK_TRACE);
    assert.deepEqual(readdirSync(dir), []);
    rmSync(dir, { recursive: true });
  });

  test('a reader that closes the pipe early (| head) gets no crash and no stack trace', async () => {
    const r = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['bin/leverage.js', 'timeline', '--json'], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
      child.stdout.destroy(); // the reader is gone before the first byte is written
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stderr }));
    });
    assert.doesNotMatch(r.stderr, STACK_TRACE);
    assert.doesNotMatch(r.stderr, /EPIPE|internal error/);
    assert.equal(r.code, 0);
  });
});
