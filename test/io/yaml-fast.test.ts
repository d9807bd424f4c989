// The fast block-YAML reader (src/io/yaml-fast.ts) against the `yaml` package it stands in for:
// whenever it answers, the data are exactly yaml's; errors are still located through `yaml`.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument, stringify } from 'yaml';
import { fastYamlToPlain } from '../../src/io/yaml-fast.ts';
import { loadScenarioSync, ScenarioError } from '../../src/io/index.ts';
import { builtinScenarioData, Rng } from '../fuzz/lib/index.ts';
import { writeFiles } from '../helpers.ts';

const ERROR = Symbol('yaml error');
/** What the loader's `yaml` path reads (source.ts, yaml-plain.ts), or ERROR. */
function viaYaml(text: string): unknown {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, merge: false });
  if (doc.errors.length) return ERROR;
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch {
    return ERROR;
  }
}
/** Whether the fast reader answered; fails when its answer differs from yaml's. */
function agrees(text: string, what: string): boolean {
  const fast = fastYamlToPlain(text);
  if (fast === undefined) return false;
  assert.deepEqual(fast, viaYaml(text), what);
  return true;
}

const root = join(import.meta.dirname, '../..');
const repoYaml = execFileSync('git', ['ls-files', '*.yaml', '*.yml'], { cwd: root, encoding: 'utf8' })
  .trim()
  .split('\n')
  .map((f) => ({ f, text: readFileSync(join(root, f), 'utf8') }));

