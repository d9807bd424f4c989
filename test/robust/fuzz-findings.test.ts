// Defects the fuzz suite (test/fuzz) found, each pinned by the input that showed it.
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  loadScenarioSync,
  readFlowFile,
  readMrio,
  ScenarioError,
  FlowFileError,
  MAX_SCENARIO_BYTES,
} from '../../src/io/index.ts';
import { MrioInputError } from '../../src/supply/index.ts';
import { summarizeFlows } from '../../src/trade/index.ts';
import { LeverageError } from '../../src/errors/index.ts';
import { buildApp } from '../../src/server/index.ts';

const DIR = mkdtempSync(join(tmpdir(), 'leverage-fuzz-findings-'));
after(() => rmSync(DIR, { recursive: true, force: true }));

describe('deep flow nesting is refused before the YAML parser runs', () => {
  const text = `id: deep\ntitle: t\nmeasures: ${'['.repeat(10_000)}1${']'.repeat(10_000)}\n`;
  test('the same located error every time (the parser overflowed its stack at a varying depth, and a second such file aborted Node)', () => {
    for (const ext of ['yaml', 'json']) {
      const f = join(DIR, `deep.${ext}`);
      writeFileSync(
        f,
        ext === 'json' ? `{"id":"deep","measures":${'['.repeat(10_000)}1${']'.repeat(10_000)}}` : text,
      );
      const messages = [1, 2, 3].map(() => {
        try {
          loadScenarioSync(f);
          return 'accepted';
        } catch (err) {
          assert.ok(err instanceof ScenarioError, String(err));
          assert.equal(err.issues[0].line, ext === 'json' ? 1 : 3);
          return err.message;
        }
      });
      assert.match(messages[0], /nested deeper than 100 levels/);
      assert.deepEqual(messages, [messages[0], messages[0], messages[0]]);
    }
  });
  test('brackets inside quotes and comments, and apostrophes in plain text, do not count', () => {
    const f = join(DIR, 'quoted.yaml');
    const many = '['.repeat(500);
    writeFileSync(
      f,
      `id: q\ntitle: "${many}"\ndescription: '${many}' # ${many}\nnote: China's ${'['.repeat(50)}\n`,
    );
    assert.throws(
      () => loadScenarioSync(f),
      (e: unknown) => e instanceof ScenarioError && !/nested deeper/.test(e.message),
    );
  });
});

describe('uploads nested thousands deep', () => {
  test('body.scenario and body.content 10,000 deep: 422 at their path, not 500 "Maximum call stack size exceeded"', async () => {
    const app = await buildApp({ dataDir: join(DIR, 'srv'), executor: null, webDist: join(DIR, 'none') });
    try {
      const deep = `${'['.repeat(10_000)}1${']'.repeat(10_000)}`;
      const r1 = await app.fastify.inject({
        method: 'POST',
        url: '/api/scenarios/validate',
        headers: { 'content-type': 'application/json' },
        payload: `{"scenario":{"id":"x","title":"t","measures":${deep}}}`,
      });
      assert.equal(r1.statusCode, 422, r1.body);
      assert.equal(JSON.parse(r1.body).error.path, 'body.scenario');
      const r2 = await app.fastify.inject({
        method: 'POST',
        url: '/api/scenarios/validate',
        payload: { content: `id: x\nmeasures: ${deep}\n` },
      });
      assert.equal(r2.statusCode, 422, r2.body);
      assert.equal(JSON.parse(r2.body).error.path, 'body.content');
    } finally {
      await app.fastify.close();
    }
  });
});

describe('input-output folders', () => {
  test('a truncated Z.csv.gz names the file (zlib said only "unexpected end of file")', async () => {
    const d = join(DIR, 'mrio');
    mkdirSync(d);
    writeFileSync(join(d, 'rows.csv'), 'index,country,industry\n0,AAA,s1\n1,AAA,s2\n');
    writeFileSync(join(d, 'y_columns.csv'), 'index,country,category\n0,AAA,households\n');
    writeFileSync(join(d, 'Y.csv'), '10\n20\n');
    const gz = gzipSync('1,2\n3,4\n');
    writeFileSync(join(d, 'Z.csv.gz'), gz.subarray(0, gz.length - 6));
    await assert.rejects(
      readMrio(d),
      (e: unknown) => e instanceof MrioInputError && /Z\.csv\.gz: not a complete gzip file/.test(e.message),
    );
  });
});

describe('flow files', () => {
  const HEAD = 'reporter,partner,product,year,value_usd,duties_usd\n';
  test('a NUL byte, Latin-1 text and UTF-16 are refused naming the file (they were read as text, some accepted)', () => {
    const cases: [string, Buffer, RegExp][] = [
      ['nul.csv', Buffer.from(`${HEAD}USA,CHN,850511,2024,100,\0\n`), /NUL/],
      ['latin1.csv', Buffer.from(`${HEAD}USA,CHN,850511,2024,100,1\n# Québec\n`, 'latin1'), /invalid UTF-8/],
      [
        'utf16.csv',
        Buffer.concat([
          Buffer.from([0xff, 0xfe]),
          Buffer.from(`${HEAD}USA,CHN,850511,2024,100,1\n`, 'utf16le'),
        ]),
        /UTF-16/,
      ],
    ];
    for (const [name, bytes, why] of cases) {
      const f = join(DIR, name);
      writeFileSync(f, bytes);
      assert.throws(
        () => readFlowFile(f),
        (e: unknown) => e instanceof FlowFileError && e.message.includes(name) && why.test(e.message),
        name,
      );
    }
  });
  test('duties on values of 5e-324 USD: a located error, not a duty rate of Infinity %', () => {
    const f = join(DIR, 'tiny.csv');
    writeFileSync(f, `${HEAD}USA,CHN,850511,2024,5e-324,10000\n`);
    const t = readFlowFile(f);
    assert.throws(
      () => summarizeFlows(t),
      (e: unknown) =>
        e instanceof LeverageError && e.kind === 'input' && /tiny\.csv: column duties_usd/.test(e.message),
    );
    writeFileSync(f, `${HEAD}USA,CHN,850511,2024,100,245\n`);
    assert.equal(summarizeFlows(readFlowFile(f)).realized_rate_pct, 245);
  });
});

describe('scenario size', () => {
  test('a scenario over 16 MB is refused before it is parsed (20,000 extra measures took 26 s and 1.3 GB)', () => {
    const f = join(DIR, 'big.yaml');
    writeFileSync(f, 'id: big\ntitle: Big\n');
    truncateSync(f, MAX_SCENARIO_BYTES + 1);
    const t0 = performance.now();
    assert.throws(
      () => loadScenarioSync(f),
      (e: unknown) =>
        e instanceof ScenarioError &&
        /big\.yaml: file is too large \(16\.0 MB; the limit is 16 MB\)/.test(e.message),
    );
    assert.ok(performance.now() - t0 < 1000);
    assert.equal(MAX_SCENARIO_BYTES, 16 * 1024 * 1024);
  });
});
