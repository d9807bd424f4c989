// `leverage io calc`: the table's coefficients, inverses, multipliers, linkages and value added
// in trade, as the supply engine computes them (no report of its own: the numbers are the engine's).
import type { Command } from 'commander';
import {
  csrDensity,
  labelText,
  leontiefInverse,
  ghoshInverse,
  linkages,
  multipliers,
  valueAddedInTrade,
  type IOModel,
} from '../../supply/index.ts';
import { parseNumberOption } from '../args.ts';
import { UserError } from '../errors.ts';
import { emit, fmt, table } from '../output.ts';
import {
  addMrioOptions,
  mrioFromOptions,
  round,
  sci,
  solveOpts,
  tableHeader,
  type MrioOptions,
} from './io-options.ts';

const CALC_WHAT = ['x', 'A', 'L', 'G', 'multipliers', 'linkages', 'va'] as const;
type CalcWhat = (typeof CALC_WHAT)[number];

function parseWhat(raw: string): CalcWhat[] {
  const parts = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const p of parts)
    if (!(CALC_WHAT as readonly string[]).includes(p))
      throw new UserError(`--what: unknown item ${JSON.stringify(p)}; choose from ${CALC_WHAT.join(', ')}`);
  return parts as CalcWhat[];
}

const labelCols = (m: IOModel, i: number) => [m.labels[i].region, m.labels[i].sector, m.labels[i].name ?? ''];
const arr = (a: Float64Array) => Array.from(a, (v) => round(v));

/** Add `io calc` to the `io` command. */
export function registerCalc(io: Command): void {
  addMrioOptions(
    io.command('calc').description('A, L, x, multipliers, linkages, value added in trade for an IO table'),
  )
    .option('--what <list>', `comma list of ${CALC_WHAT.join(', ')}`, 'x,multipliers')
    .option('--top <n>', 'rows in the human tables', '20')
    .action(async (o: MrioOptions & { what: string; top: string }) => {
      const what = parseWhat(o.what);
      const top = parseNumberOption('--top', o.top, { integer: true, min: 1 });
      const t = await mrioFromOptions(o);
      const m = t.model;
      const so = solveOpts(o);
      const results: Record<string, unknown> = {};
      const human: string[] = tableHeader(t);
      const labels = m.labels.map((l) => ({
        region: l.region,
        sector: l.sector,
        ...(l.name ? { name: l.name } : {}),
      }));
      const solves: Record<string, unknown> = {};
      if (what.includes('x')) {
        results.x = arr(m.x);
        human.push(
          `x: total gross output ${fmt(
            m.x.reduce((a, b) => a + b, 0),
            0,
          )} ${m.unit}`,
        );
      }
      if (what.includes('A')) {
        results.A = {
          format: 'csr',
          row_ptr: Array.from(m.A.rowPtr),
          col_idx: Array.from(m.A.colIdx),
          values: arr(m.A.values),
        };
        human.push(
          `A: ${m.A.values.length} nonzeros (${(100 * csrDensity(m.A)).toFixed(1)} % dense), stored CSR; use --json for the entries`,
        );
      }
      if (what.includes('L') || what.includes('G')) {
        const L = leontiefInverse(m);
        if (what.includes('L'))
          results.L = Array.from({ length: m.n }, (_, i) => arr(L.subarray(i * m.n, (i + 1) * m.n)));
        if (what.includes('G')) {
          const G = ghoshInverse(m, L);
          results.G = Array.from({ length: m.n }, (_, i) => arr(G.subarray(i * m.n, (i + 1) * m.n)));
        }
        human.push(
          `L${what.includes('G') ? ' and G' : ''}: dense ${m.n} x ${m.n} (formed on request); use --json for the entries`,
        );
      }
      if (what.includes('multipliers')) {
        const mu = multipliers(m, so);
        solves.multipliers = mu.report;
        results.multipliers = {
          output: arr(mu.output),
          value_added: arr(mu.valueAdded),
          factors: mu.factors.map((f) => ({
            account: f.account,
            row: f.row,
            total: arr(f.total),
            type_i: arr(f.typeI),
          })),
        };
        const idx = [...Array(m.n).keys()]
          .filter((i) => m.x[i] > 0)
          .sort((a, b) => mu.output[b] - mu.output[a] || a - b);
        for (const f of mu.factors) {
          const fi = [...Array(m.n).keys()]
            .filter((i) => m.x[i] > 0)
            .sort((a, b) => f.total[b] - f.total[a] || a - b);
          human.push(
            `factor multiplier ${f.account}/${f.row}: largest ${fi
              .slice(0, 3)
              .map((i) => `${labelText(m.labels[i])} ${sci(f.total[i])}`)
              .join(', ')} (all in --json)`,
          );
        }
        human.push('', `Output multipliers (column sums of L), top ${top}`);
        human.push(
          table(
            ['region', 'sector', 'industry', 'output multiplier'],
            idx.slice(0, top).map((i) => [...labelCols(m, i), fmt(mu.output[i], 4)]),
          ),
        );
      }
      if (what.includes('linkages')) {
        const lk = linkages(m, so);
        solves.linkages = lk.report;
        results.linkages = {
          direct_backward: arr(lk.directBackward),
          direct_forward: arr(lk.directForward),
          total_backward: arr(lk.totalBackward),
          total_forward: arr(lk.totalForward),
          normalized_backward: arr(lk.normalizedBackward),
          normalized_forward: arr(lk.normalizedForward),
          key: Array.from(lk.key),
        };
        const idx = [...Array(m.n).keys()]
          .filter((i) => lk.key[i])
          .sort(
            (a, b) =>
              lk.normalizedBackward[b] +
                lk.normalizedForward[b] -
                lk.normalizedBackward[a] -
                lk.normalizedForward[a] || a - b,
          );
        human.push(
          '',
          `Key sectors (normalised backward and forward linkage > 1): ${idx.length}; top ${top}`,
        );
        human.push(
          table(
            ['region', 'sector', 'industry', 'backward', 'forward'],
            idx
              .slice(0, top)
              .map((i) => [
                ...labelCols(m, i),
                fmt(lk.normalizedBackward[i], 3),
                fmt(lk.normalizedForward[i], 3),
              ]),
          ),
        );
      }
      if (what.includes('va')) {
        const va = valueAddedInTrade(m, so);
        solves.va = va.report;
        results.value_added_in_trade = {
          regions: va.regions,
          value_added: va.valueAdded.map((r) => r.map((v) => round(v))),
          gross_exports: va.grossExports,
          vax_ratio: va.vaxRatio.map((v) => round(v)),
        };
        const idx = [...va.regions.keys()].sort((a, b) => va.grossExports[b] - va.grossExports[a]);
        human.push(
          '',
          'Value added in trade: VAX ratio (value added absorbed abroad / gross exports), largest exporters',
        );
        human.push(
          table(
            ['region', 'gross exports', 'VAX ratio'],
            idx.slice(0, top).map((r) => [va.regions[r], fmt(va.grossExports[r], 0), fmt(va.vaxRatio[r], 3)]),
          ),
        );
      }
      await emit(
        {
          table: t.table,
          ...(t.note ? { note: t.note } : {}),
          cleaning: t.cleaning,
          labels,
          results,
          solves,
        },
        o,
        () => human.join('\n'),
      );
    });
}