describe('fast YAML reader', () => {
  test("the built-in scenario as `yaml` writes it takes the fast path, equal to yaml's reading", () => {
    assert.ok(agrees(stringify(builtinScenarioData(), { lineWidth: 0 }), 'lineWidth 0'));
  });

  test("every YAML file of the repository, and line-level mutations of them: yaml's data or no answer", () => {
    const rng = new Rng(5);
    let fast = 0;
    for (const { f, text } of repoYaml) {
      if (agrees(text, f)) fast++;
      for (let c = 0; c < 25; c++) {
        const lines = text.split('\n');
        const k = Math.floor(rng.next() * lines.length);
        const edits = [
          () => lines.splice(k, 1),
          () => lines.splice(k, 0, lines[k]),
          () => (lines[k] = ' ' + lines[k]),
          () => (lines[k] = lines[k].slice(1)),
          () => (lines[k] = lines[k].replace(/: /, ':  "') + '"'),
          () => (lines[k] = lines[k].replace(/'/g, '"')),
          () => (lines[k] = lines[k].replace(/: /, ': #')),
          () => (lines[k] = lines[k] + ' # c'),
        ];
        edits[c % edits.length]();
        if (agrees(lines.join('\n'), `${f}, edit ${c % edits.length} at line ${k + 1}`)) fast++;
      }
    }
    assert.ok(fast > 100, `fast path taken ${fast} times`);
  });

  test('the shipped scenarios, with their one-line flow mappings, take the fast path', () => {
    for (const f of ['data/scenarios/us-china.yaml', 'data/scenarios/london-2025.yaml'])
      assert.ok(agrees(readFileSync(join(root, f), 'utf8'), f), f);
  });

  test('a comment ends a plain scalar: a continuation line after it gets no answer (yaml: an error)', () => {
    const text = 'a:\n  basis: carried back to the # c\n    start of licensing.\n  x: 1\n';
    assert.equal(viaYaml(text), ERROR);
    assert.equal(fastYamlToPlain(text), undefined);
    assert.ok(agrees('a:\n  basis: carried back to the # c\n  x: 1\n', 'comment, no continuation'));
  });

  test("one-line flow mappings and sequences of random keys, scalars and spacing: yaml's data or no answer", () => {
    const rng = new Rng(11);
    const pick = <T>(xs: T[]) => xs[Math.floor(rng.next() * xs.length)];
    const keys = [
      'k',
      'kind',
      'a b',
      '1',
      '1.50',
      '-k',
      "'q k'",
      '"d"',
      "'it''s'",
      '__proto__',
      'a:b',
      'x',
      '',
    ];
    const values = [
      ...['lognormal', '3.526', '-0.5', '1e3', '.5', 'true', 'null', '~', '0x1F', '.inf', '2025-06-11'],
      ...["'a, b'", '"c"', "'it''s'", '"e\\n"', 'a b', 'http://x.org/a', 'a: b', '#c', '[1]', '{}', ''],
      ...['- x', '? y', ': z', "'", '"', 'x]', 'y}', '&a', '*a', '!t'],
    ];
    const seps = [', ', ',', ' , ', ',  '];
    let fast = 0;
    for (let c = 0; c < 600; c++) {
      const pad = pick(['', ' ']);
      const n = Math.floor(rng.next() * 4);
      const body = (item: () => string) =>
        Array.from({ length: n }, item).reduce((a, b) => a + pick(seps) + b);
      const map = () =>
        `{${pad}${n ? body(() => `${pick(keys)}${pick([': ', ':', ' : ', ':  '])}${pick(values)}`) : ''}${pad}${rng.next() < 0.05 ? ',' : ''}}`;
      const seq = () => `[${pad}${n ? body(() => pick(values)) : ''}${pad}]`;
      const flow = rng.next() < 0.7 ? map() : seq();
      const tail = pick(['', '', ' # note', '  ', ' x']);
      const text = pick([
        `top: ${flow}${tail}\nnext: 1\n`,
        `list:\n  - ${flow}${tail}\n  - b\n`,
        `deep:\n  inner: ${flow}${tail}\n`,
        `${flow}${tail}\n`,
      ]);
      if (agrees(text, JSON.stringify(text))) fast++;
    }
    assert.ok(fast > 100, `fast path taken ${fast} times`);
  });

  test('scalars through every string style: core-schema types, quotes, escapes, folding', () => {
    const rng = new Rng(9);
    const atoms: unknown[] = [
      ...[
        'a',
        'true',
        'True',
        'null',
        '~',
        'NULL',
        '',
        '1.50',
        '-5',
        '+3',
        '0x1F',
        '0o7',
        '.5',
        '1e3',
        '.inf',
      ],
      ...[
        ' lead',
        'trail ',
        'a: b',
        'x #y',
        'a#b',
        'é ü',
        "it's",
        'q"q',
        'back\\slash',
        'tab\there',
        'nb\u00a0sp\u00a0',
        '\u00a0',
      ],
      ...['line\nbreak', 'two\n\nbreaks', '- x', '[a]', '{b}', '2025-06-11', 'https://x.org/a?b=c#d'],
      ...[12, -3.25, 1e21, 0.1, true, false, null, 2 ** 60],
    ];
    const pick = () => atoms[Math.floor(rng.next() * atoms.length)];
    const styles = [
      {},
      { lineWidth: 20, minContentWidth: 0 },
      { lineWidth: 0 },
      { defaultStringType: 'QUOTE_DOUBLE' as const },
      { defaultStringType: 'QUOTE_SINGLE' as const },
      { collectionStyle: 'flow' as const },
      { indentSeq: false },
    ];
    let fast = 0;
    for (let c = 0; c < 200; c++) {
      const v: Record<string, unknown> = {};
      for (let i = 0; i < 6; i++)
        v[i % 3 ? `k${i}` : String(1000 + i)] =
          rng.next() < 0.3 ? [pick(), [pick(), pick()], { a: pick(), b: [pick()] }] : pick();
      for (const s of styles) if (agrees(stringify(v, s), `case ${c}, ${JSON.stringify(s)}`)) fast++;
    }
    assert.ok(fast > 50, `fast path taken ${fast} times`);
  });

  test('what it leaves to yaml: anchors, tags, block scalars, duplicate and __proto__ keys, tabs, deep nesting', () => {
    for (const text of [
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      'a: |\n  x\n',
      'a: 1\na: 2\n',
      '__proto__: 1\n',
      'a:\n\tb: 1\n',
      '--- \na: 1\n',
      'a: {b: [1]}\n',
      'a: {b: 1,}\n',
      'a: {b:1}\n',
      'a: {b: 1\n  , c: 2}\n',
      'a: {b: 1, b: 2}\n',
      'a: {__proto__: 1}\n',
      'a: "x\\\n  y"\n',
      'a:\n' + Array.from({ length: 80 }, (_, i) => '  '.repeat(i + 1) + 'k:\n').join(''),
    ])
      assert.equal(fastYamlToPlain(text), undefined, text);
  });

  test('an error in a file read by the fast path is located exactly as through the positioned parse', () => {
    const data = builtinScenarioData();
    (data.measures as Record<string, unknown>[])[3].actor = 'XX';
    const block = stringify(data, { lineWidth: 0 });
    assert.ok(fastYamlToPlain(block) !== undefined);
    // the same document in flow style takes the `yaml` path
    const flow = stringify(data, { collectionStyle: 'flow', lineWidth: 0 });
    const issues = (text: string) => {
      const dir = writeFiles({ 's.yaml': text });
      try {
        loadScenarioSync(join(dir, 's.yaml'));
      } catch (err) {
        assert.ok(err instanceof ScenarioError);
        return err.issues;
      }
      assert.fail('expected an error');
    };
    const fastIssues = issues(block);
    const line = block.split('\n').findIndex((l) => l.trim() === 'actor: XX') + 1;
    assert.ok(line > 0);
    assert.ok(
      fastIssues.some((i) => i.path === 'measures[3].actor' && i.line === line && i.col === 12),
      JSON.stringify(fastIssues),
    );
    assert.deepEqual(
      issues(flow).map((i) => [i.path, i.message]),
      fastIssues.map((i) => [i.path, i.message]),
    );
  });
});
