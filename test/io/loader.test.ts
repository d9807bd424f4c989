import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenarioSync, ScenarioError, type ScenarioIssue } from '../../src/io/index.ts';
import { productStacks, tariffStack } from '../../src/ledger/index.ts';
import { SRC, baseScenario, tempDir, writeFiles } from '../helpers.ts';

/** Load and expect a ScenarioError; returns its issues and message. */
function loadFails(file: string): { issues: ScenarioIssue[]; message: string } {
  try {
    loadScenarioSync(file);
  } catch (err) {
    assert.ok(err instanceof ScenarioError, `expected a ScenarioError, got ${String(err)}`);
    return { issues: err.issues, message: err.message };
  }
  assert.fail(`${file} loaded without error`);
}

const YAML_SCENARIO = `id: small
title: Small
actors:
  US:
    name: United States
  CN:
    name: China
products:
  lists:
    l1:
      title: List one
      codes: ['4202.21', '9503.00.00']
      sources: ['https://example.org/list']
  groups:
    toys:
      title: Toys
      hs: ['9503']
measures:
  - id: t1
    kind: tariff
    actor: US
    target: CN
    title: A tariff
    authority: Section 301
    scope: {lists: [l1]}
    rates: [{from: '2025-01-01', rate_pct: 25}]
    status: [{date: '2025-01-01', status: in_force}]
    sources: ['https://example.org/t1']
`;

describe('formats', () => {
  test('the same scenario as YAML and as JSON loads to the same model', () => {
    const dir = tempDir();
    const yaml = loadScenarioSync(join(writeFiles({ 's.yaml': YAML_SCENARIO }, dir), 's.yaml'));
    const asObject = {
      id: 'small',
      title: 'Small',
      actors: { US: { name: 'United States' }, CN: { name: 'China' } },
      products: {
        lists: {
          l1: { title: 'List one', codes: ['4202.21', '9503.00.00'], sources: ['https://example.org/list'] },
        },
        groups: { toys: { title: 'Toys', hs: ['9503'] } },
      },
      measures: [
        {
          id: 't1',
          kind: 'tariff',
          actor: 'US',
          target: 'CN',
          title: 'A tariff',
          authority: 'Section 301',
          scope: { lists: ['l1'] },
          rates: [{ from: '2025-01-01', rate_pct: 25 }],
          status: [{ date: '2025-01-01', status: 'in_force' }],
          sources: ['https://example.org/t1'],
        },
      ],
    };
    const json = loadScenarioSync(join(writeFiles({ 's.json': asObject }, dir), 's.json'));
    assert.deepEqual({ ...yaml, files: [] }, { ...json, files: [] });
    // codes are normalised (dots removed, sorted); actors get the default kind
    assert.deepEqual(yaml.products.lists.l1.codes, ['420221', '95030000']);
    assert.equal(yaml.actors.US.kind, 'state');
    assert.equal(
      tariffStack(yaml, { importer: 'US', exporter: 'CN', product: '9503.00.00.10', date: '2025-06-01' })
        .total_pct,
      25,
    );
  });

  test('a product list read from a CSV file, filtered by `where`', () => {
    const dir = writeFiles({
      'list.csv': 'code,list\n4202.21.10,A\n4202.21.20,B\n9503000073,A\n',
      's.json': baseScenario({
        products: {
          lists: { a: { title: 'A', file: 'list.csv', column: 'code', where: { list: 'A' }, sources: SRC } },
        },
      }),
    });
    const s = loadScenarioSync(join(dir, 's.json'));
    assert.deepEqual(s.products.lists.a.codes, ['42022110', '9503000073']);
  });
});

