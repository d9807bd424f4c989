// Mutations of small input-output folders in the CSV layout (rows.csv, y_columns.csv, Z.csv,
// Y.csv, x.csv, as the shipped WIOD table), read with readMrio, prepared (the productivity
// check) and solved for a demand shock.
import { mkdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readMrio } from '../../../../src/io/index.ts';
import { demandShock, prepareModel } from '../../../../src/supply/index.ts';
import type { Rng } from '../rng.ts';
import { scratchDir, type FuzzCase, type FuzzTarget } from '../target.ts';
import { mutateBytes, TEXT_MUTATIONS } from '../text.ts';

const CELL_FAULTS = [
  '1e308',
  '-1e308',
  '1e309',
  'NaN',
  'Infinity',
  '-1',
  '-0',
  '',
  'abc',
  '1e-320',
  '0',
  '1e200',
];
const MRIO_MUTATIONS = [
  'cell',
  'row-of',
  'column-of',
  'drop-line',
  'extra-value',
  'delete-file',
  'label',
  'duplicate-label',
  'zero-output',
  'gzip',
  'bytes',
];

interface Table {
  files: Record<string, string>;
}

/** A productive 2-region x 3-sector table: column sums of A about 0.4, outputs 100-1000. */
/** Sector labels as the model's messages name them (region/sector). */
const SECTORS = ['AAA', 'BBB'].flatMap((r) => ['s1', 's2', 's3'].map((s) => `${r}/${s}`));

function baseTable(rng: Rng): Table {
  const regions = ['AAA', 'BBB'];
  const sectors = ['s1', 's2', 's3'];
  const n = regions.length * sectors.length;
  const k = 2;
  const Z = Array.from({ length: n }, () => Array.from({ length: n }, () => Math.round(5 + rng.int(60))));
  const Y = Array.from({ length: n }, () => Array.from({ length: k }, () => Math.round(100 + rng.int(400))));
  const x = Z.map((r, i) => r.reduce((a, b) => a + b, 0) + Y[i].reduce((a, b) => a + b, 0));
  const rows = ['index,country,industry,industry_name'];
  regions.forEach((r, ri) => sectors.forEach((s, si) => rows.push(`${ri * 3 + si},${r},${s},Sector ${s}`)));
  const ycols = ['index,country,category', '0,AAA,households', '1,BBB,households'];
  return {
    files: {
      'rows.csv': rows.join('\n') + '\n',
      'y_columns.csv': ycols.join('\n') + '\n',
      'Z.csv': Z.map((r) => r.join(',')).join('\n') + '\n',
      'Y.csv': Y.map((r) => r.join(',')).join('\n') + '\n',
      'x.csv': ['x', ...x].join('\n') + '\n',
    },
  };
}

