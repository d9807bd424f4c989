// `leverage io calc`: the table's coefficients, inverses, multipliers, linkages and value added
// in trade. The document (keys with units) is src/report/io-tables.ts ioCalcReport; this parses
// and formats it for a terminal.
import type { Command } from 'commander';
import { IO_CALC_ITEMS, ioCalcReport, type IoCalcItem } from '../../report/index.ts';
import { csrDensity, labelText, type IOModel } from '../../supply/index.ts';
import { parseNumberOption } from '../args.ts';
import { UserError } from '../errors.ts';
import { emit, fmt, table } from '../output.ts';
import {
  addMrioOptions,
  ioMoneyColumn,
  ioMoneyText,
  mrioFromOptions,
  sci,
  solveOpts,
  tableHeader,
  type MrioOptions,
} from './io-options.ts';

function parseWhat(raw: string): IoCalcItem[] {
  const parts = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const p of parts)
    if (!(IO_CALC_ITEMS as readonly string[]).includes(p))
      throw new UserError(
        `--what: unknown item ${JSON.stringify(p)}; choose from ${IO_CALC_ITEMS.join(', ')}`,
      );
  return parts as IoCalcItem[];
}

const labelCols = (m: IOModel, i: number) => [m.labels[i].region, m.labels[i].sector, m.labels[i].name ?? ''];
/** Row indices by a value, largest first (ties by table order). */
const byValue = (idx: number[], v: number[]) => idx.sort((a, b) => v[b] - v[a] || a - b);

/** Add `io calc` to the `io` command. */
export function registerCalc(io: Command): void {
  addMrioOptions(
    io.command('calc').description('A, L, x, multipliers, linkages, value added in trade for an IO table'),
  )
    .option('--what <list>', `comma list of ${IO_CALC_ITEMS.join(', ')}`, 'x,multipliers')
    .option('--top <n>', 'rows in the human tables', '20')
    .action(async (o: MrioOptions & { what: string; top: string }) => {
      const what = parseWhat(o.what);
      const top = parseNumberOption('--top', o.top, { integer: true, min: 1 });
      const t = await mrioFromOptions(o);
      const m = t.model;
      const rep = ioCalcReport(m, what, solveOpts(o));
      const res = rep.results;
      const col = ioMoneyColumn(rep.unit);
      const human: string[] = tableHeader(t);
      const gross = (res.gross_output_usd_m ?? res.gross_output_table_unit) as number[] | undefined;
      if (gross)
        human.push(
          `x: total gross output ${ioMoneyText(
            gross.reduce((a, b) => a + b, 0),
            rep.unit,
          )} a year`,
        );
      if (what.includes('A'))
        human.push(
          `A: ${m.A.values.length} nonzeros (${(100 * csrDensity(m.A)).toFixed(1)} % dense), stored CSR; use --json for the entries`,
        );
      if (what.includes('L') || what.includes('G'))
        human.push(
          `L${what.includes('G') ? ' and G' : ''}: dense ${m.n} x ${m.n} (formed on request); use --json for the entries`,
        );
      const positive = [...Array(m.n).keys()].filter((i) => m.x[i] > 0);
      const mu = res.multipliers as
        | {
            output_usd_per_usd: number[];
            factors: ({ account: string; row: string } & Record<string, number[]>)[];
          }
        | undefined;
      if (mu) {
        for (const f of mu.factors) {
          const key = Object.keys(f).find((k) => k.startsWith('total_per_'))!;
          human.push(
            `factor multiplier ${f.account}/${f.row} (per ${key.endsWith('usd_m') ? 'USD m' : 'table unit'}): largest ${byValue(
              [...positive],
              f[key],
            )
              .slice(0, 3)
              .map((i) => `${labelText(m.labels[i])} ${sci(f[key][i])}`)
              .join(', ')} (all in --json)`,
          );
        }
        human.push(
          '',
          `Output multipliers (column sums of L: USD of output per USD of final demand), top ${top}`,
        );
        human.push(
          table(
            ['region', 'sector', 'industry', 'output multiplier'],
            byValue([...positive], mu.output_usd_per_usd)
              .slice(0, top)
              .map((i) => [...labelCols(m, i), fmt(mu.output_usd_per_usd[i], 3)]),
          ),
        );
      }
      const lk = res.linkages as
        | { normalized_backward_index: number[]; normalized_forward_index: number[]; key_sector: boolean[] }
        | undefined;
      if (lk) {
        const sum = lk.normalized_backward_index.map((b, i) => b + lk.normalized_forward_index[i]);
        const idx = byValue(
          [...Array(m.n).keys()].filter((i) => lk.key_sector[i]),
          sum,
        );
        human.push(
          '',
          `Key sectors (normalised backward and forward linkage > 1): ${idx.length}; top ${top}`,
        );
        human.push(
          table(
            ['region', 'sector', 'industry', 'backward index', 'forward index'],
            idx
              .slice(0, top)
              .map((i) => [
                ...labelCols(m, i),
                fmt(lk.normalized_backward_index[i], 3),
                fmt(lk.normalized_forward_index[i], 3),
              ]),
          ),
        );
      }
      const va = res.value_added_in_trade as (Record<string, number[]> & { regions: string[] }) | undefined;
      if (va) {
        const exports = va.gross_exports_usd_m ?? va.gross_exports_table_unit;
        const idx = byValue([...va.regions.keys()], exports);
        human.push(
          '',
          'Value added in trade: VAX ratio (value added absorbed abroad / gross exports), largest exporters',
        );
        human.push(
          table(
            ['region', `gross exports ${col.head}`, 'VAX ratio'],
            idx.slice(0, top).map((r) => [va.regions[r], col.cell(exports[r]), fmt(va.vax_share[r], 3)]),
          ),
        );
      }
      await emit(
        {
          table: t.table,
          ...(t.note ? { note: t.note } : {}),
          cleaning: t.cleaning,
          labels: m.labels.map((l) => ({
            region: l.region,
            sector: l.sector,
            ...(l.name ? { name: l.name } : {}),
          })),
          ...rep,
        },
        o,
        () => human.join('\n'),
      );
    });
}
