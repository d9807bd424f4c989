// Mutations of flow CSVs (the generic layout and UN Comtrade+), read from a file as `leverage
// trade flows` and `--flows` read them, then summarised and turned into import weights.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readFlowFile } from '../../../../src/io/index.ts';
import { flowTableWeights, summarizeFlows } from '../../../../src/trade/index.ts';
import type { Rng } from '../rng.ts';
import { scratchDir, type FuzzCase, type FuzzTarget } from '../target.ts';
import { mutateBytes, TEXT_MUTATIONS } from '../text.ts';

const CELL_FAULTS = [
  '1e308',
  '-1e308',
  '1e309',
  '-0',
  'NaN',
  'Infinity',
  '-1',
  '',
  'abc',
  '0x10',
  '1,000',
  '"1,000"',
  '9007199254740993',
  '5e-324',
  '"',
  '2025-06-11',
  '8505.11',
  '85051100999999',
];

const FLOW_MUTATIONS = [
  'cell',
  'column-values',
  'delete-column',
  'rename-column',
  'duplicate-column',
  'duplicate-row',
  'short-row',
  'long-row',
  'unclosed-quote',
  'delimiter',
  'overflow-sum',
  'many-rows',
  'nested-codes',
  ...TEXT_MUTATIONS,
];

/** A generic flow table of `n` rows, codes at mixed depths, a few partners and years. */
export function genericFlowCsv(n: number, rng: Rng): string {
  const partners = ['CHN', 'MEX', 'VNM', 'DEU', 'HKG'];
  const lines = ['reporter,partner,product,year,value_usd,quantity,duties_usd,flow'];
  for (let i = 0; i < n; i++) {
    const hs6 = String(100000 + ((i * 7919) % 900000));
    const code = rng.pick([hs6.slice(0, 4), hs6, hs6 + String(i % 100).padStart(4, '0')]);
    lines.push(
      `USA,${partners[i % partners.length]},${code},${2023 + (i % 2)},${1000 + rng.int(1e7)},${rng.chance(0.3) ? '' : rng.int(1e5)},${rng.int(1e5)},${rng.chance(0.9) ? 'import' : 'export'}`,
    );
  }
  return lines.join('\n') + '\n';
}

export function comtradeCsv(n: number, rng: Rng): string {
  const lines = [
    'typeCode,freqCode,refYear,reporterISO,flowCode,partnerISO,partner2Code,classificationCode,cmdCode,customsCode,motCode,qty,primaryValue',
  ];
  for (let i = 0; i < n; i++) {
    const code = String(100000 + ((i * 104729) % 900000));
    lines.push(
      `C,A,2023,USA,${rng.pick(['M', 'M', 'X'])},${rng.pick(['CHN', 'MEX', 'W00'])},0,H6,${rng.chance(0.05) ? 'TOTAL' : code},${rng.pick(['C00', 'C00', 'C01'])},0,${rng.int(1000)},${rng.int(1e8)}`,
    );
  }
  return lines.join('\n') + '\n';
}

