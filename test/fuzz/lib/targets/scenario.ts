// Mutations of the built-in scenario (data/scenarios/us-china.yaml) and of the product-list CSV
// files it reads, loaded in-process with the same loader `leverage validate` uses; a sample of
// the accepted ones also goes through the ledger report.
import { mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { loadScenarioSync, MAX_INPUT_BYTES, SCENARIO_DIR } from '../../../../src/io/index.ts';
import { ledgerReport } from '../../../../src/report/index.ts';
import type { Rng } from '../rng.ts';
import type { FuzzCase, FuzzTarget } from '../target.ts';
import { mutateTree, TREE_MUTATIONS, type Plain } from '../tree.ts';
import { mutateBytes, TEXT_MUTATIONS, yamlBomb, yamlNesting } from '../text.ts';

type Obj = { [k: string]: Plain };
const SCENARIO_MUTATIONS = [
  ...TREE_MUTATIONS,
  ...TEXT_MUTATIONS,
  'yaml-bomb',
  'yaml-nesting',
  'proto-key',
  'special-float',
  'over-size',
  'list-csv',
];

/** The built-in scenario as plain data, with its data-file paths made absolute (it is written elsewhere). */
export function builtinScenarioData(): Obj {
  const file = join(SCENARIO_DIR, 'us-china.yaml');
  const data = parse(readFileSync(file, 'utf8')) as Obj;
  const dir = dirname(file);
  const products = data.products as Obj;
  for (const l of Object.values(products.lists as Obj) as Obj[])
    if (typeof l.file === 'string') l.file = resolve(dir, l.file);
  for (const u of Object.values((products.universe ?? {}) as Obj) as Obj[])
    if (typeof u.file === 'string') u.file = resolve(dir, u.file);
  delete data.$schema;
  return data;
}

/**
 * A smaller scenario cut from the built-in one, for fast cases: every fourth measure and one of
 * each kind, the lists they use, no HTS10 universe, references to dropped entries removed. Every
 * section and every kind of entry is still there.
 */
export function miniScenarioData(full: Obj): Obj {
  const d = structuredClone(full);
  const measures = d.measures as Obj[];
  const kinds = new Set<string>();
  const keep = measures.filter((m, i) => {
    const first = !kinds.has(m.kind as string);
    kinds.add(m.kind as string);
    return first || i % 4 === 0 || m.kind === 'licensing';
  });
  const ids = new Set(keep.map((m) => m.id as string));
  // licensing needs its export control
  for (const m of keep) if (m.kind === 'licensing') for (const r of m.applies_to as string[]) ids.add(r);
  let kept = measures.filter((m) => ids.has(m.id as string));
  const authorities = new Set(kept.filter((m) => m.kind === 'tariff').map((m) => m.authority as string));
  kept = kept.filter(
    (m) => m.kind !== 'tariff_exemption' || (m.removes as string[]).every((a) => authorities.has(a)),
  );
  d.measures = kept;
  const keptIds = new Set(kept.map((m) => m.id as string));
  for (const a of d.agreements as Obj[])
    a.commitments = (a.commitments as Obj[]).filter((c) => !c.measure || keptIds.has(c.measure as string));
  const stacking = d.stacking as Obj;
  stacking.combine = Object.fromEntries(
    Object.entries(stacking.combine as Obj).filter(([k]) => authorities.has(k)),
  );
  stacking.exclusions = (stacking.exclusions as Obj[]).filter(
    (e) => authorities.has(e.when as string) && (e.removes as string[]).every((a) => authorities.has(a)),
  );
  const used = new Set<string>();
  const lists = (x: unknown) => ((x as Obj | undefined)?.lists as string[] | undefined) ?? [];
  for (const m of kept) {
    const scope = m.scope as Obj | undefined;
    for (const l of [...lists(scope), ...lists(scope?.except), ...lists(m.products)]) used.add(l);
    if (m.value_share) used.add((m.value_share as Obj).list as string);
  }
  const products = d.products as Obj;
  products.lists = Object.fromEntries(Object.entries(products.lists as Obj).filter(([k]) => used.has(k)));
  delete products.universe;
  // lists read from the large CSV files become short inline lists (reading those files is most of a load)
  for (const [id, l] of Object.entries(products.lists as Record<string, Obj>)) {
    if (typeof l.file !== 'string' || l.share_column || statSync(l.file).size < 100_000) continue;
    const codes = readCodes(l);
    products.lists = { ...(products.lists as Obj), [id]: { title: l.title, codes, sources: l.sources } };
  }
  return d;
}

/** The first codes a file-based list selects (read the simple way: these files have no quoted fields). */
function readCodes(l: Obj): string[] {
  const [head, ...rows] = readFileSync(l.file as string, 'utf8')
    .trim()
    .split(/\r?\n/);
  const cols = head.split(',');
  const at = cols.indexOf(l.column as string);
  const filters = Object.entries((l.where ?? {}) as Obj).map(
    ([c, v]) => [cols.indexOf(c), new Set(Array.isArray(v) ? v : [v])] as const,
  );
  return rows
    .map((r) => r.split(','))
    .filter((cells) => filters.every(([i, ok]) => ok.has(cells[i])))
    .slice(0, 25)
    .map((cells) => cells[at]);
}

function serialize(data: Plain, json: boolean): string {
  if (json) return JSON.stringify(data, null, 1);
  try {
    return stringify(data, { aliasDuplicateObjects: false, lineWidth: 0 });
  } catch {
    return JSON.stringify(data); // YAML's writer recurses; JSON is YAML too
  }
}

export function scenarioTarget(opts: { base: 'mini' | 'full'; ledgerShare?: number }): FuzzTarget {
  let dir = '';
  let base: Obj = {};
  let baseYaml = '';
  let n = 0;
  const ledgerShare = opts.ledgerShare ?? 0.2;
  return {
    name: `scenario-${opts.base}`,
    limitMs: opts.base === 'mini' ? 5_000 : 20_000,
    setup() {
      dir = mkdtempSync(join(tmpdir(), 'leverage-fuzz-scn-'));
      const full = builtinScenarioData();
      base = opts.base === 'mini' ? miniScenarioData(full) : full;
      baseYaml = serialize(base, false);
      const f = join(dir, 'base.yaml');
      writeFileSync(f, baseYaml);
      loadScenarioSync(f); // the unmutated base must be valid, or every case would be an error
    },
    teardown() {
      rmSync(dir, { recursive: true, force: true });
    },
    next(rng: Rng): FuzzCase {
      const mutation = rng.pick(SCENARIO_MUTATIONS);
      const json = rng.chance(0.25);
      const file = join(dir, `case-${n++}.${json ? 'json' : 'yaml'}`);
      let label: string = mutation;
      const write = (b: Buffer | string) => writeFileSync(file, b);
      if ((TREE_MUTATIONS as string[]).includes(mutation)) {
        const m = mutateTree(base, mutation as (typeof TREE_MUTATIONS)[number], rng);
        label = m.label;
        write(serialize(m.value, json));
      } else if ((TEXT_MUTATIONS as string[]).includes(mutation)) {
        write(
          mutateBytes(
            json ? JSON.stringify(base) : baseYaml,
            mutation as (typeof TEXT_MUTATIONS)[number],
            rng,
          ),
        );
      } else if (mutation === 'yaml-bomb') {
        const levels = rng.pick([3, 6, 9]);
        label = `yaml-bomb levels=${levels}`;
        write(baseYaml.replace(/^id: /m, `${yamlBomb(levels)}id: `));
      } else if (mutation === 'yaml-nesting') {
        const block = rng.chance(0.5);
        // block nesting grows as depth^2 bytes (indentation): 3000 levels are 4.5 MB
        const depth = rng.pick(block ? [50, 150, 3000] : [50, 150, 3000, 20000]);
        label = `yaml-nesting depth=${depth} ${block ? 'block' : 'flow'}`;
        write(yamlNesting(depth, block));
      } else if (mutation === 'proto-key') {
        const where = rng.pick(['actors', 'parameters', 'top']);
        label = `proto-key in ${where}`;
        if (json) {
          const text = JSON.stringify(base);
          write(
            where === 'top'
              ? text.replace(/^\{/, '{"__proto__":{"id":"x"},')
              : text.replace(`"${where}":{`, `"${where}":{"__proto__":{"name":"x","kind":"state"},`),
          );
        } else
          write(
            where === 'top'
              ? `__proto__:\n  id: x\n${baseYaml}`
              : baseYaml.replace(
                  new RegExp(`^${where}:\\n`, 'm'),
                  `${where}:\n  __proto__:\n    name: x\n    kind: state\n`,
                ),
          );
      } else if (mutation === 'special-float') {
        // YAML has .nan and .inf (JSON has neither): a number set to one must be refused
        const m = mutateTree(base, 'extreme-number', rng);
        const v = rng.pick(['.nan', '.inf', '-.inf']);
        label = `special-float=${v} ${m.label.split(' ')[1] ?? ''}`;
        const text = serialize(m.value, false);
        write(
          text.replace(
            /(: |- )(-?1e\+?308|-?1\.7976931348623157e\+?308|5e-324|-0|0|-1|9007199254740994|1e\+?21)$/m,
            `$1${v}`,
          ),
        );
      } else if (mutation === 'over-size') {
        write(baseYaml);
        truncateSync(file, MAX_INPUT_BYTES + 1 + rng.int(1000)); // sparse: cheap to make
      } else {
        // a product-list CSV the scenario reads, mutated in a copy the scenario points to
        const lists = Object.entries((base.products as Obj).lists as Obj).filter(([, l]) => (l as Obj).file);
        const [id, list] = rng.pick(lists) as [string, Obj];
        const csv = readFileSync(list.file as string, 'utf8');
        const csvFile = join(dir, `case-${n}-list.csv`);
        const kind = rng.pick(['cell', 'header', 'bytes', 'drop-column', 'empty-rows'] as const);
        const lines = csv.split('\n');
        const at = 1 + rng.int(Math.max(1, lines.length - 2));
        if (kind === 'cell') {
          const cells = lines[at].split(',');
          cells[rng.int(cells.length)] = rng.pick([
            'abc',
            '1e308',
            'NaN',
            '-0',
            '',
            '12345678901234',
            '"',
            '2.5',
            '-1',
          ]);
          lines[at] = cells.join(',');
          writeFileSync(csvFile, lines.join('\n'));
        } else if (kind === 'header') {
          lines[0] = lines[0].replace(/^[^,]*/, 'renamed');
          writeFileSync(csvFile, lines.join('\n'));
        } else if (kind === 'drop-column') {
          writeFileSync(csvFile, lines.map((l) => l.split(',').slice(1).join(',')).join('\n'));
        } else if (kind === 'empty-rows') {
          writeFileSync(csvFile, lines[0] + '\n');
        } else writeFileSync(csvFile, mutateBytes(csv, rng.pick(TEXT_MUTATIONS), rng));
        label = `list-csv ${kind} products.lists.${id}`;
        const data = structuredClone(base);
        (((data.products as Obj).lists as Obj)[id] as Obj).file = csvFile;
        write(serialize(data, json));
      }
      const withLedger = rng.chance(ledgerShare);
      return {
        mutation,
        label: `${label}${json ? ' (json)' : ''}`,
        where: [file, 'case-'],
        run: () => {
          const scn = loadScenarioSync(file);
          if (!withLedger) return scn;
          return { scn, ledger: ledgerReport(scn, { date: '2025-06-11' }, (f) => f) };
        },
      };
    },
  };
}