describe('extends', () => {
  const child = `extends: us-china
id: my-variant
title: My variant
actors:
  EU:
    name: European Union
    kind: bloc
products:
  lists:
    my-list:
      title: My list
      codes: ['9503.00']
      sources: ['https://example.org/mine']
  groups:
    soybeans:
      title: Soybeans (my title)
      hs: ['1201']
    mine:
      title: Mine
      hs: ['9503']
remove: [claim-trump-china-10]
measures:
  - id: us-ieepa-fentanyl
    kind: tariff
    actor: US
    target: CN
    title: Fentanyl duty, what-if 99
    authority: IEEPA fentanyl
    scope: {all: true}
    rates: [{from: '2025-02-04', rate_pct: 99}]
    status: [{date: '2025-02-04', status: in_force}]
    sources: ['https://example.org/whatif']
  - id: my-new-tariff
    kind: tariff
    actor: US
    target: CN
    title: A new layer
    authority: Section 122
    scope: {lists: [my-list]}
    rates: [{from: '2025-06-01', rate_pct: 5}]
    status: [{date: '2025-06-01', status: in_force}]
    sources: ['https://example.org/new']
`;
  const dir = writeFiles({ 'child.yaml': child });
  const base = loadScenarioSync('us-china');
  const s = loadScenarioSync(join(dir, 'child.yaml'));

  test('replaces a measure by id, adds one, keeps the rest in place', () => {
    assert.equal(s.id, 'my-variant');
    assert.equal(s.files.length, 2);
    assert.equal(s.measures.length, base.measures.length + 1);
    const i = base.measures.findIndex((m) => m.id === 'us-ieepa-fentanyl');
    assert.equal(s.measures[i].id, 'us-ieepa-fentanyl', 'replaced in place');
    assert.equal(s.measures[i].title, 'Fentanyl duty, what-if 99');
    assert.equal(s.measures.at(-1)!.id, 'my-new-tariff');
    // toys 9503.00 on 2025-06-11: fentanyl 99 + reciprocal 10 + new 5 = 114 (base: 20 + 10 = 30)
    const p = productStacks(s, { importer: 'US', exporter: 'CN', product: '9503.00', date: '2025-06-11' });
    assert.equal(p.min_total_pct, 114);
    assert.equal(p.max_total_pct, 114);
  });

  test('`remove` drops an entry of the base; lists, groups, actors merge by key', () => {
    assert.ok(!s.claims.some((c) => c.id === 'claim-trump-china-10'));
    assert.equal(s.claims.length, base.claims.length - 1);
    assert.deepEqual(Object.keys(s.actors).sort(), [...Object.keys(base.actors), 'EU'].sort());
    assert.equal(s.products.groups.soybeans.title, 'Soybeans (my title)');
    assert.ok(s.products.groups.mine);
    assert.equal(Object.keys(s.products.groups).length, Object.keys(base.products.groups).length + 1);
    // base lists are still read relative to the base file, the new one is inline
    assert.deepEqual(s.products.lists['s301-list3'].codes, base.products.lists['s301-list3'].codes);
    assert.deepEqual(s.products.lists['my-list'].codes, ['950300']);
    assert.deepEqual(s.products.universe.US, base.products.universe.US);
    assert.deepEqual(s.stacking, base.stacking);
  });

  test('removing an unknown id is an error located in the child', () => {
    const d = writeFiles({ 'c.yaml': 'extends: london-2025\nid: x\nremove: [no-such-entry]\n' });
    const { message } = loadFails(join(d, 'c.yaml'));
    assert.match(message, /c\.yaml:3:\d+ remove\[0\]: no measure, agreement or claim "no-such-entry"/);
  });

  test('relative-path extends, two levels', () => {
    const d = tempDir();
    mkdirSync(join(d, 'sub'));
    writeFiles({ 'base.json': baseScenario({ measures: [] }) }, d);
    writeFiles(
      {
        'mid.yaml': `extends: ../base.json
id: mid
measures:
  - {id: m1, kind: entity_listing, actor: US, target: CN, title: L, authority: BIS, list: Entity List, status: [{date: '2025-01-01', status: in_force}], sources: ['https://example.org/x']}
`,
      },
      join(d, 'sub'),
    );
    writeFiles({ 'top.yaml': 'extends: sub/mid.yaml\nid: top\ntitle: Top\n' }, d);
    const t = loadScenarioSync(join(d, 'top.yaml'));
    assert.equal(t.id, 'top');
    assert.equal(t.title, 'Top');
    assert.deepEqual(
      t.measures.map((m) => m.id),
      ['m1'],
    );
    assert.equal(t.files.length, 3);
    assert.deepEqual(Object.keys(t.actors), ['US', 'CN', 'VN']);
  });

  test('an extends cycle is an error', () => {
    const d = writeFiles({
      'a.yaml': 'extends: b.yaml\nid: a\ntitle: A\n',
      'b.yaml': 'extends: a.yaml\nid: b\ntitle: B\n',
    });
    const { message } = loadFails(join(d, 'a.yaml'));
    // located at the `extends` line that closes the loop (b.yaml line 1, value at column 10)
    assert.match(
      message,
      /b\.yaml:1:10 extends: extends forms a cycle: .*a\.yaml -> .*b\.yaml -> .*a\.yaml$/,
    );
    const self = writeFiles({ 'self.yaml': 'id: s\ntitle: S\nextends: ./self.yaml\n' });
    assert.match(
      loadFails(join(self, 'self.yaml')).message,
      /self\.yaml:3:10 extends: extends forms a cycle/,
    );
  });

  test('extends of a missing file or unknown built-in is an error at the extends line', () => {
    const d = writeFiles({
      'm.yaml': 'id: m\ntitle: M\nextends: ./nope.yaml\n',
      'n.yaml': 'id: n\ntitle: N\nextends: no-such-builtin\n',
    });
    const m = loadFails(join(d, 'm.yaml'));
    assert.match(m.message, /m\.yaml:3:10 extends: file not found: .*nope\.yaml/);
    const n = loadFails(join(d, 'n.yaml'));
    assert.match(n.message, /n\.yaml:3:10 extends: cannot find scenario "no-such-builtin"/);
  });

  test('a bad reference added by the child is located in the child file', () => {
    const d = writeFiles({
      'c.yaml': `extends: london-2025
id: c
measures:
  - id: bad-one
    kind: entity_listing
    actor: XX
    target: CN
    title: L
    authority: BIS
    list: Entity List
    status: [{date: '2025-01-01', status: in_force}]
    sources: ['https://example.org/x']
`,
    });
    const { issues } = loadFails(join(d, 'c.yaml'));
    assert.equal(issues.length, 1);
    assert.match(issues[0].file, /c\.yaml$/);
    assert.equal(issues[0].line, 6);
    assert.equal(issues[0].col, 12); // "    actor: XX": value starts at column 12
    assert.equal(issues[0].path, 'measures[0].actor');
    assert.match(issues[0].message, /unknown actor "XX"/);
  });
});

