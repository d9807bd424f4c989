import type { Command } from 'commander';
import { DEFAULT_SCENARIO, loadExposureInputs, loadTable, type LoadedTable } from '../../io/index.ts';
import { rareEarthExposure } from '../../report/index.ts';
import {
  changesByRegion,
  csrDensity,
  demandShock,
  exportCut,
  findSector,
  hypotheticalExtraction,
  labelText,
  leontiefInverse,
  ghoshInverse,
  linkages,
  multipliers,
  supplyShock,
  topChanges,
  valueAddedInTrade,
  type IOModel,
  type ShockModel,
  type SolveMethod,
  type SolveOptions,
} from '../../supply/index.ts';
import { cliField, parseDateOption, parseNumberOption } from '../args.ts';
import { UserError } from '../errors.ts';
import { emit, fmt, sig, table, type OutputOptions } from '../output.ts';
import { loadForCli } from '../scenario.ts';
import { humanExposure } from './exposure-format.ts';
import {
  csvBottleneck,
  humanBottleneck,
  runBottleneckCli,
  type BottleneckCliOptions,
} from './exposure-bottleneck.ts';

interface MrioOptions extends OutputOptions {
  mrio?: string;
  year?: string;
  clean?: boolean;
  method?: string;
}

function mrioFromOptions(o: MrioOptions): Promise<LoadedTable> {
  return loadTable({
    ...(o.mrio !== undefined ? { mrio: o.mrio } : {}),
    ...(o.year !== undefined
      ? { year: parseNumberOption('--year', o.year, { integer: true, min: 1900, max: 2100 }) }
      : {}),
    ...(o.clean !== undefined ? { clean: o.clean } : {}),
  });
}

function solveOpts(o: MrioOptions): SolveOptions {
  const m = o.method ?? 'auto';
  if (!['auto', 'dense', 'gmres'].includes(m))
    throw new UserError(`--method: expected auto, dense or gmres, got ${JSON.stringify(m)}`);
  return { method: m as SolveMethod };
}

function tableHeader(t: LoadedTable): string[] {
  const out = [
    `${t.table.name}: ${t.table.regions} regions x ${t.table.sectors} sectors (n = ${t.table.n}), ${t.table.unit}; A ${(100 * t.table.density_of_a).toFixed(1)} % dense; spectral radius of A ~ ${t.table.spectral_radius.estimate.toFixed(3)}`,
  ];
  if (t.note) out.push(t.note);
  for (const c of t.cleaning.changes) out.push(`cleaned: ${c.at}: ${c.detail}`);
  if (t.table.citation) out.push(`Cite: ${t.table.citation}`);
  return out;
}

const labelCols = (m: IOModel, i: number) => [m.labels[i].region, m.labels[i].sector, m.labels[i].name ?? ''];
export { loadTable, type LoadedTable };

// values of very different sizes (million USD a week, shares): three significant figures
const sci = sig;

const addMrioOptions = (c: Command) =>
  c
    .option('--mrio <dir>', 'IO table folder: pymrio text format or CSV layout (default: shipped WIOD 2011)')
    .option('--year <yyyy>', 'year, for a folder holding wiot_YYYY tables')
    .option(
      '--clean',
      'repair negative outputs/flows and negative value added (default for the shipped table)',
    )
    .option('--method <m>', 'linear solver: auto, dense or gmres', 'auto')
    .option('--json', 'print one JSON document')
    .option('--out <file>', 'write the result to a file');

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

/** Parse "REGION:SECTOR=-20%" into a sector index and a proportional change. */
export function parseShock(
  m: IOModel,
  flag: string,
  raw: string,
): { index: number; label: string; change: number } {
  const eq = raw.lastIndexOf('=');
  if (eq < 0)
    throw new UserError(
      `${flag}: expected REGION:SECTOR=PCT%, e.g. CHN:c14=-20%, got ${JSON.stringify(raw)}`,
    );
  const spec = raw.slice(0, eq);
  const pct = raw.slice(eq + 1).trim();
  if (!/^[-+]?\d+(\.\d+)?%$/.test(pct))
    throw new UserError(
      `${flag}: expected a percentage like -20%, got ${JSON.stringify(pct)} in ${JSON.stringify(raw)}`,
    );
  const change = Number(pct.slice(0, -1)) / 100;
  if (change < -1) throw new UserError(`${flag}: ${pct} is below -100%`);
  let index: number;
  try {
    index = findSector(m, spec);
  } catch (e) {
    throw new UserError(`${flag}: ${(e as Error).message}`);
  }
  return { index, label: labelText(m.labels[index]), change };
}