function mutate(t: Table, kind: string, rng: Rng): { files: Record<string, string | Buffer>; label: string } {
  const files: Record<string, string | Buffer> = { ...t.files };
  const numeric = rng.pick(['Z.csv', 'Z.csv', 'Y.csv', 'x.csv']);
  const lines = (t.files[numeric] as string).trimEnd().split('\n');
  const first = numeric === 'x.csv' ? 1 : 0;
  const at = first + rng.int(lines.length - first);
  const v = rng.pick(CELL_FAULTS);
  const setCells = (pred: (r: number, c: number) => boolean) =>
    lines
      .map((l, r) =>
        r < first
          ? l
          : l
              .split(',')
              .map((x, c) => (pred(r, c) ? v : x))
              .join(','),
      )
      .join('\n');
  switch (kind) {
    case 'cell': {
      const col = rng.int(lines[at].split(',').length);
      files[numeric] = setCells((r, c) => r === at && c === col);
      return { files, label: `${numeric} line ${at + 1} value ${col + 1}=${v}` };
    }
    case 'row-of':
      files[numeric] = setCells((r) => r === at);
      return { files, label: `${numeric} line ${at + 1} all=${v}` };
    case 'column-of': {
      const col = rng.int(lines[at].split(',').length);
      files[numeric] = setCells((_r, c) => c === col);
      return { files, label: `${numeric} column ${col + 1} all=${v}` };
    }
    case 'drop-line':
      lines.splice(at, 1);
      files[numeric] = lines.join('\n');
      return { files, label: `${numeric} drop line ${at + 1}` };
    case 'extra-value':
      lines[at] += ',1';
      files[numeric] = lines.join('\n');
      return { files, label: `${numeric} extra value line ${at + 1}` };
    case 'delete-file': {
      const f = rng.pick(Object.keys(files));
      delete files[f];
      return { files, label: `delete ${f}` };
    }
    case 'label': {
      const f = rng.pick(['rows.csv', 'y_columns.csv']);
      const ls = (files[f] as string).trimEnd().split('\n');
      const r = rng.int(ls.length);
      const cells = ls[r].split(',');
      cells[rng.int(cells.length)] = rng.pick(['', '"', 'x,y', '__proto__', 'abc']);
      ls[r] = cells.join(',');
      files[f] = ls.join('\n');
      return { files, label: `${f} line ${r + 1} label` };
    }
    case 'duplicate-label': {
      const ls = (files['rows.csv'] as string).trimEnd().split('\n');
      ls[2] = ls[2].replace(
        /^(\d+),[^,]*,[^,]*/,
        (_m, i) => `${i},${ls[1].split(',')[1]},${ls[1].split(',')[2]}`,
      );
      files['rows.csv'] = ls.join('\n');
      return { files, label: 'rows.csv duplicate sector' };
    }
    case 'zero-output': {
      // a sector with no output at all: a column of A is undefined (0/0)
      const z = (files['Z.csv'] as string).trimEnd().split('\n');
      const i = rng.int(z.length);
      files['Z.csv'] = z
        .map((l, r) =>
          r === i
            ? l.replace(/[^,]+/g, '0')
            : l
                .split(',')
                .map((x, c) => (c === i ? '0' : x))
                .join(','),
        )
        .join('\n');
      const y = (files['Y.csv'] as string).trimEnd().split('\n');
      y[i] = y[i].replace(/[^,]+/g, '0');
      files['Y.csv'] = y.join('\n');
      delete files['x.csv'];
      return { files, label: `zero-output sector ${i + 1}` };
    }
    case 'gzip': {
      const f = rng.pick(['Z.csv', 'Y.csv']);
      const gz = gzipSync(files[f] as string);
      delete files[f];
      files[`${f}.gz`] = rng.chance(0.5) ? gz.subarray(0, Math.max(1, rng.int(gz.length))) : gz;
      return { files, label: `${f}.gz ${files[`${f}.gz`].length === gz.length ? 'whole' : 'truncated'}` };
    }
    default: {
      const f = rng.pick(Object.keys(files));
      const m = rng.pick(TEXT_MUTATIONS);
      files[f] = mutateBytes(t.files[f], m, rng);
      return { files, label: `${f} ${m}` };
    }
  }
}

export function mrioTarget(): FuzzTarget {
  const scratch = scratchDir('mrio');
  let n = 0;
  return {
    name: 'mrio',
    limitMs: 5_000,
    setup: scratch.setup,
    teardown: scratch.teardown,
    next(rng: Rng): FuzzCase {
      const mutation = rng.pick(MRIO_MUTATIONS);
      const { files, label } = mutate(baseTable(rng), mutation, rng);
      const name = `mrio-${n++}`;
      const folder = join(scratch.path(), name);
      mkdirSync(folder);
      for (const [f, text] of Object.entries(files)) writeFileSync(join(folder, f), text);
      if (!files['Z.csv'] && !files['Z.csv.gz']) {
        try {
          unlinkSync(join(folder, 'Z.csv'));
        } catch {
          // not there: the point of the case
        }
      }
      const clean = rng.chance(0.5);
      return {
        mutation,
        label: `${label}${clean ? ' (clean)' : ''}`,
        // the model's checks name the row and column of the table (its folder is the user's argument)
        where: [name, folder, /\b(rows?|columns?) \d+/, ...SECTORS],
        run: async () => {
          const sys = await readMrio(folder);
          const m = prepareModel(sys, { clean });
          const dy = new Float64Array(m.n);
          dy[0] = -0.1 * m.y[0];
          return { sys, m, shock: demandShock(m, dy) };
        },
      };
    },
  };
}