describe('schema errors name the field and its position', () => {
  test('unknown fields are errors naming the field', () => {
    const d = writeFiles({
      'u.yaml': `id: u
title: U
colour: blue
actors:
  US: {name: US}
  CN: {name: CN}
measures:
  - id: t
    kind: tariff
    actor: US
    target: CN
    title: T
    authority: A
    scope: {all: true}
    rates:
      - from: '2025-01-01'
        rate_pcts: 10
    status: [{date: '2025-01-01', status: in_force}]
    sources: ['https://example.org/x']
`,
    });
    const { issues, message } = loadFails(join(d, 'u.yaml'));
    const top = issues.find((i) => i.path === 'colour');
    assert.ok(top, message);
    assert.equal(top.message, 'unknown field');
    assert.equal(top.line, 3);
    assert.equal(top.col, 1);
    const nested = issues.find((i) => i.path === 'measures[0].rates[0].rate_pcts');
    assert.ok(nested, message);
    assert.equal(nested.message, 'unknown field');
    assert.equal(nested.line, 17); // "        rate_pcts: 10": key at column 9
    assert.equal(nested.col, 9);
  });

  test('a wrong type at a known line:col gives file:line:col path: message', () => {
    // measures[0..2] in flow style on lines 5-7; measures[3] starts on line 8; `rate_pct: ten` is on line 14,
    // "    - rate_pct: ten": 4 spaces + "- " + "rate_pct: " = 16 characters, so the value starts at column 17.
    const m = (id: string) =>
      `  - {id: ${id}, kind: entity_listing, actor: US, target: CN, title: L, authority: BIS, list: EL, status: [{date: '2025-01-01', status: in_force}], sources: ['https://example.org/x']}`;
    const text = [
      'id: pos', // 1
      'title: Positions', // 2
      'actors: {US: {name: US}, CN: {name: CN}}', // 3
      'measures:', // 4
      m('m0'), // 5
      m('m1'), // 6
      m('m2'), // 7
      '  - id: m3', // 8
      '    kind: tariff', // 9
      '    actor: US', // 10
      '    target: CN', // 11
      '    title: T', // 12
      '    rates:', // 13
      '    - rate_pct: ten', // 14
      "      from: '2025-01-01'", // 15
      '    authority: A', // 16
      '    scope: {all: true}', // 17
      "    status: [{date: '2025-01-01', status: in_force}]", // 18
      "    sources: ['https://example.org/x']", // 19
    ].join('\n');
    const d = writeFiles({ 'pos.yaml': text + '\n' });
    const file = join(d, 'pos.yaml');
    const { issues, message } = loadFails(file);
    assert.equal(issues.length, 1, message);
    assert.equal(issues[0].line, 14);
    assert.equal(issues[0].col, 17);
    assert.equal(issues[0].path, 'measures[3].rates[0].rate_pct');
    assert.match(
      message,
      /pos\.yaml:14:17 measures\[3\]\.rates\[0\]\.rate_pct: expected a number >= 0 \(ad valorem rate, percent\), got "ten"$/,
    );
  });

  test('JSON errors are located too', () => {
    const d = writeFiles({
      'p.json': '{\n  "id": "p",\n  "title": "P",\n  "actors": {"US": {"name": "US", "kind": "empire"}}\n}\n',
    });
    const { issues } = loadFails(join(d, 'p.json'));
    assert.equal(issues[0].path, 'actors.US.kind');
    assert.equal(issues[0].line, 4);
    assert.equal(issues[0].col, 43); // `  "actors": {"US": {"name": "US", "kind": ` is 42 characters
  });

  test('a missing required field says so', () => {
    const d = writeFiles({ 'r.yaml': 'id: r\ntitle: R\nactors: {US: {kind: state}}\n' });
    const { issues } = loadFails(join(d, 'r.yaml'));
    assert.equal(issues[0].path, 'actors.US.name');
    assert.equal(issues[0].message, 'missing required field (expected text)');
  });

  test('duplicate YAML keys are a syntax error', () => {
    const d = writeFiles({ 'k.yaml': 'id: k\ntitle: K\nid: again\n' });
    const { issues } = loadFails(join(d, 'k.yaml'));
    assert.equal(issues[0].line, 3);
    assert.match(issues[0].message, /YAML syntax error: .*[Dd]uplicate|unique/);
  });
});