const collect = (v: string, prev: string[]) => [...prev, ...v.split(',').filter((s) => s.trim() !== '')];
const round = (x: number, d = 6) => (x === 0 ? 0 : Number(x.toPrecision(d + 4)));
const arr = (a: Float64Array) => Array.from(a, (v) => round(v));

// ---------------------------------------------------------------------------------------------

export function register(program: Command): void {
  const io = program
    .command('io')
    .description('input-output tables: coefficients, shocks, extraction (supply-chain engine)');

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

  addMrioOptions(
    io
      .command('shock')
      .description('demand shock (Leontief) or supply constraint (Ghosh downstream / Leontief upstream)'),
  )
    .option(
      '--demand <spec>',
      'final-demand change REGION:SECTOR=PCT%, e.g. CHN:c14=-20% (repeatable, comma list)',
      collect,
      [],
    )
    .option(
      '--supply <spec>',
      'output constraint REGION:SECTOR=PCT%, e.g. CHN:c2=-70% (repeatable, comma list)',
      collect,
      [],
    )
    .option(
      '--export-cut <spec>',
      "cut of a sector's deliveries to other regions REGION:SECTOR=-PCT%, e.g. CHN:c14=-70% (partial extraction)",
      collect,
      [],
    )
    .option(
      '--to <regions>',
      'with --export-cut: only deliveries to these regions (comma list; default all others)',
    )
    .option(
      '--model <m>',
      'leontief or ghosh (default: leontief for --demand, ghosh for --supply and --export-cut)',
    )
    .option('--top <n>', 'sectors to list', '20')
    .action(
      async (
        o: MrioOptions & {
          demand: string[];
          supply: string[];
          exportCut: string[];
          to?: string;
          model?: string;
          top: string;
        },
      ) => {
        const given = [o.demand, o.supply, o.exportCut].filter((x) => x.length > 0).length;
        if (given === 0)
          throw new UserError(
            'give --demand, --supply or --export-cut REGION:SECTOR=PCT% (e.g. --supply CHN:c14=-70%)',
          );
        if (given > 1)
          throw new UserError('give one of --demand, --supply, --export-cut (run separate shocks)');
        if (o.to !== undefined && o.exportCut.length === 0)
          throw new UserError('--to applies to --export-cut only');
        if (o.model !== undefined && o.model !== 'leontief' && o.model !== 'ghosh')
          throw new UserError(`--model: expected leontief or ghosh, got ${JSON.stringify(o.model)}`);
        const top = parseNumberOption('--top', o.top, { integer: true, min: 1 });
        const t = await mrioFromOptions(o);
        const m = t.model;
        const so = solveOpts(o);
        const kind = o.demand.length > 0 ? 'demand' : o.supply.length > 0 ? 'supply' : 'export-cut';
        const model: ShockModel =
          (o.model as ShockModel | undefined) ?? (kind === 'demand' ? 'leontief' : 'ghosh');
        if (kind === 'demand' && model === 'ghosh')
          throw new UserError(
            '--demand with --model ghosh: a final-demand shock is demand-driven; use --model leontief (or --supply for the Ghosh model)',
          );
        const flag = `--${kind}`;
        const specs = (kind === 'demand' ? o.demand : kind === 'supply' ? o.supply : o.exportCut).map((s) =>
          parseShock(m, flag, s),
        );
        let destinations: string[] | undefined;
        if (kind === 'export-cut') {
          for (const s of specs)
            if (s.change > 0) throw new UserError(`${flag}: ${s.label} ${fmt(100 * s.change)}% is not a cut`);
          if (o.to !== undefined) {
            destinations = o.to.split(',').map((r) => r.trim());
            for (const r of destinations)
              if (!m.regions.includes(r))
                throw new UserError(
                  `--to: unknown region ${JSON.stringify(r)}; known: ${m.regions.join(', ')}`,
                );
          } else {
            const exporters = new Set(specs.map((s) => m.labels[s.index].region));
            if (exporters.size > 1)
              throw new UserError(
                `${flag}: sectors in several regions (${[...exporters].join(', ')}); give --to REGIONS to say whose purchases are cut`,
              );
            destinations = m.regions.filter((r) => !exporters.has(r));
          }
        }
        const t0 = performance.now();
        let res;
        const shocks = specs.map((s) => ({
          sector: s.label,
          change: s.change,
          ...(kind === 'demand'
            ? { final_demand: m.y[s.index], delta: s.change * m.y[s.index] }
            : { output: m.x[s.index], delta: s.change * m.x[s.index] }),
        }));
        if (kind === 'demand') {
          const dy = new Float64Array(m.n);
          for (const s of specs) dy[s.index] += s.change * m.y[s.index];
          res = demandShock(m, dy, so);
        } else if (kind === 'export-cut') {
          // remove the share |change| of row k's deliveries to the destination regions (φ = 1, weight = share)
          const mask = Uint8Array.from(m.labels, (l) => (destinations!.includes(l.region) ? 1 : 0));
          const cut = exportCut(
            m,
            specs.map((s) => ({ index: s.index, weight: -s.change })),
            mask,
            so,
          );
          res = { dx: model === 'ghosh' ? cut.downstream(1) : cut.upstream(1), report: cut.report };
        } else {
          res = supplyShock(
            m,
            specs.map((s) => ({ index: s.index, change: s.change })),
            model,
            so,
          );
        }
        const ms = performance.now() - t0;
        const total = res.dx.reduce((a, b) => a + b, 0);
        const regions = changesByRegion(m, res.dx).sort(
          (a, b) => Math.abs(b.change) - Math.abs(a.change) || a.region.localeCompare(b.region),
        );
        const topS = topChanges(m, res.dx, top);
        const result = {
          table: t.table,
          ...(t.note ? { note: t.note } : {}),
          kind,
          model,
          ...(destinations ? { destinations } : {}),
          reading:
            kind === 'demand'
              ? 'Leontief demand-driven: Δx = L Δy'
              : kind === 'export-cut'
                ? model === 'ghosh'
                  ? "Ghosh partial forward extraction: the sector's allocation to the destinations is cut; buyers lose output (no substitution, Dietzenbacher & Lahr 2013)"
                  : 'Leontief partial backward extraction: the destinations stop buying from the sector; the exporter and its suppliers lose sales'
                : model === 'ghosh'
                  ? 'Ghosh supply-driven with the shocked outputs fixed: users lose output in proportion to their allocation (no substitution; an upper-bound style linear reading, Oosterhaven 1988)'
                  : 'Leontief mixed model with the shocked outputs fixed: the constrained sectors buy fewer inputs (upstream effect); implied_final_demand_change is the demand left unserved',
          shocks,
          unit: m.unit,
          total_output_change: round(total),
          by_region: regions.map((r) => ({ ...r, change: round(r.change), relative: round(r.relative) })),
          top_sectors: topS.map((s) => ({ ...s, change: round(s.change), relative: round(s.relative) })),
          ...(res.impliedFinalDemandChange
            ? {
                implied_final_demand_change: specs.map((s) => ({
                  sector: s.label,
                  change: round(res.impliedFinalDemandChange![s.index]),
                })),
              }
            : {}),
          solve: res.report,
        };
        await emit(result, o, () =>
          [
            ...tableHeader(t),
            `${kind} shock, ${model} model: ${shocks.map((s) => `${s.sector} ${fmt(100 * s.change, 2)}%`).join(', ')}`,
            result.reading,
            `Total output change ${fmt(total, 1)} ${m.unit} (solve: ${res.report.method}, ${res.report.iterations} iterations, relative residual ${sig(res.report.relative_residual)}, ${Math.round(ms)} ms)`,
            '',
            table(
              ['region', 'output', 'change', 'change %'],
              regions
                .slice(0, 10)
                .map((r) => [r.region, fmt(r.baseline, 0), fmt(r.change, 1), sci(100 * r.relative)]),
            ),
            '',
            table(
              ['region', 'sector', 'industry', 'output', 'change', 'change %'],
              topS.map((s) => [
                s.region,
                s.sector,
                (s.name ?? '').slice(0, 40),
                fmt(s.baseline, 0),
                fmt(s.change, 1),
                sci(100 * s.relative),
              ]),
            ),
          ].join('\n'),
        );
      },
    );

  addMrioOptions(
    io
      .command('extract')
      .description('hypothetical extraction of every sector (complete, backward, forward; closed forms)'),
  )
    .option('--share <s>', 'extracted share for backward/forward (partial extraction), 0..1', '1')
    .option('--sort <k>', 'complete, backward or forward', 'complete')
    .option('--top <n>', 'rows in the human table', '20')
    .action(async (o: MrioOptions & { share: string; sort: string; top: string }) => {
      const share = parseNumberOption('--share', o.share, { min: 0, max: 1, unit: 'share in [0,1]' });
      const top = parseNumberOption('--top', o.top, { integer: true, min: 1 });
      if (!['complete', 'backward', 'forward'].includes(o.sort))
        throw new UserError(`--sort: expected complete, backward or forward, got ${JSON.stringify(o.sort)}`);
      const t = await mrioFromOptions(o);
      const m = t.model;
      const t0 = performance.now();
      const e = hypotheticalExtraction(m, { ...solveOpts(o), share });
      const ms = performance.now() - t0;
      const key = o.sort as 'complete' | 'backward' | 'forward';
      const rows = [...Array(m.n).keys()].map((i) => ({
        region: m.labels[i].region,
        sector: m.labels[i].sector,
        ...(m.labels[i].name ? { name: m.labels[i].name } : {}),
        output: m.x[i],
        complete: round(e.complete[i]),
        backward: round(e.backward[i]),
        forward: round(e.forward[i]),
        complete_share: round(e.complete[i] / e.totalOutput),
      }));
      const sorted = [...rows.keys()].sort((a, b) => rows[b][key] - rows[a][key] || a - b);
      await emit(
        {
          table: t.table,
          ...(t.note ? { note: t.note } : {}),
          share,
          total_output: e.totalOutput,
          unit: m.unit,
          extractions: sorted.map((i) => rows[i]),
          solve: e.report,
        },
        o,
        () =>
          [
            ...tableHeader(t),
            `${m.n} extractions in ${Math.round(ms)} ms (closed forms; share ${share}); total output T = ${fmt(e.totalOutput, 0)} ${m.unit}`,
            table(
              ['region', 'sector', 'industry', 'complete T_j', 'T_j / T %', 'backward', 'forward'],
              sorted
                .slice(0, top)
                .map((i) => [
                  rows[i].region,
                  rows[i].sector,
                  (rows[i].name ?? '').slice(0, 36),
                  fmt(rows[i].complete, 0),
                  fmt(100 * rows[i].complete_share, 3),
                  fmt(rows[i].backward, 0),
                  fmt(rows[i].forward, 0),
                ]),
            ),
          ].join('\n'),
      );
    });

  program
    .command('exposure')
    .description(
      "rare-earth exposure on a date from the scenario's licensing state (--model linear), or the weekly stock-flow bottleneck model (--model bottleneck)",
    )
    .argument('[scenario]', 'built-in id or scenario file', DEFAULT_SCENARIO)
    .option('--model <m>', 'linear (IO cost share) or bottleneck (stock-flow critical input)', 'linear')
    .option('--at <date>', 'date YYYY-MM-DD (linear model; required there)')
    .option('--from <date>', 'first week of the weekly path (default: start of the first rare-earth control)')
    .option('--start <date>', 'bottleneck: first week (default 2025-03-03)')
    .option('--weeks <n>', 'bottleneck: weeks to run (default 30)')
    .option(
      '--hold-flows-from <date>',
      "bottleneck: China's flows and licence shares stay at their level of this date (counterfactual)",
    )
    .option('--sigma <s>', 'bottleneck: CES elasticity for the critical items (default: the min rule)')
    .option('--cohorts <n>', 'bottleneck: buffer cohorts per user (default 24)')
    .option('--csv', 'bottleneck: print the weekly rows by user as CSV (units and sources as # lines)')
    .option('--mrio <dir>', 'IO table folder (default: shipped WIOD 2011; must use WIOD industry codes)')
    .option('--top <n>', 'US industries to list', '15')
    .option('--json', 'print one JSON document')
    .option('--out <file>', 'write the result to a file')
    .action(
      async (
        scenario: string,
        o: OutputOptions &
          BottleneckCliOptions & { model: string; at?: string; from?: string; mrio?: string; top: string },
      ) => {
        if (o.model === 'bottleneck') {
          const scn = loadForCli(scenario);
          const r = await runBottleneckCli(scn, o);
          await emit(r, o.csv ? { ...o, json: false } : o, () =>
            o.csv ? csvBottleneck(r) : humanBottleneck(r),
          );
          return;
        }
        if (o.model !== 'linear')
          throw new UserError(`--model: expected linear or bottleneck, got ${o.model}`);
        if (o.at === undefined) throw new UserError('--at <date> is required with --model linear');
        const at = parseDateOption('--at', o.at);
        const from = o.from !== undefined ? parseDateOption('--from', o.from) : undefined;
        const top = parseNumberOption('--top', o.top, { integer: true, min: 1 });
        const scn = loadForCli(scenario);
        if (from !== undefined && from > at) throw new UserError(`--from ${from} is after --at ${at}`);
        const inputs = await loadExposureInputs(o.mrio !== undefined ? { mrio: o.mrio } : {});
        const r = rareEarthExposure(scn, at, inputs, from ? { from } : {}, cliField());
        await emit(r, o, () => humanExposure(r, top));
      },
    );
}
