// `leverage io calc|shock|extract`: the input-output engine on a table (the shipped WIOD 2011 one
// or --mrio). The shock's figures are computed in src/report/io-shock.ts (the API's shock too);
// calc (io-calc.ts) and extract print the engine's results. This parses, calls and formats.
import type { Command } from 'commander';
import type { LoadedTable } from '../../io/index.ts';
import {
  ioMoney,
  ioShockDocument,
  ioShockRun,
  ioExtractReport,
  type IoExtractReport,
  type IoShockKind,
  type IoShockRun,
} from '../../report/index.ts';
import { findSector, labelText, type IOModel, type ShockModel } from '../../supply/index.ts';
import { parseNumberOption } from '../args.ts';
import { UserError } from '../errors.ts';
import { emit, fmt, sig, table } from '../output.ts';
import { registerCalc } from './io-calc.ts';
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

/** `io shock` for a terminal: the report's figures, money in USD m (or the table's own unit). */
function humanShock(t: LoadedTable, r: IoShockRun, ms: number): string {
  const money = ioMoney(t.model.unit).suffix === 'usd_m' ? 'USD m' : t.model.unit;
  return [
    ...tableHeader(t),
    `${r.kind} shock, ${r.model} model: ${r.shocks.map((s) => `${s.sector} ${fmt(100 * s.change_share, 2)}%`).join(', ')}`,
    r.reading,
    `Total output change ${fmt(r.total_output_change_usd_m, 1)} ${money} a year (solve: ${r.solve.method}, ${r.solve.iterations} iterations, relative residual ${sig(r.solve.relative_residual)}, ${Math.round(ms)} ms)`,
    '',
    table(
      ['region', `output ${money}`, `change ${money}`, 'change %'],
      r.by_region
        .slice(0, 10)
        .map((c) => [c.region, fmt(c.baseline_usd_m, 0), fmt(c.change_usd_m, 1), sci(100 * c.change_share)]),
    ),
    '',
    table(
      ['region', 'sector', 'industry', `output ${money}`, `change ${money}`, 'change %'],
      r.top_sectors.map((c) => [
        c.region,
        c.sector,
        (c.name ?? '').slice(0, 40),
        fmt(c.baseline_usd_m, 0),
        fmt(c.change_usd_m, 1),
        sci(100 * c.change_share),
      ]),
    ),
  ].join('\n');
}

export function register(program: Command): void {
  const io = program
    .command('io')
    .description('input-output tables: coefficients, shocks, extraction (supply-chain engine)');
  registerCalc(io);

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
        const kind: IoShockKind =
          o.demand.length > 0 ? 'demand' : o.supply.length > 0 ? 'supply' : 'export-cut';
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
        const r = ioShockRun(m, {
          kind,
          model,
          shocks: specs.map((s) => ({ index: s.index, change: s.change })),
          ...(destinations ? { destinations } : {}),
          top,
          solve: so,
        });
        const ms = performance.now() - t0;
        const doc = { table: t.table, ...(t.note ? { note: t.note } : {}), ...ioShockDocument(r, m.unit) };
        await emit(doc, o, () => humanShock(t, r, ms));
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
      const e = ioExtractReport(m, {
        ...solveOpts(o),
        share,
        sort: o.sort as 'complete' | 'backward' | 'forward',
      });
      const ms = performance.now() - t0;
      const col = ioMoneyColumn(e.unit);
      await emit(
        {
          table: t.table,
          ...(t.note ? { note: t.note } : {}),
          ...(ioShockDocument(e, m.unit) as IoExtractReport),
        },
        o,
        () =>
          [
            ...tableHeader(t),
            `${m.n} extractions in ${Math.round(ms)} ms (closed forms; share ${share}); total output T = ${ioMoneyText(e.total_output_usd_m, e.unit)} a year`,
            `T_j: world output lost when sector j is extracted; money columns in ${col.head}`,
            table(
              ['region', 'sector', 'industry', 'complete T_j', 'T_j / T %', 'backward', 'forward'],
              e.extractions
                .slice(0, top)
                .map((x) => [
                  x.region,
                  x.sector,
                  (x.name ?? '').slice(0, 36),
                  col.cell(x.complete_usd_m),
                  fmt(100 * x.complete_share, 2),
                  col.cell(x.backward_usd_m),
                  col.cell(x.forward_usd_m),
                ]),
            ),
          ].join('\n'),
      );
    });
}