describe('extends: parameters', () => {
  test('a strategy spec is replaced whole (no inherited params); other parameters merge key by key', () => {
    const dir = writeFiles({
      'what-if.yaml': [
        'id: what-if-tft',
        'extends: london-2025',
        'parameters:',
        '  simulation:',
        '    strategies:',
        '      US: {name: TitForTat, assumption: "what-if: the US mirrors China"}',
      ].join('\n'),
    });
    const base = loadScenarioSync('london-2025');
    const child = loadScenarioSync(join(dir, 'what-if.yaml'));
    const sim = (s: typeof base) =>
      s.parameters.simulation as {
        strategies: Record<string, Record<string, unknown>>;
        horizon_weeks?: unknown;
      };
    assert.deepEqual(sim(child).strategies.US, {
      name: 'TitForTat',
      assumption: 'what-if: the US mirrors China',
    });
    // China's strategy and every other simulation setting come from the base unchanged
    assert.deepEqual(sim(child).strategies.CN, sim(base).strategies.CN);
    assert.deepEqual(sim(child).horizon_weeks, sim(base).horizon_weeks);
    assert.ok('params' in sim(base).strategies.US, 'the base US strategy has params to lose');
  });
});

test('a bad parameter in an extending file is reported at its line in that file', () => {
  const dir = writeFiles({
    'bad-params.yaml': [
      'id: bad-params',
      'extends: london-2025',
      'parameters:',
      '  simulation:',
      '    horizon_weeks: fifty',
    ].join('\n'),
  });
  const err = (() => {
    try {
      loadScenarioSync(join(dir, 'bad-params.yaml'));
    } catch (e) {
      return e as ScenarioError;
    }
    assert.fail('expected the load to fail');
  })();
  assert.ok(err instanceof ScenarioError);
  assert.match(
    err.message,
    /bad-params\.yaml:5:\d+ parameters\.simulation\.horizon_weeks: expected horizon_weeks as a whole number of weeks, got "fifty"/,
  );
});