function mutateCsv(
  text: string,
  kind: string,
  rng: Rng,
  maxRows: number,
): { bytes: Buffer | string; label: string } {
  const lines = text.trimEnd().split('\n');
  const header = lines[0].split(',');
  const row = 1 + rng.int(lines.length - 1);
  const col = rng.int(header.length);
  const edit = (f: (cells: string[]) => string[], at = row) => {
    lines[at] = f(lines[at].split(',')).join(',');
    return lines.join('\n') + '\n';
  };
  switch (kind) {
    case 'cell': {
      const v = rng.pick(CELL_FAULTS);
      return { bytes: edit((c) => ((c[col] = v), c)), label: `cell line ${row + 1} ${header[col]}=${v}` };
    }
    case 'column-values': {
      const v = rng.pick(CELL_FAULTS);
      for (let r = 1; r < lines.length; r++)
        lines[r] = lines[r]
          .split(',')
          .map((c, i) => (i === col ? v : c))
          .join(',');
      return { bytes: lines.join('\n'), label: `every ${header[col]}=${v}` };
    }
    case 'delete-column':
      return {
        bytes: lines
          .map((l) =>
            l
              .split(',')
              .filter((_, i) => i !== col)
              .join(','),
          )
          .join('\n'),
        label: `delete ${header[col]}`,
      };
    case 'rename-column':
      return { bytes: edit((c) => ((c[col] = `x_${c[col]}`), c), 0), label: `rename ${header[col]}` };
    case 'duplicate-column':
      return {
        bytes: lines.map((l) => `${l},${l.split(',')[col]}`).join('\n'),
        label: `duplicate ${header[col]}`,
      };
    case 'duplicate-row':
      lines.splice(row, 0, lines[row]);
      return { bytes: lines.join('\n'), label: `duplicate line ${row + 1}` };
    case 'short-row':
      return { bytes: edit((c) => c.slice(0, -1)), label: `short line ${row + 1}` };
    case 'long-row':
      return { bytes: edit((c) => [...c, 'extra']), label: `long line ${row + 1}` };
    case 'unclosed-quote':
      return { bytes: edit((c) => ((c[col] = `"${c[col]}`), c)), label: `unclosed quote line ${row + 1}` };
    case 'delimiter': {
      const d = rng.pick([';', '\t', '|']);
      return { bytes: text.replace(/,/g, d), label: `delimiter ${JSON.stringify(d)}` };
    }
    case 'overflow-sum': {
      // every value large: each finite, the sum not
      const v = rng.pick(['1e306', '1.7e308', '9e307', '1e300']);
      const at = header.findIndex((h) => /value|primaryValue|duties/.test(h));
      for (let r = 1; r < lines.length; r++)
        lines[r] = lines[r]
          .split(',')
          .map((c, i) => (i === at ? v : c))
          .join(',');
      return { bytes: lines.join('\n'), label: `overflow-sum ${header[at]}=${v}` };
    }
    case 'many-rows': {
      const n = rng.pick([5_000, 40_000].filter((x) => x <= maxRows));
      const out = [lines[0]];
      for (let i = 0; i < n; i++) out.push(lines[1 + (i % (lines.length - 1))]);
      return { bytes: out.join('\n'), label: `many-rows ${n}` };
    }
    case 'nested-codes': {
      // aggregates above their own detail lines (a real Comtrade download has them)
      const extra = lines.slice(1).map((l) => {
        const c = l.split(',');
        const p = header.findIndex((h) => /product|cmdCode/.test(h));
        c[p] = c[p].slice(0, 2);
        return c.join(',');
      });
      return { bytes: [...lines, ...extra].join('\n'), label: 'nested-codes' };
    }
    default:
      return { bytes: mutateBytes(text, kind as (typeof TEXT_MUTATIONS)[number], rng), label: kind };
  }
}

export function flowsTarget(opts: { rows?: number; maxRows?: number } = {}): FuzzTarget {
  const scratch = scratchDir('flows');
  let n = 0;
  return {
    name: 'flow-csv',
    limitMs: 5_000,
    setup: scratch.setup,
    teardown: scratch.teardown,
    next(rng: Rng): FuzzCase {
      const comtrade = rng.chance(0.3);
      const rows = opts.rows ?? 30;
      const text = comtrade ? comtradeCsv(rows, rng) : genericFlowCsv(rows, rng);
      const mutation = rng.pick(FLOW_MUTATIONS);
      const { bytes, label } = mutateCsv(text, mutation, rng, opts.maxRows ?? 40_000);
      const name = `flows-${n++}.csv`;
      const file = join(scratch.path(), name);
      writeFileSync(file, bytes);
      return {
        mutation,
        label: `${comtrade ? 'comtrade+' : 'generic'} ${label}`,
        where: [name, file],
        run: () => {
          const t = readFlowFile(file);
          const summary = summarizeFlows(t);
          const hasPair = t.rows.some(
            (r) => r.reporter === 'USA' && r.partner === 'CHN' && r.flow === 'import',
          );
          return { t, summary, weights: hasPair ? flowTableWeights(t, 'USA', 'CHN') : null };
        },
      };
    },
  };
}
